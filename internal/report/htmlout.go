package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/engage-toolkit/engage/internal/textsafe"
)

// htmlOut is the HTML edition of a report: the section code's content as
// one self-contained, accessible HTML document. Headings follow the PDF's
// outline one level down (the title is the one h1) and never skip a level;
// every table has a caption and scoped header cells; every chart is an
// inline SVG with a text alternative, followed by a table of its figures.
// All text is escaped here, and nothing but the sink writes markup.
type htmlOut struct {
	hl *htmlLabels
	// lang is the document's language; docTitle its title; footer the
	// line that closes it (site and date); paper the page its print
	// stylesheet asks for; asOf the time its data stands at.
	lang, docTitle, footer, paper, asOf string

	head, body strings.Builder
	// open holds the PDF levels of the headings open above the cursor,
	// so that a heading's HTML level is one more than the number of
	// headings it is under.
	open []int
	// openText are the texts of the headings in open.
	openText []string
	toc      []tocEntry
	// lastHeading is the text of the latest heading: the caption of a
	// table that has none of its own.
	lastHeading string
	ids         int
	// coverEnd is where the cover ends in body: the contents list goes
	// there, before the first part, under contentsTitle.
	coverEnd      int
	contentsTitle string
}

// tocEntry is one line of the contents list.
type tocEntry struct {
	level    int // the PDF's: 1 a part, 2 a section
	id, text string
}

func newHTMLOut(hl *htmlLabels, lang, docTitle, footer string) *htmlOut {
	return &htmlOut{hl: hl, lang: lang, docTitle: docTitle, footer: footer}
}

// id returns a new element id with the given prefix.
func (h *htmlOut) id(prefix string) string {
	h.ids++
	return fmt.Sprintf("%s%d", prefix, h.ids)
}

// esc escapes text for an element's content: the rule of every output
// (textsafe: no control or bidi formatting characters) first, then the
// markup characters; a passage marked as in another language becomes a
// span with its lang, and a line break a <br>.
func esc(s string) string {
	s = textsafe.Block(s)
	var b strings.Builder
	for s != "" {
		i := strings.Index(s, langOpen)
		if i < 0 {
			b.WriteString(escText(s))
			break
		}
		b.WriteString(escText(s[:i]))
		s = s[i+len(langOpen):]
		j, k := strings.Index(s, langSep), strings.Index(s, langClose)
		switch {
		case j >= 0 && k < 0:
			s = s[j+len(langSep):] // a mark without its end: keep the text
			continue
		case j < 0 || k < j:
			continue // a broken mark: drop it, keep the text
		}
		tag, text := s[:j], s[j+len(langSep):k]
		s = s[k+len(langClose):]
		if !validTag(tag) {
			b.WriteString(escText(text))
			continue
		}
		b.WriteString(`<span lang="` + tag + `">` + escText(text) + `</span>`)
	}
	return b.String()
}

// escText escapes plain text, with line breaks as <br>.
func escText(s string) string {
	s = strings.ReplaceAll(s, langClose, "")
	s = strings.ReplaceAll(s, langSep, "")
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

// attr escapes text for an attribute's value: one line, no marks.
func attr(s string) string { return html.EscapeString(textsafe.Line(stripLang(s))) }

// validTag reports whether s looks like a BCP 47 tag: letters, digits and
// hyphens, starting with a letter.
func validTag(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && (r >= '0' && r <= '9' || r == '-'):
		default:
			return false
		}
	}
	return true
}

func (h *htmlOut) w(parts ...string) {
	for _, p := range parts {
		h.body.WriteString(p)
	}
}

// title writes the document's title block, with its one h1.
func (h *htmlOut) title(t titleBlock) {
	b := &h.head
	b.WriteString(`<header class="cover">` + "\n")
	b.WriteString(`<p class="kicker">` + esc(t.kicker) + "</p>\n")
	b.WriteString("<h1>" + esc(t.title) + "</h1>\n")
	if t.compare {
		b.WriteString(`<p class="subtitle">` + esc(t.subtitle) + "</p>\n")
	} else {
		b.WriteString(`<p class="site">` + esc(t.site) + "</p>\n")
		b.WriteString(`<p class="subtitle">` + esc(t.org) + "</p>\n")
		if t.draft != "" {
			b.WriteString(`<p class="draft">` + esc(t.draft) + "</p>\n")
		}
	}
	b.WriteString("</header>\n")
}

// level is the HTML level of a heading at the PDF's level: one under the
// headings it is under, below the title's h1.
func (h *htmlOut) level(pdfLevel int, text string) int {
	for len(h.open) > 0 && h.open[len(h.open)-1] >= pdfLevel {
		h.open, h.openText = h.open[:len(h.open)-1], h.openText[:len(h.openText)-1]
	}
	h.open, h.openText = append(h.open, pdfLevel), append(h.openText, text)
	return min(len(h.open)+1, 6)
}

// figureTitle names a chart by the headings it is under, from its
// section down ("Key issue 2. ...: Insiders and outsiders"), so that no two
// charts have the same name.
func (h *htmlOut) figureTitle() string {
	var parts []string
	for i, l := range h.open {
		if l > h1 {
			parts = append(parts, h.openText[i])
		}
	}
	if len(parts) == 0 {
		return h.lastHeading
	}
	return strings.Join(parts, ": ")
}

func (h *htmlOut) heading(level int, text string, _ float64) {
	id := h.id("s")
	n := h.level(level, text)
	class := ""
	if level == h1 {
		class = ` class="part"`
	}
	if level <= h2 {
		h.toc = append(h.toc, tocEntry{level: level, id: id, text: text})
	}
	h.lastHeading = text
	h.w(fmt.Sprintf("<h%d id=\"%s\"%s>", n, id, class), esc(text), fmt.Sprintf("</h%d>\n", n))
}

// paraClass is the class of a paragraph set in st.
func paraClass(st style) string {
	switch {
	case st.font == "I":
		return "note"
	case st.indent > 0:
		return "indent"
	case st.size < sizeBody:
		return "small"
	}
	return ""
}

func (h *htmlOut) para(text string, st style) {
	if strings.TrimSpace(stripLang(text)) == "" {
		return
	}
	open, close := "<p>", "</p>\n"
	if c := paraClass(st); c != "" {
		open = `<p class="` + c + `">`
	}
	if strings.Contains(st.font, "B") {
		open, close = open+"<strong>", "</strong>"+close
	}
	h.w(open, esc(text), close)
}

func (h *htmlOut) bullets(head string, items []string) {
	if head != "" {
		h.w(`<p class="list-head"><strong>`, esc(head), "</strong></p>\n")
	}
	if len(items) == 0 {
		return
	}
	h.w("<ul>\n")
	for _, s := range items {
		h.w("<li>", esc(s), "</li>\n")
	}
	h.w("</ul>\n")
}

func (h *htmlOut) plainList(items []string) { h.bullets("", items) }

func (h *htmlOut) key(codes, texts []string) {
	h.w(`<dl class="key">` + "\n")
	for i, c := range codes {
		h.w("<div><dt>", esc(c), "</dt><dd>", esc(texts[i]), "</dd></div>\n")
	}
	h.w("</dl>\n")
}

// wideTable is the number of columns from which a table sits in a region
// that scrolls sideways on a narrow screen (a phone, or a window zoomed to
// 200%), rather than squeezing its columns below a word's width; the
// region can be scrolled from the keyboard, and a screen reader names it
// by the table's caption.
const wideTable = 3

// table writes t as a table with a caption, header cells scoped to their
// column and, in each row, the cell that names it scoped to the row.
func (h *htmlOut) table(t table) {
	caption, capClass := h.caption(t.caption)
	capID := h.id("t")
	wide := len(t.cols) >= wideTable
	if wide {
		h.w(`<div class="scroll" role="region" tabindex="0" aria-labelledby="`, capID, `">`+"\n")
	}
	class := ""
	if t.noHead {
		class = ` class="pairs"`
	}
	h.w("<table", class, ">\n", `<caption id="`, capID, `"`, capClass, ">", esc(caption), "</caption>\n")
	if !t.noHead {
		h.w("<thead><tr>")
		for _, c := range t.cols {
			if strings.TrimSpace(c.title) == "" {
				if c.bars != nil {
					h.w(`<td class="barcell"></td>`)
				} else {
					h.w("<td></td>")
				}
				continue
			}
			h.w(`<th scope="col"`, classAttr(alignClass(c.align)), ">", esc(c.title), "</th>")
		}
		h.w("</tr></thead>\n")
	}
	h.w("<tbody>\n")
	rowHead := max(t.rowHeader-1, 0)
	for i, r := range t.rows {
		if r.bold {
			h.w(`<tr class="total">`)
		} else {
			h.w("<tr>")
		}
		for k, c := range t.cols {
			if r.span > 0 && k > r.span {
				break
			}
			text := ""
			if k < len(r.cells) {
				text = r.cells[k]
			}
			cell := esc(text)
			if r.em == k+1 {
				cell = "<strong>" + cell + "</strong>"
			}
			if c.bars != nil && i < len(c.bars) {
				cell += barSpan(c.bars[i])
			}
			span, classes := "", alignClass(c.align)
			if c.bars != nil {
				classes = "barcell"
			}
			if r.span > 0 && k == r.span {
				span, classes = fmt.Sprintf(` colspan="%d"`, len(t.cols)-k), ""
			}
			if k != rowHead {
				h.w("<td", classAttr(classes), span, ">", cell, "</td>")
				continue
			}
			if c.style == "B" {
				classes = strings.TrimSpace(classes + " b")
			}
			h.w(`<th scope="row"`, classAttr(classes), span, ">", cell, "</th>")
		}
		h.w("</tr>\n")
	}
	h.w("</tbody>\n</table>\n")
	if wide {
		h.w("</div>\n")
	}
}

// caption is a table's caption, the heading's text when it has none,
// and its class: the caption of a table right under a heading that says
// the same is for screen readers only, which announce it with the table.
func (h *htmlOut) caption(c string) (string, string) {
	if c == "" {
		c = h.lastHeading
	}
	if c == h.lastHeading {
		return c, ` class="sr"`
	}
	return c, ""
}

// alignClass is the class of a cell aligned as align.
func alignClass(align string) string {
	switch align {
	case "R":
		return "num"
	case "C":
		return "mid"
	}
	return ""
}

// classAttr is a class attribute, or nothing for no class.
func classAttr(classes string) string {
	if classes == "" {
		return ""
	}
	return ` class="` + classes + `"`
}

// barSpan is a bar in a table cell: a decoration beside the figures it
// draws, hidden from screen readers.
func barSpan(b barValue) string {
	if b.most <= 0 || b.count <= 0 {
		return ""
	}
	class := "bar"
	if b.hatched {
		class = "bar gap"
	}
	return fmt.Sprintf(`<span class="%s" style="width:%.1f%%" aria-hidden="true"></span>`, class, 100*float64(b.count)/float64(b.most))
}

// statement writes one statement of the appendix as a sub-section.
func (h *htmlOut) statement(b statementBlock) {
	h.w(`<section class="statement">` + "\n")
	h.heading(h3+1, b.label, 0)
	if b.flags != "" {
		h.para(b.flags, note)
	}
	h.table(b.stats)
	for _, s := range b.paras {
		h.para(s, small)
	}
	if len(b.comments) > 0 {
		h.w(`<p class="list-head"><strong>`, esc(b.commentsHead), "</strong></p>\n", `<ul class="comments">`+"\n")
		for _, c := range b.comments {
			h.w("<li>", esc(c), "</li>\n")
		}
		h.w("</ul>\n")
	}
	h.w("</section>\n")
}

// contents marks where the contents list goes: it is written with the
// document, once every heading is known.
func (h *htmlOut) contents(title string) { h.coverEnd, h.contentsTitle = h.body.Len(), title }

func (h *htmlOut) keyHeight(string, string, string) float64 { return 0 }
func (h *htmlOut) spreadKeep([]string) float64              { return 0 }
func (h *htmlOut) gap(float64)                              {}
func (h *htmlOut) ensure(float64) bool                      { return false }
func (h *htmlOut) paraHeight(string, style) float64         { return 0 }
func (h *htmlOut) width() float64                           { return 210 - 2*marginSide }
func (h *htmlOut) legendHTML(insiders, outsiders, text string) {
	h.w(`<p class="legend">`, markSVG(true), " ", esc(insiders), " ", markSVG(false), " ", esc(outsiders))
	if text != "" {
		h.w(` <span class="muted">`, esc(text), "</span>")
	}
	h.w("</p>\n")
}

func (h *htmlOut) spreadLegend(insiders, outsiders, text string) {
	h.legendHTML(insiders, outsiders, text)
}
