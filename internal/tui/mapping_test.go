package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// mapFixture maps twelve partnerships of the test site: across the
// directorates, two unassigned, in three areas and both kinds of
// community.
func mapFixture(te *testEnv) []workbook.Partnership {
	te.t.Helper()
	dirs := te.site.Directorates
	rows := []struct {
		title, dir, area string
		comm             workbook.CommunityType
		sectors          []workbook.Sector
		start            int
		ongoing          bool
	}{
		{"Youth forum", dirs[1].ID, "East", workbook.CommunityOfInterest, []workbook.Sector{workbook.SectorCouncil, workbook.SectorSchools}, 2003, true},
		{"Older people's partnership board", dirs[0].ID, "North", workbook.CommunityOfInterest, []workbook.Sector{workbook.SectorCouncil, workbook.SectorHealth, workbook.SectorVoluntary}, 1999, true},
		{"Tenants' and residents' federation", dirs[4].ID, "East", workbook.CommunityGeographical, []workbook.Sector{workbook.SectorCouncil, workbook.SectorResidents}, 1996, true},
		{"Health inequalities group", dirs[0].ID, "", workbook.CommunityUnknown, []workbook.Sector{workbook.SectorHealth}, 0, false},
		{"Library friends network", dirs[3].ID, "South", workbook.CommunityOfInterest, []workbook.Sector{workbook.SectorVoluntary, workbook.SectorResidents}, 2001, false},
		{"Regeneration board (NDC)", dirs[3].ID, "East", workbook.CommunityGeographical, []workbook.Sector{workbook.SectorCouncil, workbook.SectorBusiness, workbook.SectorResidents}, 2000, true},
		{"Community safety partnership", "", "North", workbook.CommunityGeographical, []workbook.Sector{workbook.SectorCouncil, workbook.SectorPolice}, 1998, true},
		{"Schools and families forum", dirs[1].ID, "South", workbook.CommunityOfInterest, []workbook.Sector{workbook.SectorSchools}, 2004, true},
		{"Carers' network", dirs[0].ID, "North", workbook.CommunityOfInterest, []workbook.Sector{workbook.SectorHealth, workbook.SectorVoluntary}, 2002, true},
		{"Allotments association", dirs[4].ID, "South", workbook.CommunityGeographical, nil, 1995, false},
		{"Neighbourhood management pilot", "", "East", workbook.CommunityGeographical, []workbook.Sector{workbook.SectorCouncil, workbook.SectorPolice, workbook.SectorResidents}, 2002, false},
		{"Race equality forum", dirs[5].ID, "", workbook.CommunityOfInterest, []workbook.Sector{workbook.SectorVoluntary}, 1997, true},
	}
	var out []workbook.Partnership
	te.change(func(c *workbook.Change) error {
		for _, r := range rows {
			p, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: r.title, Directorate: r.dir, Area: r.area,
				Community: r.comm, Partners: r.sectors, StartYear: r.start, Ongoing: r.ongoing})
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out
}

func openMap(t *testing.T, te *testEnv, w, h int) *mapScreen {
	t.Helper()
	s := newMapScreen(te.env, te.site.ID)
	s.SetSize(w, h)
	s, _ = run(t, s, s.Init())
	return s.(*mapScreen)
}

// openedBy returns the screen a log says was opened.
func openedBy(t *testing.T, log []tea.Msg) Screen {
	t.Helper()
	for _, m := range log {
		if p, ok := m.(pushMsg); ok {
			return p.screen
		}
	}
	t.Fatalf("no screen was opened: %v", log)
	return nil
}

func closes(log []tea.Msg) bool {
	return slices.ContainsFunc(log, func(m tea.Msg) bool { _, ok := m.(popMsg); return ok })
}

// fillForm opens the form a key pushed, and runs each step: a key name in
// angle brackets ("<tab>") is pressed, anything else is typed.
func fillForm(t *testing.T, log []tea.Msg, steps ...string) []tea.Msg {
	t.Helper()
	f := openedBy(t, log)
	f.SetSize(80, 21)
	f, _ = run(t, f, f.Init())
	var all []tea.Msg
	for _, s := range steps {
		if k, ok := strings.CutPrefix(s, "<"); ok {
			var out []tea.Msg
			f, out = press(t, f, strings.TrimSuffix(k, ">"))
			all = append(all, out...)
			continue
		}
		f = typeText(t, f, s)
	}
	if !closes(all) {
		t.Fatalf("the form did not close:\n%s", ansi.Strip(f.View()))
	}
	return all
}

func storedPartnerships(te *testEnv) []workbook.Partnership {
	te.t.Helper()
	return te.load().Partnerships
}

func TestMapAddEditDelete(t *testing.T) {
	te := newTestEnv(t)
	s := openMap(t, te, 80, 21)
	if !strings.Contains(ansi.Strip(s.View()), "No partnerships mapped yet") {
		t.Fatalf("empty map:\n%s", ansi.Strip(s.View()))
	}
	// Add: title, the first directorate, area, geographical, sectors as
	// words and letters, start year, ongoing, notes.
	_, log := press(t, s, "a")
	fillForm(t, log, "Youth forum", "<tab>", "<right>", "<tab>", "East", "<tab>", "<right>", "<tab>",
		"council, H v", "<tab>", "2004", "<tab>", "<right>", "<tab>", "Meets monthly", "<enter>")
	ps := storedPartnerships(te)
	if len(ps) != 1 {
		t.Fatalf("%d partnerships stored, want 1", len(ps))
	}
	p := ps[0]
	want := workbook.Partnership{ID: p.ID, SiteID: te.site.ID, Title: "Youth forum", Directorate: te.site.Directorates[0].ID, Area: "East",
		Community: workbook.CommunityGeographical, Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorHealth, workbook.SectorVoluntary},
		StartYear: 2004, Ongoing: true, Notes: "Meets monthly", Updated: p.Updated}
	if fmt.Sprint(p) != fmt.Sprint(want) {
		t.Errorf("stored %+v\nwant   %+v", p, want)
	}
	// The form closes; the root then tells the map to read again.
	sc, _ := run(t, s, func() tea.Msg { return reloadMsg{} })
	s = sc.(*mapScreen)
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Youth forum") || !strings.Contains(view, "CH··V··") {
		t.Fatalf("the new partnership is not shown:\n%s", view)
	}

	// Edit keeps the criteria marks recorded in step 2.
	crit := te.q.Criteria[0].ID
	te.change(func(c *workbook.Change) error {
		_, err := c.SetCriterion(te.site.ID, p.ID, crit, workbook.CriterionMark{Mark: workbook.Met, Note: "agreed"})
		return err
	})
	_, log = press(t, s, "e")
	fillForm(t, log, " (under 25s)", "<tab>", "<left>", "<ctrl+s>")
	p = storedPartnerships(te)[0]
	if p.Title != "Youth forum (under 25s)" || p.Directorate != "" || p.Criteria[crit].Mark != workbook.Met || p.Criteria[crit].Note != "agreed" {
		t.Errorf("after editing: %+v", p)
	}

	// Delete asks first: any key but y keeps it.
	sc, _ = run(t, s, func() tea.Msg { return reloadMsg{} })
	sc, log = press(t, sc, "D")
	if view := ansi.Strip(sc.View()); !strings.Contains(view, `Delete "Youth forum (under 25s)"?`) {
		t.Errorf("no question before deleting:\n%s", view)
	}
	sc, log = press(t, sc, "n")
	if !hasStatus(log, "Kept") || len(storedPartnerships(te)) != 1 {
		t.Fatalf("n did not keep the partnership: %v", log)
	}
	sc, _ = press(t, sc, "D", "y")
	if n := len(storedPartnerships(te)); n != 0 {
		t.Fatalf("%d partnerships after deleting", n)
	}
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "No partnerships mapped yet") {
		t.Errorf("after deleting the last one:\n%s", view)
	}
}

func TestMapFormShowsProblemsNextToFields(t *testing.T) {
	te := newTestEnv(t)
	s := openMap(t, te, 80, 21)
	_, log := press(t, s, "a")
	f := openedBy(t, log)
	f.SetSize(80, 21)
	f, _ = run(t, f, f.Init())
	// No title, a sector that does not exist, a start year that is no year.
	f, _ = press(t, f, "tab", "tab", "tab", "tab")
	f = typeText(t, f, "council, pubs")
	f, _ = press(t, f, "tab")
	f = typeText(t, f, "19x9")
	f, log = press(t, f, "ctrl+s")
	if closes(log) {
		t.Fatal("a form with problems closed")
	}
	view := ansi.Strip(f.View())
	for _, want := range []string{"Title  ✗ is required", `✗ "pubs" is not a known sector`, "✗ must be a year such as 2004"} {
		if !strings.Contains(view, want) {
			t.Errorf("form lacks %q:\n%s", want, view)
		}
	}
	if n := len(storedPartnerships(te)); n != 0 {
		t.Errorf("%d partnerships stored from a refused form", n)
	}
}

func TestMapCountsByDirectorateAreLive(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openMap(t, te, 120, 37)
	count := func(id string) int {
		for _, c := range s.counts {
			if c.ID == id {
				return c.Count
			}
		}
		return -1
	}
	if count("") != 2 || count(te.site.Directorates[0].ID) != 3 || s.total != 12 {
		t.Fatalf("counts %+v total %d", s.counts, s.total)
	}
	view := squash(s.View())
	for _, want := range []string{"By directorate all", "Social care and health 3 ", "unassigned 2 ", "total 12 "} {
		if !strings.Contains(view, want) {
			t.Errorf("panel lacks %q:\n%s", want, view)
		}
	}
	// Assign an unassigned partnership through the form: the counts follow.
	s.filters[filterDirectorate] = filter{on: true, value: "", label: "unassigned"}
	s.refresh("")
	_, log := press(t, s, "e")
	fillForm(t, log, "<tab>", "<right>", "<ctrl+s>")
	sc, _ := run(t, s, func() tea.Msg { return reloadMsg{} })
	s = sc.(*mapScreen)
	if count("") != 1 || count(te.site.Directorates[0].ID) != 4 || s.total != 12 {
		t.Errorf("after assigning: counts %+v", s.counts)
	}
	// A directorate the site no longer lists is counted under its id, not
	// hidden; at 80 columns the counts sit below the table.
	te.change(func(c *workbook.Change) error { return c.SetDirectorates(te.site.ID, te.site.Directorates[1:]) })
	s = openMap(t, te, 80, 21)
	view = squash(s.View())
	for _, want := range []string{"By directorate", "social-care-health (not listed) 4", "unassigned 1", "total 12"} {
		if !strings.Contains(view, want) {
			t.Errorf("80 columns: counts lack %q:\n%s", want, view)
		}
	}
}

// squash is a view without styles, its runs of spaces made one.
func squash(view string) string { return strings.Join(strings.Fields(ansi.Strip(view)), " ") }

func titles(s *mapScreen) []string {
	var out []string
	for _, i := range s.rows {
		out = append(out, s.all[i].Title)
	}
	return out
}

func TestMapSortsAndFilters(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openMap(t, te, 120, 37)
	if got := titles(s)[:3]; !slices.Equal(got, []string{"Allotments association", "Carers' network", "Community safety partnership"}) {
		t.Errorf("by title: %v", got)
	}
	// s cycles the column: directorate, area, community, start year.
	sc, log := press(t, s, "s", "s", "s", "s")
	s = sc.(*mapScreen)
	if !hasStatus(log, "Sorted by start year") {
		t.Errorf("status log %v", log)
	}
	if got := titles(s); got[0] != "Allotments association" || got[len(got)-1] != "Health inequalities group" {
		t.Errorf("by start year (unknown last): %v", got)
	}
	sc, _ = press(t, s, "r")
	s = sc.(*mapScreen)
	if got := titles(s); got[0] != "Schools and families forum" {
		t.Errorf("by start year, reversed: %v", got)
	}
	sc, _ = press(t, s, "s", "s", "r") // ongoing, then title again
	s = sc.(*mapScreen)
	if s.sortBy != sortTitle || s.reverse {
		t.Errorf("sort %v reverse %v", s.sortBy, s.reverse)
	}

	// Text: matches titles, areas, directorates and notes, as typed.
	sc, _ = press(t, s, "/")
	if !sc.Typing() {
		t.Fatal("the text filter does not hold the keyboard")
	}
	sc = typeText(t, sc, "forum")
	s = sc.(*mapScreen)
	if got := titles(s); !slices.Equal(got, []string{"Race equality forum", "Schools and families forum", "Youth forum"}) {
		t.Errorf("text forum: %v", got)
	}
	sc, _ = press(t, s, "enter")
	if sc.Typing() {
		t.Error("enter did not leave the filter")
	}
	// Directorate chooser: all, then the site's directorates in order.
	sc, _ = press(t, sc, "x", "d", "down", "down", "enter")
	s = sc.(*mapScreen)
	if got := titles(s); !slices.Equal(got, []string{"Schools and families forum", "Youth forum"}) {
		t.Errorf("education: %v", got)
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "directorate: Education and lifelong learning") || !strings.Contains(view, "Showing 2 of 12") {
		t.Errorf("filter line:\n%s", view)
	}
	// Unassigned is the last row of the chooser.
	sc, _ = press(t, s, "d", "end", "enter")
	s = sc.(*mapScreen)
	if got := titles(s); !slices.Equal(got, []string{"Community safety partnership", "Neighbourhood management pilot"}) {
		t.Errorf("unassigned: %v", got)
	}
	// Area and community combine with it: areas are sorted, then "no area".
	sc, _ = press(t, s, "L", "down", "enter") // East
	s = sc.(*mapScreen)
	if got := titles(s); !slices.Equal(got, []string{"Neighbourhood management pilot"}) {
		t.Errorf("unassigned in East: %v", got)
	}
	sc, _ = press(t, s, "x", "c", "down", "down", "enter") // of interest
	s = sc.(*mapScreen)
	if len(s.rows) != 6 || s.filters[filterCommunity].value != string(workbook.CommunityOfInterest) {
		t.Errorf("of interest: %v", titles(s))
	}
	sc, _ = press(t, s, "L", "end", "enter") // no area given
	s = sc.(*mapScreen)
	if got := titles(s); !slices.Equal(got, []string{"Race equality forum"}) {
		t.Errorf("of interest without an area: %v", got)
	}
	// esc leaves the chooser without changing anything.
	sc, _ = press(t, s, "d", "down", "esc")
	s = sc.(*mapScreen)
	if s.mode != mapBrowse || s.filters[filterDirectorate].on || len(s.rows) != 1 {
		t.Errorf("esc in the chooser: mode %v filters %+v", s.mode, s.filters)
	}
	sc, _ = press(t, s, "x")
	if got := len(sc.(*mapScreen).rows); got != 12 {
		t.Errorf("x leaves %d rows", got)
	}
}

func TestMapScrollsLongLists(t *testing.T) {
	te := newTestEnv(t)
	addManyPartnerships(te, 100)
	s := openMap(t, te, 80, 21)
	sc, _ := press(t, s, "end")
	s = sc.(*mapScreen)
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Partnership 099") || !strings.Contains(view, "of 100") {
		t.Errorf("at the end:\n%s", view)
	}
	sc, _ = press(t, s, "pgup", "home")
	s = sc.(*mapScreen)
	if s.win.cursor != 0 || s.win.offset != 0 {
		t.Errorf("home: cursor %d offset %d", s.win.cursor, s.win.offset)
	}
}

func TestMapFitsTheWindow(t *testing.T) {
	te := newTestEnv(t)
	addManyPartnerships(te, 60)
	for _, size := range [][2]int{{60, 13}, {80, 21}, {100, 30}, {120, 37}, {200, 60}} {
		s := openMap(t, te, size[0], size[1])
		for _, keys := range [][]string{nil, {"D"}, {"d"}, {"/"}, {"end"}} {
			sc, _ := press(t, s, keys...)
			fits(t, fmt.Sprintf("map %v", keys), sc.View(), size[0], size[1])
			sc, _ = press(t, sc, "esc")
			s = sc.(*mapScreen)
		}
	}
}

// q is a letter while the text filter has the keyboard, and resuming
// returns to the Map.
func TestMapQuitAndReopen(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "1", "/", "q")
	if m.quitting {
		t.Fatal("q in the filter quit")
	}
	if s := m.top().(*mapScreen); s.find.text != "q" {
		t.Errorf("filter holds %q", s.find.text)
	}
	pressRoot(t, m, "enter", "q")
	if !m.quitting {
		t.Fatal("q did not quit")
	}
	m2 := newRoot(t, te, 80, 24)
	if _, ok := m2.top().(*mapScreen); !ok {
		t.Fatalf("reopened at %T, want the Map", m2.top())
	}
	if text := screenText(m2); !strings.Contains(text, "Partnerships of Eastbrook pilot") {
		t.Errorf("reopened:\n%s", text)
	}
	// The place stays the Map after a form closes over it.
	pressRoot(t, m2, "a", "esc")
	st := te.uiState()
	if st.Screen != "map" || st.SiteID != te.site.ID || st.AssessmentID != te.a.ID {
		t.Errorf("place after the form: %+v", st)
	}
}

func (te *testEnv) uiState() workbook.UIState {
	te.t.Helper()
	var st workbook.UIState
	if err := te.svc.Read(func(r *workbook.Reader) (err error) { st, err = r.UIState(); return err }); err != nil {
		te.t.Fatal(err)
	}
	return st
}

func TestMapGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		te := newTestEnv(t)
		ps := mapFixture(te)
		te.change(func(c *workbook.Change) error {
			_, err := c.SelectPartnership(te.site.ID, te.a.ID, ps[1].ID, "")
			return err
		})
		s := openMap(t, te, size.w, size.h)
		sc, _ := press(t, s, "down", "down", "c", "down", "down", "enter")
		golden(t, fmt.Sprintf("map_%dx%d", size.w, size.h+3), sc.View())
	}
}

// addManyPartnerships maps n synthetic partnerships in one transaction.
func addManyPartnerships(te *testEnv, n int) {
	te.t.Helper()
	dirs := te.site.Directorates
	areas := []string{"North", "South", "East", "West", "Central", ""}
	te.change(func(c *workbook.Change) error {
		for i := range n {
			dir := ""
			if i%9 != 0 {
				dir = dirs[i%len(dirs)].ID
			}
			p := workbook.Partnership{SiteID: te.site.ID, Title: fmt.Sprintf("Partnership %03d: neighbourhood forum", i),
				Directorate: dir, Area: areas[i%len(areas)], Community: workbook.CommunityTypes[i%2],
				Partners: workbook.Sectors[:1+i%len(workbook.Sectors)], StartYear: 1990 + i%30, Ongoing: i%3 != 0}
			if _, err := c.SavePartnership(p); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkMapView500 times drawing the Map with 500 partnerships at
// 120x40 (a body of 120x37).
func BenchmarkMapView500(b *testing.B) {
	te := newTestEnv(b)
	addManyPartnerships(te, 500)
	s := newMapScreen(te.env, te.site.ID).(*mapScreen)
	s.SetSize(120, 37)
	s.Update(s.load())
	if len(s.all) != 500 {
		b.Fatalf("%d partnerships", len(s.all))
	}
	s.win.set(250, len(s.rows), s.tableRoom())
	b.ResetTimer()
	for b.Loop() {
		_ = s.View()
	}
}

// "Ongoing" can be not known: the form offers it, the table shows "—",
// the detail line says so, and the Select screen suggests nothing for the
// ongoing criterion.
func TestMapOngoingNotKnown(t *testing.T) {
	te := newTestEnv(t)
	s := openMap(t, te, 80, 21)
	_, log := press(t, s, "a")
	fillForm(t, log, "Youth forum", "<tab>", "<tab>", "<tab>", "<tab>", "<tab>", "1995", "<tab>", "<right>", "<right>", "<enter>", "<enter>")
	ps := storedPartnerships(te)
	if len(ps) != 1 || !ps[0].OngoingUnknown || ps[0].Ongoing {
		t.Fatalf("stored %+v", ps)
	}
	sc, _ := run(t, s, func() tea.Msg { return reloadMsg{} })
	view := ansi.Strip(sc.View())
	if !strings.Contains(lineWith(t, view, "Youth forum"), "1995   —") || !strings.Contains(view, "started 1995, not known whether ong") {
		t.Errorf("not known is not shown so:\n%s", view)
	}
	// Edited, the form starts on "not known".
	_, log = press(t, sc, "e")
	fm := pushed(t, log, 80, 21)
	if v := fm.(*form).values()["ongoing"]; v != "unknown" {
		t.Errorf("the form starts on %q", v)
	}
}

// Deleting the selected partnership once answers were given about it
// names how many, wrapped whole at 80 columns; the assessment's log notes
// the deletion.
func TestMapDeleteSelectedAfterAnswersSaysHowMany(t *testing.T) {
	te := newTestEnv(t)
	youth := mapFixture(te)[0]
	people := te.addPeople(workbook.Outsider, 3)
	st := te.load().Questionnaire.VerificationStatements()[0].ID
	te.change(func(c *workbook.Change) error {
		if _, err := c.SelectPartnership(te.site.ID, te.a.ID, youth.ID, ""); err != nil {
			return err
		}
		for _, p := range people {
			if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: st, DontKnow: true}); err != nil {
				return err
			}
		}
		return nil
	})
	var sc Screen = openMap(t, te, 80, 24)
	for range 20 {
		if p, _ := sc.(*mapScreen).selected(); p.ID == youth.ID {
			break
		}
		sc, _ = press(t, sc, "down")
	}
	sc, _ = press(t, sc, "D")
	view := ansi.Strip(sc.View())
	if words := strings.Join(strings.Fields(view), " "); !strings.Contains(words, `Delete "Youth forum"? 3 answers were given about it in`) || !strings.Contains(words, "y deletes, any other key keeps it.") {
		t.Fatalf("the question does not name the answers, or is cut:\n%s", view)
	}
	if h := strings.Count(sc.View(), "\n") + 1; h > 24 {
		t.Errorf("the screen is %d lines high with the question, more than 24", h)
	}
	press(t, sc, "y")
	a := te.load().Assessment
	if a.PartnershipID != "" || len(a.Log) != 1 || a.Log[0].Kind != workbook.EventPartnershipDeleted || a.Log[0].Answers != 3 || a.Log[0].Partnership != "Youth forum" {
		t.Errorf("after deleting: partnership %q, log %+v", a.PartnershipID, a.Log)
	}
}
