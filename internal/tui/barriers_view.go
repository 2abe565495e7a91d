package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The barriers screen's layout: a title line, the bands legend, one line
// per key issue, a blank line and the section tabs above the list; a rule
// and the detail of the selected row below it.
const (
	barriersHeadLines   = 4 // title, legend, blank, tabs (plus one line per key issue)
	barriersDetailLines = 5 // rule, heading, two lines of text, hint
)

// listRoom is the number of list rows that fit.
func (b *barriers) listRoom() int {
	issues := 0
	if b.data != nil {
		issues = len(b.data.Questionnaire.KeyIssues)
	}
	return max(b.height-barriersHeadLines-issues-b.detailLines()-b.filterLines(), 1)
}

// filterLines is 1 while the findings show the filter's line: while it is
// typed or on.
func (b *barriers) filterLines() int {
	if b.section == secFindings && (b.find.typing || b.find.on()) {
		return 1
	}
	return 0
}

func (b *barriers) View() string {
	st := b.env.styles
	switch {
	case b.err != "":
		return st.Error.Render(b.l.T("tui.select.read_failed", "Err", b.err))
	case b.data == nil:
		return st.Muted.Render(b.l.T("tui.map.reading"))
	}
	return b.head() + "\n" + b.list() + "\n" + b.detail()
}

// head draws the title, each key issue's score as a bar with its band, and
// the section tabs.
func (b *barriers) head() string {
	st := b.env.styles
	w := b.width
	q := b.data.Questionnaire
	state := st.Saved.Render(b.l.T("tui.select.all_saved"))
	if b.env.saves.busy() {
		state = st.Pending.Render(b.l.T("tui.map.saving"))
	}
	title := st.Title.Render(b.l.T("tui.barriers.heading")) + st.Muted.Render(" · "+answeredText(b.l, b.res.Insiders, b.res.Outsiders))
	var out strings.Builder
	stateW := ansi.StringWidth(state)
	out.WriteString(pad(truncate(title, w-stateW-1), w-stateW-1) + " " + state + "\n")
	// The second line is the bands' legend, or the report's progress and
	// path once R was pressed.
	switch {
	case b.reporting:
		out.WriteString(truncate(b.spin.View()+st.Pending.Render(" "+b.l.T("tui.barriers.writing")), w) + "\n")
	case b.report != "" && b.reportErr:
		out.WriteString(st.Error.Render(truncate(b.report, w)) + "\n")
	case b.report != "":
		out.WriteString(st.Saved.Render(truncate(b.report, w)) + "\n")
	default:
		out.WriteString(st.Muted.Render(truncate(b.l.T("tui.barriers.legend", "Good", b.l.Num(q.Bands.Good, 2), "Improve", b.l.Num(q.Bands.Improve, 2)), w)) + "\n")
	}
	// A line is the name, the bar and 37 cells of figures (whose, the
	// mean, the band, n; more when the language's band names are longer):
	// the bar takes a third of what is left, the name the rest. The figure
	// is the key issue's headline: everyone's, or the insiders' when the
	// outsiders are too few to be pooled.
	bandW := b.bandWidth()
	figW := 37 + bandW - 10
	barW := min(max((w-figW)/3, 8), 40)
	nameW := min(max(w-figW-barW, 12), 60)
	for _, is := range b.res.Issues {
		line := "  " + pad(is.KeyIssue.Title.In(b.lang), nameW) + " "
		pop, s := is.Headline()
		switch {
		case is.All.Respondents == 0:
			line += st.Muted.Render(b.l.T("tui.dialogue.no_scores"))
		case pop == analysis.PopNone && s.Suppressed:
			line += st.Muted.Render(b.l.T("tui.barriers.issue_suppressed", "Min", analysis.MinRespondents))
		case pop == analysis.PopNone:
			line += st.Muted.Render(b.l.T("tui.barriers.issue_none", "Min", analysis.MinRespondents))
		default:
			line += bar(st, int(s.Mean*100+0.5), q.Scale.Points*100, barW) + "  " + pad(popText(b.l, pop), 9) + " " + mean(b.l, q.Bands, s.Mean) + "  " +
				pad(bandText(b.l, st, s.Band), bandW) + fmt.Sprintf("  n=%d", s.Respondents)
		}
		out.WriteString(truncate(line, w) + "\n")
	}
	out.WriteString("\n")
	var tabs []string
	for s := range barrierSections {
		label := fmt.Sprintf("%s %d", b.l.T(barrierSectionIDs[s]), len(b.lists[s]))
		if s == b.section {
			tabs = append(tabs, st.Selected.Render("["+label+"]"))
		} else {
			tabs = append(tabs, st.Muted.Render(" "+label+" "))
		}
	}
	line := strings.Join(tabs, " ")
	if n := len(b.lists[b.section]); n > 0 {
		line += st.Muted.Render("  " + b.l.T("tui.barriers.n_of", "N", b.win[b.section].cursor+1, "Of", n))
	}
	out.WriteString(truncate(line, w))
	return out.String()
}

// list draws the rows of the current barrierSection that fit.
func (b *barriers) list() string {
	st := b.env.styles
	rows := b.lists[b.section]
	room := b.listRoom()
	head := ""
	if b.filterLines() > 0 {
		head = b.find.line(b.l, st, b.width, len(rows), len(b.findings)) + "\n"
	}
	switch {
	case len(rows) == 0 && b.section == secFindings && b.find.on():
		return head + b.find.none(b.l, st, b.width) + strings.Repeat("\n", room-1)
	case len(rows) == 0:
		return head + st.Muted.Render(truncate(b.empty(), b.width)) + strings.Repeat("\n", room-1)
	}
	var lines []string
	start := b.win[b.section].offset
	for i := start; i < len(rows) && i < start+room; i++ {
		line := b.row(i, rows[i])
		if i == b.win[b.section].cursor {
			lines = append(lines, st.Selected.Render("› "+pad(ansiStrip(line), b.width-2)))
		} else {
			lines = append(lines, "  "+truncate(line, b.width-2))
		}
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	return head + strings.Join(lines, "\n")
}

func (b *barriers) empty() string {
	switch b.section {
	case secBarriers:
		return b.l.T("tui.barriers.empty.barriers", "Improve", b.l.Num(b.data.Questionnaire.Bands.Improve, 2), "Min", analysis.MinRespondents)
	case secContested:
		return b.l.T("tui.barriers.empty.contested", "SD", b.l.Num(1, 1))
	case secGaps:
		return b.l.T("tui.barriers.empty.gaps", "Threshold", b.l.Num(analysis.GapThreshold, 1), "Min", analysis.MinRespondents)
	case secFindings:
		return b.l.T("tui.barriers.empty.findings")
	}
	return b.l.T("tui.barriers.empty.plan")
}

// row draws one row of a section.
func (b *barriers) row(i int, r bRow) string {
	st := b.env.styles
	switch {
	case r.issue != nil:
		is := r.issue
		return b.gapRow(is.Gap, statCell(b.l, b.data.Questionnaire.Bands, is.group(false)), statCell(b.l, b.data.Questionnaire.Bands, is.group(true)),
			b.l.T("tui.gaps.key_issue", "Issue", is.KeyIssue.Title.In(b.lang)))
	case r.item != nil:
		it := r.item
		text := pad(b.num.Number(it.Statement.ID), 4) + " " + statementText(b.l, it.Statement, b.lang)
		switch b.section {
		case secBarriers:
			confirmed, saving := "✓ "+b.l.T("tui.barriers.row_confirmed"), "… "+b.l.T("tui.map.saving")
			markW := max(ansi.StringWidth(confirmed), ansi.StringWidth(saving))
			mark := strings.Repeat(" ", markW)
			switch {
			case b.confirmed[it.Statement.ID]:
				mark = st.Good.Render(pad(confirmed, markW))
			case b.pending["confirm/"+it.Statement.ID]:
				mark = st.Pending.Render(pad(saving, markW))
			}
			pop, s := it.Headline()
			contestedWord := b.l.T("tui.barriers.row_contested")
			contested := strings.Repeat(" ", ansi.StringWidth(contestedWord))
			if s.Contested {
				contested = st.Warning.Render(contestedWord)
			}
			return fmt.Sprintf("%2d. %s %s %-5s %s %s %s", i+1, pad(popText(b.l, pop), 9), mean(b.l, b.data.Questionnaire.Bands, s.Mean), fmt.Sprintf("n=%d", s.N), mark, contested, text)
		case secContested:
			pop, s := it.Headline()
			return fmt.Sprintf("%s %s %s %d–%d %s %-5s %s", pad(popText(b.l, pop), 9), mean(b.l, b.data.Questionnaire.Bands, s.Mean), pad(bandText(b.l, st, s.Band), b.bandWidth()),
				s.Min, s.Max, b.l.T("tui.barriers.sd", "SD", b.l.Num(analysis.ShownSD(s.SD, 2), 2)), fmt.Sprintf("n=%d", s.N), text)
		}
		return b.gapRow(it.Gap, statCell(b.l, b.data.Questionnaire.Bands, it.Insiders), statCell(b.l, b.data.Questionnaire.Bands, it.Outsiders), text)
	case r.finding != nil:
		f := r.finding
		text := firstLineOf(f.Text)
		if s, _, ok := b.data.Questionnaire.Statement(f.StatementID); ok && text == "" {
			text = st.Muted.Render(b.l.T("tui.barriers.statement_lower", "Number", b.num.Number(s.ID), "Text", statementText(b.l, s, b.lang)))
		}
		issueW := 18
		if b.width >= wideFrom {
			issueW = 32
		}
		kindW := 18
		for _, k := range []workbook.FindingKind{workbook.FindingBarrier, workbook.FindingGood, workbook.FindingImprove} {
			kindW = max(kindW, ansi.StringWidth(findingText(b.l, st, k))+1)
		}
		return b.pendingMark("finding/"+f.ID) + pad(findingText(b.l, st, f.Kind), kindW) + " " + pad(b.issueTitle(f.KeyIssueID), issueW) + " " + text
	case r.plan != nil:
		iv := r.plan
		due := iv.Due
		if due == "" {
			due = b.l.T("tui.barriers.no_date")
		}
		ownerW := 16
		if b.width >= wideFrom {
			ownerW = 26
		}
		late := ""
		if b.overdue > 0 {
			late = overdueMark(b.l, st, *iv, b.today) + " "
		}
		return b.pendingMark("plan/"+iv.ID) + pad(planStatusText(b.l, iv.Status), max(statusWidth(b.l), 11)) + " " + pad(due, 10) + " " +
			late + pad(iv.Owner, ownerW) + " " + firstLineOf(iv.Action)
	}
	return ""
}

// gapRow lays out a row of the gaps: the gap, its kind in words, and when
// the window is wide both groups' figures, then the text.
func (b *barriers) gapRow(g analysis.Gap, ins, outs, text string) string {
	st := b.env.styles
	line := gapCell(b.l, st, b.data.Questionnaire.Bands, g) + " " + pad(gapWord(b.l, st, g), gapWordWidth(b.l)) + " "
	if b.width >= wideFrom {
		line += pad(ins, statCellWidth(b.l)) + " " + pad(outs, statCellWidth(b.l)) + " "
	}
	return line + text
}

func (b *barriers) pendingMark(k string) string {
	if b.pending[k] {
		return b.env.styles.Pending.Render("… ")
	}
	return ""
}

func (b *barriers) issueTitle(id string) string {
	if ki, ok := b.data.Questionnaire.KeyIssue(id); ok {
		return ki.Title.In(b.lang)
	}
	return b.l.T("tui.barriers.no_issue")
}

// bandWidth is the width of the widest band's name in the screen's
// language, at least 10.
func (b *barriers) bandWidth() int {
	w := 10
	for _, band := range []analysis.Band{analysis.BandGood, analysis.BandImprove, analysis.BandBarrier, analysis.BandNone} {
		w = max(w, ansi.StringWidth(bandText(b.l, b.env.styles, band)))
	}
	return w
}

// findingText names a finding's kind in words.
func findingText(l *i18n.Lang, st Styles, k workbook.FindingKind) string {
	switch k {
	case workbook.FindingBarrier:
		return st.Barrier.Render(l.T("tui.barriers.finding.barrier"))
	case workbook.FindingGood:
		return st.Good.Render(l.T("tui.barriers.finding.good"))
	}
	return st.Improve.Render(l.T("tui.barriers.finding.improve"))
}

// detailLines is the height of the detail panel: rule, heading, body and
// hint. A tall window gives the body room for the figures by group, the
// dialogue notes and every suggested intervention.
func (b *barriers) detailLines() int {
	if b.height >= 30 {
		return 11
	}
	return barriersDetailLines
}

// para is a paragraph of the detail panel: it wraps to at most max lines.
type para struct {
	text string
	max  int
}

// detail draws the selected row in full, with what can be done with it.
func (b *barriers) detail() string {
	st := b.env.styles
	w := b.width
	budget := b.detailLines() - 3
	tall := budget > 2
	row, ok := b.selected()
	var head, hint string
	var body []para
	switch {
	case !ok:
		hint = b.l.T("tui.barriers.hint.none")
	case row.item != nil:
		head, body, hint = b.itemDetail(row, tall)
	case row.issue != nil:
		is := row.issue
		head = b.l.T("tui.gaps.key_issue", "Issue", is.KeyIssue.Title.In(b.lang))
		body = []para{{gapStyle(st, is.Gap, b.l.N("tui.gaps.compared_on", is.Gap.Compared)+" "+
			explainGap(b.l, b.data.Questionnaire.Bands, is.Gap, statCell(b.l, b.data.Questionnaire.Bands, is.group(false)), statCell(b.l, b.data.Questionnaire.Bands, is.group(true)), true)), 2}}
		if n := b.issueNote(is.KeyIssue.ID); n != "" {
			body = append(body, para{b.l.T("tui.sidebyside.note", "Note", n), 3})
		}
		hint = b.l.T("tui.barriers.hint.issue")
	case row.finding != nil:
		f := row.finding
		head = ansiStrip(findingText(b.l, st, f.Kind)) + " · " + b.issueTitle(f.KeyIssueID)
		if f.Text != "" {
			body = append(body, para{f.Text, budget})
		}
		if s, _, ok := b.data.Questionnaire.Statement(f.StatementID); ok {
			head += " · " + b.l.T("tui.barriers.statement_n", "Number", b.num.Number(s.ID))
			body = append(body, para{st.Muted.Render(b.l.T("tui.barriers.statement", "Number", b.num.Number(s.ID), "Text", statementText(b.l, s, b.lang))), 2})
		}
		hint = b.l.T("tui.barriers.hint.finding")
	case row.plan != nil:
		head, body, hint = b.planDetail(*row.plan, budget)
	}
	if b.confirm.open() {
		hint = b.confirm.view(st, w)
	} else {
		hint = st.Muted.Render(truncate(hint, w))
	}
	var lines []string
	for _, p := range body {
		room := min(p.max, budget-len(lines))
		if room <= 0 {
			break
		}
		text := strings.ReplaceAll(strings.TrimRight(p.text, "\n"), "\n", " · ")
		lines = append(lines, strings.Split(truncateLines(text, w, room), "\n")...)
	}
	for len(lines) < budget {
		lines = append(lines, "")
	}
	rule := st.Muted.Render(strings.Repeat("─", max(w, 1)))
	return rule + "\n" + st.Accent.Render(truncate(head, w)) + "\n" + strings.Join(lines, "\n") + "\n" + truncate(hint, w)
}

// itemDetail is the detail of a statement: its text, the figures by group,
// the group's dialogue notes and the suggested interventions.
func (b *barriers) itemDetail(row bRow, tall bool) (head string, body []para, hint string) {
	st := b.env.styles
	it := row.item
	pop, s := it.Headline()
	head = b.l.T("tui.barriers.item_head", "Number", b.num.Number(it.Statement.ID), "Issue", b.issueTitle(it.KeyIssueID),
		"Whose", popText(b.l, pop), "Mean", mean(b.l, b.data.Questionnaire.Bands, s.Mean), "N", s.N, "Band", bandText(b.l, st, s.Band))
	if s.Contested {
		head += " · " + st.Warning.Render("⚠ "+b.l.T("tui.dialogue.contested"))
	}
	if it.Statement.Reverse {
		head += " · " + b.l.T("tui.barriers.reversed")
	}
	text := para{statementText(b.l, it.Statement, b.lang), 2}
	spread := b.l.T("tui.barriers.spread", "Min", s.Min, "Max", s.Max, "SD", b.l.Num(analysis.ShownSD(s.SD, 2), 2), "DontKnow", s.DontKnow)
	figures := para{gapStyle(st, it.Gap, explainGap(b.l, b.data.Questionnaire.Bands, it.Gap, statCell(b.l, b.data.Questionnaire.Bands, it.Insiders),
		statCell(b.l, b.data.Questionnaire.Bands, it.Outsiders), b.data.Questionnaire.InVerification(it.Statement))) + " " + st.Muted.Render(popText(b.l, pop)+": "+spread+"."), 2}
	if b.section == secGaps {
		body = []para{figures, text}
	} else {
		body = []para{text, figures}
	}
	if n := b.statementNote(it.Statement.ID); n != "" {
		body = append(body, para{b.l.T("tui.barriers.dialogue_notes", "Notes", n), 2})
	}
	hint = b.l.T("tui.barriers.hint.item")
	if b.section == secBarriers {
		hint = b.l.T("tui.barriers.hint.confirm") + " · " + hint
	}
	ivs := it.Statement.Interventions
	if len(ivs) == 0 {
		return head, body, hint
	}
	chosen := b.suggestionIndex(len(ivs))
	if !tall {
		// No room for the list: the hint shows the suggestion i adds.
		hint = b.l.T("tui.barriers.suggested_of", "N", chosen+1, "Of", len(ivs), "Text", ivs[chosen].In(b.lang))
		if len(ivs) == 1 {
			hint = b.l.T("tui.barriers.suggested_one", "Text", ivs[0].In(b.lang))
		}
		return head, body, hint
	}
	// The list goes first when room is short: it is what i acts on.
	sugg := []para{{st.Muted.Render(b.l.T("tui.barriers.suggested_list")), 1}}
	if len(ivs) == 1 {
		sugg[0].text = st.Muted.Render(b.l.T("tui.barriers.suggested_list_one"))
	}
	for i, iv := range ivs {
		mark := "  "
		if i == chosen {
			mark = "› "
		}
		sugg = append(sugg, para{mark + iv.In(b.lang), 1})
	}
	return head, append(body[:min(len(body), 2)], append(sugg, body[min(len(body), 2):]...)...), hint
}

// statementNote is the insiders' dialogue notes (and group score) on a
// statement, on one line.
func (b *barriers) statementNote(id string) string {
	for _, n := range b.data.StatementNotes {
		if n.StatementID == id {
			note := strings.ReplaceAll(n.Notes, "\n", " ")
			if n.GroupScore > 0 {
				note = strings.TrimSpace(b.l.T("tui.barriers.group_score", "Score", n.GroupScore) + " " + note)
			}
			return note
		}
	}
	return ""
}

// issueNote is the verification note on a key issue.
func (b *barriers) issueNote(id string) string {
	for _, n := range b.data.IssueNotes {
		if n.KeyIssueID == id {
			return n.Notes
		}
	}
	return ""
}

// orNone is s, or "none" in the screen's language when s is empty.
func (b *barriers) orNone(s string) string { return orNone(b.l, s) }
