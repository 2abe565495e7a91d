package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func openSelect(t *testing.T, te *testEnv, w, h int) *selectScreen {
	t.Helper()
	s := newSelectScreen(te.env, te.site.ID, te.a.ID)
	s.SetSize(w, h)
	s, _ = run(t, s, s.Init())
	return s.(*selectScreen)
}

// stored returns the stored partnership titled title.
func stored(te *testEnv, title string) workbook.Partnership {
	te.t.Helper()
	for _, p := range te.load().Partnerships {
		if p.Title == title {
			return p
		}
	}
	te.t.Fatalf("no partnership %q", title)
	return workbook.Partnership{}
}

// markAll marks every criterion of the partnership titled title.
func markAll(te *testEnv, title string, m workbook.Mark) {
	te.t.Helper()
	p := stored(te, title)
	te.change(func(c *workbook.Change) error {
		for _, cr := range te.q.Criteria {
			if _, err := c.SetCriterion(te.site.ID, p.ID, cr.ID, workbook.CriterionMark{Mark: m}); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestSelectMarksAndNotesPersist(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openSelect(t, te, 80, 21)
	first := s.all[s.rows[0]].Title // Allotments association
	cs := te.q.Criteria
	// y and n mark and move right; space cycles in place.
	sc, _ := press(t, s, "y", "n", "space")
	s = sc.(*selectScreen)
	if s.col != 2 || s.cursor != 0 {
		t.Fatalf("cursor at row %d column %d, want row 1 C3", s.cursor+1, s.col+1)
	}
	sc, _ = press(t, s, "c")
	if !sc.Typing() {
		t.Fatal("the note does not hold the keyboard")
	}
	sc = typeText(t, sc, "Residents sit on the committee; q and y are text here")
	sc, _ = press(t, sc, "enter")
	p := stored(te, first)
	want := map[string]workbook.CriterionMark{
		cs[0].ID: {Mark: workbook.Met},
		cs[1].ID: {Mark: workbook.NotMet},
		cs[2].ID: {Mark: workbook.Met, Note: "Residents sit on the committee; q and y are text here"},
	}
	if fmt.Sprint(p.Criteria) != fmt.Sprint(want) {
		t.Errorf("stored %v\nwant   %v", p.Criteria, want)
	}
	// u records "unknown" (considered, nobody knows), keeping the note,
	// and moves on; m marks too.
	sc, _ = press(t, sc, "u", "m")
	p = stored(te, first)
	if got := p.Criteria[cs[2].ID]; got != (workbook.CriterionMark{Mark: workbook.Unknown, Note: want[cs[2].ID].Note}) {
		t.Errorf("after u: %+v", got)
	}
	if got := p.Criteria[cs[3].ID]; got.Mark != workbook.Met {
		t.Errorf("after m on C4: %+v", got)
	}
	// Unknown and not marked look different in the matrix.
	if row := matrixRow(sc.View(), first); !strings.Contains(row, "✓   ✗   ? ✎ ✓   ·") {
		t.Errorf("row of %s: %q, want ✓ ✗ ? ✓ · (unknown apart from not marked)", first, row)
	}
	// x clears C3 back to not marked, in place, keeping the note.
	s = sc.(*selectScreen)
	s.col = 2
	sc, _ = press(t, s, "x")
	if got := stored(te, first).Criteria[cs[2].ID]; got != (workbook.CriterionMark{Note: want[cs[2].ID].Note}) {
		t.Errorf("after x: %+v", got)
	}
	if s := sc.(*selectScreen); s.col != 2 {
		t.Errorf("x moved the cursor to C%d", s.col+1)
	}
	// space cycles not marked → met → not met → unknown → not marked.
	for _, wantMark := range []workbook.Mark{workbook.Met, workbook.NotMet, workbook.Unknown, workbook.NotMarked} {
		sc, _ = press(t, sc, "space")
		if got := stored(te, first).Criteria[cs[2].ID].Mark; got != wantMark {
			t.Errorf("space: %q, want %q", got, wantMark)
		}
	}
	sc, _ = press(t, sc, "right") // back on C4, as before
	view := ansi.Strip(sc.View())
	if !strings.Contains(view, "all saved ✓") {
		t.Errorf("not shown as saved:\n%s", view)
	}
	// The last criterion moves on to the next partnership.
	s = sc.(*selectScreen)
	s.col = len(cs) - 1
	sc, _ = press(t, s, "n")
	if s := sc.(*selectScreen); s.cursor != 1 || s.col != 0 {
		t.Errorf("after the last criterion: row %d column %d", s.cursor+1, s.col+1)
	}
	// Reopened, the screen shows what the store holds.
	s = openSelect(t, te, 80, 21)
	if m, _ := s.mark(s.all[s.rows[0]], cs[0].ID); m.Mark != workbook.Met {
		t.Errorf("reopened: C1 %+v", m)
	}
}

func TestSelectShowsPendingUntilSaved(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openSelect(t, te, 80, 21)
	sc, _ := s.Update(keyMsg("y"))
	s = sc.(*selectScreen)
	if !s.env.saves.busy() || !strings.Contains(ansi.Strip(s.View()), "saving…") {
		t.Error("a mark not yet committed is not shown as saving")
	}
	if m, pending := s.mark(s.all[s.rows[0]], te.q.Criteria[0].ID); !pending || m.Mark != workbook.Met {
		t.Errorf("cell shows %+v pending %v", m, pending)
	}
	if p := te.load().Partnerships[0]; len(p.Criteria) != 0 {
		t.Errorf("stored before the save ran: %v", p.Criteria)
	}
}

func TestSelectOnlyThoseMeetingAll(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	markAll(te, "Carers' network", workbook.Met)
	markAll(te, "Youth forum", workbook.Met)
	markAll(te, "Race equality forum", workbook.NotMet)
	s := openSelect(t, te, 120, 37)
	sc, log := press(t, s, "f")
	s = sc.(*selectScreen)
	var got []string
	for _, i := range s.rows {
		got = append(got, s.all[i].Title)
	}
	if !slices.Equal(got, []string{"Carers' network", "Youth forum"}) {
		t.Errorf("meeting all: %v", got)
	}
	if !hasStatus(log, "only the 2 partnerships meeting every criterion") {
		t.Errorf("status %v", log)
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Showing 2 of 12 · 2 meet every criterion") {
		t.Errorf("view:\n%s", view)
	}
	// Unmarking one drops it from the filtered list once saved.
	sc, _ = press(t, s, "down", "u")
	s = sc.(*selectScreen)
	if len(s.rows) != 1 || s.all[s.rows[0]].Title != "Carers' network" {
		t.Errorf("after unmarking the youth forum: %d rows", len(s.rows))
	}
	sc, _ = press(t, s, "f")
	if n := len(sc.(*selectScreen).rows); n != 12 {
		t.Errorf("f again shows %d", n)
	}
}

func TestSelectSuggestsOngoing(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	ci := slices.IndexFunc(te.q.Criteria, func(c questionnaire.Criterion) bool { return c.CutoffYear > 0 })
	if ci < 0 {
		t.Fatal("the default workbook has no criterion with a cut-off year")
	}
	ongoing := te.q.Criteria[ci]
	s := openSelect(t, te, 120, 37)
	// Allotments association: not ongoing, started 1995, before the
	// cut-off: the suggestion is "not met", shown but not recorded.
	s.col = ci
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "not marked (suggested: not met") || !strings.Contains(view, "✗?") {
		t.Errorf("no suggestion shown:\n%s", view)
	}
	if len(stored(te, "Allotments association").Criteria) != 0 {
		t.Fatal("a suggestion was recorded before it was accepted")
	}
	sc, _ := press(t, s, "o")
	if got := stored(te, "Allotments association").Criteria[ongoing.ID].Mark; got != workbook.NotMet {
		t.Errorf("o recorded %q", got)
	}
	// O accepts every suggestion left; Health inequalities group (start
	// unknown, not ongoing) has none and stays unmarked.
	sc, _ = press(t, sc, "O")
	for _, c := range []struct {
		title string
		want  workbook.Mark
	}{
		{"Youth forum", workbook.Met},
		{"Library friends network", workbook.NotMet},
		{"Neighbourhood management pilot", workbook.NotMarked},
		{"Health inequalities group", workbook.NotMarked},
	} {
		if got := stored(te, c.title).Criteria[ongoing.ID].Mark; got != c.want {
			t.Errorf("%s: %q, want %q", c.title, got, c.want)
		}
	}
	_, log := press(t, sc, "O")
	if !hasStatus(log, "No suggestions left") {
		t.Errorf("second O: %v", log)
	}
}

func TestSelectChooseWithReason(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	markAll(te, "Carers' network", workbook.Met)
	s := openSelect(t, te, 80, 21)
	if view := ansi.Strip(s.View()); !strings.Contains(view, "No partnership selected yet") {
		t.Errorf("before choosing:\n%s", view)
	}
	sc, log := press(t, s, "down", "S")
	f := openedBy(t, log)
	if intro := f.(*form).intro; !strings.HasPrefix(intro, "Meets 7 of 7 criteria.") {
		t.Errorf("form intro: %q", intro)
	}
	fillForm(t, log, "Meets every criterion; the carers asked to take part", "<ctrl+s>")
	a := te.load().Assessment
	if a.PartnershipID != stored(te, "Carers' network").ID || a.SelectionReason != "Meets every criterion; the carers asked to take part" {
		t.Fatalf("assessment %+v", a)
	}
	sc, _ = run(t, sc, func() tea.Msg { return reloadMsg{} })
	view := ansi.Strip(sc.View())
	if !strings.Contains(view, "★ Selected: Carers' network · why: Meets every criterion") || !strings.Contains(view, "›★Carers' network") {
		t.Errorf("after choosing:\n%s", view)
	}
	// Choosing again starts from the recorded reason.
	_, log = press(t, sc, "S")
	f = openedBy(t, log)
	f.SetSize(80, 21)
	f, _ = run(t, f, f.Init())
	if got := f.(*form).fields[0].value(); got != a.SelectionReason {
		t.Errorf("the reason field holds %q", got)
	}
}

func TestSelectFiltersByText(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openSelect(t, te, 80, 21)
	sc, _ := press(t, s, "/")
	sc = typeText(t, sc, "FORUM")
	if n := len(sc.(*selectScreen).rows); n != 3 {
		t.Errorf("forum: %d rows", n)
	}
	sc, _ = press(t, sc, "esc")
	if n := len(sc.(*selectScreen).rows); n != 12 || sc.Typing() {
		t.Errorf("esc: %d rows, typing %v", n, sc.Typing())
	}
}

func TestSelectFitsTheWindow(t *testing.T) {
	te := newTestEnv(t)
	addManyPartnerships(te, 60)
	for _, size := range [][2]int{{60, 13}, {80, 21}, {100, 30}, {120, 37}, {200, 60}} {
		s := openSelect(t, te, size[0], size[1])
		for _, keys := range [][]string{nil, {"c"}, {"/"}, {"end", "right", "right"}} {
			sc, _ := press(t, s, keys...)
			fits(t, fmt.Sprintf("select %v", keys), sc.View(), size[0], size[1])
			sc, _ = press(t, sc, "esc")
			s = sc.(*selectScreen)
		}
	}
}

func TestSelectQuitAndReopen(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "2", "c", "q")
	if m.quitting {
		t.Fatal("q in a note quit")
	}
	pressRoot(t, m, "esc", "q")
	if !m.quitting {
		t.Fatal("q did not quit")
	}
	m2 := newRoot(t, te, 80, 24)
	if _, ok := m2.top().(*selectScreen); !ok {
		t.Fatalf("reopened at %T, want Select", m2.top())
	}
}

func TestSelectGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		te := newTestEnv(t)
		mapFixture(te)
		markAll(te, "Carers' network", workbook.Met)
		markAll(te, "Race equality forum", workbook.NotMet)
		p := stored(te, "Carers' network")
		te.change(func(c *workbook.Change) error {
			if _, err := c.SetCriterion(te.site.ID, p.ID, te.q.Criteria[3].ID, workbook.CriterionMark{Mark: workbook.Met, Note: "two residents on the board"}); err != nil {
				return err
			}
			_, err := c.SelectPartnership(te.site.ID, te.a.ID, p.ID, "Meets every criterion and the carers asked to take part")
			return err
		})
		s := openSelect(t, te, size.w, size.h)
		sc, _ := press(t, s, "y", "n", "right", "down", "down")
		golden(t, fmt.Sprintf("select_%dx%d", size.w, size.h+3), sc.View())
	}
}

// A mark that cannot be saved (the partnership was deleted meanwhile) is
// not left showing as if it were: the screen reads the store again.
func TestSelectFailedSaveShowsTheStore(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openSelect(t, te, 80, 21)
	gone := s.all[s.rows[0]]
	te.change(func(c *workbook.Change) error { return c.DeletePartnership(te.site.ID, gone.ID) })
	sc, _ := press(t, s, "y")
	s = sc.(*selectScreen)
	if len(s.pending) != 0 || s.env.saves.busy() {
		t.Errorf("after a failed save: pending %v busy %v", s.pending, s.env.saves.busy())
	}
	if len(s.all) != 11 || s.all[s.rows[0]].ID == gone.ID {
		t.Errorf("the screen still shows the deleted partnership")
	}
}

func TestMapAndSelectKeysAreListed(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	descs := func(s Screen) string {
		var out []string
		for _, b := range s.Keys() {
			out = append(out, b.Help().Key+" "+b.Help().Desc)
		}
		return strings.Join(out, " | ")
	}
	m := openMap(t, te, 80, 21)
	for _, want := range []string{"a add", "e edit", "D delete", "s sort", "r reverse order", "/ filter by text", "d filter by directorate", "L filter by area", "c filter by community type"} {
		if !strings.Contains(descs(m), want) {
			t.Errorf("Map keys lack %q: %s", want, descs(m))
		}
	}
	s := openSelect(t, te, 80, 21)
	for _, want := range []string{"y/m met", "n not met", "u unknown", "space cycle mark", "c note on the cell", "S select for the assessment", "f only those meeting all", "/ filter by title", "o accept suggestion", "O accept all suggestions"} {
		if !strings.Contains(descs(s), want) {
			t.Errorf("Select keys lack %q: %s", want, descs(s))
		}
	}
	// Any size the root may pass while resizing is drawn without a panic.
	for _, sz := range [][2]int{{1, 1}, {20, 2}, {59, 12}} {
		m.SetSize(sz[0], sz[1])
		s.SetSize(sz[0], sz[1])
		_, _ = m.View(), s.View()
	}
}

// matrixRow returns the line of the Select matrix that shows title,
// without styles.
func matrixRow(view, title string) string {
	for _, line := range strings.Split(ansi.Strip(view), "\n") {
		if strings.Contains(line, title) {
			return line
		}
	}
	return ""
}

// Once answers were given about the selected partnership, choosing another
// asks first, naming how many; the change is noted in the assessment's log.
func TestSelectAnotherAfterAnswersAsksFirst(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	carers := stored(te, "Carers' network")
	people := te.addPeople(workbook.Insider, 2)
	st := te.load().Questionnaire.Statements()[0].ID
	te.change(func(c *workbook.Change) error {
		if _, err := c.SelectPartnership(te.site.ID, te.a.ID, carers.ID, "first choice"); err != nil {
			return err
		}
		for _, p := range people {
			if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: st, Score: 4}); err != nil {
				return err
			}
		}
		return nil
	})
	var sc Screen = openSelect(t, te, 100, 30)
	for range 20 {
		if p, _ := sc.(*selectScreen).current(); p.Title == "Youth forum" {
			break
		}
		sc, _ = press(t, sc, "down")
	}
	sc, log := press(t, sc, "S")
	if slices.ContainsFunc(log, func(m tea.Msg) bool { _, ok := m.(pushMsg); return ok }) {
		t.Fatal("the form opened without asking")
	}
	view := ansi.Strip(sc.View())
	if !strings.Contains(strings.Join(strings.Fields(view), " "), `2 answers were given about "Carers' network". Select "Youth forum" instead?`) {
		t.Fatalf("no confirmation naming the answers:\n%s", view)
	}
	sc, log = press(t, sc, "n")
	if !hasStatus(log, `Kept: "Carers' network" stays selected`) {
		t.Errorf("n: %v", log)
	}
	sc, log = press(t, sc, "S", "y")
	fillForm(t, log, "the forum asked to take part", "<ctrl+s>")
	a := te.load().Assessment
	if a.PartnershipID != stored(te, "Youth forum").ID {
		t.Fatalf("selected %q", a.PartnershipID)
	}
	if n := len(a.Log); n != 1 || a.Log[0].Kind != workbook.EventPartnershipChanged || a.Log[0].Answers != 2 ||
		a.Log[0].Partnership != "Carers' network" || a.Log[0].To != "Youth forum" {
		t.Errorf("log %+v", a.Log)
	}
	// Choosing the one selected again asks nothing.
	sc, _ = run(t, sc, func() tea.Msg { return reloadMsg{} })
	_, log = press(t, sc, "S")
	openedBy(t, log)
}
