package workbook

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Rounds.
//
// A site's assessments are its rounds, numbered from 1, the oldest (the
// order of [Reader.Assessments]). A partnership assessed again a year on
// is a second round; the figures of a site are those of one round, and
// every listing says which. [PickRound] is the one rule for which round a
// listing shows: unless told otherwise, the newest round with answers, so
// that a round just started does not blank the site's figures.
//
// An assessment keeps a log of what a reader of its figures needs to
// know: when it was completed, when and why it was reopened, and the
// changes the screens ask to be confirmed because they change what the
// answers are about (another partnership selected after answers were
// given, a participant who had answered deleted, the selected partnership
// deleted). The domain calls write the log themselves, so that it is
// written whichever screen or command made the change.

// EventKind is what an entry of an assessment's log records.
type EventKind string

// The kinds of log entries.
const (
	// EventCompleted: the assessment was completed (Date).
	EventCompleted EventKind = "completed"
	// EventReopened: a completed assessment was reopened (Date, the day
	// it had been completed; Reason).
	EventReopened EventKind = "reopened"
	// EventPartnershipChanged: another partnership was selected after
	// answers were given (Partnership, the one before; To; Answers).
	EventPartnershipChanged EventKind = "partnership-changed"
	// EventPartnershipDeleted: the selected partnership was deleted from
	// the mapping (Partnership; Answers).
	EventPartnershipDeleted EventKind = "partnership-deleted"
	// EventParticipantDeleted: a participant who had answered was deleted
	// with their answers (Group; Answers).
	EventParticipantDeleted EventKind = "participant-deleted"
)

// EventKinds lists the kinds, in the order above.
var EventKinds = []EventKind{EventCompleted, EventReopened, EventPartnershipChanged, EventPartnershipDeleted, EventParticipantDeleted}

// Event is one entry of an assessment's log.
type Event struct {
	At   time.Time `json:"at"`
	Kind EventKind `json:"kind"`
	// Date is the day completed (EventCompleted), or the day the
	// assessment had been completed (EventReopened).
	Date string `json:"date,omitempty"`
	// Reason is why: required to reopen.
	Reason string `json:"reason,omitempty"`
	// Partnership is the title of the partnership concerned as it was
	// then (the record may be gone since), and To the one selected
	// instead.
	Partnership string `json:"partnership,omitempty"`
	To          string `json:"to,omitempty"`
	// Group is the group of the participant deleted; never a name.
	Group Group `json:"group,omitempty"`
	// Answers is how many answers the change concerned: those of the
	// assessment, or of the participant deleted.
	Answers int `json:"answers,omitempty"`
}

// checkLog checks an assessment's log: known kinds, valid days and texts,
// and at most MaxEvents entries. A reopening without a reason is one whose
// reason an anonymised bundle left out ([Change.ReopenAssessment] asks
// for one).
func checkLog(fe *FieldErrors, log []Event) {
	if len(log) > MaxEvents {
		fe.add("log", "%s entries; Engage keeps %s", thousands(len(log)), LimitEvents)
		return
	}
	for i, e := range log {
		f := fmt.Sprintf("log entry %d", i+1)
		known := false
		for _, k := range EventKinds {
			known = known || e.Kind == k
		}
		if !known {
			fe.add(f+" kind", "%q is not one of completed, reopened, partnership-changed, partnership-deleted, participant-deleted", e.Kind)
		}
		checkDate(fe, f+" date", e.Date, false)
		checkLong(fe, f+" reason", e.Reason)
		checkShort(fe, f+" partnership", e.Partnership, false)
		checkShort(fe, f+" to", e.To, false)
		if e.Group != "" && groupIndex(e.Group) < 0 {
			fe.add(f+" group", "%q is not a group", e.Group)
		}
		if e.Answers < 0 {
			fe.add(f+" answers", "%d is below zero", e.Answers)
		}
	}
}

// record adds e to assessment a's log, at the change's time.
func (c *Change) record(a *Assessment, e Event) error {
	if len(a.Log) >= MaxEvents {
		return &LimitError{Limit: LimitEvents, Where: "assessment " + a.ID}
	}
	e.At = c.now
	a.Log = append(a.Log, e)
	return nil
}

// CompleteAssessment records the day an assessment was completed, as
// YYYY-MM-DD, not before the day it started, and notes it in the log. An
// assessment completed already takes the new day.
func (c *Change) CompleteAssessment(siteID, assessmentID, date string) (Assessment, error) {
	a, err := c.Assessment(siteID, assessmentID)
	if err != nil {
		return Assessment{}, err
	}
	if date == "" {
		return Assessment{}, fieldError("completed", "give the day the assessment was completed, as YYYY-MM-DD")
	}
	a.Completed = date
	if err := c.record(&a, Event{Kind: EventCompleted, Date: date}); err != nil {
		return Assessment{}, err
	}
	return a, c.putAssessment(a)
}

// Complete marks an assessment completed today, by the service's clock.
func (c *Change) Complete(siteID, assessmentID string) (Assessment, error) {
	return c.CompleteAssessment(siteID, assessmentID, c.now.Format(time.DateOnly))
}

// ReopenAssessment makes a completed assessment in progress again, and
// notes in its log the day it had been completed and why it was reopened:
// its figures may change after a report was given out.
func (c *Change) ReopenAssessment(siteID, assessmentID, reason string) (Assessment, error) {
	a, err := c.Assessment(siteID, assessmentID)
	if err != nil {
		return Assessment{}, err
	}
	if a.Completed == "" {
		return Assessment{}, fieldError("completed", "the assessment is not completed; there is nothing to reopen")
	}
	if reason == "" {
		return Assessment{}, fieldError("reason", "say why the assessment is reopened")
	}
	done := a.Completed
	a.Completed = ""
	if err := c.record(&a, Event{Kind: EventReopened, Date: done, Reason: reason}); err != nil {
		return Assessment{}, err
	}
	return a, c.putAssessment(a)
}

// putAssessment checks and writes an assessment changed by the caller.
func (c *Change) putAssessment(a Assessment) error {
	var fe FieldErrors
	checkAssessment(&fe, a)
	if err := fe.err(); err != nil {
		return err
	}
	a.Updated = c.now
	return putJSON(c.tx, BucketAssessments, key(a.SiteID, a.ID), a)
}

// fieldError is one field's error.
func fieldError(field, format string, args ...any) error {
	var fe FieldErrors
	fe.add(field, format, args...)
	return fe.err()
}

// Answers returns how many answers (a score or don't know) an assessment
// holds: what a confirmation says a change concerns. It counts them from
// the records (their headers), so that it is right inside a change too,
// before the kept figures are counted again.
func (r *Reader) Answers(siteID, assessmentID string) (int, error) {
	at, err := r.countAssessment(siteID, assessmentID)
	return at.Answered[0] + at.Answered[1], err
}

// assessmentFigures returns an assessment's kept figures, counted from
// its records when they cannot be read.
func (r *Reader) assessmentFigures(siteID, assessmentID string) (assessmentTally, error) {
	at, ok, err := getTally(r.tx, key(siteID, assessmentID), decodeAssessmentTally)
	if err == nil && ok {
		return at, nil
	}
	return r.countAssessment(siteID, assessmentID)
}

// ParticipantAnswers returns how many answers (a score or don't know) a
// participant has given.
func (r *Reader) ParticipantAnswers(siteID, assessmentID, participantID string) (int, error) {
	k := key(siteID, assessmentID, participantID)
	_, n, err := countAnswers(r.tx.Get(BucketAnswers, k))
	if err != nil {
		err = fmt.Errorf("read %s %s: %w", BucketAnswers, k, err)
	}
	return n, err
}

// PartnershipUse is an assessment that selected a partnership.
type PartnershipUse struct {
	Assessment Assessment
	Round      int // the assessment's round, 1 the oldest
	Answers    int
}

// PartnershipUses returns the assessments that selected a partnership,
// oldest first, with how many answers each holds: what deleting the
// partnership would change.
func (r *Reader) PartnershipUses(siteID, partnershipID string) ([]PartnershipUse, error) {
	as, err := r.Assessments(siteID)
	if err != nil {
		return nil, err
	}
	var out []PartnershipUse
	for i, a := range as {
		if a.PartnershipID != partnershipID {
			continue
		}
		n, err := r.Answers(siteID, a.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, PartnershipUse{Assessment: a, Round: i + 1, Answers: n})
	}
	return out, nil
}

// RoundChoice says which round of each site a listing shows: the zero
// value is the newest with answers; N a round by its number; Date the
// newest with answers started on or before that day.
type RoundChoice struct {
	N    int
	Date string
}

// ParseRound reads a round as `--round` takes it: "latest" (or ""), a
// round's number, or a day as YYYY-MM-DD.
func ParseRound(s string) (RoundChoice, error) {
	switch {
	case s == "" || s == "latest":
		return RoundChoice{}, nil
	case len(s) == len(time.DateOnly) && s[4] == '-':
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return RoundChoice{}, fmt.Errorf("round %q: a day is YYYY-MM-DD (2026-03-01)", s)
		}
		return RoundChoice{Date: s}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxAssessments {
		return RoundChoice{}, fmt.Errorf("round %q: give latest, a round's number (1 is the first) or a day as YYYY-MM-DD", s)
	}
	return RoundChoice{N: n}, nil
}

// String is the choice as `--round` takes it.
func (c RoundChoice) String() string {
	switch {
	case c.N > 0:
		return strconv.Itoa(c.N)
	case c.Date != "":
		return c.Date
	}
	return "latest"
}

// ErrNoRound is what a [NoRoundError] is: a site has no round the choice
// names.
var ErrNoRound = errors.New("no such round")

// NoRoundError says that a site has no round the choice names: Rounds is
// how many it has, and First the day its first started ("" with none).
type NoRoundError struct {
	// Site names the site, when the caller knows it ("" from PickRound).
	Site   string
	Choice RoundChoice
	Rounds int
	First  string
}

func (e *NoRoundError) Error() string {
	if e.Site != "" {
		return e.Site + ": " + (&NoRoundError{Choice: e.Choice, Rounds: e.Rounds, First: e.First}).Error()
	}
	switch {
	case e.Rounds == 0:
		return "the site has no assessment"
	case e.Choice.Date != "":
		return fmt.Sprintf("no round had started by %s (the first started on %s)", e.Choice.Date, e.First)
	}
	return fmt.Sprintf("round %d asked for; the site has %d", e.Choice.N, e.Rounds)
}

// Is makes errors.Is(err, ErrNoRound) true.
func (e *NoRoundError) Is(target error) bool { return target == ErrNoRound }

// PickRound is the one rule for which of a site's rounds a listing shows
// (the comparison, `engage sites`): it returns the index in as (oldest
// first) of the round c names. answered[i] is how many answers round i
// holds. The newest round with answers is shown, or the newest round when
// none has any; a day keeps to the rounds started on or before it.
func PickRound(as []Assessment, answered []int, c RoundChoice) (int, error) {
	if len(as) == 0 {
		return 0, &NoRoundError{Choice: c}
	}
	if c.N > 0 {
		if c.N > len(as) {
			return 0, &NoRoundError{Choice: c, Rounds: len(as), First: as[0].Started}
		}
		return c.N - 1, nil
	}
	last := len(as) - 1
	if c.Date != "" {
		last = -1
		for i, a := range as {
			if a.Started <= c.Date {
				last = i
			}
		}
		if last < 0 {
			return 0, &NoRoundError{Choice: c, Rounds: len(as), First: as[0].Started}
		}
	}
	for i := last; i >= 0; i-- {
		if answered[i] > 0 {
			return i, nil
		}
	}
	return last, nil
}

// RoundAnswers returns how many answers each of a site's assessments
// holds, by their kept figures (a few bytes each, for a listing of every
// site): what [PickRound] needs. Read it outside a change.
func (r *Reader) RoundAnswers(siteID string, as []Assessment) ([]int, error) {
	out := make([]int, len(as))
	for i, a := range as {
		at, err := r.assessmentFigures(siteID, a.ID)
		if err != nil {
			return nil, err
		}
		out[i] = at.Answered[0] + at.Answered[1]
	}
	return out, nil
}

// Round returns a site's round that c names, with its number (1 the
// oldest) and the number of rounds.
func (r *Reader) Round(siteID string, c RoundChoice) (a Assessment, round, of int, err error) {
	as, err := r.Assessments(siteID)
	if err != nil {
		return Assessment{}, 0, 0, err
	}
	answered, err := r.RoundAnswers(siteID, as)
	if err != nil {
		return Assessment{}, 0, 0, err
	}
	i, err := PickRound(as, answered, c)
	if err != nil {
		return Assessment{}, 0, 0, err
	}
	return as[i], i + 1, len(as), nil
}
