package report

import (
	"github.com/engage-toolkit/engage/internal/analysis"
)

// maxMoves is the most statements the "what changed" section lists.
const maxMoves = 12

// changes writes what changed since the earlier assessment of the same
// partnership: key-issue scores, the statements that moved most, barriers
// gone and new, and where the earlier action plan stands.
func (r *report) changes() {
	d, e := r.out, r.earlier
	then := r.l.isoDate(e.Assessment.Started)
	d.heading(h1, r.l.WhatChanged(then), 30)
	d.para(r.l.ChangesIntro(then, r.rounds.Then.Insiders, r.rounds.Then.Outsiders, r.l.isoDate(r.data.Assessment.Started), r.res.Insiders, r.res.Outsiders), body)

	d.heading(h2, r.l.IssuesThenNow, 25)
	var rows []tableRow
	for _, is := range r.rounds.Issues {
		if !is.Asked {
			rows = append(rows, tableRow{cells: []string{r.issueLabel(is.KeyIssue.ID) + "\n" + r.l.pop(is.Pop), r.l.NotAsked, r.issueCell(is.Now), "–"}})
			continue
		}
		rows = append(rows, tableRow{cells: []string{r.issueLabel(is.KeyIssue.ID) + "\n" + r.l.pop(is.Pop), r.issueCell(is.Then), r.issueCell(is.Now), r.issueChange(is)}})
	}
	d.table(table{cols: []column{
		{title: r.l.KeyIssue},
		{title: r.l.Then + "\n" + r.l.MeanN, w: 28, align: "R"},
		{title: r.l.Now + "\n" + r.l.MeanN, w: 28, align: "R"},
		{title: r.l.Change, w: 28, align: "R"},
	}, rows: rows})

	r.moves()
	r.barrierChanges()
	d.heading(h2, r.l.EarlierPlan, 25)
	r.planChanges()
	r.actionPlan(e.Interventions, true)
}

// issueChange is the change between a key issue's two scores, in words
// too, or a dash when they are not both shown.
func (r *report) issueChange(is analysis.IssueChange) string {
	if !is.Compared {
		return "–"
	}
	return r.l.change(is.Change)
}

// moves lists the statements whose mean changed most.
func (r *report) moves() {
	d, ms := r.out, r.rounds.Moves
	threshold := r.num(analysis.MoveThreshold, 1)
	d.heading(h2, r.l.Moved(threshold), 20)
	if len(ms) == 0 {
		d.para(r.l.NoneMoved(threshold), body)
		return
	}
	if len(ms) > maxMoves {
		d.para(r.l.MovedMore(maxMoves, len(ms)), note)
		ms = ms[:maxMoves]
	}
	var rows []tableRow
	for _, m := range ms {
		rows = append(rows, tableRow{cells: []string{
			r.statementLabel(m.Item.Statement.ID) + "\n" + r.l.pop(m.Pop),
			r.mean(m.Then.Mean, 2) + "\n" + r.l.nShort(m.Then.N),
			r.mean(m.Now.Mean, 2) + "\n" + r.l.nShort(m.Now.N),
			r.l.change(m.Change),
		}})
	}
	d.table(table{cols: []column{
		{title: r.l.Statement},
		{title: r.l.Then, w: 20, align: "R"},
		{title: r.l.Now, w: 20, align: "R"},
		{title: r.l.Change, w: 28, align: "R"},
	}, rows: rows})
}

// barrierChanges lists the barriers that are gone, new and still there.
func (r *report) barrierChanges() {
	d := r.out
	labels := func(items []analysis.ItemResult) []string {
		var out []string
		for _, it := range items {
			out = append(out, r.statementLabel(it.Statement.ID))
		}
		return out
	}
	c := r.rounds
	d.heading(h2, r.l.BarriersThenNow, 20)
	for _, g := range []struct {
		title string
		items []string
	}{{r.l.BarriersGone, labels(c.BarriersGone)}, {r.l.BarriersNew, labels(c.BarriersNew)}, {r.l.BarriersStill, labels(c.BarriersStill)}} {
		if len(g.items) == 0 {
			d.ensure(2 * lineBody)
			d.para(g.title, strong)
			d.para(r.l.None, note)
			continue
		}
		r.bullets(g.title, g.items)
		d.gap(2)
	}
}
