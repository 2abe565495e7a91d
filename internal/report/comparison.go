package report

import (
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/i18n"
	"io"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// CompareOptions tune a comparison report.
type CompareOptions struct {
	// Paper is [pdffont.PaperA4] (the default when empty) or
	// [pdffont.PaperLetter].
	Paper string
	// Lang is the language of the headings, a BCP 47 tag the catalogue
	// has; empty means the comparison's own language (that of its
	// questionnaire texts).
	Lang string
	// Catalog holds the report's words; nil is [i18n.Embedded].
	Catalog *i18n.Catalog
	// Format is FormatPDF (the default when empty) or FormatHTML.
	Format string
}

// NoLanguageError is returned when a report is asked for in a language
// the catalogue has no file for.
type NoLanguageError struct {
	Lang string
	Have []string
}

func (e *NoLanguageError) Error() string {
	return fmt.Sprintf("report: no report texts in language %q (Engage has %s; docs/translating.md says how to add one)",
		e.Lang, strings.Join(e.Have, ", "))
}

// ErrNoSites is returned when a comparison has no site.
var ErrNoSites = errors.New("report: the comparison has no site")

// Compare writes the comparison of several sites to w as a PDF (or, with
// [CompareOptions].Format, as HTML): one part
// per theme (key issues, verification, shared barriers, mapping and
// selection, context), each site side by side with the others, never
// ranked. The same comparison and options always give the same bytes.
func Compare(w io.Writer, c *compare.Comparison, opts CompareOptions) (Result, error) {
	cr, err := layOutComparison(c, opts)
	if err != nil {
		return Result{}, err
	}
	if cr.html != nil {
		return cr.outputHTML(w)
	}
	pages := cr.d.pdf.PageCount()
	if err := cr.d.output(w); err != nil {
		return Result{}, fmt.Errorf("report: write the PDF: %w", err)
	}
	return Result{Pages: pages, Markers: cr.clean.markers}, nil
}

// layOutComparison checks the comparison and options and lays out the
// report, ready to be written.
func layOutComparison(c *compare.Comparison, opts CompareOptions) (*comparison, error) {
	if c == nil || len(c.Sites) == 0 {
		return nil, ErrNoSites
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
		opts.Lang = c.Lang
	}
	if opts.Lang == "" {
		opts.Lang = questionnaire.English
	}
	if opts.Catalog == nil {
		opts.Catalog = i18n.Embedded()
	}
	l, ok := labelsFor(opts.Catalog, opts.Lang)
	cl, ok2 := cmpLabelsFor(opts.Catalog, opts.Lang)
	if !ok || !ok2 {
		return nil, &NoLanguageError{Lang: opts.Lang, Have: opts.Catalog.Languages()}
	}
	for _, s := range c.Sites {
		if len(s.Assessments) == 0 || s.Current().Questionnaire.Scale.Points < 2 {
			return nil, fmt.Errorf("report: site %s has no assessment with a usable scale", s.Slug)
		}
	}
	if opts.Format == FormatHTML {
		cr := newHTMLComparison(c, opts, l, cl)
		cr.write()
		return cr, nil
	}
	cov, err := fontCoverage()
	if err != nil {
		return nil, err
	}
	cr := newComparison(c, opts, l, cl, &cleaner{cov: cov})
	cr.write()
	if !cr.d.writeContents() {
		// The contents need more than the page kept for them.
		pages := cr.d.contentsPagesNeeded()
		cr = newComparison(c, opts, l, cl, &cleaner{cov: cov})
		cr.d.toc.pages = pages
		cr.write()
		cr.d.writeContents()
	}
	if err := cr.d.pdf.Error(); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return cr, nil
}

// comparison is one comparison report being written, in one edition: out
// is the PDF (d, the document) or the HTML edition (html).
type comparison struct {
	c     *compare.Comparison
	out   sink
	d     *doc
	html  *htmlOut
	l     *labels
	cl    *cmpLabels
	hl    *htmlLabels
	lang  string
	clean *cleaner
	// names are the sites' clean names, in order.
	names []string
}

// startComparison works out what every edition of a comparison is made
// from.
func startComparison(c *compare.Comparison, opts CompareOptions, l *labels, cl *cmpLabels, clean *cleaner) *comparison {
	cr := &comparison{c: c, l: l, cl: cl, hl: newHTMLLabels(l.lang), lang: opts.Lang, clean: clean}
	for _, s := range c.Sites {
		cr.names = append(cr.names, clean.line(s.Name))
	}
	return cr
}

// newComparison starts the PDF edition of a comparison.
func newComparison(c *compare.Comparison, opts CompareOptions, l *labels, cl *cmpLabels, clean *cleaner) *comparison {
	head := *l
	head.ReportTitle = cl.Title // the running header's left side
	d := newDoc(opts.Paper, &head, clean)
	cr := startComparison(c, opts, l, cl, clean)
	cr.d, cr.out = d, &pdfOut{d}
	date := l.date(c.AsOf)
	d.header = cl.Subtitle(len(c.Sites), date)
	d.footer = cl.Title + " · " + date
	p := d.pdf
	p.SetCreationDate(c.AsOf)
	p.SetModificationDate(c.AsOf)
	p.SetTitle(cl.Title+": "+clean.line(strings.Join(cr.names, ", ")), true)
	p.SetSubject(cl.Subtitle(len(c.Sites), date), true)
	p.SetAuthor("Engage", true)
	p.SetCreator("Engage", true)
	p.SetProducer("Engage", true)
	p.SetLang(l.LangTag)
	return cr
}

// write lays out every part.
func (cr *comparison) write() {
	cr.cover()
	cr.out.contents(cr.l.Contents)
	cr.keyIssues()
	cr.verification()
	cr.sharedBarriers()
	cr.mapping()
	cr.actionPlans()
	cr.context()
}

func (cr *comparison) num(v float64, prec int) string { return cr.l.num(v, prec) }

// inLang marks s as written in lang when that is not the comparison's
// language, in the HTML edition ([report.inLang]).
func (cr *comparison) inLang(s, lang string) string {
	if cr.html == nil || lang == "" || sameLang(lang, cr.lang) {
		return s
	}
	return markLang(s, lang)
}

// qText marks a text taken from the sites' questionnaires, which are in
// the comparison's own language.
func (cr *comparison) qText(s string) string { return cr.inLang(s, cr.c.Lang) }

// questionnaireName is a questionnaire's id and version, as a reader can
// tell them apart.
func (cr *comparison) questionnaireName(q *questionnaire.Questionnaire) string {
	return cr.clean.line(q.ID) + " " + cr.clean.line(q.Version)
}

// cover writes the first page: what is compared, the sites, and how to
// read the report.
func (cr *comparison) cover() {
	d, c, l, cl := cr.out, cr.c, cr.l, cr.cl
	d.title(titleBlock{kicker: cl.Kicker, title: cl.Title, subtitle: cl.Subtitle(len(c.Sites), l.date(c.AsOf)), compare: true})

	d.heading(h3, cl.Basis, 15)
	cr.basis()
	d.heading(h3, cl.HowToRead, 15)
	order := cl.ReadOrder
	if c.ByName {
		order = cl.ReadOrderAll
	}
	for _, s := range []string{order, cl.ReadMeans, cl.ReadSpread, cl.ReadAnonymity} {
		d.para(s, small)
	}

	d.heading(h2, cl.SitesCompared, 20)
	rows := make([]tableRow, 0, len(c.Sites))
	drafts := false
	for i := range c.Sites {
		s := &c.Sites[i]
		a := s.Current()
		org := cr.clean.line(s.Organisation)
		if s.Area != "" {
			org += "\n" + cr.clean.line(s.Area)
		}
		partnership := cr.clean.line(a.Partnership)
		if a.Partnership == "" {
			partnership = l.NoPartnership
		}
		when := l.isoDate(a.Started)
		if a.Completed != "" {
			when += " –\n" + l.isoDate(a.Completed)
		} else {
			when += "\n" + cl.Draft
			drafts = true
		}
		if a.Title != "" {
			when = cr.clean.line(a.Title) + "\n" + when
		}
		// The questionnaire each site used is said under "What is
		// compared".
		rows = append(rows, tableRow{cells: []string{cr.names[i], org, partnership, when, cl.People2(a.Insiders, a.Outsiders)}})
	}
	d.table(table{cols: []column{
		{title: cl.Site, w: 34, style: "B"},
		{title: cl.Organisation},
		{title: cl.Partnership},
		{title: cl.Assessment, w: 36},
		{title: cl.People, w: 24, align: "R"},
	}, rows: rows, size: sizeSmall, caption: cl.SitesCompared})
	if drafts {
		d.para(cl.DraftNote, note)
	}
}

// basis says what the sites' questionnaires let them be compared on.
func (cr *comparison) basis() {
	d, b, cl := cr.out, cr.c.Basis, cr.cl
	issues := func(is []compare.Issue) string {
		var out []string
		for _, i := range is {
			out = append(out, "“"+cr.qText(cr.clean.line(i.Title))+"”")
		}
		return joinList(out)
	}
	var qs []string
	for _, u := range b.Questionnaires {
		qs = append(qs, cr.questionnaireName(u.Questionnaire))
	}
	switch {
	case b.Level == compare.LevelStatements && !b.Mixed():
		d.para(cl.SameQ(cr.clean.line(cr.questionnaireName(b.Questionnaires[0].Questionnaire)), len(cr.c.Sites)), body)
		return
	case b.Level == compare.LevelStatements:
		d.para(cl.SameStructure(joinList(qs)), body)
		return
	}
	d.para(cl.MixedIntro(len(b.Questionnaires)), strong)
	var used []string
	for _, u := range b.Questionnaires {
		var sites []string
		for _, i := range u.Sites {
			sites = append(sites, cr.names[i])
		}
		used = append(used, cl.UsedBy(cr.questionnaireName(u.Questionnaire), joinList(sites)))
	}
	d.plainList(used)
	d.gap(1.5)
	switch b.Level {
	case compare.LevelKeyIssues:
		d.para(cl.ComparedOn(issues(b.Issues)), strong)
		if len(b.NotCompared) > 0 {
			d.para(cl.NotComparedOn(issues(b.NotCompared)), body)
		}
		d.para(cl.OwnMeans, body)
	default:
		if b.ScalesDiffer {
			d.para(cl.ScalesDiffer, strong)
		}
		d.para(cl.NothingShared, strong)
		d.para(cl.OnlySameQ, body)
	}
	if b.BandsDiffer {
		d.para(cl.BandsDiffer, body)
	}
}

// context writes each site's context note.
func (cr *comparison) context() {
	d := cr.out
	d.heading(h1, cr.cl.Context, 30)
	for i := range cr.c.Sites {
		s := &cr.c.Sites[i]
		d.heading(h3, cr.names[i], 14)
		org := cr.clean.line(s.Organisation)
		if s.Area != "" {
			org += " · " + cr.clean.line(s.Area)
		}
		d.para(org, note)
		if strings.TrimSpace(s.Context) == "" {
			d.para(cr.cl.NoContext, note)
			continue
		}
		d.para(cr.inLang(cr.clean.block(s.Context), s.Language), small)
	}
}
