package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// truncate cuts s (which may hold styles) to width cells, with an ellipsis.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// pad cuts or pads s to exactly width cells.
func pad(s string, width int) string {
	s = truncate(s, width)
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// bar draws a bar of width cells filled to done/total.
func bar(st Styles, done, total, width int) string {
	if width <= 0 {
		return ""
	}
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	return st.BarFull.Render(strings.Repeat("█", filled)) + st.BarEmpty.Render(strings.Repeat("░", width-filled))
}

// stepMark is a step's state as one symbol and a word, readable without
// colour.
func stepMark(st Styles, p workbook.StepProgress) string {
	switch p.Status {
	case workbook.Done:
		return st.Good.Render("✓")
	case workbook.Started:
		return st.Improve.Render("◐")
	}
	return st.Muted.Render("·")
}

// stepNames are the five steps as the screens name them.
var stepNames = map[workbook.Step]string{
	workbook.StepMap:      "Map",
	workbook.StepSelect:   "Select",
	workbook.StepWorkbook: "Workbook",
	workbook.StepVerify:   "Verify",
	workbook.StepBarriers: "Barriers",
}

// bandText names a band in words, styled, so it reads without colour.
func bandText(st Styles, b analysis.Band) string {
	switch b {
	case analysis.BandGood:
		return st.Good.Render("good area")
	case analysis.BandImprove:
		return st.Improve.Render("to improve")
	case analysis.BandBarrier:
		return st.Barrier.Render("BARRIER")
	}
	return st.Muted.Render("no score")
}

// mean formats a mean to two decimals as every output does: rounded half
// away from zero, never across an edge of the bands b.
func mean(b questionnaire.Bands, v float64) string {
	return fmt.Sprintf("%.2f", analysis.ShownMean(b, v, 2))
}

// signedGap formats a known verification gap with its sign, as every
// output prints it: the difference of its two means as printed
// ([analysis.ShownGapFigures]). Zero has no sign.
func signedGap(b questionnaire.Bands, g analysis.Gap) string {
	v, _, _ := analysis.ShownGapFigures(b, g, 2)
	if v == 0 {
		return "0.00"
	}
	return fmt.Sprintf("%+.2f", v)
}

// statementText is a statement's words in lang, marked "(reversed)" when
// agreeing with it is bad, as every output marks it.
func statementText(st questionnaire.Statement, lang string) string {
	if st.Reverse {
		return st.Text.In(lang) + " (reversed)"
	}
	return st.Text.In(lang)
}

// popText names whose a figure is, as the reports do.
func popText(p analysis.Population) string {
	switch p {
	case analysis.PopEveryone:
		return "everyone"
	case analysis.PopInsiders:
		return "insiders"
	case analysis.PopOutsiders:
		return "outsiders"
	}
	return "nobody"
}

// scoreText shows a response's answer.
func scoreText(r workbook.Response, ok bool) string {
	switch {
	case !ok || !r.Answered():
		return "·"
	case r.DontKnow:
		return "?"
	}
	return fmt.Sprint(r.Score)
}

// roleNames are the role levels in words.
var roleNames = map[workbook.Role]string{
	workbook.RoleSenior:    "senior",
	workbook.RoleMiddle:    "middle",
	workbook.RoleFrontLine: "front-line",
	workbook.RoleCommunity: "community member",
	workbook.RolePartner:   "partner organisation",
}

// personLabel names a participant on screen: their name when given, else
// their role and number.
func personLabel(p workbook.Participant, n int) string {
	if p.Name != "" {
		return p.Name
	}
	return fmt.Sprintf("#%d %s", n, roleNames[p.Role])
}

// joinWrap joins parts with sep, starting a new line before a part that
// would go past width, so that no part is split; a part wider than width
// is cut.
func joinWrap(parts []string, sep string, width int) string {
	var b strings.Builder
	line := 0
	for i, p := range parts {
		p = truncate(p, width)
		w := ansi.StringWidth(p)
		switch {
		case i == 0:
		case line+ansi.StringWidth(sep)+w > width:
			b.WriteString("\n")
			line = 0
		default:
			b.WriteString(sep)
			line += ansi.StringWidth(sep)
		}
		b.WriteString(p)
		line += w
	}
	return b.String()
}

// plural counts n things: "1 finding", "2 findings".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// ansiStrip removes ANSI styling from s.
func ansiStrip(s string) string { return ansi.Strip(s) }
