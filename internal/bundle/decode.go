package bundle

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The content of a bundle is read as a stream, record by record, so that
// what reading costs is bounded by the workbook's limits and not by the
// file: a bundle with 35,016 participants in one assessment is refused at
// the 201st, before the rest is unpacked. Each record is taken as raw JSON,
// checked for keys given twice (encoding/json would keep the last, and
// matches keys in any case), then decoded strictly.

// maxQuestionnaires bounds the questionnaires a bundle carries: the site's
// and one per assessment at most.
const maxQuestionnaires = workbook.MaxAssessments + 1

// errContent is a problem of the unpacked stream itself (not gzip, too
// large, not UTF-8), kept by contentReader.
type contentError struct {
	kind    error
	problem string
}

func (e *contentError) Error() string { return e.problem }

// contentReader unpacks a bundle's body, at most MaxContentSize bytes of
// valid UTF-8. Its first problem is kept in err: the JSON decoder that
// reads from it sees only that the stream failed.
type contentReader struct {
	zr      *gzip.Reader
	n       int64
	pending []byte // the start of a UTF-8 sequence cut at a read's end
	shape   shape
	err     *contentError
}

func (cr *contentReader) fail(kind error, format string, args ...any) error {
	if cr.err == nil {
		cr.err = &contentError{kind: kind, problem: fmt.Sprintf(format, args...)}
	}
	return cr.err
}

func (cr *contentReader) Read(p []byte) (int, error) {
	if cr.err != nil {
		return 0, cr.err
	}
	// Each read fills p (gzip gives at most 32 KB at a time): a decoder
	// that scans its whole buffer again at each read then does so a few
	// times, not once per 32 KB.
	n, err := 0, error(nil)
	for n < len(p) && err == nil {
		var k int
		k, err = cr.zr.Read(p[n:])
		n += k
	}
	cr.n += int64(n)
	if cr.n > MaxContentSize {
		return 0, cr.fail(ErrDamaged, "its content is larger than %d MB unpacked; a bundle is far smaller", MaxContentSize>>20)
	}
	if err != nil && err != io.EOF {
		return 0, cr.fail(ErrDamaged, "its content cannot be unpacked: %v", err)
	}
	// Check UTF-8 over what was read with the cut sequence before it,
	// keeping a sequence cut at the end for the next read.
	chunk := append(cr.pending, p[:n]...)
	cut := 0
	for i := len(chunk) - 1; i >= 0 && i >= len(chunk)-utf8.UTFMax; i-- {
		if utf8.RuneStart(chunk[i]) {
			if !utf8.FullRune(chunk[i:]) {
				cut = len(chunk) - i
			}
			break
		}
	}
	if !utf8.Valid(chunk[:len(chunk)-cut]) || (err == io.EOF && cut > 0) {
		return 0, cr.fail(ErrInvalid, "its content is not UTF-8 text")
	}
	cr.pending = append(cr.pending[:0], chunk[len(chunk)-cut:]...)
	if problem := cr.shape.scan(p[:n]); problem != "" {
		return 0, cr.fail(ErrInvalid, "%s", problem)
	}
	return n, err
}

// decode reads and checks the content of a bundle's body, with the times
// of its records held to now.
func decode(body []byte, h header, now time.Time, parse func(what, src string) (*questionnaire.Questionnaire, error)) (*Bundle, error) {
	invalid := func(problem string, details ...string) (*Bundle, error) {
		return nil, &Error{Kind: ErrInvalid, Problem: problem, Details: details}
	}
	br := bytes.NewReader(body)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, &Error{Kind: ErrDamaged, Problem: fmt.Sprintf("its content cannot be unpacked: %v", err)}
	}
	zr.Multistream(false)
	cr := &contentReader{zr: zr}
	doc, err := readDocument(cr, h.format, true)
	if err == nil {
		// The gzip stream's end is where its checksum is checked.
		if _, cerr := io.Copy(io.Discard, cr); cerr != nil {
			err = cerr
		} else if br.Len() != 0 {
			return nil, &Error{Kind: ErrDamaged, Problem: "its content is followed by stray bytes"}
		}
	}
	if err != nil {
		var le *workbook.LimitError
		switch {
		case cr.err != nil:
			return nil, &Error{Kind: cr.err.kind, Problem: cr.err.problem}
		case errors.As(err, &le):
			return nil, &Error{Kind: ErrLimit, Problem: "it holds more than Engage allows: " + le.Error(), limit: le}
		}
		return invalid(err.Error())
	}
	switch {
	case doc.Format != h.format:
		return invalid(fmt.Sprintf("its content says format %d, its header %d", doc.Format, h.format))
	case doc.Engage != h.engage:
		return invalid(fmt.Sprintf("its content says Engage %q, its header %q", doc.Engage, h.engage))
	case doc.Site == nil:
		return invalid("it holds no site")
	}
	b := &Bundle{
		Engage: doc.Engage,
		Records: &workbook.SiteRecords{
			Site: *doc.Site, Partnerships: doc.Partnerships, Assessments: doc.Assessments,
			Participants: doc.Participants, Responses: doc.Responses, StatementNotes: doc.StatementNotes,
			IssueNotes: doc.IssueNotes, Findings: doc.Findings, Interventions: doc.Interventions,
		},
	}
	var problems []string
	for _, f := range doc.Withheld {
		if !slices.Contains(Fields, f) {
			problems = append(problems, fmt.Sprintf("withheld: %q is not a field kind", f))
		}
	}
	if b.Withheld = normalFields(doc.Withheld); len(b.Withheld) != len(doc.Withheld) && len(problems) == 0 {
		problems = append(problems, "withheld: the field kinds are not listed once each, in order")
	}
	seen := map[string]bool{}
	for i, p := range doc.Questionnaires {
		what := fmt.Sprintf("questionnaire %d (%s)", i+1, p.ID)
		q, err := parse(what, p.Source)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("%s does not parse: %v", what, err))
			continue
		case q.Hash != p.Hash:
			problems = append(problems, fmt.Sprintf("%s: its content does not match its hash %.12s", what, p.Hash))
			continue
		case q.ID != p.ID || q.Version != p.Version:
			problems = append(problems, fmt.Sprintf("%s: it says %q version %q, its content %q version %q", what, p.ID, p.Version, q.ID, q.Version))
			continue
		case seen[q.Hash]:
			problems = append(problems, fmt.Sprintf("%s appears twice", what))
			continue
		}
		seen[q.Hash] = true
		b.Questionnaires = append(b.Questionnaires, q)
	}
	sortedQuestionnaires(b.Questionnaires)
	problems = append(problems, b.check(now)...)
	if len(problems) > 0 {
		return invalid("what it holds does not check out:", problems...)
	}
	return b, nil
}

// readDocument reads the bundle's JSON object from r, member by member
// and record by record, counting the site's records against the limits.
// An error past a limit is a *workbook.LimitError. With fast, the answers
// are read by [readResponses]; without, as every other record is (the
// tests compare the two). format is the bundle format the header says:
// the actions of format 1 are read as [workbook.LegacyIntervention] and
// upgraded.
func readDocument(r io.Reader, format int, fast bool) (*document, error) {
	dec := json.NewDecoder(r)
	notJSON := func(err error) error {
		return fmt.Errorf("its content is not a bundle's JSON: %v", err)
	}
	if err := expectDelim(dec, '{'); err != nil {
		return nil, notJSON(err)
	}
	var doc document
	var lc workbook.LimitCounter
	keys := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notJSON(err)
		}
		name := tok.(string) // dec.Token returns object keys as strings
		if prev, dup := keys[strings.ToLower(name)]; dup {
			return nil, duplicateKey("", prev, name)
		}
		keys[strings.ToLower(name)] = name
		switch name {
		case "format":
			err = decodeValue(dec, name, &doc.Format)
		case "engage":
			err = decodeValue(dec, name, &doc.Engage)
		case "withheld":
			err = decodeList(dec, name, &doc.Withheld, func(Field) error {
				if len(doc.Withheld) >= len(Fields) {
					return fmt.Errorf("withheld: more than %d field kinds are listed; there are %d", len(Fields), len(Fields))
				}
				return nil
			})
		case "site":
			doc.Site, err = decodeSite(dec)
		case "questionnaires":
			err = decodeList(dec, name, &doc.Questionnaires, func(pinned) error {
				if len(doc.Questionnaires) >= maxQuestionnaires {
					return fmt.Errorf("questionnaires: more than %d are listed; a site and its assessments use at most %d", maxQuestionnaires, maxQuestionnaires)
				}
				return nil
			})
		case "partnerships":
			err = decodeList(dec, name, &doc.Partnerships, counted[workbook.Partnership](&lc))
		case "assessments":
			count := counted[workbook.Assessment](&lc)
			err = decodeList(dec, name, &doc.Assessments, func(a workbook.Assessment) error {
				if format < 3 && len(a.Log) > 0 {
					return fmt.Errorf("its content is not a bundle's JSON: %s: bundle format %d has no assessment log (%q)", name, format, "log")
				}
				return count(a)
			})
		case "participants":
			err = decodeList(dec, name, &doc.Participants, counted[workbook.Participant](&lc))
		case "responses":
			if !fast {
				err = decodeList(dec, name, &doc.Responses, counted[workbook.Response](&lc))
				break
			}
			// dec reads r ahead: readResponses takes what it holds,
			// then r, and returns a decoder for the rest.
			dec, err = readResponses(dec, r, &doc.Responses, counted[workbook.Response](&lc))
		case "statement_notes":
			err = decodeList(dec, name, &doc.StatementNotes, counted[workbook.StatementNote](&lc))
		case "issue_notes":
			err = decodeList(dec, name, &doc.IssueNotes, counted[workbook.IssueNote](&lc))
		case "findings":
			err = decodeList(dec, name, &doc.Findings, counted[workbook.Finding](&lc))
		case "interventions":
			if format == 1 {
				err = decodeLegacyInterventions(dec, name, &doc.Interventions, &lc)
				break
			}
			err = decodeList(dec, name, &doc.Interventions, counted[workbook.Intervention](&lc))
		default:
			err = notJSON(fmt.Errorf("json: unknown field %q", name))
		}
		if err != nil {
			return nil, err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, notJSON(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("its content has more after the bundle's JSON")
	}
	return &doc, nil
}

// decodeLegacyInterventions reads the actions of a bundle of format 1,
// which kept an action's review notes in one text, and upgrades each
// ([workbook.LegacyIntervention.Upgrade]): the notes become the first
// review of its log.
func decodeLegacyInterventions(dec *json.Decoder, name string, into *[]workbook.Intervention, lc *workbook.LimitCounter) error {
	var old []workbook.LegacyIntervention
	return decodeList(dec, name, &old, func(li workbook.LegacyIntervention) error {
		if len(li.Reviews) > 0 {
			return fmt.Errorf("its content is not a bundle's JSON: %s: bundle format 1 has no review log (%q)", name, "reviews")
		}
		iv := li.Upgrade()
		if err := lc.Add(iv); err != nil {
			return err
		}
		*into = append(*into, iv)
		return nil
	})
}

// decodeSite reads the site object member by member, so that a list of
// directorates past the limit ends the reading at the one too many.
func decodeSite(dec *json.Decoder) (*workbook.Site, error) {
	notJSON := func(err error) error {
		return fmt.Errorf("its content is not a bundle's JSON: site: %v", err)
	}
	tok, err := dec.Token()
	switch {
	case err != nil:
		return nil, notJSON(err)
	case tok == nil:
		return nil, nil
	case tok != json.Delim('{'):
		return nil, notJSON(errors.New("an object was expected"))
	}
	var dirs []workbook.Directorate
	var rest bytes.Buffer
	rest.WriteByte('{')
	keys := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notJSON(err)
		}
		name := tok.(string)
		if prev, dup := keys[strings.ToLower(name)]; dup {
			return nil, duplicateKey("site", prev, name)
		}
		keys[strings.ToLower(name)] = name
		if name == "directorates" {
			n := 0
			if err := decodeList(dec, "site directorates", &dirs, func(workbook.Directorate) error {
				if n++; n > workbook.MaxDirectorates {
					return &workbook.LimitError{Limit: workbook.LimitDirectorates, Where: "the site"}
				}
				return nil
			}); err != nil {
				return nil, err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, notJSON(err)
		}
		if rest.Len() > 1 {
			rest.WriteByte(',')
		}
		k, _ := json.Marshal(name)
		rest.Write(k)
		rest.WriteByte(':')
		rest.Write(raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, notJSON(err)
	}
	rest.WriteByte('}')
	var s workbook.Site
	if err := decodeValue(json.NewDecoder(&rest), "site", &s); err != nil {
		return nil, err
	}
	s.Directorates = dirs
	return &s, nil
}

// counted returns a function counting each record against the limits.
func counted[T workbook.Record](lc *workbook.LimitCounter) func(T) error {
	return func(rec T) error { return lc.Add(rec) }
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("found %v where %v was expected", tok, d)
	}
	return nil
}

// decodeList reads a JSON array (or null) into *into one element at a
// time, calling add with each before it is kept: an error from add stops
// the reading there.
func decodeList[T any](dec *json.Decoder, name string, into *[]T, add func(T) error) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("its content is not a bundle's JSON: %s: %v", name, err)
	}
	if tok == nil {
		return nil
	}
	if tok != json.Delim('[') {
		return fmt.Errorf("its content is not a bundle's JSON: %s: a list was expected", name)
	}
	return decodeItems(dec, name, 1, into, add)
}

// decodeItems reads the rest of a list whose '[' dec has read, from its
// record first (counted from 1), as decodeList does.
func decodeItems[T any](dec *json.Decoder, name string, first int, into *[]T, add func(T) error) error {
	for i := first; dec.More(); i++ {
		var v T
		if err := decodeRecord(dec, name, i, &v); err != nil {
			return err
		}
		if err := add(v); err != nil {
			return err
		}
		*into = append(*into, v)
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("its content is not a bundle's JSON: %s: %v", name, err)
	}
	return nil
}

// decodeValue reads the next JSON value from dec into v: taken raw,
// checked for keys given twice, then decoded with no unknown field
// allowed. what names the value in messages.
func decodeValue(dec *json.Decoder, what string, v any) error { return decodeRecord(dec, what, 0, v) }

// decodeRecord is [decodeValue] for record i (from 1) of list name, or
// for the value name itself when i is 0. The record's name ("responses,
// record 12") is made only for a message: a bundle has thousands.
func decodeRecord(dec *json.Decoder, name string, i int, v any) error {
	what := func() string {
		if i == 0 {
			return name
		}
		return fmt.Sprintf("%s, record %d", name, i)
	}
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("its content is not a bundle's JSON: %s: %v", what(), err)
	}
	if err := checkKeys(raw, what); err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("its content is not a bundle's JSON: %s: %v", what(), err)
	}
	return nil
}

// checkKeys refuses a JSON value in which an object gives a key twice, or
// two keys that differ only in case: encoding/json would silently keep the
// last one (and matches a record's keys in any case). raw is valid JSON
// (the decoder took it as a value), so a plain scan finds the keys.
func checkKeys(raw []byte, what func() string) error {
	type object struct {
		keys    map[string]string // folded -> as given
		wantKey bool
	}
	var stack []*object // nil for an array
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			stack = append(stack, &object{wantKey: true})
		case '[':
			stack = append(stack, nil)
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			if top := stack[len(stack)-1]; top != nil {
				top.wantKey = true
			}
		case '"':
			end, escaped := i+1, false
			for ; raw[end] != '"'; end++ {
				if raw[end] == '\\' {
					escaped = true
					end++
				}
			}
			if len(stack) > 0 && stack[len(stack)-1] != nil && stack[len(stack)-1].wantKey {
				top := stack[len(stack)-1]
				top.wantKey = false
				name := string(raw[i+1 : end])
				if escaped {
					if err := json.Unmarshal(raw[i:end+1], &name); err != nil {
						return fmt.Errorf("its content is not a bundle's JSON: %s: %v", what(), err)
					}
				}
				if top.keys == nil {
					top.keys = map[string]string{}
				}
				fold := strings.ToLower(name)
				if prev, dup := top.keys[fold]; dup {
					return duplicateKey(what(), prev, name)
				}
				top.keys[fold] = name
			}
			i = end
		}
	}
	return nil
}

func duplicateKey(what, prev, name string) error {
	where := "the bundle"
	if what != "" {
		where = what
	}
	if prev == name {
		return fmt.Errorf("its content gives the key %q twice in %s; which one counts would be a guess", name, where)
	}
	return fmt.Errorf("its content gives the keys %q and %q (the same but for case) in %s; which one counts would be a guess", prev, name, where)
}
