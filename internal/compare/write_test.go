package compare_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
)

func TestBeside(t *testing.T) {
	tests := []struct{ csv, suffix, want string }{
		{"out/comparison.csv", compare.SuffixSummary, "out/comparison-summary.csv"},
		{"RESPONSES.CSV", compare.SuffixActions, "RESPONSES-actions.csv"},
		{"answers", compare.SuffixCodebook, "answers-codebook.csv"},
		{"answers.txt", compare.SuffixSummary, "answers.txt-summary.csv"},
	}
	for _, tt := range tests {
		if got := compare.Beside(tt.csv, tt.suffix); got != tt.want {
			t.Errorf("Beside(%q, %q) = %q, want %q", tt.csv, tt.suffix, got, tt.want)
		}
	}
}

// fakeReport draws a stand-in for the comparison report, so that the
// test needs no PDF.
func fakeReport(w io.Writer, c *compare.Comparison) (compare.Rendered, error) {
	_, err := io.WriteString(w, "report of "+c.Sites[0].Name)
	return compare.Rendered{Pages: 3, Markers: 1}, err
}

// comparisonFiles are the files of a comparison in dir, as the CLI and
// the interactive workbook name them.
func comparisonFiles(dir string) compare.Files {
	csvPath := filepath.Join(dir, "comparison.csv")
	return compare.Files{
		Report: filepath.Join(dir, "comparison.pdf"), Render: fakeReport,
		CSV:      csvPath,
		Summary:  compare.Beside(csvPath, compare.SuffixSummary),
		Actions:  compare.Beside(csvPath, compare.SuffixActions),
		Codebook: compare.Beside(csvPath, compare.SuffixCodebook),
	}
}

func TestWriteFilesWritesEveryFile(t *testing.T) {
	svc := pilot(t)
	dir := t.TempDir()
	out := comparisonFiles(dir)
	res, err := compare.WriteFiles(svc, compare.Options{All: true}, out, i18n.Embedded().For("en"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 3 || res.Markers != 1 || res.Responses == 0 || res.SummaryRows == 0 || res.ActionRows == 0 || res.CodebookRows == 0 {
		t.Errorf("WriteFiles said %+v", res)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"comparison-actions.csv", "comparison-codebook.csv", "comparison-summary.csv", "comparison.csv", "comparison.pdf"}
	if !slices.Equal(names, want) {
		t.Errorf("wrote %q, want %q (and no temporary file left)", names, want)
	}
	actions, err := os.ReadFile(out.Actions)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(actions)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], compare.ActionsHeader) || len(rows)-1 != res.ActionRows {
		t.Errorf("actions CSV: header %q and %d rows, want %q and %d", rows[0], len(rows)-1, compare.ActionsHeader, res.ActionRows)
	}
	if info, err := os.Stat(out.Actions); err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("actions CSV without owners: %v, mode %v, want 0644", err, info.Mode().Perm())
	}
	book, err := os.ReadFile(out.Codebook)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(book), "actions,") {
		t.Error("the codebook does not describe the actions CSV")
	}
}

func TestWriteFilesIsAllOrNothing(t *testing.T) {
	svc := pilot(t)
	dir := t.TempDir()
	out := comparisonFiles(dir)
	// One file already there stays as it was when the report fails.
	if err := os.WriteFile(out.CSV, []byte("before"), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := errors.New("the report failed")
	out.Render = func(io.Writer, *compare.Comparison) (compare.Rendered, error) { return compare.Rendered{}, broken }
	if _, err := compare.WriteFiles(svc, compare.Options{All: true}, out, i18n.Embedded().For("en")); !errors.Is(err, broken) {
		t.Fatalf("WriteFiles = %v, want the report's error", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed comparison left %d files, want only the one that was there", len(entries))
	}
	if b, _ := os.ReadFile(out.CSV); string(b) != "before" {
		t.Errorf("a failed comparison changed the CSV that was there: %q", b)
	}

	out.Render = nil
	if _, err := compare.WriteFiles(svc, compare.Options{All: true}, out, i18n.Embedded().For("en")); err == nil {
		t.Error("a report to write with nothing to draw it should fail")
	}
}
