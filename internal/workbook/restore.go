package workbook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
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

// sameFinding reports whether two findings say the same, whenever they
// were written.
func sameFinding(a, b Finding) bool {
	return a.Kind == b.Kind && a.KeyIssueID == b.KeyIssueID && a.StatementID == b.StatementID && a.Text == b.Text
}

// UndoFindingSaved takes back [Change.SaveFinding]: now is the finding it
// returned, was the finding before (nil when it was new). A new finding is
// removed, an edited one written back as it was, as long as the finding is
// still now.
func (c *Change) UndoFindingSaved(was *Finding, now Finding) error {
	cur, found, err := getJSON[Finding](c.tx, BucketFindings, key(now.SiteID, now.AssessmentID, now.ID))
	switch {
	case err != nil:
		return err
	case !found:
		return changedSince("finding", now.ID, "it was deleted")
	case !sameFinding(cur, now):
		return changedSince("finding", now.ID, "it was edited again")
	case was == nil:
		return c.DeleteFinding(now.SiteID, now.AssessmentID, now.ID)
	}
	_, err = c.SaveFinding(*was)
	return err
}

// UndoFindingDeleted puts back a finding that [Change.DeleteFinding]
// removed, as f (read before) holds it.
func (c *Change) UndoFindingDeleted(f Finding) error {
	a, err := c.Assessment(f.SiteID, f.AssessmentID)
	if err != nil {
		return stale(err, "finding", f.ID)
	}
	k := key(f.SiteID, f.AssessmentID, f.ID)
	if c.tx.Get(BucketFindings, k) != nil {
		return changedSince("finding", f.ID, "a finding with the same id is there again")
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return err
	}
	var fe FieldErrors
	checkFinding(&fe, f, q)
	if err := fe.err(); err != nil {
		return err
	}
	if err := c.roomFor(LimitFindings, BucketFindings, key(f.SiteID, f.AssessmentID)+"/", "assessment "+f.AssessmentID); err != nil {
		return err
	}
	return putJSON(c.tx, BucketFindings, k, f)
}

// sameAction reports whether two lines of the action plan say the same:
// what the plan's form edits.
func sameAction(a, b Intervention) bool {
	return a.Action == b.Action && a.Owner == b.Owner && a.Due == b.Due && a.KeyIssueID == b.KeyIssueID
}

// UndoInterventionSaved takes back [Change.SaveIntervention]: now is the
// action it returned, was the action before (nil when it was new). A new
// action is removed as long as it is still now and has not been reviewed;
// an edited one gets back its action, owner, due date and key issue as
// long as they are still now's, keeping its status and reviews.
func (c *Change) UndoInterventionSaved(was *Intervention, now Intervention) error {
	cur, found, err := getJSON[Intervention](c.tx, BucketInterventions, key(now.SiteID, now.AssessmentID, now.ID))
	switch {
	case err != nil:
		return err
	case !found:
		return changedSince("action", now.ID, "it was deleted")
	case !sameAction(cur, now):
		return changedSince("action", now.ID, "it was edited again")
	case was == nil && (cur.Status != now.Status || len(cur.Reviews) > 0):
		return changedSince("action", now.ID, "it was reviewed")
	case was == nil:
		return c.DeleteIntervention(now.SiteID, now.AssessmentID, now.ID)
	}
	back := cur
	back.Action, back.Owner, back.Due, back.KeyIssueID = was.Action, was.Owner, was.Due, was.KeyIssueID
	_, err = c.SaveIntervention(back)
	return err
}

// UndoInterventionDeleted puts back a line of the action plan that
// [Change.DeleteIntervention] removed, with its status and review log, as
// iv (read before) holds it.
func (c *Change) UndoInterventionDeleted(iv Intervention) error {
	a, err := c.Assessment(iv.SiteID, iv.AssessmentID)
	if err != nil {
		return stale(err, "action", iv.ID)
	}
	k := key(iv.SiteID, iv.AssessmentID, iv.ID)
	if c.tx.Get(BucketInterventions, k) != nil {
		return changedSince("action", iv.ID, "an action with the same id is there again")
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return err
	}
	var fe FieldErrors
	checkIntervention(&fe, iv, q, "")
	if err := fe.err(); err != nil {
		return err
	}
	if err := c.roomFor(LimitInterventions, BucketInterventions, key(iv.SiteID, iv.AssessmentID)+"/", "assessment "+iv.AssessmentID); err != nil {
		return err
	}
	return putJSON(c.tx, BucketInterventions, k, iv)
}

// UndoStatementNote takes back [Change.SetStatementNote]: now is the note
// it saved, was the statement's note before (no group score and no notes
// for none). The note is set back to was as long as it is still now.
func (c *Change) UndoStatementNote(was, now StatementNote) error {
	cur, _, err := getJSON[StatementNote](c.tx, BucketStatementNotes, key(now.SiteID, now.AssessmentID, now.StatementID))
	if err != nil {
		return err
	}
	if cur.GroupScore != now.GroupScore || cur.Notes != now.Notes {
		return changedSince("statement note", now.StatementID, "it was written again")
	}
	was.SiteID, was.AssessmentID, was.StatementID = now.SiteID, now.AssessmentID, now.StatementID
	_, err = c.SetStatementNote(was)
	return err
}

// StatementNote returns the group's note on one statement: one with only
// its ids when there is none.
func (r *Reader) StatementNote(siteID, assessmentID, statementID string) (StatementNote, error) {
	n, _, err := getJSON[StatementNote](r.tx, BucketStatementNotes, key(siteID, assessmentID, statementID))
	n.SiteID, n.AssessmentID, n.StatementID = siteID, assessmentID, statementID
	return n, err
}

// IssueNote returns the verification note on one key issue: one with only
// its ids when there is none.
func (r *Reader) IssueNote(siteID, assessmentID, keyIssueID string) (IssueNote, error) {
	n, _, err := getJSON[IssueNote](r.tx, BucketIssueNotes, key(siteID, assessmentID, keyIssueID))
	n.SiteID, n.AssessmentID, n.KeyIssueID = siteID, assessmentID, keyIssueID
	return n, err
}

// UndoIssueNote takes back [Change.SetIssueNote] as UndoStatementNote
// does a statement's note.
func (c *Change) UndoIssueNote(was, now IssueNote) error {
	cur, err := c.IssueNote(now.SiteID, now.AssessmentID, now.KeyIssueID)
	if err != nil {
		return err
	}
	if cur.Notes != now.Notes {
		return changedSince("verification note", now.KeyIssueID, "it was written again")
	}
	was.SiteID, was.AssessmentID, was.KeyIssueID = now.SiteID, now.AssessmentID, now.KeyIssueID
	_, err = c.SetIssueNote(was)
	return err
}

// sameParticipant reports whether two participants are recorded alike,
// whenever they were saved.
func sameParticipant(a, b Participant) bool {
	return a.Name == b.Name && a.Group == b.Group && a.Role == b.Role && a.Organisation == b.Organisation && a.Booklet == b.Booklet
}

// UndoParticipantSaved takes back [Change.SaveParticipant]: now is the
// participant it returned, was the participant before (nil when new). A
// new participant is removed as long as they have not answered or been
// edited since; an edited one is saved back as they were, as long as they
// are still now.
func (c *Change) UndoParticipantSaved(was *Participant, now Participant) error {
	cur, err := c.Participant(now.SiteID, now.AssessmentID, now.ID)
	switch {
	case err != nil:
		return stale(err, "participant", now.ID)
	case !sameParticipant(cur, now):
		return changedSince("participant", now.ID, "they were edited again")
	case was == nil && (c.hasResponses(now) || c.tx.Get(BucketComments, key(now.SiteID, now.AssessmentID, now.ID)) != nil):
		return changedSince("participant", now.ID, "they have answered since")
	case was == nil:
		return c.DeleteParticipant(now.SiteID, now.AssessmentID, now.ID)
	}
	_, err = c.SaveParticipant(*was)
	return err
}

// samePartnership reports whether two partnerships are recorded alike,
// whenever they were saved: as the store keeps them, where no partners
// and no marks are the same however they were given.
func samePartnership(a, b Partnership) bool {
	a.Updated, b.Updated = time.Time{}, time.Time{}
	ra, errA := json.Marshal(a)
	rb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ra, rb)
}

// UndoPartnershipSaved takes back [Change.SavePartnership]: now is the
// partnership it returned, was the partnership before (nil when new). A
// new partnership is removed as long as no assessment has selected it and
// it has not been changed (or marked) since; an edited one is saved back
// as it was, as long as it is still now.
func (c *Change) UndoPartnershipSaved(was *Partnership, now Partnership) error {
	cur, err := c.Partnership(now.SiteID, now.ID)
	switch {
	case err != nil:
		return stale(err, "partnership", now.Title)
	case !samePartnership(cur, now):
		return changedSince("partnership", now.Title, "it was changed again")
	case was == nil:
		as, err := c.Assessments(now.SiteID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(as, func(a Assessment) bool { return a.PartnershipID == now.ID }) {
			return changedSince("partnership", now.Title, "an assessment has selected it")
		}
		return c.DeletePartnership(now.SiteID, now.ID)
	}
	back := *was
	if back.Criteria == nil {
		back.Criteria = map[string]CriterionMark{} // none, not "keep the stored ones"
	}
	_, err = c.SavePartnership(back)
	return err
}

// UndoSelection takes back [Change.SelectPartnership]: now is the
// assessment it returned, was the assessment before. The selection and its
// reason are set back to was's as long as they are still now's, and the
// entry the selection wrote in the log, if it wrote one, goes.
func (c *Change) UndoSelection(was, now Assessment) error {
	cur, err := c.Assessment(now.SiteID, now.ID)
	if err != nil {
		return stale(err, "assessment", now.ID)
	}
	if cur.PartnershipID != now.PartnershipID || cur.SelectionReason != now.SelectionReason {
		return changedSince("assessment", now.ID, "another partnership was selected since")
	}
	if was.PartnershipID != "" && c.tx.Get(BucketPartnerships, key(was.SiteID, was.PartnershipID)) == nil {
		return changedSince("assessment", now.ID, "the partnership selected before was deleted")
	}
	a := cur
	a.PartnershipID, a.SelectionReason = was.PartnershipID, was.SelectionReason
	if n := len(was.Log); len(now.Log) > n {
		wrote := now.Log[n]
		unrecord(&a, n, func(e Event) bool {
			return e.Kind == wrote.Kind && e.At.Equal(wrote.At) && e.Partnership == wrote.Partnership && e.To == wrote.To && e.Answers == wrote.Answers
		})
	}
	return c.putAssessment(a)
}
