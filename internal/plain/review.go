package plain

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// review opens the review of the action of the plan numbered rest (as l
// lists them).
func (b *barriersStep) review(s *session, rest string) {
	l, n := b.l, len(b.data.Interventions)
	switch {
	case n == 0:
		s.say(l.T("plain.barriers.no_actions_to_review"))
		return
	case rest == "":
		s.say(l.T("plain.barriers.review_how"))
		return
	}
	i, ok := choice(rest, n)
	if !ok {
		outOfRange(s, l, rest, n)
		return
	}
	s.push(b.reviewForm(s, b.data.Interventions[i]))
}

// reviewForm reviews an action of the plan: its status now (the same or
// another), the day (today unless said otherwise), who reviewed it, if
// wanted, and a note, which says why when the action is dropped. It is
// one call of the domain, [workbook.Change.AddReview], as on the
// interactive workbook's review form; the domain checks the day and the
// reason.
func (b *barriersStep) reviewForm(s *session, iv workbook.Intervention) *form {
	l := b.l
	var statuses []option
	for _, st := range workbook.Statuses {
		statuses = append(statuses, option{string(st), statusWords.in(l, st)})
	}
	fields := []*field{
		{name: "status", label: l.T("plain.barriers.field_status_now"), kind: fieldChoice, options: statuses},
		{name: "date", label: l.T("plain.barriers.field_review_date", "Today", day(l, s.svc.Today()))},
		{name: "reviewer", label: l.T("plain.barriers.field_reviewer")},
		{name: "note", label: l.T("plain.barriers.field_review_note"),
			requiredIf: func(v formValues) bool { return workbook.Status(v.text("status")) == workbook.StatusDropped }},
	}
	sid, aid, id := iv.SiteID, iv.AssessmentID, iv.ID
	f := newForm(l, l.T("plain.barriers.review_form"), fields, func(v formValues) func(*workbook.Change) error {
		rv := workbook.Review{Status: workbook.Status(v.text("status")), Date: strings.TrimSpace(v.text("date")),
			Reviewer: v.text("reviewer"), Note: v.text("note")}
		return func(c *workbook.Change) error {
			if rv.Date == "" {
				rv.Date = c.Today()
			}
			_, err := c.AddReview(sid, aid, id, rv)
			return err
		}
	}, func(v formValues) string {
		return l.T("plain.barriers.review_saved", "Action", text(iv.Action), "Status", statusWords.in(l, workbook.Status(v.text("status"))))
	})
	// The reviewer is named on purpose, like the owner; the note is free
	// text, and may name a participant.
	watch := analysis.NewTextWatch(b.data.Participants)
	f.warn = func(v formValues) string { return warnings(l, watch.Check(v.text("note"))) }
	f.context = []string{l.T("plain.barriers.review_of", "Item", sentence(b.actionItem(iv, s.svc.Today())))}
	if last, ok := iv.LastReview(); ok {
		f.context = append(f.context, l.N("plain.barriers.reviewed_before", len(iv.Reviews), "Date", day(l, last.Date)))
	}
	return f
}
