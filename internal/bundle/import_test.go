package bundle_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/workbook"
)

const westmoor = "westmoor-county"

func TestImportTwiceChangesNothing(t *testing.T) {
	src := demoStore(t, demo.Options{})
	dst := openStore(t)
	data := src.export(t, westmoor)
	dst.mustImport(t, data)
	before := dst.fileBytes(t)
	backups := 0
	res, err := dst.importData(t, data, bundle.ImportOptions{BeforeUpdate: func() error { backups++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if !res.UpToDate() || res.Created || res.Unchanged == 0 || res.Added+res.Updated+res.Removed+len(res.Conflicts) != 0 {
		t.Errorf("second import: %+v", res)
	}
	if backups != 0 {
		t.Error("a backup was taken for an import that changes nothing")
	}
	if !bytes.Equal(before, dst.fileBytes(t)) {
		t.Error("the store file changed")
	}
}

// diverged returns a source store with the demo and a store that imported
// Westmoor from it, with both clocks a week after the demo's.
func diverged(t *testing.T) (src, dst *testStore, v1 []byte) {
	src = demoStore(t, demo.Options{})
	dst = openStore(t)
	v1 = src.export(t, westmoor)
	dst.mustImport(t, v1)
	return src, dst, v1
}

// load returns the current assessment of Westmoor.
func (ts *testStore) load(t testing.TB) *workbook.AssessmentData {
	t.Helper()
	var d *workbook.AssessmentData
	if err := ts.svc.Read(func(r *workbook.Reader) (err error) {
		d, err = r.LoadAssessment(westmoor, "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNewerExportUpdatesRecordByRecord(t *testing.T) {
	src, dst, _ := diverged(t)
	d := src.load(t)
	r0 := d.Responses[0]
	src.change(t, func(c *workbook.Change) error {
		_, err := c.RecordResponse(workbook.ResponseInput{SiteID: r0.SiteID, AssessmentID: r0.AssessmentID, ParticipantID: r0.ParticipantID,
			StatementID: r0.StatementID, Score: r0.Score%5 + 1, Comment: "changed my mind"})
		if err != nil {
			return err
		}
		_, err = c.SaveFinding(workbook.Finding{SiteID: d.Site.ID, AssessmentID: d.Assessment.ID, Kind: workbook.FindingGood, Text: "A new finding"})
		return err
	})
	backups := 0
	res, err := dst.importData(t, src.export(t, westmoor), bundle.ImportOptions{BeforeUpdate: func() error { backups++; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Updated != 1 || res.Added != 1 || res.Removed != 0 || len(res.Conflicts) != 0 {
		t.Errorf("result: %+v", res)
	}
	if backups != 1 {
		t.Errorf("%d backups taken before the update, want 1", backups)
	}
	if got, want := dst.analyses(t, d.Site.ID), src.analyses(t, d.Site.ID); !reflect.DeepEqual(got, want) {
		t.Error("the analyses differ after the update")
	}
	if !reflect.DeepEqual(dst.records(t, d.Site.ID), src.records(t, d.Site.ID)) {
		t.Error("the records differ after the update")
	}
}

func TestConflictsAreListedAndResolved(t *testing.T) {
	setup := func(t *testing.T) (src, dst *testStore, v2 []byte, finding workbook.Finding) {
		src, dst, _ = diverged(t)
		d := src.load(t)
		finding = d.Findings[0]
		// The source edits an answer; the store edits a finding later
		// than the source did, and adds a participant of its own.
		r0 := d.Responses[0]
		src.change(t, func(c *workbook.Change) error {
			_, err := c.RecordResponse(workbook.ResponseInput{SiteID: r0.SiteID, AssessmentID: r0.AssessmentID, ParticipantID: r0.ParticipantID,
				StatementID: r0.StatementID, DontKnow: true})
			if err != nil {
				return err
			}
			f := finding
			f.Text = "Edited on the laptop"
			_, err = c.SaveFinding(f)
			return err
		})
		v2 = src.export(t, westmoor)
		dst.now = src.now.Add(time.Hour)
		dst.change(t, func(c *workbook.Change) error {
			f := finding
			f.Text = "Edited by the researcher"
			if _, err := c.SaveFinding(f); err != nil {
				return err
			}
			_, err := c.SaveParticipant(workbook.Participant{SiteID: d.Site.ID, AssessmentID: d.Assessment.ID, Group: workbook.Outsider, Role: workbook.RolePartner})
			return err
		})
		return src, dst, v2, finding
	}
	findingText := func(ts *testStore, id string) string {
		for _, f := range ts.load(t).Findings {
			if f.ID == id {
				return f.Text
			}
		}
		return "(gone)"
	}

	t.Run("stop", func(t *testing.T) {
		_, dst, v2, f := setup(t)
		before := dst.fileBytes(t)
		res, err := dst.importData(t, v2, bundle.ImportOptions{BeforeUpdate: func() error { t.Error("backup before a refused import"); return nil }})
		if !errors.Is(err, bundle.ErrConflicts) {
			t.Fatalf("want ErrConflicts, got %v", err)
		}
		if len(res.Conflicts) != 2 {
			t.Fatalf("conflicts: %v", res.Conflicts)
		}
		c := res.Conflicts[0]
		if c.Kind != "finding" || !strings.Contains(c.Record, "Edited by the researcher") || !c.Store.After(c.Bundle) {
			t.Errorf("first conflict: %+v", c)
		}
		if want := "this store's changed 2026-03-09 10:00:02 UTC, the bundle's 2026-03-09 09:00:01 UTC"; !strings.Contains(c.String(), want) {
			t.Errorf("first conflict says %q, want %q", c, want)
		}
		c = res.Conflicts[1]
		if c.Kind != "participant" || !strings.HasPrefix(c.Record, "participant 14 (outsider, partner)") || !c.Bundle.IsZero() {
			t.Errorf("second conflict: %+v", c)
		}
		if !strings.Contains(c.String(), "in this store (changed 2026-03-09 10:00:02 UTC), not in the bundle") {
			t.Errorf("second conflict says %q", c)
		}
		if !bytes.Equal(before, dst.fileBytes(t)) {
			t.Error("the store file changed")
		}
		if got := findingText(dst, f.ID); got != "Edited by the researcher" {
			t.Errorf("finding: %q", got)
		}
	})
	t.Run("ours", func(t *testing.T) {
		src, dst, v2, f := setup(t)
		res, err := dst.importData(t, v2, bundle.ImportOptions{Resolve: bundle.Ours})
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 1 || res.Kept != 2 || res.Removed != 0 || len(res.Conflicts) != 2 {
			t.Errorf("result: %+v", res)
		}
		if got := findingText(dst, f.ID); got != "Edited by the researcher" {
			t.Errorf("finding: %q", got)
		}
		if got, want := dst.load(t).Responses[0], src.load(t).Responses[0]; got != want {
			t.Errorf("the laptop's answer was not taken: %+v", got)
		}
		if n := len(dst.load(t).Participants); n != len(src.load(t).Participants)+1 {
			t.Errorf("%d participants", n)
		}
	})
	t.Run("theirs", func(t *testing.T) {
		src, dst, v2, f := setup(t)
		res, err := dst.importData(t, v2, bundle.ImportOptions{Resolve: bundle.Theirs})
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 2 || res.Removed != 1 || len(res.Conflicts) != 2 {
			t.Errorf("result: %+v", res)
		}
		if got := findingText(dst, f.ID); got != "Edited on the laptop" {
			t.Errorf("finding: %q", got)
		}
		if !reflect.DeepEqual(dst.records(t, "demo-02"), src.records(t, "demo-02")) {
			t.Error("with --theirs the site is not the bundle's")
		}
		if res, err := dst.importData(t, v2, bundle.ImportOptions{}); err != nil || !res.UpToDate() {
			t.Errorf("importing again: %+v, %v", res, err)
		}
	})
}

func TestDeletionsAtTheSourceAreConflictsTheirsApplies(t *testing.T) {
	src, dst, _ := diverged(t)
	d := src.load(t)
	gone := d.Participants[len(d.Participants)-1]
	src.change(t, func(c *workbook.Change) error { return c.DeleteParticipant(gone.SiteID, gone.AssessmentID, gone.ID) })
	v2 := src.export(t, westmoor)
	res, err := dst.importData(t, v2, bundle.ImportOptions{})
	if !errors.Is(err, bundle.ErrConflicts) {
		t.Fatalf("want conflicts, got %v", err)
	}
	answered := 0
	for _, r := range d.Responses {
		if r.ParticipantID == gone.ID {
			answered++
		}
	}
	if len(res.Conflicts) != 1+answered {
		t.Errorf("%d conflicts, want the participant and their %d answers", len(res.Conflicts), answered)
	}
	if res, err = dst.importData(t, v2, bundle.ImportOptions{Resolve: bundle.Theirs}); err != nil {
		t.Fatal(err)
	}
	if res.Removed != 1+answered {
		t.Errorf("removed %d", res.Removed)
	}
	if got, want := dst.analyses(t, d.Site.ID), src.analyses(t, d.Site.ID); !reflect.DeepEqual(got, want) {
		t.Error("the analyses differ")
	}
}

func TestMergedSiteMustKeepTheRules(t *testing.T) {
	// The store turns a participant who has not answered yet into an
	// outsider; the laptop records their answer to a statement outsiders
	// do not score. Keeping the store's participant with the laptop's
	// answer would break the rules, so --ours refuses.
	src, dst, _ := diverged(t)
	d := src.load(t)
	var p workbook.Participant
	src.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SaveParticipant(workbook.Participant{SiteID: d.Site.ID, AssessmentID: d.Assessment.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
		return err
	})
	dst.mustImport(t, src.export(t, westmoor))
	st := d.Questionnaire.Statements()
	var notVerified string
	for _, s := range st {
		if !s.Verify {
			notVerified = s.ID
		}
	}
	src.change(t, func(c *workbook.Change) error {
		_, err := c.RecordResponse(workbook.ResponseInput{SiteID: d.Site.ID, AssessmentID: d.Assessment.ID, ParticipantID: p.ID, StatementID: notVerified, Score: 4})
		return err
	})
	dst.now = src.now.Add(time.Hour)
	dst.change(t, func(c *workbook.Change) error {
		p.Group = workbook.Outsider
		_, err := c.SaveParticipant(p)
		return err
	})
	before := dst.fileBytes(t)
	_, err := dst.importData(t, src.export(t, westmoor), bundle.ImportOptions{Resolve: bundle.Ours})
	if !errors.Is(err, bundle.ErrInvalid) || !strings.Contains(err.Error(), "is not in the verification set that outsiders score") {
		t.Fatalf("want the merged site refused, got %v", err)
	}
	if !bytes.Equal(before, dst.fileBytes(t)) {
		t.Error("the store file changed")
	}
}

func TestSlugTakenByAnotherSite(t *testing.T) {
	src := demoStore(t, demo.Options{})
	dst := openStore(t)
	dst.change(t, func(c *workbook.Change) error {
		_, _, err := c.CreateSite(workbook.SiteInput{Name: "Westmoor County", Organisation: "Another council"}, defaultQuestionnaire(t))
		return err
	})
	data := src.export(t, westmoor)
	res := dst.mustImport(t, data)
	if res.Site.Slug != westmoor+"-2" || res.Site.ID != "demo-02" {
		t.Errorf("imported as %s (%s)", res.Site.Slug, res.Site.ID)
	}
	if res := dst.mustImport(t, data); !res.UpToDate() {
		t.Errorf("again: %+v", res)
	}
}

func TestAnonymisedExport(t *testing.T) {
	src := demoStore(t, demo.Options{})
	all := bundle.Fields
	data := src.export(t, westmoor, all...)
	doc := string(unpacked(t, data))
	d := src.load(t)
	named := 0
	for _, p := range d.Participants {
		if p.Name != "" {
			named++
			if strings.Contains(doc, p.Name) {
				t.Errorf("the name %q is in the bundle", p.Name)
			}
		}
	}
	if named == 0 {
		t.Fatal("the demo site has no names to leave out")
	}
	for _, r := range d.Responses {
		if r.Comment != "" && strings.Contains(doc, `"comment":`) {
			t.Fatal("comments are in the bundle")
		}
	}
	for _, want := range []string{`"withheld":["names","organisations","comments","notes","owners","context"]`, `"group":"outsider","role":"community"`, `"group":"insider","role":"senior"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("the bundle does not hold %s", want)
		}
	}
	for _, gone := range []string{`"notes":`, `"owner":`, `"review":`, `"selection_reason":`, `"context":`} {
		if strings.Contains(doc, gone) {
			t.Errorf("the bundle holds %s", gone)
		}
	}
	for _, line := range strings.Split(doc, "\n") {
		if strings.Contains(line, `"group":`) && (strings.Contains(line, `"name":`) || strings.Contains(line, `"organisation":`)) {
			t.Errorf("a participant keeps a name or organisation: %s", line)
		}
	}

	// Into a new store: the same analysis.
	fresh := openStore(t)
	fresh.mustImport(t, data)
	if got, want := fresh.analyses(t, "demo-02"), src.analyses(t, "demo-02"); !reflect.DeepEqual(got, want) {
		t.Error("the analysis of the anonymised site differs")
	}
	// Back into the store it came from: what was left out is not "cleared".
	res, err := src.importData(t, data, bundle.ImportOptions{})
	if err != nil || !res.UpToDate() || res.Kept == 0 {
		t.Errorf("anonymised bundle into its own store: %+v, %v", res, err)
	}
}

func TestParseFields(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []bundle.Field
		err  string
	}{
		{"", nil, ""},
		{"notes,comments,notes", []bundle.Field{bundle.FieldComments, bundle.FieldNotes}, ""},
		{"all", bundle.Fields, ""},
		{"comments, owners", []bundle.Field{bundle.FieldComments, bundle.FieldOwners}, ""},
		{"emails", nil, `"emails" is not a field kind; the kinds are names, organisations, comments, notes, owners, context, or all`},
	} {
		got, err := bundle.ParseFields(tc.in)
		if (err != nil) != (tc.err != "") || (err != nil && err.Error() != tc.err) {
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestRenamedSiteTakesTheNewSlug(t *testing.T) {
	src, dst, _ := diverged(t)
	s := src.load(t).Site
	src.change(t, func(c *workbook.Change) error {
		_, err := c.UpdateSite(workbook.SiteInput{ID: s.ID, Name: "Westmoor Council", Organisation: s.Organisation, Area: s.Area, Context: s.Context})
		return err
	})
	res := dst.mustImport(t, src.export(t, s.ID))
	if res.Updated != 1 || res.Site.Slug != "westmoor-council" {
		t.Errorf("result: %+v", res)
	}
}

func TestFailedBackupStopsTheUpdate(t *testing.T) {
	src, dst, _ := diverged(t)
	d := src.load(t)
	src.change(t, func(c *workbook.Change) error {
		_, err := c.SaveFinding(workbook.Finding{SiteID: d.Site.ID, AssessmentID: d.Assessment.ID, Kind: workbook.FindingGood, Text: "New"})
		return err
	})
	before := dst.fileBytes(t)
	boom := errors.New("disk full")
	if _, err := dst.importData(t, src.export(t, westmoor), bundle.ImportOptions{BeforeUpdate: func() error { return boom }}); !errors.Is(err, boom) {
		t.Fatalf("want the backup's error, got %v", err)
	}
	if !bytes.Equal(before, dst.fileBytes(t)) {
		t.Error("the store file changed")
	}
}
