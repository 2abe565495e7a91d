package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func put(st *store.Store, key string) error {
	return st.Update(func(tx workbook.Tx) error {
		return tx.Put(workbook.BucketSites, key, []byte(`{}`))
	})
}

// A store removed or replaced while engage has it open: on Unix the open
// handle would go on accepting changes that nobody could ever read back, so
// the next change is refused with a message that says so.
func TestStoreRemovedOrReplacedWhileOpen(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows does not let an open file be removed or replaced")
	}
	for _, tc := range []struct {
		name, want string
		do         func(path string) error
	}{
		{"removed", "removed while engage had it open", os.Remove},
		{"replaced", "another file has taken its place", func(path string) error {
			if err := os.Rename(path, path+".moved"); err != nil {
				return err
			}
			return os.WriteFile(path, []byte("someone else's file"), 0o600)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dossier élan", "engage.db")
			st, err := store.Open(path, store.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := put(st, "before"); err != nil {
				t.Fatal(err)
			}
			if err := tc.do(path); err != nil {
				t.Fatal(err)
			}
			err = put(st, "after")
			var we *store.WriteError
			if !errors.As(err, &we) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "not saved") {
				t.Fatalf("change after the file was %s: %v, want a WriteError saying %q", tc.name, err, tc.want)
			}
			if we.Hint() == "" {
				t.Error("no hint")
			}
		})
	}
}

// A store file made read-only while open keeps working through the open
// handle (the mode is checked when a file is opened); the next open of a
// read-only file reads it but refuses changes with a clear message.
func TestStoreMadeReadOnly(t *testing.T) {
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		t.Skip("needs a Unix user that file modes apply to (root ignores them)")
	}
	path := filepath.Join(t.TempDir(), "engage.db")
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if err := put(st, "while-open"); err != nil {
		t.Fatalf("a change through the open handle: %v", err)
	}
	st.Close()
	_, err = store.Open(path, store.Options{Timeout: time.Second})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("opening a read-only store for changes: %v, want an error naming the file", err)
	}
}
