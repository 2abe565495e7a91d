//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// errLockTimeout is returned by lockShared when a writer held the file
// for the whole timeout.
var errLockTimeout = errors.New("the store is locked")

// lockShared takes a shared lock on f, the lock bbolt's readers take, so
// that no engage writes the file while Open looks at it; it gives up
// after timeout. Closing f lets go of it.
func lockShared(f *os.File, timeout time.Duration) error {
	start := time.Now()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		if time.Since(start) > timeout {
			return errLockTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}
