package compare

import (
	"fmt"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// Level is how far the sites' questionnaires let them be compared.
type Level string

// The levels of comparison.
const (
	// LevelStatements: every site used the same questionnaire, so key
	// issues and statements are compared.
	LevelStatements Level = "statements"
	// LevelKeyIssues: the questionnaires differ but share key issues on the
	// same scale; only those are compared.
	LevelKeyIssues Level = "key-issues"
	// LevelNone: nothing in common to compare.
	LevelNone Level = "none"
)

// Basis says what the sites' questionnaires (those of their current
// assessments) let them be compared on.
type Basis struct {
	Level Level
	// Questionnaires are the distinct questionnaires used, in order of
	// first use, with the sites using each.
	Questionnaires []Use
	// Issues are the key issues compared.
	Issues []Issue
	// NotCompared are key issues some sites' questionnaires have and
	// others' do not.
	NotCompared []Issue
	// ScalesDiffer is set when the questionnaires score on scales of
	// different lengths, whose means cannot be compared.
	ScalesDiffer bool
	// BandsDiffer is set when the questionnaires set different bands:
	// each site's bands are its own questionnaire's.
	BandsDiffer bool
}

// Use is one questionnaire and the sites that used it.
type Use struct {
	Questionnaire *questionnaire.Questionnaire
	// Sites are indexes into Comparison.Sites.
	Sites []int
}

// Mixed reports whether the sites used more than one questionnaire (by
// content), even when they are compared in full.
func (b Basis) Mixed() bool { return len(b.Questionnaires) > 1 }

// basisOf works out the basis of comparing sites on their current
// assessments.
func basisOf(sites []Site, lang string) Basis {
	var b Basis
	if len(sites) == 0 {
		b.Level = LevelNone
		return b
	}
	byHash := map[string]int{}
	for i := range sites {
		q := sites[i].Current().Questionnaire
		k, ok := byHash[q.Hash]
		if !ok {
			k = len(b.Questionnaires)
			byHash[q.Hash] = k
			b.Questionnaires = append(b.Questionnaires, Use{Questionnaire: q})
		}
		b.Questionnaires[k].Sites = append(b.Questionnaires[k].Sites, i)
	}
	first := b.Questionnaires[0].Questionnaire
	same := true
	for _, u := range b.Questionnaires[1:] {
		q := u.Questionnaire
		same = same && signature(q) == signature(first)
		b.ScalesDiffer = b.ScalesDiffer || q.Scale.Points != first.Scale.Points
		b.BandsDiffer = b.BandsDiffer || q.Bands != first.Bands
	}
	switch {
	case same:
		b.Level = LevelStatements
		for _, ki := range first.KeyIssues {
			b.Issues = append(b.Issues, Issue{ID: ki.ID, Title: ki.Title.In(lang)})
		}
		return b
	case b.ScalesDiffer:
		b.Level = LevelNone
		b.NotCompared = allIssues(b.Questionnaires, lang)
		return b
	}
	for _, ki := range first.KeyIssues {
		if everyHas(b.Questionnaires, ki.ID) {
			b.Issues = append(b.Issues, Issue{ID: ki.ID, Title: ki.Title.In(lang)})
		}
	}
	for _, ki := range allIssues(b.Questionnaires, lang) {
		if !slices.ContainsFunc(b.Issues, func(i Issue) bool { return i.ID == ki.ID }) {
			b.NotCompared = append(b.NotCompared, ki)
		}
	}
	b.Level = LevelKeyIssues
	if len(b.Issues) == 0 {
		b.Level = LevelNone
	}
	return b
}

// signature is what two questionnaires must share to be compared
// statement by statement: the id, the scale's length, and the key issues
// with their statements, in order, scored the same way. Texts, help,
// versions and criteria may differ.
func signature(q *questionnaire.Questionnaire) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%d", q.ID, q.Scale.Points)
	for _, ki := range q.KeyIssues {
		b.WriteString("\x00" + ki.ID + ":")
		for _, st := range ki.Statements {
			fmt.Fprintf(&b, "%s/%t,", st.ID, st.Reverse)
		}
	}
	return b.String()
}

func everyHas(us []Use, issueID string) bool {
	for _, u := range us {
		if _, ok := u.Questionnaire.KeyIssue(issueID); !ok {
			return false
		}
	}
	return true
}

// allIssues lists every key issue of the questionnaires by id, in order
// of first appearance.
func allIssues(us []Use, lang string) []Issue {
	var out []Issue
	seen := map[string]bool{}
	for _, u := range us {
		for _, ki := range u.Questionnaire.KeyIssues {
			if !seen[ki.ID] {
				seen[ki.ID] = true
				out = append(out, Issue{ID: ki.ID, Title: ki.Title.In(lang)})
			}
		}
	}
	return out
}

// columns returns the directorates and criteria of the sites, by id in
// order of first appearance. A directorate is named as the questionnaire
// names it in lang when it is one of the questionnaire's, else as the
// first site that lists it names it.
func columns(sites []Site, lang string) (dirs, crits []Column) {
	seenD, seenC := map[string]bool{}, map[string]bool{}
	for i := range sites {
		s := &sites[i]
		q := s.Current().Questionnaire
		for _, d := range s.Directorates {
			if d.ID == "" || seenD[d.ID] {
				continue
			}
			seenD[d.ID] = true
			dirs = append(dirs, Column{ID: d.ID, Text: q.DirectorateName(d.ID, d.Name, lang)})
		}
		for _, c := range s.Criteria {
			if !seenC[c.Criterion.ID] {
				seenC[c.Criterion.ID] = true
				crits = append(crits, Column{ID: c.Criterion.ID, Text: c.Criterion.Text.In(lang)})
			}
		}
	}
	return dirs, crits
}
