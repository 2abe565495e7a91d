package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
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
	return max(b.height-barriersHeadLines-issues-b.detailLines(), 1)
}

func (b *barriers) View() string {
	st := b.env.styles
	switch {
	case b.err != "":
		return st.Error.Render("Could not read the assessment: " + b.err)
	case b.data == nil:
		return st.Muted.Render("Reading…")
	}
	return b.head() + "\n" + b.list() + "\n" + b.detail()
}

// head draws the title, each key issue's score as a bar with its band, and
// the section tabs.
func (b *barriers) head() string {
	st := b.env.styles
	w := b.width
	q := b.data.Questionnaire
	state := st.Saved.Render("all saved ✓")
	if b.env.saves.busy() {
		state = st.Pending.Render("saving…")
	}
	title := st.Title.Render("5 Identify barriers") + st.Muted.Render(fmt.Sprintf(" · %d insiders, %d outsiders answered", b.res.Insiders, b.res.Outsiders))
	var out strings.Builder
	stateW := ansi.StringWidth(state)
	out.WriteString(pad(truncate(title, w-stateW-1), w-stateW-1) + " " + state + "\n")
	// The second line is the bands' legend, or the report's progress and
	// path once R was pressed.
	switch {
	case b.reporting:
		out.WriteString(truncate(b.spin.View()+st.Pending.Render(" Writing the PDF report…"), w) + "\n")
	case b.report != "" && b.reportErr:
		out.WriteString(st.Error.Render(truncate(b.report, w)) + "\n")
	case b.report != "":
		out.WriteString(st.Saved.Render(truncate(b.report, w)) + "\n")
	default:
		out.WriteString(st.Muted.Render(truncate(fmt.Sprintf("Key issue means · good area ≥ %.2f · to improve ≥ %.2f · BARRIER below %.2f",
			q.Bands.Good, q.Bands.Improve, q.Bands.Improve), w)) + "\n")
	}
	// A line is the name, the bar and 37 cells of figures (whose, the
	// mean, the band, n): the bar takes a third of what is left, the name
	// the rest. The figure is the key issue's headline: everyone's, or
	// the insiders' when the outsiders are too few to be pooled.
	barW := min(max((w-37)/3, 8), 40)
	nameW := min(max(w-37-barW, 12), 60)
	for _, is := range b.res.Issues {
		line := "  " + pad(is.KeyIssue.Title.In(b.lang), nameW) + " "
		pop, s := is.Headline()
		switch {
		case is.All.Respondents == 0:
			line += st.Muted.Render("no scores yet")
		case pop == analysis.PopNone && s.Suppressed:
			line += st.Muted.Render("fewer than 3 people scored: not shown")
		case pop == analysis.PopNone:
			line += st.Muted.Render("no statement has 3 scores yet")
		default:
			line += bar(st, int(s.Mean*100+0.5), q.Scale.Points*100, barW) + "  " + pad(popText(nil, pop), 9) + " " + mean(nil, q.Bands, s.Mean) + "  " +
				pad(bandText(nil, st, s.Band), 10) + fmt.Sprintf("  n=%d", s.Respondents)
		}
		out.WriteString(truncate(line, w) + "\n")
	}
	out.WriteString("\n")
	var tabs []string
	for s := range barrierSections {
		label := fmt.Sprintf("%s %d", barrierSectionNames[s], len(b.lists[s]))
		if s == b.section {
			tabs = append(tabs, st.Selected.Render("["+label+"]"))
		} else {
			tabs = append(tabs, st.Muted.Render(" "+label+" "))
		}
	}
	line := strings.Join(tabs, " ")
	if n := len(b.lists[b.section]); n > 0 {
		line += st.Muted.Render(fmt.Sprintf("  %d of %d", b.win[b.section].cursor+1, n))
	}
	out.WriteString(truncate(line, w))
	return out.String()
}

// list draws the rows of the current barrierSection that fit.
func (b *barriers) list() string {
	st := b.env.styles
	rows := b.lists[b.section]
	room := b.listRoom()
	if len(rows) == 0 {
		return st.Muted.Render(truncate(b.empty(), b.width)) + strings.Repeat("\n", room-1)
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
	return strings.Join(lines, "\n")
}

func (b *barriers) empty() string {
	switch b.section {
	case secBarriers:
		return fmt.Sprintf("No barriers: no statement has a mean below %.2f from 3 or more people.", b.data.Questionnaire.Bands.Improve)
	case secContested:
		return "No contested statements: nowhere do scores both agree and disagree, or spread by 1.0 or more."
	case secGaps:
		return "No verification gaps of 1.0 or more (a gap needs 3 or more insiders and outsiders)."
	case secFindings:
		return "No findings yet: y confirms a barrier, f writes a good area or an area to improve."
	}
	return "No interventions yet: i adds one (from a barrier, its suggestion is filled in)."
}

// row draws one row of a section.
func (b *barriers) row(i int, r bRow) string {
	st := b.env.styles
	switch {
	case r.issue != nil:
		is := r.issue
		return b.gapRow(is.Gap, statCell(b.data.Questionnaire.Bands, is.group(false)), statCell(b.data.Questionnaire.Bands, is.group(true)), "Key issue: "+is.KeyIssue.Title.In(b.lang))
	case r.item != nil:
		it := r.item
		text := pad(b.num.Number(it.Statement.ID), 4) + " " + statementText(nil, it.Statement, b.lang)
		switch b.section {
		case secBarriers:
			mark := strings.Repeat(" ", 11)
			switch {
			case b.confirmed[it.Statement.ID]:
				mark = st.Good.Render("✓ confirmed")
			case b.pending["confirm/"+it.Statement.ID]:
				mark = st.Pending.Render("… saving   ")
			}
			pop, s := it.Headline()
			contested := "         "
			if s.Contested {
				contested = st.Warning.Render("contested")
			}
			return fmt.Sprintf("%2d. %-9s %s %-5s %s %s %s", i+1, popText(nil, pop), mean(nil, b.data.Questionnaire.Bands, s.Mean), fmt.Sprintf("n=%d", s.N), mark, contested, text)
		case secContested:
			pop, s := it.Headline()
			return fmt.Sprintf("%-9s %s %s %d–%d sd %.2f %-5s %s", popText(nil, pop), mean(nil, b.data.Questionnaire.Bands, s.Mean), pad(bandText(nil, st, s.Band), 10),
				s.Min, s.Max, analysis.ShownSD(s.SD, 2), fmt.Sprintf("n=%d", s.N), text)
		}
		return b.gapRow(it.Gap, statCell(b.data.Questionnaire.Bands, it.Insiders), statCell(b.data.Questionnaire.Bands, it.Outsiders), text)
	case r.finding != nil:
		f := r.finding
		text := firstLineOf(f.Text)
		if s, _, ok := b.data.Questionnaire.Statement(f.StatementID); ok && text == "" {
			text = st.Muted.Render(fmt.Sprintf("statement %s: %s", b.num.Number(s.ID), statementText(nil, s, b.lang)))
		}
		issueW := 18
		if b.width >= wideFrom {
			issueW = 32
		}
		return b.pendingMark("finding/"+f.ID) + pad(findingText(st, f.Kind), 18) + " " + pad(b.issueTitle(f.KeyIssueID), issueW) + " " + text
	case r.plan != nil:
		iv := r.plan
		due := iv.Due
		if due == "" {
			due = "no date"
		}
		ownerW := 16
		if b.width >= wideFrom {
			ownerW = 26
		}
		return b.pendingMark("plan/"+iv.ID) + pad(planStatusText(iv.Status), 11) + " " + pad(due, 10) + " " + pad(iv.Owner, ownerW) + " " + firstLineOf(iv.Action)
	}
	return ""
}

// gapRow lays out a row of the gaps: the gap, its kind in words, and when
// the window is wide both groups' figures, then the text.
func (b *barriers) gapRow(g analysis.Gap, ins, outs, text string) string {
	st := b.env.styles
	line := gapCell(st, b.data.Questionnaire.Bands, g) + " " + pad(gapWord(st, g), gapWordWidth) + " "
	if b.width >= wideFrom {
		line += pad(ins, groupCellWidth) + " " + pad(outs, groupCellWidth) + " "
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
	return "no key issue"
}

// findingText names a finding's kind in words.
func findingText(st Styles, k workbook.FindingKind) string {
	switch k {
	case workbook.FindingBarrier:
		return st.Barrier.Render("BARRIER confirmed")
	case workbook.FindingGood:
		return st.Good.Render("good area")
	}
	return st.Improve.Render("area to improve")
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
		hint = "f writes a finding · i adds an intervention · tab shows the next section"
	case row.item != nil:
		head, body, hint = b.itemDetail(row, tall)
	case row.issue != nil:
		is := row.issue
		head = "Key issue: " + is.KeyIssue.Title.In(b.lang)
		body = []para{{gapStyle(st, is.Gap, fmt.Sprintf("Compared on the %d statements both groups scored. %s", is.Gap.Compared,
			explainGap(b.data.Questionnaire.Bands, is.Gap, statCell(b.data.Questionnaire.Bands, is.group(false)), statCell(b.data.Questionnaire.Bands, is.group(true)), true))), 2}}
		if n := b.issueNote(is.KeyIssue.ID); n != "" {
			body = append(body, para{"Verification note: " + n, 3})
		}
		hint = "v compares insiders and outsiders statement by statement · f writes a finding · i adds an intervention"
	case row.finding != nil:
		f := row.finding
		head = ansiStrip(findingText(st, f.Kind)) + " · " + b.issueTitle(f.KeyIssueID)
		if f.Text != "" {
			body = append(body, para{f.Text, budget})
		}
		if s, _, ok := b.data.Questionnaire.Statement(f.StatementID); ok {
			head += fmt.Sprintf(" · statement %s", b.num.Number(s.ID))
			body = append(body, para{st.Muted.Render(fmt.Sprintf("Statement %s: %s", b.num.Number(s.ID), statementText(nil, s, b.lang))), 2})
		}
		hint = "e or enter edits · D deletes · i adds an intervention for it"
	case row.plan != nil:
		iv := row.plan
		head = fmt.Sprintf("%s · due %s · owner %s · %s", planStatusText(iv.Status), orNoneText(iv.Due), orNoneText(iv.Owner), b.issueTitle(iv.KeyIssueID))
		body = []para{{iv.Action, 2}}
		if iv.Review != "" {
			body = append(body, para{"Review: " + iv.Review, budget})
		}
		hint = "e or enter edits (status, review notes) · D deletes"
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
	head = fmt.Sprintf("Statement %s · %s · %s %s (n=%d) %s", b.num.Number(it.Statement.ID), b.issueTitle(it.KeyIssueID),
		popText(nil, pop), mean(nil, b.data.Questionnaire.Bands, s.Mean), s.N, bandText(nil, st, s.Band))
	if s.Contested {
		head += " · " + st.Warning.Render("⚠ CONTESTED")
	}
	if it.Statement.Reverse {
		head += " · REVERSED"
	}
	text := para{statementText(nil, it.Statement, b.lang), 2}
	spread := fmt.Sprintf("scores %d-%d, sd %.2f, %d don't know", s.Min, s.Max, analysis.ShownSD(s.SD, 2), s.DontKnow)
	figures := para{gapStyle(st, it.Gap, explainGap(b.data.Questionnaire.Bands, it.Gap, statCell(b.data.Questionnaire.Bands, it.Insiders), statCell(b.data.Questionnaire.Bands, it.Outsiders), b.data.Questionnaire.InVerification(it.Statement))) + " " + st.Muted.Render(popText(nil, pop)+": "+spread+"."), 2}
	if b.section == secGaps {
		body = []para{figures, text}
	} else {
		body = []para{text, figures}
	}
	if n := b.statementNote(it.Statement.ID); n != "" {
		body = append(body, para{"Dialogue notes: " + n, 2})
	}
	hint = "i adds an intervention · f writes a finding"
	if b.section == secBarriers {
		hint = "y or enter confirms this barrier · " + hint
	}
	ivs := it.Statement.Interventions
	if len(ivs) == 0 {
		return head, body, hint
	}
	chosen := b.suggestionIndex(len(ivs))
	if !tall {
		// No room for the list: the hint shows the suggestion i adds.
		hint = fmt.Sprintf("Suggested (%d of %d, ←/→ for others, i adds it): %s", chosen+1, len(ivs), ivs[chosen].In(b.lang))
		if len(ivs) == 1 {
			hint = "Suggested (i adds it): " + ivs[0].In(b.lang)
		}
		return head, body, hint
	}
	// The list goes first when room is short: it is what i acts on.
	sugg := []para{{st.Muted.Render("Suggested interventions (←/→ chooses, i adds the chosen one):"), 1}}
	if len(ivs) == 1 {
		sugg[0].text = st.Muted.Render("Suggested intervention (i adds it):")
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
				note = strings.TrimSpace(fmt.Sprintf("(group score %d) %s", n.GroupScore, note))
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

func orNoneText(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
