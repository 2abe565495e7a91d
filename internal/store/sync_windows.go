//go:build windows

package store

import (
	"errors"
	"syscall"
)

// syncDir is a no-op on Windows, where a rename is durable once it returns
// and folders cannot be synced.
func syncDir(string) error { return nil }

// ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL.
const (
	errHandleDiskFull syscall.Errno = 39
	errDiskFull       syscall.Errno = 112
)

func isDiskFull(err error) bool {
	return errors.Is(err, errDiskFull) || errors.Is(err, errHandleDiskFull)
}

func isReadOnlyFS(err error) bool { return false }
