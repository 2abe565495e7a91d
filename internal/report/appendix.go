package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// comment is one comment as the report shows it.
type comment struct {
	text, by string
	rank     int // role level order, for sorting
}

// appendix writes every statement with its figures, the group's notes and
// the comments, attributed by category (see [report.attribution]).
func (r *report) appendix() {
	d := r.out
	d.heading(h1, r.l.Appendix, 40)
	d.para(r.l.AppendixIntro, body)
	if r.clean.markers > 0 || r.hasMarkers() {
		d.para(r.l.MarkerNote(Marker), note)
	}
	comments := r.comments()
	notes := map[string]workbook.StatementNote{}
	for _, n := range r.data.StatementNotes {
		notes[n.StatementID] = n
	}
	for _, ki := range r.data.Questionnaire.KeyIssues {
		d.heading(h2, r.issueHeading(ki.ID), 35)
		for _, it := range r.res.Items {
			if it.KeyIssueID == ki.ID {
				r.appendixItem(it, notes[it.Statement.ID], comments[it.Statement.ID])
			}
		}
	}
}

// hasMarkers reports whether any comment or note will need a marker, so
// that the note explaining the marker comes before the first one.
func (r *report) hasMarkers() bool {
	probe := &cleaner{cov: r.clean.cov, screen: r.clean.screen}
	for _, x := range r.data.Responses {
		probe.block(x.Comment)
	}
	for _, n := range r.data.StatementNotes {
		probe.block(n.Notes)
	}
	return probe.markers > 0
}

// comments returns the comments on each statement, attributed, by label
// and then by text: never in the order people were added, so that a reader
// cannot follow one person from statement to statement, and not by role
// level within a merged label, which would tell its levels apart. With
// names, comments follow role level order within a name's label.
func (r *report) comments() map[string][]comment {
	rank := map[workbook.Role]int{}
	for i, role := range workbook.Roles {
		rank[role] = i
	}
	out := map[string][]comment{}
	for _, x := range r.data.Responses {
		who, ok := r.people.byID[x.ParticipantID]
		if !ok || strings.TrimSpace(x.Comment) == "" {
			continue
		}
		out[x.StatementID] = append(out[x.StatementID], comment{
			text: r.clean.block(strings.TrimSpace(x.Comment)), by: r.attribution(who.ID), rank: rank[who.Role],
		})
	}
	for _, cs := range out {
		slices.SortStableFunc(cs, func(a, b comment) int {
			if c := cmp.Compare(a.by, b.by); c != 0 && !r.opts.Names {
				return c
			}
			if c := cmp.Compare(a.rank, b.rank); c != 0 && r.opts.Names {
				return c
			}
			return cmp.Compare(a.text, b.text)
		})
	}
	return out
}

// appendixItem writes one statement's figures, notes and comments. An
// item that fits in under half a page is kept on one page; a longer one
// starts with at least its figures and two comments.
func (r *report) appendixItem(it analysis.ItemResult, n workbook.StatementNote, cs []comment) {
	var flags []string
	if it.Statement.Reverse {
		flags = append(flags, r.l.Reversed)
	}
	if !r.verify[it.Statement.ID] {
		flags = append(flags, r.l.InsidersOnly)
	}
	if _, h := it.Headline(); h.Contested {
		flags = append(flags, r.l.Contested)
	}
	var paras []string // agreed score and notes
	if n.GroupScore > 0 {
		paras = append(paras, r.l.AgreedScore(n.GroupScore, r.data.Questionnaire.Scale.Points, it.Statement.Reverse))
	}
	if n.Notes != "" {
		paras = append(paras, r.l.DialogueNotes+": "+r.said(r.clean.block(n.Notes)))
	}
	texts := make([]string, len(cs))
	for i, c := range cs {
		texts[i] = r.l.quote(r.said(c.text)) + " — " + c.by
	}
	number, _, _ := r.statementNumber(it.Statement.ID)
	t := r.statsTable(it)
	t.caption = r.hl.StatementFigures(number)
	r.out.statement(statementBlock{
		label: r.statementLabel(it.Statement.ID), flags: strings.Join(flags, " · "), stats: t, paras: paras,
		commentsHead: r.l.Comments(len(cs)), comments: texts,
	})
}

// statsTable is the table of one statement's figures by group.
func (r *report) statsTable(it analysis.ItemResult) table {
	rows := []tableRow{r.statsRow(r.l.Everyone, it.All)}
	rows = append(rows, r.statsRow(r.l.Insiders, it.Insiders))
	if r.verify[it.Statement.ID] || it.Outsiders.N > 0 {
		rows = append(rows, r.statsRow(r.l.Outsiders, it.Outsiders))
	}
	return table{cols: []column{
		{title: r.l.Group},
		{title: r.l.N, w: 14, align: "R"},
		{title: r.l.Mean, w: 18, align: "R"},
		{title: r.l.SD, w: 18, align: "R"},
		{title: r.l.DontKnow, w: 24, align: "R"},
		{title: r.l.AgreeDisagree, w: 34, align: "R"},
	}, rows: rows, size: sizeTiny + 0.5}
}

// statsRow is one group's figures for the appendix, with the reason when
// they are not shown.
func (r *report) statsRow(name string, s analysis.Stats) tableRow {
	switch {
	case s.N == 0:
		return tableRow{cells: []string{name, "0", r.l.NoScores}, span: 2}
	case s.Complementary:
		return tableRow{cells: []string{name, count(s.N), r.l.Withheld}, span: 2}
	case s.Suppressed:
		return tableRow{cells: []string{name, count(s.N), r.l.FewerThan3}, span: 2}
	}
	sd := r.num(analysis.ShownSD(s.SD, 2), 2)
	if s.N < 2 {
		sd = "–"
	}
	return tableRow{cells: []string{name, count(s.N), r.mean(s.Mean, 2), sd, count(s.DontKnow),
		r.num(100*s.Agree, 0) + "% / " + r.num(100*s.Disagree, 0) + "%"}}
}
