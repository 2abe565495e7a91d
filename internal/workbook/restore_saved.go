package workbook

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"
)

// Taking back a record saved (written, edited) or a value set: see
// restore.go.

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
