//go:build unix

package cli_test

import (
	"os/exec"
	"runtime"
	"syscall"
)

// childRSS is the most resident memory the finished child had, in bytes;
// 0 where the platform does not say.
func childRSS(cmd *exec.Cmd) int64 {
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	rss := ru.Maxrss * 1024 // kilobytes on Linux
	if runtime.GOOS == "darwin" {
		rss = ru.Maxrss // bytes on macOS
	}
	return rss
}
