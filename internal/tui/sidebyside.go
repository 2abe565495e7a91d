package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// sideBySide is step 4's side-by-side view: for each verification statement,
// grouped by key issue, the insiders' and the outsiders' mean and n, the
// gap, and whether it is a blind spot or an unrecognised strength; with the
// verification note of each key issue, and a way into scoring a statement
// with the outsiders.
type sideBySide struct {
	env          *env
	siteID       string
	assessmentID string

	data   *workbook.AssessmentData
	res    analysis.Result
	l      *i18n.Lang // the site's language, for what Engage says
	lang   string     // the assessment's, for the questionnaire's texts
	issues []issueGap
	lines  []cmpLine
	num    questionnaire.Numbering // names the statements: "4.6"
	vindex map[string]int          // statement id -> index among the verification statements
	notes  map[string]string       // key issue id -> verification note as shown

	cursor  int // index into lines, always a selectable line
	offset  int // first line shown
	editing bool
	editKI  string // the key issue whose note is being edited
	area    textarea.Model
	pending map[string]bool // key issue ids whose note is being saved
	width   int
	height  int
	err     string
}

// cmpKind is what one line of the comparison shows.
type cmpKind int

const (
	lineIssue cmpKind = iota // a key issue's heading and figures
	lineNote                 // its verification note (not selectable)
	lineItem                 // one statement
)

type cmpLine struct {
	kind  cmpKind
	issue int                  // index into sideBySide.issues
	item  *analysis.ItemResult // lineItem only
}

func newSideBySide(e *env, siteID, assessmentID string) Screen {
	return &sideBySide{env: e, siteID: siteID, assessmentID: assessmentID, pending: map[string]bool{}}
}

func (c *sideBySide) Init() tea.Cmd { return loadAssessment(c.env, c.siteID, c.assessmentID) }

// Lang is the site's language, which the screen speaks.
func (c *sideBySide) Lang() *i18n.Lang { return c.l }

func (c *sideBySide) Title() string { return c.l.T("tui.sidebyside.title") }
func (c *sideBySide) Typing() bool  { return c.editing }

func (c *sideBySide) SetSize(w, h int) {
	c.width, c.height = w, h
	if c.editing {
		c.area.SetWidth(max(w-2, 10))
	}
	c.scroll()
}

// Place is where the facilitator is, for resuming: step 4 at the
// statement under the cursor.
func (c *sideBySide) Place() workbook.UIState {
	st := workbook.UIState{SiteID: c.siteID, AssessmentID: c.assessmentID, Screen: workbook.StepVerify.Key()}
	if l, ok := c.selected(); ok {
		switch {
		case l.item != nil:
			st.Statement = c.vindex[l.item.Statement.ID]
		case len(c.issues[l.issue].Items) > 0:
			st.Statement = c.vindex[c.issues[l.issue].Items[0].Statement.ID]
		}
	}
	return st
}

func (c *sideBySide) Keys() []key.Binding {
	k := c.env.keysIn(c.l)
	if c.editing {
		return []key.Binding{k.Save, k.Cancel}
	}
	var keys []key.Binding
	if l, ok := c.selected(); ok && l.item != nil {
		keys = append(keys, k.VerifyNote, k.ScoreOutsiders)
	} else {
		keys = append(keys, k.VerifyNoteEnter)
	}
	return append(keys, k.Up, k.Down, k.NextIssue, k.PrevIssue,
		k.PageDown, k.PageUp, k.Top, k.Bottom)
}

func (c *sideBySide) apply(d *workbook.AssessmentData) {
	var keep string // the statement or key issue under the cursor
	if l, ok := c.selected(); ok {
		keep = c.lineID(l)
	}
	c.data, c.lang = d, d.Assessment.Language
	c.l = c.env.lang(d.Site.Language)
	q := d.Questionnaire
	c.res = analysis.Analyse(q, d.Participants, d.Responses)
	c.issues = issueGaps(d, c.res)
	c.num = q.Numbering()
	c.vindex = map[string]int{}
	for i, st := range q.VerificationStatements() {
		c.vindex[st.ID] = i
	}
	c.notes = map[string]string{}
	for _, n := range d.IssueNotes {
		c.notes[n.KeyIssueID] = n.Notes
	}
	c.lines = c.lines[:0]
	for i, ic := range c.issues {
		c.lines = append(c.lines, cmpLine{kind: lineIssue, issue: i}, cmpLine{kind: lineNote, issue: i})
		for j := range ic.Items {
			c.lines = append(c.lines, cmpLine{kind: lineItem, issue: i, item: &ic.Items[j]})
		}
	}
	c.cursor = -1
	for i, l := range c.lines {
		if keep != "" && c.lineID(l) == keep {
			c.cursor = i
		}
	}
	if c.cursor < 0 { // first statement
		c.cursor = 0
		for i, l := range c.lines {
			if l.kind == lineItem {
				c.cursor = i
				break
			}
		}
	}
	c.scroll()
}

// lineID identifies a line across reloads.
func (c *sideBySide) lineID(l cmpLine) string {
	if l.item != nil {
		return "s:" + l.item.Statement.ID
	}
	return "k:" + c.issues[l.issue].KeyIssue.ID
}

func (c *sideBySide) selected() (cmpLine, bool) {
	if c.cursor < 0 || c.cursor >= len(c.lines) {
		return cmpLine{}, false
	}
	return c.lines[c.cursor], true
}

func (c *sideBySide) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case assessmentLoadedMsg:
		if msg.err != nil {
			c.err = msg.err.Error()
			return c, nil
		}
		c.err = ""
		c.apply(msg.data)
		return c, nil
	case reloadMsg:
		if !c.env.saves.busy() && !c.editing {
			return c, c.Init()
		}
		return c, nil
	case saveDoneMsg:
		if msg.job.owner != c {
			return c, nil
		}
		delete(c.pending, msg.job.key)
		if msg.err != nil {
			// Show what the store holds, not what failed to be saved.
			return c, c.Init()
		}
		return c, nil
	case tea.KeyPressMsg:
		if c.data == nil {
			return c, nil
		}
		if c.editing {
			return c, c.updateNote(msg)
		}
		return c, c.updateBrowse(msg)
	case tea.PasteMsg:
		if c.editing {
			var cmd tea.Cmd
			c.area, cmd = c.area.Update(msg)
			return c, cmd
		}
	}
	return c, nil
}

func (c *sideBySide) updateBrowse(msg tea.KeyPressMsg) tea.Cmd {
	k := c.env.keys
	l, ok := c.selected()
	if !ok {
		return nil
	}
	switch {
	case key.Matches(msg, k.Notes), key.Matches(msg, k.Open) && l.item == nil:
		return c.editNote(c.issues[l.issue].KeyIssue.ID)
	case key.Matches(msg, k.Open):
		return c.scoreWithOutsiders(l.item.Statement.ID)
	case key.Matches(msg, k.Up):
		c.step(-1)
	case key.Matches(msg, k.Down):
		c.step(1)
	// ] and [ share pgdown and pgup with the paging keys: page first.
	case key.Matches(msg, k.PageDown):
		c.step(c.listRoom())
	case key.Matches(msg, k.PageUp):
		c.step(-c.listRoom())
	case key.Matches(msg, k.NextItem):
		c.toIssue(l.issue + 1)
	case key.Matches(msg, k.PrevItem):
		c.toIssue(l.issue - 1)
	case key.Matches(msg, k.Top):
		c.cursor = len(c.lines)
		c.step(-len(c.lines))
	case key.Matches(msg, k.Bottom):
		c.cursor = -1
		c.step(len(c.lines))
	default:
		return nil
	}
	return remember(c.Place())
}

// step moves the cursor by n selectable lines (at least one line when
// possible), skipping note lines.
func (c *sideBySide) step(n int) {
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	for i := c.cursor + dir; i >= 0 && i < len(c.lines) && n > 0; i += dir {
		if c.lines[i].kind != lineNote {
			c.cursor = i
			n--
		}
	}
	c.scroll()
}

// toIssue moves the cursor to key issue i's heading.
func (c *sideBySide) toIssue(i int) {
	i = min(max(i, 0), len(c.issues)-1)
	for j, l := range c.lines {
		if l.kind == lineIssue && l.issue == i {
			c.cursor = j
			// Show the heading with as much of the issue as fits below it.
			c.offset = j
			break
		}
	}
	c.scroll()
}

// scroll keeps the cursor in view.
func (c *sideBySide) scroll() {
	room := c.listRoom()
	if c.cursor < c.offset {
		c.offset = c.cursor
		// Keep a key issue's heading and note in view above its first
		// statement.
		if c.offset >= 0 && c.offset < len(c.lines) && c.lines[c.offset].kind == lineItem {
			for c.offset > 0 && c.lines[c.offset-1].kind != lineItem && c.cursor-c.offset+1 < room {
				c.offset--
			}
		}
	}
	if c.cursor >= c.offset+room {
		c.offset = c.cursor - room + 1
	}
	c.offset = max(0, min(c.offset, len(c.lines)-room))
}

// scoreWithOutsiders opens outsider scoring at a statement; esc comes
// back here.
func (c *sideBySide) scoreWithOutsiders(statementID string) tea.Cmd {
	i := c.vindex[statementID]
	d := newDialogue(c.env, c.siteID, c.assessmentID, workbook.Outsider, i, 0)
	c.env.open(d)
	return remember(d.Place())
}

func (c *sideBySide) editNote(kiID string) tea.Cmd {
	c.editing, c.editKI = true, kiID
	c.area = newTextArea()
	c.area.CharLimit = workbook.MaxLongText
	c.area.SetHeight(4)
	c.area.SetWidth(max(c.width-2, 10))
	c.area.SetValue(c.notes[kiID])
	c.scroll()
	return c.area.Focus()
}

func (c *sideBySide) updateNote(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, c.env.keys.Cancel):
		c.editing = false
		c.scroll()
		return status(c.l.T("tui.sidebyside.cancelled"))
	case key.Matches(msg, c.env.keys.Save):
		c.editing = false
		c.scroll()
		n := workbook.IssueNote{SiteID: c.siteID, AssessmentID: c.assessmentID, KeyIssueID: c.editKI, Notes: c.area.Value()}
		c.notes[n.KeyIssueID] = n.Notes
		ki, _ := c.data.Questionnaire.KeyIssue(n.KeyIssueID)
		jobKey := "note/" + n.KeyIssueID
		c.pending[jobKey] = true
		return c.env.save(c, saveJob{key: jobKey, what: c.l.T("tui.dialogue.issue_note_on", "Issue", ki.Title.In(c.lang)), fn: func(ch *workbook.Change) error {
			_, err := ch.SetIssueNote(n)
			return err
		}})
	}
	var cmd tea.Cmd
	c.area, cmd = c.area.Update(msg)
	return cmd
}

// group is one side of the gap as statistics for statCell: the mean over
// the compared statements and how many of the group scored one of them.
func (ic issueGap) group(outsiders bool) analysis.Stats {
	if outsiders {
		return analysis.Stats{N: ic.Gap.Outsiders, Mean: ic.Gap.OutsidersMean}
	}
	return analysis.Stats{N: ic.Gap.Insiders, Mean: ic.Gap.InsidersMean}
}
