package report

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestCriteriaTellUnknownFromNotMarked checks that a criterion the
// facilitator marked unknown is counted and drawn apart from one nobody
// has marked, in the criteria table and the matrix.
func TestCriteriaTellUnknownFromNotMarked(t *testing.T) {
	d := fixtureData(t)
	// Carers' forum: c1 met, c2 not met, c3 considered and not known.
	d.Partnerships[1].Criteria["c3"] = workbook.CriterionMark{Mark: workbook.Unknown}
	pdf, _ := render(t, Input{Data: d}, Options{})
	text := pdfText(t, pdf)
	mustContain(t, text,
		"How many partnerships meet each criterion", "Criterion Met Not met Unknown Not marked",
		"C1 Not a one-off consultation 2 0 0 2",
		"C2 Ongoing after the cut-off year 1 1 0 2",
		"C3 Includes the community in decision making 1 0 1 2",
		"?: considered, not known; ·: not marked yet",
		"Carers' forum yes no ? 1/3",
		"Allotments liaison group · · · 0/3",
	)
}
