package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The loads the screens share. Each runs in a command; what it returns
// reaches the screen that asked for it (see deliver), wherever that
// screen is in the stack by then.

// assessmentLoadedMsg is one assessment with everything recorded for it.
type assessmentLoadedMsg struct {
	data *workbook.AssessmentData
	err  error
}

// loadAssessment reads one assessment: the dialogue, booklet entry,
// people, Select, Barriers and the insider-outsider comparison all start
// from it.
func loadAssessment(e *env, siteID, assessmentID string) tea.Cmd {
	return func() tea.Msg {
		var d *workbook.AssessmentData
		err := e.svc.Read(func(r *workbook.Reader) (err error) {
			d, err = r.LoadAssessment(siteID, assessmentID)
			return err
		})
		return assessmentLoadedMsg{d, err}
	}
}
