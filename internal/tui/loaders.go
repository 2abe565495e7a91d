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

// loader is a screen still reading what it shows for the first time.
// Keys typed meanwhile wait for it (see Model.typeahead) rather than
// reach a screen that would drop them: "enter 1 a" typed fast opens the
// site, its Map, then the new partnership's form.
type loader interface{ loading() bool }

func (h *home) loading() bool         { return !h.loaded }
func (p *people) loading() bool       { return !p.loaded && p.err == "" }
func (m *mapScreen) loading() bool    { return !m.loaded }
func (s *siteScreen) loading() bool   { return s.data == nil && s.err == "" }
func (d *dialogue) loading() bool     { return d.data == nil && d.err == "" }
func (b *booklet) loading() bool      { return b.data == nil && b.err == "" }
func (b *barriers) loading() bool     { return b.data == nil && b.err == "" }
func (s *selectScreen) loading() bool { return s.data == nil && s.err == "" }
func (c *sideBySide) loading() bool   { return c.data == nil && c.err == "" }
