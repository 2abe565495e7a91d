package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The projector view (P) is shown to the room: these tests hold it to
// showing no participant, and the figures analysis allows.

// projectorInsiders are the insiders of the projector tests: names no
// screen could hold by chance, and two without a name, whom the
// facilitator's view calls "#6 middle" and "#8 middle".
var projectorInsiders = []string{"Zebedee Quartermaine", "Ottoline Featherstonehaugh", "Barnaby Wolstencroft",
	"Persephone Ashdown", "Ignatius Pennyfeather", "", "Montgomery Blackwood", ""}

var projectorOutsiders = []string{"Araminta Goldsworthy", "Cornelius Fairweather", "Evangeline Whitlock", "Hieronymus Clatterbuck"}

// projectorComment is a comment one insider writes on statement 1.1, and
// projectorNote the group's notes on it: neither may reach the room.
const (
	projectorComment = "Quokkas never attend the Tuesday meetings"
	projectorNote    = "Xylophone rota agreed"
)

// addNames adds participants of group g with these names ("" for none).
func (te *testEnv) addNames(g workbook.Group, names []string) []workbook.Participant {
	te.t.Helper()
	role := workbook.RoleMiddle
	if g == workbook.Outsider {
		role = workbook.RoleCommunity
	}
	var out []workbook.Participant
	te.change(func(c *workbook.Change) error {
		for _, n := range names {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: te.site.ID, AssessmentID: te.a.ID, Group: g, Role: role, Name: n})
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out
}

// projectorFixture is a site whose insiders and outsiders carry
// projectorInsiders' and projectorOutsiders' names, with a comment and a
// note on statement 1.1; with it, the Italian site of italianAssessment.
func projectorFixture(t *testing.T, it bool) (*testEnv, []workbook.Participant) {
	t.Helper()
	te := newTestEnv(t)
	if it {
		italianAssessment(te)
	}
	ins := te.addNames(workbook.Insider, projectorInsiders)
	te.addNames(workbook.Outsider, projectorOutsiders)
	first := te.q.Statements()[0].ID
	te.change(func(c *workbook.Change) error {
		if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: ins[1].ID,
			StatementID: first, Comment: projectorComment}); err != nil {
			return err
		}
		_, err := c.SetStatementNote(workbook.StatementNote{SiteID: te.site.ID, AssessmentID: te.a.ID, StatementID: first, Notes: projectorNote})
		return err
	})
	return te, ins
}

// noOneIn fails t when frame names or points at a participant: a name or
// part of one, the facilitator's "#6 middle" for someone without one, the
// row cursor, a comment or a note.
func noOneIn(t *testing.T, step, frame string) {
	t.Helper()
	var words []string
	for _, n := range append(append([]string{}, projectorInsiders...), projectorOutsiders...) {
		words = append(words, strings.Fields(n)...)
	}
	words = append(words, "#1", "#2", "#3", "#4", "#5", "#6", "#7", "#8", "Quokkas", "Xylophone")
	for _, w := range words {
		if strings.Contains(frame, w) {
			t.Errorf("%s: the projector shows %q:\n%s", step, w, frame)
		}
	}
}

// dots counts the small dots drawn.
func dots(frame string) int { return strings.Count(frame, "●") }

// Every key of the projector view, at 80x24 through the root: no frame
// names anyone, and the answers typed land on the participants in turn,
// as in the dialogue.
func TestProjectorNeverShowsAParticipant(t *testing.T) {
	te, ins := projectorFixture(t, false)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3")
	if text := screenText(m); !strings.Contains(text, "Zebedee Quartermaine") {
		t.Fatalf("the facilitator's view does not show the names, so this test would prove nothing:\n%s", text)
	}
	pressRoot(t, m, "P")
	if !projecting(m.top()) {
		t.Fatal("P did not turn the projector view on")
	}
	steps := [][]string{
		{}, {"4"}, {"2"}, {"5"}, {"d"}, {"1"}, {"up"}, {"x"}, {"3"}, {"down"}, {"4"}, {"5"}, // the last one finishes 1.1
		{"]"}, {"["}, {"c"}, {"n"}, {"p"}, {"b"}, {"g", "4"}, {"u"}, {"J"}, {"esc"}, {"?"}, {"esc"}, {"right"}, {"5"},
	}
	for _, keys := range steps {
		pressRoot(t, m, keys...)
		noOneIn(t, fmt.Sprintf("after %q", keys), screenText(m))
	}
	// The scores went to the insiders in turn: 4 2 5 d, then 1 on the
	// fifth, cleared (up, x) and typed again as 3, and on.
	first := te.q.Statements()[0].ID
	got := map[string]string{}
	for _, r := range te.load().Responses {
		if r.StatementID == first {
			got[r.ParticipantID] = scoreText(r, true)
		}
	}
	want := []string{"4", "2", "5", "?", "3", "·", "4", "5"}
	for i, p := range ins {
		w := want[i]
		if g, ok := got[p.ID]; (ok || w != "·") && g != w {
			t.Errorf("insider %d scored %q on 1.1, want %q", i+1, g, w)
		}
	}
	// The keys that would show a name said so instead.
	pressRoot(t, m, "c")
	if !strings.Contains(m.status, "P leaves it first") || !m.isErr {
		t.Errorf("c in the projector view: status %q", m.status)
	}
	pressRoot(t, m, "P")
	if projecting(m.top()) || !strings.Contains(screenText(m), "Zebedee Quartermaine") {
		t.Errorf("P did not turn the projector view off:\n%s", screenText(m))
	}
}

// The status line says what was saved without whose answer it was or
// what they answered, also for an answer typed in the facilitator's view
// whose save ends once the projector is on.
func TestProjectorStatusNamesNobody(t *testing.T) {
	te, _ := projectorFixture(t, false)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3")
	_, save := m.Update(keyMsg("4")) // saved by the root once P is pressed
	pressRoot(t, m, "P")
	drive(t, m, save)
	if m.status != "Saved: an answer to statement 1.1" {
		t.Errorf("an answer typed before P, saved after: status %q", m.status)
	}
	pressRoot(t, m, "5")
	if m.status != "Saved: an answer to statement 1.1" {
		t.Errorf("status after a score: %q", m.status)
	}
	pressRoot(t, m, "x")
	if m.status != "Saved: an answer to statement 1.1 cleared" {
		t.Errorf("status after clearing: %q", m.status)
	}
	pressRoot(t, m, "u")
	if m.status != "Statement 1.2 still lacks an answer" {
		t.Errorf("status after u: %q", m.status)
	}
}

// A save refused while the room looks says only that it failed; its
// reason, which may name whose answer it was, comes once P is pressed.
func TestProjectorKeepsAFailedSavesReasonForTheFacilitator(t *testing.T) {
	te, ins := projectorFixture(t, false)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "P")
	te.change(func(c *workbook.Change) error { return c.DeleteParticipant(te.site.ID, te.a.ID, ins[0].ID) })
	pressRoot(t, m, "4")
	if !m.isErr || !strings.Contains(m.status, "NOT SAVED: P leaves the projector view") {
		t.Fatalf("a refused save while projecting: status %q", m.status)
	}
	noOneIn(t, "refused", screenText(m))
	pressRoot(t, m, "P")
	if !m.isErr || !strings.HasPrefix(m.status, "NOT SAVED: ") || strings.Contains(m.status, "projector") {
		t.Errorf("after P the reason is not given: %q", m.status)
	}
}

// With one or two scores a group shows no dots and no mean: only how many
// have scored and why nothing more; from three, every dot and the mean
// analysis gives.
func TestProjectorSmallGroupShowsNoFigures(t *testing.T) {
	for _, g := range []workbook.Group{workbook.Insider, workbook.Outsider} {
		te, _ := projectorFixture(t, false)
		s := openDialogue(t, te, g, 80, 21)
		s, _ = press(t, s, "P")
		for n, k := range []string{"4", "2"} {
			s, _ = press(t, s, k)
			view := ansi.Strip(s.View())
			if dots(view) != 0 || strings.Contains(view, "' mean") || strings.Contains(view, "AREA") || strings.Contains(view, "▲") {
				t.Errorf("%s, %d scored: a figure is shown:\n%s", g, n+1, view)
			}
			if !strings.Contains(view, fmt.Sprintf("%d of %d ha", n+1, map[workbook.Group]int{workbook.Insider: 8, workbook.Outsider: 4}[g])) ||
				!strings.Contains(view, "Fewer than 3 have scored") {
				t.Errorf("%s, %d scored: the view does not say why nothing is shown:\n%s", g, n+1, view)
			}
		}
		// A don't-know is no score: still nothing.
		s, _ = press(t, s, "d")
		if view := ansi.Strip(s.View()); dots(view) != 0 || strings.Contains(view, "don't know") {
			t.Errorf("%s, 2 scored and a don't-know: a figure is shown:\n%s", g, view)
		}
		// For the outsiders, the fourth finishes the statement: the
		// projector holds it.
		s, _ = press(t, s, "1")
		view := ansi.Strip(s.View())
		if dots(view) != 3 || !strings.Contains(view, "3 of") || !strings.Contains(view, "1 don't know") {
			t.Errorf("%s, 3 scored: want 3 dots and the don't-know:\n%s", g, view)
		}
		whose := map[workbook.Group]string{workbook.Insider: "Insiders' mean", workbook.Outsider: "Outsiders' mean"}[g]
		if !strings.Contains(view, whose) {
			t.Errorf("%s: the mean does not say whose it is (%q):\n%s", g, whose, view)
		}
	}
}

// The dots are the scores counted per point of the scale, each count over
// its stack, and the mean in block letters is the one analysis gives, in
// its band's words.
func TestProjectorDotsAndMeanAreAnalysis(t *testing.T) {
	for _, size := range []struct {
		w, h int
		dot  string
		font bigFont
	}{{80, 21, "●", fontSmall}, {160, 42, "▄██▄", fontLarge}} {
		te, ins := projectorFixture(t, false)
		s := openDialogue(t, te, workbook.Insider, size.w, size.h)
		s, _ = press(t, s, "P", "5", "1", "5", "4", "d", "4", "4")
		view := ansi.Strip(s.View())
		if n := strings.Count(view, size.dot); n != 6 {
			t.Errorf("%dx%d: %d dots for 6 scores:\n%s", size.w, size.h, n, view)
		}
		d := s.(*dialogue)
		var rs []workbook.Response
		for i, v := range []int{5, 1, 5, 4, 0, 4, 4} {
			rs = append(rs, workbook.Response{ParticipantID: ins[i].ID, StatementID: d.statements[0].ID, Score: v, DontKnow: v == 0})
		}
		res := analysis.Analyse(te.q, te.load().Participants, rs)
		_, want := res.Items[0].Headline()
		big, _ := bigText(mean(d.l, te.q.Bands, want.Mean), size.font)
		for _, row := range big {
			if !strings.Contains(view, row) {
				t.Errorf("%dx%d: the mean %s is not drawn in block letters (%q):\n%s", size.w, size.h, mean(d.l, te.q.Bands, want.Mean), row, view)
			}
		}
		band := map[analysis.Band]string{analysis.BandGood: "GOOD AREA", analysis.BandImprove: "AREA TO IMPROVE", analysis.BandBarrier: "BARRIER"}[want.Band]
		for _, w := range []string{"Insiders' mean", band, "CONTESTED", "6 of 8 have scored · 1 don't know", "▲"} {
			if !strings.Contains(view, w) {
				t.Errorf("%dx%d: the view lacks %q:\n%s", size.w, size.h, w, view)
			}
		}
		// Counts over the stacks: 1 at 1, 3 at 4, 2 at 5, in that order
		// on one line, and nothing at 2 and 3.
		if !lineWithFields(view, "1", "3", "2") {
			t.Errorf("%dx%d: no line of counts 1 3 2:\n%s", size.w, size.h, view)
		}
	}
}

// lineWithFields reports whether a line of s holds exactly these fields.
func lineWithFields(s string, fields ...string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.Join(strings.Fields(l), " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}

// In Verify the projector shows the outsiders' figure only: the
// insiders' (and everyone's) stay off the screen the outsiders score on.
func TestProjectorInVerifyShowsOnlyTheOutsiders(t *testing.T) {
	te, ins := projectorFixture(t, false)
	first := te.q.VerificationStatements()[0].ID
	te.change(func(c *workbook.Change) error {
		for _, p := range ins[:5] {
			if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: first, Score: 5}); err != nil {
				return err
			}
		}
		return nil
	})
	s := openDialogue(t, te, workbook.Outsider, 80, 21)
	s, _ = press(t, s, "P", "1", "2")
	view := ansi.Strip(s.View())
	if dots(view) != 0 || strings.Contains(view, "Insiders") || strings.Contains(view, "' mean") {
		t.Errorf("two outsiders beside five insiders: a figure is shown:\n%s", view)
	}
	s, _ = press(t, s, "1")
	view = ansi.Strip(s.View())
	if dots(view) != 3 || !strings.Contains(view, "Outsiders' mean") || strings.Contains(view, "Insiders") || !strings.Contains(view, "3 of 4 have scored") {
		t.Errorf("three outsiders: want their 3 dots and mean only:\n%s", view)
	}
}

// The last score of a statement moves the scoring on, as in the
// dialogue, but the room keeps the finished statement until ] (or the
// next score) shows the next.
func TestProjectorHoldsTheFinishedStatement(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	s := openDialogue(t, te, workbook.Insider, 80, 21)
	s, _ = press(t, s, "P", "1", "5", "4")
	d := s.(*dialogue)
	view := ansi.Strip(s.View())
	if d.cur != 1 || !strings.Contains(view, "Statement 1.1 · 1 of 41") || dots(view) != 3 || !strings.Contains(view, "Statement 1.2 is next") {
		t.Fatalf("after the last score: statement %d, view:\n%s", d.cur, view)
	}
	s, _ = press(t, s, "]")
	view = ansi.Strip(s.View())
	if d.cur != 1 || !strings.Contains(view, "Statement 1.2 · 2 of 41") || strings.Contains(view, "is next") {
		t.Errorf("] did not show the statement being scored (at %d):\n%s", d.cur, view)
	}
	// A score typed while the finished statement is held goes to the
	// next, which the room then sees.
	s, _ = press(t, s, "[", "3", "3", "3")
	s, _ = press(t, s, "2")
	view = ansi.Strip(s.View())
	if !strings.Contains(view, "Statement 1.2 · 2 of 41") || !strings.Contains(view, "1 of 3 has scored") {
		t.Errorf("the next statement's first score did not show it:\n%s", view)
	}
}

// A reversed statement's dots are on the flipped scale, as in every
// output: each point is labelled with the answer it stands for, and the
// view says so.
func TestProjectorReversedStatement(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 3)
	s := openDialogue(t, te, workbook.Insider, 120, 37)
	s, _ = press(t, s, "J")
	s = typeText(t, s, "4.5")
	s, _ = press(t, s, "enter", "P", "5", "5", "4")
	view := ansi.Strip(s.View())
	for _, w := range []string{"(reversed: agreeing is bad)", "Reversed statement: agreeing is bad", "Strongly agree"} {
		if !strings.Contains(view, w) {
			t.Errorf("the reversed statement lacks %q:\n%s", w, view)
		}
	}
	// The labels run from "Strongly agree" (a 5 typed, 1 flipped) to
	// "Strongly disagree"; the counts are 2 at 1 and 1 at 2.
	if i, j := strings.Index(view, "Strongly agree"), strings.Index(view, "Strongly disagree"); i < 0 || j < i {
		t.Errorf("the labels are not flipped:\n%s", view)
	}
	if !lineWithFields(view, "2", "1") {
		t.Errorf("no counts 2 and 1 on the flipped scale:\n%s", view)
	}
}

// The view fits every window from the smallest the workbook allows, in
// both languages, with and without the figures.
func TestProjectorFitsEveryWindow(t *testing.T) {
	for _, it := range []bool{false, true} {
		te, _ := projectorFixture(t, it)
		s := openDialogue(t, te, workbook.Insider, 80, 21)
		s, _ = press(t, s, "P", "5", "1", "5", "4", "4", "4", "2", "3")
		d := s.(*dialogue)
		for _, h := range []int{MinHeight - 3, 18, 21, 30, 42} {
			for w := MinWidth; w <= 170; w += 11 {
				d.SetSize(w, h)
				for _, shown := range []int{0, 1} {
					d.finished = shown - 1
					view := d.View()
					if n := strings.Count(view, "\n") + 1; n > h {
						t.Errorf("it=%v %dx%d: %d lines", it, w, h, n)
					}
					fitsWidth(t, fmt.Sprintf("it=%v %dx%d", it, w, h), view, w)
				}
			}
		}
	}
}

// The block letters draw every figure a number or a mean has, and refuse
// what they have no glyph for.
func TestBigText(t *testing.T) {
	for _, f := range []bigFont{fontSmall, fontLarge} {
		rows, ok := bigText("4.6 3,40-", f)
		if ok {
			t.Errorf("a space has a glyph: %q", rows)
		}
		rows, ok = bigText("0123456789.,-", f)
		if !ok || len(rows) != map[bigFont]int{fontSmall: 3, fontLarge: 5}[f] {
			t.Fatalf("font %d: %d rows, %v", f, len(rows), ok)
		}
		for _, r := range rows[1:] {
			if ansi.StringWidth(r) != ansi.StringWidth(rows[0]) {
				t.Errorf("font %d: rows of different widths: %q", f, rows)
			}
		}
	}
	if _, ok := bigText("4.6", fontNone); ok {
		t.Error("fontNone drew block letters")
	}
}

// The projector view stays on for the session: esc back to the site and
// into Verify, or a restart, opens the dialogue in it, never with the
// names on show, until P turns it off.
func TestProjectorStaysOnUntilTurnedOff(t *testing.T) {
	te, _ := projectorFixture(t, false)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "P", "4", "esc", "4")
	if d, ok := m.top().(*dialogue); !ok || d.group != workbook.Outsider || !projecting(d) {
		t.Fatalf("Verify opened from the projector view at %T, not in it:\n%s", m.top(), screenText(m))
	}
	noOneIn(t, "verify", screenText(m))
	if !strings.HasPrefix(m.status, "Projector view") {
		t.Errorf("Verify opened in the projector view without saying so: %q", m.status)
	}
	pressRoot(t, m, "esc", "q")
	m2 := newRoot(t, te, 80, 24)
	pressRoot(t, m2, "3")
	if !projecting(m2.top()) {
		t.Fatalf("reopened at %T, not in the projector view", m2.top())
	}
	noOneIn(t, "reopened", screenText(m2))
	pressRoot(t, m2, "P", "esc", "3")
	if projecting(m2.top()) {
		t.Error("the dialogue opened in the projector view after P turned it off")
	}
}

// The projector view at 80x24 and 160x45, in English (the workbook, the
// insiders) and Italian (Verify, the outsiders), with a group too small
// for figures: whole frames.
func TestProjectorGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 45}} {
		for _, it := range []bool{false, true} {
			te, _ := projectorFixture(t, it)
			step, scores, prefix := "3", []string{"4", "2", "5", "d", "4", "1", "4"}, ""
			m := newRoot(t, te, size.w, size.h)
			if it {
				step, scores, prefix = "4", []string{"2", "1", "2"}, "it_"
				m = newItalianRoot(t, te, size.w, size.h)
			}
			shot := func(name string) {
				t.Helper()
				name = fmt.Sprintf("%s%s_%dx%d", prefix, name, size.w, size.h)
				frame := screenText(m)
				fitsWidth(t, name, frame, size.w)
				noOneIn(t, name, frame)
				golden(t, name, frame)
			}
			pressRoot(t, m, "enter", step, "P", scores[0])
			shot("projector_few")
			pressRoot(t, m, scores[1:]...)
			shot("projector")
		}
	}
}

// The projector view through the Bubble Tea runtime: P, scores typed in
// the room, P back to the names.
func TestProjectorFlow(t *testing.T) {
	svc, q := newEmptyStore(t)
	if err := svc.Change(func(c *workbook.Change) error {
		site, a, err := c.CreateSite(workbook.SiteInput{Name: "Eastbrook pilot", Organisation: "Eastbrook City Council", Area: "East"}, q)
		if err != nil {
			return err
		}
		for _, n := range projectorInsiders[:4] {
			if _, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: workbook.Insider, Role: workbook.RoleSenior, Name: n}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	fl := startFlow(t, svc, q, 80, 24)
	fl.see("Eastbrook pilot")
	fl.press("enter")
	fl.see("Eastbrook City Council · East")
	fl.press("3")
	fl.see("› Zebedee Quartermaine")
	fl.press("P")
	fl.see("3 Workbook dialogue (projector)", "0 of 4 have scored", "Projector view: no names")
	fl.typ("45")
	fl.see("2 of 4 have scored", "Fewer than 3 have scored", "all saved ✓")
	fl.typ("5")
	fl.see("3 of 4 have scored", "Insiders' mean", "GOOD AREA", "Saved: an answer to statement 1.1")
	fl.f.mu.Lock()
	frame := fl.f.frame
	fl.f.mu.Unlock()
	noOneIn(t, "flow", frame)
	fl.press("P")
	fl.see("› Persephone Ashdown", "Facilitator's view: the names are on screen again")
	fl.quit()
}
