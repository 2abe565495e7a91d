package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// The outline (bookmarks) and the catalogue's viewer preferences.
//
// fpdf nests outline items but writes /Count 0 on every one, also on an
// item with children, where PDF 32000-1 (12.3.3, table 153) wants the
// number of its open descendants, or that number negated for a closed
// item: pdfcpu's strict validation rejects such a file ("Count must be
// nonzero"), and readers guess whether the item is open. fpdf has no way
// to write /ViewerPreferences either. So the document keeps the levels
// of its outline items, and [finishPDF] rewrites the few objects concerned
// in the file fpdf wrote: each item with children gets its /Count (the
// report's parts open, their sections closed), the outline's root its
// total, and the catalogue /ViewerPreferences <</DisplayDocTitle true>>,
// so that a reader's title bar shows the report's title instead of its
// file name.

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

// errPDFShape is returned when the PDF fpdf wrote is not laid out as
// [finishPDF] expects: a classic cross-reference table, one object at each
// offset, the catalogue with its outline.
var errPDFShape = errors.New("report: the PDF is not laid out as expected")

var (
	startXRef   = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	xrefHead    = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	trailerRoot = regexp.MustCompile(`/Root (\d+) 0 R`)
	outlinesRef = regexp.MustCompile(`\n/Outlines (\d+) 0 R\n`)
)

// finishPDF rewrites the PDF fpdf wrote (raw) with what fpdf cannot write:
// the /Count of the outline items with children and of the outline's root,
// for the outline items of the given levels, and the catalogue's viewer
// preferences; the header says PDF 1.4, the version those and /Lang
// need. Every other object is copied as it is, and the cross-reference
// table is written anew.
func finishPDF(raw []byte, levels []int) ([]byte, error) {
	m := startXRef.FindSubmatchIndex(raw)
	if m == nil {
		return nil, fmt.Errorf("%w: no startxref", errPDFShape)
	}
	xrefAt, _ := strconv.Atoi(string(raw[m[2]:m[3]]))
	if xrefAt <= 0 || xrefAt >= len(raw) {
		return nil, fmt.Errorf("%w: startxref %d", errPDFShape, xrefAt)
	}
	h := xrefHead.FindSubmatch(raw[xrefAt:])
	if h == nil {
		return nil, fmt.Errorf("%w: no cross-reference table", errPDFShape)
	}
	size, _ := strconv.Atoi(string(h[1]))
	const entry = 20 // "0000000123 00000 n \n"
	table := xrefAt + len(h[0])
	trailer := table + size*entry
	if size < 2 || trailer > len(raw) || !bytes.HasPrefix(raw[trailer:], []byte("trailer\n")) {
		return nil, fmt.Errorf("%w: cross-reference table of %d entries", errPDFShape, size)
	}
	// The objects, by number, and the order they come in.
	offsets := make([]int, size)
	for i := 1; i < size; i++ {
		e := raw[table+i*entry : table+(i+1)*entry]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || e[17] != 'n' || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("%w: cross-reference entry %d %q", errPDFShape, i, e)
		}
		offsets[i] = off
	}
	order := make([]int, 0, size-1)
	for i := 1; i < size; i++ {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	objs := make([][]byte, size)
	for k, i := range order {
		end := xrefAt
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		objs[i] = raw[offsets[i]:end]
		if !bytes.HasPrefix(objs[i], []byte(strconv.Itoa(i)+" 0 obj\n")) {
			return nil, fmt.Errorf("%w: object %d", errPDFShape, i)
		}
	}

	r := trailerRoot.FindSubmatch(raw[trailer:])
	if r == nil {
		return nil, fmt.Errorf("%w: no /Root", errPDFShape)
	}
	root, _ := strconv.Atoi(string(r[1]))
	if root <= 0 || root >= size {
		return nil, fmt.Errorf("%w: /Root %d", errPDFShape, root)
	}
	catalog := objs[root]
	typeLine := []byte("<<\n/Type /Catalog\n")
	at := bytes.Index(catalog, typeLine)
	if at < 0 {
		return nil, fmt.Errorf("%w: object %d is not the catalogue", errPDFShape, root)
	}
	at += len(typeLine)
	objs[root] = slices.Concat(catalog[:at], []byte("/ViewerPreferences <</DisplayDocTitle true>>\n"), catalog[at:])

	if len(levels) > 0 {
		o := outlinesRef.FindSubmatch(catalog)
		if o == nil {
			return nil, fmt.Errorf("%w: no /Outlines", errPDFShape)
		}
		outlines, _ := strconv.Atoi(string(o[1]))
		first := outlines - len(levels)
		if first < 1 || outlines >= size {
			return nil, fmt.Errorf("%w: /Outlines %d for %d items", errPDFShape, outlines, len(levels))
		}
		counts, total := outlineCounts(levels)
		for i, n := range counts {
			obj := objs[first+i]
			leaf := []byte("/Count 0>>\nendobj\n")
			if !bytes.Contains(obj, []byte(" 0 obj\n<</Title ")) || !bytes.HasSuffix(obj, leaf) {
				return nil, fmt.Errorf("%w: object %d is not an outline item", errPDFShape, first+i)
			}
			if n != 0 {
				objs[first+i] = slices.Concat(obj[:len(obj)-len(leaf)], []byte("/Count "+strconv.Itoa(n)+">>\nendobj\n"))
			}
		}
		obj := objs[outlines]
		end := []byte(">>\nendobj\n")
		if !bytes.Contains(obj, []byte("<</Type /Outlines ")) || !bytes.HasSuffix(obj, end) {
			return nil, fmt.Errorf("%w: object %d is not the outline", errPDFShape, outlines)
		}
		objs[outlines] = slices.Concat(obj[:len(obj)-len(end)], []byte("\n/Count "+strconv.Itoa(total)), end)
	}

	var out bytes.Buffer
	out.Grow(len(raw) + 64*len(levels) + 64)
	head := raw[:offsets[order[0]]]
	if bytes.HasPrefix(head, []byte("%PDF-1.3\n")) {
		head = slices.Concat([]byte("%PDF-1.4\n"), head[len("%PDF-1.3\n"):])
	}
	out.Write(head)
	newOffsets := make([]int, size)
	for _, i := range order {
		newOffsets[i] = out.Len()
		out.Write(objs[i])
	}
	newXRef := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOffsets[i])
	}
	out.Write(raw[trailer:m[0]])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", newXRef)
	return out.Bytes(), nil
}
