package tui

import (
	"fmt"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The remaining main screens as the facilitator sees them, whole frames
// (header, body, status and footer) at 80x24 and 120x40: Home with a site
// part way through, the site's five-step path, the people of step 3 and
// booklet entry.
func TestMainScreensGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		te := newTestEnv(t)
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
			_, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Healthy Neighbourhoods Partnership", Directorate: te.q.Directorates[0].ID, Area: "North", StartYear: 1999})
			return err
		})
		m := newRoot(t, te, size.w, size.h)
		golden(t, fmt.Sprintf("home_%dx%d", size.w, size.h), screenText(m))

		pressRoot(t, m, "enter")
		golden(t, fmt.Sprintf("site_%dx%d", size.w, size.h), screenText(m))

		pressRoot(t, m, "3", "p")
		golden(t, fmt.Sprintf("people_%dx%d", size.w, size.h), screenText(m))

		pressRoot(t, m, "esc", "b")
		golden(t, fmt.Sprintf("booklet_%dx%d", size.w, size.h), screenText(m))
	}
}
