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
