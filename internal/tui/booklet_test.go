package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

func openBooklet(t *testing.T, te *testEnv, g workbook.Group, w, h int) Screen {
	t.Helper()
	b := newBooklet(te.env, te.site.ID, te.a.ID, g, 0)
	b.SetSize(w, h)
	s, _ := run(t, b, b.Init())
	return s
}

func TestBookletTypesOneKeyPerStatementWithCorrections(t *testing.T) {
	te := newTestEnv(t)
	people := te.addPeople(workbook.Outsider, 2)
	vs := te.q.VerificationStatements()
	s := openBooklet(t, te, workbook.Outsider, 80, 21)
	s, _ = press(t, s, "enter")
	if !s.Typing() {
		t.Fatal("enter did not start typing the booklet")
	}
	// A slip on statement 3 (9 is off the scale, 5 is wrong), corrected
	// with backspace; d is don't know.
	s = typeText(t, s, "12")
	s, log := press(t, s, "9")
	if !strings.Contains(statusText(log), "Scores run from 1 to 5") {
		t.Errorf("9 on a 5-point scale: %q", statusText(log))
	}
	s = typeText(t, s, "5")
	s, _ = press(t, s, "backspace")
	s = typeText(t, s, "4d"+strings.Repeat("3", len(vs)-4))
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Booklet complete: 22 of 22 answered.") {
		t.Errorf("after the last statement:\n%s", view)
	}
	// The scale's labels wrap rather than lose "Strongly agree".
	s, _ = press(t, s, "backspace")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "5 Strongly agree") {
		t.Errorf("legend at 80 columns:\n%s", view)
	}
	s = typeText(t, s, "3")
	// esc ends the booklet and moves on to the next one still to type.
	s, log = press(t, s, "esc")
	if s.Typing() || s.(*booklet).win.cursor != 1 || !strings.Contains(statusText(log), "enter types the next one") {
		t.Errorf("after esc: typing %v, person %d, status %q", s.Typing(), s.(*booklet).win.cursor, statusText(log))
	}

	got := map[string]string{}
	for _, r := range te.load().Responses {
		if r.ParticipantID != people[0].ID {
			t.Errorf("an answer for the wrong person: %+v", r)
		}
		got[r.StatementID] = scoreText(r, true)
	}
	for i, st := range vs {
		want := "3"
		switch i {
		case 0:
			want = "1"
		case 1:
			want = "2"
		case 2:
			want = "4"
		case 3:
			want = "?"
		}
		if got[st.ID] != want {
			t.Errorf("statement %d of the booklet: %q, want %q", i+1, got[st.ID], want)
		}
	}
}

// statusText is the last status line a screen asked for.
func statusText(log []tea.Msg) string {
	text := ""
	for _, m := range log {
		if s, ok := m.(statusMsg); ok {
			text = s.text
		}
	}
	return text
}

// TestBookletNamesTheStatementNumber checks that booklet entry names each
// statement by its questionnaire number, as the booklet and the report
// print it, with its place in the booklet as progress.
func TestBookletNamesTheStatementNumber(t *testing.T) {
	tests := []struct {
		group workbook.Group
		typed string
		want  string
	}{
		{workbook.Insider, "", "Statement 1.1 · 1 of 41"},
		{workbook.Insider, strings.Repeat("3", 10), "Statement 2.1 · 11 of 41"},
		{workbook.Outsider, strings.Repeat("3", 6), "Statement 2.3 · 7 of 22 verification statements"},
	}
	for _, tt := range tests {
		te := newTestEnv(t)
		te.addPeople(tt.group, 1)
		s := openBooklet(t, te, tt.group, 80, 21)
		s, _ = press(t, s, "enter")
		s = typeText(t, s, tt.typed)
		if view := ansi.Strip(s.View()); !strings.Contains(view, tt.want) {
			t.Errorf("after %d answers the booklet does not say %q:\n%s", len(tt.typed), tt.want, view)
		}
	}
}
