package workbook_test

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestEarlierRound walks a site with five assessments: two partnerships,
// one round with no answers, and one with none selected.
func TestEarlierRound(t *testing.T) {
	f := newFixture(t)
	var p, q workbook.Partnership
	ids := map[string]string{"first": f.a.ID}
	// round starts an assessment of partnership pid (none when ""), with
	// one insider answering when answered.
	round := func(c *workbook.Change, name, pid string, answered bool) error {
		aid, ok := ids[name]
		if !ok {
			a, err := c.NewAssessment(f.site.ID, workbook.AssessmentInput{Title: name})
			if err != nil {
				return err
			}
			aid, ids[name] = a.ID, a.ID
		}
		if pid != "" {
			if _, err := c.SelectPartnership(f.site.ID, aid, pid, "the one running"); err != nil {
				return err
			}
		}
		if !answered {
			return nil
		}
		who, err := c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: aid, Group: workbook.Insider, Role: workbook.RoleMiddle})
		if err != nil {
			return err
		}
		_, err = c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: aid, ParticipantID: who.ID, StatementID: "ca-info", DontKnow: true})
		return err
	}
	f.change(t, func(c *workbook.Change) (err error) {
		if p, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Tavolo anziani", StartYear: 2003, Ongoing: true}); err != nil {
			return err
		}
		if q, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Consulta giovani", StartYear: 2010, Ongoing: true}); err != nil {
			return err
		}
		for _, r := range []struct {
			name, pid string
			answered  bool
		}{
			{"first", p.ID, true},
			{"unanswered", p.ID, false},
			{"other", q.ID, true},
			{"none", "", false},
			{"now", p.ID, true},
		} {
			if err := round(c, r.name, r.pid, r.answered); err != nil {
				return err
			}
		}
		return nil
	})
	for _, tc := range []struct {
		name, want string // want "" is no earlier round
	}{
		{"first", ""},
		{"unanswered", "first"},
		{"other", ""},
		{"none", ""},
		{"now", "first"}, // past the round with no answers and the other partnership's
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.svc.Read(func(r *workbook.Reader) error {
				e, ok, err := r.EarlierAssessment(f.site.ID, ids[tc.name])
				if err != nil {
					return err
				}
				d, err := r.EarlierRound(f.site.ID, ids[tc.name])
				if err != nil {
					return err
				}
				if tc.want == "" {
					if ok || d != nil {
						t.Errorf("earlier round %q (%v), want none", e.Title, d != nil)
					}
					return nil
				}
				if !ok || e.ID != ids[tc.want] {
					t.Errorf("earlier assessment %q (%v), want %q", e.Title, ok, tc.want)
				}
				if d == nil || d.Assessment.ID != ids[tc.want] || len(d.Responses) != 1 {
					t.Errorf("earlier round loaded: %+v", d)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
	err := f.svc.Read(func(r *workbook.Reader) error {
		_, err := r.EarlierRound(f.site.ID, "no-such-assessment")
		return err
	})
	if err == nil {
		t.Error("the earlier round of an unknown assessment: no error")
	}
}

func TestReviewsSince(t *testing.T) {
	ivs := []workbook.Intervention{
		{Reviews: []workbook.Review{{Date: "2025-03-01"}, {Date: "2025-03-10"}, {Date: "2025-04-02"}}},
		{},
		{Reviews: []workbook.Review{{Date: "2026-01-19"}}},
	}
	for _, tc := range []struct {
		since string
		want  int
	}{{"", 4}, {"2025-03-01", 3}, {"2025-03-10", 2}, {"2026-01-19", 0}} {
		if got := workbook.ReviewsSince(ivs, tc.since); got != tc.want {
			t.Errorf("ReviewsSince(%q) = %d, want %d", tc.since, got, tc.want)
		}
	}
}
