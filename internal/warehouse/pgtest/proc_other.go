//go:build !unix

package pgtest

import (
	"os"
	"syscall"
)

// sysProcAttr is nil: the server runs as the current user.
func sysProcAttr(account) *syscall.SysProcAttr { return nil }

// interrupt stops the server (there is no SIGINT to send).
func interrupt(p *os.Process) { p.Kill() }
