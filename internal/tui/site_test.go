package tui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// finishSteps does all five steps of the test site's assessment: a
// partnership meeting every criterion, selected; three insiders and three
// outsiders answering everything; a finding and an intervention.
func finishSteps(te *testEnv) {
	te.t.Helper()
	ins := te.addPeople(workbook.Insider, 3)
	outs := te.addPeople(workbook.Outsider, 3)
	te.change(func(c *workbook.Change) error {
		p, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Carers' network", Ongoing: true})
		if err != nil {
			return err
		}
		for _, cr := range te.q.Criteria {
			if _, err := c.SetCriterion(te.site.ID, p.ID, cr.ID, workbook.CriterionMark{Mark: workbook.Met}); err != nil {
				return err
			}
		}
		if _, err := c.SelectPartnership(te.site.ID, te.a.ID, p.ID, "meets every criterion"); err != nil {
			return err
		}
		answer := func(who []workbook.Participant, sts []string) error {
			for _, person := range who {
				for _, id := range sts {
					in := workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: person.ID, StatementID: id, Score: 4}
					if _, err := c.RecordResponse(in); err != nil {
						return err
					}
				}
			}
			return nil
		}
		var all, verify []string
		for _, st := range te.q.Statements() {
			all = append(all, st.ID)
		}
		for _, st := range te.q.VerificationStatements() {
			verify = append(verify, st.ID)
		}
		if err := answer(ins, all); err != nil {
			return err
		}
		if err := answer(outs, verify); err != nil {
			return err
		}
		if _, err := c.SaveFinding(workbook.Finding{SiteID: te.site.ID, AssessmentID: te.a.ID, Kind: workbook.FindingGood, KeyIssueID: te.q.KeyIssues[0].ID, Text: "Meetings suit people"}); err != nil {
			return err
		}
		_, err = c.SaveIntervention(workbook.Intervention{SiteID: te.site.ID, AssessmentID: te.a.ID, Action: "Agree a common language"})
		return err
	})
}

func openSite(t *testing.T, te *testEnv) Screen {
	t.Helper()
	s := newSiteScreen(te.env, te.site.ID)
	s.SetSize(100, 30)
	sc, _ := run(t, s, s.Init())
	return sc
}

// keyHelp returns the help text of key k among keys.
func keyHelp(keys []key.Binding, k string) (string, bool) {
	for _, b := range keys {
		if b.Help().Key == k {
			return b.Help().Desc, true
		}
	}
	return "", false
}

func TestSiteCompletesAndReopensTheAssessment(t *testing.T) {
	te := newTestEnv(t)
	sc := openSite(t, te)
	view := ansi.Strip(sc.View())
	if !strings.Contains(view, "started 2 March 2026, in progress") {
		t.Errorf("a new assessment is not shown in progress:\n%s", view)
	}
	if _, ok := keyHelp(sc.Keys(), "K"); ok {
		t.Error("K is offered before the five steps are done")
	}
	sc, log := press(t, sc, "K")
	if !hasStatus(log, "once all five steps are done; Map is not done yet") {
		t.Errorf("K on an unfinished assessment: %v", log)
	}
	if te.load().Assessment.Completed != "" {
		t.Fatal("an unfinished assessment was completed")
	}

	finishSteps(te)
	// Opened with all five steps done, the screen asks once; any key but
	// y keeps it in progress.
	sc = openSite(t, te)
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "Mark this assessment completed today?") {
		t.Fatalf("the finished assessment is not offered for completion:\n%s", view)
	}
	if _, ok := keyHelp(sc.Keys(), "y"); !ok {
		t.Error("the prompt's help line has no y")
	}
	sc, log = press(t, sc, "n")
	if !hasStatus(log, "Kept: the assessment stays in progress") || te.load().Assessment.Completed != "" {
		t.Errorf("n completed the assessment: %v", log)
	}
	sc, _ = run(t, sc, sc.Init()) // read again: it does not ask twice
	view = ansi.Strip(sc.View())
	if !strings.Contains(view, "All five steps are done: K marks the assessment completed") || strings.Contains(view, "completed today?") {
		t.Errorf("the finished assessment does not offer K, or asks again:\n%s", view)
	}
	if desc, ok := keyHelp(sc.Keys(), "K"); !ok || desc != "mark completed" {
		t.Errorf("help line: K %q %v", desc, ok)
	}
	sc, _ = press(t, sc, "K")
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "Mark this assessment completed today?") {
		t.Fatalf("K does not ask first:\n%s", view)
	}
	sc, _ = press(t, sc, "n")
	// y completes it today, by the service's clock.
	sc, _ = press(t, sc, "K", "y")
	if got := te.load().Assessment.Completed; got != "2026-03-02" {
		t.Fatalf("completed %q, want 2026-03-02", got)
	}
	view = ansi.Strip(sc.View())
	if !strings.Contains(view, "started 2 March 2026, completed on 2 March 2026") || strings.Contains(view, "in progress") {
		t.Errorf("the completed assessment is not shown so:\n%s", view)
	}
	if desc, _ := keyHelp(sc.Keys(), "K"); desc != "reopen the assessment" {
		t.Errorf("K on a completed assessment: %q", desc)
	}
	// K again asks why before reopening it; the reason is kept in the
	// assessment's log, with the day it had been completed.
	_, log = press(t, sc, "K")
	fm := openedBy(t, log)
	if view := ansi.Strip(fm.View()); !strings.Contains(view, "Reopen the assessment completed on 2 March 2026") || !strings.Contains(view, "Why is it reopened?") {
		t.Fatalf("K does not ask why before reopening:\n%s", view)
	}
	fillForm(t, log, "Two booklets came back late", "<ctrl+s>")
	a := te.load().Assessment
	if a.Completed != "" {
		t.Errorf("reopened, completed is still %q", a.Completed)
	}
	if n := len(a.Log); n == 0 || a.Log[n-1].Kind != workbook.EventReopened || a.Log[n-1].Reason != "Two booklets came back late" || a.Log[n-1].Date != "2026-03-02" {
		t.Errorf("log %+v, want the reopening last, with its reason and the day it had been completed", a.Log)
	}
	sc, _ = run(t, sc, sc.Init())
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "in progress") || !strings.Contains(view, "Reopened on 2 March 2026 (it had been completed on 2 March 2026): Two booklets came back late") {
		t.Errorf("the reopened assessment is not in progress, or does not say why:\n%s", view)
	}
}
