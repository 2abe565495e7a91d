package workbook

import "fmt"

// The rounds of a partnership: a site may assess the same partnership
// again (a year later, say) to see what changed. EarlierRound is the one
// rule for which assessment a round is compared with; the site report's
// "what changed" section and the interactive workbook's screen of the
// same name both take it from here.

// EarlierRound returns the earlier round of one assessment of a site
// ([Reader.EarlierAssessment]) with everything recorded for it, or nil
// and no error when there is none.
func (r *Reader) EarlierRound(siteID, assessmentID string) (*AssessmentData, error) {
	e, ok, err := r.EarlierAssessment(siteID, assessmentID)
	if err != nil || !ok {
		return nil, err
	}
	d, err := r.LoadAssessment(siteID, e.ID)
	if err != nil {
		return nil, fmt.Errorf("load the earlier assessment %s: %w", e.ID, err)
	}
	return d, nil
}

// EarlierAssessment returns the earlier round of one assessment of a
// site: the newest assessment before it (in the order
// [Reader.Assessments] gives, oldest first) of the same partnership that
// has at least one answer (a score or a don't-know, [Reader.Answers]),
// as [PickRound] counts a round with answers. ok is false when
// the assessment has no partnership selected or there is no such
// earlier round.
func (r *Reader) EarlierAssessment(siteID, assessmentID string) (earlier Assessment, ok bool, err error) {
	a, err := r.Assessment(siteID, assessmentID)
	if err != nil || a.PartnershipID == "" {
		return Assessment{}, false, err
	}
	as, err := r.Assessments(siteID)
	if err != nil {
		return Assessment{}, false, err
	}
	at := -1
	for i, x := range as {
		if x.ID == a.ID {
			at = i
		}
	}
	for i := at - 1; i >= 0; i-- {
		if as[i].PartnershipID != a.PartnershipID {
			continue
		}
		answered, err := r.Answers(siteID, as[i].ID)
		if err != nil {
			return Assessment{}, false, fmt.Errorf("count the answers of assessment %s: %w", as[i].ID, err)
		}
		if answered > 0 {
			return as[i], true, nil
		}
	}
	return Assessment{}, false, nil
}

// ReviewsSince counts the reviews of an action plan made after the day
// since (YYYY-MM-DD); an empty since counts them all.
func ReviewsSince(ivs []Intervention, since string) int {
	n := 0
	for _, iv := range ivs {
		for _, rv := range iv.Reviews {
			if rv.Date > since {
				n++
			}
		}
	}
	return n
}
