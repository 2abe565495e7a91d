//go:build !windows

package store

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/engage-toolkit/engage/internal/atomicfile"
)

// policy is the permission check Open makes, with the facts it rests on
// injected, so that tests running as root (who may read anything) can
// still exercise it.
type policy struct {
	uid   int                             // the user engage runs as
	owner func(fs.FileInfo) (int, bool)   // a file's owner, when known
	chmod func(string, fs.FileMode) error // os.Chmod
}

func systemPolicy() policy {
	return policy{uid: os.Getuid(), owner: fileOwner, chmod: os.Chmod}
}

func fileOwner(info fs.FileInfo) (int, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}

// check looks at the store at path (which may not exist yet), its folder
// and its backups folder. It refuses, with an *InsecureError, a store or
// backups folder that belongs to another user and a folder that anyone may
// write to (without the sticky bit), unless allow is set. An own store or
// backups folder readable by others is made private (0600, 0700); what was
// changed or allowed goes to notify.
func (p policy) check(path string, allow bool, notify func(string)) error {
	refuse := func(reason string) error {
		if allow {
			notify(fmt.Sprintf("using the store %s although %s (--insecure-store)", path, reason))
			return nil
		}
		return &InsecureError{Path: path, Reason: reason}
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err == nil {
		if m := info.Mode(); m.Perm()&0o002 != 0 && m&fs.ModeSticky == 0 {
			if err := refuse(fmt.Sprintf("its folder %s can be written by anyone (mode %04o), so another user could replace it", dir, m.Perm())); err != nil {
				return err
			}
		}
	}
	type file struct {
		path, what string
		perm       fs.FileMode
	}
	// Judge both before changing either: a refusal changes nothing.
	var loose []file
	for _, f := range []struct {
		path, what string
		dir        bool
	}{{path, "the store", false}, {BackupDir(path), "its backups folder", true}} {
		info, err := os.Stat(f.path)
		if err != nil || info.IsDir() != f.dir {
			continue // missing (it will be made private), or not ours to judge
		}
		if uid, ok := p.owner(info); ok && uid != p.uid {
			reason := fmt.Sprintf("it belongs to another user (uid %d)", uid)
			if f.dir {
				reason = fmt.Sprintf("its backups folder %s belongs to another user (uid %d)", f.path, uid)
			}
			if err := refuse(reason); err != nil {
				return err
			}
			continue
		}
		if perm := info.Mode().Perm(); perm&0o077 != 0 {
			loose = append(loose, file{f.path, f.what, perm})
		}
	}
	for _, f := range loose {
		perm, want := f.perm, f.perm&^0o077
		if err := p.chmod(f.path, want); err != nil {
			notify(fmt.Sprintf("%s %s can be read by others (mode %04o) and could not be made private: %v", f.what, f.path, perm, atomicfile.Cause(err)))
			continue
		}
		notify(fmt.Sprintf("made %s %s private: mode %04o, was %04o (it holds personal data)", f.what, f.path, want, perm))
	}
	return nil
}
