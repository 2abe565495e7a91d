package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// findingsFixture writes four findings: kinds, key issues and one about a
// statement with no text of its own.
func findingsFixture(te *testEnv) []workbook.Finding {
	te.t.Helper()
	st := te.q.Statements()[17] // 2.8: "Staff explain things in plain words, without jargon or initials."
	var out []workbook.Finding
	te.change(func(c *workbook.Change) error {
		for _, f := range []workbook.Finding{
			{Kind: workbook.FindingGood, KeyIssueID: "organisation-skills", Text: "Staff know the area"},
			{Kind: workbook.FindingImprove, Text: "Evening meetings would suit résidents"},
			{Kind: workbook.FindingImprove, KeyIssueID: "organisation-skills", Text: "Staff training on diversity"},
			{Kind: workbook.FindingBarrier, KeyIssueID: "organisation-skills", StatementID: st.ID},
		} {
			f.SiteID, f.AssessmentID = te.site.ID, te.a.ID
			saved, err := c.SaveFinding(f)
			if err != nil {
				return err
			}
			out = append(out, saved)
		}
		return nil
	})
	return out
}

// / on the findings: it filters by the finding's kind, key issue and
// text and the statement it is about, says how many are shown, and e and
// D act on the finding under the cursor of the filtered list.
func TestBarriersFilterFindings(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	fs := findingsFixture(te)
	b := openBarriers(t, te, 100, 30)
	if hasKey(b.Keys(), "/") {
		t.Error("/ is listed on the barriers, which it does not filter")
	}
	s, _ := press(t, b, "/")
	if s.Typing() {
		t.Fatal("/ opened a filter on the barriers")
	}
	s, _ = press(t, s, "tab", "tab", "tab") // Findings
	if !hasKey(s.Keys(), "/") {
		t.Errorf("/ is not listed on the findings: %s", helpOf(s))
	}
	s, _ = press(t, s, "/")
	if !s.Typing() || !strings.Contains(ansi.Strip(s.View()), "Filter: ›") {
		t.Fatalf("/ did not open the filter:\n%s", ansi.Strip(s.View()))
	}
	s = typeText(t, s, "staff")
	s, _ = press(t, s, "enter")
	view := ansi.Strip(s.View())
	// Two by their text, one by its statement's ("Staff explain things").
	if !strings.Contains(view, "Filter “staff” · 3 of 4 shown · esc clears it") || strings.Contains(view, "Evening meetings") {
		t.Errorf("staff:\n%s", view)
	}
	for _, tt := range []struct {
		typed string
		want  []string
	}{
		{"residents", []string{fs[1].ID}},                      // accents aside
		{"jargon", []string{fs[3].ID}},                         // the statement's text
		{"2.8", []string{fs[3].ID}},                            // its number
		{"barrier", []string{fs[3].ID}},                        // the kind
		{"skills diversity", []string{fs[2].ID}},               // the key issue and the text
		{"good area", []string{fs[0].ID}},                      // the kind in words
		{"", []string{fs[3].ID, fs[0].ID, fs[1].ID, fs[2].ID}}, // kinds in order: barrier, good, improve
	} {
		bs := s.(*barriers)
		bs.find.set(tt.typed)
		bs.filterFindings("")
		var got []string
		for _, r := range bs.lists[secFindings] {
			got = append(got, r.finding.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: %v, want %v", tt.typed, got, tt.want)
		}
	}
	// "staff" again: e edits, and D deletes, the second shown.
	bs := s.(*barriers)
	bs.find.set("staff")
	bs.filterFindings("")
	s, _ = press(t, s, "home", "down")
	if view := ansi.Strip(s.View()); !strings.Contains(lineWith(t, view, "›"), "Staff know the area") {
		t.Fatalf("the cursor:\n%s", view)
	}
	_, log := press(t, s, "e")
	fm := pushed(t, log, 100, 30)
	if v := ansi.Strip(fm.View()); !strings.Contains(v, "Staff know the area") {
		t.Errorf("e opened another finding:\n%s", v)
	}
	// Read again (as when the form closes), the cursor stays on it.
	s = reload(t, s)
	if view := ansi.Strip(s.View()); !strings.Contains(lineWith(t, view, "›"), "Staff know the area") {
		t.Fatalf("the cursor after reading again:\n%s", view)
	}
	s, _ = press(t, s, "D", "y")
	var left []string
	for _, f := range te.load().Findings {
		left = append(left, f.ID)
	}
	if want := []string{fs[1].ID, fs[2].ID, fs[3].ID}; !slices.Equal(left, want) {
		t.Errorf("after D: %v, want %v", left, want)
	}
	if view := ansi.Strip(s.View()); !strings.Contains(view, "2 of 3 shown") || strings.Contains(view, "Staff know the area") {
		t.Errorf("after D:\n%s", view)
	}
	// Nothing matches; esc takes the filter off (the screen, not the root,
	// gets it: TakesEsc).
	s, _ = press(t, s, "/")
	s = typeText(t, s, " zebra")
	s, _ = press(t, s, "enter")
	if view := ansi.Strip(s.View()); !strings.Contains(view, "Nothing matches “staff zebra”: esc clears the filter, / changes it.") {
		t.Errorf("nothing:\n%s", view)
	}
	if !s.(*barriers).TakesEsc() {
		t.Error("esc would go back with a filter on")
	}
	s, _ = press(t, s, "esc")
	if bs := s.(*barriers); bs.find.on() || len(bs.lists[secFindings]) != 3 || bs.TakesEsc() {
		t.Errorf("esc: filter %q, %d shown", bs.find.text, len(bs.lists[secFindings]))
	}
	// The other sections ignore a filter and esc goes back there.
	bs = s.(*barriers)
	bs.find.set("zebra")
	bs.filterFindings("")
	s, _ = press(t, s, "tab")
	if s.(*barriers).TakesEsc() || strings.Contains(ansi.Strip(s.View()), "Filter") {
		t.Errorf("the plan shows the findings' filter:\n%s", ansi.Strip(s.View()))
	}
}

// The findings' filter fits the window and speaks Italian on an Italian
// site; a statement is searched in the assessment's language (2.8 in
// Italian has no "staff").
func TestBarriersFilterItalianFits(t *testing.T) {
	te := newTestEnv(t)
	italianAssessment(te)
	verifyFixture(te)
	findingsFixture(te)
	for _, size := range [][2]int{{80, 21}, {100, 27}} {
		b := openBarriers(t, te, size[0], size[1])
		s, _ := press(t, b, "tab", "tab", "tab", "/")
		fits(t, "typing", s.View(), size[0], size[1])
		s = typeText(t, s, "staff")
		s, _ = press(t, s, "enter")
		view := ansi.Strip(s.View())
		if !strings.Contains(view, "Filtro «staff» · mostrati 2 di 4 · esc lo toglie") {
			t.Errorf("%v:\n%s", size, view)
		}
		fits(t, "kept", s.View(), size[0], size[1])
	}
}
