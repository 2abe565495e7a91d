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
	d, e := r.out, r.earlier
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
			pop, now := is.Headline()
			rows = append(rows, tableRow{cells: []string{r.issueLabel(is.KeyIssue.ID) + "\n" + r.l.pop(pop), r.l.NotAsked, r.issueCell(now), "–"}})
			continue
		}
		pop, was, now := sameIssuePop(p, is)
		rows = append(rows, tableRow{cells: []string{r.issueLabel(is.KeyIssue.ID) + "\n" + r.l.pop(pop), r.issueCell(was), r.issueCell(now), r.issueChange(was, now)}})
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

// issueChange is the change between two key-issue scores, in words too.
func (r *report) issueChange(a, b analysis.IssueScore) string {
	if !shownIssue(a) || !shownIssue(b) {
		return "–"
	}
	return r.l.change(b.Mean - a.Mean)
}

func shownIssue(s analysis.IssueScore) bool { return !s.Suppressed && s.Items > 0 }

func shownItem(s analysis.Stats) bool { return !s.Suppressed && s.N > 0 }

// samePop picks the figures of one population at both rounds, so that a
// change compares like with like: everyone's when both may be shown, else
// the insiders', else the outsiders'. was and now are each round's
// everyone, insiders and outsiders figures; ok is false when no population
// is shown at both.
func samePop[T any](shown func(T) bool, was, now [3]T) (pop analysis.Population, w, n T, ok bool) {
	for i, p := range []analysis.Population{analysis.PopEveryone, analysis.PopInsiders, analysis.PopOutsiders} {
		if shown(was[i]) && shown(now[i]) {
			return p, was[i], now[i], true
		}
	}
	return analysis.PopNone, was[0], now[0], false
}

// sameIssuePop is [samePop] for a key issue; with no population shown at
// both rounds it gives everyone's (the change is then "–").
func sameIssuePop(was, now analysis.IssueResult) (analysis.Population, analysis.IssueScore, analysis.IssueScore) {
	pop, w, n, ok := samePop(shownIssue, [3]analysis.IssueScore{was.All, was.Insiders, was.Outsiders},
		[3]analysis.IssueScore{now.All, now.Insiders, now.Outsiders})
	if !ok {
		pop = analysis.PopEveryone
	}
	return pop, w, n
}

// sameItemPop is [samePop] for one statement.
func sameItemPop(was, now analysis.ItemResult) (analysis.Population, analysis.Stats, analysis.Stats, bool) {
	return samePop(shownItem, [3]analysis.Stats{was.All, was.Insiders, was.Outsiders}, [3]analysis.Stats{now.All, now.Insiders, now.Outsiders})
}

// moves lists the statements whose overall mean changed most.
func (r *report) moves() {
	d := r.out
	prev := map[string]analysis.ItemResult{}
	for _, it := range r.prevRes.Items {
		prev[it.Statement.ID] = it
	}
	type move struct {
		it       analysis.ItemResult
		pop      analysis.Population
		was, now analysis.Stats
		delta    float64
	}
	var ms []move
	for _, it := range r.res.Items {
		p, ok := prev[it.Statement.ID]
		if !ok {
			continue
		}
		pop, was, now, ok := sameItemPop(p, it)
		if !ok {
			continue
		}
		if delta := now.Mean - was.Mean; math.Abs(delta) >= moveThreshold-1e-9 {
			ms = append(ms, move{it, pop, was, now, delta})
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
			r.statementLabel(m.it.Statement.ID) + "\n" + r.l.pop(m.pop),
			r.mean(m.was.Mean, 2) + "\n" + r.l.nShort(m.was.N),
			r.mean(m.now.Mean, 2) + "\n" + r.l.nShort(m.now.N),
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
	d := r.out
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
