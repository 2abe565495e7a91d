package questionnaire

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// minimal is a valid questionnaire that the table tests change one thing in.
const minimal = `id: mini
version: "1"
languages: [en]
title: Mini
scale:
  points: 3
  labels: [No, Maybe, Yes]
  dont_know: Don't know
criteria:
  - id: ongoing
    text: Ongoing
    cutoff_year: 2001
key_issues:
  - id: k1
    title: One
    statements:
      - id: s1
        text: First
        verify: true
      - id: s2
        text: Second
        reverse: true
`

func TestParseMinimal(t *testing.T) {
	q, err := Parse("mini.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if q.ID != "mini" || q.Scale.Points != 3 || q.Bands != (Bands{Good: 4, Improve: 3}) {
		t.Errorf("parsed %+v", q)
	}
	if len(q.Statements()) != 2 || !q.KeyIssues[0].Statements[1].Reverse {
		t.Errorf("statements %+v", q.Statements())
	}
	if v := q.VerificationStatements(); len(v) != 1 || v[0].ID != "s1" {
		t.Errorf("verification set %+v", v)
	}
	if q.Criteria[0].CutoffYear != 2001 {
		t.Errorf("cutoff %d", q.Criteria[0].CutoffYear)
	}
	if q.Hash != HashOf([]byte(minimal)) || string(q.Source) != minimal {
		t.Error("hash or source not kept")
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		old  string // replaced in minimal
		new  string
		want []string // each "line:col: message part"
	}{
		{"syntax", "labels: [No, Maybe, Yes]", "labels: [No, Maybe, Yes", []string{"syntax error"}},
		{"unknown field", "    statements:", "    statments:", []string{"16:5: key issue \"k1\": unknown field \"statments\"", "missing required field \"statements\""}},
		{"wrong type", "points: 3", "points: three", []string{"6:11: scale points must be a whole number, not text"}},
		{"duplicate id", "- id: s2", "- id: s1", []string{"20:13: duplicate statement id \"s1\""}},
		{"missing English", "title: Mini", "title: {it: Mini}", []string{"4:9: title: language \"it\" is not declared", "title: missing the English (en) text"}},
		{"bad scale", "points: 3", "points: 11", []string{"6:11: scale points must be from 3 to 10, not 11"}},
		{"labels count", "labels: [No, Maybe, Yes]", "labels: [No, Yes]", []string{"7:11: the scale has 3 points but 2 labels"}},
		{"bad bands", "criteria:", "bands: {good: 2, improve: 2.5}\ncriteria:", []string{"bands improve (2.5) must not be above good (2)"}},
		{"band outside scale", "criteria:", "bands: {good: 4}\ncriteria:", []string{"bands good is 4, outside the scale 1-3"}},
		{"empty key issue", "    statements:\n      - id: s1\n        text: First\n        verify: true\n      - id: s2\n        text: Second\n        reverse: true\n", "    statements: []\n", []string{"key issue \"k1\" has no statements"}},
		{"bad id", "id: mini", "id: Mini Workbook", []string{"1:5: questionnaire id \"Mini Workbook\""}},
		{"no English language", "languages: [en]", "languages: [it]", []string{"languages must include \"en\""}},
		{"bool as text", "reverse: true", "reverse: sometimes", []string{"reverse must be true or false, not text"}},
		{"cutoff", "cutoff_year: 2001", "cutoff_year: 20", []string{"cutoff_year must be a year from 1900 to 2100, not 20"}},
		{"duplicate field", "version: \"1\"", "version: \"1\"\nversion: \"2\"", []string{"field \"version\" appears twice"}},
		{"alias", "title: Mini", "title: *nothing", []string{"4:8: title must be a text", "aliases are not supported"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimal, tt.old, tt.new, 1)
			if src == minimal {
				t.Fatalf("test edit %q not found", tt.old)
			}
			_, err := Parse("q.yaml", []byte(src))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error = %v, want a ValidationError", err)
			}
			got := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems:\n%s\nwant one containing %q", got, w)
				}
			}
			for _, p := range ve.Problems {
				if !strings.HasPrefix(p.String(), "q.yaml:") {
					t.Errorf("problem %q does not start with the file name", p)
				}
			}
		})
	}
}

func TestParseReportsEveryProblemAtOnce(t *testing.T) {
	src := strings.NewReplacer("points: 3", "points: 30", "- id: s2", "- id: s1", "title: One", "title: [One]").Replace(minimal)
	_, err := Parse("q.yaml", []byte(src))
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatal(err)
	}
	if len(ve.Problems) < 3 {
		t.Errorf("got %d problems, want at least 3:\n%v", len(ve.Problems), err)
	}
	for i := 1; i < len(ve.Problems); i++ {
		if ve.Problems[i].Line < ve.Problems[i-1].Line {
			t.Errorf("problems not in file order:\n%v", err)
		}
	}
}

func TestParseEmptyAndHuge(t *testing.T) {
	for name, src := range map[string][]byte{
		"empty":   nil,
		"comment": []byte("# nothing here\n"),
		"huge":    make([]byte, MaxFileSize+1),
		"list":    []byte("- a\n- b\n"),
	} {
		if _, err := Parse(name, src); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestEmbeddedDefaultIsValidAndComplete(t *testing.T) {
	q, err := Default()
	if err != nil {
		t.Fatalf("default workbook: %v", err)
	}
	if q.ID != DefaultID {
		t.Errorf("id = %s", q.ID)
	}
	if len(q.KeyIssues) != 4 {
		t.Errorf("%d key issues, want the four of the research", len(q.KeyIssues))
	}
	for _, ki := range q.KeyIssues {
		if len(ki.Statements) < 8 {
			t.Errorf("key issue %s has %d statements, want at least 8", ki.ID, len(ki.Statements))
		}
	}
	if len(q.Criteria) != 7 {
		t.Errorf("%d criteria, want 7", len(q.Criteria))
	}
	if len(q.Directorates) != 6 {
		t.Errorf("%d directorates, want the 6 of the seed mapping", len(q.Directorates))
	}
	if !strings.Contains(strings.Join(q.Languages, ","), Italian) {
		t.Errorf("languages %v, want Italian too", q.Languages)
	}
	all, err := Embedded()
	if err != nil || len(all) == 0 {
		t.Errorf("Embedded() = %d, %v", len(all), err)
	}
	// A missing translation is not an error (it falls back to English):
	// the shipped workbooks have none missing.
	for _, q := range all {
		for _, lang := range q.Languages {
			if n := q.Untranslated(lang); n > 0 {
				t.Errorf("%s: %d texts have no %s translation", q.ID, n, lang)
			}
		}
	}
}

// TestLanguages: any BCP 47 tag, written one way; a missing translation
// is counted, not refused; an empty one is refused.
func TestLanguages(t *testing.T) {
	fr := strings.NewReplacer("languages: [en]", "languages: [en, fr]", "title: Mini", "title: {en: Mini, fr: Mini}",
		"text: First", "text: {en: First, fr: Premier}")
	q, err := Parse("fr.yaml", []byte(fr.Replace(minimal)))
	if err != nil {
		t.Fatal(err)
	}
	// Scale labels (3), don't know, the criterion, the key issue and
	// the second statement have no French.
	if n := q.Untranslated("fr"); n != 7 {
		t.Errorf("Untranslated(fr) = %d, want 7", n)
	}
	if got := q.Title.In("fr-CA"); got != "Mini" || q.KeyIssues[0].Statements[0].Text.In("fr-CA") != "Premier" {
		t.Errorf("a variant of French does not find the French texts: %q", q.KeyIssues[0].Statements[0].Text.In("fr-CA"))
	}
	if n := q.Untranslated("en"); n != 0 {
		t.Errorf("Untranslated(en) = %d", n)
	}
	for _, tt := range []struct{ langs, want string }{
		{"[en, cy]", ""},
		{"[en, pt-BR]", ""},
		{"[en, FR]", `3:17: write the language "FR" as "fr"`},
		{"[en, french]", `3:17: "french" is not a language tag`},
		{"[en, fr, fr]", `language "fr" is listed twice`},
	} {
		_, err := Parse("x.yaml", []byte(strings.Replace(minimal, "languages: [en]", "languages: "+tt.langs, 1)))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.langs, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.langs, err, tt.want)
		}
	}
	empty := strings.NewReplacer("languages: [en]", "languages: [en, fr]", "title: Mini", `title: {en: Mini, fr: " "}`)
	if _, err := Parse("x.yaml", []byte(empty.Replace(minimal))); err == nil || !strings.Contains(err.Error(), "the fr text is empty") {
		t.Errorf("an empty translation: %v", err)
	}
}

func TestLoadFileNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(path, []byte("id: [\n"), 0o600)
	_, err := LoadFile(path)
	if err == nil || !strings.HasPrefix(err.Error(), path+":1:") {
		t.Errorf("error = %v, want it to start with %s:1:", err, path)
	}
}

func ExampleParse() {
	_, err := Parse("workbook.yaml", []byte(strings.Replace(minimal, "points: 3", "points: 12", 1)))
	fmt.Println(err)
	// Output:
	// workbook.yaml:6:11: scale points must be from 3 to 10, not 12
}
