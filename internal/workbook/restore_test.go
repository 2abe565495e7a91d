package workbook_test

import (
	"errors"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// wantChanged fails unless err says the record was changed since.
func wantChanged(t *testing.T, err error, what string) {
	t.Helper()
	var ce *workbook.ChangedError
	if !errors.Is(err, workbook.ErrChangedSince) || !errors.As(err, &ce) {
		t.Fatalf("%s: err %v, want a *ChangedError", what, err)
	}
}

func (f *fixture) response(t *testing.T, pid, sid string) workbook.Response {
	t.Helper()
	var r workbook.Response
	if err := f.svc.Read(func(rd *workbook.Reader) (err error) {
		r, err = rd.Response(f.site.ID, f.a.ID, pid, sid)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

func (f *fixture) participant(t *testing.T, name string) workbook.Participant {
	t.Helper()
	var p workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Name: name, Group: workbook.Insider, Role: workbook.RoleMiddle})
		return err
	})
	return p
}

func (f *fixture) answer(t *testing.T, pid, sid string, score int, comment string) workbook.Response {
	t.Helper()
	var r workbook.Response
	f.change(t, func(c *workbook.Change) (err error) {
		r, err = c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: pid, StatementID: sid, Score: score, Comment: comment})
		return err
	})
	return r
}

func TestUndoResponsePutsBackTheAnswerBefore(t *testing.T) {
	f := newFixture(t)
	p := f.participant(t, "Anna")
	none := f.response(t, p.ID, "ca-times")
	if none.Answered() || none.Comment != "" {
		t.Fatalf("no answer yet: Response gave %+v", none)
	}
	f.answer(t, p.ID, "ca-times", 3, "slow")
	was := f.response(t, p.ID, "ca-times")
	now := f.answer(t, p.ID, "ca-times", 5, "slow")

	f.change(t, func(c *workbook.Change) error { return c.UndoResponse(was, now) })
	if got := f.response(t, p.ID, "ca-times"); got.Score != 3 || got.Comment != "slow" {
		t.Fatalf("after undo: %+v, want 3 with its comment", got)
	}
	checkKept(t, f.svc, "after undoing a score")
	// The answer is no longer what the undo would take back.
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoResponse(was, now) }), "undo twice")

	// Back to no answer at all: the record goes.
	first := f.answer(t, p.ID, "ca-info", 2, "")
	f.change(t, func(c *workbook.Change) error {
		return c.UndoResponse(workbook.Response{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: p.ID, StatementID: "ca-info"}, first)
	})
	if got := f.response(t, p.ID, "ca-info"); got.Answered() {
		t.Fatalf("undoing the first answer left %+v", got)
	}
	checkKept(t, f.svc, "after undoing a first answer")

	// Answered again in between: nothing changes.
	now = f.answer(t, p.ID, "ca-times", 4, "")
	f.answer(t, p.ID, "ca-times", 1, "")
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoResponse(was, now) }), "answered since")
	if got := f.response(t, p.ID, "ca-times"); got.Score != 1 {
		t.Fatalf("a refused undo changed the answer to %+v", got)
	}
}

func TestUndoParticipantDeletedPutsBackTheirAnswers(t *testing.T) {
	f := newFixture(t)
	keep := f.participant(t, "Bruno")
	p := f.participant(t, "Anna")
	f.answer(t, p.ID, "ca-times", 4, "they listen")
	f.answer(t, p.ID, "os-plans", 2, "")
	f.answer(t, keep.ID, "ca-times", 5, "")
	before := f.load(t)

	var rec workbook.ParticipantRecord
	f.change(t, func(c *workbook.Change) (err error) {
		if rec, err = c.ParticipantRecord(f.site.ID, f.a.ID, p.ID); err != nil {
			return err
		}
		return c.DeleteParticipant(f.site.ID, f.a.ID, p.ID)
	})
	if rec.Answered != 2 {
		t.Errorf("record says %d answered, want 2", rec.Answered)
	}
	if log := f.load(t).Assessment.Log; len(log) != 1 || log[0].Kind != workbook.EventParticipantDeleted {
		t.Fatalf("log after the deletion %+v, want the deletion noted", log)
	}
	if got := len(f.load(t).Participants); got != 1 {
		t.Fatalf("%d participants after the deletion, want 1", got)
	}
	f.change(t, func(c *workbook.Change) error { return c.UndoParticipantDeleted(rec) })
	after := f.load(t)
	if len(after.Participants) != 2 || after.Participants[1] != before.Participants[1] {
		t.Fatalf("participants after undo %+v, want %+v (same order and times)", after.Participants, before.Participants)
	}
	if len(after.Responses) != len(before.Responses) {
		t.Fatalf("%d answers after undo, want %d", len(after.Responses), len(before.Responses))
	}
	for i := range before.Responses {
		if after.Responses[i] != before.Responses[i] {
			t.Errorf("answer %d after undo %+v, want %+v", i, after.Responses[i], before.Responses[i])
		}
	}
	checkKept(t, f.svc, "after putting a participant back")
	if log := after.Assessment.Log; len(log) != 0 {
		t.Errorf("log after undoing the deletion %+v, want its entry gone", log)
	}
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoParticipantDeleted(rec) }), "put back twice")
}

func TestUndoPartnershipDeletedSelectsItAgain(t *testing.T) {
	f := newFixture(t)
	var p, other workbook.Partnership
	f.change(t, func(c *workbook.Change) (err error) {
		if p, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Tavolo anziani"}); err != nil {
			return err
		}
		if other, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Consulta giovani"}); err != nil {
			return err
		}
		if _, err = c.SetCriterion(f.site.ID, p.ID, f.q.Criteria[0].ID, workbook.CriterionMark{Mark: workbook.Met, Note: "dal 2019"}); err != nil {
			return err
		}
		_, err = c.SelectPartnership(f.site.ID, f.a.ID, p.ID, "il più attivo")
		return err
	})
	ann := f.participant(t, "Anna")
	f.answer(t, ann.ID, "ca-times", 4, "")
	del := func() workbook.PartnershipRecord {
		var rec workbook.PartnershipRecord
		f.change(t, func(c *workbook.Change) (err error) {
			if rec, err = c.PartnershipRecord(f.site.ID, p.ID); err != nil {
				return err
			}
			return c.DeletePartnership(f.site.ID, p.ID)
		})
		return rec
	}
	rec := del()
	if a := f.load(t).Assessment; a.PartnershipID != "" || len(a.Log) != 1 || a.Log[0].Kind != workbook.EventPartnershipDeleted {
		t.Fatalf("after the deletion: selected %q, log %+v", a.PartnershipID, a.Log)
	}
	f.change(t, func(c *workbook.Change) error { return c.UndoPartnershipDeleted(rec) })
	d := f.load(t)
	if d.Assessment.PartnershipID != p.ID || d.Assessment.SelectionReason != "il più attivo" {
		t.Errorf("assessment after undo: selected %q (%q), want %q again", d.Assessment.PartnershipID, d.Assessment.SelectionReason, p.ID)
	}
	if len(d.Assessment.Log) != 0 {
		t.Errorf("log after undoing the deletion %+v, want its entry gone", d.Assessment.Log)
	}
	// Another selected after answers, then taken back: so is its entry.
	var was, now workbook.Assessment
	f.change(t, func(c *workbook.Change) (err error) {
		if was, err = c.Assessment(f.site.ID, f.a.ID); err != nil {
			return err
		}
		now, err = c.SelectPartnership(f.site.ID, f.a.ID, other.ID, "")
		return err
	})
	if len(now.Log) != 1 || now.Log[0].Kind != workbook.EventPartnershipChanged {
		t.Fatalf("log after changing the selection %+v", now.Log)
	}
	f.change(t, func(c *workbook.Change) error { return c.UndoSelection(was, now) })
	if a := f.load(t).Assessment; a.PartnershipID != p.ID || a.SelectionReason != "il più attivo" || len(a.Log) != 0 {
		t.Fatalf("after undoing the change of selection: %q (%q), log %+v", a.PartnershipID, a.SelectionReason, a.Log)
	}
	var back workbook.Partnership
	for _, x := range d.Partnerships {
		if x.ID == p.ID {
			back = x
		}
	}
	if back.Title != p.Title || back.Criteria[f.q.Criteria[0].ID].Note != "dal 2019" {
		t.Errorf("partnership after undo %+v, want it with its marks", back)
	}

	// Another one selected meanwhile: the undo would take it away.
	rec = del()
	f.change(t, func(c *workbook.Change) error {
		_, err := c.SelectPartnership(f.site.ID, f.a.ID, other.ID, "")
		return err
	})
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoPartnershipDeleted(rec) }), "another selected")
	if d := f.load(t); d.Assessment.PartnershipID != other.ID || len(d.Partnerships) != 1 {
		t.Errorf("a refused undo changed things: selected %q, %d partnerships", d.Assessment.PartnershipID, len(d.Partnerships))
	}
}

func TestUndoFindingAndAction(t *testing.T) {
	f := newFixture(t)
	var fnd workbook.Finding
	f.change(t, func(c *workbook.Change) (err error) {
		fnd, err = c.SaveFinding(workbook.Finding{SiteID: f.site.ID, AssessmentID: f.a.ID, Kind: workbook.FindingImprove, Text: "poca informazione"})
		return err
	})
	was := fnd
	var edited workbook.Finding
	f.change(t, func(c *workbook.Change) (err error) {
		e := fnd
		e.Text = "informazione tardiva"
		edited, err = c.SaveFinding(e)
		return err
	})
	f.change(t, func(c *workbook.Change) error { return c.UndoFindingSaved(&was, edited) })
	if d := f.load(t); len(d.Findings) != 1 || d.Findings[0].Text != "poca informazione" || !d.Findings[0].Created.Equal(was.Created) {
		t.Fatalf("findings after undoing an edit: %+v", d.Findings)
	}
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoFindingSaved(&was, edited) }), "edit undone twice")

	f.change(t, func(c *workbook.Change) error { return c.DeleteFinding(f.site.ID, f.a.ID, fnd.ID) })
	f.change(t, func(c *workbook.Change) error { return c.UndoFindingDeleted(was) })
	if d := f.load(t); len(d.Findings) != 1 || d.Findings[0] != was {
		t.Fatalf("findings after undoing the deletion: %+v, want %+v", d.Findings, was)
	}
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoFindingDeleted(was) }), "deletion undone twice")
	f.change(t, func(c *workbook.Change) error { return c.UndoFindingSaved(nil, was) })
	if d := f.load(t); len(d.Findings) != 0 {
		t.Fatalf("undoing a new finding left %+v", d.Findings)
	}

	var iv workbook.Intervention
	f.change(t, func(c *workbook.Change) (err error) {
		iv, err = c.SaveIntervention(workbook.Intervention{SiteID: f.site.ID, AssessmentID: f.a.ID, Action: "sportello", Owner: "ufficio"})
		return err
	})
	reviewed, err := func() (workbook.Intervention, error) {
		var out workbook.Intervention
		err := f.svc.Change(func(c *workbook.Change) (err error) {
			out, err = c.AddReview(f.site.ID, f.a.ID, iv.ID, workbook.Review{Date: c.Today(), Status: workbook.StatusInProgress, Note: "avviato"})
			return err
		})
		return out, err
	}()
	if err != nil {
		t.Fatal(err)
	}
	// Reviewed since it was written: taking it back would lose the review.
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoInterventionSaved(nil, iv) }), "reviewed since")
	var edit workbook.Intervention
	f.change(t, func(c *workbook.Change) (err error) {
		e := reviewed
		e.Owner, e.Due = "assessore", "2026-12-01"
		edit, err = c.SaveIntervention(e)
		return err
	})
	f.change(t, func(c *workbook.Change) error { return c.UndoInterventionSaved(&reviewed, edit) })
	d := f.load(t)
	if len(d.Interventions) != 1 || d.Interventions[0].Owner != "ufficio" || d.Interventions[0].Due != "" || len(d.Interventions[0].Reviews) != 1 {
		t.Fatalf("action after undoing the edit: %+v, want the owner back and the review kept", d.Interventions)
	}
	kept := d.Interventions[0]
	f.change(t, func(c *workbook.Change) error { return c.DeleteIntervention(f.site.ID, f.a.ID, iv.ID) })
	f.change(t, func(c *workbook.Change) error { return c.UndoInterventionDeleted(kept) })
	if d := f.load(t); len(d.Interventions) != 1 || d.Interventions[0].Status != workbook.StatusInProgress || len(d.Interventions[0].Reviews) != 1 {
		t.Fatalf("action after undoing its deletion: %+v, want its status and review", d.Interventions)
	}
	checkKept(t, f.svc, "after the findings and actions")
}

func TestUndoNotesParticipantsPartnershipsAndSelection(t *testing.T) {
	f := newFixture(t)
	sid, aid := f.site.ID, f.a.ID

	// A statement's notes and group score.
	was := workbook.StatementNote{SiteID: sid, AssessmentID: aid, StatementID: "ca-times"}
	var now workbook.StatementNote
	f.change(t, func(c *workbook.Change) (err error) {
		now, err = c.SetStatementNote(workbook.StatementNote{SiteID: sid, AssessmentID: aid, StatementID: "ca-times", GroupScore: 4, Notes: "sera"})
		return err
	})
	f.change(t, func(c *workbook.Change) error { return c.UndoStatementNote(was, now) })
	if ns := f.load(t).StatementNotes; len(ns) != 0 {
		t.Fatalf("notes after undo %+v, want none", ns)
	}
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoStatementNote(was, now) }), "note undone twice")

	// A participant added, then edited.
	var added, edited workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		added, err = c.SaveParticipant(workbook.Participant{SiteID: sid, AssessmentID: aid, Name: "Sam", Group: workbook.Insider, Role: workbook.RoleMiddle})
		return err
	})
	f.change(t, func(c *workbook.Change) (err error) {
		e := added
		e.Name = "Samira"
		edited, err = c.SaveParticipant(e)
		return err
	})
	f.change(t, func(c *workbook.Change) error { return c.UndoParticipantSaved(&added, edited) })
	if ps := f.load(t).Participants; len(ps) != 1 || ps[0].Name != "Sam" {
		t.Fatalf("participants after undoing the edit %+v", ps)
	}
	// Answered since being added: removing them would lose the answer.
	f.answer(t, added.ID, "ca-times", 3, "")
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoParticipantSaved(nil, added) }), "answered since")

	// A partnership added, edited, selected.
	var p, pe workbook.Partnership
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SavePartnership(workbook.Partnership{SiteID: sid, Title: "Tavolo anziani", Partners: []workbook.Sector{workbook.SectorHealth}})
		return err
	})
	f.change(t, func(c *workbook.Change) (err error) {
		e := p
		e.Title = "Tavolo anziani e famiglie"
		pe, err = c.SavePartnership(e)
		return err
	})
	f.change(t, func(c *workbook.Change) error { return c.UndoPartnershipSaved(&p, pe) })
	if ps := f.load(t).Partnerships; len(ps) != 1 || ps[0].Title != "Tavolo anziani" {
		t.Fatalf("partnerships after undoing the edit %+v", ps)
	}
	before := f.load(t).Assessment
	var sel workbook.Assessment
	f.change(t, func(c *workbook.Change) (err error) {
		sel, err = c.SelectPartnership(sid, aid, p.ID, "il più attivo")
		return err
	})
	// Selected: removing the partnership it was would leave the
	// assessment without it.
	wantChanged(t, f.svc.Change(func(c *workbook.Change) error { return c.UndoPartnershipSaved(nil, p) }), "selected since")
	f.change(t, func(c *workbook.Change) error { return c.UndoSelection(before, sel) })
	if a := f.load(t).Assessment; a.PartnershipID != "" || a.SelectionReason != "" {
		t.Fatalf("assessment after undoing the selection %+v", a)
	}
	f.change(t, func(c *workbook.Change) error { return c.UndoPartnershipSaved(nil, p) })
	if ps := f.load(t).Partnerships; len(ps) != 0 {
		t.Fatalf("partnerships after undoing the new one %+v", ps)
	}
}
