package tui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Undo: ctrl+z takes back the last change made on the screen on top, as
// many steps as the screen has made.
//
// A change that can be taken back carries an undoStep in its saveJob. The
// change fills the step's inverse in while it runs, inside its own
// transaction, from what the store held just before (a participant's
// answers before they are deleted, the mark before it is set), so the
// inverse puts back what was there, not what the screen showed. Once the
// change is committed the root pushes the step onto the stack of the
// screen it was made on; a step whose change was refused is never pushed.
// ctrl+z pops the top step and queues its inverse in the one saver, as one
// workbook.Change, after whatever is still being saved; the screen reads
// the store again once it is done.
//
// The inverses are the workbook's Undo functions, which refuse
// (workbook.ErrChangedSince) when the record was changed after the change
// being taken back: the status line says so and nothing changes, and the
// step is dropped, as it is when the domain's rules refuse the inverse (a
// limit reached since). A step that failed for another reason (a full
// disk) goes back on the stack to be tried again.
//
// A change made on an undoable screen that cannot be taken back (a review
// of an action) empties the screen's stack: ctrl+z always takes back the
// last change, never one from before it.
//
// The stacks belong to the screens: a screen's goes when the screen is
// closed.

// undoStep is one change a screen can take back.
type undoStep struct {
	// on is the screen whose stack the step joins: the one the change was
	// made on; nil is the job's owner. A form's changes are the screen's
	// that opened it.
	on Screen
	// what is what the change was, as the status line said when it was
	// saved; room is the same without a name or an answer, for while the
	// room sees the screen ([roomView]).
	what, room string
	// back takes the change back. The change sets it as it runs; it stays
	// nil when the change turned out to change nothing.
	back func(c *workbook.Change) error
	// at, when set, is where the change was made, for the screen to go
	// back to once it is taken back ([undoneMsg]): a respKey on the
	// dialogue, a partnership's id on the map.
	at string
}

// undoneMsg tells the screen a step of its own was taken back, so that it
// can show where.
type undoneMsg struct{ step *undoStep }

// undoStacks are the steps each open screen can take back, the last on
// top.
type undoStacks map[Screen][]*undoStep

// undoable marks the screens whose changes can be taken back: the help
// lists ctrl+z on them.
type undoable interface{ undoable() }

func (*dialogue) undoable()     {}
func (*selectScreen) undoable() {}
func (*mapScreen) undoable()    {}
func (*people) undoable()       {}
func (*barriers) undoable()     {}

// showUndone goes to the answer a step taken back was about, at (a
// respKey), when the screen lists it.
func (d *dialogue) showUndone(at string) tea.Cmd {
	for i, st := range d.statements {
		for j, p := range d.people {
			if respKey(p.ID, st.ID) == at {
				return d.move(i, j)
			}
		}
	}
	return nil
}

// pushUndo puts the step of job j, just committed, on the stack of the
// screen it was made on, when that screen is still open. A change that
// cannot be taken back empties that stack instead: ctrl+z takes back the
// last change, and the steps under it would skip it.
func (m *Model) pushUndo(j saveJob) {
	if j.undoing != nil {
		return
	}
	on := m.madeOn(j)
	if on == nil {
		return // closed meanwhile: its stack went with it
	}
	switch st := j.undo; {
	case st == nil:
		delete(m.env.undo, on)
	case st.back != nil:
		if m.env.undo == nil {
			m.env.undo = undoStacks{}
		}
		m.env.undo[on] = append(m.env.undo[on], st)
	}
}

// madeOn is the open screen job j's change was made on: its step's, else
// its owner; a form's is the screen under it, which opened it. nil when
// that screen is closed.
func (m *Model) madeOn(j saveJob) Screen {
	on := j.owner
	if j.undo != nil && j.undo.on != nil {
		on = j.undo.on
	}
	for i, s := range m.stack {
		if s != on {
			continue
		}
		if _, isForm := s.(*form); isForm && j.undo == nil && i > 0 {
			return m.stack[i-1]
		}
		return s
	}
	return nil
}

// showUndo reports whether the footer lists ctrl+z: when the top screen
// has a change to take back, but for the projector view, whose narrow
// footer keeps its room for the way back to the facilitator's view.
func (m *Model) showUndo() bool {
	return len(m.env.undo[m.top()]) > 0 && !projecting(m.top()) && !m.top().Typing()
}

// helpKeys are the keys the ? help lists: the footer's, with ctrl+z on a
// screen that can take changes back, whether or not it has one yet.
func (m *Model) helpKeys() []key.Binding {
	keys := m.footerKeys()
	_, ok := m.top().(undoable)
	if !ok || m.showUndo() || m.top().Typing() {
		return keys
	}
	// Before ? and q, as the footer has it.
	n := len(keys) - 2
	return append(append(keys[:n:n], m.keys().Undo), keys[n:]...)
}

// undo takes back the top screen's last change: it queues the inverse,
// which undone reports on.
func (m *Model) undo() tea.Cmd {
	s := m.top()
	l := m.env.langOf(s)
	steps := m.env.undo[s]
	switch {
	case len(steps) == 0:
		return status(l.T("tui.undo.nothing"))
	case m.env.saves.busy():
		// The change being saved may be the one to take back: its step is
		// not on the stack until it is committed.
		return status(l.T("tui.undo.busy"))
	}
	st := steps[len(steps)-1]
	m.env.undo[s] = steps[:len(steps)-1]
	return m.env.save(s, saveJob{key: "undo", undoing: st, ownsFailure: true, fn: st.back})
}

// undone reports on the inverse of job j, just committed (err nil) or
// refused, and has its screen read the store again.
func (m *Model) undone(j saveJob, err error) tea.Cmd {
	st, room := j.undoing, projecting(m.top())
	l := m.env.langOf(j.owner)
	switch {
	case err == nil && room:
		m.status, m.isErr, m.isWarn = l.T("tui.undo.done_room"), false, false
	case err == nil:
		m.status, m.isErr, m.isWarn = l.T("tui.undo.done", "What", st.what), false, false
	case errors.Is(err, workbook.ErrChangedSince) && room:
		m.status, m.isErr, m.isWarn = l.T("tui.undo.changed_room"), true, false
	case errors.Is(err, workbook.ErrChangedSince):
		m.status, m.isErr, m.isWarn = l.T("tui.undo.changed", "What", st.what), true, false
	case refusal(err) && room:
		m.status, m.isErr, m.isWarn = l.T("tui.undo.refused_room"), true, false
	case refusal(err):
		m.status, m.isErr, m.isWarn = l.T("tui.undo.refused", "What", st.what, "Err", err.Error()), true, false
	default:
		if m.env.undo != nil && m.isOpen(j.owner) {
			m.env.undo[j.owner] = append(m.env.undo[j.owner], st) // to try again
		}
		if room {
			m.status = l.T("tui.undo.failed_room")
		} else {
			m.status = undoFailed(l, err)
		}
		m.isErr, m.isWarn = true, false
	}
	if !m.isOpen(j.owner) {
		return nil
	}
	var cmds []tea.Cmd
	if err == nil {
		cmds = append(cmds, m.route(j.owner, undoneMsg{st}))
	}
	return tea.Batch(append(cmds, m.route(j.owner, reloadMsg{}))...)
}

// refusal reports whether err is the domain's refusal of the inverse by
// its rules (a field, a limit, a record gone): trying again would give the
// same, so the step is dropped.
func refusal(err error) bool {
	var fe *workbook.FieldError
	var fes workbook.FieldErrors
	var le *workbook.LimitError
	return errors.As(err, &fe) || errors.As(err, &fes) || errors.As(err, &le) || errors.Is(err, workbook.ErrNotFound)
}

// undoFailed words an inverse that was not saved for the status bar in
// l, as notSaved does a change.
func undoFailed(l *i18n.Lang, err error) string {
	text, _ := strings.CutPrefix(err.Error(), "not saved: ")
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		text += "; " + h.Hint()
	}
	return l.T("tui.undo.failed", "Err", text)
}

func (m *Model) isOpen(s Screen) bool {
	for _, x := range m.stack {
		if x == s {
			return true
		}
	}
	return false
}

// The changes of the screens, each with the step that takes it back.

// recordUndoable is record, and the answer can be taken back on owner:
// to the answer the store held just before.
func (a *answerSheet) recordUndoable(e *env, owner Screen, in workbook.ResponseInput, what, room, warn string) tea.Cmd {
	j := a.job(in, what, room, warn)
	st := &undoStep{what: what, room: room, at: respKey(in.ParticipantID, in.StatementID)}
	j.undo = st
	j.fn = func(c *workbook.Change) error {
		was, err := c.Response(in.SiteID, in.AssessmentID, in.ParticipantID, in.StatementID)
		if err != nil {
			return err
		}
		now, err := c.RecordResponse(in)
		if err != nil {
			return err
		}
		st.back = nil
		if was.Score != now.Score || was.DontKnow != now.DontKnow || was.Comment != now.Comment {
			st.back = func(c *workbook.Change) error { return c.UndoResponse(was, now) }
		}
		return nil
	}
	return e.saveAnswer(owner, j)
}

// markCells is the change that sets cells of the selection's table, and
// the step that sets them back.
func markCells(siteID, what string, cells []cellChange) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(ch *workbook.Change) error {
		type undoCell struct {
			pid, cid string
			was, now workbook.CriterionMark
		}
		var done []undoCell
		for _, c := range cells {
			p, err := ch.Partnership(siteID, c.pid)
			if err != nil {
				return err
			}
			was := p.Criteria[c.cid]
			if p, err = ch.SetCriterion(siteID, c.pid, c.cid, c.mark); err != nil {
				return err
			}
			if now := p.Criteria[c.cid]; now != was {
				done = append(done, undoCell{c.pid, c.cid, was, now})
			}
		}
		st.back = nil
		if len(done) > 0 {
			st.back = func(ch *workbook.Change) error {
				for i := len(done) - 1; i >= 0; i-- {
					c := done[i]
					if err := ch.UndoCriterion(siteID, c.pid, c.cid, c.was, c.now); err != nil {
						return err
					}
				}
				return nil
			}
		}
		return nil
	}, st
}

// deletePartnership is the change that deletes a mapped partnership, and
// the step that puts it back, selected again where it was.
func deletePartnership(siteID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what, at: id}
	return func(c *workbook.Change) error {
		rec, err := c.PartnershipRecord(siteID, id)
		if err != nil {
			return err
		}
		if err := c.DeletePartnership(siteID, id); err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoPartnershipDeleted(rec) }
		return nil
	}, st
}

// deleteParticipant is the change that removes a participant, and the step
// that puts them back with their answers and comments.
func deleteParticipant(siteID, assessmentID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(c *workbook.Change) error {
		rec, err := c.ParticipantRecord(siteID, assessmentID, id)
		if err != nil {
			return err
		}
		if err := c.DeleteParticipant(siteID, assessmentID, id); err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoParticipantDeleted(rec) }
		return nil
	}, st
}

// saveFinding is the change that writes finding f (new, or an edit), and
// fills in st the step that takes it back: removing a new finding, or
// writing back the finding as the store held it.
func saveFinding(st *undoStep, f workbook.Finding) func(*workbook.Change) error {
	return func(c *workbook.Change) error {
		var was *workbook.Finding
		if f.ID != "" {
			fs, err := c.Findings(f.SiteID, f.AssessmentID)
			if err != nil {
				return err
			}
			for i := range fs {
				if fs[i].ID == f.ID {
					was = &fs[i]
				}
			}
		}
		now, err := c.SaveFinding(f)
		if err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoFindingSaved(was, now) }
		return nil
	}
}

// saveIntervention is saveFinding for a line of the action plan.
func saveIntervention(st *undoStep, iv workbook.Intervention) func(*workbook.Change) error {
	return func(c *workbook.Change) error {
		var was *workbook.Intervention
		if iv.ID != "" {
			ivs, err := c.Interventions(iv.SiteID, iv.AssessmentID)
			if err != nil {
				return err
			}
			for i := range ivs {
				if ivs[i].ID == iv.ID {
					was = &ivs[i]
				}
			}
		}
		now, err := c.SaveIntervention(iv)
		if err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoInterventionSaved(was, now) }
		return nil
	}
}

// deleteFinding is the change that deletes a finding, and the step that
// puts it back.
func deleteFinding(siteID, assessmentID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(c *workbook.Change) error {
		fs, err := c.Findings(siteID, assessmentID)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if f.ID == id {
				if err := c.DeleteFinding(siteID, assessmentID, id); err != nil {
					return err
				}
				st.back = func(c *workbook.Change) error { return c.UndoFindingDeleted(f) }
				return nil
			}
		}
		return c.DeleteFinding(siteID, assessmentID, id) // says it is not there
	}, st
}

// deleteIntervention is the change that deletes a line of the action plan,
// and the step that puts it back with its status and reviews.
func deleteIntervention(siteID, assessmentID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(c *workbook.Change) error {
		ivs, err := c.Interventions(siteID, assessmentID)
		if err != nil {
			return err
		}
		for _, iv := range ivs {
			if iv.ID == id {
				if err := c.DeleteIntervention(siteID, assessmentID, id); err != nil {
					return err
				}
				st.back = func(c *workbook.Change) error { return c.UndoInterventionDeleted(iv) }
				return nil
			}
		}
		return c.DeleteIntervention(siteID, assessmentID, id)
	}, st
}

// savePartnership is c.SavePartnership(p) that st takes back: removing a
// new partnership, or saving back the one the store held.
func savePartnership(st *undoStep, c *workbook.Change, p workbook.Partnership) (workbook.Partnership, error) {
	var was *workbook.Partnership
	if p.ID != "" {
		old, err := c.Partnership(p.SiteID, p.ID)
		switch {
		case err == nil:
			was = &old
		case !errors.Is(err, workbook.ErrNotFound):
			return workbook.Partnership{}, err
		}
	}
	now, err := c.SavePartnership(p)
	if err == nil {
		st.back, st.at = func(c *workbook.Change) error { return c.UndoPartnershipSaved(was, now) }, now.ID
	}
	return now, err
}

// saveParticipant is c.SaveParticipant(p) that st takes back: removing a
// new participant who has not answered, or saving back the one the store
// held.
func saveParticipant(st *undoStep, c *workbook.Change, p workbook.Participant) (workbook.Participant, error) {
	var was *workbook.Participant
	if p.ID != "" {
		old, err := c.Participant(p.SiteID, p.AssessmentID, p.ID)
		switch {
		case err == nil:
			was = &old
		case !errors.Is(err, workbook.ErrNotFound):
			return workbook.Participant{}, err
		}
	}
	now, err := c.SaveParticipant(p)
	if err == nil {
		st.back = func(c *workbook.Change) error { return c.UndoParticipantSaved(was, now) }
	}
	return now, err
}

// selectPartnership is c.SelectPartnership that st takes back: the
// assessment selects what it did before, with the reason it had.
func selectPartnership(st *undoStep, c *workbook.Change, siteID, assessmentID, partnershipID, reason string) error {
	was, err := c.Assessment(siteID, assessmentID)
	if err != nil {
		return err
	}
	now, err := c.SelectPartnership(siteID, assessmentID, partnershipID, reason)
	if err == nil && (now.PartnershipID != was.PartnershipID || now.SelectionReason != was.SelectionReason) {
		st.back = func(c *workbook.Change) error { return c.UndoSelection(was, now) }
	}
	return err
}

// setStatementNote is c.SetStatementNote(n) that st takes back: the
// statement's notes and group score as the store held them.
func setStatementNote(st *undoStep, c *workbook.Change, n workbook.StatementNote) error {
	was, err := c.StatementNote(n.SiteID, n.AssessmentID, n.StatementID)
	if err != nil {
		return err
	}
	now, err := c.SetStatementNote(n)
	if err == nil && (now.GroupScore != was.GroupScore || now.Notes != was.Notes) {
		st.back = func(c *workbook.Change) error { return c.UndoStatementNote(was, now) }
	}
	return err
}

// setIssueNote is c.SetIssueNote(n) that st takes back.
func setIssueNote(st *undoStep, c *workbook.Change, n workbook.IssueNote) error {
	was, err := c.IssueNote(n.SiteID, n.AssessmentID, n.KeyIssueID)
	if err != nil {
		return err
	}
	now, err := c.SetIssueNote(n)
	if err == nil && now.Notes != was.Notes {
		st.back = func(c *workbook.Change) error { return c.UndoIssueNote(was, now) }
	}
	return err
}
