package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// twoRounds makes the test site's assessment the earlier round of a
// partnership (four insiders scoring 3 and three outsiders scoring 2
// everything they are asked, an action plan of two) and starts the round
// now of the same partnership, with four insiders scoring 4 or 5 and only
// two outsiders, who score 1: their figures, and everyone's from which
// theirs would follow, must never show. It returns the round now.
func twoRounds(te *testEnv) workbook.Assessment {
	te.t.Helper()
	var now workbook.Assessment
	te.change(func(c *workbook.Change) error {
		p, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Carers' network", Ongoing: true})
		if err != nil {
			return err
		}
		round := func(aid string, ins, outs []int) error {
			if _, err := c.SelectPartnership(te.site.ID, aid, p.ID, "the one running"); err != nil {
				return err
			}
			for _, g := range []struct {
				group  workbook.Group
				role   workbook.Role
				scores []int
				sts    int
			}{{workbook.Insider, workbook.RoleMiddle, ins, 0}, {workbook.Outsider, workbook.RoleCommunity, outs, 1}} {
				sts := te.q.Statements()
				if g.sts == 1 {
					sts = te.q.VerificationStatements()
				}
				for _, score := range g.scores {
					who, err := c.SaveParticipant(workbook.Participant{SiteID: te.site.ID, AssessmentID: aid, Group: g.group, Role: g.role})
					if err != nil {
						return err
					}
					for _, st := range sts {
						in := workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: aid, ParticipantID: who.ID, StatementID: st.ID, Score: score}
						if _, err := c.RecordResponse(in); err != nil {
							return err
						}
					}
				}
			}
			return nil
		}
		if err := round(te.a.ID, []int{3, 3, 3, 3}, []int{2, 2, 2}); err != nil {
			return err
		}
		for _, iv := range []workbook.Intervention{
			{SiteID: te.site.ID, AssessmentID: te.a.ID, Action: "Agree a common language", Status: workbook.StatusDone, Due: "2026-02-27"},
			{SiteID: te.site.ID, AssessmentID: te.a.ID, Action: "Hold meetings in the evening", Status: workbook.StatusInProgress, Due: "2026-02-20"},
		} {
			if _, err := c.SaveIntervention(iv); err != nil {
				return err
			}
		}
		if now, err = c.NewAssessment(te.site.ID, workbook.AssessmentInput{Title: "Second round", Started: "2026-03-02"}); err != nil {
			return err
		}
		return round(now.ID, []int{4, 4, 4, 5}, []int{1, 1})
	})
	return now
}

// verifiedAsWritten counts the verification statements that are not
// reversed.
func verifiedAsWritten(te *testEnv) int {
	n := 0
	for _, st := range te.q.VerificationStatements() {
		if !st.Reverse {
			n++
		}
	}
	return n
}

func TestWhatChangedShowsTheRounds(t *testing.T) {
	te := newTestEnv(t)
	now := twoRounds(te)
	site := newSiteScreen(te.env, te.site.ID)
	site.assessment = now.ID
	site.SetSize(80, 24)
	sc, _ := run(t, site, site.Init())
	if desc, ok := keyHelp(sc.Keys(), "c"); !ok || desc != "what changed since the earlier round" {
		t.Errorf("the site's keys offer c as %q (%v)", desc, ok)
	}
	_, log := press(t, sc, "c")
	var changes *changesScreen
	for _, msg := range log {
		if p, ok := msg.(pushMsg); ok {
			changes, _ = p.screen.(*changesScreen)
		}
	}
	if changes == nil {
		t.Fatalf("c opened no What changed screen: %v", log)
	}
	changes.SetSize(80, 200) // the whole page at once
	scr, _ := run(t, changes, changes.Init())
	view := ansi.Strip(scr.View())
	for _, want := range []string{
		"What changed since the assessment started 2 March 2026",
		"Then: Assessment, started 2 March 2026, 4 insiders, 3 outsiders answered",
		"Second round, started 2 March 2026, 4 insiders, 2 outsiders answered",
		"Key issues then and now",
		// Everyone's was shown then, not now: the insiders' both times.
		"insiders   3.00 n=4      4.25 n=4      +1.25 ▲",
		"Statements that moved by 0.5 or more",
		// Everyone's mean of the statements outsiders scored was a
		// barrier then (2.57), but of a reversed one; the insiders' now
		// (4.25) is not.
		fmt.Sprintf("Closed: %d barriers then are not barriers now", verifiedAsWritten(te)),
		"The earlier round's actions, as they stand",
		"2 actions: 1 done, 0 dropped, 1 still open · 1 overdue today",
		"! overdue 2026-02-20  Hold meetings in the evening",
		"Agree a common language",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("What changed does not say %q:\n%s", want, view)
		}
	}
	// The two outsiders now scored 1: their mean, and everyone's (4.25
	// and 1.00 pooled over six), never show.
	for _, leak := range []string{"1.00", "3.17"} {
		if strings.Contains(view, leak) {
			t.Errorf("What changed shows %q beside a group of two:\n%s", leak, view)
		}
	}
	// A statement the outsiders scored, and every key issue, are the
	// insiders' at both rounds, never everyone's then against something
	// else now.
	num := te.q.Numbering().Number(te.q.VerificationStatements()[0].ID)
	rows := 0
	for _, line := range strings.Split(view, "\n") {
		issueRow := len(line) > 3 && line[2] >= '1' && line[2] <= '9' && line[3] == ' '
		if (issueRow || strings.HasPrefix(line, "  "+num+" ")) && strings.Contains(line, " n=") {
			rows++
			if !strings.Contains(line, " insiders ") {
				t.Errorf("not the insiders' figures: %q", line)
			}
		}
	}
	if want := len(te.q.KeyIssues) + 1; rows != want {
		t.Errorf("%d rows checked, want %d:\n%s", rows, want, view)
	}
	for i, line := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(line); w > 80 {
			t.Errorf("line %d is %d cells wide: %q", i+1, w, line)
		}
	}
}

func TestWhatChangedScrollsAt80x24(t *testing.T) {
	te := newTestEnv(t)
	now := twoRounds(te)
	s := newChangesScreen(te.env, te.env.user, te.site.ID, now.ID)
	s.SetSize(80, 24-3) // the frame's header, status and footer
	sc, _ := run(t, s, s.Init())
	c := sc.(*changesScreen)
	total := len(c.lines())
	if total <= c.room() {
		t.Fatalf("%d lines fit in %d: nothing to scroll", total, c.room())
	}
	first := ansi.Strip(c.View())
	if got := strings.Count(first, "\n") + 1; got > 21 {
		t.Errorf("the view is %d lines, the body has 21", got)
	}
	if !strings.Contains(first, "lines 1-17 of ") {
		t.Errorf("no place in the page:\n%s", first)
	}
	for _, tc := range []struct {
		key string
		top int
	}{
		{"down", 1}, {"down", 2}, {"up", 1}, {"pgdown", 1 + c.room()}, {"end", total - c.room()},
		{"down", total - c.room()}, {"home", 0}, {"up", 0}, {"pgup", 0},
	} {
		press(t, c, tc.key)
		if c.top != tc.top {
			t.Errorf("after %s the first line is %d, want %d", tc.key, c.top, tc.top)
		}
	}
	press(t, c, "end")
	if last := ansi.Strip(c.View()); !strings.Contains(last, "Hold meetings in the evening") {
		t.Errorf("end does not show the last action:\n%s", last)
	}
	// A wider, taller window shows more; scrolling stays inside the page.
	c.SetSize(100, 27)
	if c.top > total-c.room() {
		t.Errorf("after a resize the first line %d is past the end (%d lines, %d shown)", c.top, total, c.room())
	}
}

func TestWhatChangedWithNoEarlierRound(t *testing.T) {
	te := newTestEnv(t)
	sc := openSite(t, te)
	if _, ok := keyHelp(sc.Keys(), "c"); ok {
		t.Error("c is offered with no earlier round")
	}
	if strings.Contains(ansi.Strip(sc.View()), "Earlier round") {
		t.Error("the site speaks of an earlier round it does not have")
	}
	_, log := press(t, sc, "c")
	if !hasStatus(log, "No partnership selected yet: nothing to compare with") {
		t.Errorf("c with no partnership: %v", log)
	}
	for _, msg := range log {
		if _, ok := msg.(pushMsg); ok {
			t.Error("c opened a screen with nothing to compare")
		}
	}
	// The first round of a partnership has nothing before it either, and
	// the screen says so when it is reached all the same.
	now := twoRounds(te)
	first := newSiteScreen(te.env, te.site.ID)
	first.assessment = te.a.ID
	first.SetSize(80, 24)
	sc, _ = run(t, first, first.Init())
	if _, ok := keyHelp(sc.Keys(), "c"); ok {
		t.Error("c is offered on the first round")
	}
	if _, log = press(t, sc, "c"); !hasStatus(log, "No earlier round of this partnership to compare with") {
		t.Errorf("c on the first round: %v", log)
	}
	s := newChangesScreen(te.env, te.env.user, te.site.ID, te.a.ID)
	s.SetSize(80, 21)
	scr, _ := run(t, s, s.Init())
	view := ansi.Strip(scr.View())
	if !strings.Contains(view, "What changed: no earlier round") || !strings.Contains(view, "There is no earlier round to compare with") {
		t.Errorf("the first round:\n%s", view)
	}
	if now.ID == te.a.ID {
		t.Fatal("the two rounds are one assessment")
	}
}

// TestWhatChangedFrames draws whole frames at 80x24 and 100x30, in
// English and Italian: the first page, the end of the page, and esc back
// to the site.
func TestWhatChangedFrames(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		for _, size := range []struct{ w, h int }{{80, 24}, {100, 30}} {
			name := fmt.Sprintf("whatchanged_%dx%d", size.w, size.h)
			if lang != "en" {
				name = lang + "_" + name
			}
			t.Run(name, func(t *testing.T) {
				te := newTestEnv(t)
				if lang != "en" {
					te.change(func(c *workbook.Change) error {
						s := te.site
						_, err := c.UpdateSite(workbook.SiteInput{ID: s.ID, Name: s.Name, Organisation: s.Organisation, Area: s.Area, Language: lang})
						return err
					})
				}
				twoRounds(te)
				m := newRoot(t, te, size.w, size.h)
				pressRoot(t, m, "enter")
				site := screenText(m)
				golden(t, name+"_site", site)
				pressRoot(t, m, "c")
				first := screenText(m)
				golden(t, name, first)
				pressRoot(t, m, "end")
				golden(t, name+"_end", screenText(m))
				for _, text := range []string{first, screenText(m)} {
					lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
					if len(lines) > size.h {
						t.Errorf("%d lines", len(lines))
					}
					for i, l := range lines {
						if w := ansi.StringWidth(l); w > size.w {
							t.Errorf("line %d is %d cells: %q", i+1, w, l)
						}
					}
				}
				pressRoot(t, m, "esc")
				if back := screenText(m); back != site {
					t.Errorf("esc does not go back to the site as it was:\n%s", back)
				}
			})
		}
	}
}

func TestWhatChangedInItalian(t *testing.T) {
	te := newTestEnv(t)
	te.change(func(c *workbook.Change) error {
		s := te.site
		_, err := c.UpdateSite(workbook.SiteInput{ID: s.ID, Name: s.Name, Organisation: s.Organisation, Area: s.Area, Language: "it"})
		return err
	})
	now := twoRounds(te)
	s := newChangesScreen(te.env, te.env.lang("it"), te.site.ID, now.ID)
	s.SetSize(80, 200)
	scr, _ := run(t, s, s.Init())
	view := ansi.Strip(scr.View())
	for _, want := range []string{
		"Che cosa è cambiato dall'autovalutazione iniziata il 2 marzo 2026",
		"Le questioni chiave allora e oggi",
		"interni  3,00 n=4",
		"+1,25 ▲",
		"Le azioni dell'autovalutazione precedente",
		"in ritardo",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("the Italian page does not say %q:\n%s", want, view)
		}
	}
	if scr.Title() != "Che cosa è cambiato" {
		t.Errorf("title %q", scr.Title())
	}
}
