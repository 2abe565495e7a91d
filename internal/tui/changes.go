package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// changesScreen is "What changed": the assessment shown on the site
// screen against its earlier round of the same partnership
// ([workbook.Reader.EarlierRound]), with the figures of
// [analysis.CompareAssessments], as the site report's section of the same
// name has them: key issues then and now, the statements that moved, the
// barriers closed, new and still there, and the earlier round's actions.
// It is one scrolled page of lines.
type changesScreen struct {
	env                  *env
	l                    *i18n.Lang
	siteID, assessmentID string
	loaded               bool
	data, earlier        *workbook.AssessmentData // earlier nil: no earlier round
	changes              analysis.RoundChanges
	today                string
	top                  int // the first line shown
	width, height        int
	err                  string
}

func newChangesScreen(e *env, l *i18n.Lang, siteID, assessmentID string) *changesScreen {
	return &changesScreen{env: e, l: l, siteID: siteID, assessmentID: assessmentID}
}

type changesLoadedMsg struct {
	data, earlier *workbook.AssessmentData
	today         string
	err           error
}

func (c *changesScreen) load() tea.Msg {
	var msg changesLoadedMsg
	msg.err = c.env.svc.Read(func(r *workbook.Reader) (err error) {
		if msg.data, err = r.LoadAssessment(c.siteID, c.assessmentID); err != nil {
			return err
		}
		msg.earlier, err = r.EarlierRound(msg.data.Site.ID, msg.data.Assessment.ID)
		msg.today = r.Today()
		return err
	})
	return msg
}

func (c *changesScreen) Init() tea.Cmd    { return c.load }
func (c *changesScreen) Lang() *i18n.Lang { return c.l }
func (c *changesScreen) Title() string    { return c.l.T("tui.changes.title") }
func (c *changesScreen) Typing() bool     { return false }
func (c *changesScreen) SetSize(w, h int) { c.width, c.height = w, h; c.scroll(0) }

// Place is the site screen's: "What changed" is read from there.
func (c *changesScreen) Place() workbook.UIState {
	return workbook.UIState{SiteID: c.siteID, AssessmentID: c.assessmentID, Screen: "site"}
}

func (c *changesScreen) Keys() []key.Binding {
	k := c.env.keysIn(c.l)
	return []key.Binding{k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom, k.Back}
}

func (c *changesScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		return c, c.load
	case changesLoadedMsg:
		if msg.err != nil {
			c.err = msg.err.Error()
			return c, nil
		}
		c.loaded, c.err = true, ""
		c.data, c.earlier, c.today = msg.data, msg.earlier, msg.today
		if c.earlier != nil {
			// Overdue is counted on today, as the Barriers screen counts
			// it; reviews since the earlier round was completed.
			c.changes = analysis.CompareAssessments(c.earlier, c.data,
				analysis.RoundOptions{Day: c.today, Since: c.earlier.Assessment.Completed})
		}
		c.scroll(0)
	case tea.KeyPressMsg:
		k, room := c.env.keys, c.room()
		switch {
		case key.Matches(msg, k.Up):
			c.scroll(-1)
		case key.Matches(msg, k.Down):
			c.scroll(1)
		case key.Matches(msg, k.PageUp):
			c.scroll(-room)
		case key.Matches(msg, k.PageDown):
			c.scroll(room)
		case key.Matches(msg, k.Top):
			c.top = 0
		case key.Matches(msg, k.Bottom):
			c.scroll(len(c.lines()))
		}
	}
	return c, nil
}

// room is how many lines of the page fit: all but the title above and
// the place in the page below.
func (c *changesScreen) room() int { return max(c.height-changesFrame, 1) }

// changesFrame counts the lines around the page: the title and a blank
// line above, a blank line and the place in the page below.
const changesFrame = 4

// scroll moves the page by lines, kept inside it.
func (c *changesScreen) scroll(by int) {
	c.top = min(max(c.top+by, 0), max(len(c.lines())-c.room(), 0))
}
