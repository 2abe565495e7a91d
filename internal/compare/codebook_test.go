package compare_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
)

// The codebook has a row for every column of both CSVs, in their order,
// so that a column added to a CSV without its meaning fails here; and one
// for every statement of every questionnaire compared, with its texts.
func TestCodebookDescribesEveryColumnAndStatement(t *testing.T) {
	for _, cols := range []struct {
		header []string
		cols   []compare.CSVColumn
	}{{compare.ResponsesHeader, compare.ResponsesColumns()}, {compare.SummaryHeader, compare.SummaryColumns()}, {compare.ActionsOwnersHeader, compare.ActionsColumns()}} {
		var names []string
		for _, c := range cols.cols {
			names = append(names, c.Name)
		}
		if !slices.Equal(names, cols.header) {
			t.Errorf("codebook columns %q, want the header %q", names, cols.header)
		}
	}
	svc := pilot(t)
	c := gather(t, svc, compare.Options{All: true})
	for _, lang := range []string{"en", "it"} {
		l := i18n.Embedded().For(lang)
		var buf bytes.Buffer
		n, err := compare.WriteCodebook(&buf, c, []string{compare.FileResponses, compare.FileSummary, compare.FileActions}, l)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(buf.String(), "\r\n") || strings.Count(buf.String(), "\n") != strings.Count(buf.String(), "\r\n") {
			t.Errorf("%s: the codebook's lines do not all end in CRLF", lang)
		}
		header, rows := readCSV(t, buf.Bytes())
		if len(rows) != n {
			t.Fatalf("%d rows read, %d written", len(rows), n)
		}
		if want := append(slices.Clone(compare.CodebookHeader), "text_en", "text_it"); !slices.Equal(header, want) {
			t.Fatalf("header %q, want %q", header, want)
		}
		q := c.Sites[0].Current().Questionnaire
		var columns, statements, verify, reversed int
		for _, r := range rows {
			switch r["entry"] {
			case "column":
				columns++
				if r["meaning"] == "" || r["type"] == "" || strings.Contains(r["meaning"], "{{") || strings.Contains(r["meaning"], "codebook.") {
					t.Errorf("%s: column %s/%s has meaning %q, type %q", lang, r["file"], r["name"], r["meaning"], r["type"])
				}
				if r["type"] == compare.TypeLogical && r["allowed"] != "TRUE, FALSE" {
					t.Errorf("logical column %s allows %q", r["name"], r["allowed"])
				}
			case "statement":
				statements++
				if r["text_en"] == "" || r["text_it"] == "" || r["text_en"] == r["text_it"] || r["number"] == "" {
					t.Errorf("statement %s: number %q, texts %q / %q", r["name"], r["number"], r["text_en"], r["text_it"])
				}
				if r["verification"] == "TRUE" {
					verify++
				}
				if r["reversed"] == "TRUE" {
					reversed++
				}
			default:
				t.Errorf("entry %q", r["entry"])
			}
		}
		wantRev := 0
		for _, st := range q.Statements() {
			if st.Reverse {
				wantRev++
			}
		}
		wantCols := len(compare.ResponsesHeader) + len(compare.SummaryHeader) + len(compare.ActionsOwnersHeader)
		if columns != wantCols || statements != len(q.Statements()) ||
			verify != len(q.VerificationStatements()) || reversed != wantRev {
			t.Errorf("%s: %d columns, %d statements (%d verification, %d reversed), want %d, %d (%d, %d)", lang, columns, statements, verify, reversed,
				wantCols, len(q.Statements()), len(q.VerificationStatements()), wantRev)
		}
	}
}

// The CSVs as a researcher reads them: R's read.csv and pandas take the
// booleans as logical, the scores and means as numbers, and the accented
// Italian text intact. Each reader runs where it is installed (CI
// installs both) and the test says which it skipped.
func TestCSVsReadInRAndPandas(t *testing.T) {
	svc := pilot(t)
	var long, summary, book bytes.Buffer
	rw, err := compare.NewResponseWriter(&long)
	if err != nil {
		t.Fatal(err)
	}
	c := gather(t, svc, compare.Options{All: true, Responses: rw.Write})
	if err := rw.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := compare.WriteSummary(&summary, c); err != nil {
		t.Fatal(err)
	}
	if _, err := compare.WriteCodebook(&book, c, []string{compare.FileResponses, compare.FileSummary}, i18n.Embedded().For("it")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range map[string][]byte{"r.csv": long.Bytes(), "r-summary.csv": summary.Bytes(), "r-codebook.csv": book.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("R", func(t *testing.T) {
		rscript, err := exec.LookPath("Rscript")
		if err != nil {
			t.Skip("Rscript is not installed (apt-get install r-base-core); .ci/run installs it")
		}
		script := `
r <- read.csv("r.csv", encoding = "UTF-8"); s <- read.csv("r-summary.csv", encoding = "UTF-8")
k <- read.csv("r-codebook.csv", encoding = "UTF-8")
stopifnot(is.logical(r$reversed), is.logical(r$dont_know), is.logical(r$score_withheld))
stopifnot(is.numeric(r$score), is.logical(s$current), is.logical(s$suppressed), is.numeric(s$mean))
stopifnot(any(grepl("Piano di Zona", r$partnership, fixed = TRUE)), any(grepl("\u2013", r$partnership, fixed = TRUE)))
stopifnot(any(grepl("è", k$meaning, fixed = TRUE)))
cat(nrow(r), sum(r$dont_know), sum(s$suppressed), nrow(k), "\n")
`
		out, err := exec.Command(rscript, "-e", "setwd('"+dir+"')", "-e", script).CombinedOutput()
		if err != nil {
			t.Fatalf("R: %v\n%s", err, out)
		}
		checkCounts(t, "R", string(out), long.Bytes(), summary.Bytes(), book.Bytes())
	})
	t.Run("pandas", func(t *testing.T) {
		py := pythonWithPandas()
		if py == "" {
			t.Skip("no python3 with pandas (apt-get install python3-pandas); .ci/run installs it")
		}
		script := `
import pandas as pd, sys
r = pd.read_csv("r.csv"); s = pd.read_csv("r-summary.csv"); k = pd.read_csv("r-codebook.csv")
for col in ["reversed", "dont_know", "score_withheld"]: assert r[col].dtype == bool, (col, r[col].dtype)
for col in ["current", "compared", "suppressed"]: assert s[col].dtype == bool, (col, s[col].dtype)
assert s["mean"].dtype == float and r["score"].dtype == float
assert k["meaning"].str.contains("è").any() and r["partnership"].str.contains("\u2013").any()
print(len(r), int(r["dont_know"].sum()), int(s["suppressed"].sum()), len(k))
`
		cmd := exec.Command(py, "-c", script)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("pandas: %v\n%s", err, out)
		}
		checkCounts(t, "pandas", string(out), long.Bytes(), summary.Bytes(), book.Bytes())
	})
}

// checkCounts compares what a reader counted (rows of the long CSV,
// don't-knows, suppressed summary rows, codebook rows) with the files.
func checkCounts(t *testing.T, who, out string, long, summary, book []byte) {
	t.Helper()
	_, rs := readCSV(t, long)
	_, ss := readCSV(t, summary)
	_, ks := readCSV(t, book)
	dk, sup := 0, 0
	for _, r := range rs {
		if r["dont_know"] == "TRUE" {
			dk++
		}
	}
	for _, r := range ss {
		if r["suppressed"] == "TRUE" {
			sup++
		}
	}
	want := fmt.Sprint(len(rs), dk, sup, len(ks))
	if got := strings.Join(strings.Fields(out), " "); got != want {
		t.Errorf("%s counted %q, the files hold %q", who, got, want)
	}
}

// pythonWithPandas is a python3 that can import pandas: the one on PATH,
// else the system's (Debian's python3-pandas), else "".
func pythonWithPandas() string {
	var try []string
	if p, err := exec.LookPath("python3"); err == nil {
		try = append(try, p)
	}
	for _, p := range append(try, "/usr/bin/python3") {
		if exec.Command(p, "-c", "import pandas").Run() == nil {
			return p
		}
	}
	return ""
}
