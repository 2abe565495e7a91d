package compare_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// formulas are texts a spreadsheet would run as formulas (or strip a tab
// or CR from and then run), and each as the CSV must hold it.
var formulas = []struct{ in, want string }{
	{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
	{"+1", "'+1"},
	{"-2", "'-2"},
	{"@SUM(1)", "'@SUM(1)"},
	{"\tx", "'\tx"},
	// RFC 4180's line ends are CRLF, and a lone CR in a field is dropped
	// as encoding/csv drops it: the quote still comes first.
	{"\rx", "'x"},
	{"Valle del Sole", "Valle del Sole"},
	{"a=1", "a=1"},
	{"", ""},
}

// TestResponsesCSVNeutralisesFormulas writes a row whose every text column
// holds a formula and reads it back: each is neutralised, and the numbers
// are left as numbers.
func TestResponsesCSVNeutralisesFormulas(t *testing.T) {
	for _, f := range formulas {
		var buf bytes.Buffer
		rw, err := compare.NewResponseWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		err = rw.Write(&compare.Row{Site: f.in, SiteName: f.in, Assessment: f.in, AssessmentTitle: f.in, Started: f.in,
			Partnership: f.in, Questionnaire: f.in, QuestionnaireVersion: f.in, KeyIssue: f.in, Statement: f.in,
			Respondent: 1, Group: workbook.Insider, Level: "senior", Score: 2, At: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)})
		if err == nil {
			err = rw.Flush()
		}
		if err != nil {
			t.Fatal(err)
		}
		_, rows := readCSV(t, buf.Bytes())
		r := rows[0]
		for _, col := range []string{"site", "site_name", "assessment", "assessment_title", "assessment_started",
			"partnership", "questionnaire", "questionnaire_version", "key_issue", "statement"} {
			if r[col] != f.want {
				t.Errorf("%s %q is written %q, want %q", col, f.in, r[col], f.want)
			}
		}
		if r["respondent"] != "1" || r["score"] != "2" || r["scored"] != "2" || r["reversed"] != "FALSE" {
			t.Errorf("the numbers changed: %v", r)
		}
	}
}

// TestSummaryCSVNeutralisesFormulas does the same for the summary CSV,
// with a negative gap, which must stay a number.
func TestSummaryCSVNeutralisesFormulas(t *testing.T) {
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range formulas {
		sc := compare.Score{IssueScore: analysis.IssueScore{Mean: 3.25, Items: 4, Respondents: 5, Min: 2.5, Max: 4, Band: analysis.BandImprove}, SD: 0.5}
		c := &compare.Comparison{Sites: []compare.Site{{Slug: f.in, Name: f.in, Assessments: []compare.Assessment{{
			ID: f.in, Title: f.in, Started: f.in, Completed: f.in, Partnership: f.in, Questionnaire: q,
			Issues: []compare.IssueFigures{{ID: f.in, Title: f.in, All: sc, Insiders: sc, Outsiders: sc,
				Gap: analysis.Gap{Known: true, Value: -0.19, InsidersMean: 3.1, OutsidersMean: 3.29, Insiders: 3, Outsiders: 3, Compared: 4}}},
		}}}}}
		var buf bytes.Buffer
		if _, err := compare.WriteSummary(&buf, c); err != nil {
			t.Fatal(err)
		}
		_, rows := readCSV(t, buf.Bytes())
		if len(rows) != 3 {
			t.Fatalf("%d rows, want 3", len(rows))
		}
		for _, r := range rows {
			for _, col := range []string{"site", "site_name", "assessment", "assessment_title", "assessment_started",
				"partnership", "key_issue", "key_issue_title", "completed"} {
				if r[col] != f.want {
					t.Errorf("%s %q is written %q, want %q", col, f.in, r[col], f.want)
				}
			}
			if r["gap"] != "-0.1900" {
				t.Errorf("gap %q, want -0.1900", r["gap"])
			}
			for _, col := range []string{"gap", "mean", "sd", "min_item_mean", "max_item_mean", "gap_insiders_mean", "gap_outsiders_mean", "n"} {
				if _, err := strconv.ParseFloat(r[col], 64); err != nil {
					t.Errorf("%s %q is not a number", col, r[col])
				}
			}
		}
	}
}

// TestActionsCSVNeutralisesFormulas does the same for the actions CSV,
// the owners' names included; the count of reviews stays a number.
func TestActionsCSVNeutralisesFormulas(t *testing.T) {
	for _, f := range formulas {
		ki := questionnaire.KeyIssue{ID: f.in, Title: questionnaire.Text{"en": f.in}}
		iv := workbook.Intervention{Action: f.in, Owner: f.in, Due: f.in, KeyIssueID: f.in, Status: workbook.StatusPlanned,
			Reviews: []workbook.Review{{Date: f.in, Reviewer: f.in, Status: workbook.StatusPlanned}}}
		c := &compare.Comparison{Lang: "en", Today: f.in, Sites: []compare.Site{{Slug: f.in, Name: f.in, Actions: []workbook.PlanLine{{
			Assessment: workbook.Assessment{ID: f.in, Title: f.in, Started: f.in}, KeyIssue: &ki, Intervention: iv}}}}}
		var buf bytes.Buffer
		if _, err := compare.WriteActions(&buf, c, true); err != nil {
			t.Fatal(err)
		}
		_, rows := readCSV(t, buf.Bytes())
		r := rows[0]
		for _, col := range []string{"site", "site_name", "assessment", "assessment_title", "assessment_started",
			"key_issue", "key_issue_title", "action", "due", "as_of", "last_review", "owner", "last_reviewer"} {
			if r[col] != f.want {
				t.Errorf("%s %q is written %q, want %q", col, f.in, r[col], f.want)
			}
		}
		if r["reviews"] != "1" || r["status"] != "planned" {
			t.Errorf("the count or the status changed: %v", r)
		}
	}
}
