package report

import (
	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// people knows who took part, by group and role level, and how a comment
// may be attributed without pointing at a person.
type people struct {
	byID map[string]workbook.Participant
	// took counts the participants who answered or commented, by group
	// and role level: the counts the cover shows.
	took  map[workbook.Group]map[workbook.Role]int
	total map[workbook.Group]int
	// attr is the attribution of the people counted in took.
	attr analysis.Attribution
}

func newPeople(d *workbook.AssessmentData) *people {
	p := &people{
		byID:  make(map[string]workbook.Participant, len(d.Participants)),
		took:  map[workbook.Group]map[workbook.Role]int{},
		total: map[workbook.Group]int{},
	}
	for _, x := range d.Participants {
		p.byID[x.ID] = x
	}
	seen := map[string]bool{}
	var took []workbook.Participant
	for _, x := range d.Responses {
		who, ok := p.byID[x.ParticipantID]
		if !ok || seen[who.ID] || (!x.Answered() && x.Comment == "") {
			continue
		}
		seen[who.ID] = true
		took = append(took, who)
		if p.took[who.Group] == nil {
			p.took[who.Group] = map[workbook.Role]int{}
		}
		p.took[who.Group][who.Role]++
		p.total[who.Group]++
	}
	p.attr = analysis.Attribute(analysis.CountCells(took))
	return p
}

// attribution says who wrote a comment: the attribution category of its
// author among the people who took part (see [analysis.Attribute]), so
// that a label covers at least analysis.MinRespondents people and cannot
// be decoded from the other labels and the cover's counts. With names, the
// name comes first.
func (r *report) attribution(participantID string) string {
	who := r.people.byID[participantID]
	s := r.l.Participant
	if c, ok := r.people.attr.Of(who.Group, who.Role); ok {
		s = r.l.category(c)
	}
	if r.opts.Names && who.Name != "" {
		return r.clean.line(who.Name) + " (" + s + ")"
	}
	return s
}

// itemGroup is one group's figures of an item for a chart, or why they are
// not shown. Outsiders are not drawn at all (no mark, no n=0) on a
// statement outside the verification set that none of them scored.
func (r *report) itemGroup(it analysis.ItemResult, s analysis.Stats, outsiders bool) groupValue {
	v := groupValue{mean: s.Mean, n: s.N, shown: true, band: s.Band}
	switch {
	case outsiders && !r.verify[it.Statement.ID] && s.N == 0:
		v.shown, v.absent = false, true
	case s.Suppressed && s.N > 0:
		v.shown, v.why = false, r.l.FewerThan3
	case s.N == 0:
		v.shown, v.why = false, r.l.NoScores
	}
	return v
}

// issueGroup is one group's key-issue score for a chart. A group is shown
// whenever it has 3 or more people, whatever the size of the other: the
// analysis withholds everyone's score instead.
func (r *report) issueGroup(s analysis.IssueScore) groupValue {
	v := groupValue{mean: s.Mean, n: s.Respondents, shown: true, band: s.Band}
	switch {
	case s.Suppressed && s.Respondents > 0:
		v.shown, v.why = false, r.l.FewerThan3
	case s.Respondents == 0 || s.Items == 0:
		v.shown, v.why = false, r.l.NoScores
	}
	return v
}
