package tui

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The dialogue's keys: scoring a row, moving between statements, and the
// comment, notes, group score and jump fields.

func (d *dialogue) updateScoring(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := d.env.keys
	if d.projecting {
		if cmd, done := d.updateProjector(msg); done {
			return d, cmd
		}
	}
	if key.Matches(msg, k.People) {
		d.env.open(newPeople(d.env, d.siteID, d.assessmentID, d.group))
		return d, nil
	}
	if len(d.people) == 0 || len(d.statements) == 0 {
		return d, nil
	}
	switch {
	case key.Matches(msg, k.Projector):
		return d, d.project(true)
	case key.Matches(msg, k.Score):
		n := digit(msg)
		if n > d.data.Questionnaire.Scale.Points {
			return d, status(d.l.T("tui.dialogue.scores_run_dk", "Points", d.data.Questionnaire.Scale.Points))
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
		d.mode, d.found = modeJump, statementFind{}
		d.input = newInput(d.l.T("tui.dialogue.jump_placeholder", "Number", d.number(len(d.statements)-1), "Last", len(d.statements)), "", 64, d.width)
		return d, d.input.Focus()
	case key.Matches(msg, k.Comment):
		p := d.people[d.row]
		r, _, _ := d.answer(p.ID, d.statements[d.cur].ID)
		d.mode = modeComment
		d.input = newInput(d.l.T("tui.dialogue.comment_placeholder"), r.Comment, workbook.MaxLongText, d.width)
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
	what := d.l.T("tui.dialogue.scored", "Person", personLabel(d.l, p, d.row+1), "Number", d.number(d.cur),
		"Score", scoreText(workbook.Response{Score: score, DontKnow: dk}, true))
	room := d.l.T("tui.projector.saved", "Number", d.number(d.cur))
	if d.row == len(d.people)-1 && d.cur == len(d.statements)-1 {
		// Nowhere to move on to: say so, or the next key would change
		// this answer unnoticed.
		end := d.endNote(p.ID, st.ID)
		what, room = what+end, room+end
	}
	if d.projecting {
		d.finished = -1 // the room sees the statement being scored
	}
	cmd := d.answers.recordUndoable(d.env, d, in, what, room, "")
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
				return " · " + d.l.T("tui.dialogue.end_lacking", "Number", d.number(i))
			}
		}
	}
	return " · " + d.l.T("tui.dialogue.end_complete")
}

// clear removes the current row's score (keeping its comment).
func (d *dialogue) clear() tea.Cmd {
	p := d.people[d.row]
	st := d.statements[d.cur]
	old, _, _ := d.answer(p.ID, st.ID)
	in := workbook.ResponseInput{SiteID: d.siteID, AssessmentID: d.assessmentID, ParticipantID: p.ID, StatementID: st.ID, Comment: old.Comment}
	return d.answers.recordUndoable(d.env, d, in, d.l.T("tui.dialogue.cleared", "Person", personLabel(d.l, p, d.row+1), "Number", d.number(d.cur)),
		d.l.T("tui.projector.cleared", "Number", d.number(d.cur)), "")
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
				if d.projecting {
					return tea.Batch(d.move(i, j), status(d.l.T("tui.projector.not_answered", "Number", d.number(i))))
				}
				return tea.Batch(d.move(i, j), status(d.l.T("tui.dialogue.not_answered", "Number", d.number(i), "Person", personLabel(d.l, p, j+1))))
			}
		}
	}
	return status(d.l.T("tui.dialogue.all_answered"))
}

func (d *dialogue) updateInput(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	switch k := d.env.keys; {
	case key.Matches(msg, k.Cancel):
		finding := d.mode == modeJump && d.finding()
		d.mode, d.found = modeScore, statementFind{}
		if finding {
			return d, status(d.l.T("tui.dialogue.find.closed", "Number", d.number(d.cur)))
		}
		return d, status(d.l.T("tui.dialogue.cancelled"))
	case key.Matches(msg, k.Enter):
		v := d.input.Value()
		if d.mode == modeJump {
			return d, d.jump(v)
		}
		d.mode = modeScore
		p := d.people[d.row]
		st := d.statements[d.cur]
		old, _, _ := d.answer(p.ID, st.ID)
		in := workbook.ResponseInput{SiteID: d.siteID, AssessmentID: d.assessmentID, ParticipantID: p.ID, StatementID: st.ID,
			Score: old.Score, DontKnow: old.DontKnow, Comment: v}
		return d, d.answers.recordUndoable(d.env, d, in, d.l.T("tui.dialogue.comment_of", "Person", personLabel(d.l, p, d.row+1)), "", warnSummary(d.l, d.watch.Check(v)))
	}
	var cmd tea.Cmd
	d.input, cmd = d.input.Update(msg)
	return d, cmd
}

// number is the questionnaire's number of the i-th statement of this
// screen ("4.6"): the name every screen and report gives it.
func (d *dialogue) number(i int) string { return d.numbers.Number(d.statements[i].ID) }

// jump goes to the statement v names: its number ("4.6"), its place in
// this screen's list ("36") or its id; or, when v has words, to the next
// statement whose text holds them all (findStatements). The field stays
// open while words found statements, so that enter goes on to the next.
func (d *dialogue) jump(v string) tea.Cmd {
	if d.finding() {
		return d.nextFound()
	}
	d.mode, d.found = modeScore, statementFind{}
	n, refused := jumpTarget(d.l, d.numbers, d.statements, d.group, v)
	switch {
	case refused == "":
		return d.move(n, 0)
	case !hasLetter(v):
		return statusRefused(refused)
	}
	at := findStatements(d.statements, d.lang, v)
	if len(at) == 0 {
		id := "tui.dialogue.find.none"
		if d.group == workbook.Outsider {
			id = "tui.dialogue.find.none_verification"
		}
		return statusRefused(d.l.T(id, "Words", d.foundWords(v), "Example", d.number(len(d.statements)-1)))
	}
	d.mode, d.found = modeJump, statementFind{typed: v, at: at}
	return d.nextFound()
}

// statementFind is what the jump field's words found: what was typed,
// and the places of the statements that hold the words.
type statementFind struct {
	typed string
	at    []int // indices into the screen's statements, in order
}

// finding reports whether the jump field holds words that found
// statements, as they were typed.
func (d *dialogue) finding() bool {
	return len(d.found.at) > 0 && d.input.Value() == d.found.typed
}

// nextFound goes to the first statement found after the current one,
// wrapping to the first, and says which of how many it is.
func (d *dialogue) nextFound() tea.Cmd {
	at := d.found.at
	k := 0
	for j, i := range at {
		if i > d.cur {
			k = j
			break
		}
	}
	i := at[k]
	return tea.Batch(d.move(i, 0), status(d.l.N("tui.dialogue.find.found", len(at), "Number", d.number(i), "Match", k+1, "Words", d.foundWords(d.found.typed))))
}

// foundWords is what was typed to find statements, quoted, short enough
// for the status bar.
func (d *dialogue) foundWords(v string) string {
	return d.l.Quote(truncate(strings.Join(strings.Fields(v), " "), 24))
}

// findStatements returns the places of the statements whose text, in
// lang, holds every word of v, compared as the lists' filter compares
// (searchKey: without case, accents or punctuation).
func findStatements(statements []questionnaire.Statement, lang, v string) []int {
	words := strings.Fields(searchKey(v))
	if len(words) == 0 {
		return nil
	}
	var at []int
	for i, st := range statements {
		if containsAll(searchKey(st.Text.In(lang)), words) {
			at = append(at, i)
		}
	}
	return at
}

// hasLetter reports whether v has a letter: words to find, not a number.
func hasLetter(v string) bool { return strings.IndexFunc(v, unicode.IsLetter) >= 0 }

func (d *dialogue) updateNotes(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	switch {
	case key.Matches(msg, d.env.keys.Cancel):
		d.mode = modeScore
		return d, status(d.l.T("tui.dialogue.cancelled"))
	case key.Matches(msg, d.env.keys.Save):
		d.mode = modeScore
		v := d.area.Value()
		st := d.statements[d.cur]
		if d.group == workbook.Outsider {
			ki := d.issueOf[st.ID]
			n := workbook.IssueNote{SiteID: d.siteID, AssessmentID: d.assessmentID, KeyIssueID: ki.ID, Notes: v}
			d.issueNotes[ki.ID] = n
			undo := &undoStep{what: d.l.T("tui.dialogue.issue_note_on", "Issue", ki.Title.In(d.lang))}
			return d, d.env.save(d, saveJob{what: undo.what, warn: warnSummary(d.l, d.watch.Check(v)), undo: undo, fn: func(c *workbook.Change) error {
				return setIssueNote(undo, c, n)
			}})
		}
		n := d.notes[st.ID]
		n.SiteID, n.AssessmentID, n.StatementID, n.Notes = d.siteID, d.assessmentID, st.ID, v
		d.notes[st.ID] = n
		undo := &undoStep{what: d.l.T("tui.dialogue.notes_on", "Number", d.number(d.cur))}
		return d, d.env.save(d, saveJob{what: undo.what, warn: warnSummary(d.l, d.watch.Check(v)), undo: undo, fn: func(c *workbook.Change) error {
			return setStatementNote(undo, c, n)
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
			return d, status(d.l.T("tui.dialogue.scores_run", "Points", d.data.Questionnaire.Scale.Points))
		}
		n.GroupScore = v
	case key.Matches(msg, d.env.keys.Clear):
		n.GroupScore = 0
	default:
		return d, status(d.l.T("tui.dialogue.group_score_cancelled"))
	}
	n.SiteID, n.AssessmentID, n.StatementID = d.siteID, d.assessmentID, st.ID
	d.notes[st.ID] = n
	undo := &undoStep{what: d.l.T("tui.dialogue.group_score_on", "Number", d.number(d.cur))}
	return d, d.env.save(d, saveJob{what: undo.what, undo: undo, fn: func(c *workbook.Change) error {
		return setStatementNote(undo, c, n)
	}})
}
