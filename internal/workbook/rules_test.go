package workbook_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// everything fills the fixture with one record of each kind, saved through
// the save functions, and returns the site's records.
func (f *fixture) everything(t *testing.T) *workbook.SiteRecords {
	t.Helper()
	f.filled(t)
	f.change(t, func(c *workbook.Change) error {
		p, err := c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Local forum"})
		if err != nil {
			return err
		}
		if _, err := c.SelectPartnership(f.site.ID, f.a.ID, p.ID, "It meets often."); err != nil {
			return err
		}
		if _, err := c.SetIssueNote(workbook.IssueNote{SiteID: f.site.ID, AssessmentID: f.a.ID, KeyIssueID: "community-ability", Notes: "Confirmed."}); err != nil {
			return err
		}
		if _, err := c.SaveFinding(workbook.Finding{SiteID: f.site.ID, AssessmentID: f.a.ID, Kind: workbook.FindingGood, Text: "Good."}); err != nil {
			return err
		}
		_, err = c.SaveIntervention(workbook.Intervention{SiteID: f.site.ID, AssessmentID: f.a.ID, Action: "Meet in the villages"})
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

// TestSaveAndBundleCheckSayTheSame gives the same bad value to a save
// function and, in a record, to the bundle check: each record type's rules
// are one function, so both refuse it with the same message.
func TestSaveAndBundleCheckSayTheSame(t *testing.T) {
	f := newFixture(t)
	recs := f.everything(t)
	qs := map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}
	long := strings.Repeat("x", workbook.MaxShortText+1)
	dirs := make([]workbook.Directorate, workbook.MaxDirectorates+1)
	for i := range dirs {
		dirs[i] = workbook.Directorate{ID: fmt.Sprint("d", i), Name: fmt.Sprint("Directorate ", i)}
	}
	for _, tc := range []struct {
		name  string
		field string
		save  func(c *workbook.Change, r *workbook.SiteRecords) error
		edit  func(r *workbook.SiteRecords)
	}{
		{"site name with a bell", "name",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				_, err := c.UpdateSite(workbook.SiteInput{ID: r.Site.ID, Name: "Città\adi Prova", Organisation: r.Site.Organisation})
				return err
			},
			func(r *workbook.SiteRecords) { r.Site.Name = "Città\adi Prova" }},
		{"too many directorates", "directorates",
			func(c *workbook.Change, r *workbook.SiteRecords) error { return c.SetDirectorates(r.Site.ID, dirs) },
			func(r *workbook.SiteRecords) { r.Site.Directorates = dirs }},
		{"partnership without a title", "title",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				p := r.Partnerships[0]
				p.Title = " "
				_, err := c.SavePartnership(p)
				return err
			},
			func(r *workbook.SiteRecords) { r.Partnerships[0].Title = " " }},
		{"assessment started in 9999", "started",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				_, err := c.NewAssessment(r.Site.ID, workbook.AssessmentInput{Started: "9999-12-31"})
				return err
			},
			func(r *workbook.SiteRecords) { r.Assessments[0].Started = "9999-12-31" }},
		{"assessment title too long", "title",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				_, err := c.NewAssessment(r.Site.ID, workbook.AssessmentInput{Title: long})
				return err
			},
			func(r *workbook.SiteRecords) { r.Assessments[0].Title = long }},
		{"participant of no group", "group",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				p := r.Participants[0]
				p.Group = "visitor"
				_, err := c.SaveParticipant(p)
				return err
			},
			func(r *workbook.SiteRecords) { r.Participants[0].Group = "visitor" }},
		{"score off the scale", "score",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				x := r.Responses[0]
				_, err := c.RecordResponse(workbook.ResponseInput{SiteID: x.SiteID, AssessmentID: x.AssessmentID, ParticipantID: x.ParticipantID, StatementID: x.StatementID, Score: 6})
				return err
			},
			func(r *workbook.SiteRecords) { r.Responses[0].Score = 6 }},
		{"outsider on a statement outside the verification set", "statement",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				x := r.Responses[0]
				_, err := c.RecordResponse(workbook.ResponseInput{SiteID: x.SiteID, AssessmentID: x.AssessmentID, ParticipantID: x.ParticipantID, StatementID: "ca-info", Score: 2})
				return err
			},
			func(r *workbook.SiteRecords) { r.Responses[0].StatementID = "ca-info" }},
		{"group score off the scale", "group score",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				n := r.StatementNotes[0]
				n.GroupScore = 7
				_, err := c.SetStatementNote(n)
				return err
			},
			func(r *workbook.SiteRecords) { r.StatementNotes[0].GroupScore = 7 }},
		{"issue note on no key issue", "key issue",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				n := r.IssueNotes[0]
				n.KeyIssueID = "zz"
				_, err := c.SetIssueNote(n)
				return err
			},
			func(r *workbook.SiteRecords) { r.IssueNotes[0].KeyIssueID = "zz" }},
		{"finding of no kind", "kind",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				x := r.Findings[0]
				x.Kind = "rumour"
				_, err := c.SaveFinding(x)
				return err
			},
			func(r *workbook.SiteRecords) { r.Findings[0].Kind = "rumour" }},
		{"action due on no day", "due date",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				x := r.Interventions[0]
				x.Due = "2026-13-01"
				_, err := c.SaveIntervention(x)
				return err
			},
			func(r *workbook.SiteRecords) { r.Interventions[0].Due = "2026-13-01" }},
		{"action dropped without a reason", "note",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				x := r.Interventions[0]
				_, err := c.AddReview(x.SiteID, x.AssessmentID, x.ID, workbook.Review{Date: "2026-03-01", Status: workbook.StatusDropped, Note: " "})
				return err
			},
			func(r *workbook.SiteRecords) {
				r.Interventions[0].Status = workbook.StatusDropped
				r.Interventions[0].Reviews = []workbook.Review{{Date: "2026-03-01", Status: workbook.StatusDropped, Note: " "}}
			}},
		{"review of no status", "status",
			func(c *workbook.Change, r *workbook.SiteRecords) error {
				x := r.Interventions[0]
				_, err := c.AddReview(x.SiteID, x.AssessmentID, x.ID, workbook.Review{Date: "2026-03-01", Status: "stalled"})
				return err
			},
			func(r *workbook.SiteRecords) {
				r.Interventions[0].Reviews = []workbook.Review{{Date: "2026-03-01", Status: "stalled"}}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.svc.Change(func(c *workbook.Change) error { return tc.save(c, recs) })
			var saved workbook.FieldErrors
			if !errors.As(err, &saved) || saved.For(tc.field) == "" {
				t.Fatalf("the save function: %v, want a problem with %s", err, tc.field)
			}
			broken := *recs
			broken.Site.Directorates = append([]workbook.Directorate(nil), recs.Site.Directorates...)
			for _, l := range []any{&broken.Partnerships, &broken.Assessments, &broken.Participants, &broken.Responses, &broken.StatementNotes, &broken.IssueNotes, &broken.Findings, &broken.Interventions} {
				cloneList(l)
			}
			tc.edit(&broken)
			checked := workbook.CheckSiteRecords(&broken, qs, time.Time{})
			for _, fe := range checked {
				if strings.HasSuffix(fe.Field, " "+tc.field) && fe.Message == saved.For(tc.field) {
					return
				}
			}
			t.Errorf("the save function says %q: %q; the bundle check says %v", tc.field, saved.For(tc.field), checked)
		})
	}
}

// cloneList copies the slice behind p, so that editing it leaves the
// original alone.
func cloneList(p any) {
	switch l := p.(type) {
	case *[]workbook.Partnership:
		*l = append([]workbook.Partnership(nil), *l...)
	case *[]workbook.Assessment:
		*l = append([]workbook.Assessment(nil), *l...)
	case *[]workbook.Participant:
		*l = append([]workbook.Participant(nil), *l...)
	case *[]workbook.Response:
		*l = append([]workbook.Response(nil), *l...)
	case *[]workbook.StatementNote:
		*l = append([]workbook.StatementNote(nil), *l...)
	case *[]workbook.IssueNote:
		*l = append([]workbook.IssueNote(nil), *l...)
	case *[]workbook.Finding:
		*l = append([]workbook.Finding(nil), *l...)
	case *[]workbook.Intervention:
		*l = append([]workbook.Intervention(nil), *l...)
	}
}

// TestReferencesAndClock: an assessment must select a partnership the
// site has, and no record may be changed far after the clock.
func TestReferencesAndClock(t *testing.T) {
	f := newFixture(t)
	recs := f.everything(t)
	qs := map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	if fe := workbook.CheckSiteRecords(recs, qs, now); fe != nil {
		t.Fatalf("the saved records: %v", fe)
	}
	for _, tc := range []struct {
		name string
		edit func(r *workbook.SiteRecords)
		want string
	}{
		{"selected partnership not mapped", func(r *workbook.SiteRecords) { r.Partnerships = nil }, `partnership: "id-`},
		{"updated in 9999", func(r *workbook.SiteRecords) {
			r.Participants[0].Updated = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		},
			"time: 9999-12-31T00:00:00Z is in the future (this computer's clock says 2026-03-10T12:00:00Z)"},
		{"answered two days ahead", func(r *workbook.SiteRecords) { r.Responses[0].At = now.Add(48 * time.Hour) }, "is in the future"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := *recs
			cloneList(&broken.Participants)
			cloneList(&broken.Responses)
			tc.edit(&broken)
			if fe := workbook.CheckSiteRecords(&broken, qs, now); !strings.Contains(fe.Error(), tc.want) {
				t.Errorf("problems %q do not say %q", fe.Error(), tc.want)
			}
		})
	}
	// A clock a little fast is not a problem.
	broken := *recs
	cloneList(&broken.Responses)
	broken.Responses[0].At = now.Add(time.Hour)
	if fe := workbook.CheckSiteRecords(&broken, qs, now); fe != nil {
		t.Errorf("an hour ahead: %v", fe)
	}
}

// TestDeletingAPartnershipClearsItsSelection: nothing is left pointing at
// a partnership that is gone, so the site still exports.
func TestDeletingAPartnershipClearsItsSelection(t *testing.T) {
	f := newFixture(t)
	recs := f.everything(t)
	pid := recs.Partnerships[0].ID
	f.change(t, func(c *workbook.Change) error { return c.DeletePartnership(f.site.ID, pid) })
	d := f.load(t)
	if d.Assessment.PartnershipID != "" || d.Assessment.SelectionReason != "It meets often." {
		t.Errorf("after the delete: partnership %q, reason %q", d.Assessment.PartnershipID, d.Assessment.SelectionReason)
	}
}

// TestSaveFunctionsKeepToTheLimits fills an assessment up to its limit
// of participants: the next one is refused with the limit, and editing
// one already there still works.
func TestSaveFunctionsKeepToTheLimits(t *testing.T) {
	f := newFixture(t)
	var last workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		for i := range workbook.MaxParticipants {
			if last, err = c.SaveParticipant(workbook.Participant{ID: fmt.Sprintf("p%03d", i), SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Insider, Role: workbook.RoleMiddle}); err != nil {
				return err
			}
		}
		return nil
	})
	err := f.svc.Change(func(c *workbook.Change) error {
		_, err := c.SaveParticipant(workbook.Participant{ID: "one-more", SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
		return err
	})
	var le *workbook.LimitError
	if !errors.As(err, &le) || le.Limit != workbook.LimitParticipants {
		t.Fatalf("participant %d: %v", workbook.MaxParticipants+1, err)
	}
	if want := "would have more than 200 participants; Engage allows at most 200 participants per assessment"; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not say %q", err, want)
	}
	f.change(t, func(c *workbook.Change) error {
		last.Name = "Renamed"
		_, err := c.SaveParticipant(last)
		return err
	})
}

// TestBundleCheckKeepsToTheLimits: the same limit, met by records as a
// bundle carries them.
func TestBundleCheckKeepsToTheLimits(t *testing.T) {
	f := newFixture(t)
	recs := f.filled(t)
	qs := map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}
	p := recs.Participants[0]
	for i := range workbook.MaxParticipants {
		p.ID = fmt.Sprintf("p%04d", i)
		recs.Participants = append(recs.Participants, p)
	}
	fe := workbook.CheckSiteRecords(recs, qs, time.Time{})
	if want := "limit: assessment " + f.a.ID + " would have more than 200 participants"; !strings.Contains(fe.Error(), want) {
		t.Errorf("problems %q do not say %q", fe.Error(), want)
	}
}
