package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
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
	lang       string
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
	// finished is the statement the last person's score just completed,
	// whose result shows in a line while the next one is scored; -1 for
	// none.
	finished int
	wantCur  int // statement and participant to open at, once loaded
	wantRow  int
	mode     dialogueMode
	input    textinput.Model
	area     textarea.Model
	width    int
	height   int
	err      string
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
	return &dialogue{env: e, siteID: siteID, assessmentID: assessmentID, group: g, wantCur: statement, wantRow: participant, finished: -1}
}

func (d *dialogue) Init() tea.Cmd { return loadAssessment(d.env, d.siteID, d.assessmentID) }

func (d *dialogue) Title() string {
	if d.group == workbook.Outsider {
		return "4 Verify with outsiders"
	}
	return "3 Workbook dialogue"
}

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
	k := d.env.keys
	switch d.mode {
	case modeComment, modeJump:
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
	keys := []key.Binding{k.Score, k.DontKnow, k.Clear, k.Up, k.Down, k.NextItem, k.PrevItem, k.Unanswered, k.Jump, k.Comment, k.Notes}
	if d.group == workbook.Insider {
		keys = append(keys, k.GroupScore)
	} else {
		keys = append(keys, k.SideBySide)
	}
	return append(keys, k.People, k.Booklet)
}

func (d *dialogue) apply(data *workbook.AssessmentData) {
	d.data = data
	d.watch = analysis.NewTextWatch(data.Participants)
	q := data.Questionnaire
	d.lang = data.Assessment.Language
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
		d.apply(msg.data)
		return d, nil
	case reloadMsg:
		if !d.env.saves.busy() {
			return d, loadAssessment(d.env, d.siteID, d.assessmentID)
		}
		return d, nil
	case saveDoneMsg:
		j := msg.job
		d.answers.heard(msg)
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

func (d *dialogue) updateScoring(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := d.env.keys
	if key.Matches(msg, k.People) {
		d.env.open(newPeople(d.env, d.siteID, d.assessmentID, d.group))
		return d, nil
	}
	if len(d.people) == 0 || len(d.statements) == 0 {
		return d, nil
	}
	switch {
	case key.Matches(msg, k.Score):
		n := digit(msg)
		if n > d.data.Questionnaire.Scale.Points {
			return d, status(fmt.Sprintf("Scores run from 1 to %d; d is don't know", d.data.Questionnaire.Scale.Points))
		}
		return d, d.record(n, false)
	case key.Matches(msg, k.DontKnow):
		return d, d.record(0, true)
	case key.Matches(msg, k.Clear):
		return d, d.clear()
	case key.Matches(msg, k.Up):
		d.row = max(d.row-1, 0)
	case key.Matches(msg, k.Down):
		d.row = min(d.row+1, len(d.people)-1)
	case key.Matches(msg, k.NextItem), key.Matches(msg, k.Right):
		return d, d.move(d.cur+1, 0)
	case key.Matches(msg, k.PrevItem), key.Matches(msg, k.Left):
		return d, d.move(d.cur-1, 0)
	case key.Matches(msg, k.Top):
		return d, d.move(0, 0)
	case key.Matches(msg, k.Bottom):
		return d, d.move(len(d.statements)-1, 0)
	case key.Matches(msg, k.Unanswered):
		return d, d.nextUnanswered()
	case key.Matches(msg, k.Jump):
		d.mode = modeJump
		d.input = newInput(fmt.Sprintf("a number such as %s, or a place 1-%d", d.number(len(d.statements)-1), len(d.statements)), "", 64, d.width)
		return d, d.input.Focus()
	case key.Matches(msg, k.Comment):
		p := d.people[d.row]
		r, _, _ := d.answer(p.ID, d.statements[d.cur].ID)
		d.mode = modeComment
		d.input = newInput("comment", r.Comment, workbook.MaxLongText, d.width)
		return d, d.input.Focus()
	case key.Matches(msg, k.Notes):
		d.mode = modeNotes
		d.area = newTextArea()
		d.area.CharLimit = workbook.MaxLongText
		d.area.SetHeight(5)
		d.area.SetWidth(max(d.width-4, 10))
		if d.group == workbook.Outsider {
			d.area.SetValue(d.issueNotes[d.issueOf[d.statements[d.cur].ID].ID].Notes)
		} else {
			d.area.SetValue(d.notes[d.statements[d.cur].ID].Notes)
		}
		return d, d.area.Focus()
	case key.Matches(msg, k.GroupScore) && d.group == workbook.Insider:
		d.mode = modeGroupScore
	case key.Matches(msg, k.SideBySide) && d.group == workbook.Outsider:
		d.env.open(newSideBySide(d.env, d.siteID, d.assessmentID))
		return d, nil
	case key.Matches(msg, k.Booklet):
		d.env.open(newBooklet(d.env, d.siteID, d.assessmentID, d.group, d.row))
		return d, nil
	}
	return d, remember(d.Place())
}

func newInput(placeholder, value string, limit, width int) textinput.Model {
	in := newTextInput()
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.Prompt = "› "
	in.SetWidth(max(width-6, 10))
	in.SetValue(value)
	return in
}

// record saves the current row's answer and moves on: to the next
// participant, or from the last one to the next statement.
func (d *dialogue) record(score int, dk bool) tea.Cmd {
	p := d.people[d.row]
	st := d.statements[d.cur]
	old, _, _ := d.answer(p.ID, st.ID)
	in := workbook.ResponseInput{SiteID: d.siteID, AssessmentID: d.assessmentID, ParticipantID: p.ID, StatementID: st.ID,
		Score: score, DontKnow: dk, Comment: old.Comment}
	what := fmt.Sprintf("%s, statement %s: %s", personLabel(p, d.row+1), d.number(d.cur), scoreText(workbook.Response{Score: score, DontKnow: dk}, true))
	if d.row == len(d.people)-1 && d.cur == len(d.statements)-1 {
		// Nowhere to move on to: say so, or the next key would change
		// this answer unnoticed.
		what += d.endNote(p.ID, st.ID)
	}
	cmd := d.answers.record(d.env, d, in, what, "")
	var moveCmd tea.Cmd
	if d.row < len(d.people)-1 {
		d.row++
		moveCmd = remember(d.Place())
	} else if d.cur < len(d.statements)-1 {
		done := d.cur
		moveCmd = d.move(d.cur+1, 0)
		d.finished = done // the room sees its result on the next screen
	}
	return tea.Batch(cmd, moveCmd)
}

// endNote follows the last answer to the last statement (pid, sid) in the
// status bar: whether anything is still unanswered.
func (d *dialogue) endNote(pid, sid string) string {
	for i, st := range d.statements {
		for _, p := range d.people {
			if p.ID == pid && st.ID == sid {
				continue
			}
			if r, ok, _ := d.answer(p.ID, st.ID); !ok || !r.Answered() {
				return fmt.Sprintf(" · the last statement; statement %s still lacks an answer (u)", d.number(i))
			}
		}
	}
	return " · the last statement: every answer is in"
}

// clear removes the current row's score (keeping its comment).
func (d *dialogue) clear() tea.Cmd {
	p := d.people[d.row]
	st := d.statements[d.cur]
	old, _, _ := d.answer(p.ID, st.ID)
	in := workbook.ResponseInput{SiteID: d.siteID, AssessmentID: d.assessmentID, ParticipantID: p.ID, StatementID: st.ID, Comment: old.Comment}
	return d.answers.record(d.env, d, in, fmt.Sprintf("%s, statement %s cleared", personLabel(p, d.row+1), d.number(d.cur)), "")
}

func (d *dialogue) move(to, row int) tea.Cmd {
	d.finished = -1
	d.cur = min(max(to, 0), len(d.statements)-1)
	d.row = row
	return remember(d.Place())
}

// nextUnanswered goes to the next statement (after the current one,
// wrapping) that someone has not answered, at that person's row.
func (d *dialogue) nextUnanswered() tea.Cmd {
	n := len(d.statements)
	for step := 1; step <= n; step++ {
		i := (d.cur + step) % n
		for j, p := range d.people {
			if r, ok, _ := d.answer(p.ID, d.statements[i].ID); !ok || !r.Answered() {
				return tea.Batch(d.move(i, j), status(fmt.Sprintf("Statement %s: %s has not answered", d.number(i), personLabel(p, j+1))))
			}
		}
	}
	return status("Every statement has an answer from everyone")
}

func (d *dialogue) updateInput(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	switch k := d.env.keys; {
	case key.Matches(msg, k.Cancel):
		d.mode = modeScore
		return d, status("Cancelled: nothing changed")
	case key.Matches(msg, k.Enter):
		v := d.input.Value()
		mode := d.mode
		d.mode = modeScore
		if mode == modeJump {
			return d, d.jump(v)
		}
		p := d.people[d.row]
		st := d.statements[d.cur]
		old, _, _ := d.answer(p.ID, st.ID)
		in := workbook.ResponseInput{SiteID: d.siteID, AssessmentID: d.assessmentID, ParticipantID: p.ID, StatementID: st.ID,
			Score: old.Score, DontKnow: old.DontKnow, Comment: v}
		return d, d.answers.record(d.env, d, in, "comment of "+personLabel(p, d.row+1), analysis.Summary(d.watch.Check(v)))
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	return d, cmd
}

// number is the questionnaire's number of the i-th statement of this
// screen ("4.6"): the name every screen and report gives it.
func (d *dialogue) number(i int) string { return d.numbers.Number(d.statements[i].ID) }

// jump goes to the statement v names: its number ("4.6"), its place in
// this screen's list ("36") or its id.
func (d *dialogue) jump(v string) tea.Cmd {
	n, refused := jumpTarget(d.numbers, d.statements, d.group, v)
	if refused != "" {
		return statusRefused(refused)
	}
	return d.move(n, 0)
}

func (d *dialogue) updateNotes(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, d.env.keys.Cancel):
		d.mode = modeScore
		return d, status("Cancelled: nothing changed")
	case key.Matches(msg, d.env.keys.Save):
		d.mode = modeScore
		v := d.area.Value()
		st := d.statements[d.cur]
		if d.group == workbook.Outsider {
			ki := d.issueOf[st.ID]
			n := workbook.IssueNote{SiteID: d.siteID, AssessmentID: d.assessmentID, KeyIssueID: ki.ID, Notes: v}
			d.issueNotes[ki.ID] = n
			return d, d.env.save(d, saveJob{what: "verification note on " + ki.Title.In(d.lang), warn: analysis.Summary(d.watch.Check(v)), fn: func(c *workbook.Change) error {
				_, err := c.SetIssueNote(n)
				return err
			}})
		}
		n := d.notes[st.ID]
		n.SiteID, n.AssessmentID, n.StatementID, n.Notes = d.siteID, d.assessmentID, st.ID, v
		d.notes[st.ID] = n
		return d, d.env.save(d, saveJob{what: fmt.Sprintf("notes on statement %s", d.number(d.cur)), warn: analysis.Summary(d.watch.Check(v)), fn: func(c *workbook.Change) error {
			_, err := c.SetStatementNote(n)
			return err
		}})
	}
	var cmd tea.Cmd
	d.area, cmd = d.area.Update(msg)
	return d, cmd
}

func (d *dialogue) updateGroupScore(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	d.mode = modeScore
	st := d.statements[d.cur]
	n := d.notes[st.ID]
	switch {
	case key.Matches(msg, d.env.keys.GroupScoreKeys):
		v := digit(msg)
		if v > d.data.Questionnaire.Scale.Points {
			return d, status(fmt.Sprintf("Scores run from 1 to %d", d.data.Questionnaire.Scale.Points))
		}
		n.GroupScore = v
	case key.Matches(msg, d.env.keys.Clear):
		n.GroupScore = 0
	default:
		return d, status("Cancelled: group score unchanged")
	}
	n.SiteID, n.AssessmentID, n.StatementID = d.siteID, d.assessmentID, st.ID
	d.notes[st.ID] = n
	return d, d.env.save(d, saveJob{what: fmt.Sprintf("group score on statement %s", d.number(d.cur)), fn: func(c *workbook.Change) error {
		_, err := c.SetStatementNote(n)
		return err
	}})
}

// stats describes the current statement's scores from this screen's group.
func (d *dialogue) stats(st questionnaire.Statement) analysis.Stats {
	var as []analysis.Answer
	for _, p := range d.people {
		if r, ok, _ := d.answer(p.ID, st.ID); ok && r.Answered() {
			as = append(as, analysis.Answer{Score: r.Score, DontKnow: r.DontKnow})
		}
	}
	q := d.data.Questionnaire
	return analysis.Describe(q.Scale, q.Bands, st.Reverse, as)
}

// issueProgress counts the answers given and due under one key issue.
func (d *dialogue) issueProgress(ki questionnaire.KeyIssue) (done, total int) {
	for _, st := range d.statements {
		if d.issueOf[st.ID].ID != ki.ID {
			continue
		}
		for _, p := range d.people {
			total++
			if r, ok, _ := d.answer(p.ID, st.ID); ok && r.Answered() {
				done++
			}
		}
	}
	return done, total
}

func (d *dialogue) View() string {
	st := d.env.styles
	switch {
	case d.err != "":
		return st.Error.Render("Could not read the assessment: " + d.err)
	case d.data == nil:
		return st.Muted.Render("Reading…")
	case len(d.statements) == 0:
		return "This questionnaire has no statements for this group."
	case len(d.people) == 0:
		who := "insiders (the partnership's own people)"
		if d.group == workbook.Outsider {
			who = "outsiders (community members and partners outside the organisation)"
		}
		return st.Title.Render(d.Title()) + "\n\nNo " + who + " yet.\n\nPress " + st.Key.Render("p") + " to add the people taking part."
	}
	return d.render()
}

func (d *dialogue) render() string {
	st := d.env.styles
	w := d.width
	stmt := d.statements[d.cur]
	ki := d.issueOf[stmt.ID]
	q := d.data.Questionnaire

	var top strings.Builder
	saveState := st.Saved.Render("all saved ✓")
	if d.env.saves.busy() {
		saveState = st.Pending.Render("saving…")
	}
	head := statementHeading(d.numbers, d.statements, d.cur, d.group) + " · " + ki.Title.In(d.lang)
	top.WriteString(pad(st.Accent.Render(truncate(head, w-16)), w-14) + " " + saveState + "\n")
	text := stmt.Text.In(d.lang)
	if stmt.Reverse {
		text += st.Muted.Render("  (reversed: agreeing is bad)")
	}
	top.WriteString(st.Statement.Width(w).Render(text) + "\n")
	if help := stmt.Help.In(d.lang); help != "" {
		top.WriteString(st.Muted.Width(w).Render(truncateLines(help, w, 2)) + "\n")
	}

	s := d.stats(stmt)
	bottom := d.summary(stmt, s) + "\n" + d.progressLine()
	if d.finished >= 0 && d.finished < len(d.statements) && d.finished != d.cur {
		bottom = d.finishedLine() + "\n" + bottom
	}
	if d.mode != modeScore {
		bottom = d.editor() + "\n" + bottom
	}
	// The rows take the room left; the scale's labels go below when every
	// row fits with them, else the last line counts the rows not shown.
	room := d.height - lipgloss.Height(top.String()) - lipgloss.Height(bottom)
	legend := d.scaleLegend(q)
	switch lh := lipgloss.Height(legend) - 1; {
	case len(d.people)+lh <= room:
		room -= lh
	case len(d.people) > room:
		legend = ""
		room--
	default:
		legend = ""
	}
	return top.String() + d.rows(stmt, max(room, 1)) + "\n" + bottom + legend
}

// rows draws one row per participant, scrolled to keep the cursor in view.
func (d *dialogue) rows(stmt questionnaire.Statement, room int) string {
	st := d.env.styles
	nameW := min(max(d.width/3, 14), 28)
	start := 0
	if d.row >= room {
		start = d.row - room + 1
	}
	var b strings.Builder
	for i := start; i < len(d.people) && i < start+room; i++ {
		p := d.people[i]
		r, ok, pending := d.answer(p.ID, stmt.ID)
		score := scoreText(r, ok)
		mark := " "
		if pending {
			mark = "…"
		}
		comment := ""
		if r.Comment != "" {
			comment = "✎ " + strings.ReplaceAll(r.Comment, "\n", " ")
		}
		line := fmt.Sprintf("%s %s%s  %s", pad(personLabel(p, i+1), nameW), pad(score, 2), mark, comment)
		line = pad(line, d.width-2)
		if i == d.row && d.mode == modeScore {
			b.WriteString(st.Selected.Render("› "+line) + "\n")
		} else if pending {
			b.WriteString("  " + st.Pending.Render(line) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	if n := len(d.people); n > room {
		b.WriteString(st.Muted.Render(fmt.Sprintf("  (%d-%d of %d participants)", start+1, min(start+room, n), n)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// summary shows every score as dots on the scale, the mean, and whether
// the statement is contested, plus the group's agreed score and notes.
func (d *dialogue) summary(stmt questionnaire.Statement, s analysis.Stats) string {
	st := d.env.styles
	q := d.data.Questionnaire
	counts := make([]int, q.Scale.Points+1)
	for _, v := range s.Scores {
		counts[v]++
	}
	var dots []string
	for v := 1; v <= q.Scale.Points; v++ {
		dots = append(dots, fmt.Sprintf("%d %s", v, pad(strings.Repeat("●", counts[v]), max(counts[v], 1))))
	}
	line := strings.Join(dots, "  ")
	if s.DontKnow > 0 {
		line += fmt.Sprintf("  ? %d", s.DontKnow)
	}
	if stmt.Reverse {
		// The dots, the mean and the band are on the flipped scale, as
		// in every report; the rows above show the scores as typed.
		line += st.Muted.Render("  flipped: 5 typed is 1 here")
	}
	whose := "insiders'"
	if d.group == workbook.Outsider {
		whose = "outsiders'"
	}
	var facts string
	switch {
	case s.N >= analysis.MinRespondents:
		facts = fmt.Sprintf("%s mean %s (n=%d) %s", whose, mean(q.Bands, s.Mean), s.N, bandText(st, s.Band))
		if s.Contested {
			facts += "  " + st.Warning.Render("⚠ CONTESTED")
		}
	case s.N > 0:
		// As in every output, no mean of fewer than 3 people.
		facts = st.Muted.Render(fmt.Sprintf("n=%d: a mean is shown from %d scores", s.N, analysis.MinRespondents))
	default:
		facts = st.Muted.Render("no scores yet")
	}
	out := truncate(line, d.width) + "\n" + d.meanAxis(s) + "  " + facts
	if d.group == workbook.Insider {
		n := d.notes[stmt.ID]
		gs := "none"
		switch {
		case n.GroupScore > 0 && stmt.Reverse:
			gs = fmt.Sprintf("%d as typed (%d flipped, as the mean)", n.GroupScore, q.Scale.Points+1-n.GroupScore)
		case n.GroupScore > 0:
			gs = strconv.Itoa(n.GroupScore)
		}
		notes := strings.ReplaceAll(n.Notes, "\n", " ")
		if notes == "" {
			notes = st.Muted.Render("no notes yet (n)")
		}
		out += "\n" + truncate(fmt.Sprintf("Group score: %s · Notes: %s", gs, notes), d.width)
	} else {
		ki := d.issueOf[stmt.ID]
		notes := strings.ReplaceAll(d.issueNotes[ki.ID].Notes, "\n", " ")
		if notes == "" {
			notes = st.Muted.Render("none yet (n)")
		}
		out += "\n" + truncate("Verification note on this key issue: "+notes, d.width)
	}
	return out
}

// finishedLine is the result of the statement just finished, shown while
// the next one is scored: its dots, mean, band and whether it is
// contested, as the summary showed them, with no figure of fewer than 3
// people.
func (d *dialogue) finishedLine() string {
	st := d.env.styles
	stmt := d.statements[d.finished]
	s := analysis.Anonymise(d.stats(stmt))
	head := fmt.Sprintf("Statement %s done: ", d.number(d.finished))
	if s.Suppressed {
		return truncate(st.Muted.Render(head+fmt.Sprintf("n=%d, no figure of fewer than %d people", s.N, analysis.MinRespondents)), d.width)
	}
	counts := make([]int, d.data.Questionnaire.Scale.Points+1)
	for _, v := range s.Scores {
		counts[v]++
	}
	var dots []string
	for v, n := range counts {
		if n > 0 {
			dots = append(dots, fmt.Sprintf("%d %s", v, strings.Repeat("●", n)))
		}
	}
	line := head + fmt.Sprintf("mean %s (n=%d) %s", mean(d.data.Questionnaire.Bands, s.Mean), s.N, bandText(st, s.Band))
	if s.Contested {
		line += "  " + st.Warning.Render("⚠ CONTESTED")
	}
	return truncate(line+"  "+st.Muted.Render(strings.Join(dots, "  ")), d.width)
}

// meanAxis draws the scale as a line with the mean marked.
func (d *dialogue) meanAxis(s analysis.Stats) string {
	const width = 21
	points := d.data.Questionnaire.Scale.Points
	cells := []rune(strings.Repeat("─", width))
	if s.N >= analysis.MinRespondents && points > 1 {
		pos := int((s.Mean - 1) / float64(points-1) * float64(width-1))
		cells[min(max(pos, 0), width-1)] = '▲'
	}
	return fmt.Sprintf("1 %s %d", string(cells), points)
}

// progressLine shows how far each key issue has got, the current one
// marked.
func (d *dialogue) progressLine() string {
	st := d.env.styles
	cur := d.issueOf[d.statements[d.cur].ID].ID
	parts := []string{"Key issues:"}
	barW := 8 // four key issues fit in 80 columns with bars of 6
	if d.width < 90 {
		barW = 6
	}
	for i, ki := range d.data.Questionnaire.KeyIssues {
		done, total := d.issueProgress(ki)
		if total == 0 {
			continue
		}
		mark := " "
		if ki.ID == cur {
			mark = "›"
		}
		parts = append(parts, fmt.Sprintf("%s%d %s %3d%%", mark, i+1, bar(st, done, total, barW), done*100/total))
	}
	return truncate(strings.Join(parts, "  "), d.width)
}

func (d *dialogue) scaleLegend(q *questionnaire.Questionnaire) string {
	var parts []string
	for i, l := range q.Scale.Labels {
		parts = append(parts, fmt.Sprintf("%d %s", i+1, l.In(d.lang)))
	}
	parts = append(parts, "d "+q.Scale.DontKnow.In(d.lang))
	return "\n" + d.env.styles.Muted.Render(joinWrap(parts, " · ", d.width))
}

// editor draws the open text field.
func (d *dialogue) editor() string {
	st := d.env.styles
	switch d.mode {
	case modeComment:
		return st.Focused.Render("Comment of "+personLabel(d.people[d.row], d.row+1)+" (enter saves, esc cancels)") + "\n" + d.input.View()
	case modeJump:
		return st.Focused.Render("Jump to statement: type its number, e.g. "+d.number(len(d.statements)-1)+" (enter goes, esc cancels)") + "\n" + d.input.View()
	case modeNotes:
		what := "Dialogue notes on this statement"
		if d.group == workbook.Outsider {
			what = "Verification note on " + d.issueOf[d.statements[d.cur].ID].Title.In(d.lang)
		}
		return st.Focused.Render(what+" (ctrl+s saves, esc cancels)") + "\n" + d.area.View()
	case modeGroupScore:
		return st.Focused.Render(fmt.Sprintf("Group-agreed score: press 1-%d, x to clear, esc to cancel", d.data.Questionnaire.Scale.Points))
	}
	return ""
}

// truncateLines wraps s to width and keeps at most n lines.
func truncateLines(s string, width, n int) string {
	wrapped := lipgloss.NewStyle().Width(width).Render(s)
	lines := strings.Split(wrapped, "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = truncate(lines[n-1]+" …", width)
	}
	return strings.Join(lines, "\n")
}
