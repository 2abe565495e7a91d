package workbook

import (
	"errors"
	"fmt"
	"sort"
	"strings"

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
	st.Statements, st.Verification = len(d.Questionnaire.Statements()), len(d.Questionnaire.VerificationStatements())
	return progressOf(d.Assessment, st, at)
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
// have got, from the figures its site and it keep (the numbers of
// statements are those of a's questionnaire): the screens, `engage sites`
// and the reports all show this.
func progressOf(a Assessment, st siteTally, at assessmentTally) []StepProgress {
	out := make([]StepProgress, 0, len(Steps))
	mapped := StepProgress{Step: StepMap, Done: st.Partnerships, Total: st.Partnerships}
	mapped.Status = status(st.Partnerships > 0, st.Partnerships > 0)
	out = append(out, mapped)

	sel := StepProgress{Step: StepSelect, Total: st.Partnerships, Done: st.FullyMarked}
	sel.Status = status(st.AnyMark || a.PartnershipID != "", a.PartnershipID != "")
	out = append(out, sel)

	insiders, outsiders := groupIndex(Insider), groupIndex(Outsider)
	work := StepProgress{Step: StepWorkbook, Done: at.Answered[insiders], Total: at.People[insiders] * st.Statements}
	work.Status = status(at.People[insiders] > 0, work.Total > 0 && work.Done >= work.Total)
	out = append(out, work)

	ver := StepProgress{Step: StepVerify, Done: at.Answered[outsiders], Total: at.People[outsiders] * st.Verification}
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

// SiteSummary is a site with how far one of its assessments has got: its
// newest ([Reader.Summaries]) or the round a listing shows
// ([Reader.SummariesOf]).
type SiteSummary struct {
	// Site holds the site's ID, slug, name, organisation, area and
	// language (what the list shows), not its other fields.
	Site        Site
	Assessments int
	Current     Assessment
	// Round is Current's round, 1 the oldest (of Assessments).
	Round       int
	Partnership string // the selected partnership's title, or ""
	Progress    []StepProgress
}

// Summaries returns every site, sorted by name, with the progress of its
// current assessment. It reads the kept figures (see kept.go), a few bytes
// a site, not the records: the list of a national programme's 1,000 sites
// opens at once.
func (r *Reader) Summaries() ([]SiteSummary, error) {
	var out []SiteSummary
	var site siteTally
	listed := map[string]bool{}
	err := r.tx.ForEach(BucketTallies, "", func(k string, raw []byte) error {
		// Each site's own record ("SITE/") comes before its assessments'.
		// Kept figures are derived: one that cannot be read is counted
		// again from the records below (and `engage check` reports it).
		id, assessment, _ := strings.Cut(k, "/")
		if assessment == "" {
			t, err := decodeSiteTally(raw)
			if err != nil {
				t = siteTally{}
			}
			site = t
			return nil
		}
		if id != site.Site.ID || assessment != site.Current {
			return nil
		}
		at, err := decodeAssessmentTally(raw)
		if err != nil {
			return nil
		}
		out = append(out, site.summary(at))
		listed[id] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A site without kept figures that can be read (only a store written
	// or damaged outside Engage has one) is counted from its records.
	var missing []string
	if err := r.tx.ForEach(BucketSites, "", func(k string, _ []byte) error {
		if !listed[k] {
			missing = append(missing, k)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for _, id := range missing {
		st, err := r.countSite(id)
		if err != nil {
			return nil, err
		}
		if st.Current == "" {
			return nil, fmt.Errorf("site %s: %w", st.Site.Slug, notFound("assessment of site", id))
		}
		at, err := r.countAssessment(id, st.Current)
		if err != nil {
			return nil, err
		}
		out = append(out, st.summary(at))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Site.Name < out[j].Site.Name })
	return out, nil
}

// summary is the site's line of Summaries, given its current assessment's
// figures.
func (t siteTally) summary(at assessmentTally) SiteSummary {
	return SiteSummary{Site: t.Site, Assessments: t.Assessments, Current: t.CurrentAssessment, Round: t.Assessments,
		Partnership: t.PartnershipTitle, Progress: progressOf(t.CurrentAssessment, t, at)}
}

// SummariesOf is [Reader.Summaries] with each site's round that c names
// ([PickRound]): by default its newest with answers, so that a round just
// started does not show a site as not started. A site whose round is its
// newest reads its kept figures only, as Summaries does; one showing an
// earlier round counts that round's from its records. A site without the
// round asked for is listed with Round 0 and no progress.
func (r *Reader) SummariesOf(c RoundChoice) ([]SiteSummary, error) {
	sums, err := r.Summaries()
	if err != nil {
		return nil, err
	}
	for i := range sums {
		s := &sums[i]
		as, err := r.Assessments(s.Site.ID)
		if err != nil {
			return nil, err
		}
		answered, err := r.RoundAnswers(s.Site.ID, as)
		if err != nil {
			return nil, err
		}
		k, err := PickRound(as, answered, c)
		if errors.Is(err, ErrNoRound) {
			// Listed, without the round it does not have.
			*s = SiteSummary{Site: s.Site, Assessments: len(as)}
			continue
		}
		if err != nil {
			return nil, err
		}
		if k == len(as)-1 {
			continue
		}
		t, err := r.countSiteAt(s.Site.ID, as, k)
		if err != nil {
			return nil, err
		}
		at, err := r.assessmentFigures(s.Site.ID, as[k].ID)
		if err != nil {
			return nil, err
		}
		*s = t.summary(at)
		s.Round = k + 1
	}
	return sums, nil
}
