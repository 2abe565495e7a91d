package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The Map's layout: the counts sit beside the table from panelMinWidth
// columns, below it otherwise.
const (
	panelMinWidth = 110
	panelWidth    = 34
)

// mapCols are the widths of the table's columns.
type mapCols struct{ title, dir, area, comm, sect, start, ongoing int }

func mapColumns(w int) mapCols {
	c := mapCols{comm: 10, sect: 7, start: 6, ongoing: 4}
	rest := max(w-2-c.comm-c.sect-c.start-c.ongoing-6, 18)
	c.dir = rest * 28 / 100
	c.area = rest * 18 / 100
	c.title = rest - c.dir - c.area
	return c
}

// tableWidth is the width of the table: all of it, or what the counts
// panel leaves.
func (m *mapScreen) tableWidth() int {
	if m.width >= panelMinWidth {
		return m.width - panelWidth - 2
	}
	return m.width
}

// chromeHeight is the number of lines around the table's rows.
func (m *mapScreen) chromeHeight() int {
	h := 2 + 1 + 1 + m.detailLines() // title, filters, header; a blank line and the detail
	if m.confirm.open() {
		h += lipgloss.Height(m.confirm.view(m.env.styles, m.width))
	}
	if m.width < panelMinWidth {
		h += len(m.countLines(m.width))
	}
	return h
}

func (m *mapScreen) View() string {
	st := m.env.styles
	switch {
	case m.err != "":
		return st.Error.Render(m.l.T("tui.map.read_failed", "Err", m.err))
	case !m.loaded:
		return st.Muted.Render(m.l.T("tui.map.reading"))
	}
	var b strings.Builder
	head := st.Title.Render(m.l.T("tui.map.heading", "Site", m.site.Name)) + "  " + st.Muted.Render(m.l.N("tui.map.n_mapped", len(m.all)))
	if m.env.saves.busy() {
		head += "  " + st.Pending.Render(m.l.T("tui.map.saving"))
	}
	b.WriteString(truncate(head, m.width) + "\n")
	b.WriteString(m.filterLine() + "\n")
	block := m.table()
	if m.width >= panelMinWidth {
		// The panel has the height of the table's area, however few rows
		// are shown.
		h := max(m.tableRoom()+1, lipgloss.Height(block))
		block = lipgloss.JoinHorizontal(lipgloss.Top, block, "  ", m.panel(h))
	}
	b.WriteString(block + "\n\n")
	b.WriteString(m.detail())
	if m.confirm.open() {
		// Wrapped, not cut: the question says what y changes.
		b.WriteString("\n" + m.confirm.view(st, m.width))
	}
	if m.width < panelMinWidth {
		b.WriteString("\n" + strings.Join(m.countLines(m.width), "\n"))
	}
	return b.String()
}

// filterLine says what is shown and in what order, or holds the text
// filter being typed.
func (m *mapScreen) filterLine() string {
	st := m.env.styles
	if m.find.typing {
		return m.find.field(m.l, st)
	}
	dir := "▲"
	if m.reverse {
		dir = "▼"
	}
	parts := []string{m.l.T("tui.map.showing", "Shown", len(m.rows), "All", len(m.all)) + scrollText(m.l, m.win.offset, m.tableRoom(), len(m.rows)),
		m.l.T("tui.map.sort", "Column", m.l.T(mapSortIDs[m.sortBy])) + " " + dir}
	if m.find.on() {
		parts = append(parts, m.l.T("tui.map.text_filter", "Text", strconv.Quote(m.find.text)))
	}
	for i, f := range m.filters {
		if f.on {
			parts = append(parts, m.l.T("tui.map.filter_on", "Filter", m.l.T(filterIDs[i]), "Value", f.label))
		}
	}
	line := strings.Join(parts, " · ")
	if m.filtering() {
		return st.Accent.Render(truncate(line, m.width))
	}
	return st.Muted.Render(truncate(line, m.width))
}

// table draws the header and the rows in view, or the filter chooser.
func (m *mapScreen) table() string {
	st := m.env.styles
	w := m.tableWidth()
	room := m.tableRoom()
	if m.mode == mapChoose {
		return m.chooserView(w, room+1)
	}
	c := mapColumns(w)
	names := [mapSorts]string{m.l.T("tui.map.col.title"), m.l.T("tui.map.col.directorate"), m.l.T("tui.map.col.area"),
		m.l.T("tui.map.col.community"), m.l.T("tui.map.col.start"), m.l.T("tui.map.col.ongoing")}
	arrow := "▲"
	if m.reverse {
		arrow = "▼"
	}
	names[m.sortBy] += arrow
	header := "  " + pad(names[sortTitle], c.title) + " " + pad(names[sortDirectorate], c.dir) + " " +
		pad(names[sortArea], c.area) + " " + pad(names[sortCommunity], c.comm) + " " + pad(m.l.T("tui.map.col.sectors"), c.sect) + " " +
		pad(names[sortStart], c.start) + " " + pad(names[sortOngoing], c.ongoing)
	var b strings.Builder
	b.WriteString(st.Heading.Render(pad(header, w)))
	if len(m.all) == 0 {
		b.WriteString("\n\n" + m.l.T("tui.map.none_yet", "Key", st.Key.Render("a")))
		return b.String()
	}
	if len(m.rows) == 0 {
		b.WriteString("\n\n" + st.Muted.Render(truncate(m.l.T("tui.map.none_match"), w)))
		return b.String()
	}
	// The directorates' names in the column's width, told apart.
	dirNames := []string{m.dirName("")}
	for _, p := range m.all {
		dirNames = append(dirNames, m.dirName(p.Directorate))
	}
	for _, d := range m.site.Directorates {
		dirNames = append(dirNames, d.Name)
	}
	short := shortNames(m.l, dirNames, c.dir)
	end := min(m.win.offset+room, len(m.rows))
	for j := m.win.offset; j < end; j++ {
		p := m.all[m.rows[j]]
		star := " "
		if m.selectedBy[p.ID] != "" {
			star = "★"
		}
		year := "—"
		if p.StartYear != 0 {
			year = strconv.Itoa(p.StartYear)
		}
		ongoing := ongoingCell(m.l, p)
		comm := communityName(m.l, p.Community)
		if p.Community == workbook.CommunityUnknown {
			comm = "—"
		} else if p.Community == workbook.CommunityGeographical {
			comm = m.l.T("tui.map.cell.geographical")
		} else if p.Community == workbook.CommunityOfInterest {
			comm = m.l.T("tui.map.cell.of_interest")
		}
		area := p.Area
		if area == "" {
			area = "—"
		}
		line := pad(p.Title, c.title) + " " + pad(short[m.dirName(p.Directorate)], c.dir) + " " + pad(area, c.area) + " " +
			pad(comm, c.comm) + " " + sectorCodes(p.Partners) + " " + pad(year, c.start) + " " + pad(ongoing, c.ongoing)
		b.WriteString("\n")
		if j == m.win.cursor {
			b.WriteString(st.Selected.Render(pad("›"+star+line, w)))
		} else {
			b.WriteString(" " + star + line)
		}
	}
	return b.String()
}

// chooserView lists a filter's values with their counts.
func (m *mapScreen) chooserView(w, room int) string {
	st := m.env.styles
	c := &m.choose
	var b strings.Builder
	b.WriteString(st.Focused.Render(truncate(m.l.T(chooserIDs[c.which]), w)))
	room = max(room-1, 1)
	start, end := c.win.rows(len(c.opts), room)
	for i := start; i < end; i++ {
		o := c.opts[i]
		line := pad(o.f.label, max(w-10, 8)) + fmt.Sprintf("%6d", o.count)
		b.WriteString("\n")
		if i == c.win.cursor {
			b.WriteString(st.Selected.Render("› " + pad(line, w-2)))
		} else {
			b.WriteString("  " + truncate(line, w-2))
		}
	}
	return b.String()
}

// detailLines is how many lines the detail of the partnership under the
// cursor has: one in a short window, two otherwise.
func (m *mapScreen) detailLines() int {
	if m.height < 30 {
		return 1
	}
	return 2
}

// detail shows everything about the partnership under the cursor.
func (m *mapScreen) detail() string {
	st := m.env.styles
	p, ok := m.selected()
	if !ok {
		return strings.Repeat("\n", m.detailLines()-1)
	}
	first := st.Accent.Render(p.Title) + st.Muted.Render(" · "+m.dirName(p.Directorate))
	if p.Area != "" {
		first += st.Muted.Render(" · " + p.Area)
	}
	var parts []string
	if len(p.Partners) > 0 {
		parts = append(parts, m.l.T("tui.map.partners", "Sectors", sectorText(m.l, p.Partners)))
	} else {
		parts = append(parts, m.l.T("tui.map.no_partners"))
	}
	when := m.l.T("tui.map.start_unknown")
	if p.StartYear != 0 {
		when = m.l.T("tui.map.started", "Year", strconv.Itoa(p.StartYear))
	}
	switch ongoingValue(p) {
	case "yes":
		when = m.l.T("tui.map.when_ongoing", "When", when)
	case "no":
		when = m.l.T("tui.map.when_not_ongoing", "When", when)
	default:
		when = m.l.T("tui.map.when_unknown", "When", when)
	}
	parts = append(parts, when)
	if by := m.selectedBy[p.ID]; by != "" {
		parts = append(parts, "★ "+m.l.T("tui.map.selected_for", "Assessment", by))
	}
	if p.Notes != "" {
		parts = append(parts, m.l.T("tui.map.notes", "Notes", strings.ReplaceAll(p.Notes, "\n", " ")))
	}
	if m.detailLines() == 1 {
		return truncate(st.Accent.Render(p.Title)+st.Muted.Render(" · ")+strings.Join(parts, " · "), m.width)
	}
	return truncate(first, m.width) + "\n" + truncate(strings.Join(parts, " · "), m.width)
}

func (m *mapScreen) confirmText() string {
	p, _ := m.selected()
	if by := m.selectedBy[p.ID]; by != "" {
		// How many answers were given about it: the assessments keep
		// them, and their logs note the deletion.
		var uses []workbook.PartnershipUse
		_ = m.env.svc.Read(func(r *workbook.Reader) (err error) {
			uses, err = r.PartnershipUses(m.siteID, p.ID)
			return err
		})
		n := 0
		for _, u := range uses {
			n += u.Answers
		}
		if n > 0 {
			return m.l.N("tui.map.delete_answered", n, "Title", strconv.Quote(p.Title), "Assessment", by)
		}
		return m.l.T("tui.map.delete_selected", "Title", strconv.Quote(p.Title), "Assessment", by)
	}
	return m.l.T("tui.map.delete", "Title", strconv.Quote(p.Title))
}

// countName names a row of the counts by directorate.
func countName(l *i18n.Lang, c analysis.DirectorateCount) string {
	switch {
	case c.ID == "":
		return l.T("tui.map.unassigned")
	case !c.Known:
		return l.T("tui.map.not_listed", "ID", c.ID)
	}
	return c.Name
}

// panel is the counts by directorate beside the table, at most h lines.
// While a filter is on, each count reads shown/all.
func (m *mapScreen) panel(h int) string {
	st := m.env.styles
	const numW = 7
	nameW := panelWidth - numW - 2
	num := func(shown, all int) string {
		if m.shown != nil {
			return fmt.Sprintf("%*s", numW, fmt.Sprintf("%d/%d", shown, all))
		}
		return fmt.Sprintf("%*d", numW, all)
	}
	col := m.l.T("tui.map.all")
	if m.shown != nil {
		col = m.l.T("tui.map.shown_all")
	}
	lines := []string{st.Heading.Render(pad(m.l.T("tui.map.by_directorate"), panelWidth-ansi.StringWidth(col)-1) + " " + col)}
	dirFilter := m.filters[filterDirectorate]
	for _, c := range m.counts {
		mark := "  "
		if dirFilter.on && dirFilter.value == c.ID {
			mark = "› "
		}
		line := mark + pad(countName(m.l, c), nameW) + num(m.shown[c.ID], c.Count)
		if c.Count == 0 {
			line = st.Muted.Render(line)
		}
		lines = append(lines, line)
	}
	lines = append(lines, st.Muted.Render(strings.Repeat("─", panelWidth)))
	lines = append(lines, st.Statement.Render("  "+pad(m.l.T("tui.map.total"), nameW)+num(len(m.rows), m.total)))
	all := analysis.CountByCommunity(m.all)
	var shown map[workbook.CommunityType]int
	if m.shown != nil {
		rows := make([]workbook.Partnership, len(m.rows))
		for j, i := range m.rows {
			rows[j] = m.all[i]
		}
		shown = analysis.CountByCommunity(rows)
	}
	lines = append(lines, "", st.Heading.Render(pad(m.l.T("tui.map.by_community"), panelWidth)))
	for _, c := range append(slices.Clone(workbook.CommunityTypes), workbook.CommunityUnknown) {
		lines = append(lines, "  "+pad(communityName(m.l, c), nameW)+num(shown[c], all[c]))
	}
	if len(lines) > h {
		lines = lines[:max(h, 1)]
	}
	for i, l := range lines {
		lines[i] = pad(l, panelWidth)
	}
	return strings.Join(lines, "\n")
}

// countLines are the counts by directorate in columns, for layouts
// without room for the panel beside the table. Unassigned and the total
// are always there; when the directorates do not fit in the lines the
// window can spare (three to six) the last ones are summed up as "more".
func (m *mapScreen) countLines(w int) []string {
	st := m.env.styles
	type entry struct {
		name, n string
		bold    bool
	}
	num := func(count int, shown int) string {
		if m.shown != nil {
			return fmt.Sprintf("%d/%d", shown, count)
		}
		return strconv.Itoa(count)
	}
	var dirs []entry
	var tail []entry
	for _, c := range m.counts {
		e := entry{name: countName(m.l, c), n: num(c.Count, m.shown[c.ID])}
		if c.ID == "" {
			tail = append(tail, e)
		} else {
			dirs = append(dirs, e)
		}
	}
	total := entry{name: m.l.T("tui.map.total"), n: num(m.total, len(m.rows)), bold: true}
	if m.shown != nil {
		total.name = m.l.T("tui.map.total_shown_all")
	}
	tail = append(tail, total)
	cols := max(w/38, 1)
	colW := w / cols
	maxLines := min(max((m.height-10)/2, 3), 6) // keep room for the table
	if room := maxLines*cols - len(tail); len(dirs) > room {
		more := len(dirs) - room + 1
		dirs = append(dirs[:room-1], entry{name: m.l.N("tui.map.n_more", more)})
	}
	all := append(dirs, tail...)
	lines := []string{st.Heading.Render(m.l.T("tui.map.by_directorate"))}
	rows := (len(all) + cols - 1) / cols
	for r := range rows {
		var b strings.Builder
		for c := range cols {
			i := c*rows + r // down the columns, as a list reads
			if i >= len(all) {
				break
			}
			e := all[i]
			nW := max(len(e.n), 5)
			cell := pad(e.name, colW-nW-3) + fmt.Sprintf(" %*s  ", nW, e.n)
			if e.bold {
				cell = st.Statement.Render(cell)
			}
			b.WriteString(cell)
		}
		lines = append(lines, truncate(b.String(), w))
	}
	return lines
}
