package report

import (
	"github.com/engage-toolkit/engage/internal/workbook"
)

// record writes, under the cover's table, what the assessment's log says
// a reader of its figures needs to know: when it was reopened and why,
// and the changes made after answers were given (another partnership
// selected, the selected one deleted, a participant deleted with their
// answers). Completions are the table's Completed row. Nothing is written
// when the log holds nothing else.
func (r *report) record() {
	var items []string
	for _, e := range r.data.Assessment.Log {
		if s := r.event(e); s != "" {
			items = append(items, s)
		}
	}
	if len(items) > 0 {
		r.bullets(r.l.lang.T("report.log.heading"), items)
	}
}

// event says one entry of the log, dated, or "" for a completion.
func (r *report) event(e workbook.Event) string {
	l, on := r.l.lang, r.l.date(e.At)
	switch e.Kind {
	case workbook.EventReopened:
		if e.Reason == "" {
			return l.T("report.log.reopened_no_reason", "On", on, "Completed", r.l.isoDate(e.Date))
		}
		return l.T("report.log.reopened", "On", on, "Completed", r.l.isoDate(e.Date), "Reason", r.clean.line(e.Reason))
	case workbook.EventPartnershipChanged:
		from := l.T("report.log.deleted_partnership")
		if e.Partnership != "" {
			from = r.l.quote(r.clean.line(e.Partnership))
		}
		return l.N("report.log.partnership_changed", e.Answers, "On", on, "From", from, "To", r.l.quote(r.clean.line(e.To)))
	case workbook.EventPartnershipDeleted:
		return l.N("report.log.partnership_deleted", e.Answers, "On", on, "Title", r.l.quote(r.clean.line(e.Partnership)))
	case workbook.EventParticipantDeleted:
		if e.Group == workbook.Outsider {
			return l.N("report.log.participant_deleted_outsider", e.Answers, "On", on)
		}
		return l.N("report.log.participant_deleted_insider", e.Answers, "On", on)
	}
	return ""
}
