package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n/i18ntest"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// italianAssessment makes te's site a new Italian one, "Ambito Valle del Sole"
// (language it), with its first assessment: the fixtures that follow
// fill it as they fill the English one.
func italianAssessment(te *testEnv) {
	te.t.Helper()
	te.change(func(c *workbook.Change) (err error) {
		te.site, te.a, err = c.CreateSite(workbook.SiteInput{Name: "Ambito Valle del Sole", Organisation: "Comune di Valle del Sole",
			Area: "Valle", Language: "it"}, te.q)
		return err
	})
}

// The site's screens in Italian, at 80x24 and 120x40, on the fixtures of
// the English goldens.
func TestItalianScreensGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 21}, {120, 37}} {
		name := func(screen string) string { return fmt.Sprintf("it_%s_%dx%d", screen, size.w, size.h+3) }

		te := newTestEnv(t)
		italianAssessment(te)
		ps := mapFixture(te)
		te.change(func(c *workbook.Change) error {
			_, err := c.SelectPartnership(te.site.ID, te.a.ID, ps[1].ID, "")
			return err
		})
		s := openMap(t, te, size.w, size.h)
		sc, _ := press(t, s, "down", "down", "c", "down", "down", "enter")
		golden(t, name("map"), sc.View())

		te = newTestEnv(t)
		italianAssessment(te)
		mapFixture(te)
		markAll(te, "Carers' network", workbook.Met)
		markAll(te, "Race equality forum", workbook.NotMet)
		p := stored(te, "Carers' network")
		te.change(func(c *workbook.Change) error {
			if _, err := c.SetCriterion(te.site.ID, p.ID, te.q.Criteria[3].ID, workbook.CriterionMark{Mark: workbook.Met, Note: "due residenti nel consiglio"}); err != nil {
				return err
			}
			_, err := c.SelectPartnership(te.site.ID, te.a.ID, p.ID, "Soddisfa tutti i criteri e i caregiver hanno chiesto di partecipare")
			return err
		})
		sel := openSelect(t, te, size.w, size.h)
		sc, _ = press(t, sel, "y", "n", "right", "down", "down")
		golden(t, name("select"), sc.View())

		// The dialogue after a finished statement (its result on the
		// next one), the verification with a note, booklet entry.
		te = newTestEnv(t)
		italianAssessment(te)
		te.addPeople(workbook.Insider, 6)
		te.addPeople(workbook.Outsider, 3)
		sc = openDialogue(t, te, workbook.Insider, size.w, size.h)
		sc, _ = press(t, sc, "5", "5", "1", "d", "1", "4", "4", "5", "up", "up")
		golden(t, name("dialogue"), sc.View())

		sc = openDialogue(t, te, workbook.Outsider, size.w, size.h)
		sc, _ = press(t, sc, "2", "3", "2", "n")
		sc = typeText(t, sc, "Non vedono il cambiamento")
		sc, _ = press(t, sc, "ctrl+s")
		golden(t, name("verify"), sc.View())

		sc = openBooklet(t, te, workbook.Outsider, size.w, size.h)
		golden(t, name("booklet_list"), sc.View())
		sc, _ = press(t, sc, "down", "enter", "4", "4", "d")
		golden(t, name("booklet"), sc.View())

		// Barriers with findings and a plan, every section; the
		// side-by-side comparison.
		te = newTestEnv(t)
		italianAssessment(te)
		verifyFixture(te)
		te.change(func(c *workbook.Change) error {
			for _, f := range []workbook.Finding{
				{Kind: workbook.FindingBarrier, StatementID: "ca-feedback", Text: "Nessuno dice ai residenti cosa è cambiato."},
				{Kind: workbook.FindingGood, KeyIssueID: "community-ability", Text: "Gli incontri sono molto partecipati."},
			} {
				f.SiteID, f.AssessmentID = te.site.ID, te.a.ID
				if _, err := c.SaveFinding(f); err != nil {
					return err
				}
			}
			if _, err := c.SetIssueNote(workbook.IssueNote{SiteID: te.site.ID, AssessmentID: te.a.ID, KeyIssueID: "community-ability",
				Notes: "I residenti dicono che gli orari degli incontri vanno bene al personale."}); err != nil {
				return err
			}
			if _, err := c.SaveIntervention(workbook.Intervention{SiteID: te.site.ID, AssessmentID: te.a.ID, Action: "Una lettera «avete detto, abbiamo fatto» dopo ogni incontro",
				Owner: "Responsabile del partenariato", Due: "2026-06-30", KeyIssueID: "community-ability", Status: workbook.StatusInProgress}); err != nil {
				return err
			}
			iv, err := c.SaveIntervention(workbook.Intervention{SiteID: te.site.ID, AssessmentID: te.a.ID, Action: "Incontri a rotazione nei centri anziani",
				Owner: "Servizio sociale professionale", Due: "2026-02-27", KeyIssueID: "community-ability"})
			if err != nil {
				return err
			}
			_, err = c.AddReview(iv.SiteID, iv.AssessmentID, iv.ID, workbook.Review{Date: "2026-02-24", Reviewer: "Chiara Ricci",
				Status: workbook.StatusInProgress, Note: "Calendario pronto in due comuni su sei."})
			return err
		})
		b := openBarriers(t, te, size.w, size.h)
		golden(t, name("barriers"), b.View())
		for i, sec := range []string{"contested", "gaps", "findings", "plan"} {
			sc, _ = press(t, b, "tab")
			b = sc.(*barriers)
			if i == 1 {
				sc, _ = press(t, b, "down")
				b = sc.(*barriers)
			}
			golden(t, name("barriers_"+sec), b.View())
		}
		// The overdue action, its reviews and the review form.
		sc, _ = press(t, b, "down")
		golden(t, name("barriers_plan_overdue"), sc.View())
		_, log := press(t, sc, "L")
		golden(t, name("barriers_review_log"), pushed(t, log, size.w, size.h).View())
		_, log = press(t, sc, "r")
		golden(t, name("barriers_review_form"), pushed(t, log, size.w, size.h).View())
		golden(t, name("sidebyside"), openCompare(t, te, size.w, size.h).View())
	}
}

// langScreenFiles are the site's screens translated here: the Map, Select,
// the dialogue and booklet entry, Barriers, the side-by-side comparison
// and the gaps.
var langScreenFiles = []string{
	"mapping.go", "mapping_view.go", "mapping_form.go", "mapping_filter.go", "mapping_import.go", "partnership_text.go",
	"selection.go", "selection_view.go", "selection_form.go",
	"dialogue.go", "dialogue_entry.go", "dialogue_view.go", "answers.go", "booklet.go", "booklet_number.go", "projector.go", "projector_view.go", "bigtext.go",
	"barriers.go", "barriers_view.go", "barriers_filter.go", "barriers_forms.go", "barriers_plan.go", "sidebyside.go", "sidebyside_view.go", "gaps.go",
	"changes.go", "changes_view.go",
}

// screenSinks are where the site's screens show a literal: those of the
// frame (tuiSinks), a text input's placeholder and a field's error.
var screenSinks = i18ntest.Sinks{
	Calls:  append([]string{"newInput"}, tuiSinks.Calls...),
	Fields: append([]string{"Message"}, tuiSinks.Fields...),
}

// TestScreensNoLiteralWords fails when one of langScreenFiles shows a
// word that is not from the catalogue.
func TestScreensNoLiteralWords(t *testing.T) {
	dir := t.TempDir()
	for _, f := range langScreenFiles {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	i18ntest.NoLiteralWords(t, dir, screenSinks, formKeys...)
}

// formKeys are the names of form fields and the values of choices, which
// the screens read back and never show.
var formKeys = []string{
	"title", "directorate", "area", "community", "partners", "start year", "ongoing", "notes", "yes", "unknown", // a partnership
	"reason",                                                             // a selection
	"kind", "key issue", "text", "action", "owner", "due date", "status", // a finding, an intervention
	"note", "date", "reviewer", // a review
}

// TestEveryFileIsCheckedForWords fails when a file of the package is in
// neither list of files checked for literal words: a new screen must join
// one, so that its words come from the catalogue too.
func TestEveryFileIsCheckedForWords(t *testing.T) {
	checked := map[string]bool{}
	for _, f := range append(append([]string{}, sharedFiles...), langScreenFiles...) {
		checked[f] = true
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") && !checked[f] {
			t.Errorf("%s is in neither sharedFiles nor langScreenFiles: add it to the one it belongs to", f)
		}
	}
}
