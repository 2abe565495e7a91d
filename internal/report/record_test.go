package report

import (
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The cover says what the assessment's log records beyond its completion,
// dated, in the report's language; a log of completions only adds nothing.
func TestCoverRecordsTheLog(t *testing.T) {
	d := fixtureData(t)
	at := time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)
	d.Assessment.Log = []workbook.Event{
		{At: at, Kind: workbook.EventCompleted, Date: "2026-03-19"},
		{At: at, Kind: workbook.EventReopened, Date: "2026-03-19", Reason: "Two booklets came back late."},
		{At: at, Kind: workbook.EventPartnershipChanged, Partnership: "Youth forum", To: "Healthy Streets Partnership", Answers: 287},
		{At: at, Kind: workbook.EventParticipantDeleted, Group: workbook.Outsider, Answers: 1},
	}
	text := strings.Join(strings.Fields(pdfText(t, mustRender(t, d))), " ")
	mustContain(t, text, "Record of this assessment",
		"20 March 2026: reopened, after it had been completed on 19 March 2026. Why: Two booklets came back late.",
		"20 March 2026: the partnership assessed changed from “Youth forum” to “Healthy Streets Partnership”, after 287 answers were given.",
		"20 March 2026: an outsider who had given 1 answer was removed, with the answer.")

	d.Assessment.Language = questionnaire.Italian
	mustContain(t, strings.Join(strings.Fields(pdfText(t, mustRender(t, d))), " "), "Registro di questa autovalutazione",
		"20 marzo 2026: riaperta, dopo essere stata completata il 19 marzo 2026. Perché: Two booklets came back late.")

	d.Assessment.Log = d.Assessment.Log[:1]
	if text := pdfText(t, mustRender(t, d)); strings.Contains(text, "Registro di questa") {
		t.Error("a log of completions only is printed")
	}
}

func mustRender(t *testing.T, d *workbook.AssessmentData) []byte {
	t.Helper()
	pdf, _ := render(t, Input{Data: d}, Options{})
	return pdf
}
