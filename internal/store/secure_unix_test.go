//go:build !windows

package store

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newStoreFile makes a closed store at dir/engage.db and returns its path.
func newStoreFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AutoBackup("test"); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// notes collects what Open says it did.
type notes []string

func (n *notes) notify(s string) { *n = append(*n, s) }

func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// An own store made readable by others (by hand, by a copy, by another
// tool) is made private again on open, and the user is told, once.
func TestOpenTightensAnOwnStore(t *testing.T) {
	for _, readOnly := range []bool{false, true} {
		path := newStoreFile(t, t.TempDir())
		if err := os.Chmod(path, 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(BackupDir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(path)
		var said notes
		s, err := Open(path, Options{ReadOnly: readOnly, Notify: said.notify})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if m := mode(t, path); m != 0o600 {
			t.Errorf("read-only %v: the store has mode %04o, want 0600", readOnly, m)
		}
		if m := mode(t, BackupDir(path)); m != 0o700 {
			t.Errorf("read-only %v: the backups folder has mode %04o, want 0700", readOnly, m)
		}
		if len(said) != 2 || !strings.Contains(said[0], "made the store "+path+" private: mode 0600, was 0666") ||
			!strings.Contains(said[1], "made its backups folder "+BackupDir(path)+" private: mode 0700, was 0755") {
			t.Errorf("read-only %v: Open said %q", readOnly, said)
		}
		if after, _ := os.ReadFile(path); readOnly && !bytes.Equal(before, after) {
			t.Errorf("a read-only open changed the store's bytes")
		}
		said = nil
		s, err = Open(path, Options{ReadOnly: readOnly, Notify: said.notify})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if len(said) != 0 {
			t.Errorf("a private store's open said %q", said)
		}
	}
}

func TestOpenSaysWhenItCannotTighten(t *testing.T) {
	path := newStoreFile(t, t.TempDir())
	os.Chmod(path, 0o644)
	p := systemPolicy()
	p.chmod = func(string, fs.FileMode) error { return &fs.PathError{Op: "chmod", Path: path, Err: fs.ErrPermission} }
	var said notes
	s, err := Open(path, Options{Notify: said.notify, policy: &p})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if len(said) != 1 || !strings.Contains(said[0], "can be read by others (mode 0644) and could not be made private: permission denied") {
		t.Errorf("Open said %q", said)
	}
}

// A store or backups folder of another user is refused, and left as it
// is, unless the user insists. The owner is injected: the tests may run
// as root, who can read anything.
func TestOpenRefusesAnotherUsersStore(t *testing.T) {
	for _, c := range []struct {
		name  string
		owned func(path string) string // which file the other user owns
		want  string
	}{
		{"the store", func(path string) string { return path }, "it belongs to another user (uid 4242)"},
		{"the backups folder", BackupDir, "its backups folder " + "%s" + " belongs to another user (uid 4242)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := newStoreFile(t, t.TempDir())
			os.Chmod(path, 0o666)
			theirs := c.owned(path)
			p := systemPolicy()
			p.owner = func(info fs.FileInfo) (int, bool) {
				if mine, err := os.Stat(theirs); err == nil && os.SameFile(info, mine) {
					return 4242, true
				}
				return p.uid, true
			}
			before, _ := os.ReadFile(path)
			_, err := Open(path, Options{policy: &p})
			var ie *InsecureError
			want := strings.Replace(c.want, "%s", BackupDir(path), 1)
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), want) || !strings.Contains(ie.Hint(), "--insecure-store") {
				t.Fatalf("Open = %v, want an InsecureError saying %q", err, want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("a refused store changed")
			}
			if mode(t, path) != 0o666 {
				t.Error("a refused store's mode was changed")
			}
			var said notes
			s, err := Open(path, Options{policy: &p, AllowInsecure: true, Notify: said.notify})
			if err != nil {
				t.Fatalf("with AllowInsecure: %v", err)
			}
			s.Close()
			if len(said) == 0 || !strings.Contains(said[0], "although "+want) {
				t.Errorf("with AllowInsecure Open said %q", said)
			}
		})
	}
}

// The same with a real owner: as root, the test gives the store to
// another uid; others cannot.
func TestOpenRefusesAStoreChownedAway(t *testing.T) {
	path := newStoreFile(t, t.TempDir())
	if err := os.Chown(path, os.Getuid()+4242, -1); err != nil {
		t.Skipf("cannot give the store to another user (%v); that needs root", err)
	}
	_, err := Open(path, Options{})
	var ie *InsecureError
	if !errors.As(err, &ie) {
		t.Fatalf("Open = %v, want an InsecureError", err)
	}
}

func TestOpenRefusesAFolderAnyoneCanWrite(t *testing.T) {
	for _, c := range []struct {
		mode   fs.FileMode
		refuse bool
	}{{0o777, true}, {0o777 | fs.ModeSticky, false}, {0o775, false}} {
		dir := filepath.Join(t.TempDir(), "shared")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := newStoreFile(t, dir)
		if err := os.Chmod(dir, c.mode); err != nil {
			t.Fatal(err)
		}
		for _, readOnly := range []bool{false, true} {
			s, err := Open(path, Options{ReadOnly: readOnly})
			var ie *InsecureError
			if c.refuse != errors.As(err, &ie) {
				t.Errorf("folder %v, read-only %v: Open = %v", c.mode, readOnly, err)
			}
			if err == nil {
				s.Close()
			}
		}
		// Nor is a new store started there.
		_, err := Open(filepath.Join(dir, "new.db"), Options{})
		var ie *InsecureError
		if c.refuse && !errors.As(err, &ie) {
			t.Errorf("folder %v: a new store: %v", c.mode, err)
		}
		if _, err := Restore(path, filepath.Join(dir, "restored.db"), Options{}); c.refuse && !errors.As(err, &ie) {
			t.Errorf("folder %v: a restore to a new store: %v", c.mode, err)
		}
		if c.refuse {
			if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
				t.Errorf("a new store was made in a folder anyone can write to")
			}
			if s, err := Open(path, Options{AllowInsecure: true}); err != nil {
				t.Errorf("with AllowInsecure: %v", err)
			} else {
				s.Close()
			}
		}
	}
}

// What a killed restore or backup left beside the store and in its
// backups folder is removed when the store is next opened, and said.
func TestOpenRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := newStoreFile(t, dir)
	left := []string{
		filepath.Join(dir, ".engage.db.2718281828.tmp"),
		filepath.Join(BackupDir(path), ".engage-20260101T000000.000Z-before-restore.db.314.tmp"),
	}
	for _, l := range left {
		if err := os.WriteFile(l, bytes.Repeat([]byte("Ada Lovelace, senior "), 100), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, ".notes.txt.1.tmp") // not the store's
	os.WriteFile(other, nil, 0o600)
	var said notes
	s, err := Open(path, Options{ReadOnly: true, Notify: said.notify})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, l := range left {
		if _, err := os.Stat(l); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there", l)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("a temporary file that is not the store's was removed")
	}
	if len(said) != 2 || !strings.Contains(said[0], "removed a temporary copy left beside the store by an engage that was stopped (3 KB): .engage.db.2718281828.tmp") ||
		!strings.Contains(said[1], "left in "+BackupDir(path)) {
		t.Errorf("Open said %q", said)
	}
	// Verifying a backup is not opening a store: it tidies nothing.
	os.WriteFile(left[0], nil, 0o600)
	if err := VerifyFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left[0]); err != nil {
		t.Errorf("VerifyFile tidied the folder of the file it checked")
	}
}
