package tui

import (
	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The forms of the barriers screen: findings and the action plan.

// issueOptions are the key issues as form choices, "none" first.
func (b *barriers) issueOptions() []option {
	opts := []option{{"", b.l.T("tui.barriers.form.no_issue")}}
	for _, ki := range b.data.Questionnaire.KeyIssues {
		opts = append(opts, option{ki.ID, ki.Title.In(b.lang)})
	}
	return opts
}

// kindOfBand is the finding a band suggests.
func kindOfBand(band analysis.Band) workbook.FindingKind {
	switch band {
	case analysis.BandGood:
		return workbook.FindingGood
	case analysis.BandBarrier:
		return workbook.FindingBarrier
	}
	return workbook.FindingImprove
}

// findingForm writes a finding (old nil: about the selected row) or edits
// one.
func (b *barriers) findingForm(old *workbook.Finding) Screen {
	f := workbook.Finding{SiteID: b.siteID, AssessmentID: b.assessmentID, Kind: workbook.FindingImprove}
	title, done := b.l.T("tui.barriers.form.new_finding"), b.l.T("tui.barriers.form.finding_written")
	if old != nil {
		f, title, done = *old, b.l.T("tui.barriers.form.edit_finding"), b.l.T("tui.barriers.form.finding_changed")
	} else if row, ok := b.selected(); ok {
		f.KeyIssueID, f.StatementID = row.subject()
		f.Kind = b.kindOf(f.KeyIssueID, f.StatementID)
	}
	kinds := []option{{string(workbook.FindingBarrier), b.l.T("tui.barriers.kind.barrier")}, {string(workbook.FindingGood), b.l.T("tui.barriers.kind.good")},
		{string(workbook.FindingImprove), b.l.T("tui.barriers.kind.improve")}}
	fields := []*field{
		choiceF("kind", b.l.T("tui.barriers.form.kind"), kinds, string(f.Kind)),
		choiceF("key issue", b.l.T("tui.barriers.form.key_issue"), b.issueOptions(), f.KeyIssueID),
		areaF("text", b.l.T("tui.barriers.form.text"), f.Text, workbook.MaxLongText),
	}
	undo := &undoStep{on: b, what: done}
	fm := newForm(b.env, b.l, title, fields, done, func(v map[string]string) func(*workbook.Change) error {
		nf := f
		nf.Kind, nf.KeyIssueID, nf.Text = workbook.FindingKind(v["kind"]), v["key issue"], v["text"]
		return saveFinding(undo, nf)
	})
	fm.undo = undo
	if st, _, ok := b.data.Questionnaire.Statement(f.StatementID); ok {
		fm.intro = b.l.T("tui.barriers.form.about", "Number", b.num.Number(st.ID), "Text", st.Text.In(b.lang))
	}
	fm.check = b.textCheck("text")
	return fm
}

// planForm adds an intervention (old nil) or edits one. Added from a
// statement, its key issue is set and the action starts as the suggested
// intervention shown.
func (b *barriers) planForm(old *workbook.Intervention) Screen {
	iv := workbook.Intervention{SiteID: b.siteID, AssessmentID: b.assessmentID, Status: workbook.StatusPlanned}
	title, done, intro := b.l.T("tui.barriers.form.new_plan"), b.l.T("tui.barriers.form.plan_added"), ""
	if old != nil {
		iv, title, done = *old, b.l.T("tui.barriers.form.edit_plan"), b.l.T("tui.barriers.form.plan_changed")
	} else if row, ok := b.selected(); ok && row.plan == nil {
		// Added from a statement, key issue or finding, the intervention
		// is about its key issue.
		iv.KeyIssueID = row.keyIssue()
		if row.item != nil {
			intro = b.l.T("tui.barriers.form.for", "Number", b.num.Number(row.item.Statement.ID), "Text", statementText(b.l, row.item.Statement, b.lang))
			if s, n, ok := b.suggested(row); ok {
				iv.Action = s
				intro += " " + b.l.T("tui.barriers.form.suggestion", "N", b.suggestionIndex(n)+1, "Of", n)
			}
		}
	}
	fields := []*field{
		textF("action", b.l.T("tui.barriers.form.action"), iv.Action, workbook.MaxShortText),
		textF("owner", b.l.T("tui.barriers.form.owner"), iv.Owner, workbook.MaxShortText),
		textF("due date", b.l.T("tui.barriers.form.due"), iv.Due, 40),
		choiceF("key issue", b.l.T("tui.barriers.form.key_issue"), b.issueOptions(), iv.KeyIssueID),
	}
	if old == nil {
		// A new action starts planned, in progress or done; from then on
		// its status changes by a review (r), which dates it.
		var statuses []option
		for _, s := range workbook.Statuses {
			if s != workbook.StatusDropped {
				statuses = append(statuses, option{string(s), planStatusText(b.l, s)})
			}
		}
		fields = append(fields, choiceF("status", b.l.T("tui.barriers.form.status"), statuses, string(iv.Status)))
	} else {
		intro = b.l.T("tui.barriers.form.status_by_review", "Status", planStatusText(b.l, iv.Status))
	}
	undo := &undoStep{on: b, what: done}
	fm := newForm(b.env, b.l, title, fields, done, func(v map[string]string) func(*workbook.Change) error {
		n := iv
		n.Action, n.Owner, n.Due, n.KeyIssueID = v["action"], v["owner"], v["due date"], v["key issue"]
		if old == nil {
			n.Status = workbook.Status(v["status"])
		}
		return saveIntervention(undo, n)
	})
	fm.undo = undo
	fm.intro = intro
	// The owner is who answers for the action: naming them is the point.
	fm.check = b.textCheck("action")
	return fm
}

// textCheck returns a form check of the named fields against the
// assessment's participants.
func (b *barriers) textCheck(fields ...string) func(map[string]string) string {
	watch := analysis.NewTextWatch(b.data.Participants)
	return func(v map[string]string) string {
		var ws []analysis.TextWarning
		for _, f := range fields {
			ws = append(ws, watch.Check(v[f])...)
		}
		return warnSummary(b.l, ws)
	}
}

// suggested returns the suggested intervention shown for a statement row
// and how many there are.
func (b *barriers) suggested(row bRow) (string, int, bool) {
	if row.item == nil || len(row.item.Statement.Interventions) == 0 {
		return "", 0, false
	}
	ivs := row.item.Statement.Interventions
	return ivs[b.suggestionIndex(len(ivs))].In(b.lang), len(ivs), true
}

func (b *barriers) suggestionIndex(n int) int { return ((b.suggestion % n) + n) % n }
