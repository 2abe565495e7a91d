package workbook_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

func TestParseRound(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want workbook.RoundChoice
		err  string
	}{
		{"", workbook.RoundChoice{}, ""},
		{"latest", workbook.RoundChoice{}, ""},
		{"2", workbook.RoundChoice{N: 2}, ""},
		{"2026-03-01", workbook.RoundChoice{Date: "2026-03-01"}, ""},
		{"0", workbook.RoundChoice{}, "a round's number"},
		{"-1", workbook.RoundChoice{}, "a round's number"},
		{"9999999999999999999999", workbook.RoundChoice{}, "a round's number"},
		{"2026-13-01", workbook.RoundChoice{}, "YYYY-MM-DD"},
		{"newest", workbook.RoundChoice{}, "give latest"},
	} {
		got, err := workbook.ParseRound(tc.in)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("ParseRound(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseRound(%q): %v, want an error saying %q", tc.in, err, tc.err)
		}
		if err == nil && tc.in != "" && got.String() != tc.in {
			t.Errorf("ParseRound(%q).String() = %q", tc.in, got.String())
		}
	}
}

func TestPickRound(t *testing.T) {
	as := []workbook.Assessment{{ID: "r1", Started: "2025-03-01"}, {ID: "r2", Started: "2026-03-01"}, {ID: "r3", Started: "2026-11-20"}}
	for _, tc := range []struct {
		name     string
		answered []int
		c        workbook.RoundChoice
		want     string
		err      string
	}{
		{"newest with answers, a round just started", []int{40, 35, 0}, workbook.RoundChoice{}, "r2", ""},
		{"newest, when it has answers", []int{40, 35, 2}, workbook.RoundChoice{}, "r3", ""},
		{"newest, when none has answers", []int{0, 0, 0}, workbook.RoundChoice{}, "r3", ""},
		{"by number, even without answers", []int{40, 35, 0}, workbook.RoundChoice{N: 3}, "r3", ""},
		{"by number", []int{40, 35, 0}, workbook.RoundChoice{N: 1}, "r1", ""},
		{"a number past the last", []int{40, 35, 0}, workbook.RoundChoice{N: 4}, "", "round 4 asked for; the site has 3"},
		{"by day: started by then", []int{40, 35, 9}, workbook.RoundChoice{Date: "2026-06-30"}, "r2", ""},
		{"by day: the day a round started", []int{40, 35, 9}, workbook.RoundChoice{Date: "2026-03-01"}, "r2", ""},
		{"by day: newest with answers by then", []int{40, 0, 9}, workbook.RoundChoice{Date: "2026-06-30"}, "r1", ""},
		{"by day: before the first", []int{40, 35, 9}, workbook.RoundChoice{Date: "2024-01-01"}, "", "no round had started by 2024-01-01 (the first started on 2025-03-01)"},
	} {
		i, err := workbook.PickRound(as, tc.answered, tc.c)
		switch {
		case tc.err != "":
			if !errors.Is(err, workbook.ErrNoRound) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: %v, want ErrNoRound saying %q", tc.name, err, tc.err)
			}
		case err != nil || as[i].ID != tc.want:
			t.Errorf("%s: round %d (%v), want %s", tc.name, i+1, err, tc.want)
		}
	}
	if _, err := workbook.PickRound(nil, nil, workbook.RoundChoice{}); !errors.Is(err, workbook.ErrNoRound) {
		t.Errorf("no assessment: %v", err)
	}
}

// A second round just started: the site's round with answers is still the
// first, by the kept figures, until the second has an answer.
func TestRoundShownIsTheNewestWithAnswers(t *testing.T) {
	f := newFixture(t)
	f.filled(t) // one answer in the first round
	var second workbook.Assessment
	f.change(t, func(c *workbook.Change) (err error) {
		second, err = c.NewAssessment(f.site.ID, workbook.AssessmentInput{Started: "2027-03-01"})
		return err
	})
	round := func() (string, int, int) {
		t.Helper()
		var a workbook.Assessment
		var n, of int
		if err := f.svc.Read(func(r *workbook.Reader) (err error) {
			a, n, of, err = r.Round(f.site.ID, workbook.RoundChoice{})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return a.ID, n, of
	}
	if id, n, of := round(); id != f.a.ID || n != 1 || of != 2 {
		t.Errorf("round shown %s (%d of %d), want the first, %s (1 of 2)", id, n, of, f.a.ID)
	}
	f.change(t, func(c *workbook.Change) error {
		p, err := c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: second.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
		if err != nil {
			return err
		}
		_, err = c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: second.ID, ParticipantID: p.ID, StatementID: "ca-times", DontKnow: true})
		return err
	})
	if id, n, _ := round(); id != second.ID || n != 2 {
		t.Errorf("round shown %s (%d), want the second once it has an answer", id, n)
	}
}

// The changes a screen asks to confirm are noted in the log of the
// assessment whose answers they concern, with how many answers; the same
// changes before any answer are not.
func TestChangesAfterAnswersAreLogged(t *testing.T) {
	f := newFixture(t)
	var p1, p2 workbook.Partnership
	var people []workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		if p1, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Youth forum"}); err != nil {
			return err
		}
		if p2, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Carers' network"}); err != nil {
			return err
		}
		if _, err = c.SelectPartnership(f.site.ID, f.a.ID, p1.ID, ""); err != nil {
			return err
		}
		// Before any answer, changing the partnership is not logged.
		if _, err = c.SelectPartnership(f.site.ID, f.a.ID, p2.ID, ""); err != nil {
			return err
		}
		if _, err = c.SelectPartnership(f.site.ID, f.a.ID, p1.ID, ""); err != nil {
			return err
		}
		for range 2 {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Name: "Anna Rossi", Group: workbook.Insider, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			people = append(people, p)
			for _, st := range []string{"ca-times", "ca-info"} {
				if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: p.ID, StatementID: st, Score: 3}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	var uses []workbook.PartnershipUse
	var answers int
	if err := f.svc.Read(func(r *workbook.Reader) (err error) {
		if uses, err = r.PartnershipUses(f.site.ID, p1.ID); err != nil {
			return err
		}
		answers, err = r.ParticipantAnswers(f.site.ID, f.a.ID, people[0].ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(uses) != 1 || uses[0].Answers != 4 || uses[0].Round != 1 {
		t.Errorf("uses of the partnership %+v, want the one assessment, round 1, with 4 answers", uses)
	}
	if answers != 2 {
		t.Errorf("participant's answers %d, want 2", answers)
	}
	f.change(t, func(c *workbook.Change) (err error) {
		if _, err = c.SelectPartnership(f.site.ID, f.a.ID, p2.ID, "the forum stopped meeting"); err != nil {
			return err
		}
		if err = c.DeleteParticipant(f.site.ID, f.a.ID, people[0].ID); err != nil {
			return err
		}
		return c.DeletePartnership(f.site.ID, p2.ID)
	})
	log := f.load(t).Assessment.Log
	want := []workbook.Event{
		{Kind: workbook.EventPartnershipChanged, Partnership: "Youth forum", To: "Carers' network", Answers: 4},
		{Kind: workbook.EventParticipantDeleted, Group: workbook.Insider, Answers: 2},
		{Kind: workbook.EventPartnershipDeleted, Partnership: "Carers' network", Answers: 2},
	}
	if len(log) != len(want) {
		t.Fatalf("log %+v, want %d entries", log, len(want))
	}
	for i, e := range log {
		if e.At.IsZero() {
			t.Errorf("entry %d has no time", i+1)
		}
		e.At = want[i].At
		if e != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i+1, e, want[i])
		}
		if strings.Contains(e.Partnership+e.To+e.Reason, "Anna") {
			t.Errorf("entry %d names the participant", i+1)
		}
	}
}
