package booklet

import (
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// fixture is an assessment of the default workbook at an English site
// (lang "en") or an Italian one ("it"), with no answers yet.
func fixture(t testing.TB, lang string) *workbook.AssessmentData {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	site := workbook.Site{ID: "s1", Slug: "eastbrook-pilot", Name: "Eastbrook pilot", Organisation: "Eastbrook City Council", Area: "East", Language: lang}
	p := &workbook.Partnership{ID: "p1", SiteID: "s1", Title: "Eastbrook Healthy Communities Partnership"}
	if lang == "it" {
		site.Name, site.Organisation, site.Area = "Ambito Valle del Sole", "Ambito territoriale Valle del Sole", "Valle del Sole"
		p.Title = "Tavolo anziani e fragilità del Piano di Zona"
	}
	return &workbook.AssessmentData{
		Site:          site,
		Assessment:    workbook.Assessment{ID: "a1", SiteID: "s1", PartnershipID: "p1", Questionnaire: q.Hash, Language: lang, Started: "2026-03-02", Created: at, Updated: at},
		Questionnaire: q,
		Partnership:   p,
		Partnerships:  []workbook.Partnership{*p},
	}
}

// blanks are n blank booklets from first.
func blanks(first, n int) []workbook.IssuedBooklet {
	var out []workbook.IssuedBooklet
	for i := range n {
		out = append(out, workbook.IssuedBooklet{Number: first + i})
	}
	return out
}
