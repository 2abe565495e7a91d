package cli

import (
	"errors"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// rowsLines says what the long CSV of c holds of small groups, one line
// per assessment under a heading: without unsuppressed, how many
// respondents were left out and which role levels were merged; with it,
// that every answer is there and which groups and levels under 3 it shows.
func rowsLines(lang *i18n.Lang, c *compare.Comparison, unsuppressed bool) []string {
	var left, merged, small []string
	leftN := 0
	for si := range c.Sites {
		s := &c.Sites[si]
		for ai := range s.Assessments {
			a := &s.Assessments[ai]
			at := "  " + s.Name
			if len(s.Assessments) > 1 {
				at += " (" + assessmentLabel(lang, a) + ")"
			}
			at += ": "
			var l, m, sm []string
			for _, g := range groupTotals(a.Rows.LeftOut) {
				leftN += g.People
				l = append(l, people(lang, g.People, g.Group))
			}
			for _, x := range a.Rows.Merged {
				m = append(m, lang.T("cli.rows.merged_level", "Level", x.Level(), "People", people(lang, x.People, x.Group)))
			}
			for _, x := range a.Rows.Small {
				if x.Role == "" {
					sm = append(sm, people(lang, x.People, x.Group))
				} else {
					// The role level as the CSV's role_level writes it.
					sm = append(sm, lang.N("cli.rows.role_"+string(x.Group), x.People, "Role", string(x.Role)))
				}
			}
			for _, v := range []struct {
				to    *[]string
				items []string
			}{{&left, l}, {&merged, m}, {&small, sm}} {
				if len(v.items) > 0 {
					*v.to = append(*v.to, at+strings.Join(v.items, ", "))
				}
			}
		}
	}
	if unsuppressed {
		if len(small) == 0 {
			return []string{lang.T("cli.rows.unsuppressed_none")}
		}
		out := []string{lang.T("cli.rows.unsuppressed")}
		out = append(out, small...)
		return append(out, lang.T("cli.rows.unsuppressed_share"))
	}
	var out []string
	if leftN > 0 {
		out = append(out, lang.N("cli.rows.left_out", leftN))
		out = append(out, left...)
	}
	if len(merged) > 0 {
		out = append(out, lang.T("cli.rows.merged"))
		out = append(out, merged...)
	}
	withheld := 0
	for si := range c.Sites {
		for ai := range c.Sites[si].Assessments {
			withheld += c.Sites[si].Assessments[ai].Rows.Withheld
		}
	}
	if withheld > 0 {
		out = append(out, lang.N("cli.rows.withheld", withheld))
	}
	if len(out) == 0 {
		out = append(out, lang.T("cli.rows.none"))
	}
	return append(out, lang.T("cli.rows.unsuppressed_note"))
}

// groupTotals adds cells up by group, in workbook order.
func groupTotals(cells []analysis.Cell) []analysis.Cell {
	var out []analysis.Cell
	for _, g := range workbook.Groups {
		n := 0
		for _, c := range cells {
			if c.Group == g {
				n += c.People
			}
		}
		if n > 0 {
			out = append(out, analysis.Cell{Group: g, People: n})
		}
	}
	return out
}

// people is "2 outsiders", "1 insider".
func people(l *i18n.Lang, n int, g workbook.Group) string { return l.N("cli.rows.n_"+string(g), n) }

// assessmentLabel names an assessment among a site's several.
func assessmentLabel(l *i18n.Lang, a *compare.Assessment) string {
	if a.Title != "" {
		return a.Title
	}
	return l.T("cli.rows.started", "Date", a.Started)
}

// parseRound reads --round, saying in l what it takes.
func parseRound(l *i18n.Lang, s string) (workbook.RoundChoice, error) {
	rc, err := workbook.ParseRound(s)
	if err != nil {
		return rc, errors.New(l.T("cli.round.bad", "Value", strconv.Quote(s)))
	}
	return rc, nil
}

// roundLines says which round each site of c with more than one is
// compared on, and why when it is not the newest: one line per such site,
// under a heading; none when every site has one round.
func roundLines(l *i18n.Lang, c *compare.Comparison) []string {
	var out []string
	for si := range c.Sites {
		s := &c.Sites[si]
		n, of := s.Round()
		if of < 2 {
			continue
		}
		a := s.Current()
		line := l.T("cli.round.line", "Site", s.Name, "N", n, "Of", of, "Started", a.Started)
		if n < of && s.Assessments[of-1].Responses == 0 {
			line += l.T("cli.round.newest_empty", "Of", of, "Started", s.Assessments[of-1].Started)
		}
		out = append(out, "  "+line)
	}
	if len(out) == 0 {
		return nil
	}
	return append([]string{l.T("cli.round.heading")}, out...)
}

// roundError says in l that a site has no round --round names.
func roundError(l *i18n.Lang, err error) error {
	var nr *workbook.NoRoundError
	if !errors.As(err, &nr) {
		return &ExitError{Code: 1, Message: err.Error()}
	}
	msg := l.T("cli.round.no_number", "Site", nr.Site, "N", nr.Choice.N, "Of", nr.Rounds)
	if nr.Choice.Date != "" {
		msg = l.T("cli.round.no_date", "Site", nr.Site, "Date", nr.Choice.Date, "First", nr.First)
	}
	return &ExitError{Code: 1, Message: msg, Hint: l.T("cli.round.none_hint")}
}
