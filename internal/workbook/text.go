package workbook

import (
	"strings"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/textcheck"
)

// checkShort validates a one-line text field: valid UTF-8, no control
// characters, at most MaxShortText characters. Nothing is trimmed: the
// value is stored exactly as typed or refused.
func checkShort(fe *FieldErrors, field, v string, required bool) {
	checkText(fe, field, v, required, MaxShortText, false)
}

// checkLong validates a multi-line text field: as checkShort, but newlines
// and tabs are allowed and the bound is MaxLongText.
func checkLong(fe *FieldErrors, field, v string) {
	checkText(fe, field, v, false, MaxLongText, true)
}

func checkText(fe *FieldErrors, field, v string, required bool, max int, multiline bool) {
	switch {
	case !utf8.ValidString(v):
		fe.add(field, "contains bytes that are not valid UTF-8 text")
		return
	case required && strings.TrimSpace(v) == "":
		fe.add(field, "is required")
		return
	}
	if n := utf8.RuneCountInString(v); n > max {
		fe.add(field, "is %d characters long; the most is %d", n, max)
		return
	}
	if _, at := textcheck.Control(v, multiline); at >= 0 {
		if multiline {
			fe.add(field, "contains a control character (only text, new lines and tabs are allowed)")
		} else {
			fe.add(field, "contains a control character or line break (one line of text only)")
		}
	}
}

// Slugify makes a lower-case, hyphenated ASCII slug from a name: accented
// letters are folded ("Città" -> "citta"), everything else not a letter or
// digit becomes a hyphen.
func Slugify(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if f, ok := fold[r]; ok {
			r = f
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			hyphen = false
			continue
		}
		if b.Len() > 0 && !hyphen {
			b.WriteByte('-')
			hyphen = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > 48 {
		s = strings.TrimRight(s[:48], "-")
	}
	if s == "" {
		s = "site"
	}
	return s
}

var fold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ñ': 'n',
}
