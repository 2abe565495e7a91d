package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The footer cuts the screen's keys to the window but always ends with
// the way to help and out; while a field has the keyboard it offers only
// ctrl+c, as ? and q are text there.
func TestFooterKeepsHelpAndQuitInView(t *testing.T) {
	te := newTestEnv(t)
	te.change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Youth forum"})
		return err
	})
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "1", "a")
	lines := strings.Split(screenText(m), "\n")
	footer := lines[len(lines)-1]
	if !strings.HasSuffix(strings.TrimSpace(footer), "ctrl+c quit") || strings.Contains(footer, "? help") {
		t.Errorf("footer of a form: %q", footer)
	}
	pressRoot(t, m, "esc") // the map, with more keys than 80 columns hold
	lines = strings.Split(screenText(m), "\n")
	footer = lines[len(lines)-1]
	if !strings.HasSuffix(strings.TrimSpace(footer), "? help • q quit") || !strings.Contains(footer, "…") {
		t.Errorf("footer of the map at 80 columns: %q", footer)
	}
	if w := ansi.StringWidth(footer); w > 80 {
		t.Errorf("footer is %d wide", w)
	}
}

// Select lists the partnerships in the Map's order, whatever the case of
// their titles, so a facilitator finds a row where they saw it.
func TestSelectListsPartnershipsInTheMapsOrder(t *testing.T) {
	te := newTestEnv(t)
	te.change(func(c *workbook.Change) error {
		for _, title := range []string{"Community Safety board", "Community arts forum", "allotment group", "Bus users' panel"} {
			if _, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: title}); err != nil {
				return err
			}
		}
		return nil
	})
	m := openMap(t, te, 120, 37)
	s := openSelect(t, te, 120, 37)
	var mapOrder, selOrder []string
	for _, i := range m.rows {
		mapOrder = append(mapOrder, m.all[i].Title)
	}
	for _, i := range s.rows {
		selOrder = append(selOrder, s.all[i].Title)
	}
	if strings.Join(selOrder, "|") != strings.Join(mapOrder, "|") || selOrder[0] != "allotment group" {
		t.Errorf("select lists %q, the map %q", selOrder, mapOrder)
	}
}

// The site screen keeps the step's mark on the row under the cursor.
func TestSiteCursorRowKeepsItsMark(t *testing.T) {
	te := newTestEnv(t)
	te.change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Youth forum"})
		return err
	})
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter")
	if text := screenText(m); !strings.Contains(text, "› ✓ 1 Map       1 partnership mapped") {
		t.Errorf("site screen:\n%s", text)
	}
}

// esc while the group score is asked for cancels it: the facilitator stays
// on the statement.
func TestGroupScoreEscCancelsWithoutLeaving(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 2)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "g")
	if !strings.Contains(screenText(m), "esc cancel") {
		t.Errorf("the footer while the group score is asked for:\n%s", screenText(m))
	}
	pressRoot(t, m, "esc")
	d, ok := m.top().(*dialogue)
	if !ok || d.mode != modeScore || !strings.Contains(screenText(m), "Cancelled: group score unchanged") {
		t.Errorf("after esc: %T\n%s", m.top(), screenText(m))
	}
	pressRoot(t, m, "g", "4")
	if n := te.load().StatementNotes; len(n) != 1 || n[0].GroupScore != 4 {
		t.Errorf("group score stored: %+v", n)
	}
}
