package booklet

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The facilitator's guide is a list of blocks that the PDF and the HTML
// both format: every word and figure is decided here, once.

// blockKind is what a block of the guide is.
type blockKind int

const (
	blockH1 blockKind = iota
	blockH2
	blockH3
	blockPara
	blockNote // a paragraph set apart: italic, muted
	blockBullets
	blockTable
)

// block is one part of the guide. Texts are as the user or the
// questionnaire wrote them: each output cleans and escapes them.
type block struct {
	kind  blockKind
	text  string
	lang  string // of text, when it is not the guide's (a questionnaire's English)
	items []string
	// A table: its caption, column heads and rows; the first cell of a
	// row is its header.
	caption string
	head    []string
	rows    [][]string
	// widths are the PDF's column widths as shares of the page.
	widths []float64
	// keepNext keeps a paragraph on the page of what follows it, strong
	// sets it in bold (a statement over its interventions).
	keepNext, strong bool
}

// guide is the facilitator's guide to one session.
type guide struct {
	lang, langTag string
	title         string
	header        string // the running header: the site
	blocks        []block
}

// planRow is one part of the session plan.
type planRow struct {
	from, to   int // minutes from the start
	what       string
	statements string
}

// Fixed parts of a session, in minutes.
const (
	welcomeMinutes = 15
	closeMinutes   = 15
	breakMinutes   = 15
)

// newGuide makes the guide to a session of in.Group in l.
func newGuide(in Input, opts Options, l *i18n.Lang) *guide {
	c := newContent(in, opts, l)
	d := in.Data
	g := &guide{lang: c.lang, langTag: c.langTag, title: l.T("booklet.guide.title"), header: d.Site.Name}
	add := func(b block) { g.blocks = append(g.blocks, b) }
	kind := l.T("booklet.guide.session_insiders")
	if in.Group == workbook.Outsider {
		kind = l.T("booklet.guide.session_outsiders")
	}
	add(block{kind: blockH1, text: g.title})
	facts := []string{kind, l.T("booklet.partnership") + ": " + c.partner, l.T("booklet.site") + ": " + c.site + " · " + c.org}
	if c.date != "" {
		facts = append(facts, c.dateLabel+": "+c.date)
	}
	facts = append(facts, l.T("booklet.guide.length", "Time", clock(opts.Minutes), "Count", c.statements))
	add(block{kind: blockBullets, items: facts})
	add(block{kind: blockNote, text: l.T("booklet.guide.own_table")})

	add(block{kind: blockH2, text: l.T("booklet.guide.before_title")})
	add(block{kind: blockBullets, items: []string{
		l.T("booklet.guide.before_print"),
		l.T("booklet.guide.before_read", "Min", analysis.MinRespondents),
		l.T("booklet.guide.before_scoring"),
	}})

	add(block{kind: blockH2, text: l.T("booklet.guide.plan_title")})
	add(block{kind: blockPara, text: l.T("booklet.guide.plan_intro")})
	var rows [][]string
	for _, r := range sessionPlan(c, opts.Minutes, l) {
		rows = append(rows, []string{clock(r.from) + "–" + clock(r.to), r.what, r.statements, strconv.Itoa(r.to - r.from)})
	}
	add(block{kind: blockTable, head: []string{l.T("booklet.guide.col_time"), l.T("booklet.guide.col_part"), l.T("booklet.guide.col_statements"), l.T("booklet.guide.col_minutes")},
		rows: rows, widths: []float64{0.16, 0.44, 0.28, 0.12}, caption: l.T("booklet.guide.plan_title")})

	contested := g.contested(in, c, l)
	g.interventions(c, contested, l)

	add(block{kind: blockH2, text: l.T("booklet.guide.after_title")})
	add(block{kind: blockBullets, items: []string{l.T("booklet.guide.after_type_in"), l.T("booklet.guide.after_report")}})
	return g
}

// clock writes minutes as h:mm.
func clock(minutes int) string { return fmt.Sprintf("%d:%02d", minutes/60, minutes%60) }

// sessionPlan shares a session of minutes between a welcome, the key
// issues (by their number of statements, in steps of five minutes), a
// break half way through the statements, and a close.
func sessionPlan(c *content, minutes int, l *i18n.Lang) []planRow {
	dialogue := minutes - welcomeMinutes - breakMinutes - closeMinutes
	shares := make([]int, len(c.issues))
	total, biggest := 0, 0
	for i, is := range c.issues {
		shares[i] = max(10, 5*int(float64(dialogue)*float64(len(is.items))/float64(c.statements)/5+0.5))
		total += shares[i]
		if len(is.items) > len(c.issues[biggest].items) {
			biggest = i
		}
	}
	if len(shares) > 0 {
		// What rounding left over; never less than five minutes (a
		// questionnaire of many key issues in a short session overruns).
		shares[biggest] = max(5, shares[biggest]+dialogue-total)
	}
	var rows []planRow
	at := 0
	part := func(n int, what, statements string) {
		rows = append(rows, planRow{from: at, to: at + n, what: what, statements: statements})
		at += n
	}
	part(welcomeMinutes, l.T("booklet.guide.part_welcome"), "")
	done := 0
	for i, is := range c.issues {
		part(shares[i], c.keyIssueFmt(is.n, is.title.s), l.N("booklet.guide.statements", len(is.items), "Numbers", numberRanges(is.items)))
		done += len(is.items)
		if i < len(c.issues)-1 && done*2 >= c.statements && done*2-2*len(is.items) < c.statements {
			part(breakMinutes, l.T("booklet.guide.part_break"), "")
		}
	}
	if len(c.issues) <= 1 {
		part(breakMinutes, l.T("booklet.guide.part_break"), "")
	}
	part(closeMinutes, l.T("booklet.guide.part_close"), "")
	return rows
}

// numberRanges writes the numbers of a key issue's statements, runs of
// consecutive ones as a range: "1.1–1.4, 1.6".
func numberRanges(items []item) string {
	var parts []string
	pos := func(it item) int {
		_, p, _ := strings.Cut(it.number, ".")
		n, _ := strconv.Atoi(p)
		return n
	}
	for i := 0; i < len(items); {
		j := i
		for j+1 < len(items) && pos(items[j+1]) == pos(items[j])+1 {
			j++
		}
		if j > i {
			parts = append(parts, items[i].number+"–"+items[j].number)
		} else {
			parts = append(parts, items[i].number)
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// contested writes the statements contested the last time the same
// partnership was assessed, with that round's figures as analysis gives
// them, and returns their ids.
func (g *guide) contested(in Input, c *content, l *i18n.Lang) map[string]bool {
	add := func(b block) { g.blocks = append(g.blocks, b) }
	add(block{kind: blockH2, text: l.T("booklet.guide.contested_title")})
	out := map[string]bool{}
	e := in.Earlier
	if e == nil || e.Questionnaire == nil {
		add(block{kind: blockPara, text: l.T("booklet.guide.no_earlier")})
		return out
	}
	res := analysis.Analyse(e.Questionnaire, e.Participants, e.Responses)
	then := e.Assessment.Started
	if t, err := time.Parse(time.DateOnly, then); err == nil {
		then = l.Date(t)
	}
	add(block{kind: blockPara, text: l.T("booklet.guide.earlier", "Date", then,
		"Insiders", l.N("booklet.guide.n_insiders", res.Insiders), "Outsiders", l.N("booklet.guide.n_outsiders", res.Outsiders))})
	inSet := map[string]item{}
	for _, is := range c.issues {
		for _, it := range is.items {
			inSet[it.id] = it
		}
	}
	var rows [][]string
	shown := 0
	for _, it := range res.Items {
		cur, ok := inSet[it.Statement.ID]
		if !ok {
			continue
		}
		pop, s := groupFigure(it, in.Group)
		if pop != analysis.PopNone {
			shown++
		}
		if pop == analysis.PopNone || !s.Contested {
			continue
		}
		out[cur.id] = true
		figure := l.T("booklet.guide.figure", "Whose", l.T("report.pop."+string(pop)),
			"Mean", l.Num(analysis.ShownMean(e.Questionnaire.Bands, s.Mean, 2), 2), "N", s.N,
			"Min", s.Min, "Max", s.Max, "SD", l.Num(analysis.ShownSD(s.SD, 2), 2))
		rows = append(rows, []string{statementLabel(cur, l), figure})
	}
	switch {
	case shown == 0:
		g.blocks = g.blocks[:len(g.blocks)-1] // the round, without "these were contested"
		add(block{kind: blockPara, text: l.T("booklet.guide.earlier_round", "Date", then,
			"Insiders", l.N("booklet.guide.n_insiders", res.Insiders), "Outsiders", l.N("booklet.guide.n_outsiders", res.Outsiders))})
		add(block{kind: blockPara, text: l.T("booklet.guide.too_few", "Min", analysis.MinRespondents)})
		return out
	case len(rows) == 0:
		add(block{kind: blockPara, text: l.T("booklet.guide.none_contested")})
		return out
	}
	add(block{kind: blockTable, head: []string{l.T("booklet.guide.col_statement"), l.T("booklet.guide.col_last_time")}, rows: rows,
		widths: []float64{0.6, 0.4}, caption: l.T("booklet.guide.contested_title")})
	add(block{kind: blockNote, text: l.T("booklet.guide.contested_note", "Min", analysis.MinRespondents)})
	return out
}

// groupFigure is the figure of an earlier round's statement that says
// most about a session of group g: the group's own when it may be shown,
// else the statement's headline figure (whose it is, it says).
func groupFigure(it analysis.ItemResult, g workbook.Group) (analysis.Population, analysis.Stats) {
	own, pop := it.Insiders, analysis.PopInsiders
	if g == workbook.Outsider {
		own, pop = it.Outsiders, analysis.PopOutsiders
	}
	if !own.Suppressed && own.N > 0 {
		return pop, own
	}
	return it.Headline()
}

// interventions writes, key issue by key issue, each statement with the
// interventions the questionnaire suggests for it.
func (g *guide) interventions(c *content, contested map[string]bool, l *i18n.Lang) {
	add := func(b block) { g.blocks = append(g.blocks, b) }
	add(block{kind: blockH2, text: l.T("booklet.guide.interventions_title")})
	add(block{kind: blockPara, text: l.T("booklet.guide.interventions_intro")})
	for _, is := range c.issues {
		add(block{kind: blockH3, text: c.keyIssueFmt(is.n, is.title.s), lang: otherLang(is.title, c.lang)})
		for _, it := range is.items {
			head := statementLabel(it, l)
			if contested[it.id] {
				head += " — " + l.T("booklet.guide.contested_mark")
			}
			add(block{kind: blockPara, text: head, lang: otherLang(it.text, c.lang), keepNext: true, strong: true})
			st, _, _ := c.q.Statement(it.id)
			var items []string
			for _, iv := range st.Interventions {
				items = append(items, textIn(iv, c.lang).s)
			}
			if len(items) == 0 {
				add(block{kind: blockNote, text: l.T("booklet.guide.no_interventions")})
				continue
			}
			add(block{kind: blockBullets, items: items, lang: interventionsLang(st.Interventions, c.lang)})
		}
	}
}

// statementLabel names a statement in the guide: its number and text,
// marked when it is reversed, as wherever a statement is named.
func statementLabel(it item, l *i18n.Lang) string {
	s := it.number + " " + it.text.s
	if it.reversed {
		s += " " + l.T("report.reversed_mark")
	}
	return s
}

// otherLang is t's language when it is not the guide's, else "".
func otherLang(t text, lang string) string {
	if t.lang == lang || strings.HasPrefix(lang, t.lang+"-") {
		return ""
	}
	return t.lang
}

// interventionsLang is the language of a statement's interventions when
// all of them fall back to English on a guide in another language.
func interventionsLang(ivs []questionnaire.Text, lang string) string {
	for _, iv := range ivs {
		if otherLang(textIn(iv, lang), lang) == "" {
			return ""
		}
	}
	if len(ivs) == 0 {
		return ""
	}
	return questionnaire.English
}
