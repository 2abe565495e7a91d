package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// helpOverlay is the ? screen: the keys of the screen underneath, drawn
// from the bindings it lists. While it is open it takes every key: its
// own (close, scroll, quit) act, the others are swallowed, so that a key
// pressed with the help open never acts on the screen hidden under it.
type helpOverlay struct {
	open   bool
	offset int // the first row of keys shown
}

// update takes a key while the help is open; rows is how many rows of keys
// there are and room how many fit. It reports whether the key quits.
func (o *helpOverlay) update(msg tea.KeyPressMsg, k KeyMap, rows, room int) (quit bool) {
	switch {
	case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
		*o = helpOverlay{}
	case key.Matches(msg, k.Quit):
		return true
	case key.Matches(msg, k.Up):
		o.offset--
	case key.Matches(msg, k.Down):
		o.offset++
	case key.Matches(msg, k.PageUp):
		o.offset -= room
	case key.Matches(msg, k.PageDown):
		o.offset += room
	case key.Matches(msg, k.Top):
		o.offset = 0
	case key.Matches(msg, k.Bottom):
		o.offset = rows
	}
	o.offset = max(min(o.offset, rows-room), 0)
	return false
}

// helpLayout lays the bindings out in rows for a body of width w: two
// columns when every entry fits half the width, else one.
func helpLayout(st Styles, keys []key.Binding, w int) []string {
	const keyW = 12
	entry := func(b key.Binding) string {
		h := b.Help()
		return pad(st.Key.Render(h.Key), keyW) + " " + h.Desc
	}
	widest := 0
	for _, b := range keys {
		widest = max(widest, ansi.StringWidth(entry(b)))
	}
	var rows []string
	if colW := widest + 2; 2*(colW+2) <= w {
		half := (len(keys) + 1) / 2
		for i := range half {
			row := "  " + pad(entry(keys[i]), colW)
			if j := i + half; j < len(keys) {
				row += "  " + entry(keys[j])
			}
			rows = append(rows, row)
		}
		return rows
	}
	for _, b := range keys {
		rows = append(rows, truncate("  "+entry(b), w))
	}
	return rows
}

// helpNote is the overlay's last line in l, wrapped to w.
func helpNote(l *i18n.Lang, w int) string {
	return ansi.Wordwrap(l.T("tui.help.note"), max(w, 20), "")
}

// helpRoom is how many rows of keys fit in a body of w x h: the title, a
// blank line, the line that says there is more and the note take the
// rest.
func helpRoom(l *i18n.Lang, w, h int) int {
	return max(h-3-strings.Count(helpNote(l, w), "\n")-1, 1)
}

// view draws the overlay in a body of w x h, in l.
func (o *helpOverlay) view(l *i18n.Lang, st Styles, keys []key.Binding, w, h int) string {
	rows := helpLayout(st, keys, w)
	room := helpRoom(l, w, h)
	o.offset = max(min(o.offset, len(rows)-room), 0)
	var b strings.Builder
	b.WriteString(st.Title.Render(l.T("tui.help.title")) + "\n\n")
	end := min(o.offset+room, len(rows))
	for _, r := range rows[o.offset:end] {
		b.WriteString(r + "\n")
	}
	if len(rows) > room {
		b.WriteString(st.Muted.Render(truncate("  "+l.T("tui.help.lines", "First", o.offset+1, "Last", end, "Total", len(rows)), w)) + "\n")
	} else {
		b.WriteString("\n")
	}
	b.WriteString(st.Muted.Render(helpNote(l, w)))
	return b.String()
}
