package workbook

import (
	"sort"
	"time"
)

// AssessmentInput is what a user gives to start an assessment.
type AssessmentInput struct {
	ID      string // "" makes one
	Title   string
	Started string // YYYY-MM-DD; "" is today
	// Questionnaire is the hash of a pinned questionnaire; "" is the site's.
	Questionnaire string
	Language      string // "" is the site's
}

// Assessments returns a site's assessments, oldest first.
func (r *Reader) Assessments(siteID string) ([]Assessment, error) {
	as, err := listJSON[Assessment](r.tx, BucketAssessments, siteID+"/")
	if err != nil {
		return nil, err
	}
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].Started != as[j].Started {
			return as[i].Started < as[j].Started
		}
		return as[i].Created.Before(as[j].Created)
	})
	return as, nil
}

// Assessment returns one assessment.
func (r *Reader) Assessment(siteID, id string) (Assessment, error) {
	a, ok, err := getJSON[Assessment](r.tx, BucketAssessments, key(siteID, id))
	if err == nil && !ok {
		err = notFound("assessment", id)
	}
	return a, err
}

// Current returns a site's most recent assessment.
func (r *Reader) Current(siteID string) (Assessment, error) {
	as, err := r.Assessments(siteID)
	if err != nil {
		return Assessment{}, err
	}
	if len(as) == 0 {
		return Assessment{}, notFound("assessment of site", siteID)
	}
	return as[len(as)-1], nil
}

// NewAssessment starts an assessment at a site.
func (c *Change) NewAssessment(siteID string, in AssessmentInput) (Assessment, error) {
	site, err := c.Site(siteID)
	if err != nil {
		return Assessment{}, err
	}
	if in.Started == "" {
		in.Started = c.now.Format(time.DateOnly)
	}
	if in.Language == "" {
		in.Language = site.Language
	}
	a := Assessment{
		SiteID: siteID, Title: in.Title, Questionnaire: in.Questionnaire,
		Language: in.Language, Started: in.Started, Created: c.now, Updated: c.now,
	}
	var fe FieldErrors
	checkAssessment(&fe, a)
	if err := fe.err(); err != nil {
		return Assessment{}, err
	}
	if err := c.roomFor(LimitAssessments, BucketAssessments, siteID+"/", "site "+site.Slug); err != nil {
		return Assessment{}, err
	}
	if a.Questionnaire == "" {
		a.Questionnaire = site.Questionnaire
	}
	if _, err := c.Questionnaire(a.Questionnaire); err != nil {
		return Assessment{}, err
	}
	if a.ID, err = c.newID(in.ID); err != nil {
		return Assessment{}, err
	}
	return a, putJSON(c.tx, BucketAssessments, key(siteID, a.ID), a)
}

// SelectPartnership records the partnership an assessment is about, and
// why it was chosen (step 2). Selecting another partnership once answers
// were given about the one before is noted in the assessment's log, with
// how many answers there were.
func (c *Change) SelectPartnership(siteID, assessmentID, partnershipID, reason string) (Assessment, error) {
	a, err := c.Assessment(siteID, assessmentID)
	if err != nil {
		return Assessment{}, err
	}
	var to Partnership
	if partnershipID != "" {
		if to, err = c.Partnership(siteID, partnershipID); err != nil {
			return Assessment{}, err
		}
	}
	if a.PartnershipID != "" && a.PartnershipID != partnershipID {
		// The answers were given about the partnership selected before:
		// the log says so.
		n, err := c.Answers(siteID, a.ID)
		if err != nil {
			return Assessment{}, err
		}
		if n > 0 {
			e := Event{Kind: EventPartnershipChanged, To: to.Title, Answers: n}
			if from, err := c.Partnership(siteID, a.PartnershipID); err == nil {
				e.Partnership = from.Title
			}
			if err := c.record(&a, e); err != nil {
				return Assessment{}, err
			}
		}
	}
	a.PartnershipID, a.SelectionReason = partnershipID, reason
	return a, c.putAssessment(a)
}

// DeleteAssessment removes an assessment with its participants, responses,
// notes and findings.
func (c *Change) DeleteAssessment(siteID, assessmentID string) error {
	if c.tx.Get(BucketAssessments, key(siteID, assessmentID)) == nil {
		return notFound("assessment", assessmentID)
	}
	prefix := key(siteID, assessmentID) + "/"
	for _, b := range []Bucket{BucketParticipants, BucketAnswers, BucketComments, BucketStatementNotes, BucketIssueNotes, BucketFindings, BucketInterventions} {
		if err := deletePrefix(c.tx, b, prefix); err != nil {
			return err
		}
	}
	return c.tx.Delete(BucketAssessments, key(siteID, assessmentID))
}

// DataAsOf is the one rule for the time an assessment's data stands at,
// which the site report and the comparison both print: latest, the latest
// time recorded in its records, but never before the day the assessment
// started (a start typed in for a later day than the records were made)
// nor the day it was completed. It is zero when latest is zero and the
// assessment has no valid dates.
func (a Assessment) DataAsOf(latest time.Time) time.Time {
	t := latest.UTC()
	for _, day := range []string{a.Started, a.Completed} {
		if d, err := time.Parse(time.DateOnly, day); err == nil && d.After(t) {
			t = d
		}
	}
	return t
}
