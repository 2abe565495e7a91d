package compare

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
)

// ResponsesHeader is the header row of the long CSV.
var ResponsesHeader = []string{
	"site", "site_name", "assessment", "assessment_title", "assessment_started", "partnership",
	"questionnaire", "questionnaire_version", "respondent", "group", "role_level",
	"key_issue", "statement", "reversed", "score", "scored", "dont_know", "time",
}

// SummaryHeader is the header row of the summary CSV.
var SummaryHeader = []string{
	"site", "site_name", "assessment", "assessment_title", "assessment_started", "current",
	"partnership", "questionnaire", "questionnaire_version", "key_issue", "key_issue_title", "compared",
	"group", "n", "items", "mean", "sd", "min_item_mean", "max_item_mean", "band", "suppressed",
	"gap", "gap_kind",
}

// ResponseWriter writes the long CSV: one row per answered response, in
// the order given. Write it from [Options].Responses so that rows stream
// to the file as the store is read.
//
// Columns: score is the score as given (empty for a don't-know) and scored
// the score as the analysis counts it, with a reversed statement flipped;
// respondent numbers the people of one assessment from 1 (it is not the
// store's record id); time is the moment of the answer in UTC (RFC 3339).
type ResponseWriter struct {
	w   *csv.Writer
	rec []string
	n   int
}

// NewResponseWriter writes the header row to w and returns the writer.
func NewResponseWriter(w io.Writer) (*ResponseWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(ResponsesHeader); err != nil {
		return nil, err
	}
	return &ResponseWriter{w: cw, rec: make([]string, len(ResponsesHeader))}, nil
}

// Write writes one row.
func (rw *ResponseWriter) Write(r *Row) error {
	score, scored := "", ""
	if !r.DontKnow {
		score, scored = strconv.Itoa(r.Score), strconv.Itoa(r.Scored())
	}
	rec := rw.rec
	rec[0], rec[1] = r.Site, r.SiteName
	rec[2], rec[3], rec[4] = r.Assessment, r.AssessmentTitle, r.Started
	rec[5] = r.Partnership
	rec[6], rec[7] = r.Questionnaire, r.QuestionnaireVersion
	rec[8] = strconv.Itoa(r.Respondent)
	rec[9], rec[10] = string(r.Group), string(r.Role)
	rec[11], rec[12] = r.KeyIssue, r.Statement
	rec[13] = strconv.FormatBool(r.Reverse)
	rec[14], rec[15] = score, scored
	rec[16] = strconv.FormatBool(r.DontKnow)
	rec[17] = r.At.UTC().Format(time.RFC3339)
	rw.n++
	return rw.w.Write(rec)
}

// Rows returns the number of rows written, not counting the header.
func (rw *ResponseWriter) Rows() int { return rw.n }

// Flush writes any buffered rows and returns the first error met.
func (rw *ResponseWriter) Flush() error {
	rw.w.Flush()
	return rw.w.Error()
}

// WriteSummary writes the summary CSV of c: one row per site, assessment
// (every one, oldest first), key issue and group (all, insiders,
// outsiders). current marks the assessment the comparison is made on, and
// compared the key issues compared across the sites.
//
// n is the number of people who scored the issue; mean is the mean of the
// item means (as in the site report); sd is the spread between people (the
// sample standard deviation of their own scores for the issue);
// min_item_mean and max_item_mean the lowest and highest item mean. A
// group of fewer than three people is suppressed: only n is given. gap is
// the insiders' mean minus the outsiders', the same on the issue's three
// rows, empty when either group is suppressed. It returns the number of
// rows written, not counting the header.
func WriteSummary(w io.Writer, c *Comparison) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(SummaryHeader); err != nil {
		return 0, err
	}
	n := 0
	rec := make([]string, len(SummaryHeader))
	for si := range c.Sites {
		s := &c.Sites[si]
		for ai := range s.Assessments {
			a := &s.Assessments[ai]
			for _, is := range a.Issues {
				groups := []struct {
					name string
					sc   Score
				}{{"all", is.All}, {"insiders", is.Insiders}, {"outsiders", is.Outsiders}}
				for _, g := range groups {
					summaryRecord(rec, s, a, ai == len(s.Assessments)-1, is, c.IsCompared(is.ID), g.name, g.sc)
					if err := cw.Write(rec); err != nil {
						return n, err
					}
					n++
				}
			}
		}
	}
	cw.Flush()
	return n, cw.Error()
}

func summaryRecord(rec []string, s *Site, a *Assessment, current bool, is IssueFigures, compared bool, group string, sc Score) {
	for i := range rec {
		rec[i] = ""
	}
	rec[0], rec[1] = s.Slug, s.Name
	rec[2], rec[3], rec[4] = a.ID, a.Title, a.Started
	rec[5] = strconv.FormatBool(current)
	rec[6] = a.Partnership
	rec[7], rec[8] = a.Questionnaire.ID, a.Questionnaire.Version
	rec[9], rec[10] = is.ID, is.Title
	rec[11] = strconv.FormatBool(compared)
	rec[12] = group
	rec[13] = strconv.Itoa(sc.Respondents)
	rec[20] = strconv.FormatBool(sc.Suppressed)
	if sc.Suppressed {
		return
	}
	rec[14] = strconv.Itoa(sc.Items)
	if sc.Shown() {
		rec[15] = num(sc.Mean)
		rec[16] = num(sc.SD)
		rec[17], rec[18] = num(sc.Min), num(sc.Max)
		rec[19] = string(sc.Band)
	}
	if is.Gap.Known {
		rec[21] = num(is.Gap.Value)
		rec[22] = string(is.Gap.Kind)
		if is.Gap.Kind == analysis.GapNone {
			rec[22] = "none"
		}
	}
}

// num formats a figure for the CSV: four decimals, a point as the decimal
// separator.
func num(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }
