package compare_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// responsesCSV gathers every site and writes the long CSV in the same
// pass, every row when unsuppressed.
func responsesCSV(t *testing.T, svc *workbook.Service, unsuppressed bool) (*compare.Comparison, []byte, int) {
	t.Helper()
	var buf bytes.Buffer
	rw, err := compare.NewResponseWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := gather(t, svc, compare.Options{All: true, Responses: rw.Write, Unsuppressed: unsuppressed})
	if err := rw.Flush(); err != nil {
		t.Fatal(err)
	}
	return c, buf.Bytes(), rw.Rows()
}

// TestResponsesCSVAgreesWithAnalysis works every statement's figures out
// of the unsuppressed long CSV again, as a researcher would in R, and
// checks them against the analysis package.
func TestResponsesCSVAgreesWithAnalysis(t *testing.T) {
	svc := pilot(t)
	c, data, n := responsesCSV(t, svc, true)
	if !utf8.Valid(data) {
		t.Fatal("the CSV is not UTF-8")
	}
	header, rows := readCSV(t, data)
	if !slices.Equal(header, compare.ResponsesHeader) || len(rows) != n {
		t.Fatalf("header %q and %d rows (%d written)", header, len(rows), n)
	}
	type cell struct{ site, assessment, statement, group string }
	scores := map[cell][]int{}
	dontKnow := map[cell]int{}
	for _, r := range rows {
		for _, g := range []string{"all", r["group"]} {
			k := cell{r["site"], r["assessment"], r["statement"], g}
			if r["dont_know"] == "TRUE" {
				dontKnow[k]++
				if r["score"] != "" || r["scored"] != "" {
					t.Fatalf("a don't-know with a score: %v", r)
				}
				continue
			}
			v, err := strconv.Atoi(r["scored"])
			if err != nil {
				t.Fatalf("scored %q: %v", r["scored"], err)
			}
			scores[k] = append(scores[k], v)
		}
	}
	checked, answered := 0, 0
	for _, s := range c.Sites {
		for _, a := range s.Assessments {
			d, res := load(t, svc, s.ID, a.ID)
			for _, x := range d.Responses {
				if x.Answered() {
					answered++
				}
			}
			for _, it := range res.Items {
				for g, st := range map[string]analysis.Stats{"all": it.All, "insider": it.Insiders, "outsider": it.Outsiders} {
					k := cell{s.Slug, a.ID, it.Statement.ID, g}
					got := scores[k]
					if len(got) != st.N || dontKnow[k] != st.DontKnow && !st.Suppressed {
						t.Fatalf("%s %s %s: %d scores and %d don't-knows in the CSV, analysis %d and %d",
							s.Slug, it.Statement.ID, g, len(got), dontKnow[k], st.N, st.DontKnow)
					}
					if st.Suppressed || st.N == 0 {
						continue
					}
					sum := 0
					for _, v := range got {
						sum += v
					}
					if mean := float64(sum) / float64(len(got)); math.Abs(mean-st.Mean) > 1e-9 {
						t.Fatalf("%s %s %s: mean %v from the CSV, analysis %v", s.Slug, it.Statement.ID, g, mean, st.Mean)
					}
					checked++
				}
			}
		}
	}
	if n != answered || checked < 300 {
		t.Errorf("%d rows for %d answered responses; %d means checked", n, answered, checked)
	}
}

// TestResponsesCSVHoldsNoNames checks that no participant's name, store id
// or comment reaches the CSV.
func TestResponsesCSVHoldsNoNames(t *testing.T) {
	svc := pilot(t)
	c, data, _ := responsesCSV(t, svc, false)
	text := string(data)
	names := 0
	for _, s := range c.Sites {
		for _, a := range s.Assessments {
			d, _ := load(t, svc, s.ID, a.ID)
			for _, p := range d.Participants {
				if p.Name != "" {
					names++
					if strings.Contains(text, p.Name) {
						t.Errorf("%s's name is in the CSV", p.Name)
					}
				}
				if strings.Contains(text, p.ID) {
					t.Errorf("participant id %s is in the CSV", p.ID)
				}
			}
			for _, r := range d.Responses {
				if len(r.Comment) > 12 && strings.Contains(text, r.Comment) {
					t.Errorf("a comment is in the CSV: %q", r.Comment)
				}
			}
		}
	}
	if names == 0 {
		t.Fatal("the demo has no named participant: nothing was checked")
	}
}

func TestSummaryCSVAgreesWithAnalysis(t *testing.T) {
	svc := pilot(t)
	c := gather(t, svc, compare.Options{All: true})
	var buf bytes.Buffer
	n, err := compare.WriteSummary(&buf, c)
	if err != nil {
		t.Fatal(err)
	}
	header, rows := readCSV(t, buf.Bytes())
	if !slices.Equal(header, compare.SummaryHeader) || len(rows) != n {
		t.Fatalf("header %q, %d rows (%d written)", header, len(rows), n)
	}
	// Five sites, six assessments, four key issues, three groups.
	if n != 6*4*3 {
		t.Errorf("%d rows, want %d", n, 6*4*3)
	}
	current := 0
	for _, r := range rows {
		site := c.Sites[slices.IndexFunc(c.Sites, func(s compare.Site) bool { return s.Slug == r["site"] })]
		_, res := load(t, svc, site.ID, r["assessment"])
		ir := res.Issues[slices.IndexFunc(res.Issues, func(ir analysis.IssueResult) bool { return ir.KeyIssue.ID == r["key_issue"] })]
		sc := map[string]analysis.IssueScore{"all": ir.All, "insiders": ir.Insiders, "outsiders": ir.Outsiders}[r["group"]]
		where := fmt.Sprintf("%s %s %s %s", r["site"], r["assessment_title"], r["key_issue"], r["group"])
		if r["n"] != strconv.Itoa(sc.Respondents) || r["suppressed"] != csvBool(sc.Suppressed) {
			t.Errorf("%s: n %s suppressed %s, analysis %d %t", where, r["n"], r["suppressed"], sc.Respondents, sc.Suppressed)
		}
		if r["current"] == "TRUE" {
			current++
		}
		// A gap is the difference of the two means printed with it.
		if ir.Gap.Known {
			gap, _ := strconv.ParseFloat(r["gap"], 64)
			ins, _ := strconv.ParseFloat(r["gap_insiders_mean"], 64)
			outs, _ := strconv.ParseFloat(r["gap_outsiders_mean"], 64)
			if math.Abs(gap-(ins-outs)) > 1e-9 || r["gap_statements"] != strconv.Itoa(ir.Gap.Compared) ||
				r["gap_insiders_n"] != strconv.Itoa(ir.Gap.Insiders) || r["gap_outsiders_n"] != strconv.Itoa(ir.Gap.Outsiders) {
				t.Errorf("%s: gap %s is not %s - %s over %s statements", where, r["gap"], r["gap_insiders_mean"], r["gap_outsiders_mean"], r["gap_statements"])
			}
		}
		if sc.Suppressed {
			why := map[bool]string{true: "reveals-small-group", false: "fewer-than-3"}[sc.Complementary]
			if r["mean"] != "" || r["sd"] != "" || r["band"] != "" || r["suppressed_why"] != why {
				t.Errorf("%s: figures shown for %d people, or why %q", where, sc.Respondents, r["suppressed_why"])
			}
			continue
		}
		for col, want := range map[string]float64{"mean": sc.Mean, "min_item_mean": sc.Min, "max_item_mean": sc.Max} {
			if got, err := strconv.ParseFloat(r[col], 64); err != nil || math.Abs(got-want) > 0.00005 {
				t.Errorf("%s: %s %q, analysis %v", where, col, r[col], want)
			}
		}
		if r["band"] != string(sc.Band) || r["items"] != strconv.Itoa(sc.Items) || r["sd"] == "" {
			t.Errorf("%s: band %q items %q sd %q, analysis %q %d", where, r["band"], r["items"], r["sd"], sc.Band, sc.Items)
		}
		if ir.Gap.Known {
			// The gap printed is the difference of the two means printed
			// (rounded to four decimals each), so within a ten-thousandth
			// of the analysis's.
			if got, _ := strconv.ParseFloat(r["gap"], 64); math.Abs(got-ir.Gap.Value) > 0.00011 {
				t.Errorf("%s: gap %q, analysis %v", where, r["gap"], ir.Gap.Value)
			}
		} else if r["gap"] != "" {
			t.Errorf("%s: gap %q where the analysis has none", where, r["gap"])
		}
		if r["compared"] != "TRUE" {
			t.Errorf("%s: not compared, with one questionnaire", where)
		}
	}
	if current != 5*4*3 {
		t.Errorf("%d rows of current assessments, want %d", current, 5*4*3)
	}
}

// TestCSVQuoting checks the RFC 4180 details a spreadsheet relies on:
// fields with commas, quotes and line breaks quoted, CRLF line ends
// (within a quoted field too), UTF-8 kept.
func TestCSVQuoting(t *testing.T) {
	var buf bytes.Buffer
	rw, err := compare.NewResponseWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	row := &compare.Row{Site: "s", SiteName: `Città "di" Sole, Nord`, AssessmentTitle: "two\nlines", Respondent: 1, Score: 4, Points: 5}
	if err := rw.Write(row); err != nil {
		t.Fatal(err)
	}
	if err := rw.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"Città ""di"" Sole, Nord"`) || !strings.Contains(buf.String(), "\"two\r\nlines\"") {
		t.Errorf("fields not quoted: %s", buf.String())
	}
	if n := strings.Count(buf.String(), "\n"); n != strings.Count(buf.String(), "\r\n") || n != 3 {
		t.Errorf("want 3 CRLF line ends and no bare LF: %q", buf.String())
	}
	_, rows := readCSV(t, buf.Bytes())
	if rows[0]["site_name"] != row.SiteName || rows[0]["assessment_title"] != row.AssessmentTitle || rows[0]["score"] != "4" {
		t.Errorf("read back %v", rows[0])
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteErrorsAreReported(t *testing.T) {
	svc := pilot(t)
	rw, err := compare.NewResponseWriter(&failWriter{n: 10000})
	if err != nil {
		t.Fatal(err)
	}
	_, err = compare.Gather(svc, compare.Options{All: true, Responses: rw.Write})
	if err == nil {
		err = rw.Flush()
	}
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("writing to a full disk: %v", err)
	}
	c := gather(t, svc, compare.Options{All: true})
	if _, err := compare.WriteSummary(&failWriter{n: 100}, c); err == nil {
		t.Error("the summary's write error was lost")
	}
}

// referenceRow is the long CSV's row as encoding/csv writes it, the way
// ResponseWriter wrote rows before it encoded them itself.
func referenceRow(cw *csv.Writer, r *compare.Row) error {
	score, scored := "", ""
	if !r.DontKnow && !r.Withheld {
		score, scored = strconv.Itoa(r.Score), strconv.Itoa(r.Scored())
	}
	text := func(s string) string {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			return "'" + s
		}
		return s
	}
	return cw.Write([]string{
		text(r.Site), text(r.SiteName), text(r.Assessment), text(r.AssessmentTitle), text(r.Started),
		text(r.Partnership), text(r.Questionnaire), text(r.QuestionnaireVersion),
		strconv.Itoa(r.Respondent), string(r.Group), r.Level, text(r.KeyIssue), text(r.Statement),
		csvBool(r.Reverse), score, scored, csvBool(r.DontKnow),
		r.At.UTC().Format(time.RFC3339), csvBool(r.Withheld),
	})
}

// TestResponseWriterMatchesEncodingCSV writes random rows with every kind
// of awkward text (quotes, commas, line ends, leading spaces of every
// kind, formula starts, \., non-ASCII) and checks that the bytes are
// those encoding/csv writes, in buffers small and large.
func TestResponseWriterMatchesEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(4180, 11))
	pieces := []string{"", "a", "Site", `"`, `""`, ",", "\n", "\r", "\r\n", " ", "\t", "\u00a0", "\u2003", "\u3000",
		"=SUM(A1)", "+1", "-2", "@x", `\.`, ".", `\`, "è", "日本", "\xff", "'"}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	var rows []compare.Row
	site := compare.Row{}
	for i := range 5000 {
		if i%50 == 0 || rng.IntN(30) == 0 {
			site = compare.Row{
				Site: text(), SiteName: text(), Assessment: text(), AssessmentTitle: text(), Started: text(),
				Partnership: text(), Questionnaire: text(), QuestionnaireVersion: text(), Points: 3 + rng.IntN(8),
			}
		}
		r := site
		r.Respondent = rng.IntN(300)
		r.Group, r.Level = workbook.Group(text()), text()
		r.KeyIssue, r.Statement, r.Reverse = text(), text(), rng.IntN(2) == 0
		r.Score = 1 + rng.IntN(r.Points)
		r.DontKnow, r.Withheld = rng.IntN(10) == 0, rng.IntN(10) == 0
		if r.DontKnow || r.Withheld {
			r.Score = 0
		}
		r.At = time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).In(time.FixedZone("x", 3600*(rng.IntN(25)-12)))
		rows = append(rows, r)
	}
	var want bytes.Buffer
	cw := csv.NewWriter(&want)
	cw.UseCRLF = true
	if err := cw.Write(compare.ResponsesHeader); err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if err := referenceRow(cw, &rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	cw.Flush()
	var got bytes.Buffer
	rw, err := compare.NewResponseWriter(&got)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		if err := rw.Write(&rows[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Flush(); err != nil {
		t.Fatal(err)
	}
	if rw.Rows() != len(rows) {
		t.Errorf("Rows() = %d, want %d", rw.Rows(), len(rows))
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d differs:\n got %q\nwant %q", i+1, g[i], w[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(g), len(w))
	}
}

// TestResponseWriterKeepsTheWriteError checks that an error writing the
// file is returned, unchanged, by the Write that meets it or by Flush,
// and by every call after.
func TestResponseWriterKeepsTheWriteError(t *testing.T) {
	full := errors.New("disk full")
	rw, err := compare.NewResponseWriter(failingWriter{full})
	if err != nil {
		t.Fatal(err)
	}
	r := compare.Row{Site: "s", Points: 5, Score: 3, At: time.Unix(0, 0)}
	for i := 0; ; i++ {
		if err := rw.Write(&r); err != nil {
			if !errors.Is(err, full) {
				t.Fatalf("Write: %v", err)
			}
			break
		}
		if i > 1e6 {
			t.Fatal("no error after a million rows")
		}
	}
	if err := rw.Flush(); !errors.Is(err, full) {
		t.Fatalf("Flush after the error: %v", err)
	}
	rw2, _ := compare.NewResponseWriter(failingWriter{full})
	if err := rw2.Flush(); !errors.Is(err, full) {
		t.Fatalf("Flush of the header alone: %v", err)
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// csvBool is a boolean as the CSVs write it: TRUE or FALSE, which R and
// pandas read as logical.
func csvBool(v bool) string {
	if v {
		return "TRUE"
	}
	return "FALSE"
}
