package report

import (
	"bytes"
	"io"
)

// The outline (bookmarks): parts, their sections and sub-sections.
//
// fpdf nests outline items but writes /Count 0 on every one, also on an
// item with children, where PDF 32000-1 (12.3.3, table 153) wants the
// number of its open descendants, or that number negated for a closed
// item: pdfcpu's strict validation rejects such a file ("Count must be
// nonzero"), and readers guess whether the item is open. So the document
// keeps the levels of its outline items, and [finishPDF] gives each item
// with children its /Count (the report's parts open, their sections
// closed) and the outline's root its total.

// bookmark adds an outline item for a heading of the given level (h1,
// h2, h3) with text at y on the current page: under the last heading of a
// higher level since the last h1, or at the top. A sub-section with no
// section above it (on the cover, or straight under a part) goes under the
// part, never under a sub-section before it.
func (d *doc) bookmark(heading int, text string, y float64) {
	level := 0
	for above := heading - 1; above >= h1; above-- {
		if l := d.open[above-1]; l >= 0 {
			level = l + 1
			break
		}
	}
	d.open[heading-1] = level
	for below := heading + 1; below <= h3; below++ {
		d.open[below-1] = -1
	}
	d.outline = append(d.outline, level)
	d.pdf.Bookmark(text, level, y)
}

// output writes the document to w, finished by [finishPDF].
func (d *doc) output(w io.Writer) error {
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return err
	}
	pdf, err := finishPDF(buf.Bytes(), d.outline)
	if err != nil {
		return err
	}
	_, err = w.Write(pdf)
	return err
}

// outlineCounts returns the /Count of each outline item, whose levels are
// given in order, and of the outline's root: top-level items are open,
// every other item with children closed. An item without children has
// none (0).
func outlineCounts(levels []int) (items []int, root int) {
	items = make([]int, len(levels))
	for i, l := range levels {
		children := 0
		for _, m := range levels[i+1:] {
			if m <= l {
				break
			}
			if m == l+1 {
				children++
			}
		}
		if l > 0 {
			children = -children // closed
		}
		items[i] = children
		if l == 0 {
			root += 1 + children
		}
	}
	return items, root
}
