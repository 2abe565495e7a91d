// Package tui is the interactive workbook: a Bubble Tea program that walks a
// facilitator through the five steps with a site's people.
//
// # Structure
//
// [Model] is a router: it handles the window size, the global keys (quit,
// help, back) and the messages screens send each other, and hands
// everything else to the [Screen] on top of its stack. Each step is a
// screen of its own file; what several screens use has a file of its own
// (listwindow.go, confirm.go, answers.go, loaders.go, help.go, gaps.go).
//
// # Background work
//
// Every change goes through the one saver (saver.go), which commits the
// workbook package's Changes one at a time inside tea.Cmds; when one ends
// the root tells every open screen with a saveDoneMsg, and a screen shows
// a value as saved only then, after the transaction is on disk. A screen
// can be left while its changes are saved; quitting waits for them. What
// any other command of a screen returns (a load, a report) is addressed
// to that screen (deliver). Screens open and close screens with env.open
// and env.close, which the root makes before it reads the next key.
//
// # Keys
//
// Every key is a binding of the one [KeyMap]; the footer and the ? help
// are drawn from the bindings a screen lists.
//
// # Resuming
//
// The root remembers the site, step and statement in the store as the
// facilitator moves, and [New] reopens there.
package tui

import (
	"reflect"
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Minimum usable window: below it the screen asks for a larger window.
const (
	MinWidth  = 60
	MinHeight = 16
)

// Hooks are capabilities the TUI borrows from the rest of engage. A nil
// hook hides what needs it.
type Hooks struct {
	// Backup takes an automatic backup of the store before a deletion.
	Backup func(reason string) (string, error)
	// Report writes the PDF report of an assessment and says what it
	// wrote.
	Report func(siteID, assessmentID string) (ReportResult, error)
	// Compare writes the comparison of sites (ids, in the order given) as
	// a PDF and CSVs, calling progress after each site.
	Compare func(siteIDs []string, progress func(done, total int)) (CompareResult, error)
}

// Options configure the interactive workbook.
type Options struct {
	Service *workbook.Service
	// Questionnaires are those a new site can use; the first is the
	// default.
	Questionnaires []*questionnaire.Questionnaire
	StorePath      string
	Hooks          Hooks
	// Dark says whether the terminal background is dark (until the
	// terminal answers for itself).
	Dark bool
	// Catalog holds the languages the screens can speak (nil is the
	// embedded set), and Lang is the user's language (--lang, LANG;
	// nil is English): the list of sites and everything not about one
	// site speak it, a site's screens speak the site's language.
	Catalog *i18n.Catalog
	Lang    *i18n.Lang
}

// Model is the root of the interactive workbook.
type Model struct {
	env      *env
	opts     Options
	stack    []Screen
	help     help.Model
	overlay  helpOverlay // the ? screen, over the top screen
	width    int
	height   int
	status   string
	isErr    bool
	isWarn   bool // a warning about what was saved, such as a name in a note
	place    workbook.UIState
	quitting bool
	// quitAsk asks before ctrl+c quits while a text field has the
	// keyboard: what is typed there is not saved yet.
	quitAsk confirmPrompt
	// quitHeld is set when quitting waits for the saver to empty.
	quitHeld bool
	// typeahead are the keys pressed while the top screen was still
	// loading, in order; they go to it once it has loaded.
	typeahead []tea.KeyPressMsg
	// orphaned is set when a change of a screen no longer open was saved:
	// the top screen reads the store again once the saver is idle.
	orphaned bool
}

// New builds the root model, reopening at the place the store remembers.
func New(opts Options) (*Model, error) {
	e := newEnv(opts.Service, NewStyles(opts.Dark), opts.Hooks)
	e.cat, e.user = opts.Catalog, opts.Lang
	if e.user == nil {
		e.user = e.cat.For(i18n.Fallback)
	}
	e.keys = e.keysIn(e.user)
	m := &Model{env: e, opts: opts, help: help.New()}
	m.help.Styles = help.DefaultStyles(opts.Dark)
	home := newHome(e, opts.Questionnaires)
	m.stack = []Screen{home}
	var place workbook.UIState
	if err := opts.Service.Read(func(r *workbook.Reader) error {
		var err error
		place, err = r.UIState()
		return err
	}); err != nil {
		return nil, err
	}
	m.place = place
	for _, s := range resume(e, place) {
		m.stack = append(m.stack, s)
	}
	return m, nil
}

// Init starts the top screen and asks the terminal for its background.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	for _, s := range m.stack {
		cmds = append(cmds, deliver(s, s.Init()))
	}
	return tea.Batch(cmds...)
}

func (m *Model) top() Screen { return m.stack[len(m.stack)-1] }

// keys is the keymap in the top screen's language: the keys the root
// adds to a screen's help speak as the screen does.
func (m *Model) keys() KeyMap { return m.env.keysIn(m.env.langOf(m.top())) }

// Update routes a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		for _, s := range m.stack {
			s.SetSize(m.bodySize())
		}
		return m, nil
	case tea.BackgroundColorMsg:
		dark := msg.IsDark()
		m.env.styles = NewStyles(dark)
		m.help.Styles = help.DefaultStyles(dark)
		return m, nil
	case tea.KeyPressMsg:
		if m.topLoading() && !key.Matches(msg, m.env.keys.ForceQuit) {
			m.typeahead = append(m.typeahead, msg)
			return m, nil
		}
		if cmd, done := m.globalKey(msg); done {
			return m, cmd
		}
	case pushMsg:
		return m, m.push(msg.screen)
	case addressedMsg:
		for _, s := range m.stack {
			if s == msg.to {
				cmd := m.route(s, msg.msg)
				return m, tea.Batch(cmd, m.replay())
			}
		}
		return m, nil // the screen was closed meanwhile
	case popMsg:
		return m, m.back()
	case quitMsg:
		m.quitting = true
		return m, tea.Quit
	case statusMsg:
		m.status, m.isErr, m.isWarn = msg.text, msg.err, msg.warn
		return m, nil
	case placeMsg:
		// Whether the room sees the screen goes with the place: Engage
		// reopens as the room last saw it.
		msg.state.Projector = m.env.projector
		if msg.state == m.place {
			return m, nil
		}
		m.place = msg.state
		st, l := msg.state, m.env.langOf(m.top())
		return m, func() tea.Msg {
			if err := m.env.svc.Change(func(c *workbook.Change) error { return c.SetUIState(st) }); err != nil {
				return statusMsg{text: l.T("tui.app.place_failed", "Err", err.Error()), err: true}
			}
			return nil
		}
	case saveFailedMsg:
		j, cmd := m.saveDone(msg.seq, msg.err)
		if j.undoing != nil {
			return m, tea.Batch(cmd, m.undone(j, msg.err))
		}
		switch {
		case projecting(m.top()):
			// The reason may name whose answer it was: the screen gives
			// it once the room no longer sees it.
			m.status, m.isErr, m.isWarn = m.env.langOf(m.top()).T("tui.app.not_saved_room"), true, false
		case !j.ownsFailure:
			m.status, m.isErr, m.isWarn = notSaved(m.env.langOf(j.owner), msg.err), true, false
		}
		return m, cmd
	case savedMsg:
		j, cmd := m.saveDone(msg.seq, nil)
		if j.undoing != nil {
			return m, tea.Batch(cmd, m.undone(j, nil))
		}
		switch {
		case projecting(m.top()):
			if msg.what != "" || msg.warn != "" || j.room != "" {
				st := roomStatus(m.env.langOf(m.top()), j, msg)
				m.status, m.isErr, m.isWarn = st.text, false, st.warn
			}
		case msg.what != "" || msg.warn != "":
			st := savedStatus(m.env.langOf(j.owner), msg)
			m.status, m.isErr, m.isWarn = st.text, false, st.warn
		}
		return m, cmd
	case tea.PasteMsg:
		if m.overlay.open {
			return m, nil // the help takes the paste too
		}
		// The text inputs leave out what is not text; say so rather than
		// change the paste silently.
		if n := notText(msg.Content); n > 0 {
			m.status, m.isErr, m.isWarn = m.env.langOf(m.top()).N("tui.app.paste_left_out", n), true, false
		}
	}
	return m, m.route(m.top(), msg)
}

// route hands msg to screen s, addresses what its commands return to it,
// and makes the moves it asked for.
func (m *Model) route(s Screen, msg tea.Msg) tea.Cmd {
	for i := range m.stack {
		if m.stack[i] == s {
			var cmd tea.Cmd
			m.stack[i], cmd = s.Update(msg)
			cmds := []tea.Cmd{deliver(m.stack[i], cmd)}
			for _, mv := range m.env.takeMoves() {
				switch mv := mv.(type) {
				case pushMsg:
					cmds = append(cmds, m.push(mv.screen))
				case popMsg:
					cmds = append(cmds, m.back())
				}
			}
			return tea.Batch(cmds...)
		}
	}
	return nil
}

// topLoading reports whether the top screen is still reading what it
// shows for the first time.
func (m *Model) topLoading() bool {
	l, ok := m.top().(loader)
	return ok && l.loading()
}

// replay hands the keys typed while the top screen was loading to it, in
// order, once it has loaded; a key that opens another screen still
// loading keeps the rest waiting for that one.
func (m *Model) replay() tea.Cmd {
	if len(m.typeahead) == 0 || m.topLoading() {
		return nil
	}
	keys := m.typeahead
	m.typeahead = nil
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// push opens s on top of the stack.
func (m *Model) push(s Screen) tea.Cmd {
	s.SetSize(m.bodySize())
	m.stack = append(m.stack, s)
	m.status, m.isErr, m.isWarn = "", false, false
	return deliver(s, s.Init())
}

// saveDone takes the end of the saver's job seq: every open screen hears
// of it, the owner first, and the next job starts. Once the saver is idle
// a held quit goes ahead.
func (m *Model) saveDone(seq int, err error) (saveJob, tea.Cmd) {
	j, ok, next := m.env.saves.finished(seq)
	if !ok {
		return j, nil
	}
	cmds := []tea.Cmd{next}
	if err == nil {
		m.pushUndo(j)
	}
	done := saveDoneMsg{job: j, err: err}
	if slices.Contains(m.stack, j.owner) {
		cmds = append(cmds, m.route(j.owner, done))
	} else {
		m.orphaned = true
	}
	for _, s := range slices.Clone(m.stack) {
		if s != j.owner {
			cmds = append(cmds, m.route(s, done))
		}
	}
	if m.env.saves.busy() {
		return j, tea.Batch(cmds...)
	}
	if m.quitHeld {
		m.quitting = true
		return j, tea.Quit
	}
	if m.orphaned {
		// What was saved for a screen that is closed may show on this one.
		m.orphaned = false
		cmds = append(cmds, m.route(m.top(), reloadMsg{}))
	}
	return j, tea.Batch(cmds...)
}

// quitMsg quits once nothing is left to save.
type quitMsg struct{}

// globalKey handles the keys every screen shares. It reports whether the
// key was used.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys()
	switch {
	case key.Matches(msg, k.ForceQuit) && (m.quitHeld || m.quitAsk.open()):
		m.quitting = true
		return tea.Quit, true // a second ctrl+c quits at once
	case m.quitAsk.open():
		return m.quitAsk.answer(msg, k), true
	case key.Matches(msg, k.ForceQuit) && m.top().Typing():
		l := m.env.langOf(m.top())
		m.quitAsk.ask(l.T("tui.app.quit_typing"), l.T("tui.app.quit_typing_kept"), m.quit)
		return nil, true
	case key.Matches(msg, k.ForceQuit):
		return m.quit(), true
	}
	if m.overlay.open {
		w, h := m.bodySize()
		if m.overlay.update(msg, k, len(helpLayout(m.env.styles, m.helpKeys(), w)), helpRoom(m.env.langOf(m.top()), w, h)) {
			return m.quit(), true
		}
		return nil, true // the help takes every key: none reaches the screen under it
	}
	if m.top().Typing() {
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Help):
		m.overlay = helpOverlay{open: true}
		return nil, true
	case key.Matches(msg, k.Quit):
		return m.quit(), true
	case key.Matches(msg, k.Undo):
		return m.undo(), true
	case key.Matches(msg, k.Back) && len(m.stack) > 1 && !takesEsc(m.top()):
		return m.back(), true
	}
	return nil, false
}

// quit ends the program once nothing is left to save.
func (m *Model) quit() tea.Cmd {
	if m.env.saves.busy() {
		m.quitHeld = true
		m.status, m.isErr, m.isWarn = m.env.langOf(m.top()).T("tui.app.holding"), false, false
		return nil
	}
	m.quitting = true
	return tea.Quit
}

func (m *Model) back() tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	delete(m.env.undo, m.top()) // its steps go with it
	m.stack = m.stack[:len(m.stack)-1]
	m.status, m.isErr, m.isWarn = "", false, false
	return tea.Batch(func() tea.Msg { return reloadMsg{} }, remember(placeOf(m.stack)))
}

// addressedMsg is a message for one screen, wherever it is in the stack:
// a screen's first load may finish after another screen was opened on top.
type addressedMsg struct {
	to  Screen
	msg tea.Msg
}

// deliver addresses what cmd returns to screen s: the result of a screen's
// background work (a load, a report) reaches that screen wherever it is
// in the stack, or nobody once it is closed. The root's own messages pass
// through, and so do the commands of a batch or a sequence, each
// addressed in its turn.
func deliver(s Screen, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		switch msg := msg.(type) {
		case nil, pushMsg, popMsg, statusMsg, placeMsg, savedMsg, saveFailedMsg, quitMsg:
			return msg // for the root
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = deliver(s, c)
			}
			return out
		}
		if cmds, ok := sequenced(msg); ok {
			for i, c := range cmds {
				cmds[i] = deliver(s, c)
			}
			if seq := tea.Sequence(cmds...); seq != nil {
				return seq()
			}
			return nil
		}
		return addressedMsg{to: s, msg: msg}
	}
}

// sequenced returns the commands of tea.Sequence's message, whose type is
// not exported: a slice of commands.
func sequenced(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// placeOf describes where the stack is, for resuming.
func placeOf(stack []Screen) workbook.UIState {
	for i := len(stack) - 1; i >= 0; i-- {
		if p, ok := stack[i].(interface{ Place() workbook.UIState }); ok {
			return p.Place()
		}
	}
	return workbook.UIState{}
}
