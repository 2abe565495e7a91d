package workbook

import (
	"cmp"
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// PlanLine is one action of a site's plan with what names it in a list of
// actions across sites (`engage actions`, the comparison's actions file):
// its site, its assessment and its key issue.
type PlanLine struct {
	Site       Site
	Assessment Assessment
	// KeyIssue is the action's key issue in the assessment's
	// questionnaire; nil when the action has none.
	KeyIssue *questionnaire.KeyIssue
	Intervention
}

// PlanLines returns every action of every assessment of a site, the
// assessments in the order they were started, each plan in the order it
// was written. An action's plan is monitored until it is done or dropped,
// whichever round wrote it.
func (r *Reader) PlanLines(siteID string) ([]PlanLine, error) {
	site, err := r.Site(siteID)
	if err != nil {
		return nil, err
	}
	as, err := r.Assessments(site.ID)
	if err != nil {
		return nil, err
	}
	var out []PlanLine
	for _, a := range as {
		ivs, err := r.Interventions(site.ID, a.ID)
		if err != nil || len(ivs) == 0 {
			if err != nil {
				return nil, err
			}
			continue
		}
		q, err := r.Questionnaire(a.Questionnaire)
		if err != nil {
			return nil, err
		}
		for _, iv := range ivs {
			line := PlanLine{Site: site, Assessment: a, Intervention: iv}
			if ki, ok := q.KeyIssue(iv.KeyIssueID); ok && iv.KeyIssueID != "" {
				line.KeyIssue = &ki
			}
			out = append(out, line)
		}
	}
	return out, nil
}

// SortPlanLines puts the lines in the order a monitoring round takes
// them, on the day today: the overdue actions first, the longest overdue
// first; then the open ones by due date, those without a date after them;
// then the done and the dropped. Ties keep the order given (the site's,
// then its plan's).
func SortPlanLines(lines []PlanLine, today string) {
	rank := func(l PlanLine) int {
		switch {
		case l.Overdue(today):
			return 0
		case l.Status.Closed():
			return 3
		case l.Due == "":
			return 2
		}
		return 1
	}
	slices.SortStableFunc(lines, func(a, b PlanLine) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.Due, b.Due)
	})
}
