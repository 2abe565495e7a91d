package report

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// finishPDF rewrites the PDF fpdf wrote (raw) with what fpdf cannot write
// or writes against PDF 32000-1:
//
//   - the /Count of the outline items with children, and of the outline's
//     root, for outline items of the given levels ([outlineCounts]);
//   - /ViewerPreferences <</DisplayDocTitle true>> in the catalogue, so
//     that a reader's title bar shows the report's title, not its file
//     name;
//   - each page's link annotations as objects of their own, which /Annots
//     must refer to (7.7.3.3, table 30), where fpdf writes them inside the
//     array;
//   - the header's version 1.4, which /Lang and /DisplayDocTitle need.
//
// Every other object is copied byte for byte, and the cross-reference
// table is written anew. The same input gives the same bytes.
func finishPDF(raw []byte, levels []int) ([]byte, error) {
	f, err := parsePDF(raw)
	if err != nil {
		return nil, err
	}
	if err := f.viewerPreferences(); err != nil {
		return nil, err
	}
	if err := f.outlineCounts(levels); err != nil {
		return nil, err
	}
	if err := f.annotationObjects(); err != nil {
		return nil, err
	}
	return f.bytes(), nil
}

// errPDFShape is returned when the PDF fpdf wrote is not laid out as
// [finishPDF] expects: a classic cross-reference table, one object at each
// offset, a catalogue with the outline it was given.
var errPDFShape = errors.New("report: the PDF is not laid out as expected")

// pdfFile is a PDF as fpdf writes it, cut into its objects.
type pdfFile struct {
	head    []byte   // the header, up to the first object
	objs    [][]byte // by number, each from "n 0 obj" to "endobj\n"
	order   []int    // the object numbers in the order they are written
	trailer []byte   // from "trailer" to before "startxref"
	root    int      // the catalogue's number
}

var (
	startXRef   = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	xrefHead    = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	trailerRoot = regexp.MustCompile(`/Root (\d+) 0 R`)
	trailerSize = regexp.MustCompile(`/Size \d+\n`)
	outlinesRef = regexp.MustCompile(`\n/Outlines (\d+) 0 R\n`)
	annotsLine  = regexp.MustCompile(`\n/Annots \[(.*)\]\n`)
)

// parsePDF cuts raw into its objects by its cross-reference table.
func parsePDF(raw []byte) (*pdfFile, error) {
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
	offsets := make([]int, size)
	f := &pdfFile{objs: make([][]byte, size), trailer: raw[trailer:m[0]]}
	for i := 1; i < size; i++ {
		e := raw[table+i*entry : table+(i+1)*entry]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || e[17] != 'n' || off <= 0 || off >= xrefAt {
			return nil, fmt.Errorf("%w: cross-reference entry %d %q", errPDFShape, i, e)
		}
		offsets[i] = off
		f.order = append(f.order, i)
	}
	slices.SortFunc(f.order, func(a, b int) int { return offsets[a] - offsets[b] })
	f.head = raw[:offsets[f.order[0]]]
	for k, i := range f.order {
		end := xrefAt
		if k+1 < len(f.order) {
			end = offsets[f.order[k+1]]
		}
		f.objs[i] = raw[offsets[i]:end]
		if !bytes.HasPrefix(f.objs[i], []byte(strconv.Itoa(i)+" 0 obj\n")) || !bytes.HasSuffix(f.objs[i], []byte("endobj\n")) {
			return nil, fmt.Errorf("%w: object %d", errPDFShape, i)
		}
	}
	r := trailerRoot.FindSubmatch(f.trailer)
	if r == nil {
		return nil, fmt.Errorf("%w: no /Root", errPDFShape)
	}
	f.root, _ = strconv.Atoi(string(r[1]))
	if f.root <= 0 || f.root >= size || !bytes.Contains(f.objs[f.root], []byte("<<\n/Type /Catalog\n")) {
		return nil, fmt.Errorf("%w: /Root %d is not the catalogue", errPDFShape, f.root)
	}
	return f, nil
}

// viewerPreferences asks readers to show the document's title.
func (f *pdfFile) viewerPreferences() error {
	cat := f.objs[f.root]
	typ := []byte("<<\n/Type /Catalog\n")
	at := bytes.Index(cat, typ) + len(typ)
	f.objs[f.root] = slices.Concat(cat[:at], []byte("/ViewerPreferences <</DisplayDocTitle true>>\n"), cat[at:])
	return nil
}

// outlineCounts sets the /Count of the outline's items, which fpdf writes
// just before the outline's root, one for each of levels.
func (f *pdfFile) outlineCounts(levels []int) error {
	o := outlinesRef.FindSubmatch(f.objs[f.root])
	switch {
	case o == nil && len(levels) == 0:
		return nil
	case o == nil:
		return fmt.Errorf("%w: no /Outlines for %d items", errPDFShape, len(levels))
	}
	outlines, _ := strconv.Atoi(string(o[1]))
	first := outlines - len(levels)
	if first < 1 || outlines >= len(f.objs) {
		return fmt.Errorf("%w: /Outlines %d for %d items", errPDFShape, outlines, len(levels))
	}
	counts, total := outlineCounts(levels)
	leaf := []byte("/Count 0>>\nendobj\n")
	for i, n := range counts {
		obj := f.objs[first+i]
		if !bytes.Contains(obj, []byte(" 0 obj\n<</Title ")) || !bytes.HasSuffix(obj, leaf) {
			return fmt.Errorf("%w: object %d is not an outline item", errPDFShape, first+i)
		}
		if n != 0 {
			f.objs[first+i] = slices.Concat(obj[:len(obj)-len(leaf)], []byte("/Count "+strconv.Itoa(n)+">>\nendobj\n"))
		}
	}
	obj := f.objs[outlines]
	end := []byte(">>\nendobj\n")
	if !bytes.Contains(obj, []byte(" 0 obj\n<</Type /Outlines ")) || !bytes.HasSuffix(obj, end) {
		return fmt.Errorf("%w: object %d is not the outline", errPDFShape, outlines)
	}
	f.objs[outlines] = slices.Concat(obj[:len(obj)-len(end)], []byte("\n/Count "+strconv.Itoa(total)), end)
	return nil
}

// annotationObjects moves the annotation dictionaries fpdf writes inside
// a page's /Annots array into objects of their own, numbered after the
// others, and refers to them.
func (f *pdfFile) annotationObjects() error {
	for _, i := range slices.Clone(f.order) {
		obj := f.objs[i]
		m := annotsLine.FindSubmatchIndex(obj)
		if m == nil || !bytes.Contains(obj, []byte("/Type /Page\n")) {
			continue
		}
		dicts, err := splitDicts(obj[m[2]:m[3]])
		if err != nil {
			return fmt.Errorf("%w: the annotations of object %d: %v", errPDFShape, i, err)
		}
		refs := make([]byte, 0, 12*len(dicts))
		for k, dict := range dicts {
			n := len(f.objs)
			f.objs = append(f.objs, slices.Concat([]byte(strconv.Itoa(n)+" 0 obj\n"), dict, []byte("\nendobj\n")))
			f.order = append(f.order, n)
			if k > 0 {
				refs = append(refs, ' ')
			}
			refs = append(refs, strconv.Itoa(n)+" 0 R"...)
		}
		f.objs[i] = slices.Concat(obj[:m[2]], refs, obj[m[3]:])
	}
	return nil
}

// splitDicts splits the dictionaries written one after another in b:
// "<<...>><<...>>", nested dictionaries and strings (with their escapes)
// included.
func splitDicts(b []byte) ([][]byte, error) {
	var out [][]byte
	depth, start := 0, 0
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '(':
			// A string: skip to its closing parenthesis, minding escapes
			// and balanced parentheses inside it.
			open := 1
			for i++; i < len(b) && open > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					open++
				case ')':
					open--
				}
			}
			i--
		case b[i] == '<' && i+1 < len(b) && b[i+1] == '<':
			if depth == 0 {
				start = i
			}
			depth++
			i++
		case b[i] == '>' && i+1 < len(b) && b[i+1] == '>':
			depth--
			i++
			if depth == 0 {
				out = append(out, b[start:i+1])
			}
			if depth < 0 {
				return nil, errors.New("unbalanced >>")
			}
		case depth == 0 && b[i] != ' ':
			return nil, fmt.Errorf("%q between dictionaries", b[i])
		}
	}
	if depth != 0 {
		return nil, errors.New("unbalanced <<")
	}
	return out, nil
}

// bytes writes the file: the header (PDF 1.4 at least), the objects in
// their order, a new cross-reference table and the trailer with its new
// size.
func (f *pdfFile) bytes() []byte {
	var out bytes.Buffer
	head := f.head
	if bytes.HasPrefix(head, []byte("%PDF-1.3\n")) {
		head = slices.Concat([]byte("%PDF-1.4\n"), head[len("%PDF-1.3\n"):])
	}
	out.Write(head)
	offsets := make([]int, len(f.objs))
	for _, i := range f.order {
		offsets[i] = out.Len()
		out.Write(f.objs[i])
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs))
	for i := 1; i < len(f.objs); i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[i])
	}
	out.Write(trailerSize.ReplaceAll(f.trailer, []byte("/Size "+strconv.Itoa(len(f.objs))+"\n")))
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes()
}
