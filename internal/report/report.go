package report

import (
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/i18n"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The formats a report can be written in: a PDF to print and hand out, or
// one self-contained HTML file, the accessible edition (WCAG 2.2 AA).
const (
	FormatPDF  = "pdf"
	FormatHTML = "html"
)

// Formats lists the formats, the default first.
var Formats = []string{FormatPDF, FormatHTML}

// ErrNoData is returned when the input has no assessment or no
// questionnaire to report on.
var ErrNoData = errors.New("report: no assessment data")

// Input is what a site report is made from.
type Input struct {
	// Data is the assessment reported on, with its site, questionnaire
	// and records.
	Data *workbook.AssessmentData
	// Earlier is an optional earlier assessment of the same partnership:
	// when set, the report has a "what changed" section.
	Earlier *workbook.AssessmentData
}

// Options tune a report.
type Options struct {
	// Paper is [pdffont.PaperA4] (the default when empty) or
	// [pdffont.PaperLetter].
	Paper string
	// Lang is the language of the report's headings and of the
	// statements, a BCP 47 tag the catalogue has; empty means the
	// assessment's language.
	Lang string
	// Catalog holds the report's words; nil is [i18n.Embedded].
	Catalog *i18n.Catalog
	// Names shows participants' names on the cover and beside their
	// comments. Without it a comment is signed by its attribution category
	// only (see [analysis.Attribute]).
	Names bool
	// Format is FormatPDF (the default when empty) or FormatHTML. The
	// HTML edition has the same content and figures as the PDF; Paper
	// only sets the page its print stylesheet asks for.
	Format string
}

// Result says what was written.
type Result struct {
	// Pages is the number of pages of the PDF; 0 for the HTML edition.
	Pages int
	// Missing lists, in the report's language, what the assessment lacks
	// that the report says it cannot show (no responses yet, ...).
	Missing []string
	// Markers counts the characters replaced by [Marker] because the
	// fonts cannot draw them.
	Markers int
	// TextWarnings are the notes, comments, findings and actions printed
	// that name a participant or point at a group under 3
	// ([analysis.FreeTextWarnings]): the report prints them as written, so
	// the facilitator should look at them before sharing it.
	TextWarnings []analysis.PlacedWarning
}

// Site writes the barrier report of one site's assessment to w, as a PDF
// or, with [Options].Format, as HTML. The same input and options always
// give the same bytes: every date in the file comes from the data.
func Site(w io.Writer, in Input, opts Options) (Result, error) {
	r, err := layOutSite(in, opts)
	if err != nil {
		return Result{}, err
	}
	if r.html != nil {
		return r.outputHTML(w)
	}
	return r.output(w)
}

// output writes the report laid out to w.
func (r *report) output(w io.Writer) (Result, error) {
	pages := r.d.pdf.PageCount()
	if err := r.d.output(w); err != nil {
		return Result{}, fmt.Errorf("report: write the PDF: %w", err)
	}
	return Result{Pages: pages, Missing: r.missing, Markers: r.clean.markers, TextWarnings: analysis.FreeTextWarnings(r.data)}, nil
}

// layOutSite checks the input and options and lays out the report, ready
// to be written.
func layOutSite(in Input, opts Options) (*report, error) {
	if in.Data == nil || in.Data.Questionnaire == nil {
		return nil, ErrNoData
	}
	paper, err := pdffont.Paper(opts.Paper)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	opts.Paper = paper
	if opts.Format == "" {
		opts.Format = FormatPDF
	}
	if !slices.Contains(Formats, opts.Format) {
		return nil, fmt.Errorf("report: unknown format %q (use pdf or html)", opts.Format)
	}
	if opts.Lang == "" {
		opts.Lang = in.Data.Assessment.Language
	}
	if opts.Lang == "" {
		opts.Lang = questionnaire.English
	}
	if opts.Catalog == nil {
		opts.Catalog = i18n.Embedded()
	}
	l, ok := labelsFor(opts.Catalog, opts.Lang)
	if !ok {
		return nil, &NoLanguageError{Lang: opts.Lang, Have: opts.Catalog.Languages()}
	}
	if in.Data.Questionnaire.Scale.Points < 2 {
		return nil, fmt.Errorf("report: the questionnaire's scale has %d points", in.Data.Questionnaire.Scale.Points)
	}
	if opts.Format == FormatHTML {
		r := newHTMLReport(in, opts, l)
		r.write()
		return r, nil
	}
	cov, err := fontCoverage()
	if err != nil {
		return nil, err
	}
	r := newReport(in, opts, l, &cleaner{cov: cov})
	r.write()
	if !r.d.writeContents() {
		// The contents need more than the page kept for them.
		pages := r.d.contentsPagesNeeded()
		r = newReport(in, opts, l, &cleaner{cov: cov})
		r.d.toc.pages = pages
		r.write()
		r.d.writeContents()
	}
	if err := r.d.pdf.Error(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return r, nil
}

// report is one report being written, in one edition: out is the PDF
// (d, the document) or the HTML edition (html).
type report struct {
	out     sink
	d       *doc
	html    *htmlOut
	l       *labels
	hl      *htmlLabels
	lang    string
	opts    Options
	clean   *cleaner
	data    *workbook.AssessmentData
	res     analysis.Result
	earlier *workbook.AssessmentData
	// rounds is what changed since the earlier round, when there is one.
	rounds analysis.RoundChanges
	people *people
	// verify holds the ids of the statements outsiders score.
	verify  map[string]bool
	numbers questionnaire.Numbering
	asOf    time.Time
	missing []string
}

// newReport starts the PDF edition of a report.
func newReport(in Input, opts Options, l *labels, c *cleaner) *report {
	r := startReport(in, opts, l, c)
	r.d = newDoc(opts.Paper, l, c)
	r.out = &pdfOut{r.d}
	site := c.line(in.Data.Site.Name)
	// The running header and footer are one line each: a long site name
	// is shortened, never the date.
	// An assessment in progress says so on every page, before the date.
	date := " · " + r.reportDate()
	if in.Data.Assessment.Completed == "" {
		date = " · " + l.Draft + date
	}
	r.d.font("", sizeFurniture)
	r.d.header = r.d.fit(site, r.d.width()/2-2, "", sizeFurniture)
	r.d.footer = r.d.fit(site, r.d.width()*0.7-2-r.d.pdf.GetStringWidth(date), "", sizeFurniture) + date
	p := r.d.pdf
	p.SetCreationDate(r.asOf)
	p.SetModificationDate(r.asOf)
	p.SetTitle(l.ReportTitle+": "+site, true)
	p.SetSubject(r.partnershipTitle(), true)
	p.SetAuthor(c.line(in.Data.Site.Organisation), true)
	p.SetCreator("Engage", true)
	p.SetProducer("Engage", true)
	p.SetLang(l.LangTag)
	return r
}

// startReport works out what every edition of a report is made from.
func startReport(in Input, opts Options, l *labels, c *cleaner) *report {
	r := &report{l: l, hl: newHTMLLabels(l.lang), lang: opts.Lang, opts: opts, clean: c, data: in.Data, earlier: in.Earlier}
	r.res = analysis.Analyse(in.Data.Questionnaire, in.Data.Participants, in.Data.Responses)
	var then analysis.Result
	if in.Earlier != nil && in.Earlier.Questionnaire != nil {
		then = analysis.Analyse(in.Earlier.Questionnaire, in.Earlier.Participants, in.Earlier.Responses)
	}
	r.people = newPeople(in.Data)
	r.numbers = in.Data.Questionnaire.Numbering()
	r.verify = map[string]bool{}
	for _, st := range in.Data.Questionnaire.VerificationStatements() {
		r.verify[st.ID] = true
	}
	r.asOf = asOf(in.Data)
	if in.Earlier != nil {
		r.rounds = analysis.CompareRounds(then, r.res, in.Earlier.Interventions,
			analysis.RoundOptions{Day: r.planDay(), Since: r.sinceDay()})
	}
	return r
}

// write lays out every part of the report.
func (r *report) write() {
	r.cover()
	r.out.contents(r.l.Contents)
	r.summary()
	r.mapping()
	r.selection()
	if r.hasScores() {
		r.workbook()
		r.verification()
	} else {
		r.noScores()
	}
	r.barriers()
	if r.hasScores() {
		r.appendix()
	}
	if r.earlier != nil {
		r.changes()
	}
}

// hasScores reports whether anyone has answered anything.
func (r *report) hasScores() bool { return r.res.Insiders+r.res.Outsiders > 0 }

// asOf is the time the report's data stands at: the latest time recorded
// in it, never before the assessment started ([workbook.Assessment.DataAsOf]).
// It is the PDF's creation date; it never depends on the clock.
func asOf(d *workbook.AssessmentData) time.Time {
	var t time.Time
	later := func(u time.Time) {
		if u.After(t) {
			t = u
		}
	}
	later(d.Assessment.Updated)
	later(d.Assessment.Created)
	for _, p := range d.Partnerships {
		later(p.Updated)
	}
	for _, p := range d.Participants {
		later(p.Updated)
	}
	for _, x := range d.Responses {
		later(x.At)
	}
	for _, n := range d.StatementNotes {
		later(n.Updated)
	}
	for _, n := range d.IssueNotes {
		later(n.Updated)
	}
	for _, f := range d.Findings {
		later(f.Updated)
	}
	for _, iv := range d.Interventions {
		later(iv.Updated)
	}
	if t = d.Assessment.DataAsOf(t); t.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// reportDate is the date the report is of: the day the assessment was
// completed, else the day its data stands at.
func (r *report) reportDate() string {
	if c, err := time.Parse(time.DateOnly, r.data.Assessment.Completed); err == nil {
		return r.l.date(c)
	}
	return r.l.date(r.asOf)
}

// partnershipTitle is the clean title of the partnership assessed.
func (r *report) partnershipTitle() string {
	if r.data.Partnership == nil {
		return r.l.NoPartnership
	}
	return r.clean.line(r.data.Partnership.Title)
}

// num formats a figure with prec decimals in the report's language.
func (r *report) num(v float64, prec int) string { return r.l.num(v, prec) }

// gapFigures are a known gap as printed, with the two means it is the
// difference of ([analysis.ShownGapFigures]): the gap always equals the
// printed insiders' mean less the printed outsiders'.
func (r *report) gapFigures(g analysis.Gap) (gap, ins, outs string) {
	v, i, o := analysis.ShownGapFigures(r.data.Questionnaire.Bands, g, 2)
	return r.l.signed(v), r.num(i, 2), r.num(o, 2)
}

// mean formats a mean with prec decimals, never across a band edge.
func (r *report) mean(v float64, prec int) string {
	return r.l.num(analysis.ShownMean(r.data.Questionnaire.Bands, v, prec), prec)
}

// txt returns a questionnaire text in the report's language, clean; a text
// the questionnaire has only in another language is marked as written in
// that one ([report.inLang]).
func (r *report) txt(t questionnaire.Text) string {
	return r.inLang(r.clean.line(t.In(r.lang)), textLang(t, r.lang))
}

// textLang is the language [questionnaire.Text.In] takes t's words from.
func textLang(t questionnaire.Text, lang string) string {
	for l := lang; l != ""; {
		if s, ok := t[l]; ok && s != "" {
			return l
		}
		i := strings.LastIndex(l, "-")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return questionnaire.English
}

// inLang marks s as written in lang when that is not the report's
// language, so that the HTML edition tells a screen reader which language
// to speak it in. The PDF's text carries no marks.
func (r *report) inLang(s, lang string) string {
	if r.html == nil || lang == "" || sameLang(lang, r.lang) {
		return s
	}
	return markLang(s, lang)
}

// said marks text written by the site's people (comments, notes, findings,
// actions) as written in the assessment's language.
func (r *report) said(s string) string { return r.inLang(s, r.data.Assessment.Language) }

// statementNumber is a statement's number in the workbook: "2.3" is the
// third statement of the second key issue. An id the questionnaire does
// not know is its own number, so that nothing is hidden.
func (r *report) statementNumber(id string) (string, questionnaire.Statement, bool) {
	if p, ok := r.numbers.Place(id); ok {
		return p.Number(), p.Statement, true
	}
	return r.clean.line(id), questionnaire.Statement{}, false
}

// statementLabel is a statement's number and text, as the report lists
// it: "2.3 Meetings are held ...".
func (r *report) statementLabel(id string) string {
	n, st, ok := r.statementNumber(id)
	if !ok {
		return n
	}
	return n + " " + r.txt(st.Text) + r.reversedMark(st)
}

// reversedMark marks a reversed statement wherever it is named.
func (r *report) reversedMark(st questionnaire.Statement) string {
	if st.Reverse {
		return " " + r.l.ReversedMark
	}
	return ""
}

// statementQuote is a statement as running text names it: its number and
// its text in quotation marks.
func (r *report) statementQuote(id string) string {
	n, st, ok := r.statementNumber(id)
	if !ok {
		return n
	}
	return n + " " + r.l.quote(r.txt(st.Text)) + r.reversedMark(st)
}

// issueNumber is a key issue's number, 0 for an id the questionnaire
// does not know.
func (r *report) issueNumber(id string) int {
	for i, ki := range r.data.Questionnaire.KeyIssues {
		if ki.ID == id {
			return i + 1
		}
	}
	return 0
}

// issueLabel is a key issue's number and title.
func (r *report) issueLabel(id string) string {
	if n := r.issueNumber(id); n > 0 {
		return fmt.Sprintf("%d %s", n, r.txt(r.data.Questionnaire.KeyIssues[n-1].Title))
	}
	return r.clean.line(id)
}

// issueHeading is a key issue as a heading or a note names it: "Key issue
// 2. Skills and abilities ...".
func (r *report) issueHeading(id string) string {
	if n := r.issueNumber(id); n > 0 {
		return r.l.KeyIssueN(n, r.txt(r.data.Questionnaire.KeyIssues[n-1].Title))
	}
	return r.l.KeyIssue + " " + r.clean.line(id)
}
