package compare

import (
	"cmp"
	"slices"
	"time"

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
	Role       workbook.Role
	KeyIssue   string
	Statement  string
	// Reverse says the statement is reversed; Points is the scale's.
	Reverse bool
	Points  int
	// Score is the score as given, 0 for a don't-know.
	Score    int
	DontKnow bool
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

// rows passes an assessment's answered responses to opts.Responses,
// participant by participant in the order they were added, each in
// workbook order. Responses the analysis ignores (an unknown participant
// or statement, a score off the scale, no answer) are left out.
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
	slices.SortFunc(kept, func(x, y workbook.Response) int {
		if c := cmp.Compare(who[x.ParticipantID], who[y.ParticipantID]); c != 0 {
			return c
		}
		return cmp.Compare(order(x.StatementID), order(y.StatementID))
	})
	row := &g.row
	*row = Row{
		Site: s.Slug, SiteName: s.Name,
		Assessment: a.ID, AssessmentTitle: a.Title, Started: a.Started,
		Partnership:   a.Partnership,
		Questionnaire: q.ID, QuestionnaireVersion: q.Version, Points: q.Scale.Points,
	}
	for _, r := range kept {
		pi := who[r.ParticipantID]
		it, _ := items.Place(r.StatementID)
		row.Respondent = pi + 1
		row.Group, row.Role = people[pi].Group, people[pi].Role
		row.KeyIssue = q.KeyIssues[it.Issue].ID
		row.Statement, row.Reverse = it.Statement.ID, it.Statement.Reverse
		row.Score, row.DontKnow, row.At = r.Score, r.DontKnow, r.At
		if r.DontKnow {
			row.Score = 0
		}
		if err := g.opts.Responses(row); err != nil {
			return err
		}
	}
	return nil
}
