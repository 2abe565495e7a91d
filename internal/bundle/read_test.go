package bundle_test

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// smallBundle is a real bundle of a small synthetic site that uses a small
// questionnaire, so that tests can afford to change every byte of it.
func smallBundle(t testing.TB) []byte {
	t.Helper()
	ts := openStore(t)
	q := loadQuestionnaire(t, "testdata/generic.yaml")
	ts.change(t, func(c *workbook.Change) error {
		_, err := demo.Build(c, q, demo.Options{Sites: 6, Participants: 4})
		return err
	})
	return ts.export(t, demo.SiteID(6))
}

func TestEveryOneByteChangeIsRefused(t *testing.T) {
	data := smallBundle(t)
	if _, err := bundle.Read("good.engage", data); err != nil {
		t.Fatalf("the untouched bundle: %v", err)
	}
	changed := bytes.Clone(data)
	for i := range data {
		for _, delta := range []byte{0x01, 0x80, 0xff} {
			changed[i] = data[i] ^ delta
			if _, err := bundle.Read("bad.engage", changed); err == nil {
				t.Fatalf("byte %d changed from %#x to %#x: accepted", i, data[i], changed[i])
			} else if !strings.HasPrefix(err.Error(), "bad.engage: ") {
				t.Fatalf("byte %d: the error does not name the file: %v", i, err)
			}
		}
		changed[i] = data[i]
	}
}

func TestTruncatedAndExtendedFilesAreRefused(t *testing.T) {
	data := smallBundle(t)
	nl := bytes.IndexByte(data, '\n')
	for n := 0; n < len(data); n += 1 + n/50 {
		_, err := bundle.Read("cut.engage", data[:n])
		if err == nil {
			t.Fatalf("cut to %d bytes: accepted", n)
		}
		if n > nl && !strings.Contains(err.Error(), "cut.engage: the file is cut short") {
			t.Fatalf("cut to %d bytes: %v", n, err)
		}
	}
	wantRefused(t, append(bytes.Clone(data), '\n'), bundle.ErrDamaged, "1 bytes more than its header says")
	wantRefused(t, nil, bundle.ErrNotBundle, "the file is empty")
	wantRefused(t, []byte("Name,Score\nAda,5\n"), bundle.ErrNotBundle, "not an Engage bundle")
}

func TestNewerFormatSaysWhichVersionIsNeeded(t *testing.T) {
	for _, tc := range []struct {
		name, file, want, needs string
	}{
		{"version given", "engage-bundle format=4 engage=v1.4.0 size=3 sha256=whatever-it-is-now\nabc",
			"bad.engage: it was written by Engage v1.4.0 in bundle format 4; this Engage reads bundle format 3", "v1.4.0"},
		{"other fields first", "engage-bundle format=17 zone=x engage=v3.0.0-beta.1\n",
			"written by Engage v3.0.0-beta.1 in bundle format 17", "v3.0.0-beta.1"},
		{"no version", "engage-bundle format=5\n", "bad.engage: it is in bundle format 5, from a newer Engage", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			be := wantRefused(t, []byte(tc.file), bundle.ErrTooNew, tc.want)
			if be.Needs != tc.needs {
				t.Errorf("needs %q, want %q", be.Needs, tc.needs)
			}
			if tc.needs != "" && !strings.Contains(be.Hint(), "install Engage "+tc.needs+" or later") {
				t.Errorf("hint: %s", be.Hint())
			}
		})
	}
}

func TestDamagedHeaderLines(t *testing.T) {
	data := smallBundle(t)
	nl := bytes.IndexByte(data, '\n')
	header, body := string(data[:nl]), data[nl:]
	for _, tc := range []struct{ name, header, want string }{
		{"no format", "engage-bundle engage=v1", "no format version"},
		{"format zero", strings.Replace(header, "format=3", "format=0", 1), "no format version"},
		{"format 01", strings.Replace(header, "format=3", "format=03", 1), "no format version"},
		{"extra field", header + " x=1", "should say format, engage, size and sha256"},
		{"two spaces", strings.Replace(header, " size", "  size", 1), "should say format"},
		{"upper-case header", strings.ToUpper(header[:len(header)-64]) + strings.ToUpper(header[len(header)-64:]), "not an Engage bundle"},
		{"upper-case checksum", header[:len(header)-64] + strings.ToUpper(header[len(header)-64:]), "checksum is not 64 hex digits"},
		{"bad version", strings.Replace(header, "engage=v0.0.0-test", "engage=v0/0", 1), "the Engage version"},
		{"negative size", regexp.MustCompile(`size=\d+`).ReplaceAllString(header, "size=-5"), "the size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantRefused(t, append([]byte(tc.header), body...), nil, tc.want)
		})
	}
	long := append([]byte("engage-bundle format=2 engage="+strings.Repeat("x", 600)), body...)
	wantRefused(t, long, bundle.ErrDamaged, "no end of line")
}

// reseal unpacks a bundle, applies edit to its JSON and packs it again with
// a correct checksum: the content checks behind the checksum must catch
// what edit breaks.
func reseal(t *testing.T, data []byte, edit func(string) string) []byte {
	t.Helper()
	doc := string(unpacked(t, data))
	changed := edit(doc)
	if changed == doc {
		t.Fatal("the edit changed nothing")
	}
	return bundle.Seal("v0.0.0-test", []byte(changed))
}

func TestContentIsChecked(t *testing.T) {
	data := smallBundle(t)
	if _, err := bundle.Read("x", bundle.Seal("v0.0.0-test", unpacked(t, data))); err != nil {
		t.Fatalf("resealed unchanged: %v", err)
	}
	// replace changes the first match of a regular expression.
	replace := func(re, with string) func(string) string {
		return func(s string) string {
			rx := regexp.MustCompile(re)
			m := rx.FindStringSubmatchIndex(s)
			if m == nil {
				t.Fatalf("no %s in the content", re)
			}
			return s[:m[0]] + string(rx.ExpandString(nil, with, s, m)) + s[m[1]:]
		}
	}
	for _, tc := range []struct {
		name string
		edit func(string) string
		want string
	}{
		{"score off the scale", replace(`"score":\d`, `"score":9`), "score: 9 is not on the scale of 1 to 4"},
		{"negative score", replace(`"score":\d`, `"score":-1`), "is not on the scale"},
		{"score and don't know", replace(`"score":(\d)`, `"score":$1,"dont_know":true`), "give a score or don't know, not both"},
		{"response to a missing participant", replace(`("participant":")[0-9a-f]{16}`, `${1}0000000000000000`), `"0000000000000000" is not a participant of assessment`},
		{"response to a missing statement", replace(`("statement":")v1"`, `${1}zz"`), `statement: "zz" is not a statement of the assessment's questionnaire`},
		{"record of another assessment", replace(`("participants":\[\n\{"id":"[0-9a-f]+","site":"demo-06","assessment":")[0-9a-f]+`, `${1}ffffffffffffffff`), `assessment: "ffffffffffffffff" is not one of the site's assessments`},
		{"record of another site", replace(`("partnerships":\[\n\{"id":"[0-9a-f]+","site":")demo-06`, `${1}demo-07`), `belongs to site "demo-07"`},
		{"unknown role", replace(`"role":"front-line"`, `"role":"boss"`), `role level: must be one of`},
		{"unknown group", replace(`"group":"insider"`, `"group":"visitor"`), `group: must be insider or outsider`},
		{"bad date", replace(`"started":"[0-9-]+"`, `"started":"2026-02-30"`), `started: must be a date as YYYY-MM-DD`},
		{"bad status", replace(`"status":"planned"`, `"status":"forgotten"`), `status: must be planned, in-progress, done or dropped, not "forgotten"`},
		{"text too long", replace(`"title":"`, `"title":"`+strings.Repeat("x", 201)), `is 2`},
		{"control character", replace(`"name":"Synthetic site 6"`, `"name":"Synthetic\u0007site"`), `contains a control character`},
		{"missing time", replace(`,"at":"[^"]+"`, ``), `time: is missing`},
		{"duplicate record", replace(`(\n\{"site":"demo-06","assessment":[^\n]*\})`, `$1,$1`), `appears twice`},
		{"unsafe id", replace(`("findings":\[\n\{"id":")[0-9a-f]+`, `${1}../etc`), `is not a record id`},
		{"unknown field", replace(`"format":3,`, `"format":3,"extra":true,`), `unknown field "extra"`},
		{"not JSON", replace(`\}\s*$`, ``), `is not a bundle's JSON`},
		{"something after", replace(`\}\s*$`, "}\n{}\n"), `has more after the bundle's JSON`},
		{"questionnaire changed", replace(`Residents can get to meetings`, `Residents can get to the meetings`), `does not match its hash`},
		{"questionnaire broken", replace(`"source":"`, `"source":"\t\t:`), `does not parse`},
		{"questionnaire missing", replace(`"questionnaires":\[\n\{[^\n]*\n\]`, `"questionnaires":[]`), `is not one of the questionnaires given`},
		{"format differs from header", replace(`"format":3`, `"format":1`), `its content says format 1, its header 3`},
		{"withheld but present", replace(`"withheld":\[\]`, `"withheld":["organisations"]`), `the bundle says organisations were left out, but`},
		{"unknown withheld kind", replace(`"withheld":\[\]`, `"withheld":["secrets"]`), `"secrets" is not a field kind`},
		{"key twice", replace(`"role":"front-line"`, `"role":"front-line","role":"senior"`), `gives the key "role" twice in participants, record `},
		{"keys differing in case", replace(`"role":"front-line"`, `"role":"front-line","Role":"senior"`), `gives the keys "role" and "Role" (the same but for case)`},
		{"top-level key in another case", replace(`"format":3,`, `"format":3,"Format":3,`), `gives the keys "format" and "Format"`},
		{"updated in 9999", replace(`("updated":")[^"]+`, `${1}9999-12-31T00:00:00Z`), `time: 9999-12-31T00:00:00Z is in the future`},
		{"started in 9999", replace(`"started":"[0-9-]+"`, `"started":"9999-12-31"`), `started: 9999-12-31 is not a year from 1900 to 2100`},
		{"selected partnership not mapped", replace(`("assessments":\[\n\{[^\n]*"partnership":")[0-9a-f]+`, `${1}0000000000000000`), `partnership: "0000000000000000" is not one of the site's partnerships`},
		{"no site", replace(`"site":\{[^\n]*\},\n"partnerships"`, `"partnerships"`), `it holds no site`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			be := wantRefused(t, reseal(t, data, tc.edit), bundle.ErrInvalid, tc.want)
			if t.Failed() {
				t.Logf("full message:\n%v", be)
			}
		})
	}
}

func TestErrorListsAtMostADozenProblems(t *testing.T) {
	data := smallBundle(t)
	bad := reseal(t, data, func(s string) string { return strings.ReplaceAll(s, `"score":`, `"score":1`) })
	be := wantRefused(t, bad, bundle.ErrInvalid, "and ")
	if n := strings.Count(be.Error(), "\n"); n != 13 {
		t.Errorf("%d lines:\n%v", n+1, be)
	}
	if !errors.Is(be, bundle.ErrInvalid) {
		t.Error("not ErrInvalid")
	}
	if !strings.Contains(be.Hint(), "export the site again") {
		t.Errorf("hint: %s", be.Hint())
	}
}

// TestReadingStopsAtALimit: a bundle with one participant too many for its
// assessment is refused with the limit, at that participant: what follows
// it is never read (here it is not even JSON).
func TestReadingStopsAtALimit(t *testing.T) {
	data := smallBundle(t)
	doc := string(unpacked(t, data))
	rx := regexp.MustCompile(`"participants":\[\n(\{[^\n]*\})`)
	m := rx.FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("no participant")
	}
	var more strings.Builder
	for i := range workbook.MaxParticipants + 1 {
		more.WriteString(regexp.MustCompile(`"id":"[0-9a-f]+"`).ReplaceAllString(m[1], fmt.Sprintf(`"id":"x%04d"`, i)))
		more.WriteString(",\n")
	}
	i := strings.Index(doc, m[0]) + len(`"participants":[`+"\n")
	bad := doc[:i] + more.String() + "this is where reading must have stopped"
	be := wantRefused(t, bundle.Seal("v0.0.0-test", []byte(bad)), bundle.ErrLimit,
		"it holds more than Engage allows: assessment ")
	if want := "would have more than 200 participants; Engage allows at most 200 participants per assessment"; !strings.Contains(be.Error(), want) {
		t.Errorf("%v does not say %q", be, want)
	}
	if !strings.Contains(be.Hint(), "docs/limits.md") {
		t.Errorf("hint: %s", be.Hint())
	}
}
