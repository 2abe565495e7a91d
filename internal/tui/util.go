package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
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

// stepIDs are the messages that name the five steps on screen.
var stepIDs = map[workbook.Step]string{
	workbook.StepMap:      "tui.common.step.map",
	workbook.StepSelect:   "tui.common.step.select",
	workbook.StepWorkbook: "tui.common.step.workbook",
	workbook.StepVerify:   "tui.common.step.verify",
	workbook.StepBarriers: "tui.common.step.barriers",
}

// stepName names a step as the screens name it, in l.
func stepName(l *i18n.Lang, s workbook.Step) string { return l.T(stepIDs[s]) }

// bandText names a band in words in l, styled, so it reads without
// colour.
func bandText(l *i18n.Lang, st Styles, b analysis.Band) string {
	switch b {
	case analysis.BandGood:
		return st.Good.Render(l.T("tui.common.band.good"))
	case analysis.BandImprove:
		return st.Improve.Render(l.T("tui.common.band.improve"))
	case analysis.BandBarrier:
		return st.Barrier.Render(l.T("tui.common.band.barrier"))
	}
	return st.Muted.Render(l.T("tui.common.band.none"))
}

// mean formats a mean to two decimals as every output does: rounded half
// away from zero, never across an edge of the bands b, with l's decimal
// separator.
func mean(l *i18n.Lang, b questionnaire.Bands, v float64) string {
	return l.Num(analysis.ShownMean(b, v, 2), 2)
}

// signedGap formats a known verification gap with its sign, as every
// output prints it: the difference of its two means as printed
// ([analysis.ShownGapFigures]), with l's decimal separator. Zero has no
// sign.
func signedGap(l *i18n.Lang, b questionnaire.Bands, g analysis.Gap) string {
	v, _, _ := analysis.ShownGapFigures(b, g, 2)
	if v == 0 {
		return l.Num(0, 2)
	}
	if v > 0 {
		return "+" + l.Num(v, 2)
	}
	return l.Num(v, 2)
}

// statementText is a statement's words in the questionnaire's language
// lang, marked "(reversed)" in l when agreeing with it is bad, as every
// output marks it.
func statementText(l *i18n.Lang, st questionnaire.Statement, lang string) string {
	if st.Reverse {
		return st.Text.In(lang) + " " + l.T("tui.common.reversed")
	}
	return st.Text.In(lang)
}

// popText names whose a figure is in l, as the reports do.
func popText(l *i18n.Lang, p analysis.Population) string {
	switch p {
	case analysis.PopEveryone:
		return l.T("tui.common.pop.everyone")
	case analysis.PopInsiders:
		return l.T("tui.common.pop.insiders")
	case analysis.PopOutsiders:
		return l.T("tui.common.pop.outsiders")
	}
	return l.T("tui.common.pop.nobody")
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

// roleIDs are the messages that name the role levels on screen.
var roleIDs = map[workbook.Role]string{
	workbook.RoleSenior:    "tui.common.role.senior",
	workbook.RoleMiddle:    "tui.common.role.middle",
	workbook.RoleFrontLine: "tui.common.role.front_line",
	workbook.RoleCommunity: "tui.common.role.community",
	workbook.RolePartner:   "tui.common.role.partner",
}

// roleName is a role level in words in l.
func roleName(l *i18n.Lang, r workbook.Role) string {
	id, ok := roleIDs[r]
	if !ok {
		return string(r)
	}
	return l.T(id)
}

// personLabel names a participant on screen: their name when given, else
// their number and role in l.
func personLabel(l *i18n.Lang, p workbook.Participant, n int) string {
	if p.Name != "" {
		return p.Name
	}
	return fmt.Sprintf("#%d %s", n, roleName(l, p.Role))
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

// plural counts n things in l with message id, whose plural forms read
// the number as {{.Count}}: "1 finding", "2 findings".
func plural(l *i18n.Lang, n int, id string) string { return l.N(id, n) }

// ansiStrip removes ANSI styling from s.
func ansiStrip(s string) string { return ansi.Strip(s) }

// warnSummary says in l what one text contains that may point at a
// person (ws, from [analysis.TextWatch.Check]), joined into one line; ""
// when nothing. In English it reads as [analysis.Summary].
func warnSummary(l *i18n.Lang, ws []analysis.TextWarning) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		if w.Name {
			s[i] = l.T("tui.common.warn.names", "Found", strconv.Quote(w.Found))
			continue
		}
		who := l.T(warnWho[w.Group][0])
		if id, ok := warnRoles[w.Role]; ok {
			who = l.T(warnWho[w.Group][1], "Role", l.T(id))
		}
		s[i] = l.N("tui.common.warn.points", w.People, "Found", strconv.Quote(w.Found), "Who", who)
	}
	return strings.Join(s, "; ")
}

// warnWho are the messages that name a group in a warning: alone, and
// with a role.
var warnWho = map[workbook.Group][2]string{
	workbook.Insider:  {"tui.common.warn.who_insider", "tui.common.warn.who_role_insider"},
	workbook.Outsider: {"tui.common.warn.who_outsider", "tui.common.warn.who_role_outsider"},
}

// warnRoles are the messages that name a role in a warning.
var warnRoles = map[workbook.Role]string{
	workbook.RoleSenior:    "tui.common.warn.role.senior",
	workbook.RoleMiddle:    "tui.common.warn.role.middle",
	workbook.RoleFrontLine: "tui.common.warn.role.front_line",
	workbook.RoleCommunity: "tui.common.warn.role.community",
	workbook.RolePartner:   "tui.common.warn.role.partner",
}

// day writes a YYYY-MM-DD date as the language writes a day ("2 March
// 2026", "2 marzo 2026"); anything else is shown as it is.
func day(l *i18n.Lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return l.Date(t)
}
