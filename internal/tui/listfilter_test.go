package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// A row matches when its text holds every word typed, in any order, with
// case, accents and punctuation aside.
func TestListFilterMatches(t *testing.T) {
	tests := []struct {
		name, typed, text string
		want              bool
	}{
		{"nothing typed", "", "Youth forum", true},
		{"only spaces", "   ", "Youth forum", true},
		{"part of a word", "foru", "Youth forum", true},
		{"case", "YOUTH", "Youth forum", true},
		{"accents in the text", "cafe", "Café des Amis", true},
		{"accents typed", "citta", "Città di Valle", true},
		{"accents typed, none in the text", "équipe", "Equipe mobile", true},
		{"every word, any order", "forum youth", "Youth forum", true},
		{"one word missing", "youth council", "Youth forum", false},
		{"punctuation aside", "tenants residents", "Tenants' and residents' federation", true},
		{"apostrophes alike", "d’inizio", "Anno d'inizio", true},
		{"not there", "zebra", "Youth forum", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f listFilter
			f.set(tt.typed)
			if got := f.match(searchKey(tt.text)); got != tt.want {
				t.Errorf("%q in %q: %t, want %t", tt.typed, tt.text, got, tt.want)
			}
		})
	}
}

// sitesFixture adds three sites to the test one, "Eastbrook pilot".
func sitesFixture(te *testEnv) {
	te.t.Helper()
	te.change(func(c *workbook.Change) error {
		for _, in := range []workbook.SiteInput{
			{Name: "Northfield pilot", Organisation: "Northfield Borough Council", Area: "North"},
			{Name: "Città di Valle", Organisation: "Comune di Valle del Sole", Area: "Valle", Language: "it"},
			{Name: "Westbrook pilot", Organisation: "Westbrook Health Trust", Area: "West"},
		} {
			if _, _, err := c.CreateSite(in, te.q); err != nil {
				return err
			}
		}
		return nil
	})
}

func siteNames(te *testEnv) []string {
	te.t.Helper()
	var names []string
	if err := te.svc.Read(func(r *workbook.Reader) error {
		sums, err := r.Summaries()
		for _, s := range sums {
			names = append(names, s.Site.Name)
		}
		return err
	}); err != nil {
		te.t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// / on the sites: it filters by name, organisation and area as typed,
// says how many of how many are shown, and the keys act on the site under
// the cursor of the filtered list; esc takes the filter off.
func TestHomeFilter(t *testing.T) {
	te := newTestEnv(t)
	sitesFixture(te)
	m := newRoot(t, te, 80, 24)
	if !strings.Contains(helpOf(m.top()), "/ filter") {
		t.Errorf("the keys do not list /: %s", helpOf(m.top()))
	}
	pressRoot(t, m, "/")
	if !m.top().Typing() {
		t.Fatal("/ did not open the filter")
	}
	typeRoot(t, m, "council")
	text := screenText(m)
	if !strings.Contains(text, "Filter: › council") || !strings.Contains(text, "Eastbrook pilot") || !strings.Contains(text, "Northfield pilot") ||
		strings.Contains(text, "Westbrook") || strings.Contains(text, "Città") {
		t.Errorf("council (organisations):\n%s", text)
	}
	// Enter keeps it; the cursor is on the second row shown.
	pressRoot(t, m, "enter", "down")
	text = screenText(m)
	if !strings.Contains(text, "Filter “council” · 2 of 4 shown · esc clears it") || !strings.Contains(text, "› Northfield pilot") {
		t.Errorf("kept:\n%s", text)
	}
	// D deletes the site under the cursor of the filtered list.
	pressRoot(t, m, "D")
	if text := screenText(m); !strings.Contains(text, "Delete Northfield pilot") {
		t.Fatalf("D asks about another site:\n%s", text)
	}
	pressRoot(t, m, "y")
	if got := siteNames(te); !slices.Equal(got, []string{"Città di Valle", "Eastbrook pilot", "Westbrook pilot"}) {
		t.Errorf("after deleting: %v", got)
	}
	if text := screenText(m); !strings.Contains(text, "1 of 3 shown") || !strings.Contains(text, "› Eastbrook pilot") {
		t.Errorf("after deleting:\n%s", text)
	}
	// Accents aside: "citta" finds Città; an area finds its site.
	pressRoot(t, m, "/", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	typeRoot(t, m, "CITTA")
	pressRoot(t, m, "enter")
	if text := screenText(m); !strings.Contains(text, "› Città di Valle") || strings.Contains(text, "Eastbrook") {
		t.Errorf("citta:\n%s", text)
	}
	// enter opens the site under the cursor.
	pressRoot(t, m, "enter")
	if s, ok := m.top().(*siteScreen); !ok || s.siteID == te.site.ID {
		t.Fatalf("enter opened %T", m.top())
	}
	pressRoot(t, m, "esc")
	// Nothing matches: the list says so; esc takes the filter off.
	pressRoot(t, m, "/")
	typeRoot(t, m, " zebra")
	pressRoot(t, m, "enter")
	if text := screenText(m); !strings.Contains(text, "Nothing matches “CITTA zebra”: esc clears the filter, / changes it.") {
		t.Errorf("nothing matches:\n%s", text)
	}
	pressRoot(t, m, "esc")
	if text := screenText(m); strings.Contains(text, "Filter") || !strings.Contains(text, "Westbrook pilot") || m.quitting {
		t.Errorf("esc:\n%s", text)
	}
}

// The sites' filter in Italian.
func TestHomeFilterItalian(t *testing.T) {
	te := newTestEnv(t)
	sitesFixture(te)
	m := newItalianRoot(t, te, 80, 24)
	pressRoot(t, m, "/")
	if text := screenText(m); !strings.Contains(text, "Filtro: › nome, ente o territorio") {
		t.Errorf("the field:\n%s", text)
	}
	typeRoot(t, m, "valle")
	pressRoot(t, m, "enter")
	if text := screenText(m); !strings.Contains(text, "Filtro «valle» · mostrati 1 di 4 · esc lo toglie") || !strings.Contains(text, "› Città di Valle") {
		t.Errorf("valle:\n%s", text)
	}
	pressRoot(t, m, "/")
	typeRoot(t, m, "x")
	pressRoot(t, m, "enter")
	if text := screenText(m); !strings.Contains(text, "Niente corrisponde a «vallex»: esc toglie il filtro, / lo cambia.") {
		t.Errorf("nothing:\n%s", text)
	}
}

// peopleFixture adds five insiders: three named, two not.
func peopleFixture(te *testEnv) []workbook.Participant {
	te.t.Helper()
	var out []workbook.Participant
	te.change(func(c *workbook.Change) error {
		for _, p := range []workbook.Participant{
			{Name: "Ann Smith", Role: workbook.RoleSenior, Organisation: "Eastbrook City Council"},
			{Role: workbook.RoleMiddle, Organisation: "Café Nero"},
			{Name: "Bea Jones", Role: workbook.RoleFrontLine, Organisation: "Eastbrook Health"},
			{Role: workbook.RoleMiddle, Organisation: "Eastbrook City Council"},
			{Name: "Carl Brown", Role: workbook.RoleCommunity},
		} {
			p.SiteID, p.AssessmentID, p.Group = te.site.ID, te.a.ID, workbook.Insider
			saved, err := c.SaveParticipant(p)
			if err != nil {
				return err
			}
			out = append(out, saved)
		}
		return nil
	})
	return out
}

func openPeople(t *testing.T, te *testEnv, w, h int) Screen {
	t.Helper()
	s := newPeople(te.env, te.site.ID, te.a.ID, workbook.Insider)
	s.SetSize(w, h)
	s, _ = run(t, s, s.Init())
	return s
}

// / on the people: it filters by what a row shows (the label, role and
// organisation), an unnamed person keeps their number in the whole list,
// and e and D act on the person under the cursor of the filtered list.
func TestPeopleFilter(t *testing.T) {
	te := newTestEnv(t)
	ps := peopleFixture(te)
	s := openPeople(t, te, 80, 21)
	if !strings.Contains(helpOf(s), "/ filter") {
		t.Errorf("keys: %s", helpOf(s))
	}
	s, _ = press(t, s, "/")
	s = typeText(t, s, "middle council")
	s, _ = press(t, s, "enter")
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Filter “middle council” · 1 of 5 shown") || !strings.Contains(view, "› 4   #4 middle") {
		t.Errorf("middle council:\n%s", view)
	}
	// An organisation, accents aside; a role.
	for _, tt := range []struct{ typed, want string }{
		{"cafe", "› 2   #2 middle"},
		{"front", "› 3   Bea Jones"},
		{"#2", "› 2   #2 middle"},
		{"community", "› 5   Carl Brown"},
	} {
		p := s.(*people)
		p.find.set(tt.typed)
		p.refresh(p.current())
		if view := ansi.Strip(s.View()); !strings.Contains(view, tt.want) || !strings.Contains(view, "1 of 5 shown") {
			t.Errorf("%q:\n%s", tt.typed, view)
		}
	}
	// Three shown: e edits the second.
	s.(*people).find.set("")
	s, _ = press(t, s, "/")
	s = typeText(t, s, "eastbrook")
	s, _ = press(t, s, "enter", "home", "down")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "3 of 5 shown") || !strings.Contains(view, "› 3   Bea Jones") {
		t.Fatalf("eastbrook:\n%s", view)
	}
	_, log := press(t, s, "e")
	fm := pushed(t, log, 80, 21)
	if v := ansi.Strip(fm.View()); !strings.Contains(v, "Bea Jones") {
		t.Errorf("e opened another person:\n%s", v)
	}
	// D removes the person under the cursor, and no other.
	s, _ = press(t, s, "down", "D")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Remove #4 middle") {
		t.Errorf("D asks about another person:\n%s", view)
	}
	s, _ = press(t, s, "y")
	var left []string
	for _, p := range te.load().Participants {
		left = append(left, p.ID)
	}
	if want := []string{ps[0].ID, ps[1].ID, ps[2].ID, ps[4].ID}; !slices.Equal(left, want) {
		t.Errorf("after D on the 4th (shown third): %v, want %v", left, want)
	}
	s = reload(t, s)
	if view := ansi.Strip(s.View()); !strings.Contains(view, "2 of 4 shown") {
		t.Errorf("after removing:\n%s", view)
	}
	// Nothing matches; esc in the field takes the filter off.
	s, _ = press(t, s, "/")
	s = typeText(t, s, "zebra")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Nothing matches “eastbrookzebra”") {
		t.Errorf("nothing:\n%s", view)
	}
	s, _ = press(t, s, "esc")
	if p := s.(*people); p.find.on() || len(p.rows) != 4 || s.Typing() {
		t.Errorf("esc: filter %q, %d rows", p.find.text, len(p.rows))
	}
}

// A filter kept on the people is taken off by esc, which only then goes
// back; Italian on an Italian site.
func TestPeopleFilterEscThenBack(t *testing.T) {
	te := newTestEnv(t)
	italianSite(t, te)
	peopleFixture(te)
	m := newItalianRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "p")
	pressRoot(t, m, "/")
	typeRoot(t, m, "ente")
	pressRoot(t, m, "enter")
	if text := screenText(m); !strings.Contains(text, "Filtro «ente» · mostrati 1 di 5 · esc lo toglie") {
		t.Fatalf("ente:\n%s", text)
	}
	pressRoot(t, m, "esc")
	if _, ok := m.top().(*people); !ok {
		t.Fatalf("esc went back to %T with a filter on", m.top())
	}
	if text := screenText(m); strings.Contains(text, "Filtro") {
		t.Errorf("esc left the filter on:\n%s", text)
	}
	pressRoot(t, m, "esc")
	if _, ok := m.top().(*people); ok {
		t.Error("esc without a filter did not go back")
	}
}

// The Map's text filter is the shared one: words in any order, case and
// punctuation aside; with a filter on, esc takes the filters off.
func TestMapFilterWordsAndEsc(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openMap(t, te, 100, 30)
	sc, _ := press(t, s, "/")
	sc = typeText(t, sc, "RESIDENTS tenants")
	sc, _ = press(t, sc, "enter")
	s = sc.(*mapScreen)
	if got := titles(s); !slices.Equal(got, []string{"Tenants' and residents' federation"}) {
		t.Errorf("residents tenants: %v", got)
	}
	if !s.TakesEsc() {
		t.Fatal("esc would go back with a filter on")
	}
	sc, _ = press(t, s, "d", "down", "enter", "esc")
	s = sc.(*mapScreen)
	if s.filtering() || len(s.rows) != 12 || s.TakesEsc() {
		t.Errorf("esc left filters on: %q %+v, %d rows", s.find.text, s.filters, len(s.rows))
	}
}

// Select's filter is the shared one too: words in any order; kept with
// enter, it is taken off by esc.
func TestSelectFilterKeptThenEsc(t *testing.T) {
	te := newTestEnv(t)
	mapFixture(te)
	s := openSelect(t, te, 80, 21)
	sc, _ := press(t, s, "/")
	sc = typeText(t, sc, "families SCHOOLS")
	sc, _ = press(t, sc, "enter")
	ss := sc.(*selectScreen)
	if len(ss.rows) != 1 || ss.all[ss.rows[0]].Title != "Schools and families forum" || sc.Typing() {
		t.Fatalf("families schools: %d rows, typing %t", len(ss.rows), sc.Typing())
	}
	if !ss.TakesEsc() {
		t.Fatal("esc would go back with a filter on")
	}
	sc, _ = press(t, sc, "esc")
	if ss := sc.(*selectScreen); len(ss.rows) != 12 || ss.find.on() || ss.TakesEsc() {
		t.Errorf("esc: %d rows, filter %q", len(ss.rows), ss.find.text)
	}
}
