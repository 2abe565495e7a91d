package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// How the dialogue draws a statement: its text, one row per participant,
// the dots and mean, the finished statement's line and the progress.

// stats describes the current statement's scores from this screen's group.
func (d *dialogue) stats(st questionnaire.Statement) analysis.Stats {
	var as []analysis.Answer
	for _, p := range d.people {
		if r, ok, _ := d.answer(p.ID, st.ID); ok && r.Answered() {
			as = append(as, analysis.Answer{Score: r.Score, DontKnow: r.DontKnow})
		}
	}
	q := d.data.Questionnaire
	return analysis.Describe(q.Scale, q.Bands, st.Reverse, as)
}

// issueProgress counts the answers given and due under one key issue.
func (d *dialogue) issueProgress(ki questionnaire.KeyIssue) (done, total int) {
	for _, st := range d.statements {
		if d.issueOf[st.ID].ID != ki.ID {
			continue
		}
		for _, p := range d.people {
			total++
			if r, ok, _ := d.answer(p.ID, st.ID); ok && r.Answered() {
				done++
			}
		}
	}
	return done, total
}

func (d *dialogue) View() string {
	st := d.env.styles
	switch {
	case d.err != "":
		return st.Error.Render("Could not read the assessment: " + d.err)
	case d.data == nil:
		return st.Muted.Render("Reading…")
	case len(d.statements) == 0:
		return "This questionnaire has no statements for this group."
	case len(d.people) == 0:
		who := "insiders (the partnership's own people)"
		if d.group == workbook.Outsider {
			who = "outsiders (community members and partners outside the organisation)"
		}
		return st.Title.Render(d.Title()) + "\n\nNo " + who + " yet.\n\nPress " + st.Key.Render("p") + " to add the people taking part."
	}
	return d.render()
}

func (d *dialogue) render() string {
	st := d.env.styles
	w := d.width
	stmt := d.statements[d.cur]
	ki := d.issueOf[stmt.ID]
	q := d.data.Questionnaire

	var top strings.Builder
	saveState := st.Saved.Render("all saved ✓")
	if d.env.saves.busy() {
		saveState = st.Pending.Render("saving…")
	}
	head := statementHeading(nil, d.numbers, d.statements, d.cur, d.group) + " · " + ki.Title.In(d.lang)
	top.WriteString(pad(st.Accent.Render(truncate(head, w-16)), w-14) + " " + saveState + "\n")
	text := stmt.Text.In(d.lang)
	if stmt.Reverse {
		text += st.Muted.Render("  (reversed: agreeing is bad)")
	}
	top.WriteString(st.Statement.Width(w).Render(text) + "\n")
	if help := stmt.Help.In(d.lang); help != "" {
		top.WriteString(st.Muted.Width(w).Render(truncateLines(help, w, 2)) + "\n")
	}

	s := d.stats(stmt)
	bottom := d.summary(stmt, s) + "\n" + d.progressLine()
	if d.finished >= 0 && d.finished < len(d.statements) && d.finished != d.cur {
		bottom = d.finishedLine() + "\n" + bottom
	}
	if d.mode != modeScore {
		bottom = d.editor() + "\n" + bottom
	}
	// The rows take the room left; the scale's labels go below when every
	// row fits with them, else the last line counts the rows not shown.
	room := d.height - lipgloss.Height(top.String()) - lipgloss.Height(bottom)
	legend := d.scaleLegend(q)
	switch lh := lipgloss.Height(legend) - 1; {
	case len(d.people)+lh <= room:
		room -= lh
	case len(d.people) > room:
		legend = ""
		room--
	default:
		legend = ""
	}
	return top.String() + d.rows(stmt, max(room, 1)) + "\n" + bottom + legend
}

// rows draws one row per participant, scrolled to keep the cursor in view.
func (d *dialogue) rows(stmt questionnaire.Statement, room int) string {
	st := d.env.styles
	nameW := min(max(d.width/3, 14), 28)
	d.rowsWin.cursor = d.row
	start, end := d.rowsWin.rows(len(d.people), room)
	var b strings.Builder
	for i := start; i < end; i++ {
		p := d.people[i]
		r, ok, pending := d.answer(p.ID, stmt.ID)
		score := scoreText(r, ok)
		mark := " "
		if pending {
			mark = "…"
		}
		comment := ""
		if r.Comment != "" {
			comment = "✎ " + strings.ReplaceAll(r.Comment, "\n", " ")
		}
		line := fmt.Sprintf("%s %s%s  %s", pad(personLabel(nil, p, i+1), nameW), pad(score, 2), mark, comment)
		line = pad(line, d.width-2)
		if i == d.row && d.mode == modeScore {
			b.WriteString(st.Selected.Render("› "+line) + "\n")
		} else if pending {
			b.WriteString("  " + st.Pending.Render(line) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	if n := len(d.people); n > room {
		b.WriteString(st.Muted.Render(fmt.Sprintf("  (%d-%d of %d participants)", start+1, min(start+room, n), n)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// summary shows every score as dots on the scale, the mean, and whether
// the statement is contested, plus the group's agreed score and notes.
func (d *dialogue) summary(stmt questionnaire.Statement, s analysis.Stats) string {
	st := d.env.styles
	q := d.data.Questionnaire
	counts := make([]int, q.Scale.Points+1)
	for _, v := range s.Scores {
		counts[v]++
	}
	var dots []string
	for v := 1; v <= q.Scale.Points; v++ {
		dots = append(dots, fmt.Sprintf("%d %s", v, pad(strings.Repeat("●", counts[v]), max(counts[v], 1))))
	}
	line := strings.Join(dots, "  ")
	if s.DontKnow > 0 {
		line += fmt.Sprintf("  ? %d", s.DontKnow)
	}
	if stmt.Reverse {
		// The dots, the mean and the band are on the flipped scale, as
		// in every report; the rows above show the scores as typed.
		line += st.Muted.Render("  flipped: 5 typed is 1 here")
	}
	whose := "insiders'"
	if d.group == workbook.Outsider {
		whose = "outsiders'"
	}
	var facts string
	switch {
	case s.N >= analysis.MinRespondents:
		facts = fmt.Sprintf("%s mean %s (n=%d) %s", whose, mean(nil, q.Bands, s.Mean), s.N, bandText(nil, st, s.Band))
		if s.Contested {
			facts += "  " + st.Warning.Render("⚠ CONTESTED")
		}
	case s.N > 0:
		// As in every output, no mean of fewer than 3 people.
		facts = st.Muted.Render(fmt.Sprintf("n=%d: a mean is shown from %d scores", s.N, analysis.MinRespondents))
	default:
		facts = st.Muted.Render("no scores yet")
	}
	out := truncate(line, d.width) + "\n" + d.meanAxis(s) + "  " + facts
	if d.group == workbook.Insider {
		n := d.notes[stmt.ID]
		gs := "none"
		switch {
		case n.GroupScore > 0 && stmt.Reverse:
			gs = fmt.Sprintf("%d as typed (%d flipped, as the mean)", n.GroupScore, q.Scale.Points+1-n.GroupScore)
		case n.GroupScore > 0:
			gs = strconv.Itoa(n.GroupScore)
		}
		notes := strings.ReplaceAll(n.Notes, "\n", " ")
		if notes == "" {
			notes = st.Muted.Render("no notes yet (n)")
		}
		out += "\n" + truncate(fmt.Sprintf("Group score: %s · Notes: %s", gs, notes), d.width)
	} else {
		ki := d.issueOf[stmt.ID]
		notes := strings.ReplaceAll(d.issueNotes[ki.ID].Notes, "\n", " ")
		if notes == "" {
			notes = st.Muted.Render("none yet (n)")
		}
		out += "\n" + truncate("Verification note on this key issue: "+notes, d.width)
	}
	return out
}

// finishedLine is the result of the statement just finished, shown while
// the next one is scored: its dots, mean, band and whether it is
// contested, as the summary showed them, with no figure of fewer than 3
// people.
func (d *dialogue) finishedLine() string {
	st := d.env.styles
	stmt := d.statements[d.finished]
	s := analysis.Anonymise(d.stats(stmt))
	head := fmt.Sprintf("Statement %s done: ", d.number(d.finished))
	if s.Suppressed {
		return truncate(st.Muted.Render(head+fmt.Sprintf("n=%d, no figure of fewer than %d people", s.N, analysis.MinRespondents)), d.width)
	}
	counts := make([]int, d.data.Questionnaire.Scale.Points+1)
	for _, v := range s.Scores {
		counts[v]++
	}
	var dots []string
	for v, n := range counts {
		if n > 0 {
			dots = append(dots, fmt.Sprintf("%d %s", v, strings.Repeat("●", n)))
		}
	}
	line := head + fmt.Sprintf("mean %s (n=%d) %s", mean(nil, d.data.Questionnaire.Bands, s.Mean), s.N, bandText(nil, st, s.Band))
	if s.Contested {
		line += "  " + st.Warning.Render("⚠ CONTESTED")
	}
	return truncate(line+"  "+st.Muted.Render(strings.Join(dots, "  ")), d.width)
}

// meanAxis draws the scale as a line with the mean marked.
func (d *dialogue) meanAxis(s analysis.Stats) string {
	const width = 21
	points := d.data.Questionnaire.Scale.Points
	cells := []rune(strings.Repeat("─", width))
	if s.N >= analysis.MinRespondents && points > 1 {
		pos := int((s.Mean - 1) / float64(points-1) * float64(width-1))
		cells[min(max(pos, 0), width-1)] = '▲'
	}
	return fmt.Sprintf("1 %s %d", string(cells), points)
}

// progressLine shows how far each key issue has got, the current one
// marked.
func (d *dialogue) progressLine() string {
	st := d.env.styles
	cur := d.issueOf[d.statements[d.cur].ID].ID
	parts := []string{"Key issues:"}
	barW := 8 // four key issues fit in 80 columns with bars of 6
	if d.width < 90 {
		barW = 6
	}
	for i, ki := range d.data.Questionnaire.KeyIssues {
		done, total := d.issueProgress(ki)
		if total == 0 {
			continue
		}
		mark := " "
		if ki.ID == cur {
			mark = "›"
		}
		parts = append(parts, fmt.Sprintf("%s%d %s %3d%%", mark, i+1, bar(st, done, total, barW), done*100/total))
	}
	return truncate(strings.Join(parts, "  "), d.width)
}

func (d *dialogue) scaleLegend(q *questionnaire.Questionnaire) string {
	var parts []string
	for i, l := range q.Scale.Labels {
		parts = append(parts, fmt.Sprintf("%d %s", i+1, l.In(d.lang)))
	}
	parts = append(parts, "d "+q.Scale.DontKnow.In(d.lang))
	return "\n" + d.env.styles.Muted.Render(joinWrap(parts, " · ", d.width))
}

// editor draws the open text field.
func (d *dialogue) editor() string {
	st := d.env.styles
	switch d.mode {
	case modeComment:
		return st.Focused.Render("Comment of "+personLabel(nil, d.people[d.row], d.row+1)+" (enter saves, esc cancels)") + "\n" + d.input.View()
	case modeJump:
		return st.Focused.Render("Jump to statement: type its number, e.g. "+d.number(len(d.statements)-1)+" (enter goes, esc cancels)") + "\n" + d.input.View()
	case modeNotes:
		what := "Dialogue notes on this statement"
		if d.group == workbook.Outsider {
			what = "Verification note on " + d.issueOf[d.statements[d.cur].ID].Title.In(d.lang)
		}
		return st.Focused.Render(what+" (ctrl+s saves, esc cancels)") + "\n" + d.area.View()
	case modeGroupScore:
		return st.Focused.Render(fmt.Sprintf("Group-agreed score: press 1-%d, x to clear, esc to cancel", d.data.Questionnaire.Scale.Points))
	}
	return ""
}

// truncateLines wraps s to width and keeps at most n lines.
func truncateLines(s string, width, n int) string {
	wrapped := lipgloss.NewStyle().Width(width).Render(s)
	lines := strings.Split(wrapped, "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = truncate(lines[n-1]+" …", width)
	}
	return strings.Join(lines, "\n")
}
