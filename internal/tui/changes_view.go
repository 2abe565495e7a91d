package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The page of "What changed", as lines cut to the width: the two rounds
// in a sentence, a table of the key issues, one of the statements that
// moved, the barriers closed, new and still there, and the earlier
// round's actions. It formats the figures of [analysis.RoundChanges]; it
// works nothing out.

func (c *changesScreen) View() string {
	st, l := c.env.styles, c.l
	switch {
	case c.err != "":
		return st.Error.Render(ansi.Wordwrap(l.T("tui.changes.read_failed", "Err", textsafe.Line(c.err)), max(c.width, 20), ""))
	case !c.loaded:
		return st.Muted.Render(l.T("tui.changes.reading"))
	}
	var b strings.Builder
	title := l.T("tui.changes.none_title")
	if c.earlier != nil {
		title = l.T("tui.changes.heading", "Date", day(l, c.earlier.Assessment.Started))
	}
	b.WriteString(st.Title.Render(truncate(title, c.width)) + "\n\n")
	lines := c.lines()
	c.top = min(c.top, max(len(lines)-c.room(), 0))
	end := min(c.top+c.room(), len(lines))
	for _, s := range lines[c.top:end] {
		b.WriteString(s + "\n")
	}
	for range c.room() - (end - c.top) {
		b.WriteString("\n")
	}
	if len(lines) > c.room() {
		b.WriteString("\n" + st.Muted.Render(truncate(l.T("tui.changes.place", "First", c.top+1, "Last", end, "Total", len(lines)), c.width)))
	}
	return b.String()
}

// lines is the whole page, each line cut to the width.
func (c *changesScreen) lines() []string {
	if !c.loaded || c.data == nil {
		return nil
	}
	st, l, w := c.env.styles, c.l, max(c.width, 20)
	wrap := func(s string) []string { return strings.Split(ansi.Wordwrap(s, w, ""), "\n") }
	if c.earlier == nil {
		why := l.T("tui.changes.none")
		if c.data.Assessment.PartnershipID == "" {
			why = l.T("tui.changes.none_selected")
		}
		return wrap(why)
	}
	ch, e, d := c.changes, c.earlier, c.data
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	for _, s := range wrap(l.T("tui.changes.intro",
		"Then", roundText(l, e.Assessment, ch.Then), "Now", roundText(l, d.Assessment, ch.Now))) {
		add(st.Muted.Render(s))
	}

	t := c.table()
	add("", st.Heading.Render(truncate(l.T("tui.changes.issues"), w)), t.header(st, l, l.T("tui.changes.key_issue")))
	for i, is := range ch.Issues {
		label := strconv.Itoa(i+1) + " " + textsafe.Line(is.KeyIssue.Title.In(d.Assessment.Language))
		then := l.T("tui.changes.not_asked")
		if is.Asked {
			then = issueScoreCell(l, d.Questionnaire.Bands, is.Then)
		}
		change := st.Muted.Render("–")
		if is.Compared {
			change = changeCell(l, st, is.Change)
		}
		add(t.row(label, popText(l, is.Pop), then, issueScoreCell(l, d.Questionnaire.Bands, is.Now), change))
	}

	threshold := l.Num(analysis.MoveThreshold, 1)
	add("", st.Heading.Render(truncate(l.T("tui.changes.moved", "Threshold", threshold), w)))
	if len(ch.Moves) == 0 {
		add(st.Muted.Render(truncate("  "+l.T("tui.changes.none_moved", "Threshold", threshold), w)))
	} else {
		add(t.header(st, l, l.T("tui.changes.statement")))
	}
	num := d.Questionnaire.Numbering()
	label := func(s questionnaire.Statement) string {
		return num.Number(s.ID) + " " + textsafe.Line(statementText(l, s, d.Assessment.Language))
	}
	b := d.Questionnaire.Bands
	for _, m := range ch.Moves {
		add(t.row(label(m.Item.Statement), popText(l, m.Pop), statCell(l, b, m.Then), statCell(l, b, m.Now), changeCell(l, st, m.Change)))
	}

	add("", st.Heading.Render(truncate(l.T("tui.changes.barriers"), w)))
	for _, g := range []struct {
		id    string
		items []analysis.ItemResult
		mark  string
	}{
		{"tui.changes.barriers_closed", ch.BarriersGone, st.Good.Render("✓")},
		{"tui.changes.barriers_new", ch.BarriersNew, st.Barrier.Render("!")},
		{"tui.changes.barriers_still", ch.BarriersStill, st.Warning.Render("·")},
	} {
		add(truncate(l.N(g.id, len(g.items)), w))
		if len(g.items) == 0 {
			add(st.Muted.Render(truncate("    "+l.T("tui.changes.none_listed"), w)))
		}
		for _, it := range g.items {
			add(truncate("  "+g.mark+" "+label(it.Statement), w))
		}
	}

	add("", st.Heading.Render(truncate(l.T("tui.changes.plan"), w)))
	p := ch.Plan
	if len(p.Actions) == 0 {
		return append(out, st.Muted.Render(truncate("  "+l.T("tui.changes.no_plan"), w)))
	}
	n := p.Counts
	summary := l.N("tui.changes.plan_counts", n.Actions, "Done", n.Done, "Dropped", n.Dropped, "Open", n.Planned+n.InProgress)
	if n.Overdue > 0 {
		summary += " · " + st.Warning.Render(l.N("tui.changes.plan_overdue", n.Overdue))
	}
	if p.Since != "" {
		summary += " · " + l.N("tui.changes.plan_reviews", p.Reviews, "Date", day(l, p.Since))
	}
	for _, s := range wrap(summary) {
		add(s)
	}
	statusW := statusWidth(l)
	for _, iv := range p.Actions {
		due := pad(orNone(l, iv.Due), len("2006-01-02"))
		add(truncate("  "+pad(planStatusText(l, iv.Status), statusW)+"  "+overdueMark(l, st, iv, p.Day)+" "+due+"  "+textsafe.Line(firstLineOf(iv.Action)), w))
	}
	return out
}

// roundText says in l when a round started and who answered in it.
func roundText(l *i18n.Lang, a workbook.Assessment, res analysis.Result) string {
	title := textsafe.Line(a.Title)
	if title == "" {
		title = l.T("tui.site.assessment")
	}
	return l.T("tui.changes.round", "Title", title, "Date", day(l, a.Started), "Answered", answeredText(l, res.Insiders, res.Outsiders))
}

// changesTable is the columns of the page's two tables: a label, whose
// figures they are, then, now and the change.
type changesTable struct{ width, labelW, popW, cellW, changeW int }

func (c *changesScreen) table() changesTable {
	l := c.l
	t := changesTable{width: max(c.width, 20), cellW: statCellWidth(l)}
	for _, s := range []string{l.T("tui.changes.not_asked"), l.T("tui.changes.then"), l.T("tui.changes.now")} {
		t.cellW = max(t.cellW, ansi.StringWidth(s))
	}
	for _, p := range []analysis.Population{analysis.PopEveryone, analysis.PopInsiders, analysis.PopOutsiders, analysis.PopNone} {
		t.popW = max(t.popW, ansi.StringWidth(popText(l, p)))
	}
	t.popW = max(t.popW, ansi.StringWidth(l.T("tui.changes.whose")))
	// A change is "+0.00 ▲", or the column's title if wider.
	t.changeW = max(len("+0.00")+2, ansi.StringWidth(l.T("tui.changes.change")))
	// Two cells between columns, two before the label.
	t.labelW = max(t.width-2-t.popW-2*t.cellW-t.changeW-8, 10)
	return t
}

func (t changesTable) row(label, pop, then, now, change string) string {
	return truncate("  "+pad(label, t.labelW)+"  "+pad(pop, t.popW)+"  "+pad(then, t.cellW)+"  "+pad(now, t.cellW)+"  "+change, t.width)
}

// header is the titles of a table's columns, label the first one's.
func (t changesTable) header(st Styles, l *i18n.Lang, label string) string {
	return st.Muted.Render(t.row(label, l.T("tui.changes.whose"), l.T("tui.changes.then"), l.T("tui.changes.now"), l.T("tui.changes.change")))
}

// issueScoreCell shows a key issue's score for one set of people: "3.42
// n=9", "withheld" (beside a group of one or two), "fewer than 3" or "no
// scores".
func issueScoreCell(l *i18n.Lang, b questionnaire.Bands, s analysis.IssueScore) string {
	switch {
	case s.Respondents == 0, !s.Suppressed && s.Items == 0:
		return l.T("tui.gaps.no_scores")
	case s.Complementary:
		return l.T("tui.gaps.withheld")
	case s.Suppressed:
		return l.T("tui.gaps.fewer_than", "Min", analysis.MinRespondents)
	}
	return mean(l, b, s.Mean) + " n=" + strconv.Itoa(s.Respondents)
}

// changeCell shows a change of a mean with its sign and an arrow, so that
// it reads without colour: "+0.38 ▲", "-0.50 ▼", "0.00". It is rounded as
// the report rounds it ([analysis.ShownGap]).
func changeCell(l *i18n.Lang, st Styles, v float64) string {
	r := analysis.ShownGap(v, 2)
	switch {
	case r > 0:
		return st.Good.Render("+" + l.Num(r, 2) + " ▲")
	case r < 0:
		return st.Warning.Render(l.Num(r, 2) + " ▼")
	}
	return l.Num(0, 2)
}
