package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// formatOneStore copies testdata/one-site.db, a store written by Engage
// with store format 1 (the Eastbrook pilot: 126 partnerships, 126 answers
// with comments), and returns its path and the site's records as format 1
// kept them, read from the file with bbolt directly.
func formatOneStore(t *testing.T) (string, map[string][]json.RawMessage) {
	t.Helper()
	raw, err := os.ReadFile("testdata/one-site.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "engage.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	old := map[string][]json.RawMessage{}
	err = db.View(func(tx *bolt.Tx) error {
		if got := string(tx.Bucket([]byte(metaBucket)).Get(keySchema)); got != "1" {
			t.Fatalf("the fixture is of format %s, want 1", got)
		}
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				old[string(name)] = append(old[string(name)], append(json.RawMessage{}, v...))
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(old[string(workbook.BucketResponses)]) == 0 {
		t.Fatal("the fixture has no answers")
	}
	return path, old
}

// Opening a store of format 1 upgrades it: a backup first, then every
// answer comes back exactly as format 1 held it (score, don't know,
// comment, time, order), format 1's collection is gone, and the kept
// figures equal a recount.
func TestUpgradeFromFormatOneKeepsEveryAnswer(t *testing.T) {
	path, old := formatOneStore(t)
	before, _ := os.Stat(path)
	var notes []string
	s, err := Open(path, Options{Notify: func(n string) { notes = append(notes, n) }})
	if err != nil {
		t.Fatalf("open a format 1 store: %v", err)
	}
	defer s.Close()
	if after, _ := os.Stat(path); after.Size() >= before.Size() {
		t.Errorf("the upgraded store has %d bytes, the old one %d: it was not written afresh", after.Size(), before.Size())
	}
	if len(notes) > 0 {
		t.Errorf("notes = %q, want none", notes)
	}
	backups, _ := AutoBackups(path)
	if len(backups) != 1 || !strings.Contains(backups[0], "before-upgrade-v1") {
		t.Errorf("backups = %v, want one made before the upgrade", backups)
	}
	svc := workbook.NewService(s, workbook.Options{})
	var got []workbook.Response
	var mismatches []workbook.KeptMismatch
	err = svc.Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		if err != nil {
			return err
		}
		for _, site := range sites {
			recs, err := r.SiteRecords(site.ID)
			if err != nil {
				return err
			}
			got = append(got, recs.Responses...)
		}
		mismatches, err = r.CheckKept()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []workbook.Response
	for _, raw := range old[string(workbook.BucketResponses)] {
		var r workbook.Response
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	if len(got) != len(want) {
		t.Fatalf("%d answers after the upgrade, %d before", len(got), len(want))
	}
	comments := 0
	for i := range want {
		w, g := want[i], got[i]
		if !w.At.Equal(g.At) {
			t.Errorf("answer %d: time %v, was %v", i, g.At, w.At)
		}
		w.At = g.At
		if !reflect.DeepEqual(w, g) {
			t.Errorf("answer %d:\n got %+v\nwant %+v", i, g, w)
		}
		if w.Comment != "" {
			comments++
		}
	}
	if comments == 0 {
		t.Error("the fixture's answers have no comments: the test shows nothing about them")
	}
	if len(mismatches) > 0 {
		t.Errorf("kept figures after the upgrade: %v", mismatches)
	}
	err = s.View(func(tx workbook.Tx) error {
		n := 0
		_ = tx.ForEach(workbook.BucketResponses, "", func(string, []byte) error { n++; return nil })
		if n > 0 {
			t.Errorf("format 1's collection of answers still holds %d records", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("check after the upgrade: %v", err)
	}
}

// A read-only command (engage sites, report, export) given a store of
// format 1 upgrades it first, says so, and then reads it.
func TestReadOnlyOpenUpgradesFirst(t *testing.T) {
	path, _ := formatOneStore(t)
	var notes []string
	s, err := Open(path, Options{ReadOnly: true, Notify: func(n string) { notes = append(notes, n) }})
	if err != nil {
		t.Fatalf("read-only open of a format 1 store: %v", err)
	}
	defer s.Close()
	if !strings.Contains(strings.Join(notes, "\n"), "upgraded the store") {
		t.Errorf("notes = %q, want one saying the store was upgraded", notes)
	}
	var schema string
	if err := s.db.View(func(tx *bolt.Tx) error {
		schema = string(tx.Bucket([]byte(metaBucket)).Get(keySchema))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if schema != "2" {
		t.Errorf("format after a read-only open = %s, want 2", schema)
	}
}

// The backup the upgrade makes first, like any backup of an older Engage,
// can be restored: it is checked as it is, put back, and upgraded again by
// the next open.
func TestRestoreAFormatOneBackup(t *testing.T) {
	path, old := formatOneStore(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	backups, _ := AutoBackups(path)
	if len(backups) != 1 {
		t.Fatalf("backups = %v", backups)
	}
	if err := VerifyFile(backups[0]); err != nil {
		t.Fatalf("the format 1 backup does not verify: %v", err)
	}
	if _, err := Restore(backups[0], path, Options{}); err != nil {
		t.Fatalf("restore the format 1 backup: %v", err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open the restored store: %v", err)
	}
	defer s.Close()
	n := 0
	svc := workbook.NewService(s, workbook.Options{})
	if err := svc.Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		for _, site := range sites {
			recs, err := r.SiteRecords(site.ID)
			if err != nil {
				return err
			}
			n += len(recs.Responses)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if want := len(old[string(workbook.BucketResponses)]); n != want {
		t.Errorf("%d answers after restoring and upgrading again, want %d", n, want)
	}
}

// After an upgrade, the store's fingerprint is recorded on close like
// after any session of this process's own writes, so that the next open
// need not read the whole file again.
func TestUpgradeKeepsTheChainOfCustody(t *testing.T) {
	skipWithoutVerifiedState(t)
	path, _ := formatOneStore(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.c.tainted.Load() {
		t.Error("the upgrade left the session tainted")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(VerifiedPath(path)); err != nil {
		t.Errorf("no fingerprint after the upgrade's session: %v", err)
	}
}
