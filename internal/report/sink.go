package report

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
)

// sink receives a report's content once, in reading order, and sets it in
// one edition: [pdfOut] on pages through [doc], [htmlOut] as one HTML
// document. The section code (cover.go, workbook.go, barriers.go, ...,
// comparison*.go) decides what is said and formats every figure; a sink
// only lays out what it is given, so that both editions carry the same
// words and the same figures.
//
// Measures in millimetres (keep, ensure, gap, paraHeight) are about pages:
// the HTML edition flows, measures nothing and keeps headings with what
// follows through its print stylesheet.
type sink interface {
	// title opens the document: the cover's kicker, title and what it is
	// about. The HTML edition makes the title its one h1.
	title(t titleBlock)
	// heading writes the heading of a part (h1: it starts a page), a
	// section (h2) or a sub-section (h3), kept on a page with keep
	// millimetres of what follows.
	heading(level int, text string, keep float64)
	para(text string, st style)
	// bullets writes a list under an optional head.
	bullets(head string, items []string)
	// plainList writes an indented list of short lines.
	plainList(items []string)
	// key writes a table's key: each code and what it stands for.
	key(codes, texts []string)
	table(t table)
	// statement writes one statement of the appendix with its figures,
	// notes and comments.
	statement(b statementBlock)
	// meansChart draws insiders' and outsiders' means on the scale.
	meansChart(c meansChart)
	// dotChart draws every score of each statement as a dot.
	dotChart(c dotChart)
	// grid writes the comparison's sites by key issues, shaded by band.
	grid(g gridChart)
	// spreadLegend is the key of the comparison's spread charts.
	spreadLegend(insiders, outsiders, text string)
	// spreadChart draws each site's means with one SD either side.
	spreadChart(c spreadChart)
	// contents is where the contents list goes: after the cover.
	contents(title string)

	gap(mm float64)
	ensure(mm float64) bool
	paraHeight(text string, st style) float64
	// width is the width of the text, in millimetres.
	width() float64
	// keyHeight is the height of a chart's key of insiders and outsiders
	// with what the chart shows; spreadKeep the room a spread chart of
	// these sites keeps with its heading.
	keyHeight(insiders, outsiders, what string) float64
	spreadKeep(sites []string) float64
}

// Both editions are sinks.
var (
	_ sink = (*pdfOut)(nil)
	_ sink = (*htmlOut)(nil)
)

// titleBlock is what the cover says first.
type titleBlock struct {
	kicker, title string
	// site, org and draft are the site report's: the site's name, its
	// organisation and area, and the draft mark (empty when complete).
	site, org, draft string
	// subtitle is the comparison's line under its title; compare sets
	// the comparison's cover.
	subtitle string
	compare  bool
}

// statementBlock is one statement of the appendix.
type statementBlock struct {
	label string // number and text
	flags string // reversed, insiders only, contested; may be empty
	stats table
	paras []string // the agreed score, the dialogue notes
	// commentsHead titles the comments, each already signed.
	commentsHead string
	comments     []string
}

// plotScale is the scale a chart's values are drawn on, with its bands
// and their names.
type plotScale struct {
	points        int
	improve, good float64
	names         [3]string // barrier, improve, good
	ticks         []string  // the scale points as printed
}

// band is one shaded band of a plot.
type band struct {
	from, to float64
	name     string
	tint     rgb
	kind     analysis.Band
}

// bands returns the scale's bands, barrier first; an empty band (a
// questionnaire whose thresholds meet) is left out.
func (s plotScale) bands() []band {
	all := []band{
		{1, s.improve, s.names[0], tintBarrier, analysis.BandBarrier},
		{s.improve, s.good, s.names[1], tintImprove, analysis.BandImprove},
		{s.good, float64(s.points), s.names[2], tintGood, analysis.BandGood},
	}
	out := all[:0]
	for _, b := range all {
		if b.to > b.from {
			out = append(out, b)
		}
	}
	return out
}

// groupValue is one group's mean on one row of a chart or a table, or why
// it is not shown.
type groupValue struct {
	mean  float64
	n     int
	shown bool
	why   string // when not shown
	// absent is set, with shown false, on a group that was not asked:
	// nothing is drawn for it, not even n=0.
	absent bool
	band   analysis.Band
	// text, nText and bandText are the mean, n and band as a chart
	// prints them ([report.charted]).
	text, nText, bandText string
}

// compareRow is one row of a chart comparing insiders and outsiders.
type compareRow struct {
	label string // clean
	// short names the row in the drawing: a key issue's or a
	// statement's number.
	short     string
	bold      bool
	ins, outs groupValue
}

// meansChart is insiders' and outsiders' means of key issues or of
// statements, on the scale with its bands shaded.
type meansChart struct {
	scale plotScale
	// head is the title of the rows' column; insiders, outsiders and
	// legend the key's words; nHead the title of the column of n.
	head, insiders, outsiders, legend, nHead string
	// alt says what the chart shows, in a sentence.
	alt  string
	rows []compareRow
}

// dotRow is one statement's scores as dots, with the mean marked.
type dotRow struct {
	label, short string // clean
	// scores are every score shown, sorted; outsiders counts, for each
	// score, how many of them are outsiders' (drawn as triangles after
	// the insiders' circles).
	scores    []int
	outsiders []int
	mean      float64
	n         int
	// whose says whose scores are drawn, under n.
	whose     string
	shown     bool
	why       string
	contested bool
	// meanText, nText and bandText are the mean, n and band as printed;
	// contestedText the word for contested.
	meanText, nText, bandText, contestedText string
}

// counts is how many scores the row has at each point of a scale of
// points: counts[v] for v in 1..points.
func (row dotRow) counts(points int) []int {
	c := make([]int, points+1)
	for _, s := range row.scores {
		c[s]++
	}
	return c
}

// dotChart is every score of each statement as a dot.
type dotChart struct {
	scale plotScale
	head  string // the rows' column: statement
	// whoseHead, nHead and meanHead title the columns of the figures;
	// outsidersOf says how many of a count are outsiders'.
	whoseHead, nHead, meanHead, bandHead string
	outsidersOf                          func(n int) string
	alt                                  string
	rows                                 []dotRow
}

// gridCell is one site's headline figures for one key issue.
type gridCell struct {
	// none is set when the site's questionnaire has no such key issue:
	// the cell is empty.
	none  bool
	shown bool
	mean  string // as printed
	band  analysis.Band
	// sub is the band's name, whose the figure is and n; why, when not
	// shown, says why, with n.
	sub, why string
}

// gridRow is one site's row of the grid.
type gridRow struct {
	site  string
	cells []gridCell
}

// gridChart is the comparison's sites by key issues.
type gridChart struct {
	siteHead, caption string
	issues            []string
	rows              []gridRow
}

// spreadValue is one group's mean with its spread at one site, or why it
// is not shown.
type spreadValue struct {
	shown    bool
	mean, sd float64
	// figs is the group's figures as printed beside the chart; why says
	// why they are not shown.
	figs, why string
	// group is the group's short name; meanText, nText and sdText its
	// figures one by one, for a table.
	group, meanText, nText, sdText, bandText string
}

// spreadRow is one site's row of a spread chart.
type spreadRow struct {
	site  string
	scale plotScale
	// none is set when the site's questionnaire has no such key issue.
	none      bool
	ins, outs spreadValue
}

// spreadChart is one key issue's means and spreads at every site.
type spreadChart struct {
	// head and figHead title the columns of site names and figures;
	// insiders and outsiders name the groups in the table of figures.
	head, figHead, insiders, outsiders, caption string
	meanHead, nHead, sdHead, bandHead           string
	alt                                         string
	rows                                        []spreadRow
}

// Passages in another language than the report's are marked, in the HTML
// edition only, by these characters (which text from data never holds
// after cleaning: a private-use character becomes a [Marker]):
// langOpen, the BCP 47 tag, langSep, the passage, langClose.
const (
	langOpen  = "\ue001"
	langSep   = "\ue002"
	langClose = "\ue003"
)

// markLang marks s as written in lang.
func markLang(s, lang string) string {
	if s == "" {
		return s
	}
	return langOpen + lang + langSep + s + langClose
}

// stripLang removes the language marks of s.
func stripLang(s string) string {
	if !strings.Contains(s, langOpen) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, langOpen)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i+len(langOpen):]
		if j := strings.Index(s, langSep); j >= 0 {
			s = s[j+len(langSep):]
		}
	}
	return strings.ReplaceAll(b.String(), langClose, "")
}

// sameLang reports whether two BCP 47 tags name the same language.
func sameLang(a, b string) bool {
	primary := func(s string) string {
		if i := strings.IndexAny(s, "-_"); i >= 0 {
			s = s[:i]
		}
		return strings.ToLower(s)
	}
	return primary(a) == primary(b)
}
