package workbook_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// filled adds a participant with an answer and a note to the fixture's
// assessment and returns every record of the site.
func (f *fixture) filled(t *testing.T) *workbook.SiteRecords {
	t.Helper()
	f.change(t, func(c *workbook.Change) error {
		p, err := c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Outsider, Role: workbook.RoleCommunity})
		if err != nil {
			return err
		}
		if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: p.ID, StatementID: "ca-times", Score: 4}); err != nil {
			return err
		}
		_, err = c.SetStatementNote(workbook.StatementNote{SiteID: f.site.ID, AssessmentID: f.a.ID, StatementID: "ca-info", Notes: "Long debate."})
		return err
	})
	var recs *workbook.SiteRecords
	if err := f.svc.Read(func(r *workbook.Reader) (err error) {
		recs, err = r.SiteRecords(f.site.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestSiteRecordsPassTheirOwnCheck(t *testing.T) {
	f := newFixture(t)
	recs := f.filled(t)
	if len(recs.Records()) != 5 { // site, assessment, participant, response, note
		t.Fatalf("%d records", len(recs.Records()))
	}
	if fe := workbook.CheckSiteRecords(recs, map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}, time.Time{}); fe != nil {
		t.Fatalf("problems: %v", fe)
	}
	// Without the questionnaire, the site and the assessment say so.
	fe := workbook.CheckSiteRecords(recs, nil, time.Time{})
	if len(fe) != 2 || !strings.Contains(fe.Error(), "questionnaire: ") {
		t.Errorf("problems: %v", fe)
	}
}

func TestCheckSiteRecordsFindsBrokenRules(t *testing.T) {
	f := newFixture(t)
	qs := map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}
	for _, tc := range []struct {
		name    string
		breakIt func(r *workbook.SiteRecords)
		want    string
	}{
		{"outsider answers a statement outside the verification set", func(r *workbook.SiteRecords) { r.Responses[0].StatementID = "ca-info" },
			`statement: "ca-info" is not in the verification set`},
		{"score off the scale", func(r *workbook.SiteRecords) { r.Responses[0].Score = 6 }, "score: 6 is not on the scale of 1 to 5"},
		{"empty response", func(r *workbook.SiteRecords) { r.Responses[0].Score = 0 }, "is empty (no score, no don't know, no comment)"},
		{"group score off the scale", func(r *workbook.SiteRecords) { r.StatementNotes[0].GroupScore = 7 }, "group score: 7 is not on the scale"},
		{"participant of another site", func(r *workbook.SiteRecords) { r.Participants[0].SiteID = "elsewhere" }, `belongs to site "elsewhere"`},
		{"bad slug", func(r *workbook.SiteRecords) { r.Site.Slug = "Città" }, `slug: "Città" is not a slug`},
		{"unknown language", func(r *workbook.SiteRecords) { r.Assessments[0].Language = "English" }, `language: "English" is not a language tag`},
		{"id with a slash", func(r *workbook.SiteRecords) { r.Assessments[0].ID = "a/b" }, `id: "a/b" is not a record id`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := f.filled(t)
			tc.breakIt(recs)
			fe := workbook.CheckSiteRecords(recs, qs, time.Time{})
			if !strings.Contains(fe.Error(), tc.want) {
				t.Errorf("problems %q do not say %q", fe.Error(), tc.want)
			}
		})
	}
}

func TestPutRecordStoresVerbatim(t *testing.T) {
	f := newFixture(t)
	recs := f.filled(t)
	// The same site under another id, for a store whose own site has the
	// same name (and slug).
	recs.Site.ID = "copy"
	recs.Assessments[0].SiteID = "copy"
	recs.Participants[0].SiteID = "copy"
	recs.Responses[0].SiteID = "copy"
	recs.StatementNotes[0].SiteID = "copy"
	other := newFixture(t)
	err := other.svc.Change(func(c *workbook.Change) error {
		// A record of a site that is not there yet is refused.
		if err := c.PutRecord(recs.Responses[0]); !errors.Is(err, workbook.ErrNotFound) {
			t.Errorf("response before its site: %v", err)
		}
		if err := c.Pin(f.q); err != nil {
			return err
		}
		// The other store's site has the same slug: the copy gets a number.
		for _, r := range recs.Records() {
			if err := c.PutRecord(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got *workbook.SiteRecords
	if err := other.svc.Read(func(r *workbook.Reader) (err error) {
		got, err = r.SiteRecords("copy")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got.Site.Slug != "citta-di-prova-2" {
		t.Errorf("slug %q", got.Site.Slug)
	}
	got.Site.Slug = recs.Site.Slug
	if got.Responses[0] != recs.Responses[0] || got.Site.Updated != recs.Site.Updated || got.StatementNotes[0] != recs.StatementNotes[0] {
		t.Error("the records were not stored as they were")
	}
	err = other.svc.Change(func(c *workbook.Change) error { return c.DeleteRecord(recs.Responses[0]) })
	if err != nil {
		t.Fatal(err)
	}
	if err := other.svc.Read(func(r *workbook.Reader) (err error) {
		got, err = r.SiteRecords("copy")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(got.Responses) != 0 {
		t.Error("DeleteRecord left the response")
	}
}
