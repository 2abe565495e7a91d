package report

import (
	"strings"
	"testing"
	"time"

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

// TestCoverSaysCompletedOrDraft checks the cover and the running footer of
// a completed assessment and of one in progress.
func TestCoverSaysCompletedOrDraft(t *testing.T) {
	d := fixtureData(t)
	d.Assessment.Completed = "2026-02-26"
	d.Assessment.Started = "2026-02-20"
	pdf, res := render(t, Input{Data: d}, Options{})
	text := pdfText(t, pdf)
	mustContain(t, text, "Started 20 February 2026", "Completed 26 February 2026")
	if strings.Contains(text, "DRAFT") {
		t.Error("a completed assessment's report says DRAFT")
	}

	d.Assessment.Completed = ""
	pdf, res = render(t, Input{Data: d}, Options{})
	text = pdfText(t, pdf)
	cover := strings.Join(strings.Fields(strings.SplitN(text, "Page 1 of", 2)[0]), " ")
	for _, want := range []string{"North ward DRAFT – assessment in progress Partnership assessed", "Completed not yet (in progress)"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the cover does not say %q:\n%s", want, cover)
		}
	}
	if n := strings.Count(text, "Fixture site · DRAFT – assessment in progress · "); n != res.Pages {
		t.Errorf("%d of %d page footers say DRAFT – assessment in progress", n, res.Pages)
	}
}

// TestDataAsOfIsNeverBeforeStarted checks the cover's "Data as of" when
// every record is older than the start typed in (a site entered with a
// start date after the day its records were made).
func TestDataAsOfIsNeverBeforeStarted(t *testing.T) {
	d := fixtureData(t) // records up to 5 March 2026, 09:30
	d.Assessment.Started, d.Assessment.Completed = "2026-03-09", ""
	if got, want := asOf(d), time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("asOf = %v, want the start, %v", got, want)
	}
	pdf, _ := render(t, Input{Data: d}, Options{})
	mustContain(t, pdfText(t, pdf), "Started 9 March 2026", "Data as of 9 March 2026 00:00 UTC")

	// A start before the records leaves the latest record time.
	d.Assessment.Started = "2026-03-01"
	if got, want := asOf(d), day(5); !got.Equal(want) {
		t.Errorf("asOf = %v, want the latest record, %v", got, want)
	}
}
