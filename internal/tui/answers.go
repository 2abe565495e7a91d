package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// answerSheet is the answers of one assessment as the scoring screens
// (the dialogue and booklet entry) show them: what the store holds, with
// an answer still being saved shown in its place, as pending. Both
// screens record answers through it, so an answer typed on one is what
// the other shows.
type answerSheet struct {
	saves *saver
	saved map[string]workbook.Response // by respKey
}

// respKey is the key of one participant's answer to one statement.
func respKey(participantID, statementID string) string { return participantID + "/" + statementID }

func newAnswerSheet(saves *saver, rs []workbook.Response) answerSheet {
	a := answerSheet{saves: saves, saved: make(map[string]workbook.Response, len(rs))}
	for _, r := range rs {
		a.saved[respKey(r.ParticipantID, r.StatementID)] = r
	}
	return a
}

// get returns the answer shown for a participant and statement, whether
// there is one, and whether it is still being saved.
func (a *answerSheet) get(pid, sid string) (r workbook.Response, ok, pending bool) {
	k := respKey(pid, sid)
	if p, ok := a.saves.pending[k]; ok {
		return p, true, true
	}
	r, ok = a.saved[k]
	return r, ok, false
}

// heard takes in the end of a save: a committed answer, from whichever
// screen, is now what the store holds.
func (a *answerSheet) heard(msg saveDoneMsg) {
	j := msg.job
	if msg.err != nil || j.resp.ParticipantID == "" || a.saved == nil {
		return
	}
	if j.resp.Answered() || j.resp.Comment != "" {
		a.saved[j.key] = j.resp
	} else {
		delete(a.saved, j.key)
	}
}

// record queues the answer in (a score, a don't-know, nothing to clear it,
// with its comment), for screen owner; what is the status line once saved,
// room what it says instead while the room sees the screen (no name, no
// answer: see [roomView]), and warn what the comment may give away.
func (a *answerSheet) record(e *env, owner Screen, in workbook.ResponseInput, what, room, warn string) tea.Cmd {
	return e.saveAnswer(owner, a.job(in, what, room, warn))
}

// job is the saver's job that records in (see record).
func (a *answerSheet) job(in workbook.ResponseInput, what, room, warn string) saveJob {
	shown := workbook.Response{SiteID: in.SiteID, AssessmentID: in.AssessmentID, ParticipantID: in.ParticipantID, StatementID: in.StatementID,
		Score: in.Score, DontKnow: in.DontKnow, Comment: in.Comment}
	return saveJob{key: respKey(in.ParticipantID, in.StatementID), resp: shown, what: what, room: room, warn: warn,
		fn: func(c *workbook.Change) error { _, err := c.RecordResponse(in); return err }}
}
