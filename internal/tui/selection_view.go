package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The matrix's fixed columns: a cell per criterion, how many criteria are
// met, the start year and whether the partnership is ongoing.
const (
	cellW     = 4
	selMetW   = 5
	selStartW = 6
	selOngW   = 3
)

// selCols are the widths of the matrix's columns: the text ones, and the
// fixed ones widened to the words of the language with a space after.
type selCols struct{ title, dir, met, start, ong int }

func (s *selectScreen) columns() selCols {
	words := func(w int, ids ...string) int {
		for _, id := range ids {
			w = max(w, ansi.StringWidth(s.l.T(id))+1)
		}
		return w
	}
	c := selCols{met: words(selMetW, "tui.select.col.met", "tui.select.all"), start: words(selStartW, "tui.select.col.start"),
		ong: words(selOngW, "tui.select.col.ongoing")}
	rest := s.width - 2 - 1 - len(s.criteria)*cellW - 1 - c.met - c.start - c.ong
	c.title = max(rest, 12)
	if rest >= 70 { // room for the directorate too
		c.dir = min(26, rest-44)
		c.title = rest - c.dir - 1
	}
	return c
}

// chromeHeight is the number of lines around the matrix's rows.
func (s *selectScreen) chromeHeight() int {
	return 3 + 2 + 5 // title, selection, filters; header, counts; blank, criterion, help, cell, legend
}

func (s *selectScreen) View() string {
	st := s.env.styles
	switch {
	case s.err != "":
		return st.Error.Render(s.l.T("tui.select.read_failed", "Err", s.err))
	case s.data == nil:
		return st.Muted.Render(s.l.T("tui.map.reading"))
	}
	var b strings.Builder
	title := s.data.Assessment.Title
	if title == "" {
		title = s.l.T("tui.select.this_assessment")
	}
	saveState := st.Saved.Render(s.l.T("tui.select.all_saved"))
	if s.env.saves.busy() {
		saveState = st.Pending.Render(s.l.T("tui.map.saving"))
	}
	// The save state keeps its place whichever it says.
	sw := max(ansi.StringWidth(s.l.T("tui.select.all_saved")), ansi.StringWidth(s.l.T("tui.map.saving"))) + 2
	head := truncate(st.Title.Render(s.l.T("tui.select.heading", "Assessment", title)), s.width-sw-1)
	b.WriteString(pad(head, s.width-sw) + " " + saveState + "\n")
	b.WriteString(s.selectionLine() + "\n")
	b.WriteString(s.filterLine() + "\n")
	switch {
	case len(s.all) == 0:
		b.WriteString("\n" + s.l.T("tui.select.none_mapped"))
		return b.String()
	case len(s.criteria) == 0:
		b.WriteString("\n" + s.l.T("tui.select.no_criteria", "Key", st.Key.Render("S")) + "\n")
	}
	b.WriteString(s.matrix() + "\n\n")
	if s.confirm.open() {
		b.WriteString(s.confirm.view(st, s.width))
		return b.String()
	}
	b.WriteString(s.cellDetail())
	return b.String()
}

// selectionLine shows which partnership is selected, and why.
func (s *selectScreen) selectionLine() string {
	st := s.env.styles
	a := s.data.Assessment
	if s.data.Partnership == nil {
		if a.PartnershipID != "" {
			return st.Warning.Render(truncate(s.l.T("tui.select.deleted"), s.width))
		}
		return st.Muted.Render(truncate(s.l.T("tui.select.none_selected"), s.width))
	}
	line := "★ " + s.l.T("tui.select.selected", "Title", s.data.Partnership.Title)
	if a.SelectionReason != "" {
		line += st.Muted.Render(" · " + s.l.T("tui.select.why", "Reason", strings.ReplaceAll(a.SelectionReason, "\n", " ")))
	}
	return st.Accent.Render(truncate(line, s.width))
}

func (s *selectScreen) filterLine() string {
	st := s.env.styles
	if s.find.typing {
		return s.find.field(s.l, st)
	}
	meeting := 0
	for _, p := range s.all {
		if analysis.MeetsAll(s.criteria, p) {
			meeting++
		}
	}
	parts := []string{s.l.T("tui.map.showing", "Shown", len(s.rows), "All", len(s.all)) + scrollText(s.l, s.offset, s.tableRoom(), len(s.rows)),
		s.l.N("tui.select.n_meet", meeting)}
	if s.onlyAll {
		parts = append(parts, s.l.T("tui.select.only_those_shown"))
	} else {
		parts = append(parts, s.l.T("tui.select.f_shows_only"))
	}
	if s.find.on() {
		parts = append(parts, s.l.T("tui.map.text_filter", "Text", strconv.Quote(s.find.text)))
	}
	line := truncate(strings.Join(parts, " · "), s.width)
	if s.onlyAll || s.find.on() {
		return st.Accent.Render(line)
	}
	return st.Muted.Render(line)
}

// matrix draws the header, the count of met marks per criterion and the
// rows in view.
func (s *selectScreen) matrix() string {
	st := s.env.styles
	c := s.columns()
	var b strings.Builder
	head := "  " + pad(s.l.T("tui.select.col.partnership"), c.title) + " "
	if c.dir > 0 {
		head += pad(s.l.T("tui.map.col.directorate"), c.dir) + " "
	}
	b.WriteString(st.Heading.Render(head))
	for i := range s.criteria {
		h := pad(" C"+strconv.Itoa(i+1), cellW)
		if i == s.col {
			b.WriteString(st.Selected.Render(h))
		} else {
			b.WriteString(st.Heading.Render(h))
		}
	}
	b.WriteString(st.Heading.Render(" " + pad(s.l.T("tui.select.col.met"), c.met) + pad(s.l.T("tui.select.col.start"), c.start) +
		pad(s.l.T("tui.select.col.ongoing"), c.ong)))
	rows, _ := analysis.CountCriteria(s.criteria, s.all)
	counts := "  " + pad(s.l.T("tui.select.met_of", "All", len(s.all)), c.title) + " "
	if c.dir > 0 {
		counts += pad("", c.dir) + " "
	}
	for _, r := range rows {
		counts += pad(" "+strconv.Itoa(r.Met), cellW)
	}
	b.WriteString("\n" + st.Muted.Render(truncate(counts, s.width)))
	if len(s.rows) == 0 {
		b.WriteString("\n\n" + st.Muted.Render(truncate(s.l.T("tui.select.none_shown"), s.width)))
		return b.String()
	}
	room := s.tableRoom()
	end := min(s.offset+room, len(s.rows))
	for j := s.offset; j < end; j++ {
		b.WriteString("\n" + s.row(s.all[s.rows[j]], j == s.cursor, c))
	}
	return b.String()
}

// row draws one partnership's row of the matrix.
func (s *selectScreen) row(p workbook.Partnership, atCursor bool, c selCols) string {
	st := s.env.styles
	lead := " "
	if atCursor {
		lead = "›"
	}
	if s.data.Assessment.PartnershipID == p.ID {
		lead += "★"
	} else {
		lead += " "
	}
	text := pad(p.Title, c.title) + " "
	if c.dir > 0 {
		name := s.l.T("tui.map.unassigned")
		if p.Directorate != "" {
			name = p.Directorate
			for _, d := range s.data.Site.Directorates {
				if d.ID == p.Directorate {
					name = d.Name
				}
			}
		}
		text += pad(name, c.dir) + " "
	}
	var b strings.Builder
	switch {
	case atCursor:
		b.WriteString(st.Accent.Render(lead + text))
	case s.data.Assessment.PartnershipID == p.ID:
		b.WriteString(st.Statement.Render(lead + text))
	default:
		b.WriteString(lead + text)
	}
	met := 0
	for i, cr := range s.criteria {
		m, pending := s.mark(p, cr.ID)
		if m.Mark == workbook.Met {
			met++
		}
		mark, sug := markSymbol(m.Mark), " "
		if m.Mark == workbook.NotMarked {
			if g := analysis.SuggestOngoing(cr, p); g != workbook.NotMarked {
				mark, sug = markSymbol(g), "?"
			}
		}
		note := " "
		if m.Note != "" {
			note = "✎"
		}
		cell := " " + mark + sug + note
		switch {
		case atCursor && i == s.col:
			b.WriteString(st.Selected.Render(cell))
		case pending:
			b.WriteString(st.Pending.Render(cell))
		case sug == "?":
			b.WriteString(st.Muted.Render(cell))
		case m.Mark == workbook.Met:
			b.WriteString(st.Good.Render(cell))
		case m.Mark == workbook.NotMet:
			b.WriteString(st.Barrier.Render(cell))
		default:
			b.WriteString(cell)
		}
	}
	score := fmt.Sprintf("%d/%d", met, len(s.criteria))
	if met == len(s.criteria) && met > 0 {
		score = st.Good.Render(pad(s.l.T("tui.select.all"), c.met))
	} else {
		score = pad(score, c.met)
	}
	year := "—"
	if p.StartYear != 0 {
		year = strconv.Itoa(p.StartYear)
	}
	ongoing := ongoingCell(s.l, p)
	b.WriteString(" " + score + pad(year, c.start) + pad(ongoing, c.ong))
	return b.String()
}

// markSymbol shows a mark as one character.
func markSymbol(m workbook.Mark) string {
	switch m {
	case workbook.Met:
		return "✓"
	case workbook.NotMet:
		return "✗"
	case workbook.Unknown:
		return "?"
	}
	return "·"
}

// cellDetail shows the criterion under the cursor in full, and the cell's
// mark, suggestion and note.
func (s *selectScreen) cellDetail() string {
	st := s.env.styles
	w := s.width
	legend := st.Muted.Render(truncate(s.l.T("tui.select.legend"), w))
	if len(s.criteria) == 0 {
		return ""
	}
	cr := s.criteria[s.col]
	var b strings.Builder
	b.WriteString(st.Accent.Render(truncate(fmt.Sprintf("C%d · %s", s.col+1, cr.Text.In(s.lang)), w)) + "\n")
	help := cr.Help.In(s.lang)
	if cr.CutoffYear > 0 {
		help = s.l.T("tui.select.cutoff", "Year", strconv.Itoa(cr.CutoffYear), "Help", help)
	}
	b.WriteString(st.Muted.Render(truncate(help, w)) + "\n")
	p, ok := s.current()
	switch {
	case s.mode == selNote:
		b.WriteString(st.Focused.Render(s.l.T("tui.select.note")+" ") + s.input.View() + "\n")
	case ok:
		m, pending := s.mark(p, cr.ID)
		line := p.Title + ": " + markWord(s.l, m.Mark)
		if m.Mark == workbook.Unknown {
			line += " " + s.l.T("tui.select.considered")
		}
		if m.Mark == workbook.NotMarked {
			if g := analysis.SuggestOngoing(cr, p); g != workbook.NotMarked {
				line += " " + s.l.T("tui.select.suggestion", "Mark", markWord(s.l, g))
			}
		}
		if pending {
			line += " " + s.l.T("tui.select.cell_saving")
		}
		if m.Note != "" {
			line += " · " + s.l.T("tui.select.cell_note", "Note", strings.ReplaceAll(m.Note, "\n", " "))

		} else {
			line += " · " + s.l.T("tui.select.add_note")
		}
		b.WriteString(truncate(line, w) + "\n")
	default:
		b.WriteString("\n")
	}
	b.WriteString(legend)
	return b.String()
}
