// Package report renders Engage's reports, the barrier report of one
// site's assessment ([Site]) and the comparison of several sites
// ([Compare]), in two editions: a PDF to print and hand out, and one
// self-contained HTML page, the accessible edition ([Options].Format).
//
// # The site report
//
// [Load] reads an assessment and, when the site assessed the same
// partnership before, its earlier round ([workbook.Reader.EarlierRound]),
// whose changes [analysis.CompareRounds] works out. [Site] writes
// the report to any writer; [WriteFile] writes it to a file through a
// temporary file in the same folder, so that a report is never left half
// written. The parts follow the five steps: cover, plain-language summary,
// mapping, selection, the workbook and its verification (charts of insider
// and outsider means with the bands shaded, every score as a dot with the
// mean), barriers and action plan, an appendix with every statement's
// figures and comments, and "what changed" since the earlier assessment.
// An assessment with no responses gets a report that says so instead of
// empty charts; [Result].Missing lists what it lacks.
//
// # One content, two editions
//
// The section code (cover.go, workbook.go, barriers.go, mapping.go,
// appendix.go, changes.go, comparison*.go) works out what the report says
// and formats every figure once, then hands it to a sink (sink.go):
// headings, paragraphs, lists, tables, the appendix's statements, and
// charts described as data (rows, dots, means, spreads, the scale and its
// bands). The PDF edition (pdf.go, charts.go) sets it on pages with doc
// (layout.go, table.go); the HTML edition (htmlout.go, htmlsvg.go) writes
// elements and inline SVG. So the two editions carry the same words and the
// same figures; a test reads both and compares them.
//
// The HTML edition is built for WCAG 2.2 AA: the document's lang, and a
// lang on passages in another language (a statement the questionnaire has
// only in English, Italian comments in an English report); one h1 and a
// heading outline one level under the PDF's, never skipping a level; a
// contents list; tables with a caption and header cells scoped to their
// column or row; every chart an SVG image (role img, a title and a
// description of what it shows, the scale and the bands in words) followed
// by a table of its figures; text colours of 4.5:1 or more; a layout that
// reflows from 320 CSS pixels (wide tables and charts scroll in their own
// labelled, focusable region) and a print stylesheet for an A4 or Letter
// copy. All text from data is escaped, after the rule of every output
// (textsafe); the page has no script and fetches nothing.
// internal/a11ytest checks its structure and, in Chromium, runs axe-core.
//
// # Anonymity
//
// Comments are signed by their author's attribution category among the
// people who took part ([analysis.Attribute]): a role level of three or
// more, smaller levels merged ("Insiders: senior staff and middle
// managers"), or "a participant" when insiders or outsiders are one or two;
// names appear only with [Options].Names. Every figure comes from
// [analysis.Analyse], which applies the one disclosure rule: no figure for
// fewer than three people, a group of three or more always shown, and
// everyone's figure withheld where it would give a group of one or two
// away by subtraction. Figures are printed through analysis's rounding
// ([analysis.ShownMean], [analysis.ShownGapFigures]) and say whose they
// are.
//
// # Typesetting (PDF)
//
// Pages are set with codeberg.org/go-pdf/fpdf in the Go fonts (regular,
// bold, italic), A4 or US Letter, with "Page X of Y" and a footer of site
// and date. Headings keep with what follows them, tables and charts split
// across pages with their header repeated and never leave a lone first or
// last row, and long texts wrap. Charts are vectors in Okabe and Ito's
// colour-blind-safe palette, and use shapes and labels as well as colour so
// that they read in greyscale. Characters the fonts cannot draw (emoji,
// scripts beyond Latin, Greek and Cyrillic) become a visible [Marker].
//
// # Reading the PDF
//
// Body text is 10.5 pt, notes and table cells 9.5 pt, the figures in
// charts and dense tables 9 pt; only a chart's scale numbers (8.5 pt) and
// the running header and footer (8 pt) are smaller. Every text colour has
// a contrast of at least 4.5:1 on each background it is set on (WCAG 2.2
// AA; the tests check every pair drawn). A contents page after the cover
// lists the parts and sections with their pages, each entry a link; the
// bookmarks nest parts, sections and sub-sections (a key issue's charts,
// a site); the viewer's title bar shows the report's title, and the
// document's language is set.
//
// fpdf cannot write a tagged PDF (a structure tree with headings, tables
// and alternative text for the charts), so a screen reader reads these
// PDFs as untagged text, and charts as loose words. The HTML edition of
// each report is the accessible one.
//
// # Languages and determinism
//
// Every heading and label exists in English and Italian; the report is in
// the assessment's language unless [Options].Lang says otherwise. The same
// data and options always give the same bytes, in either edition: the
// PDF's dates are the latest time recorded in the data and its catalogue is
// sorted.
package report
