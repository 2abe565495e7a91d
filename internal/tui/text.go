package tui

import (
	"fmt"
	"strings"
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
func scrollText(offset, room, n int) string {
	if n <= room {
		return ""
	}
	return fmt.Sprintf(" · rows %d-%d", offset+1, min(offset+room, n))
}
