package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// How the projector view draws a statement for the room. It is made of
// parts, top to bottom: the number in block letters with where it is;
// the statement's words; the dots on the scale; the mean and its band;
// and a line for the facilitator (what comes next, a field being typed).
// The richest layout that fits the window is drawn, and the rows left
// over are spread between the parts.

// projLayout is one way of drawing the view, from the richest down.
type projLayout struct {
	font    bigFont // of the statement's number
	meanBig bool    // the mean in block letters too
	bigDots bool    // each dot drawn 4 cells wide and 2 rows high
	help    int     // lines of the statement's help text
	gap     int     // blank lines between the parts
	labels  int     // lines of the scale's labels under the axis
}

// projLayouts are tried in order; the first that fits is drawn.
var projLayouts = []projLayout{
	{font: fontLarge, meanBig: true, bigDots: true, help: 3, gap: 1, labels: 2},
	{font: fontLarge, meanBig: true, help: 3, gap: 1, labels: 2},
	{font: fontSmall, meanBig: true, help: 2, gap: 1, labels: 2},
	{font: fontSmall, meanBig: true, gap: 1, labels: 2},
	{font: fontSmall, meanBig: true, gap: 0, labels: 2},
	{font: fontSmall, meanBig: true, gap: 0, labels: 1},
	{font: fontSmall, gap: 0, labels: 1},
	{font: fontNone, gap: 0, labels: 1},
	{font: fontNone, gap: 0, labels: 0},
}

// projMaxGap is the most blank lines spread between two parts.
const projMaxGap = 3

// The smallest body the large block letters are drawn in: a projector's
// 110x37 terminal and up.
const (
	projLargeWidth  = 110
	projLargeHeight = 34
)

// projectorView draws the projector view in the screen's size.
func (d *dialogue) projectorView() string {
	w, h := d.width, d.height
	i := d.shown()
	stmt := d.statements[i]
	f := d.roomFiguresOf(stmt)
	cw := max(w-4, 20) // two columns of margin each side
	textW := min(cw, 110)

	var parts []string
	var lay projLayout
	textRoom := 0
	for n, l := range projLayouts {
		if l.font == fontLarge && (w < projLargeWidth || h < projLargeHeight) {
			continue
		}
		lay = l
		parts = []string{d.projectorHead(i, l.font, cw), "", d.projectorChart(stmt, f, cw, l), d.projectorFigures(f, l, cw)}
		if foot := d.projectorFoot(i, cw); foot != "" {
			parts = append(parts, foot)
		}
		used := (len(parts) - 1) * l.gap
		for _, p := range parts {
			used += lipgloss.Height(p)
		}
		textRoom = h - used + 1 // the empty text part counted one line
		if textRoom >= lipgloss.Height(d.projectorText(stmt, textW, 0, l.help)) || n == len(projLayouts)-1 {
			break
		}
	}
	parts[1] = d.projectorText(stmt, textW, max(textRoom, 1), lay.help)

	// The rows left over: between the parts, then above them all.
	used := 0
	for _, p := range parts {
		used += lipgloss.Height(p)
	}
	gap := lay.gap
	if spare := h - used - (len(parts)-1)*gap; spare > 0 {
		gap = min(gap+spare/(len(parts)-1), projMaxGap)
	}
	top := max(h-used-(len(parts)-1)*gap, 0) / 2
	var b strings.Builder
	b.WriteString(strings.Repeat("\n", top))
	for n, p := range parts {
		if n > 0 {
			b.WriteString(strings.Repeat("\n", gap+1))
		}
		b.WriteString(indent(center(p, cw), strings.Repeat(" ", (w-cw)/2)))
	}
	return b.String()
}

// center places block s in the middle of width w, its lines aligned on
// the left of it, each padded to w: a block already as wide as w stays as
// it is.
func center(s string, w int) string {
	lines := strings.Split(s, "\n")
	bw := 0
	for _, l := range lines {
		bw = max(bw, ansi.StringWidth(l))
	}
	left := strings.Repeat(" ", max(w-bw, 0)/2)
	for n, l := range lines {
		lines[n] = pad(left+l, w)
	}
	return strings.Join(lines, "\n")
}

// projectorHead is the statement's number in block letters of font, with
// its place, its key issue and the save state beside it; in one line when
// font is fontNone or the number has no glyphs.
func (d *dialogue) projectorHead(i int, font bigFont, w int) string {
	st := d.env.styles
	stmt := d.statements[i]
	saveState := st.Saved.Render(d.l.T("tui.select.all_saved"))
	if d.env.saves.busy() {
		saveState = st.Pending.Render(d.l.T("tui.map.saving"))
	}
	heading := statementHeading(d.l, d.numbers, d.statements, i, d.group)
	issue := d.issueOf[stmt.ID].Title.In(d.lang)
	big, ok := bigText(d.number(i), font)
	if !ok {
		sw := ansi.StringWidth(saveState) + 1
		return pad(st.Accent.Render(truncate(heading+" · "+issue, w-sw)), w-sw) + " " + saveState
	}
	bw := ansi.StringWidth(big[0])
	side := max(w-bw-3, 10)
	lines := []string{st.Accent.Render(truncate(heading, side)), truncate(issue, side), saveState}
	if font == fontLarge {
		lines = append([]string{""}, lines...)
	}
	for n := range big {
		big[n] = st.Accent.Render(big[n])
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, strings.Join(big, "\n"), "   ", strings.Join(lines, "\n"))
}

// projectorText is the statement's words in bold, wrapped to w, marked
// when it is reversed, then what a reversed statement's dots mean and up
// to help lines of its help text; at most lines lines in all (0: as many
// as that takes). The statement's words come first and are cut last.
func (d *dialogue) projectorText(stmt questionnaire.Statement, w, lines, help int) string {
	st := d.env.styles
	text := stmt.Text.In(d.lang)
	if stmt.Reverse {
		text += " " + d.l.T("tui.dialogue.reversed")
	}
	shown := wrapLines(text, w, lines)
	out := center(st.Statement.Render(strings.Join(shown, "\n")), w)
	left := lines - len(shown)
	if lines == 0 {
		left = -1 // no limit
	}
	more := func(s string, n int) {
		if left == 0 || s == "" || n == 0 {
			return
		}
		if left > 0 {
			n = min(n, left)
		}
		ls := wrapLines(s, w, n)
		out += "\n" + center(st.Muted.Render(strings.Join(ls, "\n")), w)
		if left > 0 {
			left -= len(ls)
		}
	}
	if stmt.Reverse {
		more(d.l.T("tui.projector.flipped", "Points", d.data.Questionnaire.Scale.Points), 3)
	}
	more(stmt.Help.In(d.lang), help)
	return out
}

// wrapLines wraps s to w and keeps at most n lines (0: all of them), the
// last one ending in an ellipsis when some are left out.
func wrapLines(s string, w, n int) []string {
	all := strings.Split(ansi.Wrap(s, w, ""), "\n")
	if n <= 0 || len(all) <= n {
		return all
	}
	shown := all[:n]
	shown[n-1] = truncate(shown[n-1]+" …", w)
	return shown
}

// projectorChart draws every score as a dot above its point of the scale,
// counted per point (never in the order they were typed), the count over
// each stack, the mean marked on the axis, and the scale's labels in
// labels lines under it. A figure that may not be shown draws the scale
// with no dots. On a reversed statement the dots are on the flipped
// scale, as in every output, and each point is labelled with the answer
// it stands for.
func (d *dialogue) projectorChart(stmt questionnaire.Statement, f roomFigures, w int, lay projLayout) string {
	st := d.env.styles
	q := d.data.Questionnaire
	points := q.Scale.Points
	colW := min(max(w/points, 3), 24)
	counts := make([]int, points+1)
	if f.shownFigures() {
		for _, v := range f.stats.Scores {
			counts[v]++
		}
	}
	// A dot and the space after it; a large dot is two rows high.
	dot, dotW, dotH := []string{"●"}, 2, 1
	if lay.bigDots {
		dot, dotW, dotH = []string{"▄██▄", "▀██▀"}, 5, 2
	}
	perRow := max(colW/dotW, 1)
	stack := func(n int) int { return (n + perRow - 1) / perRow }
	rows := 0
	for _, n := range counts[1:] {
		rows = max(rows, stack(n))
	}
	cell := func(s string) string { return lipgloss.PlaceHorizontal(colW, lipgloss.Center, s) }
	var lines []string
	// From the top: each count sits on its stack, on the last line of
	// the row above it; the dots fill the rows from the bottom.
	for r := rows; r >= 0 && rows > 0; r-- {
		subs := dotH
		if r == rows {
			subs = 1 // above the highest stack: only counts
		}
		for sub := range subs {
			var line strings.Builder
			for v := 1; v <= points; v++ {
				n := counts[v]
				switch {
				case n > 0 && r == stack(n) && sub == subs-1:
					line.WriteString(cell(st.Key.Render(strconv.Itoa(n))))
				case r < stack(n):
					k := min(perRow, n-r*perRow)
					line.WriteString(cell(st.Accent.Render(strings.TrimSpace(strings.Repeat(dot[sub]+" ", k)))))
				default:
					line.WriteString(strings.Repeat(" ", colW))
				}
			}
			lines = append(lines, line.String())
		}
	}
	// The axis, a tick under each point (where a cell centres its text)
	// and the mean marked.
	axis := []rune(strings.Repeat("─", colW*points))
	tick := (colW - 1) / 2
	for v := 1; v <= points; v++ {
		axis[(v-1)*colW+tick] = '┼'
	}
	markAt := -1
	if f.shownFigures() && points > 1 {
		m := analysis.ShownMean(q.Bands, f.stats.Mean, 2)
		markAt = tick + int((m-1)*float64(colW)+0.5)
		markAt = min(max(markAt, 0), len(axis)-1)
	}
	var ax strings.Builder
	for n, r := range axis {
		if n == markAt {
			ax.WriteString(st.Accent.Render("▲"))
			continue
		}
		ax.WriteString(st.Muted.Render(string(r)))
	}
	lines = append(lines, ax.String())
	var nums strings.Builder
	for v := 1; v <= points; v++ {
		nums.WriteString(cell(st.Key.Render(strconv.Itoa(v))))
	}
	lines = append(lines, nums.String())
	if labels := lay.labels; labels > 0 && len(q.Scale.Labels) == points {
		cols := make([][]string, points)
		for v := 1; v <= points; v++ {
			label := q.Scale.Labels[v-1]
			if stmt.Reverse {
				label = q.Scale.Labels[points-v]
			}
			// A space between neighbours if the label fits so, else
			// the whole cell rather than cut it.
			text := label.In(d.lang)
			cols[v-1] = wrapLines(text, colW-1, labels)
			if all := wrapLines(text, colW-1, 0); len(all) > labels {
				cols[v-1] = wrapLines(text, colW, labels)
			}
		}
		for r := range labels {
			var line strings.Builder
			for _, c := range cols {
				s := ""
				if r < len(c) {
					s = c[r]
				}
				line.WriteString(cell(s))
			}
			lines = append(lines, line.String())
		}
	}
	return strings.Join(lines, "\n")
}

// projectorFigures is the mean (in block letters when the layout has
// them), whose it is, its band in words, whether the statement is
// contested and how many have scored; or, when the figures may not be
// shown, how many have scored and why there is nothing more.
func (d *dialogue) projectorFigures(f roomFigures, lay projLayout, w int) string {
	st := d.env.styles
	scored := d.l.N("tui.projector.scored", f.scored, "Of", f.people)
	if !f.shownFigures() {
		return st.Heading.Render(scored) + "\n" + ansi.Wordwrap(d.l.T("tui.projector.too_few", "Min", analysis.MinRespondents), w, "")
	}
	s := f.stats
	if s.DontKnow > 0 {
		scored += " · " + d.l.N("tui.projector.dont_know", s.DontKnow)
	}
	m := mean(d.l, d.data.Questionnaire.Bands, s.Mean)
	whose := d.l.T("tui.projector.mean_insiders")
	if f.pop == analysis.PopOutsiders {
		whose = d.l.T("tui.projector.mean_outsiders")
	}
	band := d.bandWords(s.Band)
	if s.Contested {
		band += "   " + st.Warning.Render("⚠ "+d.l.T("tui.projector.contested"))
	}
	font := fontNone
	if lay.meanBig {
		font = max(lay.font, fontSmall)
	}
	big, ok := bigText(m, font)
	if !ok {
		return truncate(whose+" "+st.Accent.Render(m)+" · "+band, w) + "\n" + truncate(scored, w)
	}
	for n := range big {
		big[n] = st.Accent.Render(big[n])
	}
	side := max(w-ansi.StringWidth(big[0])-3, 10)
	lines := []string{truncate(whose, side), truncate(band, side), truncate(scored, side)}
	if font == fontLarge {
		lines = []string{"", truncate(whose, side), "", truncate(band, side), truncate(scored, side)}
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, strings.Join(big, "\n"), "   ", strings.Join(lines, "\n"))
}

// bandWords names a band in words for the room, styled, so that it reads
// without colour.
func (d *dialogue) bandWords(b analysis.Band) string {
	st := d.env.styles
	switch b {
	case analysis.BandGood:
		return st.Good.Bold(true).Render(d.l.T("tui.projector.band.good"))
	case analysis.BandImprove:
		return st.Improve.Bold(true).Render(d.l.T("tui.projector.band.improve"))
	case analysis.BandBarrier:
		return st.Barrier.Render(d.l.T("tui.projector.band.barrier"))
	}
	return ""
}

// projectorFoot is the line for the facilitator: the field being typed,
// what comes next while a finished statement is held, the group's agreed
// score. "" when there is none.
func (d *dialogue) projectorFoot(i int, w int) string {
	st := d.env.styles
	var lines []string
	switch d.mode {
	case modeJump, modeGroupScore:
		return d.editor()
	}
	if d.holding() {
		lines = append(lines, st.Muted.Render(truncate(d.l.T("tui.projector.next", "Number", d.number(d.cur)), w)))
	}
	if d.group == workbook.Insider {
		stmt := d.statements[i]
		if n := d.notes[stmt.ID]; n.GroupScore > 0 {
			gs := strconv.Itoa(n.GroupScore)
			if stmt.Reverse {
				gs = d.l.T("tui.dialogue.group_score_flipped", "Typed", n.GroupScore, "Flipped", d.data.Questionnaire.Scale.Points+1-n.GroupScore)
			}
			lines = append(lines, truncate(d.l.T("tui.projector.group_score", "Score", gs), w))
		}
	}
	return strings.Join(lines, "\n")
}
