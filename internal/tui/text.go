package tui

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// Small text helpers more than one screen draws with.

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// scrollText says which rows are in view when not all of them fit: " ·
// rows 11-30".
func scrollText(l *i18n.Lang, offset, room, n int) string {
	if n <= room {
		return ""
	}
	return " · " + l.T("tui.common.rows", "First", offset+1, "Last", min(offset+room, n))
}
