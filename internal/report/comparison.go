package report

import (
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/i18n"
	"io"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// CompareOptions tune a comparison report.
type CompareOptions struct {
	// Paper is PaperA4 (the default when empty) or PaperLetter.
	Paper string
	// Lang is the language of the headings, a BCP 47 tag the catalogue
	// has; empty means the comparison's own language (that of its
	// questionnaire texts).
	Lang string
	// Catalog holds the report's words; nil is [i18n.Embedded].
	Catalog *i18n.Catalog
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

// Compare writes the comparison of several sites to w as a PDF: one part
// per theme (key issues, verification, shared barriers, mapping and
// selection, context), each site side by side with the others, never
// ranked. The same comparison and options always give the same bytes.
func Compare(w io.Writer, c *compare.Comparison, opts CompareOptions) (Result, error) {
	cr, err := layOutComparison(c, opts)
	if err != nil {
		return Result{}, err
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
	if opts.Paper == "" {
		opts.Paper = PaperA4
	}
	if !slices.Contains(Papers, opts.Paper) {
		return nil, fmt.Errorf("report: unknown paper size %q (use a4 or letter)", opts.Paper)
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

// comparison is one comparison report being written.
type comparison struct {
	c     *compare.Comparison
	d     *doc
	l     *labels
	cl    *cmpLabels
	clean *cleaner
	// sh lends the site report's drawing helpers (bands, marks, fitted
	// text), which need only the document and the labels.
	sh *report
	// names are the sites' clean names, in order.
	names []string
}

func newComparison(c *compare.Comparison, opts CompareOptions, l *labels, cl *cmpLabels, clean *cleaner) *comparison {
	head := *l
	head.ReportTitle = cl.Title // the running header's left side
	d := newDoc(opts.Paper, &head, clean)
	cr := &comparison{c: c, d: d, l: l, cl: cl, clean: clean}
	cr.sh = &report{d: d, l: l, lang: opts.Lang, clean: clean}
	for _, s := range c.Sites {
		cr.names = append(cr.names, clean.line(s.Name))
	}
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
	cr.d.reserveContents(cr.l.Contents)
	cr.keyIssues()
	cr.verification()
	cr.sharedBarriers()
	cr.mapping()
	cr.actionPlans()
	cr.context()
}

func (cr *comparison) num(v float64, prec int) string { return cr.l.num(v, prec) }

// questionnaireName is a questionnaire's id and version, as a reader can
// tell them apart.
func (cr *comparison) questionnaireName(q *questionnaire.Questionnaire) string {
	return cr.clean.line(q.ID) + " " + cr.clean.line(q.Version)
}

// cover writes the first page: what is compared, the sites, and how to
// read the report.
func (cr *comparison) cover() {
	d, c, l, cl := cr.d, cr.c, cr.l, cr.cl
	d.addPage()
	d.fill(0, 0, d.w, 9, blue)
	d.setY(30)
	d.font("B", sizeSmall)
	d.textColor(blue)
	d.text(d.left(), d.y(), d.width(), 5, strings.ToUpper(cl.Kicker), "L")
	d.setY(d.y() + 7)
	d.bookmark(h1, cl.Title, 0)
	d.para(cl.Title, style{font: "B", size: 26, line: 11, color: ink, after: 2})
	d.para(cl.Subtitle(len(c.Sites), l.date(c.AsOf)), style{size: 12, line: 6, color: muted, after: 6})

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
	}, rows: rows, size: sizeSmall})
	if drafts {
		d.para(cl.DraftNote, note)
	}
}

// basis says what the sites' questionnaires let them be compared on.
func (cr *comparison) basis() {
	d, b, cl := cr.d, cr.c.Basis, cr.cl
	issues := func(is []compare.Issue) string {
		var out []string
		for _, i := range is {
			out = append(out, "“"+cr.clean.line(i.Title)+"”")
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
	for _, u := range b.Questionnaires {
		var sites []string
		for _, i := range u.Sites {
			sites = append(sites, cr.names[i])
		}
		d.para("• "+cl.UsedBy(cr.questionnaireName(u.Questionnaire), joinList(sites)), style{size: sizeBody, line: lineBody, color: ink, indent: 4, after: 1})
	}
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
	d := cr.d
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
		d.para(cr.clean.block(s.Context), small)
	}
}
