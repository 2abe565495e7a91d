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

// issue gives out booklet numbers in the test assessment.
func (te *testEnv) issue(g workbook.Group, blanks int) []workbook.IssuedBooklet {
	te.t.Helper()
	var out []workbook.IssuedBooklet
	te.change(func(c *workbook.Change) (err error) {
		out, err = c.IssueBooklets(te.site.ID, te.a.ID, g, blanks)
		return err
	})
	return out
}

// TestBookletEntryByNumber follows a typist with a pile of booklets: a
// blank booklet's number asks its role level and adds its person, whose
// answers are then typed; the same number again opens those answers to
// correct instead of adding anyone; a participant's own booklet opens
// them; a number of the other group's booklets, or one never printed, is
// refused with what to do.
func TestBookletEntryByNumber(t *testing.T) {
	te := newTestEnv(t)
	people := te.addPeople(workbook.Insider, 2)
	te.issue(workbook.Insider, 0)  // 1-2: the two insiders' own
	te.issue(workbook.Insider, 3)  // 3-5: blank
	te.issue(workbook.Outsider, 2) // 6-7: blank, for outsiders
	s := openBooklet(t, te, workbook.Insider, 80, 21)
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Booklet number:") || !strings.Contains(view, "no. 1  #1 middle") {
		t.Fatalf("booklet entry does not ask for the number or list it:\n%s", view)
	}

	// Booklet 4 is blank: its role level, then its answers.
	s = typeText(t, s, "4")
	if !s.Typing() || !strings.Contains(ansi.Strip(s.View()), "Booklet number: 4") {
		t.Fatalf("a typed digit is not the number:\n%s", ansi.Strip(s.View()))
	}
	s, _ = press(t, s, "enter")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Booklet 4 is new. Which role level is ticked on its cover?") || !strings.Contains(view, "3  front-line") {
		t.Fatalf("a new booklet does not ask its role level:\n%s", view)
	}
	s, log := press(t, s, "3")
	if !strings.Contains(statusText(log), "booklet 4, a new participant (front-line)") {
		t.Errorf("after the role level: %q", statusText(log))
	}
	if view := ansi.Strip(s.View()); !s.(*booklet).typing || !strings.Contains(view, "Booklet 4 · #3 front-line") || !strings.Contains(view, "Statement 1.1 · 1 of 41") {
		t.Fatalf("the new booklet is not open to type:\n%s", view)
	}
	s = typeText(t, s, "54d")
	s, _ = press(t, s, "esc")
	d := te.load()
	if len(d.Participants) != 3 {
		t.Fatalf("%d participants after booklet 4, want 3", len(d.Participants))
	}
	four := d.Participants[2]
	if four.Booklet != 4 || four.Role != workbook.RoleFrontLine || four.Group != workbook.Insider {
		t.Errorf("booklet 4's person: %+v", four)
	}
	answered := 0
	for _, r := range d.Responses {
		if r.ParticipantID == four.ID && r.Answered() {
			answered++
		} else if r.ParticipantID != four.ID {
			t.Errorf("an answer for someone else: %+v", r)
		}
	}
	if answered != 3 {
		t.Errorf("%d answers for booklet 4, want 3", answered)
	}

	// The same number again: the same person's answers, to correct.
	s = typeText(t, s, "4")
	s, log = press(t, s, "enter")
	if !strings.Contains(statusText(log), "Booklet 4 was typed in before (3 of 41): open to correct, not to retype") {
		t.Errorf("booklet 4 again: %q", statusText(log))
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Booklet 4 · #3 front-line") || !strings.Contains(view, "Statement 1.4 · 4 of 41") {
		t.Errorf("booklet 4 again does not open at its first unanswered statement:\n%s", view)
	}
	s, _ = press(t, s, "esc")
	if n := len(te.load().Participants); n != 3 {
		t.Errorf("booklet 4 typed in twice made %d participants", n)
	}

	// An insider's own booklet opens them.
	s = typeText(t, s, "2")
	s, log = press(t, s, "enter")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Booklet 2 · #2 middle") || !strings.Contains(statusText(log), "Booklet 2: type its answers") {
		t.Errorf("booklet 2 (%s's) does not open them: %q\n%s", people[1].ID, statusText(log), view)
	}
	s, _ = press(t, s, "esc")

	// Refused, with what to do.
	for _, tc := range []struct{ typed, want string }{
		{"6", "Booklet 6 is an outsiders' booklet: type it in on Verify (step 4)"},
		{"12", "No booklet 12 was printed (numbers given out: 1 to 7): check the number"},
	} {
		s = typeText(t, s, tc.typed)
		var log []tea.Msg
		s, log = press(t, s, "enter")
		if !strings.HasPrefix(statusText(log), tc.want) {
			t.Errorf("booklet %s: %q, want %q", tc.typed, statusText(log), tc.want)
		}
		if s.Typing() {
			t.Errorf("booklet %s was opened", tc.typed)
		}
	}
	if n := len(te.load().Participants); n != 3 {
		t.Errorf("refused numbers made participants: %d", n)
	}
}

// TestBookletNumberKeys checks the number's own keys: backspace takes a
// digit back, esc clears the number (and does not leave the screen), esc
// on the role question goes back without adding anyone.
func TestBookletNumberKeys(t *testing.T) {
	te := newTestEnv(t)
	te.issue(workbook.Outsider, 30)
	s := openBooklet(t, te, workbook.Outsider, 80, 21)
	s = typeText(t, s, "123")
	s, _ = press(t, s, "backspace", "backspace")
	if !strings.Contains(ansi.Strip(s.View()), "Booklet number: 1 ") {
		t.Errorf("backspace twice after 123:\n%s", ansi.Strip(s.View()))
	}
	s, log := press(t, s, "esc")
	if s.Typing() || len(log) > 0 && containsPop(log) {
		t.Error("esc on a number did not just clear it")
	}
	s = typeText(t, s, "25")
	s, _ = press(t, s, "enter")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "1  community member") {
		t.Fatalf("an outsiders' blank booklet does not offer their role levels first:\n%s", view)
	}
	s, log = press(t, s, "esc")
	if statusText(log) != "Booklet 25 not added" || s.Typing() {
		t.Errorf("esc on the role level: %q", statusText(log))
	}
	if n := len(te.load().Participants); n != 0 {
		t.Errorf("%d participants after esc", n)
	}
	// With no booklets printed, a number says how to print them.
	te2 := newTestEnv(t)
	s = openBooklet(t, te2, workbook.Insider, 80, 21)
	if view := ansi.Strip(s.View()); !strings.Contains(view, "type the number of a blank booklet") {
		t.Errorf("booklet entry with nobody added:\n%s", view)
	}
	s = typeText(t, s, "1")
	_, log = press(t, s, "enter")
	if !strings.Contains(statusText(log), "none printed for this assessment yet") {
		t.Errorf("a number before any printing: %q", statusText(log))
	}
}

func containsPop(log []tea.Msg) bool {
	for _, m := range log {
		if _, ok := m.(popMsg); ok {
			return true
		}
	}
	return false
}
