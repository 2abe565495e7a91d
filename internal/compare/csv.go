package compare

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/analysis"
)

// ResponsesHeader is the header row of the long CSV.
var ResponsesHeader = []string{
	"site", "site_name", "assessment", "assessment_title", "assessment_started", "partnership",
	"questionnaire", "questionnaire_version", "respondent", "group", "role_level",
	"key_issue", "statement", "reversed", "score", "scored", "dont_know", "time", "score_withheld",
}

// SummaryHeader is the header row of the summary CSV.
var SummaryHeader = []string{
	"site", "site_name", "assessment", "assessment_title", "assessment_started", "current",
	"partnership", "questionnaire", "questionnaire_version", "key_issue", "key_issue_title", "compared",
	"group", "n", "items", "mean", "sd", "min_item_mean", "max_item_mean", "band", "suppressed", "suppressed_why",
	"gap", "gap_kind", "gap_statements", "gap_insiders_mean", "gap_insiders_n", "gap_outsiders_mean", "gap_outsiders_n",
	"completed", "round",
}

// The text columns of each CSV: every column whose value is a string from
// data (a name, a title, an id, a date), as opposed to a number, a true or
// false, or a word engage writes itself. Each of their cells goes through
// [textCell]; the other columns are written as they are, so that a
// negative gap stays a number.
var (
	responsesText = textColumns(ResponsesHeader, "site", "site_name", "assessment", "assessment_title",
		"assessment_started", "partnership", "questionnaire", "questionnaire_version", "key_issue", "statement")
	summaryText = textColumns(SummaryHeader, "site", "site_name", "assessment", "assessment_title",
		"assessment_started", "partnership", "questionnaire", "questionnaire_version", "key_issue",
		"key_issue_title", "completed")
)

// textColumns returns the indexes of the named columns of header.
func textColumns(header []string, names ...string) []int {
	idx := make([]int, len(names))
	for i, n := range names {
		idx[i] = slices.Index(header, n)
		if idx[i] < 0 {
			panic("compare: no CSV column " + n)
		}
	}
	return idx
}

// formulaStart is what makes a spreadsheet read a cell as a formula (or,
// for tab and CR, what it may strip before reading one): OWASP's CSV
// injection guidance.
const formulaStart = "=+-@\t\r"

// textCell neutralises a text cell for a spreadsheet: one that begins with
// =, +, -, @, a tab or a CR gets a single quote in front, so that a site
// named =HYPERLINK(...) is shown as the text it is, never run (OWASP, CSV
// injection). The quote is part of the cell: a program reading the CSV sees
// '=HYPERLINK(...). Only text columns go through it ([responsesText],
// [summaryText]); numbers never do.
func textCell(s string) string {
	if s != "" && strings.IndexByte(formulaStart, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// neutralise passes the text columns cols of rec through [textCell].
func neutralise(rec []string, cols []int) {
	for _, i := range cols {
		rec[i] = textCell(rec[i])
	}
}

// ResponseWriter writes the long CSV: one row per answered response, in
// the order given. Write it from [Options].Responses so that rows stream
// to the file as the store is read.
//
// Columns: score is the score as given (empty for a don't-know) and scored
// the score as the analysis counts it, with a reversed statement flipped;
// respondent numbers the people of one assessment from 1 (it is not the
// store's record id); role_level is the respondent's attribution category,
// a level or levels merged with "+" (see [Row].Level); time is the moment
// of the answer in UTC (RFC 3339); score_withheld says the score is left
// out because fewer than three of the respondent's group or role_level
// scored the statement (see [Row].Withheld). A text cell that begins with
// =, +, -, @, a tab or a CR has a single quote put in front ([textCell]).
//
// It writes RFC 4180 as encoding/csv does with UseCRLF: CRLF line ends , a field quoted when it holds a
// quote, a comma, a CR or a LF, begins with a space, or is \.; booleans
// are TRUE and FALSE. It
// builds each row in a buffer of its own and encodes the columns that are
// the same from row to row (the site and assessment, the respondent) once:
// the long CSV of a national programme has millions of rows.
type ResponseWriter struct {
	w   io.Writer
	buf []byte
	err error
	n   int
	// assessment and person are the encoded columns of the last row's
	// assessment (site to questionnaire_version) and respondent
	// (respondent to role_level), each with its trailing comma, and
	// lastA and lastP what they were encoded from.
	assessment, person []byte
	lastA              [8]string
	lastP              struct {
		respondent   int
		group, level string
	}
	haveA, haveP bool
}

// flushAt is the size of the buffer written out at once.
const flushAt = 64 << 10

// NewResponseWriter writes the header row to w and returns the writer.
func NewResponseWriter(w io.Writer) (*ResponseWriter, error) {
	rw := &ResponseWriter{w: w, buf: make([]byte, 0, flushAt+4<<10)}
	for i, h := range ResponsesHeader {
		if i > 0 {
			rw.buf = append(rw.buf, ',')
		}
		rw.buf = appendField(rw.buf, h)
	}
	rw.buf = append(rw.buf, '\r', '\n')
	return rw, nil
}

// Write writes one row.
func (rw *ResponseWriter) Write(r *Row) error {
	if rw.err != nil {
		return rw.err
	}
	if a := [8]string{r.Site, r.SiteName, r.Assessment, r.AssessmentTitle, r.Started, r.Partnership,
		r.Questionnaire, r.QuestionnaireVersion}; !rw.haveA || a != rw.lastA {
		rw.assessment = rw.assessment[:0]
		for _, f := range a {
			rw.assessment = append(appendField(rw.assessment, textCell(f)), ',')
		}
		rw.lastA, rw.haveA = a, true
	}
	if p := rw.lastP; !rw.haveP || p.respondent != r.Respondent || p.group != string(r.Group) || p.level != r.Level {
		b := strconv.AppendInt(rw.person[:0], int64(r.Respondent), 10)
		b = append(appendField(append(b, ','), string(r.Group)), ',')
		rw.person = append(appendField(b, r.Level), ',')
		rw.lastP.respondent, rw.lastP.group, rw.lastP.level = r.Respondent, string(r.Group), r.Level
		rw.haveP = true
	}
	b := append(rw.buf, rw.assessment...)
	b = append(b, rw.person...)
	b = append(appendField(b, textCell(r.KeyIssue)), ',')
	b = append(appendField(b, textCell(r.Statement)), ',')
	b = append(appendBool(b, r.Reverse), ',')
	if !r.DontKnow && !r.Withheld {
		b = strconv.AppendInt(b, int64(r.Score), 10)
		b = strconv.AppendInt(append(b, ','), int64(r.Scored()), 10)
	} else {
		b = append(b, ',')
	}
	b = append(appendBool(append(b, ','), r.DontKnow), ',')
	b = append(r.At.UTC().AppendFormat(b, time.RFC3339), ',')
	b = append(appendBool(b, r.Withheld), '\r', '\n')
	rw.buf = b
	rw.n++
	if len(rw.buf) >= flushAt {
		return rw.flush()
	}
	return nil
}

// flush writes the buffer out; an error sticks.
func (rw *ResponseWriter) flush() error {
	if rw.err != nil {
		return rw.err
	}
	if len(rw.buf) > 0 {
		_, rw.err = rw.w.Write(rw.buf)
		rw.buf = rw.buf[:0]
	}
	return rw.err
}

// Rows returns the number of rows written, not counting the header.
func (rw *ResponseWriter) Rows() int { return rw.n }

// Flush writes any buffered rows and returns the first error met.
func (rw *ResponseWriter) Flush() error { return rw.flush() }

// Booleans are written TRUE and FALSE, which R (read.csv, readr), pandas
// and spreadsheets all read as logical values; true and false are text
// to R.
const (
	csvTrue  = "TRUE"
	csvFalse = "FALSE"
)

// boolCell is a boolean as the CSVs write it.
func boolCell(v bool) string {
	if v {
		return csvTrue
	}
	return csvFalse
}

func appendBool(b []byte, v bool) []byte { return append(b, boolCell(v)...) }

// appendField appends s to b as one CSV field, exactly as encoding/csv's
// Writer writes it with a comma and CRLF line ends.
func appendField(b []byte, s string) []byte {
	if !fieldNeedsQuotes(s) {
		return append(b, s...)
	}
	// Inside quotes, as encoding/csv with UseCRLF: a quote is doubled, a
	// LF becomes CRLF and a lone CR is dropped.
	b = append(b, '"')
	for len(s) > 0 {
		i := strings.IndexAny(s, "\"\r\n")
		if i < 0 {
			return append(append(b, s...), '"')
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '"':
			b = append(b, '"', '"')
		case '\n':
			b = append(b, '\r', '\n')
		}
		s = s[i+1:]
	}
	return append(b, '"')
}

// fieldNeedsQuotes is encoding/csv's rule for a comma: a field is quoted
// when it holds a quote, a comma, a CR or a LF, when it begins with a
// space (as unicode.IsSpace has it), or when it is \. (which Postgres
// reads as the end of its data).
func fieldNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
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
// group of fewer than three people is suppressed (suppressed_why
// "fewer-than-3"): only n is given; so is everyone's row when a group in
// it is one or two people ("reveals-small-group"), as in the site report.
// gap is the insiders' mean minus the outsiders' over the statements both
// groups scored (gap_statements of them, three or more people each): it
// is the difference of gap_insiders_mean and gap_outsiders_mean, which are
// over those statements and so may differ from the insiders' and
// outsiders' own means. The gap columns are the same on the issue's three
// rows, empty when no statement could be compared. Means are rounded half
// away from zero to four decimals, never across a band edge. It returns
// the number of rows written, not counting the header. completed is the
// day the assessment was completed, empty while it is in progress (a
// draft). A text cell that begins with =, +, -, @, a tab or a CR has a
// single quote put in front ([textCell]); the figures are written as
// numbers.
func WriteSummary(w io.Writer, c *Comparison) (int, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(SummaryHeader); err != nil {
		return 0, err
	}
	n := 0
	err := SummaryRecords(c, func(rec []string) error {
		neutralise(rec, summaryText)
		if err := cw.Write(rec); err != nil {
			return err
		}
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

// SummaryRecords passes each row of the summary CSV of c to fn, in the
// CSV's order, as text before [textCell] (the one statement of what each
// column holds, which the CSV writer neutralises and the spreadsheet and
// the warehouse type as [SummaryColumns] say). rec is reused between
// calls.
func SummaryRecords(c *Comparison, fn func(rec []string) error) error {
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
					summaryFields(rec, s, ai, is, c.IsCompared(is.ID), g.name, g.sc)
					if err := fn(rec); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// summaryFields fills rec with one summary row as text: the one
// statement of what each column holds, for the CSV and the spreadsheet.
func summaryFields(rec []string, s *Site, round int, is IssueFigures, compared bool, group string, sc Score) {
	for i := range rec {
		rec[i] = ""
	}
	a := &s.Assessments[round]
	rec[0], rec[1] = s.Slug, s.Name
	rec[2], rec[3], rec[4] = a.ID, a.Title, a.Started
	rec[5] = boolCell(round == s.Shown)
	rec[30] = strconv.Itoa(round + 1)
	rec[6] = a.Partnership
	rec[7], rec[8] = a.Questionnaire.ID, a.Questionnaire.Version
	rec[9], rec[10] = is.ID, is.Title
	rec[11] = boolCell(compared)
	rec[12] = group
	rec[13] = strconv.Itoa(sc.Respondents)
	rec[20] = boolCell(sc.Suppressed)
	rec[29] = a.Completed
	if g := is.Gap; g.Known {
		gap, ins, outs := analysis.ShownGapFigures(a.Questionnaire.Bands, g, 4)
		rec[22] = num(gap)
		rec[23] = string(g.Kind)
		if g.Kind == analysis.GapNone {
			rec[23] = "none"
		}
		rec[24] = strconv.Itoa(g.Compared)
		rec[25], rec[26] = num(ins), strconv.Itoa(g.Insiders)
		rec[27], rec[28] = num(outs), strconv.Itoa(g.Outsiders)
	}
	switch {
	case sc.Complementary:
		rec[21] = "reveals-small-group"
		return
	case sc.Suppressed:
		rec[21] = "fewer-than-3"
		return
	}
	rec[14] = strconv.Itoa(sc.Items)
	if sc.Shown() {
		rec[15] = num(analysis.ShownMean(a.Questionnaire.Bands, sc.Mean, 4))
		rec[16] = num(analysis.ShownSD(sc.SD, 4))
		rec[17], rec[18] = num(analysis.Round(sc.Min, 4)), num(analysis.Round(sc.Max, 4))
		rec[19] = string(sc.Band)
	}
}

// num formats a figure for the CSV: four decimals, a point as the decimal
// separator. Round it first ([analysis.Round], [analysis.ShownMean]).
func num(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }
