package tui

import (
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// With the help open, a key of the screen underneath does nothing: 2 does
// not score the hidden statement, D does not open a delete prompt.
func TestHelpSwallowsTheScreensKeys(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "?", "2", "d", "x", "]")
	if !strings.Contains(screenText(m), "Keys on this screen") {
		t.Fatalf("the help closed on a key of the screen:\n%s", screenText(m))
	}
	pressRoot(t, m, "esc")
	if n := len(te.load().Responses); n != 0 {
		t.Errorf("%d answers saved with the help open", n)
	}
	if text := screenText(m); !strings.Contains(text, "Statement 1.1 ·") || !strings.Contains(text, "› #1 middle") {
		t.Errorf("the dialogue moved under the help:\n%s", text)
	}

	te.change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Healthy Neighbourhoods"})
		return err
	})
	m = newRoot(t, te, 80, 24)
	pressRoot(t, m, "esc", "esc", "?", "D", "y", "esc")
	if text := screenText(m); strings.Contains(text, "Delete") {
		t.Errorf("D with the help open asked to delete:\n%s", text)
	}
	te.load() // fails the test when the site was deleted
}

// At the smallest window the help scrolls, so every key of the screen can
// be read.
func TestHelpScrollsAtTheSmallestWindow(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	m := newRoot(t, te, MinWidth, MinHeight)
	pressRoot(t, m, "enter", "3", "?")
	seen := map[string]bool{}
	for range 30 {
		text := screenText(m)
		if lines := strings.Count(text, "\n") + 1; lines > MinHeight {
			t.Fatalf("%d lines at %dx%d", lines, MinWidth, MinHeight)
		}
		for _, b := range m.footerKeys() {
			if strings.Contains(text, b.Help().Desc) {
				seen[b.Help().Desc] = true
			}
		}
		pressRoot(t, m, "down")
	}
	for _, b := range m.footerKeys() {
		if !seen[b.Help().Desc] {
			t.Errorf("the help never shows %q", b.Help().Desc)
		}
	}
	if !strings.Contains(screenText(m), "Keys on this screen") {
		t.Error("scrolling closed the help")
	}
}
