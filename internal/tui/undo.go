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
