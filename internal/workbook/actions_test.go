package workbook_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// An action is overdue from the day after its due date, until it is done
// or dropped; on the due day itself it is not late yet.
func TestOverdue(t *testing.T) {
	const today = "2026-03-02"
	for _, tc := range []struct {
		due    string
		status workbook.Status
		want   bool
	}{
		{"2026-03-01", workbook.StatusPlanned, true},
		{"2026-03-01", workbook.StatusInProgress, true},
		{"2026-03-01", workbook.StatusDone, false},
		{"2026-03-01", workbook.StatusDropped, false},
		{"2026-03-02", workbook.StatusPlanned, false}, // due today
		{"2026-03-03", workbook.StatusPlanned, false},
		{"2025-12-31", workbook.StatusInProgress, true}, // across a year
		{"2026-02-28", workbook.StatusPlanned, true},
		{"", workbook.StatusPlanned, false},           // no due date
		{"soon", workbook.StatusPlanned, false},       // not a date (never stored)
		{"2026-3-1", workbook.StatusPlanned, false},   // not YYYY-MM-DD
		{"1999-01-01", workbook.StatusDropped, false}, // long dropped
	} {
		iv := workbook.Intervention{Due: tc.due, Status: tc.status}
		if got := iv.Overdue(today); got != tc.want {
			t.Errorf("due %q, %s, on %s: overdue = %v, want %v", tc.due, tc.status, today, got, tc.want)
		}
	}
}

func TestCountPlan(t *testing.T) {
	ivs := []workbook.Intervention{
		{Due: "2026-01-31", Status: workbook.StatusPlanned},
		{Due: "2026-02-28", Status: workbook.StatusInProgress},
		{Due: "2026-03-02", Status: workbook.StatusInProgress},
		{Due: "2026-01-31", Status: workbook.StatusDone},
		{Due: "2026-01-31", Status: workbook.StatusDropped},
		{Status: workbook.StatusPlanned},
	}
	got := workbook.CountPlan(ivs, "2026-03-02")
	want := workbook.PlanCounts{Actions: 6, Planned: 2, InProgress: 2, Done: 1, Dropped: 1, Overdue: 2}
	if got != want {
		t.Errorf("CountPlan = %+v, want %+v", got, want)
	}
	if got := workbook.CountPlan(nil, "2026-03-02"); got != (workbook.PlanCounts{}) {
		t.Errorf("CountPlan(nil) = %+v", got)
	}
}

// addAction writes one action of the fixture's assessment.
func (f *fixture) addAction(t *testing.T, iv workbook.Intervention) workbook.Intervention {
	t.Helper()
	iv.SiteID, iv.AssessmentID = f.site.ID, f.a.ID
	f.change(t, func(c *workbook.Change) (err error) {
		iv, err = c.SaveIntervention(iv)
		return err
	})
	return iv
}

func (f *fixture) review(iv workbook.Intervention, rv workbook.Review) (workbook.Intervention, error) {
	var out workbook.Intervention
	err := f.svc.Change(func(c *workbook.Change) (err error) {
		out, err = c.AddReview(iv.SiteID, iv.AssessmentID, iv.ID, rv)
		return err
	})
	return out, err
}

// A review is added to the log in date order and the action takes the
// status of its latest review; a review dated before the latest one goes
// into its place and leaves the status alone.
func TestAddReviewKeepsTheLogInDateOrder(t *testing.T) {
	f := newFixture(t)
	iv := f.addAction(t, workbook.Intervention{Action: "Meet in the villages", Due: "2026-02-27"})
	if iv.Status != workbook.StatusPlanned || len(iv.Reviews) != 0 {
		t.Fatalf("a new action: %+v", iv)
	}
	steps := []struct {
		rv     workbook.Review
		status workbook.Status
		dates  string
	}{
		{workbook.Review{Date: "2026-02-10", Reviewer: "Helen Dawson", Status: workbook.StatusInProgress, Note: "Agreed at the board."},
			workbook.StatusInProgress, "2026-02-10"},
		{workbook.Review{Date: "2026-03-02", Status: workbook.StatusDone, Note: "First meeting held."}, // today
			workbook.StatusDone, "2026-02-10 2026-03-02"},
		{workbook.Review{Date: "2026-02-20", Status: workbook.StatusInProgress, Note: "Halls booked."}, // back-dated
			workbook.StatusDone, "2026-02-10 2026-02-20 2026-03-02"},
		{workbook.Review{Date: "2026-03-02", Status: workbook.StatusInProgress, Note: "Second meeting cancelled."}, // same day: after
			workbook.StatusInProgress, "2026-02-10 2026-02-20 2026-03-02 2026-03-02"},
	}
	for i, st := range steps {
		before := iv.Updated
		got, err := f.review(iv, st.rv)
		if err != nil {
			t.Fatalf("review %d: %v", i+1, err)
		}
		var dates []string
		for _, r := range got.Reviews {
			dates = append(dates, r.Date)
		}
		if got.Status != st.status || strings.Join(dates, " ") != st.dates {
			t.Errorf("after review %d: status %s, log %v; want %s, %s", i+1, got.Status, dates, st.status, st.dates)
		}
		if !got.Updated.After(before) || !got.Created.Equal(iv.Created) {
			t.Errorf("after review %d: created %v updated %v (was %v %v)", i+1, got.Created, got.Updated, iv.Created, before)
		}
		iv = got
	}
	if last, _ := iv.LastReview(); last.Note != "Second meeting cancelled." {
		t.Errorf("last review = %+v", last)
	}
	// What was saved is what AddReview returned.
	d := f.load(t)
	if len(d.Interventions) != 1 || !reflect.DeepEqual(d.Interventions[0], iv) {
		t.Errorf("stored %+v\nreturned %+v", d.Interventions, iv)
	}
}

func TestAddReviewRefuses(t *testing.T) {
	f := newFixture(t)
	iv := f.addAction(t, workbook.Intervention{Action: "Meet in the villages"})
	for _, tc := range []struct {
		name  string
		rv    workbook.Review
		field string
		msg   string
	}{
		{"no date", workbook.Review{Status: workbook.StatusDone}, "date", "must be a date"},
		{"not a date", workbook.Review{Date: "last week", Status: workbook.StatusDone}, "date", "must be a date"},
		{"tomorrow", workbook.Review{Date: "2026-03-03", Status: workbook.StatusDone}, "date", "2026-03-03 is after today (2026-03-02)"},
		{"no status", workbook.Review{Date: "2026-03-01"}, "status", "not \"\""},
		{"an unknown status", workbook.Review{Date: "2026-03-01", Status: "stalled"}, "status", "not \"stalled\""},
		{"dropped without a reason", workbook.Review{Date: "2026-03-01", Status: workbook.StatusDropped}, "note", "say why"},
		{"dropped with a blank reason", workbook.Review{Date: "2026-03-01", Status: workbook.StatusDropped, Note: " \n "}, "note", "say why"},
		{"a reviewer on two lines", workbook.Review{Date: "2026-03-01", Status: workbook.StatusDone, Reviewer: "Helen\nDawson"}, "reviewer", ""},
		{"a note too long", workbook.Review{Date: "2026-03-01", Status: workbook.StatusDone, Note: strings.Repeat("x", workbook.MaxLongText+1)}, "note", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.review(iv, tc.rv)
			var fe workbook.FieldErrors
			if !errors.As(err, &fe) || fe.For(tc.field) == "" || !strings.Contains(fe.For(tc.field), tc.msg) {
				t.Errorf("AddReview = %v, want a problem with %s saying %q", err, tc.field, tc.msg)
			}
		})
	}
	if d := f.load(t); len(d.Interventions[0].Reviews) != 0 {
		t.Errorf("refused reviews were kept: %+v", d.Interventions[0].Reviews)
	}
	if _, err := f.review(workbook.Intervention{SiteID: f.site.ID, AssessmentID: f.a.ID, ID: "nope"}, workbook.Review{Date: "2026-03-01", Status: workbook.StatusDone}); !errors.Is(err, workbook.ErrNotFound) {
		t.Errorf("a review of no action: %v", err)
	}
	// Dropped with a reason is the way to drop an action.
	got, err := f.review(iv, workbook.Review{Date: "2026-03-01", Status: workbook.StatusDropped, Note: "Merged with the glossary action."})
	if err != nil || got.Status != workbook.StatusDropped || got.DroppedReason() != "Merged with the glossary action." {
		t.Errorf("dropped: %+v, %v", got, err)
	}
}

func TestAddReviewKeepsToTheLimit(t *testing.T) {
	f := newFixture(t)
	iv := f.addAction(t, workbook.Intervention{Action: "Meet in the villages"})
	f.change(t, func(c *workbook.Change) error {
		for range workbook.MaxReviews {
			if _, err := c.AddReview(iv.SiteID, iv.AssessmentID, iv.ID, workbook.Review{Date: "2026-01-01", Status: workbook.StatusInProgress}); err != nil {
				return err
			}
		}
		return nil
	})
	_, err := f.review(iv, workbook.Review{Date: "2026-01-02", Status: workbook.StatusDone})
	var le *workbook.LimitError
	if !errors.As(err, &le) || le.Limit != workbook.LimitReviews {
		t.Errorf("review %d: %v, want the limit on reviews", workbook.MaxReviews+1, err)
	}
}

// Editing an action changes its words, owner, due date and key issue; its
// status and log change only by a review.
func TestSaveInterventionKeepsStatusAndLog(t *testing.T) {
	f := newFixture(t)
	iv := f.addAction(t, workbook.Intervention{Action: "Meet in the villages", Status: workbook.StatusInProgress})
	iv, err := f.review(iv, workbook.Review{Date: "2026-03-01", Status: workbook.StatusDone, Note: "Held."})
	if err != nil {
		t.Fatal(err)
	}
	edit := iv
	edit.Action, edit.Owner = "Meet in the village halls", "Forum chair"
	var saved workbook.Intervention
	f.change(t, func(c *workbook.Change) (err error) {
		saved, err = c.SaveIntervention(edit)
		return err
	})
	if saved.Action != edit.Action || saved.Status != workbook.StatusDone || len(saved.Reviews) != 1 || !saved.Created.Equal(iv.Created) {
		t.Errorf("edited: %+v", saved)
	}
	for _, tc := range []struct {
		name  string
		iv    func() workbook.Intervention
		field string
	}{
		{"a status changed in an edit", func() workbook.Intervention { x := saved; x.Status = workbook.StatusPlanned; return x }, "status"},
		{"a log changed in an edit", func() workbook.Intervention { x := saved; x.Reviews = nil; return x }, "reviews"},
		{"a new action dropped", func() workbook.Intervention {
			return workbook.Intervention{SiteID: f.site.ID, AssessmentID: f.a.ID, Action: "Another", Status: workbook.StatusDropped}
		}, "status"},
		{"a new action with a log", func() workbook.Intervention {
			return workbook.Intervention{SiteID: f.site.ID, AssessmentID: f.a.ID, Action: "Another",
				Reviews: []workbook.Review{{Date: "2026-03-01", Status: workbook.StatusPlanned}}}
		}, "reviews"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.svc.Change(func(c *workbook.Change) error { _, err := c.SaveIntervention(tc.iv()); return err })
			var fe workbook.FieldErrors
			if !errors.As(err, &fe) || fe.For(tc.field) == "" {
				t.Errorf("SaveIntervention = %v, want a problem with %s", err, tc.field)
			}
		})
	}
}

// The bundle check holds an action's log to the same rules: in date
// order, its status that of its latest review, dropped only by a review,
// no review dated after tomorrow by this computer's clock.
func TestBundleCheckOfTheReviewLog(t *testing.T) {
	f := newFixture(t)
	recs := f.everything(t)
	now := time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		edit func(iv *workbook.Intervention)
		want string // "" is no problem
	}{
		{"a good log", func(iv *workbook.Intervention) {
			iv.Reviews = []workbook.Review{{Date: "2026-01-10", Status: workbook.StatusInProgress}, {Date: "2026-03-03", Status: workbook.StatusDone}}
			iv.Status = workbook.StatusDone
		}, ""},
		{"out of order", func(iv *workbook.Intervention) {
			iv.Reviews = []workbook.Review{{Date: "2026-02-10", Status: workbook.StatusInProgress}, {Date: "2026-01-10", Status: workbook.StatusInProgress}}
			iv.Status = workbook.StatusInProgress
		}, "review 2 date: 2026-01-10 is before the review above it"},
		{"status not the latest review's", func(iv *workbook.Intervention) {
			iv.Reviews = []workbook.Review{{Date: "2026-02-10", Status: workbook.StatusDone}}
			iv.Status = workbook.StatusInProgress
		}, `status: is "in-progress", but the latest review (2026-02-10) set "done"`},
		{"dropped without a review", func(iv *workbook.Intervention) { iv.Status = workbook.StatusDropped },
			"status: an action is dropped by a review that says why"},
		{"a review in two days", func(iv *workbook.Intervention) {
			iv.Reviews = []workbook.Review{{Date: "2026-03-04", Status: workbook.StatusPlanned}}
		}, "review 1 date: 2026-03-04 is after today (2026-03-03)"},
		{"notes of an older Engage, upgraded", func(iv *workbook.Intervention) {
			*iv = workbook.LegacyIntervention{Intervention: *iv, Review: "Draft circulated."}.Upgrade()
		}, ""},
		{"too many reviews", func(iv *workbook.Intervention) {
			iv.Reviews = make([]workbook.Review, workbook.MaxReviews+1)
		}, "reviews: 201 are listed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := *recs
			broken.Interventions = append([]workbook.Intervention(nil), recs.Interventions...)
			tc.edit(&broken.Interventions[0])
			got := workbook.CheckSiteRecords(&broken, map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}, now)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("problems: %v", got)
			case tc.want != "" && !strings.Contains(got.Error(), tc.want):
				t.Errorf("problems: %v, want %q", got, tc.want)
			}
		})
	}
}

// A store or bundle written before the review log kept the review notes
// in one text: upgraded, the text is the first entry of the log, dated the
// day the action was last saved, with its status and no reviewer.
func TestLegacyReviewNotesBecomeTheFirstReview(t *testing.T) {
	updated := time.Date(2026, 2, 25, 23, 30, 0, 0, time.UTC)
	old := `{"id":"a1","site":"s","assessment":"x","action":"Clarify roles","owner":"Chair","due":"2026-05-29","status":"in-progress",` +
		`"review":"Draft circulated to members.","created":"2026-02-02T10:00:00Z","updated":"2026-02-25T23:30:00Z"}`
	plain := `{"id":"a2","site":"s","assessment":"x","action":"Invite residents","status":"planned","created":"2026-02-02T10:00:00Z","updated":"2026-02-02T10:00:00Z"}`
	var li workbook.LegacyIntervention
	if err := json.Unmarshal([]byte(old), &li); err != nil {
		t.Fatal(err)
	}
	want := workbook.Intervention{ID: "a1", SiteID: "s", AssessmentID: "x", Action: "Clarify roles", Owner: "Chair", Due: "2026-05-29",
		Status: workbook.StatusInProgress, Reviews: []workbook.Review{{Date: "2026-02-25", Status: workbook.StatusInProgress, Note: "Draft circulated to members."}},
		Created: time.Date(2026, 2, 2, 10, 0, 0, 0, time.UTC), Updated: updated}
	if got := li.Upgrade(); !reflect.DeepEqual(got, want) {
		t.Errorf("Upgrade:\n got %+v\nwant %+v", got, want)
	}

	ms := newMemStore()
	if err := ms.Update(func(tx workbook.Tx) error {
		if err := tx.Put(workbook.BucketInterventions, "s/x/a1", []byte(old)); err != nil {
			return err
		}
		return tx.Put(workbook.BucketInterventions, "s/x/a2", []byte(plain))
	}); err != nil {
		t.Fatal(err)
	}
	if err := ms.Update(workbook.UpgradeInterventions); err != nil {
		t.Fatal(err)
	}
	_ = ms.View(func(tx workbook.Tx) error {
		var got workbook.Intervention
		raw := tx.Get(workbook.BucketInterventions, "s/x/a1")
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || strings.Contains(string(raw), `"review"`) {
			t.Errorf("upgraded record %s", raw)
		}
		if raw := tx.Get(workbook.BucketInterventions, "s/x/a2"); string(raw) != plain {
			t.Errorf("a record without notes was rewritten: %s", raw)
		}
		return nil
	})
}

// A monitoring round takes the overdue first (the longest overdue
// first), then the open actions by due date, the undated after them, then
// the done and dropped; ties keep their order.
func TestSortPlanLines(t *testing.T) {
	line := func(action, due string, s workbook.Status) workbook.PlanLine {
		return workbook.PlanLine{Intervention: workbook.Intervention{Action: action, Due: due, Status: s}}
	}
	lines := []workbook.PlanLine{
		line("done late", "2026-01-01", workbook.StatusDone),
		line("open, undated", "", workbook.StatusPlanned),
		line("due in April", "2026-04-30", workbook.StatusPlanned),
		line("late since February", "2026-02-20", workbook.StatusInProgress),
		line("due today", "2026-03-02", workbook.StatusPlanned),
		line("late since December", "2025-12-19", workbook.StatusPlanned),
		line("dropped", "2025-11-28", workbook.StatusDropped),
		line("also due in April", "2026-04-30", workbook.StatusInProgress),
	}
	workbook.SortPlanLines(lines, "2026-03-02")
	var got []string
	for _, l := range lines {
		got = append(got, l.Action)
	}
	want := []string{"late since December", "late since February", "due today", "due in April", "also due in April",
		"open, undated", "dropped", "done late"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
}
