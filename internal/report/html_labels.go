package report

import (
	"strconv"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// htmlLabels holds the words the HTML edition adds to the PDF's: a
// contents list, the captions of tables that have none in the PDF, and
// sentences saying what each chart shows. Every word comes from the
// catalogue (report.html.*).
type htmlLabels struct {
	l *i18n.Lang
	// AboutReport titles the cover's table, IssueTable the table of
	// key-issue scores.
	AboutReport, IssueTable string
}

func newHTMLLabels(l *i18n.Lang) *htmlLabels {
	return &htmlLabels{l: l, AboutReport: l.T("report.html.about_report"), IssueTable: l.T("report.html.issue_table")}
}

// StatementFigures captions the table of one statement's figures.
func (h *htmlLabels) StatementFigures(number string) string {
	return h.l.T("report.html.statement_figures", "Number", number)
}

// FiguresOf captions the table of a chart's figures.
func (h *htmlLabels) FiguresOf(title string) string {
	return h.l.T("report.html.figures_of", "Title", h.l.Quote(title))
}

// ChartIssueMeans, ChartStatementMeans, ChartDots and ChartSpread say what
// a chart shows; the scale's points and bands follow ([htmlLabels.bandsSaid]).
func (h *htmlLabels) ChartIssueMeans(points int) string {
	return h.l.T("report.html.chart_issue_means", "Points", points)
}

func (h *htmlLabels) ChartStatementMeans(issue, points int) string {
	return h.l.T("report.html.chart_statement_means", "Issue", issue, "Points", points)
}

func (h *htmlLabels) ChartDots(issue, points int) string {
	return h.l.T("report.html.chart_dots", "Issue", issue, "Points", points)
}

func (h *htmlLabels) ChartSpread(issue int) string {
	return h.l.T("report.html.chart_spread", "Issue", issue)
}

// bandsSaid names the scale's bands in words, with their edges.
func (h *htmlLabels) bandsSaid(s plotScale) string {
	return h.l.T("report.html.bands_said", "Barrier", s.names[0], "ImproveName", s.names[1], "GoodName", s.names[2],
		"Improve", h.l.Num(s.improve, 1), "Good", h.l.Num(s.good, 1))
}

// Scored titles the column of how many gave a score.
func (h *htmlLabels) Scored(score string) string { return h.l.T("report.html.scored", "Score", score) }

// OutsidersOf says how many of a count of scores are outsiders'.
func (h *htmlLabels) OutsidersOf(n int) string { return h.l.N("report.html.outsiders_of", n) }

// PageFooter closes the document with the date its data stands at.
func (h *htmlLabels) PageFooter(date string) string {
	return h.l.T("report.html.page_footer", "Date", date)
}

// itoa is n in digits.
func itoa(n int) string { return strconv.Itoa(n) }
