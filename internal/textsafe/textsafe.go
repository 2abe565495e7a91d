// Package textsafe makes text that comes from data (a site's name, a
// questionnaire's statements, a bundle's content quoted in a refusal) safe
// to show on a terminal or to draw in a PDF. Every output path of engage
// passes such text through it, so that one rule decides what reaches a
// reader.
//
// # The rule
//
// Text from data is words, never instructions to the device that shows it.
// So, wherever it appears:
//
//   - an escape sequence (ESC, or a C1 introducer such as U+009B, with what
//     follows it up to its final byte or, for OSC, DCS, SOS, PM and APC, up
//     to its terminator BEL or ST, or the end of the text) is removed whole:
//     a window title, a clipboard write, a cleared screen or a colour is not
//     text a reader would miss;
//   - the other C0 controls, DEL and the C1 controls are removed, except
//     the line breaks: new line, CR (alone or before LF), VT, FF, NEL and
//     U+2028/U+2029 become one new line, and a tab stays a tab, where a
//     block of several lines is allowed ([Block]); in a one-line text
//     ([Line]) each becomes a space;
//   - the bidirectional formatting characters (U+061C, U+200E, U+200F,
//     the embeddings and overrides U+202A-U+202E, the isolates
//     U+2066-U+2069) are removed, so that text shows in the order it is
//     stored in and cannot be made to read as something else;
//   - bytes that are not UTF-8 become U+FFFD, the replacement character
//     (a lone byte 0x9B is a CSI to some terminals).
//
// Everything else, accented letters, other scripts and emoji, is kept.
// Text that is already safe (the common case) is returned as it is,
// without copying.
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// Line makes s safe to show as one line: line breaks and tabs become
// spaces.
func Line(s string) string { return clean(s, modeLine) }

// Block makes s safe to show as a block of lines: it keeps new lines and
// tabs.
func Block(s string) string { return clean(s, modeBlock) }

// Styled makes a rendered screen safe to print: as [Block], but it keeps
// the SGR sequences (ESC [ ... m: colour, bold, reverse) that a styling
// library put in. Use it on a whole frame as a net under the per-text
// cleaning, never instead of it: a colour from data would pass.
func Styled(s string) string { return clean(s, modeStyled) }

// Unsafe reports whether r is a character the rule removes or replaces:
// a control character other than new line and tab (ESC and CR among
// them), a bidirectional formatting character, or U+2028/U+2029. A validator refuses text holding
// one; an output passes text through [Line] or [Block].
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return true
	}
	return bidi(r) || r == '\u2028' || r == '\u2029'
}

type mode int

const (
	modeLine mode = iota
	modeBlock
	modeStyled
)

// bidi reports whether r is a bidirectional formatting character.
func bidi(r rune) bool {
	switch {
	case r == '\u061c', r == '\u200e', r == '\u200f':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// plain reports whether s needs no cleaning: printable ASCII, and new
// lines and tabs where the mode keeps them.
func plain(s string, m mode) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || (c == '\n' || c == '\t') && m != modeLine {
			continue
		}
		return false
	}
	return true
}

func clean(s string, m mode) string {
	if plain(s, m) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	brk := func() {
		if m == modeLine {
			b.WriteByte(' ')
		} else {
			b.WriteByte('\n')
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\x1b' || r >= 0x80 && r <= 0x9f && introducer(byte(r-0x40)):
			n := sequence(s[i:])
			if m == modeStyled && sgr(s[i:i+n]) {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		case r == '\t':
			if m == modeLine {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\t')
			}
		case r == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				break // the LF makes the break
			}
			brk()
		case r == '\n', r == '\v', r == '\f', r == '\u0085', r == '\u2028', r == '\u2029':
			brk()
		case Unsafe(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// introducer reports whether ESC c (or the C1 control c+0x40) starts a
// sequence with parameters: CSI, OSC, DCS, SOS, PM or APC.
func introducer(c byte) bool {
	switch c {
	case '[', ']', 'P', 'X', '^', '_':
		return true
	}
	return false
}

// sequence returns the length in bytes of the escape sequence at the
// start of s (which starts with ESC or a C1 introducer).
func sequence(s string) int {
	var kind byte // the introducer, ESC's next byte or the C1 less 0x40
	i := 0
	if s[0] == '\x1b' {
		if len(s) == 1 {
			return 1
		}
		kind, i = s[1], 2
		if !introducer(kind) {
			// ESC, intermediates 0x20-0x2F, a final byte 0x30-0x7E
			// (ESC c, ESC 7, ESC ( B); anything else ends it.
			for i = 1; i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f; i++ {
			}
			if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
				i++
			}
			return i
		}
	} else {
		r, size := utf8.DecodeRuneInString(s)
		kind, i = byte(r-0x40), size
	}
	if kind == '[' {
		// CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, a final
		// byte 0x40-0x7E; a byte out of place ends it there.
		for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
			i++
		}
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
			i++
		}
		return i
	}
	// A control string runs to BEL, ESC \ or U+009C, or the end.
	for i < len(s) {
		switch {
		case s[i] == '\a':
			return i + 1
		case s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// sgr reports whether seq is one whole SGR sequence: ESC [, parameters
// (digits, ';' and ':'), m.
func sgr(seq string) bool {
	if len(seq) < 3 || seq[0] != '\x1b' || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for i := 2; i < len(seq)-1; i++ {
		if c := seq[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// EscapeJSON returns JSON text (as encoding/json writes it) with every
// character the rule would remove written as a \uXXXX escape, so that the
// data is kept whole and a terminal shows it harmlessly. encoding/json
// escapes the C0 controls and U+2028/U+2029 already, but not DEL, the C1
// controls or the bidi formatting characters. Outside strings JSON text
// is ASCII, so every such character is inside a string, where the escape
// means the same character.
func EscapeJSON(js []byte) []byte {
	safe := true
	for _, r := range string(js) {
		if r != '\n' && r != '\t' && Unsafe(r) {
			safe = false
			break
		}
	}
	if safe {
		return js
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 0, len(js)+32)
	for _, r := range string(js) {
		if r == '\n' || r == '\t' || !Unsafe(r) {
			out = utf8.AppendRune(out, r)
			continue
		}
		out = append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
	}
	return out
}
