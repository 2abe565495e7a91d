package compare

import (
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Row is one answered response with what identifies it, as the long CSV
// holds it. It never holds a participant's name or record id.
type Row struct {
	// Site is the site's slug, SiteName its name.
	Site, SiteName string
	// Assessment is the assessment's id, with its title and start date.
	Assessment, AssessmentTitle, Started string
	// Partnership is the selected partnership's title, "" when none is.
	Partnership string
	// Questionnaire and QuestionnaireVersion identify the workbook.
	Questionnaire, QuestionnaireVersion string
	// Respondent numbers the participants of the assessment from 1 in the
	// order they were added: a pseudonym valid within one assessment.
	Respondent int
	Group      workbook.Group
	// Level is the respondent's attribution category (see
	// [analysis.AttributeRows]): a role level of 3 or more people, or the
	// levels merged with it joined by "+" ("senior+middle"). With
	// [Options].Unsuppressed it is the role level itself.
	Level     string
	KeyIssue  string
	Statement string
	// Reverse says the statement is reversed; Points is the scale's.
	Reverse bool
	Points  int
	// Score is the score as given, 0 for a don't-know or a withheld score.
	Score    int
	DontKnow bool
	// Withheld says the score is left out (Score 0, DontKnow false): fewer
	// than three of the respondent's group, or of their role_level, scored
	// the statement, so their scores would be a small group's figure.
	Withheld bool
	At       time.Time
}

// Scored returns the score as the analysis counts it, with a reversed
// statement flipped (points+1-score); 0 for a don't-know.
func (r *Row) Scored() int {
	if r.DontKnow || r.Score == 0 {
		return 0
	}
	if r.Reverse {
		return r.Points + 1 - r.Score
	}
	return r.Score
}

// RowsWritten says what the long CSV holds of one assessment's
// respondents (the people with at least one row).
type RowsWritten struct {
	// Respondents is the number of respondents whose rows were written.
	Respondents int
	// LeftOut counts the respondents left out, by group and role level:
	// every one of a group of one or two people. Empty with Unsuppressed.
	LeftOut []analysis.Cell
	// Merged are the categories written in role_level that hold more than
	// one role level. Empty with Unsuppressed.
	Merged []analysis.Category
	// Small counts, with Unsuppressed, the respondents of a group or of a
	// role level of one or two people, whose rows were written all the
	// same: groups first (Role ""), then levels.
	Small []analysis.Cell
	// Withheld counts the answers written without their score: on a
	// statement that fewer than three of the respondent's group or
	// role_level scored. 0 with Unsuppressed.
	Withheld int
}

// People is the number of respondents of cells.
func People(cells []analysis.Cell) int {
	n := 0
	for _, c := range cells {
		n += c.People
	}
	return n
}

// rows passes an assessment's answered responses to opts.Responses,
// participant by participant in the order they were added, each in
// workbook order: the answers that count in the analysis's tally t (so
// responses the analysis ignores, an unknown participant or statement, a
// score off the scale, no answer, are left out), with their times from
// g.at. Unless opts.Unsuppressed, the respondents of a group of one or two
// are left out too, and the others' role levels are written as their
// attribution categories ([analysis.AttributeRows]), counted over the
// respondents with a row.
func (g *gatherer) rows(s *Site, a *Assessment, issueOf []int, people []workbook.Participant, t *analysis.Tally) error {
	q := a.Questionnaire
	items := q.Statements()
	level := g.levels(a, people, len(items), t)
	var withheld []bool
	if !g.opts.Unsuppressed {
		g.withheld = resize(g.withheld, len(people)*len(items))
		withheld = g.withheld
		a.Rows.Withheld = withheldScores(withheld, t, people, level, len(items))
	}
	row := &g.row
	*row = Row{
		Site: s.Slug, SiteName: s.Name,
		Assessment: a.ID, AssessmentTitle: a.Title, Started: a.Started,
		Partnership:   a.Partnership,
		Questionnaire: q.ID, QuestionnaireVersion: q.Version, Points: q.Scale.Points,
	}
	for pi := range people {
		if level[pi] == "" {
			continue
		}
		row.Respondent = pi + 1
		row.Group, row.Level = people[pi].Group, level[pi]
		for i, st := range items {
			ans, ok := t.Answer(analysis.Slot{Participant: pi, Item: i})
			if !ok {
				continue
			}
			row.KeyIssue = q.KeyIssues[issueOf[i]].ID
			row.Statement, row.Reverse = st.ID, st.Reverse
			row.Score, row.DontKnow, row.At = ans.Score, ans.DontKnow, g.at[pi*len(items)+i]
			row.Withheld = withheld != nil && withheld[pi*len(items)+i]
			if ans.DontKnow || row.Withheld {
				row.Score = 0
			}
			if err := g.opts.Responses(row); err != nil {
				return err
			}
		}
	}
	return nil
}

// withheldScores marks in out (one cell per participant and statement, as
// in the tally t) the scored answers whose score the long CSV leaves out,
// and returns how many: on each statement, those of a group (insiders,
// outsiders) or of a role_level category of which only one or two people
// scored it, since their scores would be that small group's figure.
// Leaving a score out can leave another breakdown with one or two, so it
// repeats until nothing more is left out. Participants whose level is ""
// have no rows and are not counted.
func withheldScores(out []bool, t *analysis.Tally, people []workbook.Participant, level []string, nItems int) int {
	// Number the groups and the group and level categories of the people
	// with rows.
	group, cat := make([]int, len(people)), make([]int, len(people))
	ids := map[string]int{}
	number := func(k string) int {
		n, ok := ids[k]
		if !ok {
			n = len(ids)
			ids[k] = n
		}
		return n
	}
	for pi, p := range people {
		if level[pi] != "" {
			group[pi] = number(string(p.Group))
			cat[pi] = number(string(p.Group) + "\x00" + level[pi])
		}
	}
	count := make([]int, len(ids))
	total := 0
	for i := range nItems {
		scored := func(pi int) bool {
			if level[pi] == "" || out[pi*nItems+i] {
				return false
			}
			a, ok := t.Answer(analysis.Slot{Participant: pi, Item: i})
			return ok && !a.DontKnow
		}
		for more := true; more; {
			more = false
			clear(count)
			for pi := range people {
				if scored(pi) {
					count[group[pi]]++
					count[cat[pi]]++
				}
			}
			for pi := range people {
				if scored(pi) && (small(count[group[pi]]) || small(count[cat[pi]])) {
					out[pi*nItems+i] = true
					total++
					more = true
				}
			}
		}
	}
	return total
}

// small reports whether n people are a group too small to be shown but
// not empty: one or two.
func small(n int) bool { return n > 0 && n < analysis.MinRespondents }

// levels returns the role_level written for each participant, "" for one
// with no row or left out, and records in a.Rows what the rows hold.
func (g *gatherer) levels(a *Assessment, people []workbook.Participant, nItems int, t *analysis.Tally) []string {
	with := make([]bool, len(people))
	var resp []workbook.Participant
	for pi := range people {
		for i := range nItems {
			if _, ok := t.Answer(analysis.Slot{Participant: pi, Item: i}); ok {
				with[pi] = true
				resp = append(resp, people[pi])
				break
			}
		}
	}
	cells := analysis.CountCells(resp)
	level := make([]string, len(people))
	if g.opts.Unsuppressed {
		for pi, p := range people {
			if with[pi] {
				level[pi] = string(p.Role)
			}
		}
		a.Rows = RowsWritten{Respondents: len(resp), Small: smallCells(cells)}
		return level
	}
	attr, left := analysis.AttributeRows(cells)
	a.Rows = RowsWritten{Respondents: len(resp) - People(left), LeftOut: left}
	for _, c := range attr.Categories {
		if len(c.Roles) > 1 {
			a.Rows.Merged = append(a.Rows.Merged, c)
		}
	}
	for pi, p := range people {
		if c, ok := attr.Of(p.Group, p.Role); ok && with[pi] {
			level[pi] = c.Level()
		}
	}
	return level
}

// smallCells returns the groups (Role "") and then the role levels of one
// or two people among cells.
func smallCells(cells []analysis.Cell) []analysis.Cell {
	var groups, levels []analysis.Cell
	total := map[workbook.Group]int{}
	for _, c := range cells {
		total[c.Group] += c.People
		if c.People < analysis.MinRespondents {
			levels = append(levels, c)
		}
	}
	for _, g := range workbook.Groups {
		if n := total[g]; n > 0 && n < analysis.MinRespondents {
			groups = append(groups, analysis.Cell{Group: g, People: n})
		}
	}
	return append(groups, levels...)
}
