package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Format is the bundle format this Engage writes. It reads every format up
// to it:
//
//   - 1: an action keeps its review notes in one text ("review"); read,
//     they become the first review of its log;
//   - 2: an action carries its review log ("reviews"), and may be
//     dropped;
//   - 3: an assessment carries its log ("log": completed, reopened and
//     why, changes after answers were given).
const Format = 3

// Limits on what [Read] accepts. A site with a hundred participants
// answering a hundred statements with long comments stays well inside
// them.
const (
	// MaxFileSize bounds a bundle file.
	MaxFileSize = 64 << 20
	// MaxContentSize bounds a bundle's content once unpacked.
	MaxContentSize = 256 << 20
)

// magic starts every bundle file.
const magic = "engage-bundle"

// maxHeader bounds the header line.
const maxHeader = 512

// Encode returns the bundle as a file: the header line, then the gzip of
// the content. The same bundle always gives the same bytes.
func (b *Bundle) Encode() ([]byte, error) {
	content, err := b.content()
	if err != nil {
		return nil, err
	}
	return seal(versionToken(b.Engage), content)
}

// seal packs content into a bundle file of this format: gzip it, then put
// the header line with its size and checksum in front.
func seal(engage string, content []byte) ([]byte, error) { return sealFormat(Format, engage, content) }

// sealFormat is [seal] with the format the header says (the tests write
// files of earlier formats with it).
func sealFormat(format int, engage string, content []byte) ([]byte, error) {
	var body bytes.Buffer
	zw, err := gzip.NewWriterLevel(&body, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(content); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	prefix := headerPrefix(format, engage, body.Len())
	sum := checksum(prefix, body.Bytes())
	out := make([]byte, 0, len(prefix)+len(sum)+1+body.Len())
	out = append(out, prefix...)
	out = append(out, sum...)
	out = append(out, '\n')
	return append(out, body.Bytes()...), nil
}

// headerPrefix is the header line up to and including "sha256=".
func headerPrefix(format int, engage string, size int) string {
	return fmt.Sprintf("%s format=%d engage=%s size=%d sha256=", magic, format, engage, size)
}

// checksum is the SHA-256 of the file without its own 64 digits: the
// header up to "sha256=", the newline, and the body.
func checksum(prefix string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(prefix))
	h.Write([]byte{'\n'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// document is the content of a bundle file.
type document struct {
	Format         int                      `json:"format"`
	Engage         string                   `json:"engage"`
	Withheld       []Field                  `json:"withheld"`
	Questionnaires []pinned                 `json:"questionnaires"`
	Site           *workbook.Site           `json:"site"`
	Partnerships   []workbook.Partnership   `json:"partnerships"`
	Assessments    []workbook.Assessment    `json:"assessments"`
	Participants   []workbook.Participant   `json:"participants"`
	Responses      []workbook.Response      `json:"responses"`
	StatementNotes []workbook.StatementNote `json:"statement_notes"`
	IssueNotes     []workbook.IssueNote     `json:"issue_notes"`
	Findings       []workbook.Finding       `json:"findings"`
	Interventions  []workbook.Intervention  `json:"interventions"`
}

// pinned is one questionnaire as a bundle carries it.
type pinned struct {
	Hash    string `json:"hash"`
	ID      string `json:"id"`
	Version string `json:"version"`
	Source  string `json:"source"`
}

// content writes the bundle's JSON document by hand, one record per line,
// so that an unpacked bundle reads (and diffs) record by record.
func (b *Bundle) content() ([]byte, error) {
	var w docWriter
	w.buf.WriteString("{")
	w.field("format", Format)
	w.field("engage", versionToken(b.Engage))
	withheld := normalFields(b.Withheld)
	if withheld == nil {
		withheld = []Field{}
	}
	w.field("withheld", withheld)
	qs := make([]pinned, len(b.Questionnaires))
	for i, q := range b.Questionnaires {
		if !utf8.Valid(q.Source) {
			return nil, fmt.Errorf("the pinned questionnaire %s is not UTF-8 text", q.Hash[:12])
		}
		qs[i] = pinned{Hash: q.Hash, ID: q.ID, Version: q.Version, Source: string(q.Source)}
	}
	list(&w, "questionnaires", qs)
	w.field("site", b.Records.Site)
	r := b.Records
	list(&w, "partnerships", r.Partnerships)
	list(&w, "assessments", r.Assessments)
	list(&w, "participants", r.Participants)
	list(&w, "responses", r.Responses)
	list(&w, "statement_notes", r.StatementNotes)
	list(&w, "issue_notes", r.IssueNotes)
	list(&w, "findings", r.Findings)
	list(&w, "interventions", r.Interventions)
	w.buf.WriteString("\n}\n")
	return w.buf.Bytes(), w.err
}

type docWriter struct {
	buf bytes.Buffer
	err error
}

func (w *docWriter) name(n string) {
	if w.buf.Len() > 1 {
		w.buf.WriteString(",")
	}
	w.buf.WriteString("\n\"" + n + "\":")
}

func (w *docWriter) value(v any) {
	raw, err := json.Marshal(v)
	if err != nil && w.err == nil {
		w.err = err
	}
	w.buf.Write(raw)
}

func (w *docWriter) field(n string, v any) {
	w.name(n)
	w.value(v)
}

func list[T any](w *docWriter, n string, items []T) {
	w.name(n)
	w.buf.WriteString("[")
	for i, it := range items {
		if i > 0 {
			w.buf.WriteString(",")
		}
		w.buf.WriteString("\n")
		w.value(it)
	}
	if len(items) > 0 {
		w.buf.WriteString("\n")
	}
	w.buf.WriteString("]")
}

// ReadFile reads and checks the bundle file at path (see [Read]).
func ReadFile(path string) (*Bundle, error) {
	var r Reader
	return r.ReadFile(path)
}

// Read checks a bundle file's bytes fully and returns what it holds. name
// is the file's name, for messages. Every refusal is an [*Error].
func Read(name string, data []byte) (*Bundle, error) {
	var r Reader
	return r.Read(name, data)
}

// A Reader reads bundle files as [ReadFile] and [Read] do, but parses a
// questionnaire that several of them pin once: importing a programme's
// hundred bundles, each pinning the same workbook, parsed its YAML a
// hundred times (15% of the import). Questionnaires are matched by their
// exact source, and the bundles read share the parsed
// *questionnaire.Questionnaire, which nothing changes (as the store's
// pinned questionnaires are shared). It keeps at most
// [maxParsedQuestionnaires]. The zero Reader is ready to use; it is not
// safe for concurrent use.
type Reader struct {
	// Keys open encrypted bundles; without them, an encrypted bundle is
	// refused with [ErrEncrypted].
	Keys   Keys
	parsed map[string]*questionnaire.Questionnaire // by source
}

// maxParsedQuestionnaires bounds what a [Reader] keeps: a programme uses
// a few questionnaires, and a thousand crafted bundles each pinning its
// own must not all be held.
const maxParsedQuestionnaires = 16

// parse parses a pinned questionnaire's source, or returns the one parsed
// from the same source before. A source that does not parse is parsed
// again each time, so that its message names the bundle it is in.
func (r *Reader) parse(what, src string) (*questionnaire.Questionnaire, error) {
	if q, ok := r.parsed[src]; ok {
		return q, nil
	}
	q, err := questionnaire.Parse(what, []byte(src))
	if err != nil {
		return nil, err
	}
	if r.parsed == nil {
		r.parsed = map[string]*questionnaire.Questionnaire{}
	}
	if len(r.parsed) < maxParsedQuestionnaires {
		r.parsed[src] = q
	}
	return q, nil
}

// ReadFile reads and checks the bundle file at path (see [Read]).
func (r *Reader) ReadFile(path string) (*Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, &Error{File: path, Kind: ErrNotBundle, Problem: "it is a folder, not a bundle file"}
	}
	// An encrypted file is decrypted as it is read, so that only what
	// it holds is kept, bounded as a plain file is.
	src := bufio.NewReader(f)
	if start, _ := src.Peek(len(encryptedMagic)); IsEncrypted(start) {
		data, err := r.decrypt(path, src)
		if err != nil {
			return nil, err
		}
		return r.readPlain(path, data)
	}
	data, err := io.ReadAll(io.LimitReader(src, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	return r.readPlain(path, data)
}

// Read checks a bundle file's bytes fully and returns what it holds (see
// [Read]). An encrypted bundle is opened with r.Keys first.
func (r *Reader) Read(name string, data []byte) (*Bundle, error) {
	if IsEncrypted(data) {
		plain, err := r.decrypt(name, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		data = plain
	}
	return r.readPlain(name, data)
}

// readPlain checks a plain bundle file's bytes.
func (r *Reader) readPlain(name string, data []byte) (*Bundle, error) {
	fail := func(kind error, format string, args ...any) (*Bundle, error) {
		return nil, &Error{File: name, Kind: kind, Problem: fmt.Sprintf(format, args...)}
	}
	switch {
	case len(data) == 0:
		return fail(ErrNotBundle, "the file is empty")
	case len(data) > MaxFileSize:
		return fail(ErrNotBundle, "the file is larger than %d MB; a bundle is far smaller", MaxFileSize>>20)
	case !bytes.HasPrefix(data, []byte(magic+" ")):
		return fail(ErrNotBundle, "it is not an Engage bundle (it does not start with %q)", magic)
	}
	nl := bytes.IndexByte(data[:min(len(data), maxHeader)], '\n')
	if nl < 0 {
		return fail(ErrDamaged, "its header line is damaged (no end of line in the first %d bytes)", maxHeader)
	}
	h, err := parseHeader(string(data[:nl]))
	if err != nil {
		return nil, withFile(err, name)
	}
	body := data[nl+1:]
	switch {
	case len(body) < h.size:
		return fail(ErrDamaged, "the file is cut short: %d of its %d bytes are there (was it copied completely?)", len(body), h.size)
	case len(body) > h.size:
		return fail(ErrDamaged, "the file has %d bytes more than its header says (something was added to it)", len(body)-h.size)
	}
	if checksum(headerPrefix(h.format, h.engage, h.size), body) != h.sum {
		return fail(ErrDamaged, "its checksum does not match: the file was changed or damaged after it was written")
	}
	b, err := decode(body, h, time.Now(), r.parse)
	if err != nil {
		return nil, withFile(err, name)
	}
	b.Name = name
	return b, nil
}

// header is a parsed header line.
type header struct {
	format int
	engage string
	size   int
	sum    string
}

// parseHeader reads the header line. The format is read first: a newer
// format's line may say other things, and only the version it needs is
// taken from it.
func parseHeader(line string) (header, error) {
	fail := func(kind error, format string, args ...any) (header, error) {
		return header{}, &Error{Kind: kind, Problem: fmt.Sprintf(format, args...)}
	}
	fields := strings.Split(line, " ")
	var h header
	value := func(i int, key string) (string, bool) {
		if i >= len(fields) {
			return "", false
		}
		return strings.CutPrefix(fields[i], key+"=")
	}
	f, ok := value(1, "format")
	n, err := strconv.Atoi(f)
	if !ok || err != nil || n < 1 || strconv.Itoa(n) != f {
		return fail(ErrDamaged, "its header line is damaged (no format version)")
	}
	h.format = n
	if n > Format {
		needs := ""
		for _, fld := range fields[2:] {
			if v, ok := strings.CutPrefix(fld, "engage="); ok && versionToken(v) == v && v != "unknown" {
				needs = v
			}
		}
		e := &Error{Kind: ErrTooNew, Needs: needs}
		if needs != "" {
			e.Problem = fmt.Sprintf("it was written by Engage %s in bundle format %d; this Engage reads bundle format %d", needs, n, Format)
		} else {
			e.Problem = fmt.Sprintf("it is in bundle format %d, from a newer Engage; this Engage reads bundle format %d", n, Format)
		}
		return header{}, e
	}
	var okE, okS, okH bool
	var size string
	h.engage, okE = value(2, "engage")
	size, okS = value(3, "size")
	h.sum, okH = value(4, "sha256")
	if !okE || !okS || !okH || len(fields) != 5 {
		return fail(ErrDamaged, "its header line is damaged (it should say format, engage, size and sha256)")
	}
	if h.engage == "" || versionToken(h.engage) != h.engage {
		return fail(ErrDamaged, "its header line is damaged (the Engage version %q)", h.engage)
	}
	if h.size, err = strconv.Atoi(size); err != nil || h.size < 0 || strconv.Itoa(h.size) != size {
		return fail(ErrDamaged, "its header line is damaged (the size %q)", size)
	}
	if len(h.sum) != 64 || strings.Trim(h.sum, "0123456789abcdef") != "" {
		return fail(ErrDamaged, "its header line is damaged (the checksum is not 64 hex digits)")
	}
	return h, nil
}

// withFile names the file in an *Error made without it.
func withFile(err error, name string) error {
	var e *Error
	if errors.As(err, &e) && e.File == "" {
		e.File = name
	}
	return err
}
