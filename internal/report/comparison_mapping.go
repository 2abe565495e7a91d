package report

import (
	"strconv"

	"github.com/engage-toolkit/engage/internal/compare"
)

// mapping writes the fourth theme: each site's partnerships by
// directorate, and the share meeting each criterion. Columns are numbered
// (D1, C1, ...) with a key below, so that long names never break.
func (cr *comparison) mapping() {
	d, cl := cr.out, cr.cl
	d.heading(h1, cl.Mapping, 40)
	d.heading(h2, cl.ByDirectorate, 30)
	d.para(cl.MappingIntro, body)
	cols := []column{{title: cl.Site, w: cmpSiteW, style: "B"}}
	for k := range cr.c.Directorates {
		cols = append(cols, column{title: "D" + strconv.Itoa(k+1), align: "R"})
	}
	cols = append(cols, column{title: cl.Unassigned, w: 20, align: "R"}, column{title: cl.Total, w: 14, align: "R", style: "B"})
	rows := make([]tableRow, 0, len(cr.c.Sites))
	unlisted := false
	for i := range cr.c.Sites {
		s := &cr.c.Sites[i]
		counts := map[string]int{}
		for _, dc := range s.Directorates {
			counts[dc.ID] = dc.Count
		}
		cells := []string{cr.names[i]}
		for _, dc := range cr.c.Directorates {
			if n, ok := counts[dc.ID]; ok {
				cells = append(cells, strconv.Itoa(n))
			} else {
				cells = append(cells, "–")
				unlisted = true
			}
		}
		cells = append(cells, strconv.Itoa(counts[""]), strconv.Itoa(s.Partnerships))
		rows = append(rows, tableRow{cells: cells})
	}
	d.table(table{cols: cols, rows: rows, size: sizeSmall, caption: cl.ByDirectorate})
	key := cl.DirectoratesKey
	if unlisted {
		key = cl.NotListedKey + " " + key
	}
	d.para(key, note)
	var codes, texts []string
	for k, dc := range cr.c.Directorates {
		codes, texts = append(codes, "D"+strconv.Itoa(k+1)), append(texts, cr.qText(cr.clean.line(dc.Text)))
	}
	d.key(codes, texts)

	d.heading(h2, cl.CriteriaRates, 30)
	d.para(cl.CriteriaIntro, body)
	cols = []column{{title: cl.Site, w: cmpSiteW, style: "B"}}
	for k := range cr.c.Criteria {
		cols = append(cols, column{title: "C" + strconv.Itoa(k+1), align: "R"})
	}
	cols = append(cols, column{title: cl.AllCriteria, align: "R", style: "B"})
	rows = rows[:0]
	for i := range cr.c.Sites {
		s := &cr.c.Sites[i]
		cells := []string{cr.names[i]}
		for _, cc := range cr.c.Criteria {
			cells = append(cells, cr.criterionCell(s, cc.ID))
		}
		all := "–"
		if s.Partnerships > 0 {
			all = cr.share(s.MeetingAll, s.Partnerships) + "\n" + cl.CriterionCell(s.MeetingAll, s.Partnerships)
		}
		rows = append(rows, tableRow{cells: append(cells, all)})
	}
	d.table(table{cols: cols, rows: rows, size: sizeTiny, caption: cl.CriteriaRates})
	d.para(cl.CriteriaKey, note)
	codes, texts = nil, nil
	for k, cc := range cr.c.Criteria {
		codes, texts = append(codes, "C"+strconv.Itoa(k+1)), append(texts, cr.qText(cr.clean.line(cc.Text)))
	}
	d.key(codes, texts)
}

// criterionCell is one site's figures for one criterion.
func (cr *comparison) criterionCell(s *compare.Site, id string) string {
	for _, c := range s.Criteria {
		if c.Criterion.ID != id {
			continue
		}
		if s.Partnerships == 0 {
			return "–"
		}
		out := cr.share(c.Met, s.Partnerships) + "\n" + cr.cl.CriterionCell(c.Met, s.Partnerships)
		if c.Unknown > 0 {
			out += "\n? " + strconv.Itoa(c.Unknown)
		}
		if c.NotMarked > 0 {
			out += "\n· " + strconv.Itoa(c.NotMarked)
		}
		return out
	}
	return "–"
}

// share is n as a whole percentage of total.
func (cr *comparison) share(n, total int) string {
	return cr.num(100*float64(n)/float64(total), 0) + "%"
}
