package workbook

import (
	"bytes"
	"fmt"
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
	answeredBy := map[string]int{}
	for _, r := range d.Responses {
		if r.Answered() {
			answeredBy[r.ParticipantID]++
		}
	}
	return d.progress(answeredBy)
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

// progressMapSelect is the progress of steps 1 and 2.
func (d *AssessmentData) progressMapSelect() []StepProgress {
	out := make([]StepProgress, 0, 2)
	mapped := StepProgress{Step: StepMap, Done: len(d.Partnerships), Total: len(d.Partnerships)}
	mapped.Status = status(len(d.Partnerships) > 0, len(d.Partnerships) > 0)
	out = append(out, mapped)

	sel := StepProgress{Step: StepSelect, Total: len(d.Partnerships)}
	anyMark := false
	for _, p := range d.Partnerships {
		marked := 0
		for _, c := range d.Questionnaire.Criteria {
			if p.Criteria[c.ID].Mark.Marked() { // Unknown too: it was considered
				marked++
				anyMark = true
			}
		}
		if marked == len(d.Questionnaire.Criteria) {
			sel.Done++
		}
	}
	sel.Status = status(anyMark || d.Assessment.PartnershipID != "", d.Assessment.PartnershipID != "")
	return append(out, sel)
}

// progress is Progress with the number of answers of each participant
// given, so that a summary need not read the responses themselves.
func (d *AssessmentData) progress(answeredBy map[string]int) []StepProgress {
	out := make([]StepProgress, 0, len(Steps))
	out = append(out, d.progressMapSelect()...)
	answered := map[Group]int{}
	people := map[Group]int{}
	for _, p := range d.Participants {
		people[p.Group]++
		answered[p.Group] += answeredBy[p.ID]
	}
	work := StepProgress{Step: StepWorkbook, Done: answered[Insider], Total: people[Insider] * len(d.Questionnaire.Statements())}
	work.Status = status(people[Insider] > 0, work.Total > 0 && work.Done >= work.Total)
	out = append(out, work)

	ver := StepProgress{Step: StepVerify, Done: answered[Outsider], Total: people[Outsider] * len(d.Questionnaire.VerificationStatements())}
	ver.Status = status(people[Outsider] > 0, ver.Total > 0 && ver.Done >= ver.Total)
	out = append(out, ver)

	n := len(d.Findings) + len(d.Interventions)
	bar := StepProgress{Step: StepBarriers, Done: n, Total: n}
	bar.Status = status(n > 0, len(d.Findings) > 0 && len(d.Interventions) > 0)
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
// current assessment.
func (r *Reader) Summaries() ([]SiteSummary, error) {
	sites, err := r.Sites()
	if err != nil {
		return nil, err
	}
	out := make([]SiteSummary, 0, len(sites))
	for _, s := range sites {
		as, err := r.Assessments(s.ID)
		if err != nil {
			return nil, err
		}
		if len(as) == 0 {
			return nil, fmt.Errorf("site %s: %w", s.Slug, notFound("assessment of site", s.ID))
		}
		// The current assessment is the newest, already listed.
		d, err := r.loadAssessment(s.ID, as[len(as)-1].ID, false)
		if err != nil {
			return nil, fmt.Errorf("site %s: %w", s.Slug, err)
		}
		answeredBy, err := r.answeredBy(s.ID, d.Assessment.ID)
		if err != nil {
			return nil, fmt.Errorf("site %s: %w", s.Slug, err)
		}
		sum := SiteSummary{Site: s, Assessments: len(as), Current: d.Assessment, Progress: d.progress(answeredBy)}
		if d.Partnership != nil {
			sum.Partnership = d.Partnership.Title
		}
		out = append(out, sum)
	}
	return out, nil
}

// answeredBy counts each participant's answered responses (a score or a
// don't-know) without decoding them: decoding every response of a store
// holding a national programme took seconds, and the list of sites must
// open at once. The participant is the third part of the key.
func (r *Reader) answeredBy(siteID, assessmentID string) (map[string]int, error) {
	prefix := key(siteID, assessmentID) + "/"
	out := map[string]int{}
	err := r.tx.ForEach(BucketResponses, prefix, func(k string, raw []byte) error {
		participant, _, _ := strings.Cut(k[len(prefix):], "/")
		if answeredJSON(raw) {
			out[participant]++
		}
		return nil
	})
	return out, err
}

// answeredJSON reports whether a stored Response (as putJSON writes it,
// with score and dont_know omitted when empty) holds a score or a
// don't-know. The field names cannot occur inside a string value, where
// JSON escapes every quote.
func answeredJSON(raw []byte) bool {
	if i := bytes.Index(raw, []byte(`"score":`)); i >= 0 {
		if j := i + len(`"score":`); j < len(raw) && raw[j] >= '1' && raw[j] <= '9' {
			return true
		}
	}
	return bytes.Contains(raw, []byte(`"dont_know":true`))
}
