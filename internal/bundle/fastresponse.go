package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The answers are nearly all of a bundle (1,600 records of ~170 bytes for
// a site of 40 participants), and reading each as raw JSON, checking its
// keys and decoding it again with encoding/json was half of an import.
// readResponses reads the responses list straight from the content stream
// instead, with a small parser that takes only the plain shape Engage
// writes: an object of the known keys, in lower case, each at most once,
// with strings holding no escape or control character, a score of at most
// nine digits, dont_know true or false, and at a string that
// time.Time.UnmarshalJSON takes. Such a record decodes to the same
// Response with the slow path, and passes its checks (its keys are
// distinct and known, so checkKeys and DisallowUnknownFields find nothing).
// Anything else (null, an escape, a key in other case or given twice, a
// number with a fraction, a bad time, a syntax error, the stream's end) is
// not judged here: the reading falls back to encoding/json from the start
// of that record, with a decoder put in the state the slow path would be
// in, so the record, and every message about it, is the slow path's own.
// FuzzResponseDecoder checks both properties.
//
// One difference is left, and it is not in the JSON: when the content has
// a JSON fault and, a little further on, a byte that is not UTF-8 (or the
// unpacked size limit), which of the two faults is reported depends on how
// far ahead of the fault the reading had got, in either path; both refuse
// the bundle.

// maxInterned bounds the distinct ids readResponses shares between
// records: a site has a few assessments, participants and statements.
const maxInterned = 4096

// fastStatus is what [responseParser.next] found.
type fastStatus int

const (
	fastRecord fastStatus = iota // a record, read
	fastEnd                      // the list's closing ']'
	fastMore                     // the bytes end before the record does
	fastOdd                      // something left to encoding/json
)

// readResponses reads the value of the bundle's "responses" member, whose
// key dec has just returned, calling add with each record before it is
// kept in *into, as decodeList does. It returns the decoder to read the
// rest of the document with.
func readResponses(dec *json.Decoder, src io.Reader, into *[]workbook.Response, add func(workbook.Response) error) (*json.Decoder, error) {
	const name = "responses"
	in := &fastInput{r: io.MultiReader(dec.Buffered(), src)}
	// The colon and the list's '['.
	for {
		n, st := openList(in.unread())
		if st == fastRecord {
			in.consume(n)
			break
		}
		if st == fastMore && in.fill() {
			continue
		}
		dec, err := in.resume(`{"responses"`, 2)
		if err != nil {
			return nil, err
		}
		return dec, decodeList(dec, name, into, add)
	}
	var p responseParser
	for k := 0; ; {
		rec, n, st := p.next(in.unread(), k == 0)
		switch st {
		case fastRecord:
			if err := add(rec); err != nil {
				return nil, err
			}
			*into = append(*into, rec)
			in.consume(n)
			k++
			continue
		case fastEnd:
			in.consume(n)
			return in.resume(`{"responses":[]`, 4)
		case fastMore:
			if in.fill() {
				continue
			}
		}
		// Record k+1 is the slow path's, from where record k ended: a
		// string stands for the records read (a number would run on into
		// what follows).
		prefix, tokens := `{"responses":[""`, 4
		if k == 0 {
			prefix, tokens = `{"responses":[`, 3
		}
		dec, err := in.resume(prefix, tokens)
		if err != nil {
			return nil, err
		}
		return dec, decodeItems(dec, name, k+1, into, add)
	}
}

// fastInput is the content stream as readResponses reads it: the bytes
// from the end of the last record read are kept, so that the slow path
// can start there.
type fastInput struct {
	r     io.Reader
	buf   []byte
	start int   // buf[start:] is not consumed
	err   error // r's first error (io.EOF at its end)
}

func (in *fastInput) unread() []byte { return in.buf[in.start:] }
func (in *fastInput) consume(n int)  { in.start += n }

// fill reads more of the stream after what is kept. It reports false when
// no more can come.
func (in *fastInput) fill() bool {
	if in.err != nil {
		return false
	}
	if in.start > 0 {
		in.buf = in.buf[:copy(in.buf, in.buf[in.start:])]
		in.start = 0
	}
	if len(in.buf) == cap(in.buf) {
		in.buf = append(in.buf, make([]byte, max(32<<10, cap(in.buf)))...)[:len(in.buf)]
	}
	n, err := in.r.Read(in.buf[len(in.buf):cap(in.buf)])
	in.buf = in.buf[:len(in.buf)+n]
	in.err = err
	return true
}

// resume returns a JSON decoder in the state the slow path's decoder would
// be in at the unread bytes: it reads prefix, the document's opening up to
// that point, then the unread bytes and the rest of the stream; its first
// tokens (as many as prefix holds) are taken here.
func (in *fastInput) resume(prefix string, tokens int) (*json.Decoder, error) {
	rest := in.r
	if in.err != nil {
		rest = errReader{in.err}
	}
	dec := json.NewDecoder(io.MultiReader(strings.NewReader(prefix), bytes.NewReader(in.unread()), rest))
	for range tokens {
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("its content is not a bundle's JSON: responses: %v", err)
		}
	}
	return dec, nil
}

// errReader fails every read with err.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// openList reads the colon after the "responses" key and the list's '['.
func openList(b []byte) (int, fastStatus) {
	s := scanner{b: b}
	if s.want(':') && s.want('[') {
		return s.i, fastRecord
	}
	return 0, s.st
}

// responseParser reads response records, sharing the ids they repeat and
// parsing a time only when it is not the last one's.
type responseParser struct {
	ids    map[string]string
	lastAt []byte // the last time read, quoted
	at     time.Time
}

// next reads the next record of the list from b, which starts where the
// last record ended (first: where the '[' ended), and returns it with the
// bytes it took.
func (p *responseParser) next(b []byte, first bool) (workbook.Response, int, fastStatus) {
	s := scanner{b: b}
	c, ok := s.peek()
	if ok && c == ']' {
		return workbook.Response{}, s.i + 1, fastEnd
	}
	if ok && !first {
		ok = s.want(',')
	}
	if !ok {
		return workbook.Response{}, 0, s.st
	}
	r, ok := p.record(&s)
	if !ok {
		return workbook.Response{}, 0, s.st
	}
	return r, s.i, fastRecord
}

// Bits of the keys a record gave.
const (
	keySite = 1 << iota
	keyAssessment
	keyParticipant
	keyStatement
	keyScore
	keyDontKnow
	keyComment
	keyAt
)

// record reads one response object at s, after any space.
func (p *responseParser) record(s *scanner) (workbook.Response, bool) {
	var r workbook.Response
	if !s.want('{') {
		return r, false
	}
	if c, ok := s.peek(); !ok {
		return r, false
	} else if c == '}' {
		s.i++
		return r, true
	}
	seen := 0
	for {
		key, ok := s.plainString()
		if !ok || !s.want(':') {
			return r, false
		}
		var bit int
		switch string(key) {
		case "site":
			bit = keySite
			r.SiteID, ok = p.id(s)
		case "assessment":
			bit = keyAssessment
			r.AssessmentID, ok = p.id(s)
		case "participant":
			bit = keyParticipant
			r.ParticipantID, ok = p.id(s)
		case "statement":
			bit = keyStatement
			r.StatementID, ok = p.id(s)
		case "score":
			bit = keyScore
			r.Score, ok = s.smallInt()
		case "dont_know":
			bit = keyDontKnow
			r.DontKnow, ok = s.boolean()
		case "comment":
			bit = keyComment
			var v []byte
			if v, ok = s.plainString(); ok {
				r.Comment = string(v)
			}
		case "at":
			bit = keyAt
			r.At, ok = p.time(s)
		default:
			s.st = fastOdd // unknown, or in other case: the slow path says which
			return r, false
		}
		if !ok {
			return r, false
		}
		if seen&bit != 0 {
			s.st = fastOdd // given twice: the slow path says so
			return r, false
		}
		seen |= bit
		c, ok := s.peek()
		switch {
		case !ok:
			return r, false
		case c == '}':
			s.i++
			return r, true
		case c != ',':
			s.st = fastOdd
			return r, false
		}
		s.i++
	}
}

// id reads a string value, shared with the records before that gave the
// same.
func (p *responseParser) id(s *scanner) (string, bool) {
	v, ok := s.plainString()
	if !ok {
		return "", false
	}
	if id, ok := p.ids[string(v)]; ok {
		return id, true
	}
	id := string(v)
	if p.ids == nil {
		p.ids = map[string]string{}
	}
	if len(p.ids) < maxInterned {
		p.ids[id] = id
	}
	return id, true
}

// scanner reads plain JSON from b at i. A method that cannot read what it
// wants returns false with st set: fastMore when b ends first, fastOdd
// otherwise.
type scanner struct {
	b  []byte
	i  int
	st fastStatus
}

func (s *scanner) fail(st fastStatus) bool {
	s.st = st
	return false
}

// peek skips space and returns the next byte.
func (s *scanner) peek() (byte, bool) {
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c, true
		}
	}
	return 0, s.fail(fastMore)
}

// want skips space and reads the byte c.
func (s *scanner) want(c byte) bool {
	got, ok := s.peek()
	if !ok {
		return false
	}
	if got != c {
		return s.fail(fastOdd)
	}
	s.i++
	return true
}

// quoted skips space and reads a string with no escape and no control
// character, in valid UTF-8, returning it with its quotes: encoding/json
// takes such a string's bytes as they are.
func (s *scanner) quoted() ([]byte, bool) {
	if !s.want('"') {
		return nil, false
	}
	start, high := s.i-1, false
	for j := s.i; j < len(s.b); j++ {
		switch c := s.b[j]; {
		case c == '"':
			s.i = j + 1
			v := s.b[start:s.i]
			if high && !utf8.Valid(v) {
				return nil, s.fail(fastOdd)
			}
			return v, true
		case c == '\\' || c < 0x20:
			return nil, s.fail(fastOdd)
		case c >= utf8.RuneSelf:
			high = true
		}
	}
	return nil, s.fail(fastMore)
}

// plainString is [scanner.quoted] without the quotes.
func (s *scanner) plainString() ([]byte, bool) {
	v, ok := s.quoted()
	if !ok {
		return nil, false
	}
	return v[1 : len(v)-1], true
}

// smallInt reads an integer of at most nine digits (one JSON and Go's int
// agree on, on any platform).
func (s *scanner) smallInt() (int, bool) {
	if _, ok := s.peek(); !ok {
		return 0, false
	}
	j, neg := s.i, false
	if s.b[j] == '-' {
		neg = true
		j++
	}
	start, n := j, 0
	for ; j < len(s.b) && s.b[j] >= '0' && s.b[j] <= '9'; j++ {
		n = n*10 + int(s.b[j]-'0')
		if j-start >= 9 {
			return 0, s.fail(fastOdd)
		}
	}
	switch digits := j - start; {
	case j == len(s.b):
		return 0, s.fail(fastMore) // the number may go on
	case digits == 0, digits > 1 && s.b[start] == '0':
		return 0, s.fail(fastOdd)
	}
	// A fraction or exponent after the digits is refused by the caller,
	// which wants ',' or '}' next.
	s.i = j
	if neg {
		n = -n
	}
	return n, true
}

// boolean reads true or false.
func (s *scanner) boolean() (bool, bool) {
	if _, ok := s.peek(); !ok {
		return false, false
	}
	for _, lit := range [...]string{"true", "false"} {
		rest := s.b[s.i:]
		if len(rest) < len(lit) && bytes.HasPrefix([]byte(lit), rest) {
			return false, s.fail(fastMore)
		}
		if bytes.HasPrefix(rest, []byte(lit)) {
			s.i += len(lit)
			return lit == "true", true
		}
	}
	return false, s.fail(fastOdd)
}

// time reads a time as encoding/json does, with time.Time.UnmarshalJSON
// on the quoted string (the answers of a sitting share a few times).
func (p *responseParser) time(s *scanner) (time.Time, bool) {
	v, ok := s.quoted()
	if !ok {
		return time.Time{}, false
	}
	if p.lastAt != nil && bytes.Equal(v, p.lastAt) {
		return p.at, true
	}
	var t time.Time
	if err := t.UnmarshalJSON(v); err != nil {
		return time.Time{}, s.fail(fastOdd) // the slow path gives the message
	}
	p.lastAt, p.at = append(p.lastAt[:0], v...), t
	return t, true
}
