package questionnaire_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	qt "github.com/engage-toolkit/engage/internal/questionnaire/questionnairetest"
)

// list returns a workbook whose list at key (criteria, directorates,
// key_issues) has n entries made by item(i).
func list(key string, n int, item func(i int) string) []byte {
	var b strings.Builder
	for i := range n {
		b.WriteString(item(i))
	}
	src := string(qt.Valid(`"1"`, "Lists"))
	switch key {
	case "directorates":
		return []byte(src + "directorates:\n" + b.String())
	case "key_issues":
		return []byte(strings.Replace(src, "key_issues:\n", "key_issues:\n"+b.String(), 1))
	}
	return []byte(strings.Replace(src, key+":\n", key+":\n"+b.String(), 1))
}

func TestParseLimits(t *testing.T) {
	statements := func(n int) []byte {
		return list("key_issues", 1, func(int) string {
			var b strings.Builder
			b.WriteString("  - id: many\n    title: Many\n    statements:\n")
			for i := range n {
				fmt.Fprintf(&b, "      - {id: m%d, text: Statement}\n", i)
			}
			return b.String()
		})
	}
	tests := []struct {
		name string
		src  []byte
		want string // the first problem, from the line on
	}{
		{"too big", make([]byte, questionnaire.MaxFileSize+1), "the file has more than 1,048,576 bytes (1 MiB)"},
		{"invalid UTF-8", qt.InvalidUTF8(), "4:16: byte 0xe0 is not UTF-8 text"},
		{"invalid UTF-8 after a BOM", append([]byte("\ufeff"), qt.InvalidUTF8()...), "4:16: byte 0xe0 is not UTF-8 text"},
		{"Latin-1 on line 1 after CR LF", []byte("a: b\r\n\xe9"), "2:1: byte 0xe9"},
		{"flow nesting 50,000", qt.FlowNesting(50_000), "1:65: lists and mappings nest more than 64 deep"},
		{"flow nesting 100,000", qt.FlowNesting(100_000), "1:65: lists and mappings nest more than 64 deep"},
		{"flow nesting to the size limit", qt.FlowNesting(questionnaire.MaxFileSize), "the file has more than 200,000 words and marks"},
		{"block nesting 20,000", qt.BlockNesting(20_000), "1:129: lists and mappings nest more than 64 deep"},
		{"block nesting 100,000", qt.BlockNesting(100_000), "the file has more than 200,000 words and marks"},
		{"block and flow nesting", []byte(strings.Repeat("- ", 40) + strings.Repeat("[", 30)), "1:105: lists and mappings nest more than 64 deep"},
		{"mapping nesting", []byte(strings.Repeat("a:\n", 1) + func() string {
			var b strings.Builder
			for i := 1; i < 100; i++ {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return b.String()
		}()), "65:65: lists and mappings nest more than 64 deep"},
		{"documents", qt.Documents(300_000), "the file has more than 1,048,576 bytes"},
		{"documents to the size limit", qt.Documents(questionnaire.MaxFileSize / 4), "the file has more than 200,000 words and marks"},
		{"two documents", []byte("--- a\n--- b\n"), "2:1: a questionnaire file holds one YAML document; a second one starts here"},
		{"anchors", qt.Anchors(200_000), "the file has more than 1,048,576 bytes"},
		{"anchors to the size limit", qt.Anchors(60_000), "the file has more than 200,000 words and marks"},
		{"anchors under the token limit", qt.Anchors(1_000), "102:3: more than 100 anchors and aliases"},
		{"100,000-digit version", qt.LongVersion(100_000), "2:10: a value of 100,000 characters; a value may have at most 10,000"},
		{"long version", qt.LongVersion(40), "2:10: version is 40 characters long"},
		{"version with a line break", qt.Valid(`"1\n2"`, "Title"), "2:10: version contains a control character"},
		{"escape in a title", qt.Valid(`"1"`, `Title\e]0;pwned\a`), "4:8: title: the English (en) text contains a control character"},
		{"bidi-free C1 control", qt.Valid(`"1"`, `Title\x85`), "title: the English (en) text contains a control character"},
		{"criteria", list("criteria", questionnaire.MaxCriteria+1, func(i int) string { return fmt.Sprintf("  - {id: c%d, text: C}\n", i) }), "criteria: 52 items; a questionnaire may have at most 50"},
		{"directorates", list("directorates", questionnaire.MaxDirectorates+1, func(i int) string { return fmt.Sprintf("  - {id: d%d, name: D}\n", i) }), "directorates: 101 items; a questionnaire may have at most 100"},
		{"key issues", list("key_issues", questionnaire.MaxKeyIssues, func(i int) string {
			return fmt.Sprintf("  - {id: k%d, title: K, statements: [{id: s%d, text: S}]}\n", i, i)
		}), "key issues: 51 items; a questionnaire may have at most 50"},
		{"statements", statements(questionnaire.MaxStatements), "more than 500 statements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := questionnaire.Parse("q.yaml", tt.src)
			var ve *questionnaire.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error = %v, want a ValidationError", err)
			}
			if got := ve.Problems[0].String(); !strings.Contains(got, "q.yaml") || !strings.Contains(got, tt.want) {
				t.Errorf("first problem %q, want one with %q", got, tt.want)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	for name, src := range map[string][]byte{
		"byte-order mark":    qt.BOM(),
		"version of 32":      qt.LongVersion(questionnaire.MaxVersion),
		"at the limits":      qt.Large(800 << 10),
		"tabs and new lines": qt.Valid(`"1"`, `Title\twith a tab\nand a new line`),
	} {
		t.Run(name, func(t *testing.T) {
			q, err := questionnaire.Parse("q.yaml", src)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !bytes.Equal(q.Source, src) || q.Hash != questionnaire.HashOf(src) {
				t.Error("the source is not kept as it was")
			}
		})
	}
}

func TestValidationErrorCapsWhatItPrints(t *testing.T) {
	ve := &questionnaire.ValidationError{}
	for i := range questionnaire.MaxReported + 1234 {
		ve.Problems = append(ve.Problems, questionnaire.Problem{File: "q.yaml", Line: i + 1, Column: 1, Message: "wrong"})
	}
	lines := strings.Split(ve.Error(), "\n")
	if len(lines) != questionnaire.MaxReported+1 || lines[len(lines)-1] != "... and 1,234 more" {
		t.Errorf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
	ve.Problems = ve.Problems[:questionnaire.MaxReported]
	if n := strings.Count(ve.Error(), "\n") + 1; n != questionnaire.MaxReported {
		t.Errorf("%d lines for %d problems", n, questionnaire.MaxReported)
	}
}

// BenchmarkParseHostile parses each crafted file of issue 10 and the
// largest workbook the limits allow. Before the limits: [ x 50,000 took
// 17 s and 3.8 GB, 100,000 ran out of memory (docs/benchmarks.md,
// "Hostile questionnaires").
func BenchmarkParseHostile(b *testing.B) {
	for _, c := range []struct {
		name string
		src  []byte
	}{
		{"flow-50000", qt.FlowNesting(50_000)},
		{"flow-100000", qt.FlowNesting(100_000)},
		{"flow-1MiB", qt.FlowNesting(questionnaire.MaxFileSize)},
		{"block-20000", qt.BlockNesting(20_000)},
		{"documents-262144", qt.Documents(questionnaire.MaxFileSize / 4)},
		{"anchors-60000", qt.Anchors(60_000)},
		{"version-100000", qt.LongVersion(100_000)},
		{"invalid-utf8", qt.InvalidUTF8()},
		{"bom", qt.BOM()},
		{"wide-flow-66000", qt.WideFlow(questionnaire.MaxTokens/3 - 10)},
		{"large-800KiB", qt.Large(800 << 10)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				questionnaire.Parse("q.yaml", c.src)
			}
		})
	}
}
