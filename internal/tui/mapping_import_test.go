package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// seedList is the seed mapping as a council's list (126 partnerships).
var seedList = filepath.Join("..", "mapimport", "testdata", "seed-mapping.csv")

// On the Map, I imports a council's list: the path (typed, pasted or
// dropped), enter shows what importing does, y imports it in one change
// and the Map shows the 126 partnerships with the seed mapping's counts.
// That is 4 keys and a paste, where typing the list in is 126 forms.
func TestMapImportsAList(t *testing.T) {
	te := newTestEnv(t)
	m := openMap(t, te, 100, 30)
	s, log := press(t, m, "I")
	imp, ok := openedBy(t, log).(*mapImport)
	if !ok {
		t.Fatalf("I opened %T", openedBy(t, log))
	}
	imp.SetSize(100, 30)
	var sc Screen = imp
	sc, _ = run(t, sc, imp.Init())
	keys := 1
	sc, _ = sc.Update(tea.PasteMsg{Content: "'" + seedList + "'"}) // a file dropped on the terminal
	sc, _ = press(t, sc, "enter")
	keys++
	view := ansi.Strip(sc.View())
	for _, want := range []string{"126 new, 0 changed, 0 unchanged, 0 refused", "New:", "seed-mapping.csv:2  14-19 learners' panel",
		"y imports it: 126 new and 0 changed"} {
		if !strings.Contains(view, want) {
			t.Errorf("the preview lacks %q:\n%s", want, view)
		}
	}
	sc, log = press(t, sc, "y")
	keys++
	if !closes(log) {
		t.Fatalf("y did not import and close: %v\n%s", log, ansi.Strip(sc.View()))
	}
	t.Logf("keys to import the seed mapping from the Map: %d and a paste (I, paste, enter, y)", keys)
	s, _ = run(t, s, func() tea.Msg { return reloadMsg{} })
	mp := s.(*mapScreen)
	if len(mp.all) != 126 {
		t.Fatalf("the Map shows %d partnerships, want 126", len(mp.all))
	}
	got := map[string]int{}
	for _, c := range mp.counts {
		got[c.ID] = c.Count
	}
	want := map[string]int{"social-care-health": 53, "education-lifelong-learning": 18, "policy-resources": 1,
		"culture-regeneration": 21, "environment-housing": 26, "policy-communication": 5, "": 2}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("%q: %d, want %d (%v)", id, got[id], n, mp.counts)
		}
	}
	if bs, _ := store.AutoBackups(te.st.Path()); len(bs) != 1 || !strings.HasSuffix(bs[0], "before-map-import.db") {
		t.Errorf("backups: %v", bs)
	}
	// Again: nothing to import, and y does nothing.
	sc = newMapImport(te.env, mp.site, mp.l)
	sc.SetSize(100, 30)
	sc, _ = run(t, sc, sc.Init())
	sc = typeText(t, sc, seedList)
	sc, _ = press(t, sc, "enter")
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "0 new, 0 changed, 126 unchanged") || !strings.Contains(view, "Nothing to import") {
		t.Errorf("a second import:\n%s", view)
	}
	if _, log := press(t, sc, "y"); closes(log) {
		t.Errorf("y imported a list with nothing to import")
	}
}

// A list with refused rows imports nothing; a directorate the site does
// not list is added with a; e reads the file again once mended.
func TestMapImportRefusesAndMends(t *testing.T) {
	te := newTestEnv(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "list.csv")
	write := func(s string) {
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("Title;Directorate;Start year\nCarers' hub;Adult services;2010\nYouth forum;;04\n")
	m := openMap(t, te, 80, 24)
	var sc Screen = newMapImport(te.env, m.site, m.l)
	sc.SetSize(200, 24) // one summary line a line
	sc, _ = run(t, sc, sc.Init())
	sc = typeText(t, sc, path)
	sc, _ = press(t, sc, "enter")
	view := ansi.Strip(sc.View())
	for _, want := range []string{"list.csv:2, column B (Directorate): “Adult services” is not one of the site's directorates",
		"list.csv:3, column C (Start year): “04” is not a start year", "1 directorate is not the site's: a adds it"} {
		if !strings.Contains(view, want) {
			t.Errorf("the preview lacks %q:\n%s", want, view)
		}
	}
	if _, log := press(t, sc, "y"); closes(log) {
		t.Fatal("y imported a list with refused rows")
	}
	sc, _ = press(t, sc, "a")
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "1 directorate to add to the site") ||
		!strings.Contains(view, "Nothing can be imported while 1 row is refused") {
		t.Errorf("after a:\n%s", view)
	}
	write("Title;Directorate;Start year\nCarers' hub;Adult services;2010\nYouth forum;;2004\n")
	sc, _ = press(t, sc, "e", "enter")
	if view := ansi.Strip(sc.View()); !strings.Contains(view, "y imports it: 2 new and 0 changed") {
		t.Errorf("mended:\n%s", view)
	}
	sc.SetSize(80, 24)
	golden(t, "map_import_80x24", strings.ReplaceAll(sc.View(), dir, "DIR"))
	if _, log := press(t, sc, "y"); !closes(log) {
		t.Fatal("y did not import the mended list")
	}
	if err := te.svc.Read(func(r *workbook.Reader) error {
		site, err := r.Site(te.site.ID)
		if err != nil {
			return err
		}
		ps, err := r.Partnerships(site.ID)
		if len(site.Directorates) != 7 || len(ps) != 2 || ps[0].Directorate != "adult-services" {
			t.Errorf("after the import: %+v, %+v", site.Directorates, ps)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
