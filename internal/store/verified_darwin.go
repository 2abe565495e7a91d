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
		mtime: st.Mtimespec.Nano(), ctime: st.Ctimespec.Nano(),
	}, true
}

// ownPrivateFile reports whether info is a regular file of the user's own
// that no one else may write.
func ownPrivateFile(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && info.Mode().IsRegular() && int(st.Uid) == os.Getuid() && info.Mode().Perm()&0o022 == 0
}

// trustedTimes reports whether the file system holding f keeps a change
// time that programs cannot set: FAT and exFAT (a USB stick) have none
// worth the name, and a FUSE file system's is whatever its program says.
// Without one the verified state is not used there, and every open walks
// the store.
func trustedTimes(f *os.File) bool {
	var st syscall.Statfs_t
	if err := syscall.Fstatfs(int(f.Fd()), &st); err != nil {
		return false
	}
	var name []byte
	for _, c := range st.Fstypename {
		if c == 0 {
			break
		}
		name = append(name, byte(c))
	}
	switch string(name) {
	case "msdos", "exfat", "osxfuse", "macfuse", "fusefs":
		return false
	}
	return true
}
