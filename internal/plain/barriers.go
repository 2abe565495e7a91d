package plain

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// barriersStep is step 5: what the scores show, as analysis.Analyse
// computes it with the disclosure rule (each key issue's headline score
// and band, the key issues grouped by band, the statements in the barrier
// band, the key issues' verification gaps), and what the facilitator
// writes up from it: confirmed barriers, findings and the action plan.
// Every figure is the analysis's, worded.
type barriersStep struct {
	siteID, aid string
	data        *workbook.AssessmentData
	l           *i18n.Lang
	lang        string
	q           *questionnaire.Questionnaire
	res         analysis.Result
	num         questionnaire.Numbering
	confirmed   map[string]bool // statements with a confirmed-barrier finding
}

func newBarriers(siteID, aid string) *barriersStep { return &barriersStep{siteID: siteID, aid: aid} }

func (b *barriersStep) speaks() *i18n.Lang { return b.l }
func (b *barriersStep) title() string      { return b.l.T("plain.barriers.title") }

func (b *barriersStep) load(s *session) error {
	d, l, err := loadAssessment(s, b.siteID, b.aid)
	b.l = l
	if err != nil {
		return err
	}
	b.data, b.lang, b.q = d, d.Assessment.Language, d.Questionnaire
	b.res = analysis.Analyse(b.q, d.Participants, d.Responses)
	b.num = b.q.Numbering()
	b.confirmed = map[string]bool{}
	for _, f := range d.Findings {
		if f.Kind == workbook.FindingBarrier && f.StatementID != "" {
			b.confirmed[f.StatementID] = true
		}
	}
	return nil
}

func (b *barriersStep) issueName(i int) string {
	return b.l.T("plain.barriers.issue_name", "N", i+1, "Title", text(b.res.Issues[i].KeyIssue.Title.In(b.lang)))
}

func (b *barriersStep) show(s *session) {
	l := b.l
	s.say(l.T("plain.barriers.heading", "Insiders", l.N("plain.site.n_insiders", b.res.Insiders),
		"Outsiders", l.N("plain.site.n_outsiders", b.res.Outsiders)))
	s.say(l.T("plain.barriers.bands", "Good", l.Num(b.q.Bands.Good, 2), "Improve", l.Num(b.q.Bands.Improve, 2), "Min", analysis.MinRespondents))
	// Each key issue's headline, then the key issues by its band.
	s.say(l.T("plain.barriers.issues"))
	byBand := map[analysis.Band][]string{}
	for i, is := range b.res.Issues {
		s.say(l.T("plain.barriers.issue_line", "N", i+1, "Title", text(is.KeyIssue.Title.In(b.lang)), "Figure", b.issueFigure(is)))
		if pop, sc := is.Headline(); pop != analysis.PopNone && sc.Band != analysis.BandNone {
			byBand[sc.Band] = append(byBand[sc.Band], l.T("plain.barriers.issue_n", "N", i+1))
		}
	}
	for _, band := range []struct {
		b        analysis.Band
		id, none string
	}{{analysis.BandGood, "plain.barriers.good_areas", "plain.barriers.no_good_areas"},
		{analysis.BandImprove, "plain.barriers.to_improve", "plain.barriers.none_to_improve"},
		{analysis.BandBarrier, "plain.barriers.barrier_issues", "plain.barriers.no_barrier_issues"}} {
		if list := byBand[band.b]; len(list) > 0 {
			s.say(l.T(band.id, "List", andList(l, list)))
		} else {
			s.say(l.T(band.none))
		}
	}
	// The statements in the barrier band, lowest first.
	if len(b.res.Barriers) == 0 {
		s.say(l.T("plain.barriers.no_statements", "Improve", l.Num(b.q.Bands.Improve, 2), "Min", analysis.MinRespondents))
	} else {
		s.say(l.N("plain.barriers.statements", len(b.res.Barriers)))
		for i, it := range b.res.Barriers {
			sayItem(s, l, i+1, b.barrierItem(it))
		}
	}
	// The key issues' verification gaps.
	gaps := 0
	for i, is := range b.res.Issues {
		if g := is.Gap; g.Known && g.Kind != analysis.GapNone {
			gaps++
			s.say(b.gapSentence(i, g))
		}
	}
	if gaps == 0 {
		s.say(l.T("plain.barriers.no_gaps", "Threshold", l.Num(analysis.GapThreshold, 1), "Min", analysis.MinRespondents))
	}
	s.say(l.T("plain.barriers.written", "Findings", l.N("plain.site.n_findings", len(b.data.Findings)),
		"Actions", l.N("plain.site.n_actions", len(b.data.Interventions))))
}

// issueFigure words a key issue's headline score: whose mean, the band,
// how many people and statements; or why there is no figure.
func (b *barriersStep) issueFigure(is analysis.IssueResult) string {
	l := b.l
	pop, sc := is.Headline()
	switch {
	case is.All.Respondents == 0:
		return l.T("plain.barriers.no_scores")
	case pop == analysis.PopNone && sc.Suppressed:
		return l.T("plain.barriers.suppressed", "Min", analysis.MinRespondents)
	case pop == analysis.PopNone:
		return l.T("plain.barriers.no_figure", "Min", analysis.MinRespondents)
	}
	return l.T("plain.barriers.issue_figure", "Whose", whoseWords.in(l, pop), "Mean", mean(l, b.q.Bands, sc.Mean), "Band", bandPhrases.in(l, sc.Band),
		"People", l.N("plain.barriers.n_people", sc.Respondents), "Statements", l.N("plain.barriers.n_statements", sc.Items))
}

// barrierItem words one statement of the barrier band.
func (b *barriersStep) barrierItem(it analysis.ItemResult) string {
	l := b.l
	pop, st := it.Headline()
	var marks []string
	if st.Contested {
		marks = append(marks, l.T("plain.barriers.contested"))
	}
	if b.confirmed[it.Statement.ID] {
		marks = append(marks, l.T("plain.barriers.confirmed"))
	}
	words := text(it.Statement.Text.In(b.lang))
	if it.Statement.Reverse {
		words += " " + l.T("plain.score.reversed")
	}
	figure := l.T("plain.barriers.statement_figure", "Whose", whoseWords.in(l, pop), "Mean", mean(l, b.q.Bands, st.Mean), "People", l.N("plain.barriers.n_people", st.N))
	if len(marks) > 0 {
		figure += ", " + strings.Join(marks, ", ")
	}
	return l.T("plain.barriers.statement_item", "Number", b.num.Number(it.Statement.ID), "Figure", figure, "Text", words)
}

// gapSentence words a key issue's verification gap with the two means it
// is the difference of, as every output prints them.
func (b *barriersStep) gapSentence(i int, g analysis.Gap) string {
	l := b.l
	gap, ins, outs := analysis.ShownGapFigures(b.q.Bands, g, 2)
	id := "plain.barriers.blind_spot"
	if g.Kind == analysis.GapUnrecognisedStrength {
		id, gap = "plain.barriers.strength", -gap
	}
	return l.T(id, "Issue", b.issueName(i), "Insiders", l.Num(ins, 2), "Outsiders", l.Num(outs, 2), "Gap", l.Num(gap, 2),
		"Statements", l.N("plain.barriers.n_statements", g.Compared),
		"People", l.T("plain.barriers.gap_people", "Insiders", l.N("plain.site.n_insiders", g.Insiders), "Outsiders", l.N("plain.site.n_outsiders", g.Outsiders)))
}

func (b *barriersStep) prompt() string { return b.l.T("plain.barriers.prompt") }

func (b *barriersStep) commands() []command {
	l := b.l
	cs := []command{}
	if len(b.res.Barriers) > 0 {
		cs = append(cs, command{l.T("plain.barriers.cmd_confirm_keys", "Last", len(b.res.Barriers)), l.T("plain.barriers.cmd_confirm")})
	}
	cs = append(cs, command{"f", l.T("plain.barriers.cmd_finding")})
	if len(b.res.Barriers) > 0 {
		cs = append(cs, command{l.T("plain.barriers.cmd_finding_on_keys"), l.T("plain.barriers.cmd_finding_on")})
	}
	cs = append(cs, command{"i", l.T("plain.barriers.cmd_action")})
	if len(b.res.Barriers) > 0 {
		cs = append(cs, command{l.T("plain.barriers.cmd_action_on_keys"), l.T("plain.barriers.cmd_action_on")})
	}
	if n := len(b.data.Interventions); n > 0 {
		cs = append(cs, command{l.T("plain.barriers.cmd_review_keys", "Last", n), l.T("plain.barriers.cmd_review")})
	}
	return append(cs, command{"l", l.T("plain.barriers.cmd_list")})
}

func (b *barriersStep) answer(s *session, line string) {
	l := b.l
	cmd, rest := word(line)
	var item *analysis.ItemResult
	if rest != "" && (cmd == "y" || cmd == "f" || cmd == "i") {
		i, ok := choice(rest, len(b.res.Barriers))
		if !ok {
			outOfRange(s, l, rest, len(b.res.Barriers))
			return
		}
		item = &b.res.Barriers[i]
	}
	switch {
	case cmd == "y" && item != nil:
		b.confirm(s, *item)
	case cmd == "y":
		s.say(l.T("plain.barriers.confirm_how"))
	case cmd == "f":
		s.push(b.findingForm(item))
	case cmd == "i":
		s.push(b.actionForm(item))
	case cmd == "v":
		b.review(s, rest)
	case line == "l":
		b.list(s)
	default:
		s.unknown(l, line)
	}
}

// confirm records a statement of the barrier band as a barrier the group
// confirmed.
func (b *barriersStep) confirm(s *session, it analysis.ItemResult) {
	l, number := b.l, b.num.Number(it.Statement.ID)
	if b.confirmed[it.Statement.ID] {
		s.say(l.T("plain.barriers.already_confirmed", "Number", number))
		return
	}
	f := workbook.Finding{SiteID: b.siteID, AssessmentID: b.aid, Kind: workbook.FindingBarrier, KeyIssueID: it.KeyIssueID, StatementID: it.Statement.ID}
	if s.change(l, func(c *workbook.Change) error { _, err := c.SaveFinding(f); return err },
		func() string { return l.T("plain.barriers.confirmed_saved", "Number", number) }) {
		if err := b.load(s); err != nil {
			s.say(l.T("plain.read_failed", "Err", errText(err)))
		}
	}
}

// list says the findings and the action plan.
func (b *barriersStep) list(s *session) {
	l := b.l
	s.say(l.N("plain.barriers.findings_heading", len(b.data.Findings)))
	for i, f := range b.data.Findings {
		// About a statement, a finding without words of its own reads
		// the statement's.
		about, words := b.issueTitle(f.KeyIssueID), text(f.Text)
		if st, _, ok := b.q.Statement(f.StatementID); ok && f.StatementID != "" {
			about = l.T("plain.barriers.about_statement", "Number", b.num.Number(st.ID))
			if words == "" {
				words = text(st.Text.In(b.lang))
			}
		}
		item := l.T("plain.barriers.finding_item_bare", "Kind", kindWords.in(l, f.Kind), "About", about)
		if words != "" {
			item = l.T("plain.barriers.finding_item", "Kind", kindWords.in(l, f.Kind), "About", about, "Text", words)
		}
		sayItem(s, l, i+1, item)
	}
	s.say(l.N("plain.barriers.actions_heading", len(b.data.Interventions)))
	today := s.svc.Today()
	for i, iv := range b.data.Interventions {
		sayItem(s, l, i+1, b.actionItem(iv, today))
	}
}

// actionItem words an action of the plan: overdue on the day today, the
// action, its owner, due date, key issue and status.
func (b *barriersStep) actionItem(iv workbook.Intervention, today string) string {
	l := b.l
	parts := []string{text(iv.Action)}
	if iv.Overdue(today) {
		parts = []string{l.T("plain.barriers.overdue"), text(iv.Action)}
	}
	if o := text(iv.Owner); o != "" {
		parts = append(parts, l.T("plain.barriers.owner", "Owner", o))
	}
	if iv.Due != "" {
		parts = append(parts, l.T("plain.barriers.due", "Date", day(l, iv.Due)))
	}
	parts = append(parts, b.issueTitle(iv.KeyIssueID), statusWords.in(l, iv.Status))
	return strings.Join(parts, "; ")
}

// issueTitle names a key issue by its id, or says there is none.
func (b *barriersStep) issueTitle(id string) string {
	for i, is := range b.res.Issues {
		if is.KeyIssue.ID == id && id != "" {
			return b.issueName(i)
		}
	}
	return b.l.T("plain.barriers.no_issue")
}

// issueOptions are the key issues as a field's options, none last.
func (b *barriersStep) issueOptions() []option {
	var opts []option
	for i, is := range b.res.Issues {
		opts = append(opts, option{is.KeyIssue.ID, b.issueName(i)})
	}
	return append(opts, option{"", b.l.T("plain.barriers.no_issue")})
}

// findingForm writes a good area, an area to improve or a barrier: about
// a statement of the barrier band (it), or a key issue.
func (b *barriersStep) findingForm(it *analysis.ItemResult) *form {
	l := b.l
	kinds := []option{{string(workbook.FindingGood), kindWords.in(l, workbook.FindingGood)},
		{string(workbook.FindingImprove), kindWords.in(l, workbook.FindingImprove)},
		{string(workbook.FindingBarrier), kindWords.in(l, workbook.FindingBarrier)}}
	fields := []*field{{name: "kind", label: l.T("plain.barriers.field_kind"), kind: fieldChoice, options: kinds}}
	if it == nil {
		fields = append(fields, &field{name: "key issue", label: l.T("plain.barriers.field_issue"), kind: fieldChoice, options: b.issueOptions()})
	}
	fields = append(fields, &field{name: "text", label: l.T("plain.barriers.field_text"), required: it == nil})
	watch := analysis.NewTextWatch(b.data.Participants)
	f := newForm(l, l.T("plain.barriers.finding_form"), fields, func(v formValues) func(*workbook.Change) error {
		fd := workbook.Finding{SiteID: b.siteID, AssessmentID: b.aid, Kind: workbook.FindingKind(v.text("kind")), Text: v.text("text")}
		if it != nil {
			fd.KeyIssueID, fd.StatementID = it.KeyIssueID, it.Statement.ID
		} else {
			fd.KeyIssueID = v.text("key issue")
		}
		return func(c *workbook.Change) error { _, err := c.SaveFinding(fd); return err }
	}, func(v formValues) string {
		return l.T("plain.barriers.finding_saved", "Kind", kindWords.in(l, workbook.FindingKind(v.text("kind"))))
	})
	f.warn = func(v formValues) string { return warnings(l, watch.Check(v.text("text"))) }
	if it != nil {
		f.context = []string{l.T("plain.barriers.form_about", "Item", b.barrierItem(*it))}
	}
	return f
}

// actionForm adds a line to the action plan: for a statement of the
// barrier band (it: its key issue, and its suggested interventions read
// out), or any key issue.
func (b *barriersStep) actionForm(it *analysis.ItemResult) *form {
	l := b.l
	var statuses []option
	for _, st := range workbook.Statuses {
		// A new action is not dropped: a review drops it, saying why.
		if st != workbook.StatusDropped {
			statuses = append(statuses, option{string(st), statusWords.in(l, st)})
		}
	}
	fields := []*field{
		{name: "action", label: l.T("plain.barriers.field_action"), required: true},
		{name: "owner", label: l.T("plain.barriers.field_owner")},
		{name: "due date", label: l.T("plain.barriers.field_due")},
	}
	if it == nil {
		fields = append(fields, &field{name: "key issue", label: l.T("plain.barriers.field_issue"), kind: fieldChoice, options: b.issueOptions()})
	}
	fields = append(fields, &field{name: "status", label: l.T("plain.barriers.field_status"), kind: fieldChoice, options: statuses})
	watch := analysis.NewTextWatch(b.data.Participants)
	f := newForm(l, l.T("plain.barriers.action_form"), fields, func(v formValues) func(*workbook.Change) error {
		iv := workbook.Intervention{SiteID: b.siteID, AssessmentID: b.aid, Action: v.text("action"), Owner: v.text("owner"),
			Due: v.text("due date"), Status: workbook.Status(v.text("status"))}
		if it != nil {
			iv.KeyIssueID = it.KeyIssueID
		} else {
			iv.KeyIssueID = v.text("key issue")
		}
		return func(c *workbook.Change) error { _, err := c.SaveIntervention(iv); return err }
	}, func(v formValues) string {
		return l.T("plain.barriers.action_saved", "Action", text(v.text("action")))
	})
	// The owner is who answers for the action: naming them is the point,
	// so only the action is watched.
	f.warn = func(v formValues) string { return warnings(l, watch.Check(v.text("action"))) }
	if it != nil {
		f.context = []string{l.T("plain.barriers.form_for", "Item", b.barrierItem(*it))}
		for i, sug := range it.Statement.Interventions {
			f.context = append(f.context, l.T("plain.barriers.suggestion", "N", i+1, "Text", text(sug.In(b.lang))))
		}
	}
	return f
}
