package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// openTest opens a new store in a temporary folder and checks its
// consistency when the test ends.
func openTest(t *testing.T, opts Options) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "engage.db")
	s, err := Open(path, opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("store check at cleanup: %v", err)
		}
		s.Close()
	})
	return s
}

func put(t *testing.T, s *Store, b workbook.Bucket, k, v string) {
	t.Helper()
	if err := s.Update(func(tx workbook.Tx) error { return tx.Put(b, k, []byte(v)) }); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, s *Store, b workbook.Bucket, k string) string {
	t.Helper()
	var out string
	if err := s.View(func(tx workbook.Tx) error { out = string(tx.Get(b, k)); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenCreatesPrivateFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "folder")
	path := filepath.Join(dir, "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("store mode = %o, want 600", got)
	}
}

func TestPutGetForEachDelete(t *testing.T) {
	s := openTest(t, Options{})
	for _, k := range []string{"a/1", "a/2", "b/1", "a/3"} {
		put(t, s, "things", k, "v"+k)
	}
	var keys []string
	err := s.View(func(tx workbook.Tx) error {
		return tx.ForEach("things", "a/", func(k string, v []byte) error {
			keys = append(keys, k+"="+string(v))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(keys, ","), "a/1=va/1,a/2=va/2,a/3=va/3"; got != want {
		t.Errorf("ForEach a/ = %s, want %s", got, want)
	}
	if err := s.Update(func(tx workbook.Tx) error { return tx.Delete("things", "a/2") }); err != nil {
		t.Fatal(err)
	}
	if got := get(t, s, "things", "a/2"); got != "" {
		t.Errorf("after delete, a/2 = %q", got)
	}
	if got := get(t, s, "missing-bucket", "x"); got != "" {
		t.Errorf("missing bucket gave %q", got)
	}
}

func TestUpdateIsAllOrNothing(t *testing.T) {
	s := openTest(t, Options{})
	boom := errors.New("boom")
	err := s.Update(func(tx workbook.Tx) error {
		if err := tx.Put("things", "k", []byte("v")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update error = %v, want boom", err)
	}
	if got := get(t, s, "things", "k"); got != "" {
		t.Errorf("a failed update left %q behind", got)
	}
}

func TestSecondOpenIsLocked(t *testing.T) {
	s := openTest(t, Options{})
	start := time.Now()
	_, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second open error = %v, want a LockedError", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("second open took %v; it should give up within about a second", took)
	}
	want := "the store " + s.Path() + " is in use by another engage process"
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err.Error(), want)
	}
	if h := le.Hint(); !strings.Contains(h, "close the other engage") {
		t.Errorf("hint = %q", h)
	}
}

// writeDamaged builds a real store with some data, then lets damage change
// its bytes.
func writeDamaged(t *testing.T, damage func(b []byte) []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		put(t, s, "things", strings.Repeat("k", 10)+string(rune('a'+i%26))+string(rune('a'+i/26)), strings.Repeat("value", 40))
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, damage(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDamagedFilesAreRefusedClearly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name    string
		damage  func(b []byte) []byte
		foreign bool
		reason  string
	}{
		{"empty file", func([]byte) []byte { return nil }, false, "empty"},
		{"text file", func([]byte) []byte { return []byte("Name,Score\nAda,5\n") }, true, "not an Engage store"},
		{"random bytes", func(b []byte) []byte {
			out := make([]byte, 64<<10)
			for i := range out {
				out[i] = byte(rng.IntN(256))
			}
			return out
		}, true, "not an Engage store"},
		{"truncated to one page", func(b []byte) []byte { return b[:4096] }, false, "cut short"},
		{"truncated by half", func(b []byte) []byte {
			// Half of the pages in use: bbolt grows a file ahead of its
			// pages, so half of the file may hold them all.
			m, err := currentMeta(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			return b[:int64(m.pgid)*int64(m.pageSize)/2]
		}, false, "cut short"},
		{"zeroed meta pages", func(b []byte) []byte {
			clear(b[:2*4096])
			return b
		}, false, ""},
		{"meta checksums broken", func(b []byte) []byte {
			b[16+20] ^= 0xFF
			b[4096+16+20] ^= 0xFF
			return b
		}, false, "header"},
		{"root page overwritten", func(b []byte) []byte {
			clear(b[2*4096:])
			return b
		}, false, "damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeDamaged(t, tt.damage)
			s, err := Open(path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a damaged file")
			}
			var de *DamagedError
			if !errors.As(err, &de) {
				t.Fatalf("error = %v (%T), want a DamagedError", err, err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("message %q does not name the file", err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("message %q does not say %q", err, tt.reason)
			}
			if de.Foreign != tt.foreign {
				t.Errorf("Foreign = %v, want %v", de.Foreign, tt.foreign)
			}
			if hint := de.Hint(); !strings.Contains(hint, "engage backup restore") && !de.Foreign {
				t.Errorf("hint %q does not say how to restore", hint)
			}
		})
	}
}

func TestOneGoodMetaPageIsEnough(t *testing.T) {
	// bbolt keeps two copies of its header; losing one is survivable.
	path := writeDamaged(t, func(b []byte) []byte {
		clear(b[:4096])
		return b
	})
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open with one good meta page: %v", err)
	}
	defer s.Close()
	var n int
	if err := s.View(func(tx workbook.Tx) error {
		return tx.ForEach("things", "", func(string, []byte) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	// The surviving header is this one's or the one before: at most the
	// last transaction is lost.
	if n != 200 && n != 199 {
		t.Errorf("read %d records, want 199 or 200", n)
	}
	// The full check still reports the wiped page, without crashing.
	var de *DamagedError
	if err := s.Check(); !errors.As(err, &de) {
		t.Errorf("check = %v, want a DamagedError", err)
	}
}

func TestForeignBoltFileIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("someone-elses"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(path, Options{})
	var de *DamagedError
	if !errors.As(err, &de) || !de.Foreign {
		t.Fatalf("error = %v, want a foreign-file DamagedError", err)
	}
}

func setSchema(t *testing.T, path string, v string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(metaBucket)).Put(keySchema, []byte(v))
	}); err != nil {
		t.Fatal(err)
	}
}

func TestNewerStoreIsRefusedAndUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	setSchema(t, path, "99")
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	var tn *TooNewError
	if !errors.As(err, &tn) || tn.Schema != 99 {
		t.Fatalf("error = %v, want TooNewError for format 99", err)
	}
	if !strings.Contains(err.Error(), "newer version of Engage") {
		t.Errorf("message %q", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("refusing a newer store changed its file")
	}
}

func TestMigrationsRunAllOrNothingAfterABackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, "things", "k", "old")
	s.Close()

	step1 := func(tx *bolt.Tx) error { return tx.Bucket([]byte("things")).Put([]byte("k"), []byte("v2")) }
	failing := func(tx *bolt.Tx) error { return errors.New("cannot convert record x") }
	step2 := func(tx *bolt.Tx) error { return tx.Bucket([]byte("things")).Put([]byte("k"), []byte("v3")) }

	// A migration that fails leaves the store exactly as it was.
	// The steps come after the real ones: the store is at the newest
	// format, and they take it one and two further.
	_, err = Open(path, Options{migrations: append(slices.Clone(migrations), step1, failing)})
	if err == nil || !strings.Contains(err.Error(), "cannot convert record x") {
		t.Fatalf("failing migration error = %v", err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("reopen after failed migration: %v", err)
	}
	if got := get(t, s, "things", "k"); got != "old" {
		t.Errorf("after a failed migration k = %q, want old", got)
	}
	s.Close()
	backups, _ := AutoBackups(path)
	if want := fmt.Sprintf("before-upgrade-v%d", SchemaVersion); len(backups) == 0 || !strings.Contains(backups[0], want) {
		t.Errorf("no backup before the upgrade: %v", backups)
	}

	s, err = Open(path, Options{migrations: append(slices.Clone(migrations), step1, step2)})
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if got := get(t, s, "things", "k"); got != "v3" {
		t.Errorf("after migrating k = %q, want v3", got)
	}
	s.Close()
}

func TestBackupWhileInUseAndRestore(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "engage.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	put(t, s, "things", "k", "before")
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := s.BackupTo(backup); err != nil {
		t.Fatal(err)
	}
	if err := VerifyFile(backup); err != nil {
		t.Fatalf("verify backup: %v", err)
	}
	put(t, s, "things", "k", "after")
	s.Close()

	prev, err := Restore(backup, s.Path(), Options{})
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if prev == "" {
		t.Error("restore did not keep the store it replaced")
	}
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := get(t, s2, "things", "k"); got != "before" {
		t.Errorf("after restore k = %q, want before", got)
	}
	old, err := Open(prev, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if got := get(t, old, "things", "k"); got != "after" {
		t.Errorf("the kept store has k = %q, want after", got)
	}
}

func TestRestoreRefusesABadBackupAndChangesNothing(t *testing.T) {
	s := openTest(t, Options{})
	put(t, s, "things", "k", "precious")
	s.Close()
	before, _ := os.ReadFile(s.Path())
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("not a backup"), 0o600)
	_, err := Restore(bad, s.Path(), Options{})
	var be *BackupError
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "not usable") || !strings.Contains(be.Hint(), "another backup") {
		t.Fatalf("restore of a bad file: %v, want a BackupError with a hint", err)
	}
	after, _ := os.ReadFile(s.Path())
	if !bytes.Equal(before, after) {
		t.Error("a refused restore changed the store")
	}
	// reopen for the cleanup check
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	*s = *s2
}

func TestRestoreOverADamagedStoreKeepsTheDamagedFile(t *testing.T) {
	good := openTest(t, Options{})
	put(t, good, "things", "k", "v")
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := good.BackupTo(backup); err != nil {
		t.Fatal(err)
	}
	path := writeDamaged(t, func(b []byte) []byte { return b[:100] })
	prev, err := Restore(backup, path, Options{})
	if err != nil {
		t.Fatalf("restore over damaged: %v", err)
	}
	kept, _ := os.ReadFile(prev)
	if len(kept) != 100 {
		t.Errorf("kept damaged copy has %d bytes, want 100", len(kept))
	}
	if err := VerifyFile(path); err != nil {
		t.Errorf("restored store: %v", err)
	}
}

func TestAutoBackupsArePruned(t *testing.T) {
	tick := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := openTest(t, Options{KeepBackups: 3, Now: func() time.Time { tick = tick.Add(time.Second); return tick }})
	for range 5 {
		if _, err := s.AutoBackup("test"); err != nil {
			t.Fatal(err)
		}
	}
	all, err := AutoBackups(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("kept %d backups, want 3: %v", len(all), all)
	}
	if !strings.Contains(all[0], "20260101T000003") {
		t.Errorf("oldest kept = %s, want the third", all[0])
	}
}

func TestReadOnlyMissingStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mistyped", "none.db")
	_, err := Open(path, Options{ReadOnly: true})
	var nf *NotFoundError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &nf) || err.Error() != "no store at "+path {
		t.Errorf("error = %v, want no store at %s", err, path)
	}
	if _, err := os.Stat(filepath.Join(dir, "mistyped")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only open of a missing store made its folder (%v)", err)
	}
}

func TestDefaultPath(t *testing.T) {
	env := map[string]string{"HOME": "/home/ada", "XDG_DATA_HOME": "/data"}
	getenv := func(k string) string { return env[k] }
	got, err := DefaultPath(getenv)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "linux" && got != "/data/engage/engage.db" {
		t.Errorf("DefaultPath = %s", got)
	}
	env[EnvPath] = "/tmp/x.db"
	if got, _ := DefaultPath(getenv); got != "/tmp/x.db" {
		t.Errorf("with ENGAGE_DB, DefaultPath = %s", got)
	}
}
