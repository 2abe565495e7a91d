package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The changes of the screens that can be taken back, each with the step
// that takes it back (see undo.go): the inverse is read inside the
// change's own transaction, from what the store held just before.

// recordUndoable is record, and the answer can be taken back on owner:
// to the answer the store held just before.
func (a *answerSheet) recordUndoable(e *env, owner Screen, in workbook.ResponseInput, what, room, warn string) tea.Cmd {
	j := a.job(in, what, room, warn)
	st := &undoStep{what: what, room: room, at: respKey(in.ParticipantID, in.StatementID)}
	j.undo = st
	j.fn = func(c *workbook.Change) error {
		was, err := c.Response(in.SiteID, in.AssessmentID, in.ParticipantID, in.StatementID)
		if err != nil {
			return err
		}
		now, err := c.RecordResponse(in)
		if err != nil {
			return err
		}
		st.back = nil
		if was.Score != now.Score || was.DontKnow != now.DontKnow || was.Comment != now.Comment {
			st.back = func(c *workbook.Change) error { return c.UndoResponse(was, now) }
		}
		return nil
	}
	return e.saveAnswer(owner, j)
}

// markCells is the change that sets cells of the selection's table, and
// the step that sets them back.
func markCells(siteID, what string, cells []cellChange) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(ch *workbook.Change) error {
		type undoCell struct {
			pid, cid string
			was, now workbook.CriterionMark
		}
		var done []undoCell
		for _, c := range cells {
			p, err := ch.Partnership(siteID, c.pid)
			if err != nil {
				return err
			}
			was := p.Criteria[c.cid]
			if p, err = ch.SetCriterion(siteID, c.pid, c.cid, c.mark); err != nil {
				return err
			}
			if now := p.Criteria[c.cid]; now != was {
				done = append(done, undoCell{c.pid, c.cid, was, now})
			}
		}
		st.back = nil
		if len(done) > 0 {
			st.back = func(ch *workbook.Change) error {
				for i := len(done) - 1; i >= 0; i-- {
					c := done[i]
					if err := ch.UndoCriterion(siteID, c.pid, c.cid, c.was, c.now); err != nil {
						return err
					}
				}
				return nil
			}
		}
		return nil
	}, st
}

// deletePartnership is the change that deletes a mapped partnership, and
// the step that puts it back, selected again where it was.
func deletePartnership(siteID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what, at: id}
	return func(c *workbook.Change) error {
		rec, err := c.PartnershipRecord(siteID, id)
		if err != nil {
			return err
		}
		if err := c.DeletePartnership(siteID, id); err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoPartnershipDeleted(rec) }
		return nil
	}, st
}

// deleteParticipant is the change that removes a participant, and the step
// that puts them back with their answers and comments.
func deleteParticipant(siteID, assessmentID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(c *workbook.Change) error {
		rec, err := c.ParticipantRecord(siteID, assessmentID, id)
		if err != nil {
			return err
		}
		if err := c.DeleteParticipant(siteID, assessmentID, id); err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoParticipantDeleted(rec) }
		return nil
	}, st
}

// saveFinding is the change that writes finding f (new, or an edit), and
// fills in st the step that takes it back: removing a new finding, or
// writing back the finding as the store held it.
func saveFinding(st *undoStep, f workbook.Finding) func(*workbook.Change) error {
	return func(c *workbook.Change) error {
		var was *workbook.Finding
		if f.ID != "" {
			fs, err := c.Findings(f.SiteID, f.AssessmentID)
			if err != nil {
				return err
			}
			for i := range fs {
				if fs[i].ID == f.ID {
					was = &fs[i]
				}
			}
		}
		now, err := c.SaveFinding(f)
		if err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoFindingSaved(was, now) }
		return nil
	}
}

// saveIntervention is saveFinding for a line of the action plan.
func saveIntervention(st *undoStep, iv workbook.Intervention) func(*workbook.Change) error {
	return func(c *workbook.Change) error {
		var was *workbook.Intervention
		if iv.ID != "" {
			ivs, err := c.Interventions(iv.SiteID, iv.AssessmentID)
			if err != nil {
				return err
			}
			for i := range ivs {
				if ivs[i].ID == iv.ID {
					was = &ivs[i]
				}
			}
		}
		now, err := c.SaveIntervention(iv)
		if err != nil {
			return err
		}
		st.back = func(c *workbook.Change) error { return c.UndoInterventionSaved(was, now) }
		return nil
	}
}

// deleteFinding is the change that deletes a finding, and the step that
// puts it back.
func deleteFinding(siteID, assessmentID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(c *workbook.Change) error {
		fs, err := c.Findings(siteID, assessmentID)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if f.ID == id {
				if err := c.DeleteFinding(siteID, assessmentID, id); err != nil {
					return err
				}
				st.back = func(c *workbook.Change) error { return c.UndoFindingDeleted(f) }
				return nil
			}
		}
		return c.DeleteFinding(siteID, assessmentID, id) // says it is not there
	}, st
}

// deleteIntervention is the change that deletes a line of the action plan,
// and the step that puts it back with its status and reviews.
func deleteIntervention(siteID, assessmentID, id, what string) (func(*workbook.Change) error, *undoStep) {
	st := &undoStep{what: what}
	return func(c *workbook.Change) error {
		ivs, err := c.Interventions(siteID, assessmentID)
		if err != nil {
			return err
		}
		for _, iv := range ivs {
			if iv.ID == id {
				if err := c.DeleteIntervention(siteID, assessmentID, id); err != nil {
					return err
				}
				st.back = func(c *workbook.Change) error { return c.UndoInterventionDeleted(iv) }
				return nil
			}
		}
		return c.DeleteIntervention(siteID, assessmentID, id)
	}, st
}

// savePartnership is c.SavePartnership(p) that st takes back: removing a
// new partnership, or saving back the one the store held.
func savePartnership(st *undoStep, c *workbook.Change, p workbook.Partnership) (workbook.Partnership, error) {
	var was *workbook.Partnership
	if p.ID != "" {
		old, err := c.Partnership(p.SiteID, p.ID)
		switch {
		case err == nil:
			was = &old
		case !errors.Is(err, workbook.ErrNotFound):
			return workbook.Partnership{}, err
		}
	}
	now, err := c.SavePartnership(p)
	if err == nil {
		st.back, st.at = func(c *workbook.Change) error { return c.UndoPartnershipSaved(was, now) }, now.ID
	}
	return now, err
}

// saveParticipant is c.SaveParticipant(p) that st takes back: removing a
// new participant who has not answered, or saving back the one the store
// held.
func saveParticipant(st *undoStep, c *workbook.Change, p workbook.Participant) (workbook.Participant, error) {
	var was *workbook.Participant
	if p.ID != "" {
		old, err := c.Participant(p.SiteID, p.AssessmentID, p.ID)
		switch {
		case err == nil:
			was = &old
		case !errors.Is(err, workbook.ErrNotFound):
			return workbook.Participant{}, err
		}
	}
	now, err := c.SaveParticipant(p)
	if err == nil {
		st.back = func(c *workbook.Change) error { return c.UndoParticipantSaved(was, now) }
	}
	return now, err
}

// selectPartnership is c.SelectPartnership that st takes back: the
// assessment selects what it did before, with the reason it had.
func selectPartnership(st *undoStep, c *workbook.Change, siteID, assessmentID, partnershipID, reason string) error {
	was, err := c.Assessment(siteID, assessmentID)
	if err != nil {
		return err
	}
	now, err := c.SelectPartnership(siteID, assessmentID, partnershipID, reason)
	if err == nil && (now.PartnershipID != was.PartnershipID || now.SelectionReason != was.SelectionReason) {
		st.back = func(c *workbook.Change) error { return c.UndoSelection(was, now) }
	}
	return err
}

// setStatementNote is c.SetStatementNote(n) that st takes back: the
// statement's notes and group score as the store held them.
func setStatementNote(st *undoStep, c *workbook.Change, n workbook.StatementNote) error {
	was, err := c.StatementNote(n.SiteID, n.AssessmentID, n.StatementID)
	if err != nil {
		return err
	}
	now, err := c.SetStatementNote(n)
	if err == nil && (now.GroupScore != was.GroupScore || now.Notes != was.Notes) {
		st.back = func(c *workbook.Change) error { return c.UndoStatementNote(was, now) }
	}
	return err
}

// setIssueNote is c.SetIssueNote(n) that st takes back.
func setIssueNote(st *undoStep, c *workbook.Change, n workbook.IssueNote) error {
	was, err := c.IssueNote(n.SiteID, n.AssessmentID, n.KeyIssueID)
	if err != nil {
		return err
	}
	now, err := c.SetIssueNote(n)
	if err == nil && now.Notes != was.Notes {
		st.back = func(c *workbook.Change) error { return c.UndoIssueNote(was, now) }
	}
	return err
}
