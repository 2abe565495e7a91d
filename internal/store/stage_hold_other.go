//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package store

import "os"

// holdFile holds nothing more: on Windows an open file cannot be removed,
// and where there is no flock atomicfile removes no leftover it cannot
// tell apart from one in use.
func holdFile(*os.File) error { return nil }
