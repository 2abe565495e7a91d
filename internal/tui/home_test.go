package tui

import (
	"strings"
	"testing"
)

// After a site is created the cursor is on it, wherever it sorts.
func TestNewSiteGetsTheCursor(t *testing.T) {
	te := newTestEnv(t)
	m := newRoot(t, te, 80, 24)
	for _, name := range []string{"Westbrook pilot", "Ashford pilot"} {
		pressRoot(t, m, "a")
		typeRoot(t, m, name)
		pressRoot(t, m, "tab")
		typeRoot(t, m, "A council")
		pressRoot(t, m, "ctrl+s")
		if text := screenText(m); !strings.Contains(text, "› "+name) {
			t.Errorf("after creating %s:\n%s", name, text)
		}
	}
}
