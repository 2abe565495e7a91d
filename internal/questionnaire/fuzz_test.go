package questionnaire_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/questionnaires"
)

// FuzzParse feeds the loader arbitrary files. It must never panic, and it
// either returns a questionnaire that holds together or a ValidationError
// whose every problem names the file and, when it has one, a position
// inside it.
func FuzzParse(f *testing.F) {
	entries, err := questionnaires.FS.ReadDir(".")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if raw, err := questionnaires.FS.ReadFile(e.Name()); err == nil && strings.HasSuffix(e.Name(), ".yaml") {
			f.Add(raw)
		}
	}
	seeds, _ := filepath.Glob("testdata/fuzz-seeds/*.yaml")
	for _, s := range seeds {
		if raw, err := os.ReadFile(s); err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte("id: x\nversion: 1\n"))
	f.Add([]byte("- [\n"))
	f.Add([]byte("id: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		q, err := questionnaire.Parse("fuzz.yaml", src)
		if err != nil {
			var ve *questionnaire.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v (%T), want a ValidationError", err, err)
			}
			if len(ve.Problems) == 0 {
				t.Fatal("ValidationError with no problems")
			}
			// YAML breaks lines at \n, \r\n and a lone \r.
			text := strings.ReplaceAll(string(src), "\r\n", "\n")
			lines := strings.Count(text, "\n") + strings.Count(text, "\r") + 1
			for _, p := range ve.Problems {
				if p.File != "fuzz.yaml" || p.Message == "" {
					t.Fatalf("problem without file or message: %+v", p)
				}
				if p.Line < 0 || p.Line > lines+1 || p.Column < 0 {
					t.Fatalf("problem at %d:%d outside a %d-line file: %s", p.Line, p.Column, lines, p)
				}
			}
			return
		}
		if q.ID == "" || len(q.KeyIssues) == 0 || q.Scale.Points < 2 {
			t.Fatalf("accepted an incomplete questionnaire: id %q, %d key issues, %d points", q.ID, len(q.KeyIssues), q.Scale.Points)
		}
		for _, st := range q.Statements() {
			if _, _, ok := q.Statement(st.ID); !ok {
				t.Fatalf("statement %q not found by id", st.ID)
			}
			if st.Text.In("en") == "" {
				t.Fatalf("statement %q has no English text", st.ID)
			}
		}
		if q.Hash != questionnaire.HashOf(src) {
			t.Fatal("hash does not match the source")
		}
	})
}
