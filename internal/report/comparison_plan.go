package report

import (
	"strconv"
)

// actionPlans writes each site's action plan as counts: every round's
// actions, how many have each status and how many are overdue on the
// comparison's day. The counts are the comparison's ([compare.Site].Plan,
// from workbook.CountPlan): counts of actions, not of people, so no
// disclosure rule withholds them.
func (cr *comparison) actionPlans() {
	d, t := cr.out, cr.l.lang
	d.heading(h1, t.T("report.cmp.plans"), 30)
	d.para(t.T("report.cmp.plans_intro", "Date", cr.l.isoDate(cr.c.Today)), body)
	cols := []column{{title: cr.cl.Site, w: cmpSiteW, style: "B"}}
	for _, id := range []string{"report.cmp.plans_actions", "status.planned", "status.in_progress", "status.done", "status.dropped", "report.cmp.plans_overdue"} {
		cols = append(cols, column{title: t.T(id), align: "R"})
	}
	rows := make([]tableRow, 0, len(cr.c.Sites))
	for i := range cr.c.Sites {
		n := cr.c.Sites[i].Plan
		cells := []string{cr.names[i]}
		for _, v := range []int{n.Actions, n.Planned, n.InProgress, n.Done, n.Dropped, n.Overdue} {
			cells = append(cells, strconv.Itoa(v))
		}
		rows = append(rows, tableRow{cells: cells})
	}
	d.table(table{cols: cols, rows: rows, size: sizeSmall})
}
