package pgtest

import (
	"os"
	"syscall"
)

// sysProcAttr runs a process as a (when running as root), and has the
// kernel stop it when the test binary ends, however it ends.
func sysProcAttr(a account) *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if a.root {
		attr.Credential = &syscall.Credential{Uid: uint32(a.uid), Gid: uint32(a.gid)}
	}
	return attr
}

// interrupt asks the server for a fast shutdown.
func interrupt(p *os.Process) { p.Signal(syscall.SIGINT) }
