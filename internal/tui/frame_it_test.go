package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// italianSite turns the test site into an Italian one, "Ambito Valle del
// Sole" (as in the demo), whose screens speak Italian.
func italianSite(t *testing.T, te *testEnv) {
	t.Helper()
	te.change(func(c *workbook.Change) (err error) {
		te.site, err = c.UpdateSite(workbook.SiteInput{ID: te.site.ID, Name: "Ambito Valle del Sole",
			Organisation: "Comune di Valle del Sole", Area: "Valle del Sole", Language: "it"})
		return err
	})
}

// newItalianRoot is the root of a facilitator whose language is Italian.
func newItalianRoot(t *testing.T, te *testEnv, w, h int) *Model {
	t.Helper()
	m, err := New(Options{Service: te.svc, Questionnaires: []*questionnaire.Questionnaire{te.q}, Hooks: te.env.hooks, Dark: true,
		Lang: i18n.Embedded().For("it-IT")})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drive(t, m, m.Init())
	return m
}

// fitsWidth fails t for a line of the frame wider than the window.
func fitsWidth(t *testing.T, name, frame string, w int) {
	t.Helper()
	for _, l := range strings.Split(frame, "\n") {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s: a line of %d cells in %d: %q", name, lw, w, l)
		}
	}
}

// The frame and the shared screens in Italian, whole frames at 80x24 and
// 120x40: the sites list and compare sites in the user's language, the
// site, its people, the help and the forms in the site's.
func TestFrameItalianGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		te := newTestEnv(t)
		italianSite(t, te)
		people := te.addPeople(workbook.Insider, 3)
		te.addPeople(workbook.Outsider, 2)
		te.change(func(c *workbook.Change) error {
			for _, p := range people[:2] {
				for i, st := range te.q.Statements()[:5] {
					if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: st.ID, Score: 1 + i%5}); err != nil {
						return err
					}
				}
			}
			_, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Tavolo per l'inclusione sociale", Directorate: te.q.Directorates[0].ID, Area: "Nord", StartYear: 1999})
			return err
		})
		te.env.hooks.Compare = func(ids []string, progress func(done, total int)) (CompareResult, error) {
			return CompareResult{PDF: "/home/facilitatore/comparison.pdf", CSV: "/home/facilitatore/comparison.csv",
				Summary: "/home/facilitatore/comparison-summary.csv", Actions: "/home/facilitatore/comparison-actions.csv",
				Pages: 8, Responses: 3044, SummaryRows: 72, ActionRows: 1}, nil
		}
		m := newItalianRoot(t, te, size.w, size.h)
		shot := func(name string) {
			t.Helper()
			name = fmt.Sprintf("it_%s_%dx%d", name, size.w, size.h)
			frame := screenText(m)
			fitsWidth(t, name, frame, size.w)
			golden(t, name, frame)
		}
		shot("home")
		pressRoot(t, m, "a")
		shot("site_form")
		pressRoot(t, m, "esc", "?")
		shot("home_help")
		pressRoot(t, m, "esc", "C", "space")
		shot("comparesites")
		pressRoot(t, m, "w")
		shot("comparesites_written")
		pressRoot(t, m, "esc", "enter")
		shot("site")
		pressRoot(t, m, "3", "p")
		shot("people")
		pressRoot(t, m, "?")
		shot("people_help")
		pressRoot(t, m, "esc", "a")
		shot("people_form")
	}
}

// TestFooterKeepsTheGlobalKeys: however long the screen's keys are in a
// language, the footer fits the window and ends with help and quit.
func TestFooterKeepsTheGlobalKeys(t *testing.T) {
	te := newTestEnv(t)
	italianSite(t, te)
	te.env.hooks.Report = func(string, string) (ReportResult, error) { return ReportResult{}, nil }
	it := i18n.Embedded().For("it")
	for w := MinWidth; w <= 130; w++ {
		m := newItalianRoot(t, te, w, 30)
		pressRoot(t, m, "enter")
		lines := strings.Split(screenText(m), "\n")
		last := strings.TrimRight(lines[len(lines)-1], " ")
		if want := "? " + it.T("tui.key.help") + " • q " + it.T("tui.key.quit"); !strings.HasSuffix(last, want) || ansi.StringWidth(last) > w {
			t.Errorf("%d wide: the footer %q does not end with %q within the window", w, last, want)
		}
	}
}
