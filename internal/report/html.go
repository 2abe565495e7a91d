package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/pdffont"
)

// newHTMLReport starts the HTML edition of a report: the same sections,
// through the same code, as the PDF.
func newHTMLReport(in Input, opts Options, l *labels) *report {
	c := &cleaner{screen: true}
	r := startReport(in, opts, l, c)
	site := c.line(in.Data.Site.Name)
	date := r.reportDate()
	if in.Data.Assessment.Completed == "" {
		date = l.Draft + " · " + date
	}
	r.html = newHTMLOut(r.hl, l.LangTag, l.ReportTitle+": "+site, site+" · "+date)
	r.html.paper, r.html.asOf = opts.Paper, l.dateTime(r.asOf)
	r.out = r.html
	return r
}

// outputHTML writes the HTML edition laid out to w.
func (r *report) outputHTML(w io.Writer) (Result, error) {
	if err := r.html.writeTo(w); err != nil {
		return Result{}, fmt.Errorf("report: write the HTML: %w", err)
	}
	return Result{Missing: r.missing, Markers: r.clean.markers, TextWarnings: analysis.FreeTextWarnings(r.data)}, nil
}

// newHTMLComparison starts the HTML edition of a comparison.
func newHTMLComparison(c *compare.Comparison, opts CompareOptions, l *labels, cl *cmpLabels) *comparison {
	clean := &cleaner{screen: true}
	cr := startComparison(c, opts, l, cl, clean)
	date := l.date(c.AsOf)
	cr.html = newHTMLOut(cr.hl, l.LangTag, cl.Title+": "+strings.Join(cr.names, ", "), cl.Title+" · "+date)
	cr.html.paper, cr.html.asOf = opts.Paper, l.dateTime(c.AsOf)
	cr.out = cr.html
	return cr
}

// outputHTML writes the HTML edition laid out to w.
func (cr *comparison) outputHTML(w io.Writer) (Result, error) {
	if err := cr.html.writeTo(w); err != nil {
		return Result{}, fmt.Errorf("report: write the HTML: %w", err)
	}
	return Result{Markers: cr.clean.markers}, nil
}

// writeTo writes the whole document: the title, the contents list, the
// content and the footer, with its stylesheet for the screen and for an A4
// or Letter page.
func (h *htmlOut) writeTo(w io.Writer) error {
	b := bufio.NewWriter(w)
	page := "A4"
	if h.paper == pdffont.PaperLetter {
		page = "letter"
	}
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", attr(h.lang))
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	b.WriteString(`<meta name="generator" content="Engage">` + "\n")
	fmt.Fprintf(b, "<title>%s</title>\n<style>\n%s@page { size: %s; margin: 16mm 15mm 18mm; }\n</style>\n</head>\n<body>\n", esc(stripLang(h.docTitle)), stylesheet, page)
	b.WriteString(h.head.String())
	b.WriteString("<main>\n")
	body := h.body.String()
	b.WriteString(body[:h.coverEnd])
	h.writeContents(b)
	b.WriteString(body[h.coverEnd:])
	b.WriteString("</main>\n<footer>\n")
	fmt.Fprintf(b, "<p>%s</p>\n<p>%s</p>\n", esc(h.footer), esc(h.hl.PageFooter(h.asOf)))
	b.WriteString("</footer>\n</body>\n</html>\n")
	return b.Flush()
}

// writeContents writes the contents list: the parts, each with its
// sections, linked to their headings.
func (h *htmlOut) writeContents(b *bufio.Writer) {
	if len(h.toc) == 0 {
		return
	}
	fmt.Fprintf(b, "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">%s</h2>\n<ol>\n", esc(h.contentsTitle))
	inPart := false // a part's list of sections is open
	for i, e := range h.toc {
		link := fmt.Sprintf(`<a href="#%s">%s</a>`, e.id, esc(e.text))
		if e.level == h1 || !inPart {
			if inPart {
				b.WriteString("</ol></li>\n")
				inPart = false
			}
			b.WriteString("<li>" + link)
			if e.level == h1 && i+1 < len(h.toc) && h.toc[i+1].level > h1 {
				b.WriteString("\n<ol>\n")
				inPart = true
				continue
			}
			b.WriteString("</li>\n")
			continue
		}
		b.WriteString("<li>" + link + "</li>\n")
	}
	if inPart {
		b.WriteString("</ol></li>\n")
	}
	b.WriteString("</ol>\n</nav>\n")
}
