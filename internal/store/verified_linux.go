package store

import (
	"os"
	"syscall"
)

func stampOf(info os.FileInfo) (stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return stamp{}, false
	}
	return stamp{
		dev: uint64(st.Dev), ino: uint64(st.Ino),
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}, true
}

// ownPrivateFile reports whether info is a regular file of the user's own
// that no one else may write.
func ownPrivateFile(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && info.Mode().IsRegular() && int(st.Uid) == os.Getuid() && info.Mode().Perm()&0o022 == 0
}

// Linux file systems whose change time cannot be trusted: FAT has none
// (Linux reports the modification time, which a program can set, at a
// granularity of 2 s), exFAT's is as coarse, and a FUSE file system's is
// whatever its program says.
const (
	msdosMagic = 0x4d44
	exfatMagic = 0x2011bab0
	fuseMagic  = 0x65735546
)

// trustedTimes reports whether the file system holding f keeps a change
// time that programs cannot set: without one the verified state is not
// used there, and every open walks the store.
func trustedTimes(f *os.File) bool {
	var st syscall.Statfs_t
	if err := syscall.Fstatfs(int(f.Fd()), &st); err != nil {
		return false
	}
	switch uint32(st.Type) {
	case msdosMagic, exfatMagic, fuseMagic:
		return false
	}
	return true
}
