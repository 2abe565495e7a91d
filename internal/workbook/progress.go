package workbook

import (
	"fmt"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// Step is one of the five steps of an assessment.
type Step int

// The five steps, in order.
const (
	StepMap Step = iota + 1
	StepSelect
	StepWorkbook
	StepVerify
	StepBarriers
)

// Steps lists the five steps in order.
var Steps = []Step{StepMap, StepSelect, StepWorkbook, StepVerify, StepBarriers}

// Key returns the step's short name: map, select, workbook, verify,
// barriers.
func (s Step) Key() string {
	switch s {
	case StepMap:
		return "map"
	case StepSelect:
		return "select"
	case StepWorkbook:
		return "workbook"
	case StepVerify:
		return "verify"
	case StepBarriers:
		return "barriers"
	}
	return "unknown"
}

// StepStatus says how far a step has got.
type StepStatus string

// The step statuses.
const (
	NotStarted StepStatus = "not-started"
	Started    StepStatus = "started"
	Done       StepStatus = "done"
)

// StepProgress is how far one step has got: Done of Total things (what a
// thing is depends on the step: partnerships mapped, partnerships with every
// criterion marked, answers given, findings written).
type StepProgress struct {
	Step   Step       `json:"-"`
	Status StepStatus `json:"status"`
	Done   int        `json:"done"`
	Total  int        `json:"total"`
}

// AssessmentData is everything recorded for one assessment, read in one
// transaction, with the questionnaire it pinned.
type AssessmentData struct {
	Site           Site
	Assessment     Assessment
	Questionnaire  *questionnaire.Questionnaire
	Partnership    *Partnership // nil until one is selected (or if it was deleted)
	Partnerships   []Partnership
	Participants   []Participant
	Responses      []Response
	StatementNotes []StatementNote
	IssueNotes     []IssueNote
	Findings       []Finding
	Interventions  []Intervention
}

// LoadAssessment reads an assessment and everything recorded for it. An
// empty assessmentID means the site's current one.
func (r *Reader) LoadAssessment(siteRef, assessmentID string) (*AssessmentData, error) {
	return r.loadAssessment(siteRef, assessmentID, true)
}

// loadAssessment is LoadAssessment, leaving out the responses (the bulk of
// a large store) unless withResponses.
func (r *Reader) loadAssessment(siteRef, assessmentID string, withResponses bool) (*AssessmentData, error) {
	site, err := r.Site(siteRef)
	if err != nil {
		return nil, err
	}
	d := &AssessmentData{Site: site}
	if assessmentID == "" {
		d.Assessment, err = r.Current(site.ID)
	} else {
		d.Assessment, err = r.Assessment(site.ID, assessmentID)
	}
	if err != nil {
		return nil, err
	}
	sid, aid := site.ID, d.Assessment.ID
	if d.Questionnaire, err = r.Questionnaire(d.Assessment.Questionnaire); err != nil {
		return nil, err
	}
	if d.Partnerships, err = r.Partnerships(sid); err != nil {
		return nil, err
	}
	for i := range d.Partnerships {
		if d.Partnerships[i].ID == d.Assessment.PartnershipID {
			d.Partnership = &d.Partnerships[i]
		}
	}
	if d.Participants, err = r.Participants(sid, aid); err != nil {
		return nil, err
	}
	if withResponses {
		if d.Responses, err = r.Responses(sid, aid); err != nil {
			return nil, err
		}
	}
	if d.StatementNotes, err = r.StatementNotes(sid, aid); err != nil {
		return nil, err
	}
	if d.IssueNotes, err = r.IssueNotes(sid, aid); err != nil {
		return nil, err
	}
	if d.Findings, err = r.Findings(sid, aid); err != nil {
		return nil, err
	}
	if d.Interventions, err = r.Interventions(sid, aid); err != nil {
		return nil, err
	}
	return d, nil
}

// Progress returns how far each of the five steps has got.
func (d *AssessmentData) Progress() []StepProgress {
	var at assessmentTally
	group := map[string]int{}
	for _, p := range d.Participants {
		g := groupIndex(p.Group)
		at.People[g]++
		group[p.ID] = g
	}
	for _, r := range d.Responses {
		if g, ok := group[r.ParticipantID]; ok && r.Answered() {
			at.Answered[g]++
		}
	}
	at.Findings, at.Interventions = len(d.Findings), len(d.Interventions)
	st := siteTally{Partnerships: len(d.Partnerships)}
	st.FullyMarked, st.AnyMark = markTally(d.Questionnaire, d.Partnerships)
	return progressOf(d.Questionnaire, d.Assessment, st, at)
}

// StepsDone reports whether every one of the five steps is done, which is
// when the screens offer to mark the assessment completed.
func StepsDone(prog []StepProgress) bool {
	for _, p := range prog {
		if p.Status != Done {
			return false
		}
	}
	return len(prog) == len(Steps)
}

// markTally counts the partnerships with every criterion of q marked, and
// says whether any criterion is marked at all.
func markTally(q *questionnaire.Questionnaire, ps []Partnership) (fully int, any bool) {
	for _, p := range ps {
		marked := 0
		for _, c := range q.Criteria {
			if p.Criteria[c.ID].Mark.Marked() { // Unknown too: it was considered
				marked++
				any = true
			}
		}
		if marked == len(q.Criteria) {
			fully++
		}
	}
	return fully, any
}

// progressOf is the one rule for how far the five steps of assessment a
// (with questionnaire q) have got, from the figures its site and it keep:
// the screens, `engage sites` and the reports all show this.
func progressOf(q *questionnaire.Questionnaire, a Assessment, st siteTally, at assessmentTally) []StepProgress {
	out := make([]StepProgress, 0, len(Steps))
	mapped := StepProgress{Step: StepMap, Done: st.Partnerships, Total: st.Partnerships}
	mapped.Status = status(st.Partnerships > 0, st.Partnerships > 0)
	out = append(out, mapped)

	sel := StepProgress{Step: StepSelect, Total: st.Partnerships, Done: st.FullyMarked}
	sel.Status = status(st.AnyMark || a.PartnershipID != "", a.PartnershipID != "")
	out = append(out, sel)

	insiders, outsiders := groupIndex(Insider), groupIndex(Outsider)
	work := StepProgress{Step: StepWorkbook, Done: at.Answered[insiders], Total: at.People[insiders] * len(q.Statements())}
	work.Status = status(at.People[insiders] > 0, work.Total > 0 && work.Done >= work.Total)
	out = append(out, work)

	ver := StepProgress{Step: StepVerify, Done: at.Answered[outsiders], Total: at.People[outsiders] * len(q.VerificationStatements())}
	ver.Status = status(at.People[outsiders] > 0, ver.Total > 0 && ver.Done >= ver.Total)
	out = append(out, ver)

	n := at.Findings + at.Interventions
	bar := StepProgress{Step: StepBarriers, Done: n, Total: n}
	bar.Status = status(n > 0, at.Findings > 0 && at.Interventions > 0)
	out = append(out, bar)
	return out
}

func status(started, done bool) StepStatus {
	switch {
	case done:
		return Done
	case started:
		return Started
	}
	return NotStarted
}

// SiteSummary is a site with how far its current assessment has got.
type SiteSummary struct {
	Site        Site
	Assessments int
	Current     Assessment
	Partnership string // the selected partnership's title, or ""
	Progress    []StepProgress
}

// Summaries returns every site, sorted by name, with the progress of its
// current assessment. It reads each site's kept figures (see kept.go), not
// its records: a few small records a site, however many answers it holds.
func (r *Reader) Summaries() ([]SiteSummary, error) {
	sites, err := r.Sites()
	if err != nil {
		return nil, err
	}
	out := make([]SiteSummary, 0, len(sites))
	for _, s := range sites {
		sum, err := r.summary(s)
		if err != nil {
			return nil, fmt.Errorf("site %s: %w", s.Slug, err)
		}
		out = append(out, sum)
	}
	return out, nil
}

// summary is one site's line of Summaries.
func (r *Reader) summary(s Site) (SiteSummary, error) {
	st, found, err := getJSON[siteTally](r.tx, BucketTallies, s.ID+"/")
	if err == nil && !found {
		// Only a store written outside Engage lacks them; count them.
		st, err = r.countSite(s.ID)
	}
	if err != nil {
		return SiteSummary{}, err
	}
	if st.Current == "" {
		return SiteSummary{}, notFound("assessment of site", s.ID)
	}
	a, err := r.Assessment(s.ID, st.Current)
	if err != nil {
		return SiteSummary{}, err
	}
	q, err := r.Questionnaire(a.Questionnaire)
	if err != nil {
		return SiteSummary{}, err
	}
	at, found, err := getJSON[assessmentTally](r.tx, BucketTallies, key(s.ID, a.ID))
	if err == nil && !found {
		at, err = r.countAssessment(s.ID, a.ID)
	}
	if err != nil {
		return SiteSummary{}, err
	}
	sum := SiteSummary{Site: s, Assessments: st.Assessments, Current: a, Progress: progressOf(q, a, st, at)}
	if a.PartnershipID != "" {
		if p, ok, err := getJSON[Partnership](r.tx, BucketPartnerships, key(s.ID, a.PartnershipID)); err != nil {
			return SiteSummary{}, err
		} else if ok {
			sum.Partnership = p.Title
		}
	}
	return sum, nil
}
