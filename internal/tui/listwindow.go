package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listWindow is the cursor of a list and the window of rows in view: the
// one way the screens move through a list and scroll it. n is the number
// of rows and room how many are shown; the window moves as little as it
// can to keep the cursor in view.
type listWindow struct {
	cursor int // the row under the cursor
	offset int // the first row shown
}

// set puts the cursor on row to, kept inside the list, and scrolls to it.
func (l *listWindow) set(to, n, room int) {
	l.cursor = min(max(to, 0), max(n-1, 0))
	l.offset = scrollOffset(l.offset, l.cursor, room, n)
}

// fit keeps the cursor and the window inside a list that changed length
// or a window that changed height.
func (l *listWindow) fit(n, room int) { l.set(l.cursor, n, room) }

// keys moves the cursor for the keymap's up, down, page and first/last
// keys; it reports whether msg was one of them.
func (l *listWindow) keys(msg tea.KeyPressMsg, k KeyMap, n, room int) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.set(l.cursor-1, n, room)
	case key.Matches(msg, k.Down):
		l.set(l.cursor+1, n, room)
	case key.Matches(msg, k.PageUp):
		l.set(l.cursor-room, n, room)
	case key.Matches(msg, k.PageDown):
		l.set(l.cursor+room, n, room)
	case key.Matches(msg, k.Top):
		l.set(0, n, room)
	case key.Matches(msg, k.Bottom):
		l.set(n-1, n, room)
	default:
		return false
	}
	return true
}

// rows returns the rows in view, [start, end).
func (l *listWindow) rows(n, room int) (start, end int) {
	l.offset = scrollOffset(l.offset, l.cursor, room, n)
	return l.offset, min(l.offset+room, n)
}

// scrollOffset returns the first row to show so that cursor is in view,
// moving the view as little as possible.
func scrollOffset(offset, cursor, room, n int) int {
	if cursor < offset {
		offset = cursor
	}
	if cursor >= offset+room {
		offset = cursor - room + 1
	}
	return max(min(offset, n-room), 0)
}
