package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// ctrl+c while a comment is being typed asks first: any other key goes
// back to the comment as it was; y (or a second ctrl+c) quits.
func TestCtrlCWhileTypingAsks(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "c")
	typeRoot(t, m, "Meetings are")
	pressRoot(t, m, "ctrl+c")
	if m.quitting {
		t.Fatal("ctrl+c quit without asking")
	}
	if text := screenText(m); !strings.Contains(text, "Quit and lose what you are typing?") {
		t.Fatalf("no question:\n%s", text)
	}
	pressRoot(t, m, "n")
	if m.quitting || !strings.Contains(screenText(m), "Not quit: go on typing") {
		t.Fatalf("n did not go back:\n%s", screenText(m))
	}
	typeRoot(t, m, " too early")
	pressRoot(t, m, "enter")
	if rs := te.load().Responses; len(rs) != 1 || rs[0].Comment != "Meetings are too early" {
		t.Fatalf("the comment was not kept: %+v", rs)
	}

	pressRoot(t, m, "c")
	typeRoot(t, m, "Another")
	pressRoot(t, m, "ctrl+c", "y")
	if !m.quitting {
		t.Error("y did not quit")
	}

	// Not typing, ctrl+c quits at once.
	m = newRoot(t, te, 80, 24)
	pressRoot(t, m, "ctrl+c")
	if !m.quitting {
		t.Error("ctrl+c on the dialogue did not quit")
	}
}

// A yes-or-no question's help line says what any other key does.
func TestConfirmHelpLineShowsKeep(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	m := newRoot(t, te, 100, 24)
	pressRoot(t, m, "enter", "3", "p", "D")
	if line := ansi.Strip(m.helpLine()); !strings.Contains(line, "y yes") || !strings.Contains(line, "other keep it") {
		t.Errorf("help line %q", line)
	}
}
