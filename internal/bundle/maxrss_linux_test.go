//go:build linux

package bundle_test

import "syscall"

// maxRSS returns the most resident memory the process has had, in bytes
// (the store's memory-mapped pages included).
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}
