package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
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

func status(text string) tea.Cmd { return func() tea.Msg { return statusMsg{text: text} } }

// savedWarning is the status line in l after saving a text that names a
// participant or points at a group under 3 (found, from
// [analysis.Summary]), the warning first so that a narrow window still
// shows it. The text is saved as written; the report will warn again.
func savedWarning(l *i18n.Lang, what, found string) string {
	if what != "" {
		return l.T("tui.app.saved_warning_what", "Found", found, "What", what)
	}
	return l.T("tui.app.saved_warning", "Found", found)
}

// savedStatus is the status line in l once a change is saved: what it
// was, or a warning when the saved text may point at a person.
func savedStatus(l *i18n.Lang, msg savedMsg) statusMsg {
	if msg.warn != "" {
		return statusMsg{text: savedWarning(l, msg.what, msg.warn), warn: true}
	}
	return statusMsg{text: l.T("tui.app.saved", "What", msg.what)}
}

func statusErr(err error) tea.Cmd { return statusRefused(err.Error()) }

// statusRefused shows text as an error: an entry the screen could not
// use, written for the person who typed it.
func statusRefused(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: true} }
}

func remember(s workbook.UIState) tea.Cmd { return func() tea.Msg { return placeMsg{s} } }

// speaker is a screen that speaks a language of its own: a site's screens
// speak the site's ([env.lang]). The root draws what it adds to such a
// screen (the keys it shares, the help, the status of its saves) in that
// language; a screen that is not a speaker speaks the user's.
type speaker interface {
	Lang() *i18n.Lang
}

// roomView is a screen that can be turned to the room: the dialogue's
// projector view. While Projecting, the root's own lines (what was saved,
// what was not) say nothing that names a person or gives their answer:
// a change saved or refused at that time is reported by its room text
// ([saveJob].room), and the screen tells the facilitator the rest once
// the room no longer sees it.
type roomView interface {
	Projecting() bool
}

// projecting reports whether s is being shown to the room.
func projecting(s Screen) bool {
	r, ok := s.(roomView)
	return ok && r.Projecting()
}

// roomStatus is the status line in l once job j is saved (msg) while the
// room sees the screen: its room text, or a plain "Saved", and a warning
// that says only that there is something to check.
func roomStatus(l *i18n.Lang, j saveJob, msg savedMsg) statusMsg {
	text := l.T("tui.app.saved_room")
	if j.room != "" {
		text = l.T("tui.app.saved", "What", j.room)
	}
	if msg.warn != "" {
		return statusMsg{text: l.T("tui.app.saved_warning_room"), warn: true}
	}
	return statusMsg{text: text}
}

// env is what every screen shares: the domain service, styles and keys,
// the one saver, and the moves between screens asked for while a screen
// handled a message.
type env struct {
	svc    *workbook.Service
	styles Styles
	keys   KeyMap
	hooks  Hooks
	saves  *saver
	// moves are the pushMsg and popMsg a screen asked for with open and
	// close. The root makes them as soon as the screen's Update returns,
	// before the next key is read, so that keys typed right after a key
	// that opens a form reach the form.
	moves []tea.Msg
	// cat is the catalogue of languages, user the user's language (see
	// Options): lang gives a site's.
	cat  *i18n.Catalog
	user *i18n.Lang
	// keyMaps are the keymaps with their help in each language asked for
	// (keysIn), by the language's code.
	keyMaps map[string]KeyMap
	// projector is set while the screen is turned to the room: P in a
	// dialogue sets and clears it, and a dialogue opened meanwhile (the
	// step after, once esc went back) opens in the projector view too.
	projector bool
	// undo are the changes each open screen can take back (undo.go).
	undo undoStacks
}

// keysIn returns the keymap whose help is in l, so that a screen lists
// its keys in the language it speaks. keys is the user's.
func (e *env) keysIn(l *i18n.Lang) KeyMap {
	if l == nil {
		l = e.user
	}
	code := l.Code()
	if k, ok := e.keyMaps[code]; ok {
		return k
	}
	if e.keyMaps == nil {
		e.keyMaps = map[string]KeyMap{}
	}
	k := keyMapFor(l)
	e.keyMaps[code] = k
	return k
}

// langOf is the language screen s speaks: its own, or the user's.
func (e *env) langOf(s Screen) *i18n.Lang {
	if sp, ok := s.(speaker); ok {
		if l := sp.Lang(); l != nil {
			return l
		}
	}
	return e.user
}

// lang returns the language a site's screens speak: the site's own
// (its Language), in the catalogue; a language the catalogue lacks is
// English, as the reports speak it.
func (e *env) lang(site string) *i18n.Lang {
	if site == "" {
		return e.user
	}
	return e.cat.For(site)
}

func newEnv(svc *workbook.Service, st Styles, hooks Hooks) *env {
	return &env{svc: svc, styles: st, keys: DefaultKeyMap(), hooks: hooks, saves: newSaver(svc)}
}

// open puts s on top of the current screen.
func (e *env) open(s Screen) { e.moves = append(e.moves, pushMsg{s}) }

// close goes back to the screen below.
func (e *env) close() { e.moves = append(e.moves, popMsg{}) }

// takeMoves returns the moves asked for and forgets them.
func (e *env) takeMoves() []tea.Msg {
	m := e.moves
	e.moves = nil
	return m
}

// save queues a change of screen owner.
func (e *env) save(owner Screen, j saveJob) tea.Cmd {
	j.owner = owner
	return e.saves.add(j)
}

// saveAnswer queues an answer of screen owner, shown as pending until
// saved.
func (e *env) saveAnswer(owner Screen, j saveJob) tea.Cmd {
	j.owner = owner
	return e.saves.answer(j)
}
