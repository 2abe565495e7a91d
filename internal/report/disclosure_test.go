package report

import (
	"bytes"
	"fmt"
	"github.com/engage-toolkit/engage/internal/i18n"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// renderWith renders a report from the result res instead of the one the
// report works out itself, to show what a report without the disclosure
// rule would give away.
func renderWith(t *testing.T, in Input, res analysis.Result) []byte {
	t.Helper()
	cov, err := fontCoverage()
	if err != nil {
		t.Fatal(err)
	}
	l, _ := labelsFor(i18n.Embedded(), questionnaire.English)
	r := newReport(in, Options{Paper: pdffont.PaperA4, Lang: questionnaire.English}, l, &cleaner{cov: cov})
	r.res = res
	r.write()
	var buf bytes.Buffer
	if err := r.d.pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// printedRow is one group's row of a statement's table in the appendix, as
// a reader reads it: n, and the mean when one is printed.
type printedRow struct {
	n     int
	mean  float64
	shown bool
}

// appendixRow reads "Everyone   13   3.54   0.88 ..." or "Outsiders   2
// fewer than 3 people: not shown", one row of a table to a line, from the
// text as pdftotext -layout gives it.
var appendixRow = regexp.MustCompile(`(?m)^\s*(Everyone|Insiders|Outsiders)\s+(\d+)\s+(\d\.\d\d|withheld|fewer than 3|no scores)`)

// pdfLayoutText is the text of a PDF as pdftotext lays it out, a table's
// row to a line.
func pdfLayoutText(t *testing.T, pdf []byte) string { return pdfText(t, pdf, "-layout") }

// attackText reads every statement's table in the appendix of a report's
// text and tries what a reader could: everyone's mean times n, less the
// shown groups', over the people left, where they are one or two.
func attackText(text string) []string {
	i := strings.Index(text, "Appendix. Every statement")
	if i < 0 {
		return []string{"no appendix to read"}
	}
	var found []string
	var rows map[string]printedRow
	attack := func() {
		all, ok := rows["Everyone"]
		if !ok || !all.shown {
			return
		}
		rest, left := all.mean*float64(all.n), all.n
		for _, g := range []string{"Insiders", "Outsiders"} {
			if r := rows[g]; r.shown {
				rest -= r.mean * float64(r.n)
				left -= r.n
			}
		}
		if left > 0 && left < analysis.MinRespondents {
			found = append(found, fmt.Sprintf("%d people not shown have mean %.2f", left, rest/float64(left)))
		}
	}
	for _, m := range appendixRow.FindAllStringSubmatch(text[i:], -1) {
		if m[1] == "Everyone" {
			attack()
			rows = map[string]printedRow{}
		}
		n, _ := strconv.Atoi(m[2])
		v, err := strconv.ParseFloat(m[3], 64)
		rows[m[1]] = printedRow{n: n, mean: v, shown: err == nil}
	}
	attack()
	return found
}

// smallGroups are assessments where a group is one or two people: 1, 2 and
// 3 outsiders beside the insiders, and 2 insiders beside 6 outsiders.
func smallGroups(t *testing.T) map[string]*workbook.AssessmentData {
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*workbook.AssessmentData{}
	for _, people := range []int{4, 7, 9} {
		d := genData(t, q, 5, people, 7)
		outs := 0
		for _, p := range d.Participants {
			if p.Group == workbook.Outsider {
				outs++
			}
		}
		out[fmt.Sprintf("%d outsiders", outs)] = d
	}
	// Two insiders among outsiders who score every statement.
	d := genData(t, q, 5, 8, 7)
	for i := range d.Participants {
		if i >= 2 {
			d.Participants[i].Group, d.Participants[i].Role = workbook.Outsider, workbook.RoleCommunity
		}
	}
	out["2 insiders"] = d
	return out
}

// TestReportGivesAwayNoSmallGroup reads the report of each assessment with
// a small group as a reader would and attacks its figures by arithmetic.
// It finds nothing; the same report made without complementary
// suppression gives the small group away, so the attack can fail.
func TestReportGivesAwayNoSmallGroup(t *testing.T) {
	for name, d := range smallGroups(t) {
		t.Run(name, func(t *testing.T) {
			in := Input{Data: d}
			pdf, _ := render(t, in, Options{Lang: questionnaire.English})
			text := pdfLayoutText(t, pdf)
			if found := attackText(text); len(found) > 0 {
				t.Errorf("the report gives away %d figures, e.g. %s", len(found), found[0])
			}
			if len(appendixRow.FindAllString(text, -1)) < 3*len(d.Questionnaire.Statements())/2 {
				t.Fatal("the attack read too few rows of the appendix")
			}
			if name == "3 outsiders" {
				return // nobody small: nothing to give away either way
			}
			leaky := pdfLayoutText(t, renderWith(t, in, analysis.AnalyseUnprotected(d.Questionnaire, d.Participants, d.Responses)))
			if found := attackText(leaky); len(found) == 0 {
				t.Error("without complementary suppression the attack finds nothing: it cannot fail")
			}
		})
	}
}
