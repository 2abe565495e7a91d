package workbook_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func TestUnknownMarkIsKeptApartFromNotMarked(t *testing.T) {
	f := newFixture(t)
	var p workbook.Partnership
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Tavolo anziani"})
		return err
	})
	set := func(id string, m workbook.Mark) {
		t.Helper()
		f.change(t, func(c *workbook.Change) error {
			_, err := c.SetCriterion(f.site.ID, p.ID, id, workbook.CriterionMark{Mark: m})
			return err
		})
	}
	crits := f.q.Criteria
	if len(crits) < 2 {
		t.Fatal("the test questionnaire needs two criteria")
	}
	selectStep := func() workbook.StepProgress { return f.load(t).Progress()[1] }

	set(crits[0].ID, workbook.Met)
	if got := selectStep(); got.Done != 0 || got.Status != workbook.Started {
		t.Errorf("one criterion of %d marked: select step %+v, want started, 0 done", len(crits), got)
	}
	for _, c := range crits[1:] {
		set(c.ID, workbook.Unknown)
	}
	d := f.load(t)
	if got := d.Partnerships[0].Criteria[crits[1].ID].Mark; got != workbook.Unknown || got == workbook.NotMarked {
		t.Fatalf("stored mark %q, want %q", got, workbook.Unknown)
	}
	// Unknown was considered: the partnership counts as checked.
	if got := selectStep(); got.Done != 1 {
		t.Errorf("every criterion met or unknown: select step %+v, want 1 done", got)
	}
	// Clearing the mark leaves it not marked, and the step says so.
	set(crits[1].ID, workbook.NotMarked)
	if _, ok := f.load(t).Partnerships[0].Criteria[crits[1].ID]; ok {
		t.Error("a cleared mark is still stored")
	}
	if got := selectStep(); got.Done != 0 {
		t.Errorf("one criterion not marked: select step %+v, want 0 done", got)
	}
}

// TestMarkRuleIsShared checks that saving a partnership and checking a
// bundle's records accept and refuse the same marks.
func TestMarkRuleIsShared(t *testing.T) {
	for _, tc := range []struct {
		mark workbook.Mark
		ok   bool
	}{
		{workbook.Met, true},
		{workbook.NotMet, true},
		{workbook.Unknown, true},
		{workbook.NotMarked, true}, // what older stores and bundles hold
		{"maybe", false},
		{"Unknown", false},
	} {
		t.Run(string(tc.mark), func(t *testing.T) {
			f := newFixture(t)
			id := f.q.Criteria[0].ID
			p := workbook.Partnership{SiteID: f.site.ID, Title: "Tavolo", Criteria: map[string]workbook.CriterionMark{id: {Mark: tc.mark, Note: "n"}}}
			err := f.svc.Change(func(c *workbook.Change) error {
				_, err := c.SavePartnership(p)
				return err
			})
			var fe workbook.FieldErrors
			if saved := err == nil; saved != tc.ok {
				t.Errorf("SavePartnership: %v, want accepted %v", err, tc.ok)
			} else if !tc.ok && (!errors.As(err, &fe) || !strings.Contains(fe.For("criteria"), "unknown mark")) {
				t.Errorf("SavePartnership: %v, want a criteria message", err)
			}
			recs := f.filled(t)
			p.ID, p.Updated = "pp1", time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			recs.Partnerships = []workbook.Partnership{p}
			problems := workbook.CheckSiteRecords(recs, map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}, time.Time{})
			if checked := problems == nil; checked != tc.ok {
				t.Errorf("CheckSiteRecords: %v, want accepted %v", problems, tc.ok)
			}
		})
	}
}

func TestCompleteAndReopen(t *testing.T) {
	f := newFixture(t) // the clock stands at 2026-03-02
	var a workbook.Assessment
	f.change(t, func(c *workbook.Change) (err error) {
		a, err = c.Complete(f.site.ID, f.a.ID)
		return err
	})
	if a.Completed != "2026-03-02" {
		t.Errorf("completed %q, want today by the service's clock, 2026-03-02", a.Completed)
	}
	if got := f.load(t).Assessment.Completed; got != "2026-03-02" {
		t.Errorf("stored completed %q", got)
	}
	// Reopening says why, or is refused.
	err := f.svc.Change(func(c *workbook.Change) error {
		_, err := c.ReopenAssessment(f.site.ID, f.a.ID, "")
		return err
	})
	var fe workbook.FieldErrors
	if !errors.As(err, &fe) || fe.For("reason") == "" {
		t.Errorf("reopened without a reason: %v, want an error on the reason", err)
	}
	f.change(t, func(c *workbook.Change) (err error) {
		a, err = c.ReopenAssessment(f.site.ID, f.a.ID, "two outsiders' booklets came back late")
		return err
	})
	if a.Completed != "" || f.load(t).Assessment.Completed != "" {
		t.Errorf("reopened: completed %q, want in progress", a.Completed)
	}
	log := f.load(t).Assessment.Log
	if len(log) != 2 || log[0].Kind != workbook.EventCompleted || log[0].Date != "2026-03-02" ||
		log[1].Kind != workbook.EventReopened || log[1].Date != "2026-03-02" || log[1].Reason != "two outsiders' booklets came back late" {
		t.Errorf("log %+v, want completed on 2026-03-02, then reopened with its reason", log)
	}
	// An assessment in progress has nothing to reopen.
	err = f.svc.Change(func(c *workbook.Change) error {
		_, err := c.ReopenAssessment(f.site.ID, f.a.ID, "again")
		return err
	})
	if !errors.As(err, &fe) || !strings.Contains(fe.For("completed"), "not completed") {
		t.Errorf("reopened twice: %v", err)
	}
	// A day before the start is refused, here and in a bundle.
	err = f.svc.Change(func(c *workbook.Change) error {
		_, err := c.CompleteAssessment(f.site.ID, f.a.ID, "2026-03-01")
		return err
	})
	if !errors.As(err, &fe) || !strings.Contains(fe.For("completed"), "before the assessment started") {
		t.Errorf("completed before started: %v", err)
	}
	recs := f.filled(t)
	recs.Assessments[0].Completed = "2026-03-01"
	if problems := workbook.CheckSiteRecords(recs, map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}, time.Time{}); !strings.Contains(problems.Error(), "before the assessment started") {
		t.Errorf("bundle with completed before started: %v", problems)
	}
}

func TestStepsDone(t *testing.T) {
	done := make([]workbook.StepProgress, len(workbook.Steps))
	for i, s := range workbook.Steps {
		done[i] = workbook.StepProgress{Step: s, Status: workbook.Done}
	}
	if !workbook.StepsDone(done) {
		t.Error("five done steps are not done")
	}
	done[4].Status = workbook.Started
	if workbook.StepsDone(done) {
		t.Error("a started step counts as done")
	}
	if workbook.StepsDone(nil) {
		t.Error("no steps count as done")
	}
}

func TestDataAsOf(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name              string
		started, finished string
		latest, want      time.Time
	}{
		{"records after the start", "2026-03-02", "", at(5, 9), at(5, 9)},
		{"records before the start", "2026-03-09", "", at(2, 10), at(9, 0)},
		{"no records", "2026-03-09", "", time.Time{}, at(9, 0)},
		{"completed after the last record", "2026-03-02", "2026-03-12", at(5, 9), at(12, 0)},
		{"no valid dates", "soon", "", at(5, 9), at(5, 9)},
		{"nothing at all", "", "", time.Time{}, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := workbook.Assessment{Started: tc.started, Completed: tc.finished}
			if got := a.DataAsOf(tc.latest); !got.Equal(tc.want) {
				t.Errorf("DataAsOf(%v) = %v, want %v", tc.latest, got, tc.want)
			}
		})
	}
}
