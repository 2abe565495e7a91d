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
	var fe FieldErrors
	if !slices.Contains(FindingKinds, f.Kind) {
		fe.add("kind", "must be barrier, good or improve")
	}
	if f.KeyIssueID != "" {
		if _, ok := q.KeyIssue(f.KeyIssueID); !ok {
			fe.add("key issue", "%q is not a key issue of this questionnaire", f.KeyIssueID)
		}
	}
	if f.StatementID != "" {
		_, ki, ok := q.Statement(f.StatementID)
		switch {
		case !ok:
			fe.add("statement", "%q is not a statement of this questionnaire", f.StatementID)
		case f.KeyIssueID == "":
			f.KeyIssueID = ki.ID
		}
	}
	checkLong(&fe, "text", f.Text)
	if f.Text == "" && f.StatementID == "" {
		fe.add("text", "is required (or name the statement the finding is about)")
	}
	if err := fe.err(); err != nil {
		return Finding{}, err
	}
	f.Created, f.Updated = c.now, c.now
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

// SaveIntervention adds (ID "") or edits a line of the action plan.
func (c *Change) SaveIntervention(iv Intervention) (Intervention, error) {
	a, err := c.Assessment(iv.SiteID, iv.AssessmentID)
	if err != nil {
		return Intervention{}, err
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return Intervention{}, err
	}
	var fe FieldErrors
	checkShort(&fe, "action", iv.Action, true)
	checkShort(&fe, "owner", iv.Owner, false)
	checkLong(&fe, "review notes", iv.Review)
	if iv.Due != "" && !validDate(iv.Due) {
		fe.add("due date", "must be a date as YYYY-MM-DD, or empty")
	}
	if iv.Status == "" {
		iv.Status = StatusPlanned
	}
	if !slices.Contains(Statuses, iv.Status) {
		fe.add("status", "must be planned, in-progress or done")
	}
	if iv.KeyIssueID != "" {
		if _, ok := q.KeyIssue(iv.KeyIssueID); !ok {
			fe.add("key issue", "%q is not a key issue of this questionnaire", iv.KeyIssueID)
		}
	}
	if err := fe.err(); err != nil {
		return Intervention{}, err
	}
	iv.Created, iv.Updated = c.now, c.now
	if iv.ID == "" {
		iv.ID = c.svc.newID()
	} else {
		if iv.ID, err = c.newID(iv.ID); err != nil {
			return Intervention{}, err
		}
		if old, ok, _ := getJSON[Intervention](c.tx, BucketInterventions, key(iv.SiteID, iv.AssessmentID, iv.ID)); ok {
			iv.Created = old.Created
		}
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
