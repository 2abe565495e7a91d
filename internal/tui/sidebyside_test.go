package tui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// verifyFixture scores, by three insiders and three outsiders, statements
// whose figures are known by hand (the first key issue, "Communities'
// ability to engage", has six verification statements):
//
//	statement               insiders      outsiders        gap
//	1 ca-meeting-times      5 5 4 = 4.67  2 3 3 = 2.67     +2.00 blind spot
//	2 ca-how-to-join        2 2 3 = 2.33  4 4 5 = 4.33     -2.00 unrecognised strength
//	3 ca-plain-information  3 4 4 = 3.67  4 3 ? (n=2)      unknown: fewer than 3
//	4 ca-costs-covered      4 4 4 = 4.00  4 4 3 = 3.67     +0.33
//	5 ca-group-support      2 2 2 = 2.00  (not verified)   barrier, insiders only
//	8 ca-feedback           1 2 2 = 1.67  2 1 3 = 2.00     -0.33, barrier 1.83
//
// Over the four statements both groups scored (1, 2, 4, 8) the key issue's
// insider mean is (4.67+2.33+4+1.67)/4 = 3.1667 and the outsider mean
// (2.67+4.33+3.67+2)/4 = 3.1667: a gap of 0.
func verifyFixture(te *testEnv) (ins, outs []workbook.Participant) {
	te.t.Helper()
	ins = te.addPeople(workbook.Insider, 3)
	outs = te.addPeople(workbook.Outsider, 3)
	scores := []struct {
		statement string
		ins, outs []int // 0 is no answer, -1 don't know
	}{
		{"ca-meeting-times", []int{5, 5, 4}, []int{2, 3, 3}},
		{"ca-how-to-join", []int{2, 2, 3}, []int{4, 4, 5}},
		{"ca-plain-information", []int{3, 4, 4}, []int{4, 3, -1}},
		{"ca-costs-covered", []int{4, 4, 4}, []int{4, 4, 3}},
		{"ca-group-support", []int{2, 2, 2}, nil},
		{"ca-feedback", []int{1, 2, 2}, []int{2, 1, 3}},
	}
	te.change(func(c *workbook.Change) error {
		for _, s := range scores {
			for group, people := range map[*[]int][]workbook.Participant{&s.ins: ins, &s.outs: outs} {
				for i, v := range *group {
					in := workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: people[i].ID,
						StatementID: s.statement, Score: max(v, 0), DontKnow: v < 0}
					if _, err := c.RecordResponse(in); err != nil {
						return fmt.Errorf("%s: %w", s.statement, err)
					}
				}
			}
		}
		return nil
	})
	return ins, outs
}

func openCompare(t *testing.T, te *testEnv, w, h int) *sideBySide {
	t.Helper()
	c := newSideBySide(te.env, te.site.ID, te.a.ID)
	c.SetSize(w, h)
	s, _ := run(t, c, c.Init())
	return s.(*sideBySide)
}

// lineWith returns the first line of view containing text.
func lineWith(t *testing.T, view, text string) string {
	t.Helper()
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", text, ansi.Strip(view))
	return ""
}

func TestCompareShowsHandKnownGaps(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	for _, w := range []int{80, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			c := openCompare(t, te, w, 40)
			view := c.View()
			tests := []struct {
				statement string
				want      []string
			}{
				{"Meetings are held", []string{"1 ", "4.67 n=3", "2.67 n=3", "▲ +2.00"}},
				{"People in the community know how", []string{"2 ", "2.33 n=3", "4.33 n=3", "▼ -2.00"}},
				{"Community members who take part", []string{"4 ", "4.00 n=3", "3.67 n=3", "  +0.33"}},
				{"are told what", []string{"8 ", "1.67 n=3", "2.00 n=3", "  -0.33"}},
			}
			if w >= wideFrom {
				tests[0].want = append(tests[0].want, "BLIND SPOT")
				tests[1].want = append(tests[1].want, "UNRECOGNISED STRENGTH")
			}
			for _, tt := range tests {
				line := lineWith(t, view, tt.statement)
				for _, want := range tt.want {
					if !strings.Contains(line, want) {
						t.Errorf("line %q lacks %q", line, want)
					}
				}
			}
			// The key issue: over statements 1, 2, 4 and 8, both means are
			// 3.17, so no gap.
			issue := lineWith(t, view, "Communities' ability to engage")
			wants := []string{"3.17 n=3", " 0.00 "}
			if w >= wideFrom {
				wants = append(wants, "4 of 6 compared")
			}
			for _, want := range wants {
				if !strings.Contains(issue, want) {
					t.Errorf("key issue line %q lacks %q", issue, want)
				}
			}
			// Not verified: statement 5 is not in the comparison.
			if strings.Contains(ansi.Strip(view), "voluntary groups get support") {
				t.Error("a statement outsiders do not score is compared")
			}
			if !strings.Contains(ansi.Strip(view), "BLIND SPOT ≥ +1.0") {
				t.Error("no legend for the gap symbols")
			}
		})
	}

	c := openCompare(t, te, 80, 24)
	ic := c.issues[0]
	if ic.Gap.Compared != 4 || math.Abs(ic.Gap.InsidersMean-19.0/6) > 1e-9 || math.Abs(ic.Gap.OutsidersMean-19.0/6) > 1e-9 || ic.Gap.Insiders != 3 || ic.Gap.Outsiders != 3 {
		t.Errorf("key issue comparison = %+v", ic)
	}
	// The cursor starts on statement 1; its detail says what the gap is
	// in words.
	if got := lineWith(t, c.View(), "BLIND SPOT:"); !strings.Contains(got, "insiders score it 2.00 higher than outsiders") {
		t.Errorf("detail of statement 1: %q", got)
	}
	s, _ := press(t, c, "down")
	if got := lineWith(t, s.View(), "UNRECOGNISED STRENGTH:"); !strings.Contains(got, "outsiders score it 2.00 higher than insiders") {
		t.Errorf("detail of statement 2: %q", got)
	}
}

func TestCompareNeverBreaksDownFewerThanThree(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	c := openCompare(t, te, 120, 40)
	line := lineWith(t, c.View(), "plain words")
	// Three insiders beside two outsiders: the insiders are a group of
	// three and are shown; the outsiders are not.
	if !strings.Contains(line, "3.67 n=3") || !strings.Contains(line, "fewer than 3") {
		t.Errorf("statement 3: %q", line)
	}
	// The two outsiders' mean is 3.50: it may not appear, nor a gap.
	if strings.Contains(line, "3.50") || strings.Contains(line, "n=2") || strings.Contains(line, "▲") || strings.Contains(line, "▼") {
		t.Errorf("statement 3 breaks down two outsiders: %q", line)
	}
	// Nobody scored statement 9.
	if line := lineWith(t, c.View(), "feel confident"); strings.Count(line, "no scores") != 2 {
		t.Errorf("statement 9: %q", line)
	}
	s, _ := press(t, c, "down", "down")
	if got := lineWith(t, s.View(), "No comparison"); !strings.Contains(got, "outsiders fewer than 3") {
		t.Errorf("detail of statement 3: %q", got)
	}
}

func TestCompareIssueNoteIsSaved(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	c := openCompare(t, te, 80, 24)
	// esc cancels: nothing saved.
	s, _ := press(t, c, "n")
	s = typeText(t, s, "draft")
	s, _ = press(t, s, "esc")
	if n := len(te.load().IssueNotes); n != 0 {
		t.Fatalf("a cancelled note was saved (%d notes)", n)
	}
	s, _ = press(t, s, "n")
	if !s.Typing() {
		t.Fatal("the note editor does not have the keyboard: q would quit")
	}
	s = typeText(t, s, "Residents say meetings suit staff; quite right")
	s, _ = press(t, s, "ctrl+s")
	notes := te.load().IssueNotes
	if len(notes) != 1 || notes[0].KeyIssueID != "community-ability" || notes[0].Notes != "Residents say meetings suit staff; quite right" {
		t.Fatalf("issue notes = %+v", notes)
	}
	if s.Typing() {
		t.Error("still typing after saving")
	}
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "✎ Verification note: Residents say meetings") || !strings.Contains(view, "all saved ✓") {
		t.Errorf("view after saving the note:\n%s", view)
	}
	// The note of the second key issue, from its heading with enter.
	s, _ = press(t, s, "]", "enter")
	s = typeText(t, s, "Outsiders could not judge training")
	press(t, s, "ctrl+s")
	if notes := te.load().IssueNotes; len(notes) != 2 {
		t.Errorf("issue notes = %+v", notes)
	}
}

func TestCompareOpensOutsiderScoringAtTheStatement(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	c := openCompare(t, te, 80, 24)
	s, log := press(t, c, "down", "enter")
	var d *dialogue
	for _, m := range log {
		if p, ok := m.(pushMsg); ok {
			d, _ = p.screen.(*dialogue)
		}
	}
	if d == nil || d.group != workbook.Outsider || d.wantCur != 1 {
		t.Fatalf("enter on statement 2 pushed %+v", d)
	}
	if p := s.(*sideBySide).Place(); p.Screen != "verify" || p.Statement != 1 {
		t.Errorf("place = %+v, want verify at statement index 1", p)
	}
	// On a key issue heading, enter writes its note instead.
	s, log = press(t, s, "[")
	if l, _ := s.(*sideBySide).selected(); l.kind != lineIssue {
		t.Fatalf("[ went to %+v, not the key issue's heading", l)
	}
	s, _ = press(t, s, "enter")
	if !s.Typing() {
		t.Error("enter on a key issue does not open its note")
	}
}

func TestCompareNavigation(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	c := openCompare(t, te, 80, 24)
	s, _ := press(t, c, "end")
	last := te.q.VerificationStatements()
	if p := s.(*sideBySide).Place(); p.Statement != len(last)-1 {
		t.Errorf("end: statement index %d, want %d", p.Statement, len(last)-1)
	}
	if !strings.Contains(ansi.Strip(s.View()), last[len(last)-1].Text.In("en")[:20]) {
		t.Error("the last statement is not in view after end")
	}
	s, _ = press(t, s, "home")
	if l, _ := s.(*sideBySide).selected(); l.kind != lineIssue || l.issue != 0 {
		t.Errorf("home: %+v, want the first key issue", l)
	}
	// Note lines are skipped.
	s, _ = press(t, s, "down")
	if l, _ := s.(*sideBySide).selected(); l.kind != lineItem {
		t.Errorf("down from a heading landed on %+v", l)
	}
}

func TestCompareGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		te := newTestEnv(t)
		verifyFixture(te)
		te.change(func(c *workbook.Change) error {
			_, err := c.SetIssueNote(workbook.IssueNote{SiteID: te.site.ID, AssessmentID: te.a.ID, KeyIssueID: "community-ability",
				Notes: "Residents say meetings are at times that suit staff."})
			return err
		})
		c := openCompare(t, te, size.w, size.h)
		golden(t, fmt.Sprintf("sidebyside_%dx%d", size.w, size.h+3), c.View())
	}
}

func TestCompareKeyIssueBlindSpot(t *testing.T) {
	te := newTestEnv(t)
	ins := te.addPeople(workbook.Insider, 3)
	outs := te.addPeople(workbook.Outsider, 4)
	// Insiders 5 on both statements, outsiders 2 and 3: the key issue's
	// means are 5.00 and 2.50, a gap of +2.50. The fourth outsider scores
	// only statement 2, so the outsiders' n is 4.
	te.change(func(c *workbook.Change) error {
		for _, r := range []struct {
			p     workbook.Participant
			st    string
			score int
		}{
			{ins[0], "ca-meeting-times", 5}, {ins[1], "ca-meeting-times", 5}, {ins[2], "ca-meeting-times", 5},
			{ins[0], "ca-how-to-join", 5}, {ins[1], "ca-how-to-join", 5}, {ins[2], "ca-how-to-join", 5},
			{outs[0], "ca-meeting-times", 2}, {outs[1], "ca-meeting-times", 2}, {outs[2], "ca-meeting-times", 2},
			{outs[0], "ca-how-to-join", 3}, {outs[1], "ca-how-to-join", 3}, {outs[3], "ca-how-to-join", 3},
		} {
			if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: r.p.ID, StatementID: r.st, Score: r.score}); err != nil {
				return err
			}
		}
		return nil
	})
	c := openCompare(t, te, 120, 37)
	line := lineWith(t, c.View(), "Communities' ability to engage")
	for _, want := range []string{"5.00 n=3", "2.50 n=4", "▲ +2.50", "BLIND SPOT", "2 of 6 compared"} {
		if !strings.Contains(line, want) {
			t.Errorf("key issue line %q lacks %q", line, want)
		}
	}
	s, _ := press(t, c, "home")
	if got := lineWith(t, s.View(), "Compared on"); !strings.Contains(got, "Compared on the 2 statements both groups scored. BLIND SPOT") {
		t.Errorf("key issue detail: %q", got)
	}
	for _, k := range []string{"n", "]", "[", "pgdown", "home"} {
		if !hasKey(s.Keys(), k) {
			t.Errorf("%s is not in the help", k)
		}
	}
	s, _ = press(t, s, "down")
	if !hasKey(s.Keys(), "enter") {
		t.Error("enter (score with outsiders) is not in the help on a statement")
	}
}

// TestCompareMarksReversedStatements checks that the side-by-side list
// marks a reversed statement (4.5) in its row, not only in the detail.
func TestCompareMarksReversedStatements(t *testing.T) {
	te := newTestEnv(t)
	c := openCompare(t, te, 160, 60)
	st, _, ok := te.q.Statement("oc-decisions-elsewhere")
	if !ok || !st.Reverse {
		t.Fatal("the default workbook's reversed statement has moved")
	}
	words := strings.Fields(st.Text.In("en"))
	line := lineWith(t, ansi.Strip(c.View()), strings.Join(words[:4], " "))
	if !strings.Contains(line, "4.5") || !strings.Contains(line, "(reversed)") {
		t.Errorf("the row of reversed statement 4.5 is not marked: %q", line)
	}
}
