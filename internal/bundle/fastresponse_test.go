package bundle

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// realResponses returns the response records of the bundles kept in
// testdata, one JSON object each, as the bundles hold them.
func realResponses(t testing.TB) [][]byte {
	paths, err := filepath.Glob("testdata/*.engage")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no bundles in testdata: %v", err)
	}
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(data[bytes.IndexByte(data, '\n')+1:]))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := bytes.TrimSuffix(sc.Bytes(), []byte(","))
			if bytes.HasPrefix(line, []byte(`{"site":`)) && bytes.Contains(line, []byte(`"participant":`)) && bytes.Contains(line, []byte(`"statement":`)) {
				out = append(out, bytes.Clone(line))
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if len(out) == 0 {
		t.Fatal("the testdata bundles hold no responses")
	}
	return out
}

// slowResponse decodes one record as every record but the answers is.
func slowResponse(raw []byte) (workbook.Response, int64, error) {
	var r workbook.Response
	dec := json.NewDecoder(bytes.NewReader(raw))
	err := decodeRecord(dec, "responses", 1, &r)
	return r, dec.InputOffset(), err
}

// checkRecordAgrees checks the fast parser on raw as one record: what it
// reads, the slow path reads the same, from the same bytes.
func checkRecordAgrees(t *testing.T, raw []byte) fastStatus {
	t.Helper()
	var p responseParser
	s := scanner{b: raw}
	fast, ok := p.record(&s)
	if !ok {
		if s.st != fastMore && s.st != fastOdd {
			t.Fatalf("%q: not read, with status %d", raw, s.st)
		}
		return s.st
	}
	slow, end, err := slowResponse(raw)
	switch {
	case err != nil:
		t.Fatalf("%q: the fast path reads %+v, the slow path refuses it: %v", raw, fast, err)
	case !reflect.DeepEqual(fast, slow):
		t.Fatalf("%q: the fast path reads %+v, the slow path %+v", raw, fast, slow)
	case int64(s.i) != end:
		t.Fatalf("%q: the fast path takes %d bytes, the slow path %d", raw, s.i, end)
	}
	return fastRecord
}

// readBoth reads doc with and without the fast path, the fast one through
// each of a few ways of cutting the stream, and fails when they differ in
// the document read or the message.
func readBoth(t *testing.T, doc []byte) (*document, error) {
	t.Helper()
	slow, slowErr := readDocument(bytes.NewReader(doc), Format, false)
	readers := map[string]io.Reader{
		"whole":    bytes.NewReader(doc),
		"one byte": iotest.OneByteReader(bytes.NewReader(doc)),
		"halves":   iotest.HalfReader(bytes.NewReader(doc)),
	}
	for how, r := range readers {
		fast, fastErr := readDocument(r, Format, true)
		if fmt.Sprint(fastErr) != fmt.Sprint(slowErr) {
			t.Fatalf("%s, %q:\nfast: %v\nslow: %v", how, doc, fastErr, slowErr)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%s, %q:\nfast: %+v\nslow: %+v", how, doc, fast, slow)
		}
	}
	return slow, slowErr
}

// inDocument puts a responses value between other members.
func inDocument(responses string) []byte {
	return []byte(`{"format":1,"responses":` + responses + `,"findings":[]}`)
}

const plain = `{"site":"s1","assessment":"a1","participant":"p1","statement":"q1","score":4,"comment":"fine","at":"2026-03-02T10:00:00Z"}`

func TestResponseRecordEdges(t *testing.T) {
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	read := []struct {
		name, raw string
		want      workbook.Response
	}{
		{"plain", plain, workbook.Response{SiteID: "s1", AssessmentID: "a1", ParticipantID: "p1", StatementID: "q1", Score: 4, Comment: "fine", At: at}},
		{"empty object", `{}`, workbook.Response{}},
		{"space everywhere", " { \"site\" :\t\"s\" ,\r\n\"score\" : 0 } ", workbook.Response{SiteID: "s", Score: 0}},
		{"keys in another order", `{"at":"2026-03-02T10:00:00Z","dont_know":true,"site":"s"}`, workbook.Response{SiteID: "s", DontKnow: true, At: at}},
		{"dont_know false", `{"dont_know":false}`, workbook.Response{}},
		{"negative score", `{"score":-12}`, workbook.Response{Score: -12}},
		{"minus zero", `{"score":-0}`, workbook.Response{}},
		{"nine digits", `{"score":999999999}`, workbook.Response{Score: 999999999}},
		{"UTF-8 comment", `{"comment":"così è, 長い 🙂"}`, workbook.Response{Comment: "così è, 長い 🙂"}},
		{"offset time", `{"at":"2026-03-02T11:00:00+01:00"}`, workbook.Response{At: time.Date(2026, 3, 2, 11, 0, 0, 0, time.FixedZone("", 3600))}},
	}
	for _, c := range read {
		t.Run(c.name, func(t *testing.T) {
			if st := checkRecordAgrees(t, []byte(c.raw)); st != fastRecord {
				t.Fatalf("%s: not read by the fast path (status %d)", c.raw, st)
			}
			var p responseParser
			s := scanner{b: []byte(c.raw)}
			got, _ := p.record(&s)
			if !got.At.Equal(c.want.At) {
				t.Fatalf("at: %v, want %v", got.At, c.want.At)
			}
			got.At, c.want.At = time.Time{}, time.Time{}
			if got != c.want {
				t.Fatalf("%+v, want %+v", got, c.want)
			}
		})
	}
	// Each of these is left to the slow path; most are refused there, and
	// the message must be the slow path's own.
	left := []struct{ name, raw, slowSays string }{
		{"null", `null`, ""},
		{"a list", `[]`, "cannot unmarshal array"},
		{"unknown key", `{"site":"s","mood":"good"}`, `unknown field "mood"`},
		{"key twice", `{"site":"s","site":"t"}`, `gives the key "site" twice in responses, record 2`},
		{"key in other case", `{"Site":"s"}`, ""},
		{"keys differing in case", `{"site":"s","Site":"t"}`, `gives the keys "site" and "Site" (the same but for case) in responses, record 2`},
		{"escaped key", `{"s\u0069te":"s"}`, ""},
		{"escape in a string", `{"comment":"a\nb"}`, ""},
		{"control character", "{\"comment\":\"a\tb\"}", "invalid character"},
		{"not UTF-8", "{\"comment\":\"a\xffb\"}", ""},
		{"null string", `{"site":null}`, ""},
		{"number for a string", `{"site":1}`, "cannot unmarshal number"},
		{"string for the score", `{"score":"4"}`, "cannot unmarshal string"},
		{"fraction", `{"score":4.0}`, "cannot unmarshal number 4.0"},
		{"exponent", `{"score":4e0}`, "cannot unmarshal number 4e0"},
		{"leading zero", `{"score":04}`, "invalid character '4' after object key:value pair"},
		{"ten digits", `{"score":1234567890}`, ""},
		{"past int64", `{"score":99999999999999999999}`, "cannot unmarshal number"},
		{"bare minus", `{"score":-}`, "invalid character '}' in numeric literal"},
		{"true for the score", `{"score":true}`, "cannot unmarshal bool"},
		{"1 for dont_know", `{"dont_know":1}`, "cannot unmarshal number"},
		{"truth", `{"dont_know":truth}`, "invalid character 't' in literal true"},
		{"bad time", `{"at":"2026-03-02"}`, `parsing time "2026-03-02" as "2006-01-02T15:04:05Z07:00"`},
		{"time not a string", `{"at":20260302}`, "Time.UnmarshalJSON: input is not a JSON string"},
		{"time with escape", `{"at":"2026-03-02T10:00:00\u005a"}`, ""},
		{"hour 24", `{"at":"2026-03-02T24:00:00Z"}`, "hour out of range"},
		{"trailing comma", `{"site":"s",}`, "invalid character '}' looking for beginning of object key string"},
		{"no colon", `{"site" "s"}`, "invalid character '\"' after object key"},
		{"nested object", `{"comment":{"a":1}}`, "cannot unmarshal object"},
	}
	for _, c := range left {
		t.Run(c.name, func(t *testing.T) {
			if st := checkRecordAgrees(t, []byte(c.raw)); st != fastOdd {
				t.Fatalf("%s: status %d, want it left to the slow path", c.raw, st)
			}
			_, err := readBoth(t, inDocument("[\n"+plain+",\n"+c.raw+"\n]"))
			switch {
			case c.slowSays == "" && err != nil && strings.Contains(err.Error(), "record 1"):
				t.Fatalf("the message names the wrong record: %v", err)
			case c.slowSays != "" && (err == nil || !strings.Contains(err.Error(), c.slowSays)):
				t.Fatalf("got %v, want a message with %q", err, c.slowSays)
			case c.slowSays != "" && !strings.Contains(err.Error(), "responses, record 2"):
				t.Fatalf("the message does not name record 2: %v", err)
			}
		})
	}
	// A record cut short is not read until the rest comes.
	for n := range len(plain) {
		if st := checkRecordAgrees(t, []byte(plain[:n])); st != fastMore {
			t.Fatalf("%q: status %d, want more wanted", plain[:n], st)
		}
	}
}

// TestReadResponsesAgrees reads whole documents with and without the fast
// path: the same records, or the same message, however the stream is cut.
func TestReadResponsesAgrees(t *testing.T) {
	real := realResponses(t)
	var many bytes.Buffer
	many.WriteString("[")
	for i, r := range real {
		if i > 0 {
			many.WriteString(",")
		}
		many.WriteString("\n")
		many.Write(r)
	}
	many.WriteString("\n]")
	docs := map[string]string{
		"the testdata's answers":   many.String(),
		"none":                     `[]`,
		"none, with space":         " [ \n ] ",
		"null":                     `null`,
		"not a list":               `{}`,
		"a number":                 `12`,
		"one":                      "[" + plain + "]",
		"a comma too many":         "[" + plain + ",]",
		"a comma first":            "[," + plain + "]",
		"no comma":                 "[" + plain + plain + "]",
		"a null record":            "[" + plain + ",null]",
		"odd record in the middle": "[" + plain + `,{"site":"s\u0031"},` + plain + "]",
		"cut after a record":       "[" + plain,
		"cut in a record":          "[" + plain[:40],
		"cut after the key":        ``,
		"times again and changed": "[" + plain + "," + strings.Replace(plain, "10:00:00Z", "10:00:01Z", 1) + "," + plain +
			"," + strings.Replace(plain, "10:00:00Z", "10:00:00+01:00", 1) + "," + strings.Replace(plain, "10:00:00Z", "10:00:60Z", 1) + "]",
	}
	for name, responses := range docs {
		t.Run(name, func(t *testing.T) {
			readBoth(t, inDocument(responses))
			if name == "cut after the key" || strings.HasPrefix(name, "cut") {
				readBoth(t, []byte(`{"format":1,"responses":`+responses))
			}
		})
	}
	t.Run("no colon", func(t *testing.T) { readBoth(t, []byte(`{"responses" []}`)) })
	t.Run("responses twice", func(t *testing.T) { readBoth(t, []byte(`{"responses":[],"responses":[]}`)) })
	t.Run("more after", func(t *testing.T) { readBoth(t, []byte(`{"responses":[]} {}`)) })
	t.Run("a limit", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString(`{"responses":[`)
		for i := range workbook.MaxSiteResponses + 1 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"site":"s","participant":"p%d","score":1}`, i)
		}
		b.WriteString("]}")
		_, slowErr := readDocument(bytes.NewReader(b.Bytes()), Format, false)
		_, fastErr := readDocument(iotest.HalfReader(bytes.NewReader(b.Bytes())), Format, true)
		if slowErr == nil || fmt.Sprint(fastErr) != slowErr.Error() {
			t.Fatalf("fast: %v\nslow: %v", fastErr, slowErr)
		}
		var le *workbook.LimitError
		if !errors.As(fastErr, &le) {
			t.Fatalf("not a *workbook.LimitError: %v", fastErr)
		}
	})
}

// FuzzResponseDecoder compares the fast reading of the answers with the
// slow one: on its own, a record the fast parser reads is read the same,
// from the same bytes, by the slow path; in a document, the two read the
// same records or give the same message, however the stream is cut.
func FuzzResponseDecoder(f *testing.F) {
	real := realResponses(f)
	for i, r := range real {
		if i%50 == 0 {
			f.Add(r)
		}
	}
	for _, s := range []string{
		plain, `{}`, `null`, `{"Site":"s"}`, `{"site":"s","site":"t"}`, `{"comment":"a\nb"}`,
		`{"score":4.5}`, `{"at":"2026-02-30T10:00:00Z"}`, `{"dont_know":true,"score":0}`,
		"{\"comment\":\"\xc3\"}", `{"score":-0}`, `{"site":"s"}, {"site":"t"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRecordAgrees(t, data)
		readBoth(t, inDocument("["+string(data)+"]"))
		readBoth(t, inDocument("[\n"+plain+",\n"+string(data)+"\n]"))
		readBoth(t, inDocument(string(data)))
	})
}
