package compare

import (
	"cmp"
	"slices"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
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
// workbook order. Responses the analysis ignores (an unknown participant
// or statement, a score off the scale, no answer) are left out, and so,
// unless opts.Unsuppressed, are the respondents of a group of one or two;
// the others' role levels are written as their attribution categories
// ([analysis.AttributeRows]), counted over the respondents with a row.
func (g *gatherer) rows(s *Site, a *Assessment, items questionnaire.Numbering, people []workbook.Participant, responses []workbook.Response) error {
	q := a.Questionnaire
	who := make(map[string]int, len(people))
	for i, p := range people {
		who[p.ID] = i
	}
	kept := responses[:0:0]
	for _, r := range responses {
		_, known := who[r.ParticipantID]
		_, inQ := items.Place(r.StatementID)
		if known && inQ && (r.DontKnow || r.Score >= 1 && r.Score <= q.Scale.Points) {
			kept = append(kept, r)
		}
	}
	order := func(id string) int { p, _ := items.Place(id); return p.Order }
	level := g.levels(a, people, kept, who)
	slices.SortFunc(kept, func(x, y workbook.Response) int {
		if c := cmp.Compare(who[x.ParticipantID], who[y.ParticipantID]); c != 0 {
			return c
		}
		return cmp.Compare(order(x.StatementID), order(y.StatementID))
	})
	var withheld map[answerAt]bool
	if !g.opts.Unsuppressed {
		withheld = withheldScores(kept, who, people, level)
		a.Rows.Withheld = len(withheld)
	}
	row := &g.row
	*row = Row{
		Site: s.Slug, SiteName: s.Name,
		Assessment: a.ID, AssessmentTitle: a.Title, Started: a.Started,
		Partnership:   a.Partnership,
		Questionnaire: q.ID, QuestionnaireVersion: q.Version, Points: q.Scale.Points,
	}
	for _, r := range kept {
		pi := who[r.ParticipantID]
		if level[pi] == "" {
			continue
		}
		it, _ := items.Place(r.StatementID)
		row.Respondent = pi + 1
		row.Group, row.Level = people[pi].Group, level[pi]
		row.KeyIssue = q.KeyIssues[it.Issue].ID
		row.Statement, row.Reverse = it.Statement.ID, it.Statement.Reverse
		row.Score, row.DontKnow, row.At = r.Score, r.DontKnow, r.At
		row.Withheld = withheld[answerAt{pi, r.StatementID}]
		if r.DontKnow || row.Withheld {
			row.Score = 0
		}
		if err := g.opts.Responses(row); err != nil {
			return err
		}
	}
	return nil
}

// answerAt is one respondent's answer to one statement.
type answerAt struct {
	participant int
	statement   string
}

// withheldScores returns the scored answers whose score the long CSV
// leaves out: on each statement, those of a group (insiders, outsiders) or
// of a role_level category of which only one or two people scored it,
// since their scores would be that small group's figure. Leaving a score
// out can leave another breakdown with one or two, so it repeats until
// nothing more is left out.
func withheldScores(kept []workbook.Response, who map[string]int, people []workbook.Participant, level []string) map[answerAt]bool {
	out := map[answerAt]bool{}
	for {
		scorers := map[string][]answerAt{} // by statement and group, and by statement, group and level
		for _, r := range kept {
			pi := who[r.ParticipantID]
			at := answerAt{pi, r.StatementID}
			if r.DontKnow || level[pi] == "" || out[at] {
				continue
			}
			g := string(people[pi].Group)
			for _, k := range []string{r.StatementID + "\x00" + g, r.StatementID + "\x00" + g + "\x00" + level[pi]} {
				scorers[k] = append(scorers[k], at)
			}
		}
		more := false
		for _, ats := range scorers {
			if len(ats) > 0 && len(ats) < analysis.MinRespondents {
				for _, at := range ats {
					out[at], more = true, true
				}
			}
		}
		if !more {
			return out
		}
	}
}

// levels returns the role_level written for each participant, "" for one
// with no row or left out, and records in a.Rows what the rows hold.
func (g *gatherer) levels(a *Assessment, people []workbook.Participant, kept []workbook.Response, who map[string]int) []string {
	with := make([]bool, len(people))
	var resp []workbook.Participant
	for _, r := range kept {
		if pi := who[r.ParticipantID]; !with[pi] {
			with[pi] = true
			resp = append(resp, people[pi])
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
