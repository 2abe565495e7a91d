package tui

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
)

// What the root draws: the header, the top screen or the help, the
// status line and the footer of keys.

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
	l := m.env.langOf(m.top())
	if m.width == 0 {
		return l.T("tui.app.starting")
	}
	if m.width < MinWidth || m.height < MinHeight {
		return tooSmall(l, st, m.width, m.height)
	}
	var crumbs []string
	for _, s := range m.stack {
		crumbs = append(crumbs, s.Title())
	}
	header := st.Header.Render(truncate(strings.Join(crumbs, " › "), m.width))
	w, h := m.bodySize()
	var body string
	if m.overlay.open {
		body = m.overlay.view(l, st, m.helpKeys(), w, h)
	} else {
		body = m.top().View()
	}
	body = lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).MaxWidth(w).Render(body)
	statusLine := ""
	if m.quitAsk.open() {
		statusLine = st.Warning.Render(truncate(m.quitAsk.question, m.width))
	} else if m.status != "" {
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
	switch {
	case m.top().Typing():
		n = 1 // ctrl+c
	case m.showUndo():
		n = 3 // ctrl+z, ? and q
	}
	screen, global := keys[:len(keys)-n], keys[len(keys)-n:]
	m.help.ShowAll = false
	tail := m.help.ShortHelpView(global)
	if len(screen) == 0 {
		return truncate(tail, m.width)
	}
	sep := m.help.Styles.ShortSeparator.Inline(true).Render(m.help.ShortSeparator)
	room := max(m.width-lipgloss.Width(sep+tail), 1)
	m.help.SetWidth(room)
	line := m.help.ShortHelpView(screen)
	// The help adds a key that does not fit when not even its ellipsis
	// would: leave such keys out, so that the global ones still show.
	ellipsis := " " + m.help.Styles.Ellipsis.Inline(true).Render(m.help.Ellipsis)
	for n := len(screen) - 1; lipgloss.Width(line) > room && n >= 0; n-- {
		line = m.help.ShortHelpView(screen[:n]) + ellipsis
	}
	m.help.SetWidth(m.width)
	return truncate(line+sep+tail, m.width)
}

// footerKeys lists the keys of the footer and the help screen: the top
// screen's, esc when it goes back, ctrl+z when it has a change to take
// back (in the help, when it can have one), then ? and q; while a text
// field has the keyboard ? and q are text, and only ctrl+c quits.
func (m *Model) footerKeys() []key.Binding {
	k := m.keys()
	if m.quitAsk.open() {
		return append(m.quitAsk.keys(k), k.ForceQuit)
	}
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
		return append(keys, k.ForceQuit)
	}
	if m.showUndo() {
		keys = append(keys, k.Undo)
	}
	return append(keys, k.Help, k.Quit)
}

// notSaved words a failed save for the status bar in l: what was not
// saved and why, and what to do when the error knows (a full disk, a
// removed store).
func notSaved(l *i18n.Lang, err error) string {
	text := err.Error()
	if rest, ok := strings.CutPrefix(text, "not saved: "); ok {
		text = rest
	}
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		return l.T("tui.app.not_saved_hint", "Err", text, "Hint", h.Hint())
	}
	return l.T("tui.app.not_saved", "Err", text)
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
// room for, in l, and never more than the window.
func tooSmall(l *i18n.Lang, st Styles, w, h int) string {
	need := l.T("tui.app.too_small_need", "Width", MinWidth, "Height", MinHeight)
	for _, msg := range []string{
		l.T("tui.app.too_small", "Width", MinWidth, "Height", MinHeight, "NowWidth", w, "NowHeight", h),
		l.T("tui.app.too_small_short", "Width", MinWidth, "Height", MinHeight),
		need,
	} {
		box := st.Notice.Width(min(w, 40)).Render(msg)
		if lipgloss.Height(box) <= h && lipgloss.Width(box) <= w {
			return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
		}
	}
	// Not even that fits: as much of it as the window holds.
	return ansi.Truncate(need, w, "")
}
