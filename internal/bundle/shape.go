package bundle

import (
	"strconv"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// The JSON that Engage writes has a known shape: at most a line break
// between values, no text longer than a pinned questionnaire's source, no
// record longer than that. A crafted bundle can hold hundreds of megabytes
// of blanks or one endless text in a file of a few hundred kilobytes
// (gzip packs a repeated byte a thousand to one). encoding/json keeps
// blanks it skips and a whole value in its buffer until the value ends:
// 300 MB of blanks between two records took it hours (it scans the
// buffer again at each read) and a 250 MB text would be held three times
// over. The content stream is therefore checked against these bounds as
// it is unpacked, before the decoder sees it, so that what reading holds
// stays a few times the largest record.
const (
	// maxBlank bounds a run of blanks between values.
	maxBlank = 4 << 10
	// maxText bounds one JSON string as written (escapes included): a
	// questionnaire's source of 1 MiB may grow sixfold with \u escapes.
	maxText = 6*questionnaire.MaxFileSize + 1<<20
	// maxRecord bounds one record: an object inside a list or the site,
	// and a list inside a record (the site's directorates).
	maxRecord = maxText + 1<<20
)

// shape follows the content's JSON byte by byte: inside a string or not,
// how deep, and how long the current run of blanks, string and record are.
type shape struct {
	inString, escaped bool
	depth             int
	blank, text       int
	record            int // bytes of the record open at depth recordAt
	recordAt          int // 0: no record open
}

// scan takes the next bytes of the content and returns what breaks the
// bounds, or "".
func (s *shape) scan(p []byte) string {
	for _, c := range p {
		if s.recordAt > 0 {
			if s.record++; s.record > maxRecord {
				return "its content has a record of more than " + mb(maxRecord) + "; Engage writes none so large"
			}
		}
		if s.inString {
			if s.text++; s.text > maxText {
				return "its content has a text of more than " + mb(maxText) + "; Engage writes none so long"
			}
			switch {
			case s.escaped:
				s.escaped = false
			case c == '\\':
				s.escaped = true
			case c == '"':
				s.inString = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			if s.blank++; s.blank > maxBlank {
				return "its content has more than " + strconv.Itoa(maxBlank) + " blanks in a row; Engage writes a line break between records"
			}
			continue
		case '"':
			s.inString, s.text = true, 0
		case '{', '[':
			// The document is depth 1 and its lists depth 2: an object
			// from depth 2 (a record, the site) or a list from depth 3 (in
			// a record) is a record.
			s.depth++
			if s.recordAt == 0 && (c == '{' && s.depth >= 2 || s.depth >= 3) {
				s.recordAt, s.record = s.depth, 1
			}
		case '}', ']':
			if s.depth == s.recordAt {
				s.recordAt = 0
			}
			s.depth--
		}
		s.blank = 0
	}
	return ""
}

func mb(n int) string { return strconv.Itoa(n>>20) + " MB" }
