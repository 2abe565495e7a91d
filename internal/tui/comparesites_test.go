package tui

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	sitecompare "github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// threeSites adds Westmoor County and Portsea localities to the test
// store's Eastbrook pilot and returns the summaries the home screen lists
// (by name: Eastbrook, Portsea, Westmoor).
func threeSites(t *testing.T, te *testEnv) []workbook.SiteSummary {
	t.Helper()
	te.change(func(c *workbook.Change) error {
		for _, name := range []string{"Westmoor County", "Portsea localities"} {
			if _, _, err := c.CreateSite(workbook.SiteInput{Name: name, Organisation: name + " Council"}, te.q); err != nil {
				return err
			}
		}
		return nil
	})
	var sums []workbook.SiteSummary
	if err := te.svc.Read(func(r *workbook.Reader) (err error) {
		sums, err = r.Summaries()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return sums
}

// fakeCompare is a Compare hook that records what it was asked and
// reports progress site by site.
type fakeCompare struct {
	ids []string
	err error
}

func (f *fakeCompare) hook(ids []string, progress func(done, total int)) (CompareResult, error) {
	f.ids = slices.Clone(ids)
	for i := range ids {
		progress(i+1, len(ids))
	}
	if f.err != nil {
		return CompareResult{}, f.err
	}
	return CompareResult{
		PDF: "/home/researcher/comparison.pdf", CSV: "/home/researcher/comparison.csv",
		Summary: "/home/researcher/comparison-summary.csv", Actions: "/home/researcher/comparison-actions.csv",
		Pages: 8, Responses: 3044, SummaryRows: 72, ActionRows: 28,
		Basis: "Compared 2 sites: all used community-engagement 1.0, compared in full.",
	}, nil
}

func TestCompareSitesInTheOrderChosen(t *testing.T) {
	te := newTestEnv(t)
	sums := threeSites(t, te)
	fake := &fakeCompare{}
	te.env.hooks.Compare = fake.hook
	var s Screen = newCompareSites(te.env, sums)
	s.SetSize(80, 21)
	if keys := helpOf(s); strings.Contains(keys, "write") {
		t.Errorf("w offered with nothing chosen: %s", keys)
	}
	s, log := press(t, s, "w")
	if !hasStatus(log, "Choose at least one site") || fake.ids != nil {
		t.Errorf("w with nothing chosen: %v, hook called with %v", log, fake.ids)
	}
	// Westmoor first, then Eastbrook; Portsea chosen and unchosen.
	s, _ = press(t, s, "down", "down", "space", "up", "space", "space", "up", "space")
	c := s.(*compareSites)
	want := []string{sums[2].Site.ID, sums[0].Site.ID}
	if !slices.Equal(c.chosen, want) {
		t.Fatalf("chosen %v, want Westmoor then Eastbrook %v", c.chosen, want)
	}
	view := s.View()
	for _, line := range []string{"[x]  2  Eastbrook pilot", "[ ]     Portsea localities", "[x]  1  Westmoor County", "2 sites chosen"} {
		if !strings.Contains(view, line) {
			t.Errorf("the view lacks %q:\n%s", line, view)
		}
	}

	// w starts writing: keys are held (q and esc too) until it is done.
	next, cmd := s.Update(keyMsg("w"))
	if !next.Typing() || !strings.Contains(next.View(), "Comparing…") || len(next.Keys()) != 0 {
		t.Errorf("while writing: typing %t, view:\n%s", next.Typing(), next.View())
	}
	if _, again := next.Update(keyMsg("space")); again != nil {
		t.Error("a key did something while writing")
	}
	s, log = run(t, next, cmd)
	if !slices.Equal(fake.ids, want) {
		t.Errorf("the hook compared %v, want %v", fake.ids, want)
	}
	if s.Typing() || !hasStatus(log, "Comparison written: /home/researcher/comparison.pdf") {
		t.Errorf("after writing: typing %t, log %v", s.Typing(), log)
	}
	view = s.View()
	for _, line := range []string{"PDF      /home/researcher/comparison.pdf (8 pages)", "CSV      /home/researcher/comparison.csv (3044 responses)",
		"summary  /home/researcher/comparison-summary.csv (72 rows)", "compared in full"} {
		if !strings.Contains(view, line) {
			t.Errorf("the view lacks %q:\n%s", line, view)
		}
	}
}

func TestCompareSitesSaysWhyNothingWasWritten(t *testing.T) {
	te := newTestEnv(t)
	sums := threeSites(t, te)
	fake := &fakeCompare{err: errors.New("cannot write /home/researcher/comparison.pdf: permission denied")}
	te.env.hooks.Compare = fake.hook
	var s Screen = newCompareSites(te.env, sums)
	s.SetSize(80, 21)
	s, log := press(t, s, "A", "w")
	if len(fake.ids) != 3 {
		t.Errorf("A chose %d sites, want all 3", len(fake.ids))
	}
	if !hasStatus(log, "no comparison written: cannot write") || !strings.Contains(s.View(), "Not written: cannot write /home/researcher/comparison.pdf: permission denied") {
		t.Errorf("log %v, view:\n%s", log, s.View())
	}
	s, _ = press(t, s, "A")
	if c := s.(*compareSites); len(c.chosen) != 0 || c.err != "" {
		t.Errorf("A again: chosen %v, error %q", c.chosen, c.err)
	}
}

// TestCompareSitesWithTheRealComparison writes a real comparison through
// a hook built on the compare and report packages, as the CLI's is.
func TestCompareSitesWithTheRealComparison(t *testing.T) {
	te := newTestEnv(t)
	sums := threeSites(t, te)
	var progress [][2]int
	te.env.hooks.Compare = func(ids []string, p func(done, total int)) (CompareResult, error) {
		c, err := sitecompare.Gather(te.svc, sitecompare.Options{Sites: ids, Progress: func(done, total int) {
			progress = append(progress, [2]int{done, total})
			p(done, total)
		}})
		if err != nil {
			return CompareResult{}, err
		}
		res, err := report.Compare(io.Discard, c, report.CompareOptions{})
		return CompareResult{PDF: "comparison.pdf", Pages: res.Pages}, err
	}
	var s Screen = newCompareSites(te.env, sums)
	s.SetSize(120, 37)
	s, _ = press(t, s, "A")
	s, cmd := s.Update(keyMsg("w"))
	s = drain(t, s, cmd)
	if !slices.Equal(progress, [][2]int{{1, 3}, {2, 3}, {3, 3}}) {
		t.Errorf("progress %v", progress)
	}
	c := s.(*compareSites)
	if c.result == nil || c.result.Pages < 5 || c.writing {
		t.Errorf("result %+v, writing %t, error %q", c.result, c.writing, c.err)
	}
}

func TestHomeOpensCompareSites(t *testing.T) {
	te := newTestEnv(t)
	threeSites(t, te)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "C")
	if _, ok := m.top().(*compareSites); ok {
		t.Fatal("compare sites opened without a Compare hook")
	}
	if strings.Contains(screenText(m), "compare sites") {
		t.Error("compare sites offered without a Compare hook")
	}
	te.env.hooks.Compare = (&fakeCompare{}).hook
	m = newRoot(t, te, 120, 24) // at 80 the footer leaves it for the help, to keep ? and q
	if !strings.Contains(screenText(m), "C compare sites") {
		t.Errorf("the home screen does not offer compare sites:\n%s", screenText(m))
	}
	pressRoot(t, m, "C")
	if _, ok := m.top().(*compareSites); !ok {
		t.Fatalf("C opened %T", m.top())
	}
	if text := screenText(m); !strings.Contains(text, "Engage › Compare sites") || !strings.Contains(text, "Portsea localities") {
		t.Errorf("compare sites screen:\n%s", text)
	}
	pressRoot(t, m, "esc")
	if _, ok := m.top().(*home); !ok {
		t.Errorf("esc went to %T", m.top())
	}
}

func TestCompareSitesViews(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		te := newTestEnv(t)
		sums := threeSites(t, te)
		te.env.hooks.Compare = (&fakeCompare{}).hook
		var s Screen = newCompareSites(te.env, sums)
		s.SetSize(size.w, size.h)
		s, _ = press(t, s, "down", "space", "up", "space")
		golden(t, fmt.Sprintf("comparesites_%dx%d", size.w, size.h+3), s.View())
		s, _ = press(t, s, "w")
		golden(t, fmt.Sprintf("comparesites_written_%dx%d", size.w, size.h+3), s.View())
		for _, l := range strings.Split(s.View(), "\n") {
			if w := ansi.StringWidth(l); w > size.w {
				t.Errorf("%dx%d: a line of %d: %q", size.w, size.h, w, l)
			}
		}
	}
}

// drain runs cmd and what follows to the end, however long each takes
// (run gives up on a command after 200ms, which a real comparison under
// the race detector can take).
func drain(t *testing.T, s Screen, cmd tea.Cmd) Screen {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("the comparison never finished")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, statusMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			var next tea.Cmd
			s, next = s.Update(msg)
			queue = append(queue, next)
		}
	}
	return s
}

func helpOf(s Screen) string {
	var out []string
	for _, k := range s.Keys() {
		out = append(out, k.Help().Key+" "+k.Help().Desc)
	}
	return strings.Join(out, ", ")
}
