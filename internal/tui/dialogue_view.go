package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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
		return st.Error.Render(d.l.T("tui.select.read_failed", "Err", d.err))
	case d.data == nil:
		return st.Muted.Render(d.l.T("tui.map.reading"))
	case len(d.statements) == 0:
		return d.l.T("tui.dialogue.no_statements")
	case len(d.people) == 0:
		none := d.l.T("tui.dialogue.no_insiders", "Key", st.Key.Render("p"))
		if d.group == workbook.Outsider {
			none = d.l.T("tui.dialogue.no_outsiders", "Key", st.Key.Render("p"))
		}
		return st.Title.Render(d.Title()) + "\n\n" + none
	case d.projecting:
		return d.projectorView()
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
	saveState := st.Saved.Render(d.l.T("tui.select.all_saved"))
	if d.env.saves.busy() {
		saveState = st.Pending.Render(d.l.T("tui.map.saving"))
	}
	// The save state keeps its place whichever it says.
	sw := max(ansi.StringWidth(d.l.T("tui.select.all_saved")), ansi.StringWidth(d.l.T("tui.map.saving"))) + 3
	head := statementHeading(d.l, d.numbers, d.statements, d.cur, d.group) + " · " + ki.Title.In(d.lang)
	top.WriteString(pad(st.Accent.Render(truncate(head, w-sw-2)), w-sw) + " " + saveState + "\n")
	text := stmt.Text.In(d.lang)
	if stmt.Reverse {
		text += st.Muted.Render("  " + d.l.T("tui.dialogue.reversed"))
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
		line := fmt.Sprintf("%s %s%s  %s", pad(personLabel(d.l, p, i+1), nameW), pad(score, 2), mark, comment)
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
		b.WriteString(st.Muted.Render("  " + d.l.N("tui.dialogue.rows_of", n, "First", start+1, "Last", min(start+room, n))))
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
		line += st.Muted.Render("  " + d.l.T("tui.dialogue.flipped", "Points", q.Scale.Points))
	}
	whoseID := "tui.dialogue.mean_insiders"
	if d.group == workbook.Outsider {
		whoseID = "tui.dialogue.mean_outsiders"
	}
	var facts string
	switch {
	case s.N >= analysis.MinRespondents:
		facts = d.l.T(whoseID, "Mean", mean(d.l, q.Bands, s.Mean), "N", s.N, "Band", bandText(d.l, st, s.Band))
		if s.Contested {
			facts += "  " + st.Warning.Render("⚠ "+d.l.T("tui.dialogue.contested"))
		}
	case s.N > 0:
		// As in every output, no mean of fewer than 3 people.
		facts = st.Muted.Render(d.l.T("tui.dialogue.mean_from", "N", s.N, "Min", analysis.MinRespondents))
	default:
		facts = st.Muted.Render(d.l.T("tui.dialogue.no_scores"))
	}
	out := truncate(line, d.width) + "\n" + d.meanAxis(s) + "  " + facts
	if d.group == workbook.Insider {
		n := d.notes[stmt.ID]
		gs := d.l.T("tui.dialogue.group_score_none")
		switch {
		case n.GroupScore > 0 && stmt.Reverse:
			gs = d.l.T("tui.dialogue.group_score_flipped", "Typed", n.GroupScore, "Flipped", q.Scale.Points+1-n.GroupScore)
		case n.GroupScore > 0:
			gs = strconv.Itoa(n.GroupScore)
		}
		notes := strings.ReplaceAll(n.Notes, "\n", " ")
		if notes == "" {
			notes = st.Muted.Render(d.l.T("tui.dialogue.no_notes"))
		}
		out += "\n" + truncate(d.l.T("tui.dialogue.group_line", "Score", gs, "Notes", notes), d.width)
	} else {
		ki := d.issueOf[stmt.ID]
		notes := strings.ReplaceAll(d.issueNotes[ki.ID].Notes, "\n", " ")
		if notes == "" {
			notes = st.Muted.Render(d.l.T("tui.dialogue.no_issue_note"))
		}
		out += "\n" + truncate(d.l.T("tui.dialogue.issue_note_line", "Notes", notes), d.width)
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
	head := d.l.T("tui.dialogue.done", "Number", d.number(d.finished)) + " "
	if s.Suppressed {
		return truncate(st.Muted.Render(head+d.l.T("tui.dialogue.suppressed", "N", s.N, "Min", analysis.MinRespondents)), d.width)
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
	line := head + d.l.T("tui.dialogue.mean", "Mean", mean(d.l, d.data.Questionnaire.Bands, s.Mean), "N", s.N, "Band", bandText(d.l, st, s.Band))
	if s.Contested {
		line += "  " + st.Warning.Render("⚠ "+d.l.T("tui.dialogue.contested"))
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
	barW := 8 // four key issues fit in 80 columns with bars of 6
	if d.width < 90 {
		barW = 6
	}
	line := func(barW int) string {
		parts := []string{d.l.T("tui.dialogue.key_issues")}
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
		return strings.Join(parts, "  ")
	}
	// Shorter bars when a language's words leave less room.
	s := line(barW)
	for ; barW > 3 && ansi.StringWidth(s) > d.width; barW-- {
		s = line(barW - 1)
	}
	return truncate(s, d.width)
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
	switch {
	case d.mode == modeComment:
		return st.Focused.Render(d.l.T("tui.dialogue.edit_comment", "Person", personLabel(d.l, d.people[d.row], d.row+1))) + "\n" + d.input.View()
	case d.mode == modeJump && d.finding():
		return st.Focused.Render(d.l.N("tui.dialogue.edit_find", len(d.found.at), "Words", d.foundWords(d.found.typed))) + "\n" + d.input.View()
	case d.mode == modeJump:
		return st.Focused.Render(d.l.T("tui.dialogue.edit_jump", "Number", d.number(len(d.statements)-1))) + "\n" + d.input.View()
	case d.mode == modeNotes:
		what := d.l.T("tui.dialogue.edit_notes")
		if d.group == workbook.Outsider {
			what = d.l.T("tui.dialogue.edit_issue_note", "Issue", d.issueOf[d.statements[d.cur].ID].Title.In(d.lang))
		}
		return st.Focused.Render(what) + "\n" + d.area.View()
	case d.mode == modeGroupScore:
		return st.Focused.Render(d.l.T("tui.dialogue.edit_group_score", "Points", d.data.Questionnaire.Scale.Points))
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
