package workbook

import (
	"errors"
	"fmt"
	"slices"
)

// Taking a change back.
//
// The interactive workbook lets the facilitator undo the changes made on a
// screen, one step at a time. Each Undo function here takes back one kind
// of change: it is given what the record held before the change and what
// the change wrote, checks that the store still holds what the change
// wrote, and only then puts back what was there before, through the same
// rules as any other write. When the record was changed (or removed) after
// the change being undone, it refuses with a [*ChangedError] and writes
// nothing: an undo never loses a later change.
//
// A deletion removes more than its record: a participant's answers and
// comments go with them, and a partnership stops being the one its
// assessments selected. [Reader.ParticipantRecord] and
// [Reader.PartnershipRecord] read all of it before the deletion, and the
// matching Undo puts all of it back as it was, times and ids included.
//
// A change the assessment's log noted (a participant who had answered
// deleted, the selected partnership deleted or changed after answers) is
// taken back with its entry: the figures are as they were, and the log
// tells a reader of them only what still holds. The entry is the one the
// change appended, found where the log ended before it; an entry not
// there, or of another kind, is left alone.

// ErrChangedSince is returned when a change cannot be taken back because
// what it wrote was changed, or removed, after it.
var ErrChangedSince = errors.New("changed since")

// ChangedError says which record was changed after the change being taken
// back. It wraps [ErrChangedSince].
type ChangedError struct {
	Kind string // "answer", "participant", "partnership", ...
	Ref  string
	// Why says what changed, for people ("it was deleted").
	Why string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("the %s %q was changed since: %s", e.Kind, e.Ref, e.Why)
}

// Unwrap returns [ErrChangedSince].
func (e *ChangedError) Unwrap() error { return ErrChangedSince }

func changedSince(kind, ref, why string) error { return &ChangedError{Kind: kind, Ref: ref, Why: why} }

// stale turns a record found missing into a [*ChangedError]: what the
// undo would change back is gone. Other errors pass through.
func stale(err error, kind, ref string) error {
	if errors.Is(err, ErrNotFound) {
		return changedSince(kind, ref, err.Error())
	}
	return err
}

// Response returns one participant's answer to one statement, with its
// comment: a Response with only its ids (not Answered, no comment) when
// there is none.
func (r *Reader) Response(siteID, assessmentID, participantID, statementID string) (Response, error) {
	out := Response{SiteID: siteID, AssessmentID: assessmentID, ParticipantID: participantID, StatementID: statementID}
	pk := key(siteID, assessmentID, participantID)
	answers, err := r.participantAnswers(pk, r.tx.Get(BucketAnswers, pk))
	if err != nil {
		return Response{}, err
	}
	i := slices.IndexFunc(answers, func(a packedAnswer) bool { return a.Statement == statementID })
	if i < 0 {
		return out, nil
	}
	a := answers[i]
	out.Score, out.DontKnow, out.At = a.Score, a.DontKnow, a.At
	if a.HasComment {
		cs, err := decodeComments(r.tx.Get(BucketComments, pk))
		if err != nil {
			return Response{}, fmt.Errorf("read %s %s: %w", BucketComments, pk, err)
		}
		out.Comment = findComment(cs, statementID)
	}
	return out, nil
}

// sameAnswer reports whether two answers say the same: score, don't-know
// and comment, whenever they were given.
func sameAnswer(a, b Response) bool {
	return a.Score == b.Score && a.DontKnow == b.DontKnow && a.Comment == b.Comment
}

// UndoResponse takes back a recorded answer: now is what was recorded
// (see [Change.RecordResponse]), was what the participant's answer to the
// statement was before (read with [Reader.Response]; not answered and no
// comment for none). The answer is put back to was, through
// RecordResponse, as long as it is still now.
func (c *Change) UndoResponse(was, now Response) error {
	ref := now.ParticipantID + "/" + now.StatementID
	if _, err := c.Participant(now.SiteID, now.AssessmentID, now.ParticipantID); err != nil {
		return stale(err, "answer", ref)
	}
	cur, err := c.Response(now.SiteID, now.AssessmentID, now.ParticipantID, now.StatementID)
	if err != nil {
		return err
	}
	if !sameAnswer(cur, now) {
		return changedSince("answer", ref, "it was answered again")
	}
	_, err = c.RecordResponse(ResponseInput{SiteID: was.SiteID, AssessmentID: was.AssessmentID, ParticipantID: was.ParticipantID,
		StatementID: was.StatementID, Score: was.Score, DontKnow: was.DontKnow, Comment: was.Comment})
	return err
}

// UndoCriterion takes back the mark of one criterion for one partnership
// ([Change.SetCriterion]): now is the mark that was set, was the one
// before. The mark is set back to was as long as it is still now.
func (c *Change) UndoCriterion(siteID, partnershipID, criterionID string, was, now CriterionMark) error {
	p, err := c.Partnership(siteID, partnershipID)
	if err != nil {
		return stale(err, "partnership", partnershipID)
	}
	if p.Criteria[criterionID] != now {
		return changedSince("partnership", p.Title, "criterion "+criterionID+" was marked again")
	}
	_, err = c.SetCriterion(siteID, partnershipID, criterionID, was)
	return err
}

// ParticipantRecord is a participant with everything that is theirs: what
// [Change.DeleteParticipant] removes, read before it does so that
// [Change.UndoParticipantDeleted] can put it back.
type ParticipantRecord struct {
	Participant Participant
	// Answered is how many statements they had answered.
	Answered int
	// logLen is how long the assessment's log was before the deletion.
	logLen int
	// The participant's records of answers and of comments as stored (nil
	// for none): put back as they were, with their times.
	answers, comments []byte
}

// ParticipantRecord reads a participant and their answers and comments.
func (r *Reader) ParticipantRecord(siteID, assessmentID, id string) (ParticipantRecord, error) {
	p, err := r.Participant(siteID, assessmentID, id)
	if err != nil {
		return ParticipantRecord{}, err
	}
	a, err := r.Assessment(siteID, assessmentID)
	if err != nil {
		return ParticipantRecord{}, err
	}
	k := key(siteID, assessmentID, id)
	rec := ParticipantRecord{Participant: p, answers: cloneBytes(r.tx.Get(BucketAnswers, k)), comments: cloneBytes(r.tx.Get(BucketComments, k)),
		logLen: len(a.Log)}
	if rec.answers != nil {
		if _, rec.Answered, err = countAnswers(rec.answers); err != nil {
			return ParticipantRecord{}, fmt.Errorf("read %s %s: %w", BucketAnswers, k, err)
		}
	}
	return rec, nil
}

// UndoParticipantDeleted puts back a participant that
// [Change.DeleteParticipant] removed, with their answers and comments, as
// rec (read before the deletion) holds them. It refuses when the
// assessment is gone, when a participant with the same id is back, when
// their booklet number is someone else's now, or when the assessment or
// the site has no room left for them or their answers.
func (c *Change) UndoParticipantDeleted(rec ParticipantRecord) error {
	p := rec.Participant
	k := key(p.SiteID, p.AssessmentID, p.ID)
	a, err := c.Assessment(p.SiteID, p.AssessmentID)
	if err != nil {
		return stale(err, "participant", p.ID)
	}
	if c.tx.Get(BucketParticipants, k) != nil || c.tx.Get(BucketAnswers, k) != nil || c.tx.Get(BucketComments, k) != nil {
		return changedSince("participant", p.ID, "a participant with the same id is there again")
	}
	var fe FieldErrors
	checkParticipant(&fe, p)
	if p.Booklet != 0 && len(fe) == 0 {
		others, err := c.Participants(p.SiteID, p.AssessmentID)
		if err != nil {
			return err
		}
		checkParticipantBooklet(&fe, p, a, others)
	}
	if len(fe) > 0 {
		return changedSince("participant", p.ID, fe.Error())
	}
	if err := c.roomForParticipant(p); err != nil {
		return err
	}
	if rec.answers != nil {
		stored, _, err := countAnswers(rec.answers)
		if err != nil {
			return fmt.Errorf("read %s %s: %w", BucketAnswers, k, err)
		}
		n, err := c.siteAnswers(p.SiteID)
		if err != nil {
			return err
		}
		if n+stored > LimitSiteResponses.Max {
			return &LimitError{Limit: LimitSiteResponses, Where: "site " + p.SiteID}
		}
		c.track.groups[k] = p.Group
		if err := c.tx.Put(BucketAnswers, k, rec.answers); err != nil {
			return err
		}
	}
	if rec.comments != nil {
		if err := c.tx.Put(BucketComments, k, rec.comments); err != nil {
			return err
		}
	}
	if unrecord(&a, rec.logLen, func(e Event) bool {
		return e.Kind == EventParticipantDeleted && e.Group == p.Group && e.Answers == rec.Answered
	}) {
		if err := c.putAssessment(a); err != nil {
			return err
		}
	}
	return putJSON(c.tx, BucketParticipants, k, p)
}

// unrecord removes from a's log the entry at i, the one a change appended
// to the log as it was then, when it is the entry the change wrote (like).
// It reports whether it removed it.
func unrecord(a *Assessment, i int, like func(Event) bool) bool {
	if i < 0 || i >= len(a.Log) || !like(a.Log[i]) {
		return false
	}
	a.Log = slices.Delete(slices.Clone(a.Log), i, i+1)
	return true
}

// PartnershipRecord is a mapped partnership with what refers to it: what
// [Change.DeletePartnership] changes, read before it does so that
// [Change.UndoPartnershipDeleted] can put it back.
type PartnershipRecord struct {
	Partnership Partnership
	// SelectedBy are the assessments that had selected the partnership.
	SelectedBy []string
	// logLen is how long each of their logs was before the deletion.
	logLen map[string]int
}

// PartnershipRecord reads a partnership and the assessments that selected
// it.
func (r *Reader) PartnershipRecord(siteID, id string) (PartnershipRecord, error) {
	p, err := r.Partnership(siteID, id)
	if err != nil {
		return PartnershipRecord{}, err
	}
	as, err := r.Assessments(siteID)
	if err != nil {
		return PartnershipRecord{}, err
	}
	rec := PartnershipRecord{Partnership: p, logLen: map[string]int{}}
	for _, a := range as {
		if a.PartnershipID == id {
			rec.SelectedBy = append(rec.SelectedBy, a.ID)
			rec.logLen[a.ID] = len(a.Log)
		}
	}
	return rec, nil
}

// UndoPartnershipDeleted puts back a partnership that
// [Change.DeletePartnership] removed, with its criteria marks, and selects
// it again for the assessments that had selected it. It refuses when a
// partnership with the same id is back, when one of those assessments has
// selected another partnership since, or when the site has no room left.
// An assessment deleted since is left out.
func (c *Change) UndoPartnershipDeleted(rec PartnershipRecord) error {
	p := rec.Partnership
	k := key(p.SiteID, p.ID)
	site, err := c.Site(p.SiteID)
	if err != nil {
		return stale(err, "partnership", p.Title)
	}
	if c.tx.Get(BucketPartnerships, k) != nil {
		return changedSince("partnership", p.Title, "a partnership with the same id is there again")
	}
	var again []Assessment
	for _, id := range rec.SelectedBy {
		a, found, err := getJSON[Assessment](c.tx, BucketAssessments, key(p.SiteID, id))
		switch {
		case err != nil:
			return err
		case !found:
			continue
		case a.PartnershipID != "":
			return changedSince("partnership", p.Title, "an assessment that had selected it has selected another")
		}
		again = append(again, a)
	}
	if err := c.roomFor(LimitPartnerships, BucketPartnerships, p.SiteID+"/", "site "+site.Slug); err != nil {
		return err
	}
	for _, a := range again {
		a.PartnershipID = p.ID
		unrecord(&a, rec.logLen[a.ID], func(e Event) bool { return e.Kind == EventPartnershipDeleted && e.Partnership == p.Title })
		if err := c.putAssessment(a); err != nil {
			return err
		}
	}
	return putJSON(c.tx, BucketPartnerships, k, p)
}
