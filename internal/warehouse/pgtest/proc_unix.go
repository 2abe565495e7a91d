//go:build unix && !linux

package pgtest

import (
	"os"
	"syscall"
)

// sysProcAttr runs a process as a (when running as root).
func sysProcAttr(a account) *syscall.SysProcAttr {
	if !a.root {
		return nil
	}
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(a.uid), Gid: uint32(a.gid)}}
}

// interrupt asks the server for a fast shutdown.
func interrupt(p *os.Process) { p.Signal(syscall.SIGINT) }
