package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// maxMatrix is the most partnerships the criteria matrix lists; with more,
// it lists a shortlist of those closest to meeting every criterion.
const maxMatrix = 20

// countRow is one row of a table of counts with bars.
type countRow struct {
	label string
	n     int
	gap   bool // a gap in the data: unassigned, not recorded
}

// countTable writes a table of counts with their shares and bars, and a
// total row. A bar is the row's share drawn on a 0-100% scale (a full
// column is all the partnerships), so that bars read as the shares beside
// them.
func (r *report) countTable(title string, rows []countRow, total int, totalLabel string) {
	trs := make([]tableRow, 0, len(rows)+1)
	bars := make([]barValue, 0, len(rows))
	for _, c := range rows {
		trs = append(trs, tableRow{cells: []string{c.label, count(c.n), r.share(c.n, total), ""}})
		bars = append(bars, barValue{count: c.n, most: total, hatched: c.gap})
	}
	trs = append(trs, tableRow{cells: []string{totalLabel, count(total), "", ""}, bold: true})
	r.out.table(table{cols: []column{
		{title: title},
		{title: r.l.Partnerships, w: 26, align: "R"},
		{title: r.l.Share, w: 16, align: "R"},
		{title: "", w: 48, bars: bars},
	}, rows: trs, size: sizeSmall})
}

// notedHeading writes a section heading and the notes that go with the
// table under it, kept with the table's header and first rows.
func (r *report) notedHeading(title string, notes ...string) {
	keep := 20.0
	for _, n := range notes {
		keep += r.out.paraHeight(n, note)
	}
	r.out.heading(h2, title, keep)
	for _, n := range notes {
		r.out.para(n, note)
	}
}

// share is n as a percentage of total.
func (r *report) share(n, total int) string {
	if total == 0 {
		return "–"
	}
	return r.num(100*float64(n)/float64(total), 0) + "%"
}

// mapping writes step 1: the partnerships mapped, by directorate, kind of
// community and partner sector.
func (r *report) mapping() {
	d, ps := r.out, r.data.Partnerships
	d.heading(h1, r.l.Step1, 30)
	if len(ps) == 0 {
		r.missing = append(r.missing, r.l.MissingMapping)
		d.para(r.l.NoMapping, body)
		return
	}
	dirs, total := analysis.CountByDirectorate(r.data.Site.Directorates, ps)
	var rows []countRow
	unassigned, unlisted := 0, 0
	for _, c := range dirs {
		switch {
		case c.ID == "":
			unassigned = c.Count
			rows = append(rows, countRow{label: r.l.Unassigned, n: c.Count, gap: true})
		case !c.Known:
			unlisted++
			rows = append(rows, countRow{label: r.clean.line(c.Name) + " " + r.l.NotListed, n: c.Count, gap: true})
		default:
			rows = append(rows, countRow{label: r.clean.line(r.data.Questionnaire.DirectorateName(c.ID, c.Name, r.lang)), n: c.Count})
		}
	}
	d.para(r.l.Mapped(total, len(r.data.Site.Directorates)), body)
	// The notes on the gaps in the data come before the table, so that a
	// page break never parts them from it.
	var notes []string
	if unassigned > 0 {
		notes = append(notes, r.l.UnassignedNote(unassigned))
	}
	if unlisted > 0 {
		notes = append(notes, r.l.NotListedNote)
	}
	r.notedHeading(r.l.ByDirectorate, notes...)
	r.countTable(r.l.Directorate, rows, total, r.l.Total)

	r.notedHeading(r.l.ByCommunity)
	byCom := analysis.CountByCommunity(ps)
	rows = rows[:0]
	for _, c := range workbook.CommunityTypes {
		rows = append(rows, countRow{label: r.l.community(c), n: byCom[c]})
	}
	var odd []workbook.CommunityType
	for c := range byCom {
		if c != workbook.CommunityUnknown && !slices.Contains(workbook.CommunityTypes, c) {
			odd = append(odd, c)
		}
	}
	slices.Sort(odd)
	for _, c := range odd {
		rows = append(rows, countRow{label: r.clean.line(string(c)), n: byCom[c], gap: true})
	}
	rows = append(rows, countRow{label: r.l.NotRecorded, n: byCom[workbook.CommunityUnknown], gap: true})
	r.countTable(r.l.CommunityType, rows, total, r.l.Total)

	r.notedHeading(r.l.BySector, r.l.SectorNote)
	bySec := analysis.CountBySector(ps)
	rows = rows[:0]
	none := 0
	for _, p := range ps {
		if len(p.Partners) == 0 {
			none++
		}
	}
	for _, s := range workbook.Sectors {
		rows = append(rows, countRow{label: r.l.sector(s), n: bySec[s]})
	}
	rows = append(rows, countRow{label: r.l.NoPartnersRecorded, n: none, gap: true})
	r.countTable(r.l.Sector, rows, total, r.l.MappedPartnerships)
}

// selection writes step 2: the criteria applied to the mapped
// partnerships, and the partnership selected.
func (r *report) selection() {
	d, ps, cs := r.out, r.data.Partnerships, r.data.Questionnaire.Criteria
	d.heading(h1, r.l.Step2, 30)
	if len(ps) == 0 {
		d.para(r.l.NoMapping, body)
		r.selected()
		return
	}
	counts, all := analysis.CountCriteria(cs, ps)
	d.para(r.l.MeetAll(all, len(ps)), body)
	d.heading(h2, r.l.Criteria, 25)
	var rows []tableRow
	for i, c := range counts {
		rows = append(rows, tableRow{cells: []string{fmt.Sprintf("C%d", i+1), r.txt(c.Criterion.Text), count(c.Met), count(c.NotMet), count(c.Unknown), count(c.NotMarked)}})
	}
	d.table(table{cols: []column{
		{title: "", w: 10, style: "B"},
		{title: r.l.Criterion},
		{title: r.l.Met, w: 16, align: "R"},
		{title: r.l.NotMet, w: 16, align: "R"},
		{title: r.l.Unknown, w: 18, align: "R"},
		{title: r.l.NotMarked, w: 20, align: "R"},
	}, rows: rows})

	shown := ps
	title := r.l.Matrix
	if len(ps) > maxMatrix {
		shown = r.shortlist()
		title = r.l.Shortlist
	}
	if len(ps) > maxMatrix {
		r.notedHeading(title, r.l.ShortlistNote(len(shown), len(ps)), r.l.MatrixKey)
	} else {
		r.notedHeading(title, r.l.MatrixKey)
	}
	r.matrix(shown)
	r.selected()
}

// metCount is how many criteria a partnership is marked as meeting.
func (r *report) metCount(p workbook.Partnership) int {
	n := 0
	for _, c := range r.data.Questionnaire.Criteria {
		if p.Criteria[c.ID].Mark == workbook.Met {
			n++
		}
	}
	return n
}

// shortlist returns the partnerships closest to meeting every criterion:
// the selected one first, then by criteria met, then by title.
func (r *report) shortlist() []workbook.Partnership {
	sel := r.data.Assessment.PartnershipID
	ps := slices.Clone(r.data.Partnerships)
	slices.SortStableFunc(ps, func(a, b workbook.Partnership) int {
		if (a.ID == sel) != (b.ID == sel) {
			if a.ID == sel {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(r.metCount(b), r.metCount(a)); c != 0 {
			return c
		}
		return cmp.Compare(a.Title, b.Title)
	})
	return ps[:maxMatrix]
}

// matrix writes the criteria matrix of ps.
func (r *report) matrix(ps []workbook.Partnership) {
	cs := r.data.Questionnaire.Criteria
	cols := []column{{title: r.l.Partnership}}
	cw := min(11.0, (r.out.width()-70-14)/float64(max(len(cs), 1)))
	for i := range cs {
		cols = append(cols, column{title: fmt.Sprintf("C%d", i+1), w: cw, align: "C"})
	}
	cols = append(cols, column{title: r.l.Met, w: 14, align: "R"})
	var rows []tableRow
	for _, p := range ps {
		title := r.clean.line(p.Title)
		sel := p.ID == r.data.Assessment.PartnershipID
		if sel {
			title += " " + r.l.SelectedMark
		}
		cells := []string{title}
		for _, c := range cs {
			cells = append(cells, r.l.mark(p.Criteria[c.ID].Mark))
		}
		cells = append(cells, fmt.Sprintf("%d/%d", r.metCount(p), len(cs)))
		rows = append(rows, tableRow{cells: cells, bold: sel})
	}
	r.out.table(table{cols: cols, rows: rows})
}

// selected writes the partnership selected and why.
func (r *report) selected() {
	d, p := r.out, r.data.Partnership
	d.heading(h2, r.l.Selected, 25)
	if p == nil {
		r.missing = append(r.missing, r.l.MissingSelection)
		d.para(r.l.NoneSelected, body)
		return
	}
	rows := []tableRow{{cells: []string{r.l.Partnership, r.clean.line(p.Title)}}}
	dir := r.l.Unassigned
	for _, x := range r.data.Site.Directorates {
		if x.ID == p.Directorate {
			dir = r.clean.line(r.data.Questionnaire.DirectorateName(x.ID, x.Name, r.lang))
		}
	}
	if p.Directorate != "" && dir == r.l.Unassigned {
		dir = r.clean.line(p.Directorate)
	}
	rows = append(rows, tableRow{cells: []string{r.l.Directorate, dir}})
	if p.Area != "" {
		rows = append(rows, tableRow{cells: []string{r.l.Area, r.clean.line(p.Area)}})
	}
	rows = append(rows, tableRow{cells: []string{r.l.CommunityType, r.l.community(p.Community)}})
	var secs []string
	for _, s := range p.Partners {
		secs = append(secs, r.l.sector(s))
	}
	if len(secs) == 0 {
		secs = []string{r.l.NotRecorded}
	}
	rows = append(rows, tableRow{cells: []string{r.l.Partners, strings.Join(secs, ", ")}})
	rows = append(rows, tableRow{cells: []string{r.l.Running, r.l.running(p.StartYear, p.Ongoing)}})
	var met, notMet []string
	for i, c := range r.data.Questionnaire.Criteria {
		label := fmt.Sprintf("C%d", i+1)
		switch p.Criteria[c.ID].Mark {
		case workbook.Met:
			met = append(met, label)
		default:
			notMet = append(notMet, label)
		}
	}
	rows = append(rows, tableRow{cells: []string{r.l.CriteriaMet, r.l.criteriaMet(met, notMet)}})
	d.table(table{cols: []column{{w: 45, style: "B"}, {}}, rows: rows, noHead: true})
	d.heading(h3, r.l.WhySelected, 10)
	if r.data.Assessment.SelectionReason == "" {
		d.para(r.l.NoReason, note)
		return
	}
	d.para(r.said(r.clean.block(r.data.Assessment.SelectionReason)), body)
}
