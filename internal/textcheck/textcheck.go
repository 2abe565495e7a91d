// Package textcheck holds the one rule for the characters a text from a
// person or a file may hold, shared by the workbook's records and the
// questionnaire's texts so that the two cannot drift apart.
package textcheck

import "unicode"

// Control returns the first control character in s and its byte offset,
// or -1 when there is none. A multi-line text may hold new lines and tabs;
// a one-line text may not. Carriage returns, escapes and every other C0 or
// C1 control are refused in both.
func Control(s string, multiline bool) (rune, int) {
	for i, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return r, i
		}
	}
	return 0, -1
}
