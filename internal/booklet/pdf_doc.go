package booklet

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// The colours. Every text colour has a contrast of 4.5:1 or more on white
// (ink 17.4:1, muted 8.5:1, accent 5.1:1).
var (
	ink    = rgb{26, 26, 26}
	muted  = rgb{77, 77, 77}
	accent = rgb{0, 114, 178} // Okabe and Ito's blue
	rule   = rgb{120, 120, 120}
	pale   = rgb{238, 243, 248}
	white  = rgb{255, 255, 255}
)

// ptMM is one point in millimetres.
const ptMM = 25.4 / 72

// sizes are the type sizes (points) and measures (millimetres) of one
// print: normal or large.
type sizes struct {
	body, help, statement, label, furniture, h1, h2, big float64
	box                                                  float64 // a tick box's side
	commentLines                                         int
	commentGap                                           float64 // between the comment's ruled lines
	margin, top, bottom                                  float64
}

// normalPrint has body text at 11 pt and nothing under 10.5 pt.
var normalPrint = sizes{body: 11, help: 10.5, statement: 12.5, label: 10.5, furniture: 10.5, h1: 22, h2: 15, big: 26,
	box: 7, commentLines: 2, commentGap: 7.5, margin: 18, top: 24, bottom: 20}

// largePrint has nothing under 16 pt.
var largePrint = sizes{body: 16, help: 16, statement: 17, label: 16, furniture: 16, h1: 28, h2: 21, big: 32,
	box: 10, commentLines: 2, commentGap: 9.5, margin: 16, top: 26, bottom: 21}

// line is the height of a line of text set at pt points: 1.32 times the
// size, 1.25 times from 16 pt (large type needs less leading).
func line(pt float64) float64 {
	if pt >= 16 {
		return pt * ptMM * 1.25
	}
	return pt * ptMM * 1.32
}

// doc is a PDF being written, with the text cleaner and the sizes.
type doc struct {
	pdf   *fpdf.Fpdf
	clean *pdffont.Cleaner
	sz    sizes
	w, h  float64
	// What was used, for the tests of type sizes, contrast and boxes:
	// every size text was set in, every text colour, the smallest box.
	used struct {
		sizes   map[float64]bool
		colours map[rgb]bool
		minBox  float64
	}
}

// newPDF checks in and opts and fills in the defaults ([prepare]), then
// starts the PDF of a booklet or the guide on opts' paper, in its print
// (normal or large).
func newPDF(in Input, opts *Options) (*i18n.Lang, *doc, error) {
	l, err := prepare(in, opts)
	if err != nil {
		return nil, nil, err
	}
	cov, err := pdffont.Covered()
	if err != nil {
		return nil, nil, err
	}
	sz := normalPrint
	if opts.LargePrint {
		sz = largePrint
	}
	return l, newDoc(opts.Paper, sz, cov), nil
}

// newDoc starts a PDF on paper, set in sz, drawing the characters of cov.
func newDoc(paper string, sz sizes, cov *pdffont.Coverage) *doc {
	pdf := pdffont.New(paper)
	pdf.SetMargins(sz.margin, sz.top, sz.margin)
	pdf.SetAutoPageBreak(false, sz.bottom)
	d := &doc{pdf: pdf, clean: &pdffont.Cleaner{Cov: cov}, sz: sz}
	d.w, d.h = pdf.GetPageSize()
	d.used.sizes, d.used.colours = map[float64]bool{}, map[rgb]bool{}
	return d
}

// meta sets the document's date (creation and change: from the data, so
// that the same data gives the same bytes), title, subject, author and
// language.
func (d *doc) meta(when time.Time, title, subject, author, lang string) {
	p := d.pdf
	p.SetCreationDate(when)
	p.SetModificationDate(when)
	p.SetTitle(title, true)
	p.SetSubject(subject, true)
	p.SetAuthor(author, true)
	p.SetCreator("Engage", true)
	p.SetProducer("Engage", true)
	p.SetLang(lang)
	p.SetDisplayMode("fullpage", "single")
}

// output writes the PDF to w.
func (d *doc) output(w io.Writer) (Result, error) {
	if err := d.pdf.Error(); err != nil {
		return Result{}, fmt.Errorf("booklet: %w", err)
	}
	pages := d.pdf.PageCount()
	if err := d.pdf.Output(w); err != nil {
		return Result{}, fmt.Errorf("booklet: write the PDF: %w", err)
	}
	return Result{Pages: pages, Markers: d.clean.Markers}, nil
}

func (d *doc) left() float64   { return d.sz.margin }
func (d *doc) width() float64  { return d.w - 2*d.sz.margin }
func (d *doc) bottom() float64 { return d.h - d.sz.bottom }

func (d *doc) font(style string, size float64) { d.pdf.SetFont(pdffont.Family, style, size) }
func (d *doc) textColor(c rgb)                 { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fillColor(c rgb)                 { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) drawColor(c rgb)                 { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// wrap splits clean text into lines no wider than w in the given font
// ([pdffont.Wrap]).
func (d *doc) wrap(s string, w float64, style string, size float64) []string {
	d.font(style, size)
	return pdffont.Wrap(d.pdf, s, w)
}

// fit shortens clean text with an ellipsis until it fits w in the given
// font ([pdffont.Fit]).
func (d *doc) fit(s string, w float64, style string, size float64) string {
	d.font(style, size)
	return pdffont.Fit(d.pdf, s, w)
}

// cell writes one line of clean text with its line box's top at y.
func (d *doc) cell(x, y, w float64, s string, style string, size float64, c rgb, align string) {
	d.font(style, size)
	d.textColor(c)
	if s != "" {
		d.used.sizes[size], d.used.colours[c] = true, true
	}
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, line(size), s, "", 0, align, false, 0, "")
}

// para is a wrapped paragraph as a part of a page.
type para struct {
	lines  []string
	x, w   float64
	style  string
	size   float64
	color  rgb
	after  float64
	indent float64 // of the lines after a bullet
	bullet string
}

// newPara wraps clean text s into a paragraph of width w at x.
func (d *doc) newPara(s string, x, w float64, style string, size float64, c rgb, after float64) para {
	return para{lines: d.wrap(s, w, style, size), x: x, w: w, style: style, size: size, color: c, after: after}
}

// newBullet is a paragraph with a bullet in front of its first line.
func (d *doc) newBullet(s string, x, w float64, size float64, after float64) para {
	ind := size * ptMM * 1.4
	p := d.newPara(s, x+ind, w-ind, "", size, ink, after)
	p.bullet, p.indent = "•", ind
	return p
}

func (p para) height() float64 { return float64(len(p.lines))*line(p.size) + p.after }

func (d *doc) drawPara(p para, y float64) {
	if p.bullet != "" {
		d.cell(p.x-p.indent, y, p.indent, p.bullet, "B", p.size, accent, "L")
	}
	for i, s := range p.lines {
		d.cell(p.x, y+float64(i)*line(p.size), p.w, s, p.style, p.size, p.color, "L")
	}
}

// part is a piece of a page: its height and how to draw it with its top
// at y.
type part struct {
	h    float64
	draw func(y float64)
}

// group is parts that stay on one page when they fit on one: a statement
// with its boxes, a heading with what follows it.
type group struct {
	parts []part
	// newPage starts the group on a new page.
	newPage bool
	// keepNext keeps the group on the page of the next one (a heading).
	keepNext bool
}

func (g group) height() float64 {
	h := 0.0
	for _, p := range g.parts {
		h += p.h
	}
	return h
}

// placed is a part with its place on a page.
type placed struct {
	y    float64
	draw func(y float64)
}

// paginate lays groups out on pages from top to bottom (millimetres from
// the top of a page): a group goes on the next page unless it fits below
// what is there, and a group taller than a page flows across pages part
// by part, so that nothing is ever lost.
func paginate(groups []group, top, bottom float64) [][]placed {
	pages := [][]placed{nil}
	y := top
	newPage := func() {
		pages = append(pages, nil)
		y = top
	}
	for i, g := range groups {
		need := g.height()
		if g.keepNext && i+1 < len(groups) {
			need += groups[i+1].height()
		}
		empty := y <= top
		switch {
		case g.newPage && !empty:
			newPage()
		case y+need > bottom && !empty && need <= bottom-top:
			newPage()
		case y+g.height() > bottom && !empty:
			newPage()
		}
		for _, p := range g.parts {
			if y+p.h > bottom && y > top {
				newPage()
			}
			pages[len(pages)-1] = append(pages[len(pages)-1], placed{y: y, draw: p.draw})
			y += p.h
		}
	}
	return pages
}
