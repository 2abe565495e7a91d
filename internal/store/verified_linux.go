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
