package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// addNamed adds one named participant.
func (te *testEnv) addNamed(name string, g workbook.Group, r workbook.Role) {
	te.t.Helper()
	te.change(func(c *workbook.Change) error {
		_, err := c.SaveParticipant(workbook.Participant{SiteID: te.site.ID, AssessmentID: te.a.ID, Name: name, Group: g, Role: r})
		return err
	})
}

func typeRoot(t *testing.T, m *Model, text string) {
	t.Helper()
	for _, r := range text {
		_, cmd := m.Update(tea.KeyPressMsg(tea.Key{Code: r, Text: string(r)}))
		drive(t, m, cmd)
	}
}

// TestDialogueWarnsOfNamesAndSmallGroups saves a comment that names a
// participant and notes that speak of the two middle managers: each is
// saved as written, and the status line warns. A plain comment does not.
func TestDialogueWarnsOfNamesAndSmallGroups(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 2) // two middle managers
	te.addNamed("Sarah Ahmed", workbook.Insider, workbook.RoleSenior)
	m := newRoot(t, te, 120, 30)
	pressRoot(t, m, "enter", "3")
	if _, ok := m.top().(*dialogue); !ok {
		t.Fatalf("on %T, want the dialogue", m.top())
	}

	pressRoot(t, m, "c")
	typeRoot(t, m, "As sarah said, nobody asked")
	pressRoot(t, m, "enter")
	if !m.isWarn || !strings.Contains(m.status, `Saved; check before sharing: it names "Sarah", a participant (comment of`) {
		t.Errorf("after a comment naming Sarah: status %q, warning %v", m.status, m.isWarn)
	}
	if !strings.Contains(screenText(m), "check before sharing") {
		t.Errorf("the warning is not on the screen:\n%s", screenText(m))
	}
	if rs := te.load().Responses; len(rs) != 1 || rs[0].Comment != "As sarah said, nobody asked" {
		t.Errorf("the comment is not saved as written: %+v", rs)
	}

	pressRoot(t, m, "n")
	typeRoot(t, m, "The middle managers said no")
	pressRoot(t, m, "ctrl+s")
	if !m.isWarn || !strings.Contains(m.status, `"middle managers" points at a group of 2 (middle insiders)`) {
		t.Errorf("after notes on the middle managers: status %q, warning %v", m.status, m.isWarn)
	}

	pressRoot(t, m, "down", "c")
	typeRoot(t, m, "Meetings are too early")
	pressRoot(t, m, "enter")
	if m.isWarn || !strings.HasPrefix(m.status, "Saved: comment of") {
		t.Errorf("after a plain comment: status %q, warning %v", m.status, m.isWarn)
	}
}

// TestFindingFormWarnsOfSmallGroups writes a finding about the senior
// staff, of whom there is one: the form closes with a warning.
func TestFindingFormWarnsOfSmallGroups(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	te.addNamed("Sarah Ahmed", workbook.Insider, workbook.RoleSenior)
	b := openBarriers(t, te, 80, 21)
	s, _ := press(t, b, "tab", "tab", "tab") // Findings
	_, log := press(t, s, "f")
	fm := pushed(t, log, 80, 21)
	fm, _ = press(t, fm, "tab", "tab")
	fm = typeText(t, fm, "Senior staff decide alone")
	_, log = press(t, fm, "ctrl+s")
	var got statusMsg
	for _, msg := range log {
		if st, ok := msg.(statusMsg); ok {
			got = st
		}
	}
	if !got.warn || got.text != `Saved; check before sharing: it "senior staff" points at a group of 1 (senior insiders) (finding written)` {
		t.Errorf("status %+v", got)
	}
	if fs := te.load().Findings; len(fs) != 1 || fs[0].Text != "Senior staff decide alone" {
		t.Errorf("findings %+v", fs)
	}
	// An action naming its owner is not warned about.
	s = reload(t, s)
	_, log = press(t, s, "i")
	fm = pushed(t, log, 80, 21)
	fm = typeText(t, fm, "Evening meetings")
	fm, _ = press(t, fm, "tab")
	fm = typeText(t, fm, "Sarah Ahmed")
	_, log = press(t, fm, "ctrl+s")
	for _, msg := range log {
		if st, ok := msg.(statusMsg); ok && st.warn {
			t.Errorf("an action whose owner is a participant is warned about: %q", st.text)
		}
	}
	if !hasStatus(log, "Saved: intervention added") {
		t.Errorf("no saved status: %v (%s)", log, ansi.Strip(fm.View()))
	}
	// A review naming its reviewer is not warned about; one naming Sarah
	// in its note is.
	s = reload(t, s)
	s, _ = press(t, s, "tab") // the action plan
	_, log = press(t, s, "r")
	fm = pushed(t, log, 80, 21)
	fm, _ = press(t, fm, "tab", "tab", "tab")
	fm = typeText(t, fm, "Sarah Ahmed")
	_, log = press(t, fm, "ctrl+s")
	if !hasStatus(log, "Saved: review saved") {
		t.Errorf("a review by a participant: %v (%s)", log, ansi.Strip(fm.View()))
	}
	s = reload(t, s)
	_, log = press(t, s, "r")
	fm = pushed(t, log, 80, 21)
	fm, _ = press(t, fm, "tab")
	fm = typeText(t, fm, "Sarah Ahmed said it worked")
	_, log = press(t, fm, "ctrl+s")
	if !hasStatus(log, `Saved; check before sharing: it names "Sarah Ahmed", a participant (review saved)`) {
		t.Errorf("no warning of a review note naming Sarah: %v (%s)", log, ansi.Strip(fm.View()))
	}
	if ivs := te.load().Interventions; len(ivs) != 1 || len(ivs[0].Reviews) != 2 {
		t.Errorf("interventions saved: %+v, want one with two reviews", ivs)
	}
}
