//go:build windows

package atomicfile

import (
	"io"
	"os"
)

// holdTemp holds nothing more on Windows: the open temporary file itself
// cannot be removed while it is being written.
func holdTemp(*os.File) (io.Closer, bool, error) { return nopCloser{}, true, nil }

// removeIfAbandoned removes the temporary file at path; a write under way
// keeps it open, and Windows does not remove an open file.
func removeIfAbandoned(path string) (bool, error) {
	if err := os.Remove(path); err != nil {
		return false, errBusy
	}
	return true, nil
}
