//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"os"
	"syscall"
)

// holdFile locks f, a staged copy being written, until it is closed, as
// atomicfile holds its temporary files: an engage that opens the store
// meanwhile leaves a locked one alone.
func holdFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }
