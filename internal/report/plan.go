package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The action plan over time, as the site report shows it: what each
// row's cells say (its status, overdue in words, its reviews), the note
// on the day overdue is counted on, and what changed in the earlier
// round's plan since that round. The figures come from package workbook
// (Overdue, CountPlan); here they are only worded. The writing of the
// table itself is actionPlan's (barriers.go).

// maxReviewsShown is how many of an action's reviews its row lists: the
// latest, oldest first, after a line saying how many earlier ones there
// are.
const maxReviewsShown = 5

// planDay is the day the report counts actions overdue on: the day its
// data stands at (the latest change of the assessment's records, of the
// earlier round's plan too), so that the same data always gives the same
// report, whatever the clock says.
func (r *report) planDay() string {
	t := r.asOf
	if r.earlier != nil {
		for _, iv := range r.earlier.Interventions {
			if iv.Updated.After(t) {
				t = iv.Updated
			}
		}
	}
	return t.UTC().Format(time.DateOnly)
}

// planCells are the cells of one row per action: the action with its key
// issue and its reviews; the owner; the due date; the status, with
// OVERDUE under it when the action is late on planDay.
func (r *report) planCells(ivs []workbook.Intervention) [][]string {
	day, t := r.planDay(), r.l.lang
	out := make([][]string, 0, len(ivs))
	for _, iv := range ivs {
		action := r.said(r.clean.line(iv.Action))
		if iv.KeyIssueID != "" {
			action += "\n" + r.issueHeading(iv.KeyIssueID)
		}
		if n := len(iv.Reviews); n > 0 {
			action += "\n" + t.N("report.plan.reviews", n)
			shown := iv.Reviews[max(n-maxReviewsShown, 0):]
			if earlier := n - len(shown); earlier > 0 {
				action += "\n" + t.N("report.plan.earlier_reviews", earlier)
			}
			for _, rv := range shown {
				action += "\n" + r.reviewText(rv)
			}
		}
		due := "–"
		if iv.Due != "" {
			due = r.l.isoDate(iv.Due)
		}
		owner := "–"
		if iv.Owner != "" {
			owner = r.clean.line(iv.Owner)
		}
		status := r.l.status(iv.Status)
		if iv.Overdue(day) {
			status += "\n" + t.T("report.plan.overdue")
		}
		out = append(out, []string{action, owner, due, status})
	}
	return out
}

// reviewText is one review as a row lists it: its day, the status it set
// and its note. Who reviewed it is a name, and stays out of the report.
func (r *report) reviewText(rv workbook.Review) string {
	t := r.l.lang
	if strings.TrimSpace(rv.Note) == "" {
		return t.T("report.plan.review_bare", "Date", r.l.isoDate(rv.Date), "Status", r.l.status(rv.Status))
	}
	note := r.said(strings.Join(strings.Fields(r.clean.block(rv.Note)), " "))
	return t.T("report.plan.review", "Date", r.l.isoDate(rv.Date), "Status", r.l.status(rv.Status), "Note", note)
}

// planNote says, under a plan with an overdue action, what overdue means
// and on which day it is counted.
func (r *report) planNote(ivs []workbook.Intervention) {
	day := r.planDay()
	if workbook.CountPlan(ivs, day).Overdue == 0 {
		return
	}
	r.out.para(r.l.lang.T("report.plan.overdue_note", "Date", r.l.isoDate(day)), note)
}

// sinceDay is the day the earlier round's report is of: the day it was
// completed, else the day its data stands at.
func (r *report) sinceDay() string {
	e := r.earlier
	if e.Assessment.Completed != "" {
		return e.Assessment.Completed
	}
	return asOf(e).UTC().Format(time.DateOnly)
}

// planChanges says what became of the earlier round's plan since that
// round's report: how many of its actions are done, dropped and still
// open (and overdue) now, and how many reviews were made since.
func (r *report) planChanges() {
	p := r.rounds.Plan
	if len(p.Actions) == 0 {
		return
	}
	n := p.Counts
	r.out.para(r.l.lang.N("report.plan.since", n.Actions, "Since", r.l.isoDate(p.Since), "Done", n.Done, "Dropped", n.Dropped,
		"Open", strconv.Itoa(n.Planned+n.InProgress), "Overdue", n.Overdue, "Day", r.l.isoDate(p.Day),
		"Reviews", r.l.lang.N("report.plan.n_reviews", p.Reviews)), body)
}
