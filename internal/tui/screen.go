package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// Screen is one screen of the workbook. The root model routes every message
// it does not handle itself to the screen on top of its stack.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the screen's body in the size last given to SetSize.
	View() string
	SetSize(width, height int)
	// Title is the screen's name in the breadcrumb.
	Title() string
	// Keys lists the bindings the screen uses now, for the help line.
	Keys() []key.Binding
	// Typing reports whether a text field has the keyboard, so that q and
	// ? are text, not commands.
	Typing() bool
}

// Messages between screens and the root.
type (
	// pushMsg opens a screen on top of the current one.
	pushMsg struct{ screen Screen }
	// popMsg goes back to the screen below.
	popMsg struct{}
	// statusMsg shows a line in the status bar.
	statusMsg struct {
		text string
		err  bool
		warn bool // a warning: the text is shown in the warning style
	}
	// savedMsg reports that a change was committed to the store.
	savedMsg struct {
		what string
		seq  int
		// warn, when set, is what the saved text contains that may point
		// at a person ([analysis.TextWatch]).
		warn string
	}
	// saveFailedMsg reports that a change was not saved.
	saveFailedMsg struct {
		err error
		seq int
	}
	// placeMsg asks the root to remember where the facilitator is.
	placeMsg struct{ state workbook.UIState }
	// reloadMsg tells screens that data changed underneath them.
	reloadMsg struct{}
)

func push(s Screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }

func pop() tea.Msg { return popMsg{} }

func status(text string) tea.Cmd { return func() tea.Msg { return statusMsg{text: text} } }

// savedWarning is the status line after saving a text that names a
// participant or points at a group under 3 (found, from
// [analysis.Summary]), the warning first so that a narrow window still
// shows it. The text is saved as written; the report will warn again.
func savedWarning(what, found string) string {
	s := "Saved; check before sharing: it " + found
	if what != "" {
		s += " (" + what + ")"
	}
	return s
}

// savedStatus is the status after what was saved: a warning when found
// (what the text contains that may point at a person) is not "".
func savedStatus(what, found string) tea.Cmd {
	if found == "" {
		return status("Saved: " + what)
	}
	return func() tea.Msg { return statusMsg{text: savedWarning(what, found), warn: true} }
}

func statusErr(err error) tea.Cmd { return statusRefused(err.Error()) }

// statusRefused shows text as an error: an entry the screen could not
// use, written for the person who typed it.
func statusRefused(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: true} }
}

func remember(s workbook.UIState) tea.Cmd { return func() tea.Msg { return placeMsg{s} } }

// env is what every screen shares: the domain service, styles and keys.
type env struct {
	svc    *workbook.Service
	styles Styles
	keys   KeyMap
	hooks  Hooks
}

// change runs fn as one transaction inside a command and reports savedMsg
// (what describes it in the status bar) or saveFailedMsg.
func (e *env) change(what string, seq int, fn func(c *workbook.Change) error) tea.Cmd {
	return func() tea.Msg {
		if err := e.svc.Change(fn); err != nil {
			return saveFailedMsg{err: err, seq: seq}
		}
		return savedMsg{what: what, seq: seq}
	}
}
