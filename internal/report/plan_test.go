package report

import (
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The action plan shows each action's reviews (the latest five, oldest
// first), OVERDUE in words on the day the data stands at (5 March 2026 in
// the fixture: due the day before is late, due that day is not), and what
// became of the earlier round's plan since that round; never who
// reviewed an action.
func TestActionPlanOverTime(t *testing.T) {
	d := fixtureData(t)
	d.Interventions = append(d.Interventions,
		workbook.Intervention{ID: "v4", Action: "Due on the report's day", Due: "2026-03-05", Status: workbook.StatusPlanned, Updated: day(5)},
		workbook.Intervention{ID: "v5", Action: "Reviewed every month", Due: "2026-12-31", Status: workbook.StatusInProgress, Updated: day(5),
			Reviews: []workbook.Review{
				{Date: "2025-09-01", Status: workbook.StatusPlanned, Note: "REVIEW-ONE"},
				{Date: "2025-10-01", Status: workbook.StatusPlanned, Note: "REVIEW-TWO"},
				{Date: "2025-11-01", Status: workbook.StatusInProgress, Note: "REVIEW-THREE"},
				{Date: "2025-12-01", Status: workbook.StatusInProgress},
				{Date: "2026-01-01", Status: workbook.StatusInProgress, Note: "REVIEW-FIVE"},
				{Date: "2026-02-01", Status: workbook.StatusInProgress, Note: "REVIEW-SIX"},
				{Date: "2026-03-01", Status: workbook.StatusInProgress, Note: "REVIEW-SEVEN"},
			}})
	pdf, _ := render(t, Input{Data: d, Earlier: fixtureEarlier(t, d)}, Options{})
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{
		"Reviewed once: 4 March 2026, In progress: First draft circulated.",
		"Send the findings to every agency on the board (Partnership coordinator, by 27 February 2026, Planned, OVERDUE)",
		"OVERDUE: due before 5 March 2026, the day this report's data stands at, and neither done nor dropped.",
		"Reviewed 7 times: (2 earlier reviews not shown) 1 November 2025, In progress: REVIEW-THREE 1 December 2025, In progress 1 January 2026",
		"Since 10 March 2025, 4 reviews of the earlier plan's 3 actions. On 5 March 2026: 1 done, 1 dropped, 1 still open, of which 1 overdue.",
		"15 September 2025, Dropped: The parents chose the hub board instead.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	for _, never := range []string{"REVIEW-ONE", "REVIEW-TWO", "Helen Dawson", "Ruth Morgan"} {
		if strings.Contains(text, never) {
			t.Errorf("the report says %q", never)
		}
	}
	if i := strings.Index(text, "Due on the report's day"); i < 0 || strings.Contains(text[i:i+120], "OVERDUE") {
		t.Errorf("an action due on the report's day is shown overdue, or not at all")
	}
}
