package bundle

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// labeller says which record a conflict is about in words a facilitator
// recognises: titles, dates, and participants by their number in the
// assessment and their group and role level (never their names).
type labeller struct {
	assessments map[string]workbook.Assessment
	people      map[string]string // assessment/participant -> "participant 4 (insider, front-line)"
	multi       bool              // the site has more than one assessment
}

// newLabeller learns the assessments and participants of both sides, the
// bundle's version first.
func newLabeller(sides ...*workbook.SiteRecords) *labeller {
	l := &labeller{assessments: map[string]workbook.Assessment{}, people: map[string]string{}}
	byAssessment := map[string][]workbook.Participant{}
	seen := map[string]bool{}
	for _, s := range sides {
		for _, a := range s.Assessments {
			if _, ok := l.assessments[a.ID]; !ok {
				l.assessments[a.ID] = a
			}
		}
		for _, p := range s.Participants {
			k := p.AssessmentID + "/" + p.ID
			if !seen[k] {
				seen[k] = true
				byAssessment[p.AssessmentID] = append(byAssessment[p.AssessmentID], p)
			}
		}
	}
	l.multi = len(l.assessments) > 1
	for _, ps := range byAssessment {
		// The order the workbook lists them in: as they were added.
		slices.SortStableFunc(ps, func(a, b workbook.Participant) int {
			if c := a.Created.Compare(b.Created); c != 0 {
				return c
			}
			return strings.Compare(a.ID, b.ID)
		})
		for i, p := range ps {
			l.people[p.AssessmentID+"/"+p.ID] = fmt.Sprintf("participant %d (%s, %s)", i+1, p.Group, p.Role)
		}
	}
	return l
}

// label returns a record's kind and a description of it.
func (l *labeller) label(rec workbook.Record) (kind, what string) {
	switch v := rec.(type) {
	case workbook.Site:
		return "site", fmt.Sprintf("site %q", v.Name)
	case workbook.Partnership:
		return "partnership", fmt.Sprintf("partnership %q", clip(v.Title))
	case workbook.Assessment:
		return "assessment", l.assessment(v.ID)
	case workbook.Participant:
		return "participant", l.person(v.AssessmentID, v.ID) + l.in(v.AssessmentID)
	case workbook.Response:
		return "answer", fmt.Sprintf("answer of %s to %s%s", l.person(v.AssessmentID, v.ParticipantID), v.StatementID, l.in(v.AssessmentID))
	case workbook.StatementNote:
		return "statement note", fmt.Sprintf("group notes on %s%s", v.StatementID, l.in(v.AssessmentID))
	case workbook.IssueNote:
		return "issue note", fmt.Sprintf("verification note on key issue %s%s", v.KeyIssueID, l.in(v.AssessmentID))
	case workbook.Finding:
		text := v.Text
		if text == "" {
			text = v.StatementID
		}
		return "finding", fmt.Sprintf("finding (%s) %q%s", v.Kind, clip(text), l.in(v.AssessmentID))
	case workbook.Intervention:
		return "action", fmt.Sprintf("action %q%s", clip(v.Action), l.in(v.AssessmentID))
	}
	return "record", fmt.Sprintf("%T", rec)
}

func (l *labeller) assessment(id string) string {
	a, ok := l.assessments[id]
	switch {
	case !ok:
		return "assessment " + id
	case a.Title != "":
		return fmt.Sprintf("assessment %q (started %s)", clip(a.Title), a.Started)
	}
	return "assessment started " + a.Started
}

// in names the assessment a record belongs to when the site has more than
// one.
func (l *labeller) in(assessmentID string) string {
	if !l.multi {
		return ""
	}
	return " in " + l.assessment(assessmentID)
}

func (l *labeller) person(assessmentID, id string) string {
	if s, ok := l.people[assessmentID+"/"+id]; ok {
		return s
	}
	return "participant " + id
}

// clip shortens a text for a one-line description.
func clip(s string) string {
	const max = 48
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max-1])) + "…"
}
