package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// staged lists the staged copies (and any other temporary file) beside
// the store at path.
func staged(t *testing.T, path string) []string {
	t.Helper()
	all, err := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestReplaceLandsEveryTransactionAtOnce(t *testing.T) {
	s := openTest(t, Options{})
	put(t, s, "things", "old", "kept")
	put(t, s, "things", "gone", "x")
	var kept *Store
	err := s.Replace(func(st workbook.Store) error {
		kept = st.(*Store)
		for _, k := range []string{"a", "b", "c"} {
			if err := st.Update(func(tx workbook.Tx) error { return tx.Put("things", k, []byte("new "+k)) }); err != nil {
				return err
			}
		}
		if err := st.Update(func(tx workbook.Tx) error { return tx.Delete("things", "gone") }); err != nil {
			return err
		}
		// Each transaction is committed in the copy, and none is in the
		// store until Replace returns.
		if got := get(t, s, "things", "a"); got != "" {
			t.Errorf("the store has %q while the copy is being changed", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"old": "kept", "gone": "", "a": "new a", "c": "new c"} {
		if got := get(t, s, "things", k); got != want {
			t.Errorf("after Replace %s = %q, want %q", k, got, want)
		}
	}
	if left := staged(t, s.Path()); len(left) != 0 {
		t.Errorf("staged copies left: %v", left)
	}
	// The staged store handed to fn no longer takes writes.
	var we *WriteError
	if err := kept.Update(func(tx workbook.Tx) error { return tx.Put("things", "late", nil) }); !errors.As(err, &we) {
		t.Errorf("a write through the staged store after Replace: %v", err)
	}
	// The store carries on with the new file: writes land and last.
	put(t, s, "things", "after", "yes")
	path := s.Path()
	s.Close()
	again, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	*s = *again
	if get(t, s, "things", "after") != "yes" || get(t, s, "things", "b") != "new b" {
		t.Error("the replaced store lost writes when opened again")
	}
}

func TestReplaceFailingLeavesTheStoreAsItWas(t *testing.T) {
	s := openTest(t, Options{})
	put(t, s, "things", "k", "v")
	before, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = s.Replace(func(st workbook.Store) error {
		if err := st.Update(func(tx workbook.Tx) error { return tx.Put("things", "k", []byte("changed")) }); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Replace = %v, want fn's error", err)
	}
	after, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the store file changed though fn failed")
	}
	if get(t, s, "things", "k") != "v" {
		t.Error("the store shows the failed change")
	}
	if left := staged(t, s.Path()); len(left) != 0 {
		t.Errorf("staged copies left: %v", left)
	}
}

// A staged copy in use is held: an engage that opens the store meanwhile
// (which tidies leftovers before it waits for the lock) leaves it alone.
// One a kill left is removed by the next open, which says so.
func TestReplaceHoldsItsCopyAndAKilledOneIsRemoved(t *testing.T) {
	s := openTest(t, Options{})
	dir := filepath.Dir(s.Path())
	err := s.Replace(func(st workbook.Store) error {
		ls := atomicfile.CleanLeftovers(dir, "engage.db")
		if len(ls) != 1 || !ls[0].Busy || ls[0].Removed || ls[0].Path != st.(*Store).Path() {
			t.Errorf("cleaning leftovers while Replace runs found %+v", ls)
		}
		return st.Update(func(tx workbook.Tx) error { return tx.Put("things", "k", []byte("v")) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if get(t, s, "things", "k") != "v" {
		t.Error("the change is not in the store")
	}

	// What a kill leaves: a copy nobody holds.
	dead := filepath.Join(dir, ".engage.db.123456.tmp")
	if err := os.WriteFile(dead, []byte("personal data"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	var notes []string
	again, err := Open(path, Options{Notify: func(n string) { notes = append(notes, n) }})
	if err != nil {
		t.Fatal(err)
	}
	*s = *again
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy a kill left is still there (%v)", err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], ".engage.db.123456.tmp") {
		t.Errorf("the open said %q", notes)
	}
}

func TestReplaceKeepsModeAndLink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes and links")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "engage.db")
	link := filepath.Join(dir, "engage.db")
	s, err := Open(real, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Symlink(filepath.Join("data", "engage.db"), link); err != nil {
		t.Fatal(err)
	}
	s, err = Open(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, err := os.Stat(real)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Replace(func(st workbook.Store) error {
		if dir := filepath.Dir(st.(*Store).Path()); dir != filepath.Dir(real) {
			t.Errorf("staged in %s, not beside the file the link leads to", dir)
		}
		return st.Update(func(tx workbook.Tx) error { return tx.Put("things", "k", []byte("v")) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file (%v)", err)
	}
	if info, err := os.Stat(real); err != nil || info.Mode() != before.Mode() {
		t.Errorf("the store's mode after Replace: %v %v, want %v", info.Mode(), err, before.Mode())
	}
	if get(t, s, "things", "k") != "v" {
		t.Error("the change is not in the store")
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
	if got := staged(t, real); len(got) != 0 {
		t.Errorf("staged copies left: %v", got)
	}
}
