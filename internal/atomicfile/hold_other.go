//go:build !windows && !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package atomicfile

import (
	"io"
	"os"
)

// holdTemp holds nothing where there is no flock.
func holdTemp(*os.File) (io.Closer, bool, error) { return nopCloser{}, true, nil }

// removeIfAbandoned removes nothing where a write under way cannot be told
// apart: it says so, and the caller lists the file.
func removeIfAbandoned(string) (bool, error) { return false, errCannotTell }
