package cli

import (
	"fmt"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// rowsLines says what the long CSV of c holds of small groups, one line
// per assessment under a heading: without unsuppressed, how many
// respondents were left out and which role levels were merged; with it,
// that every answer is there and which groups and levels under 3 it shows.
func rowsLines(c *compare.Comparison, unsuppressed bool) []string {
	var left, merged, small []string
	leftN := 0
	for si := range c.Sites {
		s := &c.Sites[si]
		for ai := range s.Assessments {
			a := &s.Assessments[ai]
			at := "  " + s.Name
			if len(s.Assessments) > 1 {
				at += " (" + assessmentLabel(a) + ")"
			}
			at += ": "
			var l, m, sm []string
			for _, g := range groupTotals(a.Rows.LeftOut) {
				leftN += g.People
				l = append(l, people(g.People, g.Group))
			}
			for _, x := range a.Rows.Merged {
				m = append(m, fmt.Sprintf("%s (%s)", x.Level(), people(x.People, x.Group)))
			}
			for _, x := range a.Rows.Small {
				if x.Role == "" {
					sm = append(sm, people(x.People, x.Group))
				} else {
					sm = append(sm, fmt.Sprintf("%d %s %s", x.People, x.Role, singular(x.People, x.Group)))
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
			return []string{"The CSV holds every answer with its real role level; no group or role level is under 3."}
		}
		out := []string{"The CSV holds every answer with its real role level, including groups and role levels under 3:"}
		out = append(out, small...)
		return append(out, "Share it only as your data-sharing agreement allows.")
	}
	var out []string
	if leftN > 0 {
		out = append(out, fmt.Sprintf("Left out of the CSV: %d %s of groups under 3:", leftN, countNoun(leftN, "respondent", "respondents")))
		out = append(out, left...)
	}
	if len(merged) > 0 {
		out = append(out, "Role levels under 3 merged with others in role_level:")
		out = append(out, merged...)
	}
	withheld := 0
	for si := range c.Sites {
		for ai := range c.Sites[si].Assessments {
			withheld += c.Sites[si].Assessments[ai].Rows.Withheld
		}
	}
	if withheld > 0 {
		out = append(out, fmt.Sprintf("Scores withheld (score_withheld): %d %s on statements that fewer than 3 of a group or role level scored.",
			withheld, countNoun(withheld, "answer", "answers")))
	}
	if len(out) == 0 {
		out = append(out, "No respondent left out of the CSV, no role level merged and no score withheld: none is under 3.")
	}
	return append(out, "(--unsuppressed writes every row, for a data-sharing agreement.)")
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
func people(n int, g workbook.Group) string { return fmt.Sprintf("%d %s", n, singular(n, g)) }

func singular(n int, g workbook.Group) string { return countNoun(n, string(g), string(g)+"s") }

// assessmentLabel names an assessment among a site's several.
func assessmentLabel(a *compare.Assessment) string {
	if a.Title != "" {
		return a.Title
	}
	return "started " + a.Started
}
