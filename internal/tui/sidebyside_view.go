package tui

import (
	"fmt"
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
const (
	groupCellWidth = 12 // statCell: "fewer than 3"
	gapCellWidth   = 7  // gapCell: "▲ +1.83"
	gapWordWidth   = 21 // gapWord: "UNRECOGNISED STRENGTH"
	wideFrom       = 110
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
		return st.Error.Render("Could not read the assessment: " + c.err)
	case c.data == nil:
		return st.Muted.Render("Reading…")
	}
	return c.head() + "\n" + c.list() + "\n" + c.detail()
}

func (c *sideBySide) head() string {
	st := c.env.styles
	w := c.width
	state := st.Saved.Render("all saved ✓")
	if c.env.saves.busy() {
		state = st.Pending.Render("saving…")
	}
	title := st.Title.Render("4 Verify side by side") +
		st.Muted.Render(fmt.Sprintf(" · %d insiders, %d outsiders answered", c.res.Insiders, c.res.Outsiders))
	stateW := ansi.StringWidth(state)
	line1 := pad(truncate(title, w-stateW-1), w-stateW-1) + " " + state
	legend := st.Muted.Render("Gap = insiders - outsiders: ") + st.Warning.Render(fmt.Sprintf("▲ BLIND SPOT ≥ +%.1f", analysis.GapThreshold)) +
		st.Muted.Render(" · ") + st.Good.Render(fmt.Sprintf("▼ UNRECOGNISED STRENGTH ≤ -%.1f", analysis.GapThreshold))
	if c.res.Outsiders == 0 {
		legend = st.Warning.Render("No outsider has scored yet: enter on a statement scores it with the outsiders.")
	}
	cols := "  " + c.columns("#", "Insiders", "Outsiders", "Gap", "", "Statement")
	if room := c.listRoom(); len(c.lines) > room {
		where := fmt.Sprintf("lines %d-%d of %d", c.offset+1, min(c.offset+room, len(c.lines)), len(c.lines))
		cols = pad(truncate(cols, w-len(where)-1), w-len(where)) + where
	}
	return line1 + "\n" + truncate(legend, w) + "\n" + st.Muted.Render(truncate(cols, w))
}

// columns lays out one line of the list (without the two cursor cells).
func (c *sideBySide) columns(num, ins, outs, gap, word, text string) string {
	line := pad(num, 4) + " " + pad(ins, groupCellWidth) + " " + pad(outs, groupCellWidth) + " " + pad(gap, gapCellWidth) + "  "
	if c.wide() {
		line += pad(word, gapWordWidth) + "  "
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
			ins, outs = statCell(c.data.Questionnaire.Bands, ic.group(false)), statCell(c.data.Questionnaire.Bands, ic.group(true))
		}
		what := ""
		if ic.Gap.Compared < len(ic.Items) {
			what = fmt.Sprintf(" · %d of %d compared", ic.Gap.Compared, len(ic.Items))
		}
		return c.columns("", ins, outs, gapCell(st, c.data.Questionnaire.Bands, ic.Gap), gapWord(st, ic.Gap), st.Heading.Render(ic.KeyIssue.Title.In(lang))+st.Muted.Render(what))
	case lineNote:
		note := firstLineOf(c.notes[ic.KeyIssue.ID])
		text := "✎ Verification note: " + note
		if note == "" {
			text = st.Muted.Render("✎ No verification note yet: n writes one")
		}
		if c.pending["note/"+ic.KeyIssue.ID] {
			text += st.Pending.Render(" (saving…)")
		}
		return "    " + truncate(text, max(c.width-6, 1))
	}
	it := l.item
	text := statementText(nil, it.Statement, lang)
	return c.columns(c.num.Number(it.Statement.ID), statCell(c.data.Questionnaire.Bands, it.Insiders), statCell(c.data.Questionnaire.Bands, it.Outsiders), gapCell(st, c.data.Questionnaire.Bands, it.Gap), gapWord(st, it.Gap), text)
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
		label := st.Focused.Render(truncate("Verification note on "+title+" (ctrl+s saves, esc cancels)", w))
		return rule + "\n" + label + "\n" + c.area.View()
	}
	var head, text, why string
	switch l.kind {
	case lineItem:
		it := l.item
		head = fmt.Sprintf("Statement %s · %s", c.num.Number(it.Statement.ID), title)
		if it.Statement.Reverse {
			head += " · reversed (scores flipped)"
		}
		text = it.Statement.Text.In(c.lang)
		why = gapStyle(st, it.Gap, explainGap(c.data.Questionnaire.Bands, it.Gap, statCell(c.data.Questionnaire.Bands, it.Insiders), statCell(c.data.Questionnaire.Bands, it.Outsiders), true))
	default:
		head = "Key issue: " + title
		text = c.notes[ic.KeyIssue.ID]
		if text == "" {
			text = st.Muted.Render("No verification note yet: n writes one.")
		}
		if ic.Gap.Compared == 0 {
			why = st.Muted.Render(fmt.Sprintf("No statement of this key issue has %d or more scores from both groups yet.", analysis.MinRespondents))
		} else {
			why = gapStyle(st, ic.Gap, fmt.Sprintf("Compared on the %d statements both groups scored. ", ic.Gap.Compared)+
				explainGap(c.data.Questionnaire.Bands, ic.Gap, statCell(c.data.Questionnaire.Bands, ic.group(false)), statCell(c.data.Questionnaire.Bands, ic.group(true)), true))
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
