package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// dialogue is live scoring in the room (step 3 for insiders, step 4 for
// outsiders): one statement at a time, one row per participant; a score
// key saves the row's answer and moves to the next participant, the last
// one to the next statement.
type dialogue struct {
	env          *env
	siteID       string
	assessmentID string
	group        workbook.Group

	data       *workbook.AssessmentData
	l          *i18n.Lang // the site's language, for what Engage says
	lang       string     // the assessment's, for the questionnaire's texts
	statements []questionnaire.Statement
	numbers    questionnaire.Numbering // names the statements: "4.6"
	issueOf    map[string]questionnaire.KeyIssue
	people     []workbook.Participant
	answers    answerSheet
	notes      map[string]workbook.StatementNote
	issueNotes map[string]workbook.IssueNote
	// watch finds participants' names and words for groups under 3 in
	// the comments and notes saved.
	watch analysis.TextWatch

	cur, row int
	rowsWin  listWindow // the participants' rows in view, its cursor on row
	// finished is the statement the last person's score just completed,
	// whose result shows in a line while the next one is scored; -1 for
	// none.
	finished int
	wantCur  int // statement and participant to open at, once loaded
	wantRow  int
	mode     dialogueMode
	found    statementFind // what the jump field's words found
	// projecting is the projector view (P): the screen turned to the
	// room, with no participant's name, row or comment (projector.go).
	// unseen is the last save refused while it was shown, whose reason
	// (which may name whose answer it was) is given once it is left.
	projecting bool
	unseen     error
	input      textinput.Model
	area       textarea.Model
	width      int
	height     int
	err        string
}

type dialogueMode int

const (
	modeScore dialogueMode = iota
	modeComment
	modeNotes
	modeGroupScore
	modeJump
)

func newDialogue(e *env, siteID, assessmentID string, g workbook.Group, statement, participant int) *dialogue {
	return &dialogue{env: e, siteID: siteID, assessmentID: assessmentID, group: g, wantCur: statement, wantRow: participant, finished: -1,
		projecting: e.projector}
}

func (d *dialogue) Init() tea.Cmd { return loadAssessment(d.env, d.siteID, d.assessmentID) }

// loaded is what the screen says once it has read the assessment for the
// first time: that it opened in the projector view, which the room sees.
func (d *dialogue) loaded() tea.Cmd {
	if d.projecting {
		return status(d.l.T("tui.projector.on"))
	}
	return nil
}

// Lang is the site's language, which the screen speaks.
func (d *dialogue) Lang() *i18n.Lang { return d.l }

func (d *dialogue) Title() string {
	t := d.l.T("tui.dialogue.title")
	if d.group == workbook.Outsider {
		t = d.l.T("tui.dialogue.title_verify")
	}
	if d.projecting {
		return d.l.T("tui.projector.title", "Screen", t)
	}
	return t
}

// Projecting reports whether the screen is the projector view, shown to
// the room ([roomView]).
func (d *dialogue) Projecting() bool { return d.projecting }

// Typing is true while a field has the keyboard, and while the group
// score is asked for, so that esc cancels it rather than leaving.
func (d *dialogue) Typing() bool {
	return d.mode != modeScore
}

func (d *dialogue) SetSize(w, h int) {
	d.width, d.height = w, h
	switch d.mode {
	case modeComment, modeJump:
		d.input.SetWidth(max(w-6, 10))
	case modeNotes:
		d.area.SetWidth(max(w-4, 10))
	}
}

// Place is where the facilitator is, for resuming.
func (d *dialogue) Place() workbook.UIState {
	screen := workbook.StepWorkbook.Key()
	if d.group == workbook.Outsider {
		screen = workbook.StepVerify.Key()
	}
	return workbook.UIState{SiteID: d.siteID, AssessmentID: d.assessmentID, Screen: screen, Statement: d.cur, Participant: d.row}
}

func (d *dialogue) Keys() []key.Binding {
	k := d.env.keysIn(d.l)
	switch d.mode {
	case modeComment, modeJump:
		if d.mode == modeJump && d.finding() {
			return []key.Binding{k.NextMatch, k.FindDone}
		}
		if d.mode == modeJump {
			return []key.Binding{k.Go, k.Cancel}
		}
		return []key.Binding{k.Enter, k.Cancel}
	case modeNotes:
		return []key.Binding{k.Save, k.Cancel}
	case modeGroupScore:
		return []key.Binding{k.GroupScoreKeys, k.Clear, k.Cancel}
	}
	if len(d.people) == 0 {
		return []key.Binding{k.People}
	}
	if d.projecting {
		return d.projectorKeys(k)
	}
	keys := []key.Binding{k.Score, k.DontKnow, k.Clear, k.Up, k.Down, k.NextItem, k.PrevItem, k.Unanswered, k.Jump, k.Comment, k.Notes}
	if d.group == workbook.Insider {
		keys = append(keys, k.GroupScore)
	} else {
		keys = append(keys, k.SideBySide)
	}
	return append(keys, k.People, k.Booklet, k.Projector)
}

func (d *dialogue) apply(data *workbook.AssessmentData) {
	d.data = data
	d.watch = analysis.NewTextWatch(data.Participants)
	q := data.Questionnaire
	d.lang = data.Assessment.Language
	d.l = d.env.lang(data.Site.Language)
	if d.group == workbook.Outsider {
		d.statements = q.VerificationStatements()
	} else {
		d.statements = q.Statements()
	}
	d.numbers = q.Numbering()
	d.issueOf = map[string]questionnaire.KeyIssue{}
	for _, ki := range q.KeyIssues {
		for _, st := range ki.Statements {
			d.issueOf[st.ID] = ki
		}
	}
	d.people = d.people[:0]
	for _, p := range data.Participants {
		if p.Group == d.group {
			d.people = append(d.people, p)
		}
	}
	d.answers = newAnswerSheet(d.env.saves, data.Responses)
	d.notes = map[string]workbook.StatementNote{}
	for _, n := range data.StatementNotes {
		d.notes[n.StatementID] = n
	}
	d.issueNotes = map[string]workbook.IssueNote{}
	for _, n := range data.IssueNotes {
		d.issueNotes[n.KeyIssueID] = n
	}
	if d.wantCur >= 0 {
		d.cur, d.row = d.wantCur, d.wantRow
		d.wantCur = -1
	}
	d.cur = min(max(d.cur, 0), max(len(d.statements)-1, 0))
	d.row = min(max(d.row, 0), max(len(d.people)-1, 0))
}

// answer returns what the screen shows for a participant and statement:
// the pending value when one is being saved.
func (d *dialogue) answer(pid, sid string) (workbook.Response, bool, bool) {
	return d.answers.get(pid, sid)
}

func (d *dialogue) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case assessmentLoadedMsg:
		if msg.err != nil {
			d.err = msg.err.Error()
			return d, nil
		}
		d.err = ""
		first := d.data == nil
		d.apply(msg.data)
		if first {
			return d, d.loaded()
		}
		return d, nil
	case reloadMsg:
		if !d.env.saves.busy() {
			return d, loadAssessment(d.env, d.siteID, d.assessmentID)
		}
		return d, nil
	case undoneMsg:
		return d, d.showUndone(msg.step.at)
	case saveDoneMsg:
		j := msg.job
		d.answers.heard(msg)
		if msg.err != nil && d.projecting {
			d.unseen = msg.err
		}
		if j.owner == d && j.resp.ParticipantID == "" {
			return d, loadAssessment(d.env, d.siteID, d.assessmentID)
		}
		return d, nil
	case tea.KeyPressMsg:
		if d.data == nil {
			return d, nil
		}
		switch d.mode {
		case modeComment, modeJump:
			return d.updateInput(msg)
		case modeNotes:
			return d.updateNotes(msg)
		case modeGroupScore:
			return d.updateGroupScore(msg)
		}
		return d.updateScoring(msg)
	case tea.PasteMsg:
		switch d.mode {
		case modeComment, modeJump:
			var cmd tea.Cmd
			d.input, cmd = d.input.Update(msg)
			return d, cmd
		case modeNotes:
			var cmd tea.Cmd
			d.area, cmd = d.area.Update(msg)
			return d, cmd
		}
	}
	return d, nil
}
