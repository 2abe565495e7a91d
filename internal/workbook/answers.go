package workbook

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// How answers are kept (store format 2).
//
// A national programme's store holds 1.6 million answers, so an answer is
// kept in a few bytes rather than as a JSON record of its own: each
// participant's answers are one record in [BucketAnswers], keyed
// site/assessment/participant, so that one assessment's answers lie
// together and one save rewrites one small record. Comments, rarer and
// longer, are kept apart, a participant's together in one record of
// [BucketComments] under the same key (see encodeComments), and an answer
// says whether it has one.
//
// A record is
//
//	byte     layout version (answersLayout)
//	uvarint  length of the questionnaire hash, then the hash: the pinned
//	         questionnaire the statement numbers refer to
//	varint   base time: the earliest answer's time, in Unix seconds
//	uvarint  number of answers
//	uvarint  how many of them are answered (a score or a don't-know),
//	         so that the kept figures need not read the answers
//
// then, for each answer, in statement-id order:
//
//	uvarint  statement: its position in the questionnaire's statements
//	         plus one, or 0 followed by the id itself (uvarint length,
//	         bytes) for an id the questionnaire does not have
//	byte     score (bits 0-3), don't know (bit 4), has a comment (bit 5),
//	         time has nanoseconds (bit 6)
//	uvarint  the time's seconds after the base time
//	uvarint  nanoseconds, when bit 6 is set
//
// Pinned questionnaires never change (they are kept by the hash of their
// text), so a statement's position means the same for as long as the
// record exists, whatever later happens to the assessment.
const answersLayout = 1

const (
	flagScore    = 0x0f
	flagDontKnow = 0x10
	flagComment  = 0x20
	flagNanos    = 0x40
	flagUnknown  = 0x80
)

// packedAnswer is one answer inside a participant's record.
type packedAnswer struct {
	Statement  string
	Score      int
	DontKnow   bool
	HasComment bool
	At         time.Time
}

func (a packedAnswer) answered() bool { return a.Score > 0 || a.DontKnow }

// errAnswers is the error of a record that cannot be read back.
var errAnswers = errors.New("the record of answers is damaged")

// encodeAnswers writes a participant's answers, sorting them by statement.
func encodeAnswers(q *questionnaire.Questionnaire, pos map[string]int, answers []packedAnswer) []byte {
	slices.SortFunc(answers, func(a, b packedAnswer) int { return strings.Compare(a.Statement, b.Statement) })
	hash := ""
	if q != nil {
		hash = q.Hash
	}
	var base int64
	for i, a := range answers {
		if s := a.At.Unix(); i == 0 || s < base {
			base = s
		}
	}
	buf := make([]byte, 0, 8+len(hash)+len(answers)*5)
	buf = append(buf, answersLayout)
	buf = binary.AppendUvarint(buf, uint64(len(hash)))
	buf = append(buf, hash...)
	buf = binary.AppendVarint(buf, base)
	buf = binary.AppendUvarint(buf, uint64(len(answers)))
	answered := 0
	for _, a := range answers {
		if a.answered() {
			answered++
		}
	}
	buf = binary.AppendUvarint(buf, uint64(answered))
	for _, a := range answers {
		if i, ok := pos[a.Statement]; ok {
			buf = binary.AppendUvarint(buf, uint64(i)+1)
		} else {
			buf = binary.AppendUvarint(buf, 0)
			buf = binary.AppendUvarint(buf, uint64(len(a.Statement)))
			buf = append(buf, a.Statement...)
		}
		f := byte(a.Score) & flagScore
		if a.DontKnow {
			f |= flagDontKnow
		}
		if a.HasComment {
			f |= flagComment
		}
		ns := a.At.Nanosecond()
		if ns != 0 {
			f |= flagNanos
		}
		buf = append(buf, f)
		buf = binary.AppendUvarint(buf, uint64(a.At.Unix()-base))
		if ns != 0 {
			buf = binary.AppendUvarint(buf, uint64(ns))
		}
	}
	return buf
}

// answerReader reads a participant's record one answer at a time.
type answerReader struct {
	buf      []byte
	hash     string
	base     int64
	left     int
	answered int // as the header says
	err      error
	names    func(i int) (string, bool) // statement id at a position
}

// readAnswersHeader starts reading a record; names maps a position to its
// statement id in the questionnaire with the record's hash, which it is
// given first.
func readAnswersHeader(buf []byte) (*answerReader, error) {
	if len(buf) == 0 || buf[0] != answersLayout {
		return nil, errAnswers
	}
	r := &answerReader{buf: buf[1:]}
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.buf)) {
		return nil, errAnswers
	}
	r.hash, r.buf = string(r.buf[:n]), r.buf[n:]
	r.base = r.varint()
	count := r.uvarint()
	answered := r.uvarint()
	// Each answer takes at least three bytes: a count past that is damage.
	if r.err != nil || count > uint64(len(r.buf))/3 || answered > count {
		return nil, errAnswers
	}
	r.left, r.answered = int(count), int(answered)
	return r, nil
}

func (r *answerReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.err = errAnswers
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

func (r *answerReader) varint() int64 {
	v, n := binary.Varint(r.buf)
	if n <= 0 {
		r.err = errAnswers
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// next reads the next answer into a; it returns false at the end or on
// damage (then r.err is set).
func (r *answerReader) next(a *packedAnswer) bool {
	if r.left == 0 || r.err != nil {
		return false
	}
	r.left--
	code := r.uvarint()
	switch {
	case r.err != nil:
		return false
	case code == 0:
		n := r.uvarint()
		if r.err != nil || n > uint64(len(r.buf)) {
			r.err = errAnswers
			return false
		}
		a.Statement, r.buf = string(r.buf[:n]), r.buf[n:]
	default:
		name, ok := r.names(int(code - 1))
		if !ok || code > 1<<20 {
			r.err = errAnswers
			return false
		}
		a.Statement = name
	}
	if len(r.buf) == 0 {
		r.err = errAnswers
		return false
	}
	f := r.buf[0]
	r.buf = r.buf[1:]
	if f&flagUnknown != 0 {
		r.err = errAnswers
		return false
	}
	a.Score, a.DontKnow, a.HasComment = int(f&flagScore), f&flagDontKnow != 0, f&flagComment != 0
	secs := r.uvarint()
	var ns uint64
	if f&flagNanos != 0 {
		ns = r.uvarint()
	}
	if r.err != nil || ns >= uint64(time.Second) || secs > 1<<40 {
		r.err = errAnswers
		return false
	}
	a.At = time.Unix(r.base+int64(secs), int64(ns)).UTC()
	return true
}

// countAnswers returns how many answers a record holds and how many of
// them are answered (a score or a don't-know), from its header.
func countAnswers(buf []byte) (stored, answered int, err error) {
	if buf == nil {
		return 0, 0, nil
	}
	r, err := readAnswersHeader(buf)
	if err != nil {
		return 0, 0, err
	}
	return r.left, r.answered, nil
}

// statementNames returns the lookup from position to statement id of the
// pinned questionnaire with this hash ("" has none).
func (r *Reader) statementNames(hash string) (func(int) (string, bool), error) {
	if hash == "" {
		return func(int) (string, bool) { return "", false }, nil
	}
	q, err := r.Questionnaire(hash)
	if err != nil {
		return nil, err
	}
	sts := r.svc.positions(q).names
	return func(i int) (string, bool) {
		if i < 0 || i >= len(sts) {
			return "", false
		}
		return sts[i], true
	}, nil
}

// statementPositions is a questionnaire's statements by position and the
// reverse.
type statementPositions struct {
	names []string
	pos   map[string]int
}

// positions returns q's statement positions, made once per questionnaire.
func (s *Service) positions(q *questionnaire.Questionnaire) *statementPositions {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.statementPos[q.Hash]; ok {
		return p
	}
	p := &statementPositions{pos: map[string]int{}}
	for i, st := range q.Statements() {
		p.names = append(p.names, st.ID)
		p.pos[st.ID] = i
	}
	s.statementPos[q.Hash] = p
	return p
}

// participantAnswers reads one participant's answers (without comments).
func (r *Reader) participantAnswers(k string, raw []byte) ([]packedAnswer, error) {
	if raw == nil {
		return nil, nil
	}
	ar, err := readAnswersHeader(raw)
	if err == nil {
		ar.names, err = r.statementNames(ar.hash)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %s: %w", BucketAnswers, k, err)
	}
	out := make([]packedAnswer, 0, ar.left)
	var a packedAnswer
	for ar.next(&a) {
		out = append(out, a)
	}
	if ar.err == nil && ar.answered != countAnswered(out) {
		ar.err = errAnswers
	}
	if ar.err != nil {
		return nil, fmt.Errorf("read %s %s: %w", BucketAnswers, k, ar.err)
	}
	return out, nil
}

func countAnswered(as []packedAnswer) int {
	n := 0
	for _, a := range as {
		if a.answered() {
			n++
		}
	}
	return n
}

// putResponse stores r in its participant's record, replacing any answer
// to the same statement. The comment goes to its own record.
func (c *Change) putResponse(r Response) error { return c.putResponses([]Response{r}, nil, nil) }

// putResponses stores answers of one participant (every one of rs has the
// same site, assessment and participant), reading and writing their
// records once: an import puts a participant's 41 answers in a row. An
// answer with neither a score, a don't-know nor a comment removes it.
// q is the assessment's questionnaire when the caller has it (nil reads
// it), and adding is called before an answer to a statement the
// participant had no answer to is added (nil allows it).
func (c *Change) putResponses(rs []Response, q *questionnaire.Questionnaire, adding func() error) error {
	r0 := rs[0]
	pk := key(r0.SiteID, r0.AssessmentID, r0.ParticipantID)
	answers, err := c.participantAnswers(pk, c.tx.Get(BucketAnswers, pk))
	if err != nil {
		return err
	}
	raw := c.tx.Get(BucketComments, pk)
	comments, err := decodeComments(raw)
	if err != nil {
		return fmt.Errorf("read %s %s: %w", BucketComments, pk, err)
	}
	commentsChanged := false
	for _, r := range rs {
		if r.Score < 0 || r.Score > flagScore {
			// The rules allow at most 10; a record keeps up to 15.
			return &FieldError{Field: "score", Message: fmt.Sprintf("%d cannot be kept", r.Score)}
		}
		i := slices.IndexFunc(answers, func(x packedAnswer) bool { return x.Statement == r.StatementID })
		a := packedAnswer{Statement: r.StatementID, Score: r.Score, DontKnow: r.DontKnow, HasComment: r.Comment != "", At: r.At}
		switch {
		case !r.Answered() && r.Comment == "":
			if i >= 0 {
				answers = slices.Delete(answers, i, i+1)
			}
		case i >= 0:
			answers[i] = a
		default:
			if adding != nil {
				if err := adding(); err != nil {
					return err
				}
			}
			answers = append(answers, a)
		}
		var changed bool
		comments, changed = withComment(comments, r.StatementID, r.Comment)
		commentsChanged = commentsChanged || changed
	}
	if commentsChanged {
		if len(comments) == 0 {
			err = c.tx.Delete(BucketComments, pk)
		} else {
			err = c.tx.Put(BucketComments, pk, encodeComments(comments))
		}
		if err != nil {
			return err
		}
	}
	return c.putAnswers(r0.SiteID, r0.AssessmentID, pk, answers, q)
}

// putAnswers writes a participant's record, numbering statements by the
// assessment's questionnaire q (read when nil) when it has one.
func (c *Change) putAnswers(siteID, assessmentID, pk string, answers []packedAnswer, q *questionnaire.Questionnaire) error {
	if len(answers) == 0 {
		return c.tx.Delete(BucketAnswers, pk)
	}
	if q == nil {
		if a, ok, err := getJSON[Assessment](c.tx, BucketAssessments, key(siteID, assessmentID)); err == nil && ok {
			q, _ = c.Questionnaire(a.Questionnaire)
		}
	}
	var pos map[string]int
	if q != nil {
		pos = c.svc.positions(q).pos
	}
	return c.tx.Put(BucketAnswers, pk, encodeAnswers(q, pos, answers))
}

// deleteResponse removes one answer (and its comment).
func (c *Change) deleteResponse(siteID, assessmentID, participantID, statementID string) error {
	if c.tx.Get(BucketAnswers, key(siteID, assessmentID, participantID)) == nil &&
		c.tx.Get(BucketComments, key(siteID, assessmentID, participantID)) == nil {
		return nil
	}
	return c.putResponses([]Response{{SiteID: siteID, AssessmentID: assessmentID, ParticipantID: participantID, StatementID: statementID}}, nil, nil)
}

// eachResponse calls fn with every response stored under prefix (a site's
// or an assessment's), participant by participant, each participant's in
// statement order: the order of the keys of format 1, one record per
// answer.
func (r *Reader) eachResponse(prefix string, fn func(*Response) error) error {
	var resp Response
	var a packedAnswer
	var comments []comment
	return r.tx.ForEach(BucketAnswers, prefix, func(k string, raw []byte) error {
		comments = nil
		site, rest, _ := strings.Cut(k, "/")
		assessment, participant, ok := strings.Cut(rest, "/")
		if !ok {
			return fmt.Errorf("read %s %s: %w", BucketAnswers, k, errAnswers)
		}
		ar, err := readAnswersHeader(raw)
		if err == nil {
			ar.names, err = r.statementNames(ar.hash)
		}
		if err != nil {
			return fmt.Errorf("read %s %s: %w", BucketAnswers, k, err)
		}
		for ar.next(&a) {
			resp = Response{
				SiteID: site, AssessmentID: assessment, ParticipantID: participant,
				StatementID: a.Statement, Score: a.Score, DontKnow: a.DontKnow, At: a.At,
			}
			if a.HasComment {
				if comments == nil {
					var err error
					if comments, err = decodeComments(r.tx.Get(BucketComments, k)); err != nil {
						return fmt.Errorf("read %s %s: %w", BucketComments, k, err)
					}
				}
				resp.Comment = findComment(comments, a.Statement)
			}
			if err := fn(&resp); err != nil {
				return err
			}
		}
		if ar.err != nil {
			return fmt.Errorf("read %s %s: %w", BucketAnswers, k, ar.err)
		}
		return nil
	})
}

// UpgradeAnswers moves every answer of store format 1 (one JSON record per
// answer in [BucketResponses]) into the records of format 2, and counts
// every site's kept figures: the upgrade from format 1 to 2, run by the
// store inside the one transaction of the upgrade, which then removes the
// old collection. Answers arrive in key order, one participant's after
// another, so each participant's record is written once.
func UpgradeAnswers(tx Tx) error {
	svc := NewService(nil, Options{})
	c := &Change{Reader: Reader{svc: svc, tx: tx}, track: newTrackTx(tx)}
	var (
		pk       string // participant whose answers are being gathered
		site     string
		assess   string
		answers  []packedAnswer
		comments []comment
	)
	flush := func() error {
		if pk == "" {
			return nil
		}
		if len(comments) > 0 {
			if err := tx.Put(BucketComments, pk, encodeComments(comments)); err != nil {
				return err
			}
		}
		return c.putAnswers(site, assess, pk, answers, nil)
	}
	err := tx.ForEach(BucketResponses, "", func(k string, raw []byte) error {
		r, err := decode[Response](raw)
		if err != nil {
			return fmt.Errorf("read %s %s: %w", BucketResponses, k, err)
		}
		if p := key(r.SiteID, r.AssessmentID, r.ParticipantID); p != pk {
			if err := flush(); err != nil {
				return err
			}
			pk, site, assess, answers, comments = p, r.SiteID, r.AssessmentID, answers[:0], comments[:0]
		}
		if r.Comment != "" {
			comments = append(comments, comment{r.StatementID, r.Comment})
		}
		answers = append(answers, packedAnswer{Statement: r.StatementID, Score: r.Score, DontKnow: r.DontKnow, HasComment: r.Comment != "", At: r.At})
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	return KeepAll(svc, tx)
}

// comment is the comment given with one answer.
type comment struct {
	Statement, Text string
}

// encodeComments writes a participant's comments as one record: uvarint
// count, then for each, in statement order, the statement id and the text,
// each as uvarint length and bytes.
func encodeComments(cs []comment) []byte {
	slices.SortFunc(cs, func(a, b comment) int { return strings.Compare(a.Statement, b.Statement) })
	n := binary.MaxVarintLen64
	for _, c := range cs {
		n += 2*binary.MaxVarintLen64 + len(c.Statement) + len(c.Text)
	}
	buf := make([]byte, 0, n)
	buf = binary.AppendUvarint(buf, uint64(len(cs)))
	for _, c := range cs {
		buf = binary.AppendUvarint(buf, uint64(len(c.Statement)))
		buf = append(buf, c.Statement...)
		buf = binary.AppendUvarint(buf, uint64(len(c.Text)))
		buf = append(buf, c.Text...)
	}
	return buf
}

// decodeComments reads a record encodeComments wrote (nil is none).
func decodeComments(raw []byte) ([]comment, error) {
	if raw == nil {
		return []comment{}, nil
	}
	r := &answerReader{buf: raw}
	count := r.uvarint()
	if r.err != nil || count > uint64(len(r.buf))/2 {
		return nil, errComments
	}
	out := make([]comment, 0, count)
	for range count {
		var c comment
		for _, s := range []*string{&c.Statement, &c.Text} {
			n := r.uvarint()
			if r.err != nil || n > uint64(len(r.buf)) {
				return nil, errComments
			}
			*s, r.buf = string(r.buf[:n]), r.buf[n:]
		}
		out = append(out, c)
	}
	return out, nil
}

var errComments = errors.New("the record of comments is damaged")

func findComment(cs []comment, statement string) string {
	for _, c := range cs {
		if c.Statement == statement {
			return c.Text
		}
	}
	return ""
}

// withComment sets (or, with "", removes) the comment on a statement, and
// says whether that changed anything.
func withComment(cs []comment, statement, text string) ([]comment, bool) {
	i := slices.IndexFunc(cs, func(x comment) bool { return x.Statement == statement })
	switch {
	case i >= 0 && cs[i].Text == text:
		return cs, false
	case i >= 0 && text == "":
		return slices.Delete(cs, i, i+1), true
	case i >= 0:
		cs[i].Text = text
		return cs, true
	case text == "":
		return cs, false
	}
	return append(cs, comment{statement, text}), true
}
