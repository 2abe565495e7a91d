package workbook

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// The action plan over time: an action's review log, and when it is late.
//
// An action (an [Intervention]) starts planned, in progress or done. From
// then on its status changes only by a [Review], which dates the change:
// [Change.AddReview] adds one to the log and sets the action's status to
// that of its latest review. Dropping an action is a review whose note
// says why.

// Overdue reports whether the action is late on the day today
// (YYYY-MM-DD): its due date has passed (it is before today) and it is
// neither done nor dropped. An action due today is not overdue yet; one
// without a due date never is. This is the one rule every screen, list,
// report and file applies.
func (iv Intervention) Overdue(today string) bool {
	return iv.Due != "" && validDate(iv.Due) && iv.Due < today && !iv.Status.Closed()
}

// LastReview returns the latest entry of the action's review log, and
// false when it has none.
func (iv Intervention) LastReview() (Review, bool) {
	if len(iv.Reviews) == 0 {
		return Review{}, false
	}
	return iv.Reviews[len(iv.Reviews)-1], true
}

// DroppedReason is why a dropped action was dropped: the note of its
// latest review. It is "" for an action that is not dropped.
func (iv Intervention) DroppedReason() string {
	if r, ok := iv.LastReview(); ok && iv.Status == StatusDropped {
		return r.Note
	}
	return ""
}

// Today is the day the service's clock says it is, YYYY-MM-DD, as the
// clock's own zone (the computer's, for the real clock) writes it: the day
// a review is dated by default, the latest it may be dated, and the day
// the screens count overdue actions on.
func (s *Service) Today() string { return s.now().Format(time.DateOnly) }

// Today is the day of the service's clock ([Service.Today]).
func (c *Change) Today() string { return c.svc.Today() }

// Today is the day of the service's clock ([Service.Today]).
func (r *Reader) Today() string { return r.svc.Today() }

// AddReview adds a review to the log of an action of the plan and sets the
// action's status to that of its latest review, in one change. The review
// must be dated (YYYY-MM-DD, not after [Service.Today]) and set a status;
// one that drops the action needs a note saying why. A review dated
// before the latest one goes into the log in date order, and leaves the
// status as the latest review set it. It returns the action as saved.
func (c *Change) AddReview(siteID, assessmentID, interventionID string, rv Review) (Intervention, error) {
	iv, ok, err := getJSON[Intervention](c.tx, BucketInterventions, key(siteID, assessmentID, interventionID))
	switch {
	case err != nil:
		return Intervention{}, err
	case !ok:
		return Intervention{}, notFound("intervention", interventionID)
	}
	today := c.Today()
	var fe FieldErrors
	checkReview(&fe, "", rv, today)
	if err := fe.err(); err != nil {
		return Intervention{}, err
	}
	if len(iv.Reviews) >= MaxReviews {
		return Intervention{}, &LimitError{Limit: LimitReviews, Where: "action " + interventionID}
	}
	iv.Reviews = insertReview(iv.Reviews, rv)
	iv.Status = iv.Reviews[len(iv.Reviews)-1].Status
	iv.Updated = c.now
	checkIntervention(&fe, iv, nil, today)
	if err := fe.err(); err != nil {
		return Intervention{}, err
	}
	return iv, putJSON(c.tx, BucketInterventions, key(siteID, assessmentID, interventionID), iv)
}

// insertReview returns log with rv after every review dated on or before
// rv's day.
func insertReview(log []Review, rv Review) []Review {
	i := len(log)
	for i > 0 && log[i-1].Date > rv.Date {
		i--
	}
	return slices.Insert(slices.Clone(log), i, rv)
}

// PlanCounts are the figures of an action plan on one day: how many
// actions there are, how many have each status, and how many are overdue
// ([Intervention.Overdue]). They count actions, not people, so no
// disclosure rule applies to them.
type PlanCounts struct {
	Actions    int `json:"actions"`
	Planned    int `json:"planned"`
	InProgress int `json:"in_progress"`
	Done       int `json:"done"`
	Dropped    int `json:"dropped"`
	Overdue    int `json:"overdue"`
}

// CountPlan counts an action plan on the day today (YYYY-MM-DD): the one
// place the screens, the lists and the reports take these figures from.
func CountPlan(ivs []Intervention, today string) PlanCounts {
	var n PlanCounts
	for _, iv := range ivs {
		n.Actions++
		switch iv.Status {
		case StatusPlanned:
			n.Planned++
		case StatusInProgress:
			n.InProgress++
		case StatusDone:
			n.Done++
		case StatusDropped:
			n.Dropped++
		}
		if iv.Overdue(today) {
			n.Overdue++
		}
	}
	return n
}

// Stores and bundles written before the review log kept one text per
// action, its "review notes" (JSON "review"). Such a text becomes the first
// entry of the action's log: dated the day the action was last saved (the
// latest day the text can have been written), with the action's status,
// no reviewer, and the text as its note. Nothing is lost, and the action
// reads as every other does.

// LegacyIntervention is an action as stores of format 2 and bundles of
// format 1 wrote it: with its review notes in one text.
type LegacyIntervention struct {
	Intervention
	Review string `json:"review,omitempty"`
}

// Upgrade returns the action with its review notes as the first entry of
// its log, dated the day the action was last saved, with its status (none
// when it has no notes).
func (old LegacyIntervention) Upgrade() Intervention {
	iv := old.Intervention
	if old.Review == "" {
		return iv
	}
	day := iv.Updated
	if day.IsZero() {
		day = iv.Created
	}
	rv := Review{Date: day.UTC().Format(time.DateOnly), Status: iv.Status, Note: old.Review}
	iv.Reviews = append([]Review{rv}, iv.Reviews...)
	return iv
}

// UpgradeInterventions moves the review notes of every action in the store
// into its review log (the upgrade to store format 3). tx is the upgrade's
// transaction; an action without notes is left as it is.
func UpgradeInterventions(tx Tx) error {
	type change struct {
		k  string
		iv Intervention
	}
	var changes []change
	err := tx.ForEach(BucketInterventions, "", func(k string, raw []byte) error {
		var probe struct {
			Review *string `json:"review"`
		}
		if err := json.Unmarshal(raw, &probe); err != nil {
			return fmt.Errorf("read %s %s: %w", BucketInterventions, k, err)
		}
		if probe.Review == nil {
			return nil
		}
		var old LegacyIntervention
		if err := json.Unmarshal(raw, &old); err != nil {
			return fmt.Errorf("read %s %s: %w", BucketInterventions, k, err)
		}
		changes = append(changes, change{k, old.Upgrade()})
		return nil
	})
	if err != nil {
		return err
	}
	for _, ch := range changes {
		if err := putJSON(tx, BucketInterventions, ch.k, ch.iv); err != nil {
			return err
		}
	}
	return nil
}
