// Package tui is the interactive workbook: a Bubble Tea program that walks a
// facilitator through the five steps with a site's people.
//
// # Structure
//
// [Model] is a router: it handles the window size, the global keys (quit,
// help, back) and the messages screens send each other, and hands
// everything else to the [Screen] on top of its stack. Each step is a
// screen of its own file. Every change goes through the workbook
// package's Change, inside a tea.Cmd; a screen shows a value as saved only
// when the savedMsg for it arrives, after the transaction is on disk.
//
// # Resuming
//
// The root remembers the site, step and statement in the store as the
// facilitator moves, and [New] reopens there.
package tui

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/textsafe"
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
	// held are the moves (back, open a screen, quit) asked for while the
	// top screen was still saving: they wait for its saves, whose results
	// only it can take in.
	held []tea.Cmd
}

// New builds the root model, reopening at the place the store remembers.
func New(opts Options) (*Model, error) {
	e := &env{svc: opts.Service, styles: NewStyles(opts.Dark), keys: DefaultKeyMap(), hooks: opts.Hooks}
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
		if cmd, done := m.globalKey(msg); done {
			return m, cmd
		}
	case pushMsg:
		if m.topSaving() {
			return m, m.hold(push(msg.screen))
		}
		msg.screen.SetSize(m.bodySize())
		m.stack = append(m.stack, msg.screen)
		m.status, m.isErr, m.isWarn = "", false, false
		return m, deliver(msg.screen, msg.screen.Init())
	case addressedMsg:
		for i, s := range m.stack {
			if s == msg.to {
				var cmd tea.Cmd
				m.stack[i], cmd = s.Update(msg.msg)
				return m, cmd
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
		if msg.state == m.place {
			return m, nil
		}
		m.place = msg.state
		st := msg.state
		return m, func() tea.Msg {
			if err := m.env.svc.Change(func(c *workbook.Change) error { return c.SetUIState(st) }); err != nil {
				return statusMsg{text: "could not remember this place: " + err.Error(), err: true}
			}
			return nil
		}
	case saveFailedMsg:
		m.status, m.isErr, m.isWarn = notSaved(msg.err), true, false
	case tea.PasteMsg:
		if m.overlay.open {
			return m, nil // the help takes the paste too
		}
		// The text inputs leave out what is not text; say so rather than
		// change the paste silently.
		if n := notText(msg.Content); n > 0 {
			m.status, m.isErr, m.isWarn = fmt.Sprintf("%d pasted characters were left out: control codes or bytes that are not text", n), true, false
		}
	case savedMsg:
		if msg.what != "" {
			m.status, m.isErr, m.isWarn = "Saved: "+msg.what, false, false
		}
		if msg.warn != "" {
			m.status, m.isErr, m.isWarn = savedWarning(msg.what, msg.warn), false, true
		}
	}
	s, cmd := m.top().Update(msg)
	m.stack[len(m.stack)-1] = s
	return m, m.release(cmd)
}

// quitMsg quits once nothing is left to save.
type quitMsg struct{}

// holding is the status while a move waits for saves.
const holding = "Saving… one moment"

// saving is a screen with changes not yet committed.
type saving interface{ saving() bool }

func (m *Model) topSaving() bool {
	s, ok := m.top().(saving)
	return ok && s.saving()
}

// hold keeps a move until the top screen has saved everything.
func (m *Model) hold(move tea.Cmd) tea.Cmd {
	m.held = append(m.held, move)
	m.status, m.isErr, m.isWarn = holding, false, false
	return nil
}

// release runs the held moves, in order, once the top screen has saved
// everything.
func (m *Model) release(cmd tea.Cmd) tea.Cmd {
	if len(m.held) == 0 || m.topSaving() {
		return cmd
	}
	held := m.held
	m.held = nil
	if m.status == holding {
		m.status = ""
	}
	return tea.Batch(cmd, tea.Sequence(held...))
}

// globalKey handles the keys every screen shares. It reports whether the
// key was used.
func (m *Model) globalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.env.keys
	quit := func() tea.Msg { return quitMsg{} }
	if msg.String() == "ctrl+c" {
		if m.topSaving() && len(m.held) == 0 {
			return m.hold(quit), true // a second ctrl+c quits at once
		}
		m.quitting = true
		return tea.Quit, true
	}
	if m.overlay.open {
		w, h := m.bodySize()
		if m.overlay.update(msg, k, len(helpLayout(m.env.styles, m.footerKeys(), w)), helpRoom(w, h)) {
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
	case key.Matches(msg, k.Back) && len(m.stack) > 1:
		return m.back(), true
	}
	return nil, false
}

// quit ends the program once nothing is left to save.
func (m *Model) quit() tea.Cmd {
	if m.topSaving() {
		return m.hold(func() tea.Msg { return quitMsg{} })
	}
	m.quitting = true
	return tea.Quit
}

func (m *Model) back() tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	if m.topSaving() {
		return m.hold(pop)
	}
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

// deliver addresses what cmd returns to screen s.
func deliver(s Screen, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := cmd()
		switch msg.(type) {
		case nil, tea.BatchMsg, pushMsg, popMsg, statusMsg, placeMsg:
			return msg // for the root, or to be run
		}
		return addressedMsg{to: s, msg: msg}
	}
}

// bodySize is the room a screen has: the window less the header and the
// two footer lines.
func (m *Model) bodySize() (int, int) {
	return max(m.width, 1), max(m.height-3, 1)
}

// View draws the header, the top screen (or the help) and the footer.
// Screens pass each text from data through textsafe as they draw it; the
// whole frame goes through it again, keeping only the styles' own SGR
// sequences, so that a text a screen missed cannot reach the terminal as
// anything but text.
func (m *Model) View() tea.View {
	v := tea.NewView(textsafe.Styled(m.render()))
	v.AltScreen = true
	v.WindowTitle = "Engage"
	return v
}

func (m *Model) render() string {
	st := m.env.styles
	if m.quitting {
		return ""
	}
	if m.width == 0 {
		return "Starting Engage…"
	}
	if m.width < MinWidth || m.height < MinHeight {
		return tooSmall(st, m.width, m.height)
	}
	var crumbs []string
	for _, s := range m.stack {
		crumbs = append(crumbs, s.Title())
	}
	header := st.Header.Render(truncate(strings.Join(crumbs, " › "), m.width))
	w, h := m.bodySize()
	var body string
	if m.overlay.open {
		body = m.overlay.view(st, m.footerKeys(), w, h)
	} else {
		body = m.top().View()
	}
	body = lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).MaxWidth(w).Render(body)
	statusLine := ""
	if m.status != "" {
		style := st.Saved
		switch {
		case m.isErr:
			style = st.Error
		case m.isWarn:
			style = st.Warning
		}
		statusLine = style.Render(truncate(m.status, m.width))
	}
	return lipgloss.JoinVertical(lipgloss.Left, header, body, statusLine, m.helpLine())
}

// helpLine is the footer: the screen's keys, cut to the window, then the
// global ones, which are never cut so that ? and the way out always show.
func (m *Model) helpLine() string {
	keys := m.footerKeys()
	n := 2 // ? and q
	if m.top().Typing() {
		n = 1 // ctrl+c
	}
	screen, global := keys[:len(keys)-n], keys[len(keys)-n:]
	m.help.ShowAll = false
	tail := m.help.ShortHelpView(global)
	if len(screen) == 0 {
		return truncate(tail, m.width)
	}
	sep := m.help.Styles.ShortSeparator.Inline(true).Render(m.help.ShortSeparator)
	m.help.SetWidth(max(m.width-lipgloss.Width(sep+tail), 1))
	line := m.help.ShortHelpView(screen)
	m.help.SetWidth(m.width)
	return truncate(line+sep+tail, m.width)
}

// footerKeys lists the keys of the footer and the help screen: the top
// screen's, esc when it goes back, then ? and q; while a text field has the
// keyboard ? and q are text, and only ctrl+c quits.
func (m *Model) footerKeys() []key.Binding {
	k := m.env.keys
	keys := append([]key.Binding{}, m.top().Keys()...)
	hasEsc := false
	for _, b := range keys {
		for _, kk := range b.Keys() {
			hasEsc = hasEsc || kk == "esc"
		}
	}
	if len(m.stack) > 1 && !hasEsc {
		keys = append(keys, k.Back)
	}
	if m.top().Typing() {
		return append(keys, bindingAs(k.Quit, "ctrl+c", "quit"))
	}
	return append(keys, k.Help, k.Quit)
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

// notSaved words a failed save for the status bar: what was not saved and
// why, and what to do when the error knows (a full disk, a removed store).
func notSaved(err error) string {
	text := err.Error()
	if rest, ok := strings.CutPrefix(text, "not saved: "); ok {
		text = rest
	}
	text = "NOT SAVED: " + text
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		text += "; " + h.Hint()
	}
	return text
}

// notText counts what a text field cannot hold in pasted text: bytes that
// are not UTF-8 and control characters other than new lines and tabs.
func notText(s string) int {
	n := 0
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size <= 1:
			n++
		case r == '\n' || r == '\r' || r == '\t':
		case unicode.IsControl(r):
			n++
		}
	}
	return n
}

// tooSmall asks for a larger window, in as few words as the window has
// room for, and never more than the window.
func tooSmall(st Styles, w, h int) string {
	for _, msg := range []string{
		fmt.Sprintf("Make the window larger: Engage needs at least %dx%d (now %dx%d).", MinWidth, MinHeight, w, h),
		fmt.Sprintf("Make the window larger: at least %dx%d.", MinWidth, MinHeight),
		fmt.Sprintf("Need %dx%d", MinWidth, MinHeight),
	} {
		box := st.Notice.Width(min(w, 40)).Render(msg)
		if lipgloss.Height(box) <= h && lipgloss.Width(box) <= w {
			return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
		}
	}
	// Not even that fits: as much of it as the window holds.
	line := fmt.Sprintf("Need %dx%d", MinWidth, MinHeight)
	return ansi.Truncate(line, w, "")
}
