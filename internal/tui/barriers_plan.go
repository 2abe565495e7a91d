package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The action plan over time: an action's status in words, overdue in
// words (never by colour alone), the review form that changes the status
// (dropped with a reason) and the screen of an action's review log.

// planStatusText names a status in l.
func planStatusText(l *i18n.Lang, s workbook.Status) string {
	switch s {
	case workbook.StatusInProgress:
		return l.T("tui.barriers.status.in_progress")
	case workbook.StatusDone:
		return l.T("tui.barriers.status.done")
	case workbook.StatusDropped:
		return l.T("tui.barriers.status.dropped")
	}
	return l.T("tui.barriers.status.planned")
}

// statusWidth is the width of the widest status name in l.
func statusWidth(l *i18n.Lang) int {
	w := 0
	for _, s := range workbook.Statuses {
		w = max(w, ansi.StringWidth(planStatusText(l, s)))
	}
	return w
}

// overdueMark is "overdue" in words, in the warning style, for an action
// late on the day today; blanks of the same width for one that is not.
func overdueMark(l *i18n.Lang, st Styles, iv workbook.Intervention, today string) string {
	word := "! " + l.T("tui.barriers.overdue")
	if !iv.Overdue(today) {
		return strings.Repeat(" ", ansi.StringWidth(word))
	}
	return st.Warning.Render(word)
}

// reviewLine is one review on one line: its day, status, reviewer and
// note.
func reviewLine(l *i18n.Lang, rv workbook.Review) string {
	s := l.T("tui.barriers.review_line", "Date", rv.Date, "Status", planStatusText(l, rv.Status))
	if rv.Reviewer != "" {
		s += " " + l.T("tui.barriers.review_by", "Reviewer", textsafe.Line(rv.Reviewer))
	}
	if rv.Note != "" {
		s += ": " + oneLine(rv.Note)
	}
	return s
}

// planDetail is what the detail panel says of an action: its head line,
// its action, when it is overdue, and its reviews (the latest first, as
// many as fit).
func (b *barriers) planDetail(iv workbook.Intervention, budget int) (head string, body []para, hint string) {
	st, today := b.env.styles, b.today
	head = b.l.T("tui.barriers.plan_head", "Status", planStatusText(b.l, iv.Status), "Due", b.orNone(iv.Due), "Owner", b.orNone(iv.Owner),
		"Issue", b.issueTitle(iv.KeyIssueID))
	if iv.Overdue(today) {
		head = st.Warning.Render("! "+b.l.T("tui.barriers.overdue_head")) + " · " + head
	}
	// The row shows the action's first words; short of room, the latest
	// review matters more than the rest of them.
	body = []para{{iv.Action, min(2, max(budget-1, 1))}}
	switch n := len(iv.Reviews); {
	case n == 0:
		body = append(body, para{st.Muted.Render(b.l.T("tui.barriers.no_review")), 1})
	case iv.Status == workbook.StatusDropped:
		last := iv.Reviews[n-1]
		body = append(body, para{b.l.T("tui.barriers.dropped_why", "Date", last.Date, "Reason", iv.DroppedReason()), budget})
	default:
		body = append(body, para{b.l.N("tui.barriers.reviews", n) + " · " + b.l.T("tui.barriers.last_review", "Review", reviewLine(b.l, iv.Reviews[n-1])), 2})
		for i := n - 2; i >= 0; i-- {
			body = append(body, para{st.Muted.Render(reviewLine(b.l, iv.Reviews[i])), 1})
		}
	}
	return head, body, b.l.T("tui.barriers.hint.plan")
}

// reviewForm reviews an action: its status now (the same or another;
// dropped needs a reason), a note, the day (today unless said otherwise)
// and, if wanted, who reviewed it. It is one call of the domain,
// [workbook.Change.AddReview].
func (b *barriers) reviewForm(iv workbook.Intervention) Screen {
	return newReviewForm(b.env, b.l, iv, b.data.Participants)
}

func newReviewForm(e *env, l *i18n.Lang, iv workbook.Intervention, people []workbook.Participant) Screen {
	var statuses []option
	for _, s := range workbook.Statuses {
		statuses = append(statuses, option{string(s), planStatusText(l, s)})
	}
	fields := []*field{
		choiceF("status", l.T("tui.barriers.form.status_now"), statuses, string(iv.Status)),
		areaF("note", l.T("tui.barriers.form.note"), "", workbook.MaxLongText),
		textF("date", l.T("tui.barriers.form.date"), e.svc.Today(), 10),
		textF("reviewer", l.T("tui.barriers.form.reviewer"), "", workbook.MaxShortText),
	}
	sid, aid, id := iv.SiteID, iv.AssessmentID, iv.ID
	fm := newForm(e, l, l.T("tui.barriers.form.review_title"), fields, l.T("tui.barriers.form.reviewed"), func(v map[string]string) func(*workbook.Change) error {
		rv := workbook.Review{Status: workbook.Status(v["status"]), Note: v["note"], Date: strings.TrimSpace(v["date"]), Reviewer: v["reviewer"]}
		return func(c *workbook.Change) error { _, err := c.AddReview(sid, aid, id, rv); return err }
	})
	fm.intro = l.T("tui.barriers.form.review_of", "Action", firstLineOf(iv.Action), "Status", planStatusText(l, iv.Status), "Due", iv.Due)
	if iv.Due == "" {
		fm.intro = l.T("tui.barriers.form.review_of_undated", "Action", firstLineOf(iv.Action), "Status", planStatusText(l, iv.Status))
	}
	fm.intro += "\n" + l.T("tui.barriers.form.review_help")
	// The reviewer is named on purpose, like the owner; the note is free
	// text, and may name a participant.
	watch := analysis.NewTextWatch(people)
	fm.check = func(v map[string]string) string { return warnSummary(l, watch.Check(v["note"])) }
	return fm
}

// reviewLog is the screen of one action's review log, oldest first, with
// the action on top; r adds a review from here too.
type reviewLog struct {
	env                      *env
	l                        *i18n.Lang
	siteID, assessmentID, id string
	iv                       *workbook.Intervention
	people                   []workbook.Participant
	win                      listWindow
	width, height            int
	err                      string
}

func newReviewLog(e *env, l *i18n.Lang, iv workbook.Intervention, people []workbook.Participant) *reviewLog {
	r := &reviewLog{env: e, l: l, siteID: iv.SiteID, assessmentID: iv.AssessmentID, id: iv.ID, iv: &iv, people: people}
	r.win.cursor = max(len(iv.Reviews)-1, 0) // the latest review
	return r
}

type reviewLogMsg struct {
	iv  *workbook.Intervention
	err error
}

func (r *reviewLog) load() tea.Msg {
	var msg reviewLogMsg
	msg.err = r.env.svc.Read(func(rd *workbook.Reader) error {
		ivs, err := rd.Interventions(r.siteID, r.assessmentID)
		for _, iv := range ivs {
			if iv.ID == r.id {
				msg.iv = &iv
			}
		}
		if err == nil && msg.iv == nil {
			err = &workbook.NotFoundError{Kind: "intervention", Ref: r.id}
		}
		return err
	})
	return msg
}

func (r *reviewLog) Init() tea.Cmd    { return nil }
func (r *reviewLog) Lang() *i18n.Lang { return r.l }
func (r *reviewLog) Title() string    { return r.l.T("tui.barriers.log_title") }
func (r *reviewLog) Typing() bool     { return false }
func (r *reviewLog) SetSize(w, h int) { r.width, r.height = w, h; r.scroll() }
func (r *reviewLog) scroll()          { r.win.fit(len(r.iv.Reviews), r.room()) }
func (r *reviewLog) room() int        { return max(r.height-reviewLogHead-reviewLogDetail, 1) }
func (r *reviewLog) Place() workbook.UIState {
	return workbook.UIState{SiteID: r.siteID, AssessmentID: r.assessmentID, Screen: workbook.StepBarriers.Key()}
}

func (r *reviewLog) Keys() []key.Binding {
	k := r.env.keysIn(r.l)
	return []key.Binding{k.Review, k.Up, k.Down, k.PageDown, k.PageUp, k.Back}
}

func (r *reviewLog) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case reloadMsg:
		return r, r.load
	case reviewLogMsg:
		if msg.err != nil {
			r.err = msg.err.Error()
			return r, nil
		}
		r.iv, r.err = msg.iv, ""
		// The newest review is what was just added: show the end.
		r.win.set(len(r.iv.Reviews)-1, len(r.iv.Reviews), r.room())
	case tea.KeyPressMsg:
		k := r.env.keys
		switch {
		case key.Matches(msg, k.Review):
			r.env.open(newReviewForm(r.env, r.l, *r.iv, r.people))
		default:
			r.win.keys(msg, k, len(r.iv.Reviews), r.room())
		}
	}
	return r, nil
}

// The review log's layout: the action, its status line and a blank line
// above the list; a blank line, the selected review in full and the
// place in the list below it.
const (
	reviewLogHead   = 3
	reviewLogDetail = 5
)

func (r *reviewLog) View() string {
	st, l, iv := r.env.styles, r.l, r.iv
	if r.err != "" {
		return st.Error.Render(l.T("tui.select.read_failed", "Err", r.err))
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(truncate(textsafe.Line(firstLineOf(iv.Action)), r.width)) + "\n")
	line := l.T("tui.barriers.log_head", "Status", planStatusText(l, iv.Status), "Due", orNone(l, iv.Due), "Owner", orNone(l, textsafe.Line(iv.Owner)))
	if iv.Overdue(r.env.svc.Today()) {
		line = st.Warning.Render("! "+l.T("tui.barriers.overdue_head")) + " · " + line
	}
	b.WriteString(truncate(line, r.width) + "\n\n")
	if len(iv.Reviews) == 0 {
		b.WriteString(st.Muted.Render(truncate(l.T("tui.barriers.log_empty"), r.width)))
		return b.String()
	}
	statusW := statusWidth(l)
	start, end := r.win.rows(len(iv.Reviews), r.room())
	for i := start; i < r.room()+start; i++ {
		if i >= end {
			b.WriteString("\n")
			continue
		}
		rv := iv.Reviews[i]
		text := rv.Date + "  " + pad(planStatusText(l, rv.Status), statusW) + "  " + oneLine(rv.Note)
		if i == r.win.cursor {
			b.WriteString(st.Selected.Render("› "+pad(ansiStrip(text), r.width-2)) + "\n")
		} else {
			b.WriteString("  " + truncate(text, r.width-2) + "\n")
		}
	}
	rv := iv.Reviews[r.win.cursor]
	full := reviewLine(l, rv)
	b.WriteString("\n" + truncateLines(full, r.width, reviewLogDetail-2) + "\n")
	b.WriteString(st.Muted.Render(truncate(l.T("tui.barriers.n_of", "N", r.win.cursor+1, "Of", len(iv.Reviews)), r.width)))
	return b.String()
}

// oneLine is a note on one line, as text only.
func oneLine(s string) string { return strings.Join(strings.Fields(textsafe.Block(s)), " ") }

// orNone is s, or "none" in l when s is empty.
func orNone(l *i18n.Lang, s string) string {
	if s == "" {
		return l.T("tui.barriers.none")
	}
	return s
}
