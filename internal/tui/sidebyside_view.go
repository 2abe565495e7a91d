package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
)

// The comparison's layout: the title, a legend and the column headings
// above the list; a rule and the selected line in full (or the note being
// edited) below it.
const (
	sideHeadLines   = 3
	sideDetailLines = 5 // rule, heading, two lines of text, the gap in words
	sideEditLines   = 6 // rule, label, four lines of text area
)

// Columns of the comparison. The word column is shown only when the
// window is wide; narrow, the gap's symbol and the legend say it.
// A group's cell is as wide as statCell's words (statCellWidth), the
// gap's word as gapWord's (gapWordWidth), in the screen's language.
const (
	gapCellWidth = 7 // gapCell: "▲ +1.83"
	wideFrom     = 110
)

func (c *sideBySide) wide() bool { return c.width >= wideFrom }

// listRoom is the number of lines of the list that fit.
func (c *sideBySide) listRoom() int {
	detail := sideDetailLines
	if c.editing {
		detail = sideEditLines
	}
	return max(c.height-sideHeadLines-detail, 1)
}

func (c *sideBySide) View() string {
	st := c.env.styles
	switch {
	case c.err != "":
		return st.Error.Render(c.l.T("tui.select.read_failed", "Err", c.err))
	case c.data == nil:
		return st.Muted.Render(c.l.T("tui.map.reading"))
	}
	return c.head() + "\n" + c.list() + "\n" + c.detail()
}

func (c *sideBySide) head() string {
	st := c.env.styles
	w := c.width
	state := st.Saved.Render(c.l.T("tui.select.all_saved"))
	if c.env.saves.busy() {
		state = st.Pending.Render(c.l.T("tui.map.saving"))
	}
	title := st.Title.Render(c.l.T("tui.sidebyside.heading")) +
		st.Muted.Render(" · "+answeredText(c.l, c.res.Insiders, c.res.Outsiders))
	stateW := ansi.StringWidth(state)
	line1 := pad(truncate(title, w-stateW-1), w-stateW-1) + " " + state
	threshold := c.l.Num(analysis.GapThreshold, 1)
	legend := st.Muted.Render(c.l.T("tui.sidebyside.gap_is")+" ") + st.Warning.Render("▲ "+c.l.T("tui.gaps.blind_spot")+" ≥ +"+threshold) +
		st.Muted.Render(" · ") + st.Good.Render("▼ "+c.l.T("tui.gaps.strength")+" ≤ -"+threshold)
	if c.res.Outsiders == 0 {
		legend = st.Warning.Render(c.l.T("tui.sidebyside.no_outsiders"))
	}
	cols := "  " + c.columns("#", c.l.T("tui.sidebyside.col.insiders"), c.l.T("tui.sidebyside.col.outsiders"), c.l.T("tui.sidebyside.col.gap"), "",
		c.l.T("tui.sidebyside.col.statement"))
	if room := c.listRoom(); len(c.lines) > room {
		where := c.l.N("tui.sidebyside.lines", len(c.lines), "First", c.offset+1, "Last", min(c.offset+room, len(c.lines)))
		ww := ansi.StringWidth(where)
		cols = pad(truncate(cols, w-ww-1), w-ww) + where
	}
	return line1 + "\n" + truncate(legend, w) + "\n" + st.Muted.Render(truncate(cols, w))
}

// columns lays out one line of the list (without the two cursor cells).
func (c *sideBySide) columns(num, ins, outs, gap, word, text string) string {
	cellW := statCellWidth(c.l)
	line := pad(num, 4) + " " + pad(ins, cellW) + " " + pad(outs, cellW) + " " + pad(gap, gapCellWidth) + "  "
	if c.wide() {
		line += pad(word, gapWordWidth(c.l)) + "  "
	}
	return line + truncate(text, max(c.width-2-ansi.StringWidth(line), 1))
}

func (c *sideBySide) list() string {
	st := c.env.styles
	room := c.listRoom()
	var lines []string
	for i := c.offset; i < len(c.lines) && i < c.offset+room; i++ {
		line := c.line(c.lines[i])
		switch {
		case i == c.cursor:
			lines = append(lines, st.Selected.Render("› "+pad(ansiStrip(line), max(c.width-2, 1))))
		default:
			lines = append(lines, "  "+line)
		}
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// line draws one line of the list.
func (c *sideBySide) line(l cmpLine) string {
	st := c.env.styles
	ic := c.issues[l.issue]
	lang := c.lang
	switch l.kind {
	case lineIssue:
		ins, outs := "–", "–"
		if ic.Gap.Compared > 0 {
			ins, outs = statCell(c.l, c.data.Questionnaire.Bands, ic.group(false)), statCell(c.l, c.data.Questionnaire.Bands, ic.group(true))
		}
		what := ""
		if ic.Gap.Compared < len(ic.Items) {
			what = " · " + c.l.N("tui.sidebyside.compared_of", len(ic.Items), "Compared", ic.Gap.Compared)
		}
		return c.columns("", ins, outs, gapCell(c.l, st, c.data.Questionnaire.Bands, ic.Gap), gapWord(c.l, st, ic.Gap), st.Heading.Render(ic.KeyIssue.Title.In(lang))+st.Muted.Render(what))
	case lineNote:
		note := firstLineOf(c.notes[ic.KeyIssue.ID])
		text := "✎ " + c.l.T("tui.sidebyside.note", "Note", note)
		if note == "" {
			text = st.Muted.Render("✎ " + c.l.T("tui.sidebyside.no_note"))
		}
		if c.pending["note/"+ic.KeyIssue.ID] {
			text += st.Pending.Render(" " + c.l.T("tui.select.cell_saving"))
		}
		return "    " + truncate(text, max(c.width-6, 1))
	}
	it := l.item
	text := statementText(c.l, it.Statement, lang)
	return c.columns(c.num.Number(it.Statement.ID), statCell(c.l, c.data.Questionnaire.Bands, it.Insiders), statCell(c.l, c.data.Questionnaire.Bands, it.Outsiders),
		gapCell(c.l, st, c.data.Questionnaire.Bands, it.Gap), gapWord(c.l, st, it.Gap), text)
}

// detail shows the selected line in full, or the note being edited.
func (c *sideBySide) detail() string {
	st := c.env.styles
	w := c.width
	rule := st.Muted.Render(strings.Repeat("─", max(w, 1)))
	l, ok := c.selected()
	if !ok {
		return rule
	}
	ic := c.issues[l.issue]
	title := ic.KeyIssue.Title.In(c.lang)
	if c.editing {
		label := st.Focused.Render(truncate(c.l.T("tui.dialogue.edit_issue_note", "Issue", title), w))
		return rule + "\n" + label + "\n" + c.area.View()
	}
	var head, text, why string
	switch l.kind {
	case lineItem:
		it := l.item
		head = c.l.T("tui.sidebyside.statement_head", "Number", c.num.Number(it.Statement.ID), "Issue", title)
		if it.Statement.Reverse {
			head += " · " + c.l.T("tui.sidebyside.reversed")
		}
		text = it.Statement.Text.In(c.lang)
		why = gapStyle(st, it.Gap, explainGap(c.l, c.data.Questionnaire.Bands, it.Gap, statCell(c.l, c.data.Questionnaire.Bands, it.Insiders),
			statCell(c.l, c.data.Questionnaire.Bands, it.Outsiders), true))
	default:
		head = c.l.T("tui.gaps.key_issue", "Issue", title)
		text = c.notes[ic.KeyIssue.ID]
		if text == "" {
			text = st.Muted.Render(c.l.T("tui.sidebyside.no_note_yet"))
		}
		if ic.Gap.Compared == 0 {
			why = st.Muted.Render(c.l.T("tui.sidebyside.none_compared", "Min", analysis.MinRespondents))
		} else {
			why = gapStyle(st, ic.Gap, c.l.N("tui.gaps.compared_on", ic.Gap.Compared)+" "+
				explainGap(c.l, c.data.Questionnaire.Bands, ic.Gap, statCell(c.l, c.data.Questionnaire.Bands, ic.group(false)), statCell(c.l, c.data.Questionnaire.Bands, ic.group(true)), true))
		}
	}
	// Three lines for the text (at most two) and the gap in words.
	body := truncateLines(strings.ReplaceAll(text, "\n", " · "), w, 2)
	body += "\n" + truncateLines(why, w, 3-lipgloss.Height(body))
	if n := lipgloss.Height(body); n < 3 {
		body += strings.Repeat("\n", 3-n)
	}
	return rule + "\n" + st.Accent.Render(truncate(head, w)) + "\n" + body
}
