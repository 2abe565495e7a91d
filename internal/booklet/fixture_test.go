package booklet

import (
	"fmt"
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

// earlierRound is an earlier assessment of the fixture's partnership: 4
// insiders and 2 outsiders scored every statement of their set, split on
// the first statement of each key issue (1 and 5), agreed on the others.
func earlierRound(t testing.TB, lang string) *workbook.AssessmentData {
	t.Helper()
	d := fixture(t, lang)
	d.Assessment.ID, d.Assessment.Started = "a0", "2025-03-11"
	at := time.Date(2025, 3, 11, 12, 0, 0, 0, time.UTC)
	first := map[string]bool{}
	for _, ki := range d.Questionnaire.KeyIssues {
		first[ki.Statements[0].ID] = true
	}
	add := func(id string, g workbook.Group, scores func(i int, st questionnaire.Statement) int, n int) {
		for i := range n {
			p := workbook.Participant{ID: fmt.Sprintf("%s%d", id, i), SiteID: "s1", AssessmentID: "a0", Group: g, Role: workbook.RoleMiddle, Created: at, Updated: at}
			d.Participants = append(d.Participants, p)
			for _, st := range groupStatements(d.Questionnaire, g) {
				d.Responses = append(d.Responses, workbook.Response{SiteID: "s1", AssessmentID: "a0", ParticipantID: p.ID, StatementID: st.ID, Score: scores(i, st), At: at})
			}
		}
	}
	add("in", workbook.Insider, func(i int, st questionnaire.Statement) int {
		if first[st.ID] {
			return []int{1, 5, 1, 5}[i]
		}
		return 4
	}, 4)
	add("out", workbook.Outsider, func(i int, st questionnaire.Statement) int { return []int{1, 5}[i] }, 2)
	return d
}
