package questionnaire

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// Limits on what [Parse] reads. The default workbook is 44 KB with 4 key
// issues, 41 statements, 7 criteria, 6 directorates, no anchors and
// nesting 7 deep; each limit leaves a margin of ten times or more for real
// workbooks, and together they keep any file up to MaxFileSize to well
// under a second and a hundred megabytes (docs/questionnaire-format.md,
// "Limits").
//
// The YAML library has no option for any of them, so they are checked
// before it parses: the size, UTF-8 and a count of the words and marks on
// the bytes, the rest on its tokens.
const (
	// MaxFileSize bounds a questionnaire file, in bytes (1 MiB).
	MaxFileSize = 1 << 20
	// MaxTokens bounds the YAML tokens of a file: values, keys, comments
	// and punctuation such as "-", ":" and "[".
	MaxTokens = 200_000
	// MaxDepth bounds how deeply lists and mappings nest.
	MaxDepth = 64
	// MaxDocuments bounds the YAML documents in a file ("---" starts one).
	MaxDocuments = 1
	// MaxAnchors bounds the anchors (&name) and aliases (*name) together;
	// a questionnaire needs none (aliases are refused).
	MaxAnchors = 100
	// MaxScalar bounds any one value, in characters.
	MaxScalar = 10_000
	// MaxVersion bounds the version, in characters.
	MaxVersion = 32

	// MaxKeyIssues, MaxStatements (in all), MaxInterventions (per
	// statement), MaxCriteria and MaxDirectorates bound the workbook's
	// structure. A site takes its directorates from its questionnaire,
	// so MaxDirectorates is also the site's limit (workbook.MaxDirectorates).
	MaxKeyIssues     = 50
	MaxStatements    = 500
	MaxInterventions = 20
	MaxCriteria      = 50
	MaxDirectorates  = 100

	// MaxReported bounds the problems a [ValidationError] prints; the rest
	// are counted ("... and 1,234 more").
	MaxReported = 50
)

// byteOrderMark is the UTF-8 encoding of U+FEFF, which some editors write
// at the start of a file. It is not part of the YAML.
var byteOrderMark = []byte("\ufeff")

// checkBytes checks what can be checked before the YAML library sees the
// file: its size, that it is UTF-8, and an upper bound of its tokens. It
// reports at most one problem and says whether the file may be parsed.
func (d *decoder) checkBytes(src []byte) bool {
	if len(src) > MaxFileSize {
		d.problems = append(d.problems, Problem{File: d.file, Message: fmt.Sprintf(
			"the file has more than %s bytes (1 MiB), the most a questionnaire may have", thousands(MaxFileSize))})
		return false
	}
	if at := invalidUTF8(src); at >= 0 {
		line, col := position(src, at)
		d.problems = append(d.problems, Problem{File: d.file, Line: line, Column: col, Message: fmt.Sprintf(
			"byte 0x%02x is not UTF-8 text; save the file as UTF-8", src[at])})
		return false
	}
	if at := tokensBeyond(src, MaxTokens); at >= 0 {
		line, col := position(src, at)
		d.problems = append(d.problems, Problem{File: d.file, Line: line, Column: col, Message: fmt.Sprintf(
			"the file has more than %s words and marks (YAML tokens); a questionnaire may have at most %s", thousands(MaxTokens), thousands(MaxTokens))})
		return false
	}
	return true
}

// invalidUTF8 returns the offset of the first byte that is not part of
// valid UTF-8, or -1.
func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// position turns a byte offset into a line and a column (in characters),
// both from 1, breaking lines as YAML does: at \n, \r\n and a lone \r.
func position(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			line, start = line+1, i+1
		}
	}
	return line, 1 + utf8.RuneCount(src[start:off])
}

// tokensBeyond returns the offset at which src has more than max places
// where a YAML token may start, or -1. A token starts at the start of a
// word, and each YAML mark ("-:,[]{}?#&*!|>'\"%@`.<" and tab) may start two
// (a mark and what follows it, or a token the library makes of a mark out
// of place). The count is an upper bound of the library's tokens
// (TestTokenBound, FuzzTokenBound), found at a tiny part of its cost and
// without its memory (about 250 bytes a token); for prose it is about one
// for every five bytes.
func tokensBeyond(src []byte, max int) int {
	n := 0
	for i, c := range src {
		switch {
		case yamlMark(c):
			n += 2
		case space(c):
			continue
		case i == 0 || space(src[i-1]) || yamlMark(src[i-1]):
			n++
		}
		if n > max {
			return i
		}
	}
	return -1
}

func space(c byte) bool { return c == ' ' || c == '\n' || c == '\r' }

func yamlMark(c byte) bool { return bytes.IndexByte([]byte("-:,[]{}?#&*!|>'\"%@`.<\t"), c) >= 0 }

// checkTokens checks the library's tokens for what makes its parser
// costly: nesting, documents, anchors and aliases, and long values. It
// reports the first limit crossed, where it is crossed, and says whether
// the tokens may be parsed.
func (d *decoder) checkTokens(tks token.Tokens) bool {
	fail := func(tk *token.Token, format string, args ...any) bool {
		p := Problem{File: d.file, Message: fmt.Sprintf(format, args...)}
		if tk.Position != nil {
			p.Line, p.Column = tk.Position.Line, tk.Position.Column
		}
		d.problems = append(d.problems, p)
		return false
	}
	if len(tks) > MaxTokens {
		return fail(tks[MaxTokens], "the file has more than %s words and marks (YAML tokens); a questionnaire may have at most %s", thousands(MaxTokens), thousands(MaxTokens))
	}
	flow := 0       // open [ and {
	var block []int // the columns of the open block lists and mappings
	docs, anchors := 0, 0
	var prev *token.Token // the last token that is not a comment
	for _, tk := range tks {
		if tk.Type == token.CommentType {
			continue
		}
		col, at := 0, tk // at: where a depth crossed is reported
		if tk.Position != nil {
			col = tk.Position.Column
		}
		switch tk.Type {
		case token.DocumentHeaderType:
			if docs++; docs > MaxDocuments {
				return fail(tk, "a questionnaire file holds one YAML document; a second one starts here")
			}
			flow, block = 0, block[:0]
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(flow-1, 0)
		case token.SequenceEntryType, token.MappingKeyType:
			if flow == 0 {
				block = nest(block, col)
			}
		case token.MappingValueType:
			if flow == 0 && prev != nil && prev.Position != nil {
				block, at = nest(block, prev.Position.Column), prev // the key
			}
		case token.AnchorType, token.AliasType:
			if anchors++; anchors > MaxAnchors {
				return fail(tk, "more than %d anchors and aliases (&name, *name); a questionnaire needs none", MaxAnchors)
			}
		}
		if flow+len(block) > MaxDepth {
			return fail(at, "lists and mappings nest more than %d deep here; a questionnaire needs fewer than 10 levels", MaxDepth)
		}
		if len(tk.Value) > MaxScalar {
			if n := utf8.RuneCountInString(tk.Value); n > MaxScalar {
				return fail(tk, "a value of %s characters; a value may have at most %s", thousands(n), thousands(MaxScalar))
			}
		}
		prev = tk
	}
	return true
}

// nest updates the columns of the open block collections for an entry at
// col: those further right are closed, and col opens one unless it is
// already open.
func nest(block []int, col int) []int {
	for len(block) > 0 && block[len(block)-1] > col {
		block = block[:len(block)-1]
	}
	if len(block) == 0 || block[len(block)-1] < col {
		block = append(block, col)
	}
	return block
}

// thousands writes n with commas between the thousands: 1,234,567.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
