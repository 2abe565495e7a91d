package workbook

import (
	"slices"
	"time"
)

// byCreated orders records by creation time, then id.
func byCreated(a, b time.Time, aID, bID string) int {
	if c := a.Compare(b); c != 0 {
		return c
	}
	switch {
	case aID < bID:
		return -1
	case aID > bID:
		return 1
	}
	return 0
}

// Findings returns an assessment's findings in the order they were written.
func (r *Reader) Findings(siteID, assessmentID string) ([]Finding, error) {
	fs, err := listJSON[Finding](r.tx, BucketFindings, key(siteID, assessmentID)+"/")
	slices.SortStableFunc(fs, func(a, b Finding) int { return byCreated(a.Created, b.Created, a.ID, b.ID) })
	return fs, err
}

// SaveFinding adds (ID "") or edits a finding: a confirmed barrier, a good
// area or an area to improve.
func (c *Change) SaveFinding(f Finding) (Finding, error) {
	a, err := c.Assessment(f.SiteID, f.AssessmentID)
	if err != nil {
		return Finding{}, err
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return Finding{}, err
	}
	if _, ki, ok := q.Statement(f.StatementID); ok && f.StatementID != "" && f.KeyIssueID == "" {
		f.KeyIssueID = ki.ID
	}
	var fe FieldErrors
	checkFinding(&fe, f, q)
	if err := fe.err(); err != nil {
		return Finding{}, err
	}
	f.Created, f.Updated = c.now, c.now
	if f.ID == "" || c.tx.Get(BucketFindings, key(f.SiteID, f.AssessmentID, f.ID)) == nil {
		if err := c.roomFor(LimitFindings, BucketFindings, key(f.SiteID, f.AssessmentID)+"/", "assessment "+f.AssessmentID); err != nil {
			return Finding{}, err
		}
	}
	if f.ID == "" {
		f.ID = c.svc.newID()
	} else {
		if f.ID, err = c.newID(f.ID); err != nil {
			return Finding{}, err
		}
		if old, ok, _ := getJSON[Finding](c.tx, BucketFindings, key(f.SiteID, f.AssessmentID, f.ID)); ok {
			f.Created = old.Created
		}
	}
	return f, putJSON(c.tx, BucketFindings, key(f.SiteID, f.AssessmentID, f.ID), f)
}

// DeleteFinding removes a finding.
func (c *Change) DeleteFinding(siteID, assessmentID, id string) error {
	k := key(siteID, assessmentID, id)
	if c.tx.Get(BucketFindings, k) == nil {
		return notFound("finding", id)
	}
	return c.tx.Delete(BucketFindings, k)
}

// Interventions returns an assessment's action plan in the order it was
// written.
func (r *Reader) Interventions(siteID, assessmentID string) ([]Intervention, error) {
	is, err := listJSON[Intervention](r.tx, BucketInterventions, key(siteID, assessmentID)+"/")
	slices.SortStableFunc(is, func(a, b Intervention) int { return byCreated(a.Created, b.Created, a.ID, b.ID) })
	return is, err
}

// SaveIntervention adds (ID "") or edits a line of the action plan: its
// action, owner, due date and key issue. A new action starts planned (the
// default), in progress or done, with an empty log. An edit keeps the
// action's status and review log as stored: they change only by
// [Change.AddReview], which dates the change.
func (c *Change) SaveIntervention(iv Intervention) (Intervention, error) {
	a, err := c.Assessment(iv.SiteID, iv.AssessmentID)
	if err != nil {
		return Intervention{}, err
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return Intervention{}, err
	}
	if iv.Status == "" {
		iv.Status = StatusPlanned
	}
	var old Intervention
	var exists bool
	if iv.ID != "" {
		if iv.ID, err = c.newID(iv.ID); err != nil {
			return Intervention{}, err
		}
		if old, exists, err = getJSON[Intervention](c.tx, BucketInterventions, key(iv.SiteID, iv.AssessmentID, iv.ID)); err != nil {
			return Intervention{}, err
		}
	}
	var fe FieldErrors
	switch {
	case exists && iv.Status != old.Status:
		fe.add("status", "changes with a review, which dates it (it is %q)", old.Status)
	case exists && !slices.Equal(iv.Reviews, old.Reviews):
		fe.add("reviews", "are added one at a time with a review")
	case !exists && len(iv.Reviews) > 0:
		fe.add("reviews", "are added one at a time with a review, once the action is written")
	}
	checkIntervention(&fe, iv, q, "")
	if err := fe.err(); err != nil {
		return Intervention{}, err
	}
	iv.Created, iv.Updated = c.now, c.now
	if !exists {
		if err := c.roomFor(LimitInterventions, BucketInterventions, key(iv.SiteID, iv.AssessmentID)+"/", "assessment "+iv.AssessmentID); err != nil {
			return Intervention{}, err
		}
	}
	if iv.ID == "" {
		iv.ID = c.svc.newID()
	}
	if exists {
		iv.Created = old.Created
	}
	return iv, putJSON(c.tx, BucketInterventions, key(iv.SiteID, iv.AssessmentID, iv.ID), iv)
}

// DeleteIntervention removes a line of the action plan.
func (c *Change) DeleteIntervention(siteID, assessmentID, id string) error {
	k := key(siteID, assessmentID, id)
	if c.tx.Get(BucketInterventions, k) == nil {
		return notFound("intervention", id)
	}
	return c.tx.Delete(BucketInterventions, k)
}
