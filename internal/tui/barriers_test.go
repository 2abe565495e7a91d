package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func openBarriers(t *testing.T, te *testEnv, w, h int) *barriers {
	t.Helper()
	b := newBarriers(te.env, te.site.ID, te.a.ID)
	b.SetSize(w, h)
	s, _ := run(t, b, b.Init())
	return s.(*barriers)
}

// pushed returns the screen the last pushMsg of log opened, sized and
// started.
func pushed(t *testing.T, log []tea.Msg, w, h int) Screen {
	t.Helper()
	var s Screen
	for _, m := range log {
		if p, ok := m.(pushMsg); ok {
			s = p.screen
		}
	}
	if s == nil {
		t.Fatalf("no screen was opened: %v", log)
	}
	s.SetSize(w, h)
	s, _ = run(t, s, s.Init())
	return s
}

// popped reports whether log closes the screen.
func popped(log []tea.Msg) bool {
	for _, m := range log {
		if _, ok := m.(popMsg); ok {
			return true
		}
	}
	return false
}

// reload tells s, as the root does when a screen above it closes, that
// the store changed.
func reload(t *testing.T, s Screen) Screen {
	t.Helper()
	s, _ = run(t, s, func() tea.Msg { return reloadMsg{} })
	return s
}

func TestBarriersListsWhatTheScoresShow(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	b := openBarriers(t, te, 120, 37)
	view := ansi.Strip(b.View())
	// Barriers, lowest first: statement 1.8 (1.83, n=6), then 1.5 (2.00, n=3).
	first, second := lineWith(t, view, " 1. "), lineWith(t, view, " 2. ")
	if !strings.Contains(first, "1.83 n=6") || !strings.Contains(first, " 1.8  Community members are told") {
		t.Errorf("first barrier: %q", first)
	}
	if !strings.Contains(second, "2.00 n=3") || !strings.Contains(second, " 1.5  Local community and voluntary groups") {
		t.Errorf("second barrier: %q", second)
	}
	// Statement 3 has two outsiders beside three insiders, so everyone's
	// score of the first key issue is withheld and the bar is the
	// insiders', and says so.
	if l := lineWith(t, view, "Communities' ability"); !strings.Contains(l, "insiders  3.06") || !strings.Contains(l, "to improve") || !strings.Contains(l, "n=3") {
		t.Errorf("key issue bar: %q", l)
	}
	if l := lineWith(t, view, "Skills and abilities"); !strings.Contains(l, "no scores yet") {
		t.Errorf("an issue nobody scored: %q", l)
	}
	if !strings.Contains(view, "Contested 2") || !strings.Contains(view, "Gaps 2") {
		t.Errorf("section counts:\n%s", view)
	}
	// Gaps: the blind spot and the unrecognised strength, in words.
	s, _ := press(t, b, "tab", "tab")
	view = ansi.Strip(s.View())
	if l := lineWith(t, view, "Meetings are held"); !strings.Contains(l, "▲ +2.00 BLIND SPOT") || !strings.Contains(l, "4.67 n=3") {
		t.Errorf("blind spot row: %q", l)
	}
	if l := lineWith(t, view, "People in the community know"); !strings.Contains(l, "▼ -2.00 UNRECOGNISED STRENGTH") {
		t.Errorf("unrecognised strength row: %q", l)
	}
}

func TestBarriersConfirmABarrier(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	b := openBarriers(t, te, 80, 21)
	s, _ := press(t, b, "y")
	fs := te.load().Findings
	if len(fs) != 1 || fs[0].Kind != workbook.FindingBarrier || fs[0].StatementID != "ca-feedback" || fs[0].KeyIssueID != "community-ability" {
		t.Fatalf("findings after y: %+v", fs)
	}
	if l := lineWith(t, s.View(), " 1. "); !strings.Contains(l, "✓ confirmed") {
		t.Errorf("the barrier is not shown confirmed: %q", l)
	}
	// Again: refused, nothing added. enter confirms the second.
	_, log := press(t, s, "y")
	if !hasStatus(log, "already a confirmed barrier") || len(te.load().Findings) != 1 {
		t.Errorf("a second y: %v, %d findings", log, len(te.load().Findings))
	}
	s, _ = press(t, s, "down", "enter")
	if fs := te.load().Findings; len(fs) != 2 || fs[1].StatementID != "ca-group-support" {
		t.Errorf("findings after enter on the second barrier: %+v", fs)
	}
	if !strings.Contains(ansi.Strip(s.View()), "Findings 2") {
		t.Error("the findings count did not follow")
	}
}

func TestBarriersFindingsAddEditDelete(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	b := openBarriers(t, te, 80, 21)
	s, _ := press(t, b, "tab", "tab", "tab") // Findings, empty
	if !strings.Contains(ansi.Strip(s.View()), "No findings yet") {
		t.Fatalf("not on the empty findings:\n%s", ansi.Strip(s.View()))
	}
	// A good area about the second key issue.
	s, log := press(t, s, "f")
	fm := pushed(t, log, 80, 21)
	fm, _ = press(t, fm, "left", "tab", "right", "right", "tab") // kind: good; key issue: the second
	fm = typeText(t, fm, "Staff know the area")
	if _, log = press(t, fm, "ctrl+s"); !popped(log) {
		t.Fatalf("the form did not close:\n%s", ansi.Strip(fm.View()))
	}
	// Written with that finding selected, the next is about the same key
	// issue, its kind what the key issue's band suggests (an area to
	// improve here); this one is about no key issue.
	s = reload(t, s)
	s, log = press(t, s, "f")
	fm = pushed(t, log, 80, 21)
	if v := ansi.Strip(fm.View()); !strings.Contains(v, "Skills and abilities within the organisation") {
		t.Errorf("the new finding is not about the selected finding's key issue:\n%s", v)
	}
	fm, _ = press(t, fm, "tab", "left", "left", "tab")
	fm = typeText(t, fm, "Evening meetings")
	press(t, fm, "ctrl+s")
	fs := te.load().Findings
	if len(fs) != 2 || fs[0].Kind != workbook.FindingGood || fs[0].KeyIssueID != "organisation-skills" || fs[0].Text != "Staff know the area" ||
		fs[1].Kind != workbook.FindingImprove || fs[1].KeyIssueID != "" || fs[1].Text != "Evening meetings" {
		t.Fatalf("findings = %+v", fs)
	}
	s = reload(t, s)
	view := ansi.Strip(s.View())
	if !strings.Contains(lineWith(t, view, "Staff know the area"), "good area") || !strings.Contains(lineWith(t, view, "Evening meetings"), "area to improve") {
		t.Errorf("findings list:\n%s", view)
	}
	// Edit the good area (first in the list).
	s, log = press(t, s, "e")
	fm = pushed(t, log, 80, 21)
	fm, _ = press(t, fm, "tab", "tab")
	fm = typeText(t, fm, " well")
	press(t, fm, "ctrl+s")
	if fs := te.load().Findings; fs[0].Text != "Staff know the area well" || len(fs) != 2 {
		t.Fatalf("after editing: %+v", fs)
	}
	// Delete it: any key but y keeps it.
	s = reload(t, s)
	s, _ = press(t, s, "D")
	if !strings.Contains(ansi.Strip(s.View()), "Delete this? y deletes") {
		t.Errorf("no confirmation:\n%s", ansi.Strip(s.View()))
	}
	s, log = press(t, s, "n")
	if !hasStatus(log, "Kept") || len(te.load().Findings) != 2 {
		t.Fatalf("n deleted: %d findings", len(te.load().Findings))
	}
	s, _ = press(t, s, "D", "y")
	if fs := te.load().Findings; len(fs) != 1 || fs[0].Text != "Evening meetings" {
		t.Fatalf("after deleting: %+v", fs)
	}
	if strings.Contains(ansi.Strip(s.View()), "Staff know the area") {
		t.Error("the deleted finding is still shown")
	}
}

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

func TestBarriersReportShowsProgressThenThePath(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	var asked []string
	te.env.hooks.Report = func(siteID, assessmentID string) (ReportResult, error) {
		asked = append(asked, siteID+"/"+assessmentID)
		return ReportResult{Path: "/tmp/reports/eastbrook-pilot.pdf", Pages: 7, Warnings: 2}, nil
	}
	b := openBarriers(t, te, 80, 21)
	if !hasKey(b.Keys(), "R") {
		t.Error("R is not in the help")
	}
	// The key starts the report; until its command has run, the screen
	// says it is being written.
	s, cmd := b.Update(keyMsg("R"))
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Writing the PDF report…") {
		t.Errorf("no progress shown:\n%s", view)
	}
	// Another screen can open meanwhile: the report's result is
	// addressed to this one.
	_, log := press(t, s, "f")
	if len(log) != 1 {
		t.Errorf("f while the report was written: %v", log)
	} else if _, ok := log[0].(pushMsg); !ok {
		t.Errorf("f while the report was written: %v", log)
	}
	s, log = run(t, s, cmd)
	if len(asked) != 1 || asked[0] != te.site.ID+"/"+te.a.ID {
		t.Errorf("the hook was called for %v", asked)
	}
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Report written: /tmp/reports/eastbrook-pilot.pdf (7 pages)") || strings.Contains(view, "Writing the PDF report") {
		t.Errorf("the path is not shown:\n%s", view)
	}
	// The texts the report warns about are counted, as engage report lists them.
	if !hasStatus(log, "check before sharing: 2 texts name a participant or a group under 3") {
		t.Errorf("the free-text warnings are not mentioned: %v", log)
	}
	if !hasStatus(log, "Making the PDF report") || !hasStatus(log, "Report written: /tmp/reports/eastbrook-pilot.pdf") {
		t.Errorf("status messages: %v", log)
	}

	te.env.hooks.Report = func(string, string) (ReportResult, error) { return ReportResult{}, errors.New("no fonts found") }
	s, _ = press(t, s, "R")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "No report: no fonts found") {
		t.Errorf("the failure is not shown:\n%s", view)
	}
}

func TestBarriersWithoutReportHook(t *testing.T) {
	te := newTestEnv(t)
	b := openBarriers(t, te, 80, 21)
	if hasKey(b.Keys(), "R") {
		t.Error("R is offered without a report hook")
	}
	s, log := press(t, b, "R")
	if len(log) != 0 || strings.Contains(ansi.Strip(s.View()), "Writing") {
		t.Errorf("R without a hook: %v", log)
	}
	// Nothing scored: every section says why it is empty.
	for i := range barrierSections {
		if view := ansi.Strip(s.View()); !strings.Contains(view, "No ") {
			t.Errorf("section %d is blank:\n%s", i, view)
		}
		s, _ = press(t, s, "tab")
	}
}

func hasKey(keys []key.Binding, k string) bool {
	for _, b := range keys {
		for _, kk := range b.Keys() {
			if kk == k {
				return true
			}
		}
	}
	return false
}

func TestBarriersKeysMatchTheSection(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	te.change(func(c *workbook.Change) error {
		_, err := c.SaveFinding(workbook.Finding{SiteID: te.site.ID, AssessmentID: te.a.ID, Kind: workbook.FindingGood, Text: "Good staff"})
		return err
	})
	b := openBarriers(t, te, 80, 21)
	want := map[barrierSection][]string{
		secBarriers:  {"y", "f", "i", "v", "tab"},
		secContested: {"f", "i", "v"},
		secGaps:      {"f", "i", "v"},
		secFindings:  {"e", "D", "f", "i"},
	}
	var s Screen = b
	for sec := range barrierSections {
		for _, k := range want[sec] {
			if !hasKey(s.Keys(), k) {
				t.Errorf("section %s: %s is not in the help", (*i18n.Lang)(nil).T(barrierSectionIDs[sec]), k)
			}
		}
		s, _ = press(t, s, "tab")
	}
}

func TestBarriersReopenAtStepFive(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "5")
	if _, ok := m.top().(*barriers); !ok {
		t.Fatalf("step 5 opened %T", m.top())
	}
	// A finding typed through the root: q is text in the form.
	pressRoot(t, m, "tab", "tab", "tab", "f", "tab", "tab")
	for _, r := range "quick wins" {
		pressRoot(t, m, string(r))
	}
	pressRoot(t, m, "ctrl+s")
	if fs := te.load().Findings; len(fs) != 1 || fs[0].Text != "quick wins" {
		t.Fatalf("findings = %+v", fs)
	}
	if _, ok := m.top().(*barriers); !ok || !strings.Contains(screenText(m), "quick wins") {
		t.Fatalf("back on %T:\n%s", m.top(), screenText(m))
	}
	pressRoot(t, m, "q")
	if !m.quitting {
		t.Fatal("q did not quit")
	}
	m2 := newRoot(t, te, 80, 24)
	if _, ok := m2.top().(*barriers); !ok {
		t.Fatalf("reopened at %T, not step 5", m2.top())
	}
}

func TestCompareReopensAtTheVerifiedStatement(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "5", "v")
	if _, ok := m.top().(*sideBySide); !ok {
		t.Fatalf("v opened %T", m.top())
	}
	pressRoot(t, m, "down", "down", "q")
	m2 := newRoot(t, te, 80, 24)
	d, ok := m2.top().(*dialogue)
	if !ok || d.group != workbook.Outsider || d.cur != 2 {
		t.Fatalf("reopened at %T %+v, want outsider scoring at statement 3", m2.top(), d)
	}
}

func TestBarriersGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		te := newTestEnv(t)
		verifyFixture(te)
		te.change(func(c *workbook.Change) error {
			for _, f := range []workbook.Finding{
				{Kind: workbook.FindingBarrier, StatementID: "ca-feedback", Text: "Nobody tells residents what changed."},
				{Kind: workbook.FindingGood, KeyIssueID: "community-ability", Text: "Meetings are well attended."},
			} {
				f.SiteID, f.AssessmentID = te.site.ID, te.a.ID
				if _, err := c.SaveFinding(f); err != nil {
					return err
				}
			}
			return planFixture(c, te)
		})
		b := openBarriers(t, te, size.w, size.h)
		golden(t, fmt.Sprintf("barriers_%dx%d", size.w, size.h+3), b.View())
		s, _ := press(t, b, "shift+tab")
		golden(t, fmt.Sprintf("barriers_plan_%dx%d", size.w, size.h+3), s.View())
		// The overdue action, its review log and the review form.
		s, _ = press(t, s, "down")
		golden(t, fmt.Sprintf("barriers_plan_overdue_%dx%d", size.w, size.h+3), s.View())
		_, log := press(t, s, "L")
		golden(t, fmt.Sprintf("barriers_review_log_%dx%d", size.w, size.h+3), pushed(t, log, size.w, size.h).View())
		_, log = press(t, s, "r")
		golden(t, fmt.Sprintf("barriers_review_form_%dx%d", size.w, size.h+3), pushed(t, log, size.w, size.h).View())
	}
}

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

// A new finding's kind and subject do not depend on the section it is
// written from: a statement gets the same default on every section that
// lists it, and from a finding about it.
func TestNewFindingDefaultsAlikeOnEverySection(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	b := openBarriers(t, te, 80, 21)
	first := b.lists[secBarriers][0].item
	te.change(func(c *workbook.Change) error {
		_, err := c.SaveFinding(workbook.Finding{SiteID: te.site.ID, AssessmentID: te.a.ID, Kind: workbook.FindingGood, KeyIssueID: first.KeyIssueID, StatementID: first.Statement.ID, Text: "About it"})
		return err
	})
	b = openBarriers(t, te, 80, 21)
	kinds := map[string]map[string]bool{} // statement -> kinds offered
	for sec := range barrierSections {
		b.setSection(sec)
		for i, row := range b.lists[sec] {
			b.win[sec].cursor = i
			_, sid := row.subject()
			if sid == "" {
				continue
			}
			fm := b.findingForm(nil).(*form)
			if kinds[sid] == nil {
				kinds[sid] = map[string]bool{}
			}
			kinds[sid][fm.values()["kind"]] = true
		}
	}
	if len(kinds[first.Statement.ID]) == 0 {
		t.Fatal("the first barrier was never offered")
	}
	for sid, ks := range kinds {
		if len(ks) != 1 {
			t.Errorf("statement %s: kinds %v", sid, ks)
		}
	}
	if !kinds[first.Statement.ID][string(workbook.FindingBarrier)] {
		t.Errorf("the first barrier defaults to %v", kinds[first.Statement.ID])
	}
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
