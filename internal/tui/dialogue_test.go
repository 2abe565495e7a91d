package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

func openDialogue(t *testing.T, te *testEnv, g workbook.Group, w, h int) Screen {
	t.Helper()
	d := newDialogue(te.env, te.site.ID, te.a.ID, g, 0, 0)
	d.SetSize(w, h)
	s, _ := run(t, d, d.Init())
	return s
}

func TestDialogueScoreKeysSaveAndAdvance(t *testing.T) {
	te := newTestEnv(t)
	people := te.addPeople(workbook.Insider, 3)
	s := openDialogue(t, te, workbook.Insider, 80, 21)
	// Three scores: each moves to the next participant, the third to the
	// next statement.
	s, _ = press(t, s, "4", "2", "d")
	d := s.(*dialogue)
	if d.cur != 1 || d.row != 0 {
		t.Errorf("after the last participant: statement %d row %d, want 1 0", d.cur, d.row)
	}
	first := te.q.Statements()[0].ID
	got := map[string]string{}
	for _, r := range te.load().Responses {
		got[r.ParticipantID+"/"+r.StatementID] = scoreText(r, true)
	}
	want := map[string]string{people[0].ID + "/" + first: "4", people[1].ID + "/" + first: "2", people[2].ID + "/" + first: "?"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("stored %s = %q, want %q", k, got[k], v)
		}
	}
	if d.env.saves.busy() {
		t.Error("saver still busy after every save ran")
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "all saved ✓") || !strings.Contains(view, "Statement 1.2 · 2 of 41") {
		t.Errorf("view after saving:\n%s", view)
	}
}

func TestDialogueShowsPendingUntilSaved(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 2)
	s := openDialogue(t, te, workbook.Insider, 80, 21)
	// Press without running the save command: the answer is pending.
	s, _ = s.Update(keyMsg("5"))
	d := s.(*dialogue)
	if !d.env.saves.busy() || !strings.Contains(ansi.Strip(d.View()), "saving…") {
		t.Error("an answer not yet committed is not shown as saving")
	}
	if n := len(te.load().Responses); n != 0 {
		t.Errorf("store has %d responses before the save ran", n)
	}
}

func TestDialogueScoreOutsideScaleIsRefused(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 1)
	s := openDialogue(t, te, workbook.Insider, 80, 21)
	_, log := press(t, s, "7")
	if len(te.load().Responses) != 0 {
		t.Error("a 7 on a 5-point scale was saved")
	}
	if !hasStatus(log, "Scores run from 1 to 5") {
		t.Errorf("no explanation in the status bar: %v", log)
	}
}

func hasStatus(log []tea.Msg, text string) bool {
	for _, m := range log {
		if s, ok := m.(statusMsg); ok && strings.Contains(s.text, text) {
			return true
		}
	}
	return false
}

func TestDialogueClearCommentNotesGroupScore(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 2)
	s := openDialogue(t, te, workbook.Insider, 100, 30)
	s, _ = press(t, s, "3", "up", "backspace") // score row 1, back up, clear it
	if n := len(te.load().Responses); n != 0 {
		t.Fatalf("after clearing, %d responses remain", n)
	}
	s, _ = press(t, s, "c")
	s = typeText(t, s, "Meetings are at 10am, q: nobody can come")
	s, _ = press(t, s, "enter")
	resp := te.load().Responses
	if len(resp) != 1 || resp[0].Comment != "Meetings are at 10am, q: nobody can come" {
		t.Fatalf("comment not saved: %+v", resp)
	}
	s, _ = press(t, s, "n")
	s = typeText(t, s, "Agreed: evening meetings")
	s, _ = press(t, s, "ctrl+s", "g", "4")
	notes := te.load().StatementNotes
	if len(notes) != 1 || notes[0].Notes != "Agreed: evening meetings" || notes[0].GroupScore != 4 {
		t.Errorf("notes = %+v", notes)
	}
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Group score: 4") || !strings.Contains(view, "Agreed: evening meetings") {
		t.Errorf("view does not show the group score and notes:\n%s", view)
	}
}

func TestDialogueJumpAndNextUnanswered(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 2)
	s := openDialogue(t, te, workbook.Insider, 80, 24)
	s, _ = press(t, s, "4", "4", "4") // statement 1 done, statement 2 row 0 done
	s, _ = press(t, s, "J")
	s = typeText(t, s, "10")
	s, _ = press(t, s, "enter")
	if d := s.(*dialogue); d.cur != 9 {
		t.Fatalf("jump to 10: at statement %d", d.cur+1)
	}
	s, _ = press(t, s, "u")
	d := s.(*dialogue)
	if d.cur != 10 || d.row != 0 {
		t.Errorf("next unanswered from 10: statement %d row %d, want 11 row 0", d.cur+1, d.row)
	}
	// From the last statement it wraps to statement 2, row 2.
	s, _ = press(t, s, "end", "u")
	d = s.(*dialogue)
	if d.cur != 0 && (d.cur != 1 || d.row != 1) {
		t.Errorf("wrapped next unanswered: statement %d row %d, want 2 row 2", d.cur+1, d.row+1)
	}
}

// TestDialogueJumpByNumber checks that J takes the questionnaire's number
// of a statement ("4.6"), as the report names it, and still a place in
// the list; that the header then names the statement by that number; and
// that a bad entry is refused with what was typed and what is valid.
func TestDialogueJumpByNumber(t *testing.T) {
	tests := []struct {
		name    string
		group   workbook.Group
		typed   string
		cur     int    // where it lands, from 0
		head    string // in the view afterwards
		refused []string
	}{
		{name: "number", group: workbook.Insider, typed: "4.6", cur: 35, head: "Statement 4.6 · 36 of 41 · "},
		{name: "number with a comma", group: workbook.Insider, typed: " 2,1 ", cur: 10, head: "Statement 2.1 · 11 of 41"},
		{name: "two digits after the dot", group: workbook.Insider, typed: "1.10", cur: 9, head: "Statement 1.10 · 10 of 41"},
		{name: "place in the list", group: workbook.Insider, typed: "36", cur: 35, head: "Statement 4.6 · 36 of 41"},
		{name: "statement id", group: workbook.Insider, typed: "ORDER", cur: 40, head: "Statement 4.11 · 41 of 41"},
		{name: "verification number", group: workbook.Outsider, typed: "2.6", cur: 8,
			head: "Statement 2.6 · 9 of 22 verification statements"},
		{name: "verification place", group: workbook.Outsider, typed: "22", cur: 21,
			head: "Statement 4.11 · 22 of 22 verification statements"},
		{name: "no such number", group: workbook.Insider, typed: "9.9",
			refused: []string{`No statement "9.9": type 1.1-1.10, 2.1-2.10, 3.1-3.10, 4.1-4.11, or 1-41`}},
		{name: "place out of range", group: workbook.Insider, typed: "42",
			refused: []string{`No statement "42": type a number such as 4.11, or a place 1-41`}},
		{name: "not a number", group: workbook.Insider, typed: "4..6",
			refused: []string{`No statement "4..6"`, "or 1-41"}},
		{name: "not verified", group: workbook.Outsider, typed: "4.6",
			refused: []string{"Statement 4.6 is not among the verification statements: type e.g. 1.1, or 1-22"}},
		{name: "no such number in verify", group: workbook.Outsider, typed: "5.1",
			refused: []string{`No statement "5.1" among the verification statements: type e.g. 1.1, or 1-22`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te := newTestEnv(t)
			te.addPeople(tt.group, 2)
			s := openDialogue(t, te, tt.group, 120, 30)
			if tt.typed == "ORDER" {
				tt.typed = te.q.Statements()[40].ID
			}
			s, _ = press(t, s, "right", "J") // from statement 2, so that staying put shows
			if view := ansi.Strip(s.View()); !strings.Contains(view, "type its number, e.g. 4.11") {
				t.Errorf("the jump prompt does not say a number such as 4.6 is expected:\n%s", view)
			}
			s = typeText(t, s, tt.typed)
			s, log := press(t, s, "enter")
			d := s.(*dialogue)
			if tt.refused != nil {
				msg, isErr := lastStatus(log)
				for _, w := range tt.refused {
					if !strings.Contains(msg, w) {
						t.Errorf("refusal %q does not say %q", msg, w)
					}
				}
				if !isErr || d.cur != 1 {
					t.Errorf("a bad entry moved to statement %d (error %t)", d.cur+1, isErr)
				}
				return
			}
			if d.cur != tt.cur {
				t.Errorf("J %q went to place %d, want %d", tt.typed, d.cur+1, tt.cur+1)
			}
			if view := ansi.Strip(s.View()); !strings.Contains(view, tt.head) {
				t.Errorf("after J %q the view does not say %q:\n%s", tt.typed, tt.head, view)
			}
		})
	}
}

// TestDialogueStatusNamesTheNumber checks that the status bar names a
// statement as the header and the report do.
func TestDialogueStatusNamesTheNumber(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 1)
	s := openDialogue(t, te, workbook.Insider, 100, 30)
	for _, tt := range []struct{ to, want string }{
		{"4.6", "#1 middle, statement 4.6: 4"},
		{"4.11", "#1 middle, statement 4.11: 4 · the last statement; statement 1.1 still lacks an answer (u)"},
	} {
		s, _ = press(t, s, "J")
		s = typeText(t, s, tt.to)
		s, _ = press(t, s, "enter")
		var cmd tea.Cmd
		s, cmd = s.Update(keyMsg("4")) // the save is in flight: what it will say when done
		d := s.(*dialogue)
		if d.env.saves.inflight == nil || d.env.saves.inflight.what != tt.want {
			t.Errorf("the status bar will say %+v, want %q", d.env.saves.inflight, tt.want)
		}
		s, _ = run(t, s, cmd)
	}
}

func lastStatus(log []tea.Msg) (string, bool) {
	for i := len(log) - 1; i >= 0; i-- {
		if s, ok := log[i].(statusMsg); ok {
			return s.text, s.err
		}
	}
	return "", false
}

func TestDialogueOutsidersScoreTheVerificationSet(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Outsider, 3)
	s := openDialogue(t, te, workbook.Outsider, 80, 24)
	d := s.(*dialogue)
	if len(d.statements) != len(te.q.VerificationStatements()) {
		t.Errorf("outsiders see %d statements, want the %d of the verification set", len(d.statements), len(te.q.VerificationStatements()))
	}
	s, _ = press(t, s, "2", "2", "1", "n")
	s = typeText(t, s, "They do not see the change")
	press(t, s, "ctrl+s")
	data := te.load()
	if len(data.Responses) != 3 || len(data.IssueNotes) != 1 {
		t.Errorf("responses %d, issue notes %d", len(data.Responses), len(data.IssueNotes))
	}
}

func TestDialogueGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		te := newTestEnv(t)
		te.addPeople(workbook.Insider, 6)
		s := openDialogue(t, te, workbook.Insider, size.w, size.h)
		s, _ = press(t, s, "4", "5", "1", "d", "5", "up", "up")
		golden(t, fmt.Sprintf("dialogue_%dx%d", size.w, size.h+3), s.View())
	}
}

// TestDialogueReversedStatementStatesItsScale checks that on a reversed
// statement the screen says the dots and the mean are flipped, and gives
// the group's agreed score on both scales, as the report does.
func TestDialogueReversedStatementStatesItsScale(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	s := openDialogue(t, te, workbook.Insider, 120, 30)
	s, _ = press(t, s, "J")
	s = typeText(t, s, "4.5")
	s, _ = press(t, s, "enter", "5", "g", "4")
	view := ansi.Strip(s.View())
	for _, want := range []string{"(reversed: agreeing is bad)", "flipped: 5 typed is 1 here", "4 as typed (2 flipped, as the mean)"} {
		if !strings.Contains(view, want) {
			t.Errorf("the reversed statement's screen does not say %q:\n%s", want, view)
		}
	}
	// The first person's 5 is a dot at 1.
	if !strings.Contains(view, "1 ●  2") {
		t.Errorf("a typed 5 is not drawn at 1 on the flipped scale:\n%s", view)
	}
}

// TestDialogueShowsNoMeanOfFewerThanThree checks the live view: a mean
// says whose it is, and none is drawn for one or two scores, as in every
// output.
func TestDialogueShowsNoMeanOfFewerThanThree(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Outsider, 3)
	s := openDialogue(t, te, workbook.Outsider, 120, 30)
	s, _ = press(t, s, "4", "2")
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "n=2: a mean is shown from 3 scores") || strings.Contains(view, "mean 3.00") || strings.Contains(view, "▲") {
		t.Errorf("two outsiders' mean is shown:\n%s", view)
	}
	s, _ = press(t, s, "3", "[") // the last score moves on: come back
	if view := ansi.Strip(s.View()); !strings.Contains(view, "outsiders' mean 3.00 (n=3)") {
		t.Errorf("three outsiders' mean is not shown as theirs:\n%s", view)
	}
}

// After the last person's score the screen moves on; a line shows the
// finished statement's result (contested here) while the next is scored,
// and no figure of fewer than 3 people.
func TestDialogueShowsTheFinishedStatement(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	s := openDialogue(t, te, workbook.Insider, 80, 21)
	s, _ = press(t, s, "1", "5", "4")
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Statement 1.2 · 2 of 41") {
		t.Fatalf("did not move on:\n%s", view)
	}
	if !strings.Contains(view, "Statement 1.1 done: mean 3.33 (n=3) to improve  ⚠ CONTESTED  1 ●  4 ●  5 ●") {
		t.Errorf("no result of 1.1:\n%s", view)
	}
	// Moving on by hand drops the line.
	s, _ = press(t, s, "]")
	if strings.Contains(ansi.Strip(s.View()), "done:") {
		t.Errorf("the line stayed after ]:\n%s", ansi.Strip(s.View()))
	}

	// Two scores and a don't-know: no figure.
	s, _ = press(t, s, "[", "2", "d", "4")
	view = ansi.Strip(s.View())
	if !strings.Contains(view, "Statement 1.2 done: n=2, no figure of fewer than 3 people") || strings.Contains(view, "1.2 done: mean") {
		t.Errorf("a group of 2 is described:\n%s", view)
	}
}
