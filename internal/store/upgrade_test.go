package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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
	if want := strconv.Itoa(SchemaVersion); schema != want {
		t.Errorf("format after a read-only open = %s, want %s", schema, want)
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

// The format 1 fixture's actions kept their review notes in one text: the
// upgrade makes each the first entry of the action's review log, dated the
// day the action was last saved, with its status; the rest of the action
// is as it was, and an action without notes has an empty log.
func TestUpgradeMovesReviewNotesIntoTheLog(t *testing.T) {
	path, old := formatOneStore(t)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkReviewNotesMoved(t, s, old[string(workbook.BucketInterventions)])
}

// A store of format 2 (written before the review log) is upgraded the same
// way.
func TestUpgradeFromFormatTwoMovesReviewNotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "engage.db")
	s, err := Open(path, Options{migrations: migrations[:1]})
	if err != nil {
		t.Fatal(err)
	}
	raws := []json.RawMessage{
		json.RawMessage(`{"id":"a1","site":"s1","assessment":"x1","action":"Clarify roles","owner":"Chair","due":"2026-05-29","key_issue":"service-culture","status":"in-progress","review":"Draft circulated.","created":"2026-02-02T10:00:00Z","updated":"2026-02-25T18:00:00Z"}`),
		json.RawMessage(`{"id":"a2","site":"s1","assessment":"x1","action":"Invite residents","status":"done","created":"2026-02-02T10:00:00Z","updated":"2026-02-02T10:00:00Z"}`),
	}
	if err := s.Update(func(tx workbook.Tx) error {
		for i, raw := range raws {
			if err := tx.Put(workbook.BucketInterventions, "s1/x1/a"+strconv.Itoa(i+1), raw); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open a format 2 store: %v", err)
	}
	defer s.Close()
	if backups, _ := AutoBackups(path); len(backups) != 1 || !strings.Contains(backups[0], "before-upgrade-v2") {
		t.Errorf("backups = %v, want one made before the upgrade", backups)
	}
	checkReviewNotesMoved(t, s, raws)
}

// checkReviewNotesMoved checks the store's actions against the records
// an older format held.
func checkReviewNotesMoved(t *testing.T, s *Store, old []json.RawMessage) {
	t.Helper()
	want := map[string]workbook.Intervention{}
	notes := 0
	for _, raw := range old {
		var li workbook.LegacyIntervention
		if err := json.Unmarshal(raw, &li); err != nil {
			t.Fatal(err)
		}
		iv := li.Intervention
		if li.Review != "" {
			notes++
			iv.Reviews = []workbook.Review{{Date: iv.Updated.UTC().Format("2006-01-02"), Status: iv.Status, Note: li.Review}}
		}
		want[iv.ID] = iv
	}
	if notes == 0 || notes == len(old) {
		t.Fatalf("%d of the %d old actions have review notes: the test needs some with and some without", notes, len(old))
	}
	got := 0
	err := s.View(func(tx workbook.Tx) error {
		return tx.ForEach(workbook.BucketInterventions, "", func(k string, raw []byte) error {
			got++
			if strings.Contains(string(raw), `"review"`) {
				t.Errorf("%s still has review notes: %s", k, raw)
			}
			var iv workbook.Intervention
			if err := json.Unmarshal(raw, &iv); err != nil {
				return err
			}
			if !reflect.DeepEqual(iv, want[iv.ID]) {
				t.Errorf("%s:\n got %+v\nwant %+v", k, iv, want[iv.ID])
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != len(old) {
		t.Errorf("%d actions after the upgrade, %d before", got, len(old))
	}
}
