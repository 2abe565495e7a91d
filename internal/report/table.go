package report

import "strings"

// column is one column of a table.
type column struct {
	title string
	w     float64 // width in mm; 0 shares out what the others leave
	align string  // "L", "C" or "R"
	style string  // font style of the column's cells ("B" for labels)
	// draw, when set, draws a graphic in the cell of row i (a bar) after
	// its text, in the cell's box.
	draw func(i int, x, y, w, h float64)
	// bars, when set, are the bars of the column's cells by row, which
	// each edition draws its own way.
	bars []barValue
}

// barValue is a bar in a table's cell: count out of most (the whole
// column), hatched when it shows a gap in the data (unassigned, not
// recorded), so that it reads apart in greyscale too.
type barValue struct {
	count, most int
	hatched     bool
}

// tableRow is one row of a table: one clean text per column.
type tableRow struct {
	cells []string
	bold  bool // a totals row, or the selected partnership
	// em, when above 0, sets cell em-1 in bold: the one figure of the
	// row a reader should not miss.
	em int
	// span, when above 0, is the index of the row's last cell, which
	// then spans every column from there to the end (a reason why
	// figures are not shown).
	span int
}

// table is a table that splits across pages, repeating its header.
type table struct {
	cols []column
	rows []tableRow
	size float64 // font size; 0 is sizeSmall
	// noHead leaves out the header row: a list of labels and values.
	noHead bool
	// caption says what the table holds; the PDF shows it in the heading
	// above, the HTML edition in the table's caption (when empty, the
	// heading's text).
	caption string
	// rowHeader is the column that names each row: the first unless
	// set (index plus one).
	rowHeader int
}

// tableLayout is a table measured for drawing.
type tableLayout struct {
	t       table
	widths  []float64
	line    float64
	head    [][]string // wrapped header titles
	headH   float64
	content [][][]string // wrapped cells by row and column
	heights []float64
}

func (d *doc) measure(t table) *tableLayout {
	if t.size == 0 {
		t.size = sizeSmall
	}
	lay := &tableLayout{t: t, line: t.size * 0.49}
	// A column of a set width is widened to its title's longest word, so
	// that no word of a title breaks (at a larger type size than it was
	// set for, or in another language); the columns sharing the rest get
	// less.
	widths := make([]float64, len(t.cols))
	fixed, flex := 0.0, 0
	for i, c := range t.cols {
		if c.w == 0 {
			flex++
			continue
		}
		widths[i] = max(c.w, d.longestWord(c.title, "B", t.size)+2*cellPad)
		fixed += widths[i]
	}
	for i, c := range t.cols {
		if c.w == 0 {
			widths[i] = (d.width() - fixed) / float64(max(flex, 1))
		}
	}
	lay.widths = widths
	lines := 1
	for i, c := range t.cols {
		ls := d.wrap(c.title, lay.widths[i]-2*cellPad, "B", t.size)
		lay.head = append(lay.head, ls)
		lines = max(lines, len(ls))
	}
	lay.headH = float64(lines)*lay.line + 2*cellPad
	if t.noHead {
		lay.headH = 0
	}
	for _, r := range t.rows {
		cells := make([][]string, len(t.cols))
		n := 1
		for i, c := range t.cols {
			text := ""
			if i < len(r.cells) {
				text = r.cells[i]
			}
			if r.span > 0 && i > r.span {
				continue
			}
			cells[i] = d.wrap(text, lay.cellWidth(r, i)-2*cellPad, cellStyle(r, i, c), t.size)
			n = max(n, len(cells[i]))
		}
		lay.content = append(lay.content, cells)
		lay.heights = append(lay.heights, float64(n)*lay.line+2*cellPad)
	}
	return lay
}

// longestWord is the width of the widest word of s in the given font.
func (d *doc) longestWord(s, style string, size float64) float64 {
	d.font(style, size)
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, d.pdf.GetStringWidth(word))
	}
	return w
}

// cellStyle is the font style of cell i.
func cellStyle(r tableRow, i int, c column) string {
	if r.bold || r.em == i+1 {
		return "B"
	}
	return c.style
}

// cellWidth is the width of cell i of row r: a spanning cell takes the
// columns to its right.
func (lay *tableLayout) cellWidth(r tableRow, i int) float64 {
	if r.span == 0 || i != r.span {
		return lay.widths[i]
	}
	w := 0.0
	for _, x := range lay.widths[i:] {
		w += x
	}
	return w
}

// cellAlign is the alignment of a cell: spanning cells start at the left.
func cellAlign(r tableRow, i int, c column) string {
	if r.span > 0 && i == r.span {
		return "L"
	}
	return c.align
}

// table draws t at the cursor. The header is kept with the first row; a
// row that does not fit goes to the next page under a repeated header; a
// row taller than a whole page is split between its lines.
func (d *doc) table(t table) {
	lay := d.measure(t)
	// The header starts on the same page as the first two rows.
	first := lay.headH
	for _, h := range lay.heights[:leadRows(len(lay.heights))] {
		first += h
	}
	d.ensure(min(first, d.bottom()-marginTop))
	d.tableHead(lay)
	n := len(lay.content)
	for i := range lay.content {
		h := lay.heights[i]
		need := h
		if i == n-2 && n >= 3 && h+lay.heights[i+1] <= d.bottom()-marginTop-lay.headH {
			need += lay.heights[i+1] // keep the last two rows together
		}
		if d.y()+need > d.bottom() && (i > 0 || d.y()+h > d.bottom()) {
			if h <= d.bottom()-marginTop-lay.headH {
				d.addPage()
				d.tableHead(lay)
			} else {
				d.splitRow(lay, i)
				continue
			}
		}
		y := d.y()
		d.tableRow(lay, i, 0, -1, y, h)
		d.setY(y + h)
	}
	d.setY(d.y() + paraSpacing)
}

// tableHeight is the height t takes on one page, with the space after it.
func (d *doc) tableHeight(t table) float64 {
	lay := d.measure(t)
	h := lay.headH + paraSpacing
	for _, x := range lay.heights {
		h += x
	}
	return h
}

func (d *doc) tableHead(lay *tableLayout) {
	if lay.t.noHead {
		return
	}
	y := d.y()
	d.fill(d.left(), y, d.width(), lay.headH, paleGrey)
	d.font("B", lay.t.size)
	d.textColor(ink)
	x := d.left()
	for i, c := range lay.t.cols {
		for j, s := range lay.head[i] {
			d.text(x+cellPad, y+cellPad+float64(j)*lay.line, lay.widths[i]-2*cellPad, lay.line, s, c.align)
		}
		x += lay.widths[i]
	}
	d.drawColor(grey)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(d.left(), y+lay.headH, d.left()+d.width(), y+lay.headH)
	d.setY(y + lay.headH)
}

// tableRow draws lines [from, to) of row i (to < 0: all of them) in a box
// of height h at y.
func (d *doc) tableRow(lay *tableLayout, i, from, to int, y, h float64) {
	r := lay.t.rows[i]
	x := d.left()
	for c, col := range lay.t.cols {
		d.font(cellStyle(r, c, col), lay.t.size)
		d.textColor(ink)
		ls := lay.content[i][c]
		end := len(ls)
		if to >= 0 {
			end = min(end, to)
		}
		for j := from; j < end; j++ {
			d.text(x+cellPad, y+cellPad+float64(j-from)*lay.line, lay.cellWidth(r, c)-2*cellPad, lay.line, ls[j], cellAlign(r, c, col))
		}
		if col.draw != nil && from == 0 {
			col.draw(i, x+cellPad, y+cellPad, lay.widths[c]-2*cellPad, h-2*cellPad)
		}
		x += lay.widths[c]
	}
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.15)
	d.pdf.Line(d.left(), y+h, d.left()+d.width(), y+h)
}

// splitRow draws a row taller than a page over as many pages as it needs.
func (d *doc) splitRow(lay *tableLayout, i int) {
	n := 0
	for _, ls := range lay.content[i] {
		n = max(n, len(ls))
	}
	for from := 0; from < n; {
		fit := int((d.bottom() - d.y() - 2*cellPad) / lay.line)
		if fit < 1 {
			d.addPage()
			d.tableHead(lay)
			continue
		}
		to := min(n, from+fit)
		h := float64(to-from)*lay.line + 2*cellPad
		y := d.y()
		d.tableRow(lay, i, from, to, y, h)
		d.setY(y + h)
		from = to
		if from < n {
			d.addPage()
			d.tableHead(lay)
		}
	}
}
