//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package atomicfile

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// holdTemp takes an exclusive lock on the temporary file at path, kept
// until the returned closer is closed. ok is false when the file was
// removed (by a CleanLeftovers that found it unlocked) before the lock was
// taken: the caller makes another.
func holdTemp(f *os.File) (hold io.Closer, ok bool, err error) {
	h, err := os.Open(f.Name())
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(h.Fd()), syscall.LOCK_EX); err != nil {
		h.Close()
		return nil, false, err
	}
	mine, err1 := f.Stat()
	now, err2 := os.Stat(f.Name())
	if err1 != nil || err2 != nil || !os.SameFile(mine, now) {
		h.Close()
		return nil, false, nil
	}
	return h, true, nil
}

// removeIfAbandoned removes the temporary file at path unless a write
// holds its lock.
func removeIfAbandoned(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return false, errBusy
		}
		return false, err
	}
	if err := os.Remove(path); err != nil {
		return false, Cause(err)
	}
	return true, nil
}
