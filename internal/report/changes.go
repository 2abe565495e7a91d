package report

import (
	"cmp"
	"math"
	"slices"

	"github.com/engage-toolkit/engage/internal/analysis"
)

// moveThreshold is the smallest change in a statement's mean that the
// "what changed" section lists.
const moveThreshold = 0.5

// maxMoves is the most statements the "what changed" section lists.
const maxMoves = 12

// changes writes what changed since the earlier assessment of the same
// partnership: key-issue scores, the statements that moved most, barriers
// gone and new, and where the earlier action plan stands.
func (r *report) changes() {
	d, e := r.d, r.earlier
	then := r.l.isoDate(e.Assessment.Started)
	d.heading(h1, r.l.WhatChanged(then), 30)
	d.para(r.l.ChangesIntro(then, r.prevRes.Insiders, r.prevRes.Outsiders, r.l.isoDate(r.data.Assessment.Started), r.res.Insiders, r.res.Outsiders), body)

	d.heading(h2, r.l.IssuesThenNow, 25)
	prev := map[string]analysis.IssueResult{}
	for _, is := range r.prevRes.Issues {
		prev[is.KeyIssue.ID] = is
	}
	var rows []tableRow
	for _, is := range r.res.Issues {
		p, ok := prev[is.KeyIssue.ID]
		if !ok {
			rows = append(rows, tableRow{cells: []string{r.issueLabel(is.KeyIssue.ID), r.l.NotAsked, r.issueCell(is.All), "–"}})
			continue
		}
		rows = append(rows, tableRow{cells: []string{r.issueLabel(is.KeyIssue.ID), r.issueCell(p.All), r.issueCell(is.All), r.issueChange(p.All, is.All)}})
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
	r.actionPlan(e.Interventions, true)
}

// issueChange is the change between two key-issue scores, in words too.
func (r *report) issueChange(a, b analysis.IssueScore) string {
	if !shownIssue(a) || !shownIssue(b) {
		return "–"
	}
	return r.l.change(b.Mean - a.Mean)
}

func shownIssue(s analysis.IssueScore) bool { return !s.Suppressed && s.Items > 0 }

func shownItem(s analysis.Stats) bool { return !s.Suppressed && s.N > 0 }

// moves lists the statements whose overall mean changed most.
func (r *report) moves() {
	d := r.d
	prev := map[string]analysis.ItemResult{}
	for _, it := range r.prevRes.Items {
		prev[it.Statement.ID] = it
	}
	type move struct {
		it, was analysis.ItemResult
		delta   float64
	}
	var ms []move
	for _, it := range r.res.Items {
		was, ok := prev[it.Statement.ID]
		if !ok || !shownItem(it.All) || !shownItem(was.All) {
			continue
		}
		if delta := it.All.Mean - was.All.Mean; math.Abs(delta) >= moveThreshold-1e-9 {
			ms = append(ms, move{it, was, delta})
		}
	}
	d.heading(h2, r.l.Moved(r.num(moveThreshold, 1)), 20)
	if len(ms) == 0 {
		d.para(r.l.NoneMoved(r.num(moveThreshold, 1)), body)
		return
	}
	slices.SortStableFunc(ms, func(a, b move) int { return cmp.Compare(math.Abs(b.delta), math.Abs(a.delta)) })
	if len(ms) > maxMoves {
		d.para(r.l.MovedMore(maxMoves, len(ms)), note)
		ms = ms[:maxMoves]
	}
	var rows []tableRow
	for _, m := range ms {
		rows = append(rows, tableRow{cells: []string{
			r.statementLabel(m.it.Statement.ID),
			r.num(m.was.All.Mean, 2) + "\n" + r.l.nShort(m.was.All.N),
			r.num(m.it.All.Mean, 2) + "\n" + r.l.nShort(m.it.All.N),
			r.l.change(m.delta),
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
	d := r.d
	was, now := map[string]bool{}, map[string]bool{}
	for _, it := range r.prevRes.Barriers {
		was[it.Statement.ID] = true
	}
	for _, it := range r.res.Barriers {
		now[it.Statement.ID] = true
	}
	var gone, added, still []string
	for _, it := range r.prevRes.Barriers {
		if !now[it.Statement.ID] {
			gone = append(gone, r.statementLabel(it.Statement.ID))
		}
	}
	for _, it := range r.res.Barriers {
		if was[it.Statement.ID] {
			still = append(still, r.statementLabel(it.Statement.ID))
		} else {
			added = append(added, r.statementLabel(it.Statement.ID))
		}
	}
	d.heading(h2, r.l.BarriersThenNow, 20)
	for _, g := range []struct {
		title string
		items []string
	}{{r.l.BarriersGone, gone}, {r.l.BarriersNew, added}, {r.l.BarriersStill, still}} {
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
