package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// planFixture writes an action plan of three: one due in June, one
// overdue on the test clock's day (2026-03-02) with two reviews, one
// dropped with its reason.
func planFixture(c *workbook.Change, te *testEnv) error {
	for _, a := range []struct {
		iv      workbook.Intervention
		reviews []workbook.Review
	}{
		{iv: workbook.Intervention{Action: "Send a you-said-we-did letter after each meeting", Owner: "Partnership manager", Due: "2026-06-30", KeyIssueID: "community-ability"}},
		{iv: workbook.Intervention{Action: "Hold the March meeting at the community centre", Owner: "Community worker", Due: "2026-02-27", KeyIssueID: "community-ability"},
			reviews: []workbook.Review{
				{Date: "2026-02-10", Reviewer: "Helen Dawson", Status: workbook.StatusInProgress, Note: "The centre can take us on Tuesdays."},
				{Date: "2026-02-24", Status: workbook.StatusInProgress, Note: "Room booked; the centre asks for a deposit the council has not paid yet."},
			}},
		{iv: workbook.Intervention{Action: "Print the newsletter in Bengali", Owner: "Communications team", Due: "2026-04-30"},
			reviews: []workbook.Review{{Date: "2026-02-25", Status: workbook.StatusDropped, Note: "The residents' association translates it now."}}},
	} {
		a.iv.SiteID, a.iv.AssessmentID = te.site.ID, te.a.ID
		iv, err := c.SaveIntervention(a.iv)
		if err != nil {
			return err
		}
		for _, rv := range a.reviews {
			if _, err := c.AddReview(iv.SiteID, iv.AssessmentID, iv.ID, rv); err != nil {
				return err
			}
		}
	}
	return nil
}

// Overdue is said in words, on the row and in the detail, from the day
// after the due date until the action is done or dropped; the site screen
// counts the overdue actions in its step 5 line. The test clock's day is
// 2026-03-02.
func TestOverdueActionsAreMarkedInWords(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	te.change(func(c *workbook.Change) error { return planFixture(c, te) })
	te.change(func(c *workbook.Change) error {
		for _, iv := range []workbook.Intervention{
			{Action: "Due today", Due: "2026-03-02"},
			{Action: "Due yesterday", Due: "2026-03-01", Status: workbook.StatusInProgress},
			{Action: "Done late", Due: "2026-01-31", Status: workbook.StatusDone},
		} {
			iv.SiteID, iv.AssessmentID = te.site.ID, te.a.ID
			if _, err := c.SaveIntervention(iv); err != nil {
				return err
			}
		}
		return nil
	})
	b := openBarriers(t, te, 120, 37)
	s, _ := press(t, b, "shift+tab")
	view := ansi.Strip(s.View()) // as NO_COLOR shows it: the words are all there is
	for action, late := range map[string]bool{
		"Send a you-said-we-did letter": false, "Hold the March meeting": true, "Print the newsletter in Bengali": false,
		"Due today": false, "Due yesterday": true, "Done late": false,
	} {
		if l := lineWith(t, view, action); strings.Contains(l, "! overdue") != late {
			t.Errorf("%s: overdue %v, want %v: %q", action, !late, late, l)
		}
	}
	s, _ = press(t, s, "down")
	if v := ansi.Strip(s.View()); !strings.Contains(v, "! OVERDUE · in progress · due 2026-02-27") {
		t.Errorf("the detail of the overdue action:\n%s", v)
	}
	s, _ = press(t, s, "down")
	if v := ansi.Strip(s.View()); !strings.Contains(v, "Dropped on 2026-02-25: The residents' association translates it now.") || strings.Contains(v, "OVERDUE ·") {
		t.Errorf("the detail of the dropped action:\n%s", v)
	}
	site := ansi.Strip(openSite(t, te).View())
	if l := lineWith(t, site, "5 Barriers"); !strings.Contains(l, "6 interventions, 2 OVERDUE") {
		t.Errorf("the site screen's step 5: %q", l)
	}
}

// An intervention added from a barrier, edited (not its status), reviewed
// (in progress; dropped needs a reason), its log read, and deleted.
func TestBarriersInterventionsAddEditDelete(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	b := openBarriers(t, te, 80, 21)
	// From the first barrier, the suggested intervention is filled in.
	s, log := press(t, b, "i")
	fm := pushed(t, log, 80, 21)
	st, _, _ := te.q.Statement("ca-feedback")
	want := st.Interventions[0].In("en")
	if got := fm.(*form).fields[0].value(); got != want {
		t.Errorf("action = %q, want the suggestion %q", got, want)
	}
	fm, _ = press(t, fm, "tab")
	fm = typeText(t, fm, "Partnership manager")
	fm, _ = press(t, fm, "tab")
	fm = typeText(t, fm, "30/06/2026")
	fm, log = press(t, fm, "ctrl+s")
	if popped(log) {
		t.Fatal("the form closed on a bad date")
	}
	if line := lineWith(t, fm.View(), "Due date"); !strings.Contains(line, "✗ must be a date as YYYY-MM-DD, or empty") {
		t.Errorf("the message is not next to the field: %q", line)
	}
	if n := len(te.load().Interventions); n != 0 {
		t.Fatalf("a bad date saved %d interventions", n)
	}
	for range len("30/06/2026") {
		fm, _ = press(t, fm, "backspace")
	}
	fm = typeText(t, fm, "2026-06-30")
	if _, log = press(t, fm, "ctrl+s"); !popped(log) {
		t.Fatalf("the form did not close:\n%s", ansi.Strip(fm.View()))
	}
	ivs := te.load().Interventions
	if len(ivs) != 1 || ivs[0].Action != want || ivs[0].Owner != "Partnership manager" || ivs[0].Due != "2026-06-30" ||
		ivs[0].KeyIssueID != "community-ability" || ivs[0].Status != workbook.StatusPlanned {
		t.Fatalf("interventions = %+v", ivs)
	}
	// Edit it in the action plan: another owner. The status is not in the
	// form: it changes by a review.
	s = reload(t, s)
	s, _ = press(t, s, "shift+tab")
	if l := lineWith(t, s.View(), "Partnership"); !strings.Contains(l, "planned") || !strings.Contains(l, "2026-06-30") {
		t.Errorf("action plan row: %q", l)
	}
	s, log = press(t, s, "enter")
	fm = pushed(t, log, 80, 21)
	if v := ansi.Strip(fm.View()); strings.Contains(v, "Status\n") || !strings.Contains(v, "It changes by a review") {
		t.Errorf("the edit form:\n%s", v)
	}
	fm, _ = press(t, fm, "tab")
	for range len("Partnership manager") {
		fm, _ = press(t, fm, "backspace")
	}
	fm = typeText(t, fm, "Partnership chair")
	if _, log = press(t, fm, "ctrl+s"); !popped(log) {
		t.Fatalf("the edit form did not close:\n%s", ansi.Strip(fm.View()))
	}
	ivs = te.load().Interventions
	if len(ivs) != 1 || ivs[0].Owner != "Partnership chair" || ivs[0].Status != workbook.StatusPlanned || len(ivs[0].Reviews) != 0 {
		t.Fatalf("after editing: %+v", ivs)
	}
	// Review it: in progress, with a note, today.
	s = reload(t, s)
	s, log = press(t, s, "r")
	fm = pushed(t, log, 80, 21)
	if v := ansi.Strip(fm.View()); !strings.Contains(v, "Reviewed on (YYYY-MM-DD)") || !strings.Contains(v, "2026-03-02") || !strings.Contains(v, "now planned · due 2026-06-30") {
		t.Errorf("the review form:\n%s", v)
	}
	fm, _ = press(t, fm, "right", "tab")
	fm = typeText(t, fm, "First feedback letter sent")
	if _, log = press(t, fm, "ctrl+s"); !popped(log) {
		t.Fatalf("the review form did not close:\n%s", ansi.Strip(fm.View()))
	}
	ivs = te.load().Interventions
	if len(ivs) != 1 || ivs[0].Status != workbook.StatusInProgress || len(ivs[0].Reviews) != 1 ||
		ivs[0].Reviews[0] != (workbook.Review{Date: "2026-03-02", Status: workbook.StatusInProgress, Note: "First feedback letter sent"}) || ivs[0].Due != "2026-06-30" {
		t.Fatalf("after reviewing: %+v", ivs)
	}
	s = reload(t, s)
	if l := lineWith(t, s.View(), "Partnership"); !strings.Contains(l, "in progress") {
		t.Errorf("reviewed row: %q", l)
	}
	if v := ansi.Strip(s.View()); !strings.Contains(v, "1 review · latest 2026-03-02 in progress: First feedback letter sent") {
		t.Errorf("the detail does not show the review:\n%s", v)
	}
	// Dropped needs a reason: the form says so next to the note, and
	// saves once it is given, by someone, on an earlier day.
	s, log = press(t, s, "r")
	fm = pushed(t, log, 80, 21)
	fm, _ = press(t, fm, "right", "right", "ctrl+s")
	if line := lineWith(t, fm.View(), "Note: what was found"); !strings.Contains(line, "✗ say why the action is dropped") {
		t.Errorf("no reason asked for: %q", line)
	}
	// The form goes to the note, the field to put right.
	fm = typeText(t, fm, "Merged into the newsletter action.")
	fm, _ = press(t, fm, "tab")
	for range len("2026-03-02") {
		fm, _ = press(t, fm, "backspace")
	}
	fm = typeText(t, fm, "2026-03-01")
	fm, _ = press(t, fm, "tab")
	fm = typeText(t, fm, "Helen Dawson")
	if _, log = press(t, fm, "ctrl+s"); !popped(log) {
		t.Fatalf("the review form did not close:\n%s", ansi.Strip(fm.View()))
	}
	ivs = te.load().Interventions
	if ivs[0].Status != workbook.StatusInProgress || len(ivs[0].Reviews) != 2 || ivs[0].Reviews[0].Reviewer != "Helen Dawson" {
		// Dated before the first review, it goes first, and the latest
		// (in progress) still says where the action stands.
		t.Fatalf("after a review dated earlier: %+v", ivs[0])
	}
	// The log, oldest first.
	s = reload(t, s)
	s, log = press(t, s, "L")
	lg := pushed(t, log, 80, 21)
	v := ansi.Strip(lg.View())
	first, second := strings.Index(v, "2026-03-01  dropped"), strings.Index(v, "2026-03-02  in progress")
	if first < 0 || second < first || !strings.Contains(v, "2 of 2") || !strings.Contains(v, "2026-03-02 in progress: First feedback letter sent") {
		t.Errorf("the log:\n%s", v)
	}
	lg, _ = press(t, lg, "up")
	if v := ansi.Strip(lg.View()); !strings.Contains(v, "2026-03-01 dropped (by Helen Dawson): Merged into the newsletter action.") {
		t.Errorf("the log's first review in full:\n%s", v)
	}
	press(t, s, "D", "y")
	if n := len(te.load().Interventions); n != 0 {
		t.Errorf("after deleting: %d interventions", n)
	}
}
