package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/engage-toolkit/engage/internal/workbook"
)

func skipWithoutVerifiedState(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("the verified state is recorded on Linux and macOS only")
	}
}

// cleanStore builds a store with 200 records in a bucket of several pages
// and closes it cleanly.
func cleanStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx workbook.Tx) error {
		for i := range 200 {
			k := strings.Repeat("k", 10) + string(rune('a'+i%26)) + string(rune('a'+i/26))
			if err := tx.Put("things", k, []byte(strings.Repeat("value", 40))); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openCounting opens the store at path and says whether Open walked it.
func openCounting(t *testing.T, path string, opts Options) (*Store, bool, error) {
	t.Helper()
	walked := false
	opts.walked = func() { walked = true }
	s, err := Open(path, opts)
	return s, walked, err
}

// mustOpen opens path, checks whether it was walked, and closes it.
func mustOpen(t *testing.T, path string, opts Options, wantWalk bool) {
	t.Helper()
	s, walked, err := openCounting(t, path, opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if walked != wantWalk {
		t.Fatalf("open walked the file: %v, want %v", walked, wantWalk)
	}
}

// thingsRoot returns the page that the "things" bucket's tree starts at.
func thingsRoot(t *testing.T, path string) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var root uint64
	db.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket([]byte("things")).Root())
		return nil
	})
	if root < 2 {
		t.Fatalf("the things bucket is inline (root %d); the test needs a page of its own", root)
	}
	return root
}

// overwriteInPlace writes b at page id of the file, keeping its size and
// setting its modification time back to what it was: what another program
// writing into the file, and covering its tracks, does.
func overwriteInPlace(t *testing.T, path string, id uint64, b []byte) {
	t.Helper()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// File times move in ticks of a few milliseconds: a write in the same
	// tick as engage's last commit leaves the change time as it was (see
	// docs/store-safety.md). Let one pass.
	time.Sleep(20 * time.Millisecond)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(b, int64(id)*4096); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Fatalf("could not forge the file's size and time")
	}
}

func TestCleanCloseRecordsTheStateAndOpenSkipsTheWalk(t *testing.T) {
	skipWithoutVerifiedState(t)
	path := cleanStore(t)
	info, err := os.Stat(VerifiedPath(path))
	if err != nil {
		t.Fatalf("no verified state after a clean close: %v", err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("verified state mode = %o, want 600", got)
	}
	mustOpen(t, path, Options{ReadOnly: true}, false)
	mustOpen(t, path, Options{}, false)
	// A close with nothing committed leaves the record as it was.
	if again, err := os.Stat(VerifiedPath(path)); err != nil || !os.SameFile(info, again) {
		t.Errorf("a close with no change rewrote the verified state (%v)", err)
	}
	// A writable open that commits records the state the commit left.
	s, walked, err := openCounting(t, path, Options{})
	if err != nil || walked {
		t.Fatalf("open: walked %v, %v", walked, err)
	}
	put(t, s, "things", "more", "yes")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, path, Options{ReadOnly: true}, false)
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left a temporary file: %s", e.Name())
		}
	}
}

func TestOpenWalksWhenTheStateDoesNotMatch(t *testing.T) {
	skipWithoutVerifiedState(t)
	tests := []struct {
		name   string
		change func(t *testing.T, path string) string // returns the path to open
	}{
		{"engage stopped after a commit, before closing", func(t *testing.T, path string) string {
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			put(t, s, "things", "unclean", "stop")
			s.db.Close() // what a kill leaves: bbolt's commit, no clean close
			return path
		}},
		{"copied elsewhere with its verified state and times", func(t *testing.T, path string) string {
			dst := filepath.Join(t.TempDir(), "engage.db")
			for _, p := range []string{path, VerifiedPath(path)} {
				raw, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				info, _ := os.Stat(p)
				to := filepath.Join(filepath.Dir(dst), filepath.Base(p))
				if err := os.WriteFile(to, raw, 0o600); err != nil {
					t.Fatal(err)
				}
				os.Chtimes(to, info.ModTime(), info.ModTime())
			}
			return dst
		}},
		{"replaced by an identical file", func(t *testing.T, path string) string {
			raw, _ := os.ReadFile(path)
			info, _ := os.Stat(path)
			if err := os.WriteFile(path+".new", raw, 0o600); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(path+".new", info.ModTime(), info.ModTime())
			if err := os.Rename(path+".new", path); err != nil {
				t.Fatal(err)
			}
			return path
		}},
		{"touched", func(t *testing.T, path string) string {
			now := time.Now().Add(time.Hour)
			os.Chtimes(path, now, now)
			return path
		}},
		{"times set back to what they were", func(t *testing.T, path string) string {
			info, _ := os.Stat(path)
			time.Sleep(20 * time.Millisecond) // past the change time's tick
			os.Chtimes(path, info.ModTime(), info.ModTime())
			return path
		}},
		{"verified state edited", func(t *testing.T, path string) string {
			raw, _ := os.ReadFile(VerifiedPath(path))
			raw = bytes.Replace(raw, []byte("size "), []byte("size 1"), 1)
			os.WriteFile(VerifiedPath(path), raw, 0o600)
			return path
		}},
		{"verified state cut short", func(t *testing.T, path string) string {
			raw, _ := os.ReadFile(VerifiedPath(path))
			os.WriteFile(VerifiedPath(path), raw[:len(raw)-10], 0o600)
			return path
		}},
		{"verified state writable by others", func(t *testing.T, path string) string {
			os.Chmod(VerifiedPath(path), 0o666)
			return path
		}},
		{"verified state removed", func(t *testing.T, path string) string {
			os.Remove(VerifiedPath(path))
			return path
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.change(t, cleanStore(t))
			mustOpen(t, path, Options{}, true)
			// The walk found it sound and the clean close vouched for it.
			mustOpen(t, path, Options{ReadOnly: true}, false)
		})
	}
}

// Damage done to a cleanly closed store in place, keeping its size and
// forging its modification time, is still found: the change time moved.
func TestDamageAfterACleanCloseIsFound(t *testing.T) {
	skipWithoutVerifiedState(t)
	tests := []struct {
		name string
		page func(t *testing.T, path string) uint64
		with []byte
	}{
		{"a bucket's first page zeroed", func(t *testing.T, path string) uint64 { return thingsRoot(t, path) }, make([]byte, 4096)},
		{"a page overwritten with text", func(t *testing.T, path string) uint64 { return thingsRoot(t, path) + 1 },
			bytes.Repeat([]byte("Name,Score\nAda,5\n"), 200)},
		{"the root page overwritten", func(t *testing.T, path string) uint64 {
			f, _ := os.Open(path)
			defer f.Close()
			m, err := currentMeta(f)
			if err != nil {
				t.Fatal(err)
			}
			return m.root
		}, bytes.Repeat([]byte{0xFF}, 4096)},
	}
	for _, tt := range tests {
		for _, ro := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s, read-only %v", tt.name, ro), func(t *testing.T) {
				path := cleanStore(t)
				overwriteInPlace(t, path, tt.page(t, path), tt.with)
				s, walked, err := openCounting(t, path, Options{ReadOnly: ro})
				if err == nil {
					s.Close()
				}
				var de *DamagedError
				if !errors.As(err, &de) {
					t.Fatalf("open (read-only %v) = %v, want a DamagedError", ro, err)
				}
				if !walked {
					t.Error("the fast path did not notice the change")
				}
			})
		}
	}
}

// What the verified state cannot notice: a program that damages the file
// in place, keeps its size and time, and writes a verified state to match.
// Open then trusts it; `engage check` (Store.Check) still finds the
// damage, reading it gives a clear error, and the state is dropped.
func TestAForgedVerifiedStateIsFoundByCheck(t *testing.T) {
	skipWithoutVerifiedState(t)
	path := cleanStore(t)
	overwriteInPlace(t, path, thingsRoot(t, path), make([]byte, 4096))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st, ok, err := stateOf(f)
	f.Close()
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	recordVerified(path, st) // the forgery

	s, walked, err := openCounting(t, path, Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if walked {
		t.Fatal("the open walked the file; this test shows what it trusts")
	}
	var de *DamagedError
	if err := s.Check(); !errors.As(err, &de) {
		t.Errorf("check = %v, want a DamagedError", err)
	}
	err = s.View(func(tx workbook.Tx) error {
		return tx.ForEach("things", "", func(string, []byte) error { return nil })
	})
	if !errors.As(err, &de) {
		t.Errorf("reading the damaged bucket = %v, want a DamagedError", err)
	}
	s.Close()
	if _, err := os.Stat(VerifiedPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the verified state of a store found damaged was kept (%v)", err)
	}
	if _, _, err := openCounting(t, path, Options{}); !errors.As(err, &de) {
		t.Errorf("the next open = %v, want a DamagedError", err)
	}
}

// Another program writing the file while engage has it open breaks the
// chain of custody: the close records nothing, and the next open walks.
func TestAWriteByAnotherProgramWhileOpenIsNotVouchedFor(t *testing.T) {
	skipWithoutVerifiedState(t)
	for _, when := range []string{"before engage's last commit", "after it"} {
		t.Run(when, func(t *testing.T) {
			path := cleanStore(t)
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			put(t, s, "things", "one", "1")
			time.Sleep(20 * time.Millisecond) // past the change time's tick
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			// The byte that is there already: harmless, but not engage's.
			info, _ := f.Stat()
			last, _ := os.ReadFile(path)
			if _, err := f.WriteAt(last[info.Size()-1:], info.Size()-1); err != nil {
				t.Fatal(err)
			}
			f.Close()
			if when != "after it" {
				put(t, s, "things", "two", "2")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(VerifiedPath(path)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a verified state was recorded (%v)", err)
			}
			mustOpen(t, path, Options{ReadOnly: true}, true)
		})
	}
}

func TestReadOnlyOpenRecordsWhatItWalked(t *testing.T) {
	skipWithoutVerifiedState(t)
	path := cleanStore(t)
	os.Remove(VerifiedPath(path))
	mustOpen(t, path, Options{ReadOnly: true}, true)
	mustOpen(t, path, Options{ReadOnly: true}, false)
}

// Replace puts a new file in place; it is engage's own, so the chain of
// custody carries on with it.
func TestReplacedStoreIsVouchedFor(t *testing.T) {
	skipWithoutVerifiedState(t)
	path := cleanStore(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(func(staged workbook.Store) error {
		return staged.Update(func(tx workbook.Tx) error { return tx.Put("things", "new", []byte("yes")) })
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, path, Options{ReadOnly: true}, false)
}

// A reader that comes while a writer holds the store is told so, not that
// the store is damaged, though the writer may be halfway through a commit.
func TestReadOnlyOpenWhileWrittenIsLocked(t *testing.T) {
	path := cleanStore(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("read-only open while a writer holds the store = %v, want a LockedError", err)
	}
}
