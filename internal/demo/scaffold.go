package demo

import (
	"math"
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// scaffold maps the plans' slots and statement ids onto one questionnaire.
// It is worked out once per build.
type scaffold struct {
	q      *questionnaire.Questionnaire
	stmts  []questionnaire.Statement
	index  map[string]int // statement id -> position in stmts
	slotOf []int          // key-issue slot of each statement
	verify []bool         // whether outsiders score each statement
	// kiStart and kiLen locate each key issue's statements in stmts.
	kiStart, kiLen []int
	verifyAt       []int // positions of the verification statements
	dirs           [dirSlots]string
	crit           []int // criterion slot of each of q.Criteria
}

func newScaffold(q *questionnaire.Questionnaire) *scaffold {
	sc := &scaffold{q: q, stmts: q.Statements(), index: map[string]int{}}
	verifying := map[string]bool{}
	for _, st := range q.VerificationStatements() {
		verifying[st.ID] = true
	}
	for k, ki := range q.KeyIssues {
		slot := k % issueSlots
		if i := slices.Index(issueIDs[:], ki.ID); i >= 0 {
			slot = i
		}
		sc.kiStart = append(sc.kiStart, len(sc.slotOf))
		sc.kiLen = append(sc.kiLen, len(ki.Statements))
		for _, st := range ki.Statements {
			if _, dup := sc.index[st.ID]; !dup {
				sc.index[st.ID] = len(sc.slotOf)
			}
			if verifying[st.ID] {
				sc.verifyAt = append(sc.verifyAt, len(sc.slotOf))
			}
			sc.slotOf = append(sc.slotOf, slot)
			sc.verify = append(sc.verify, verifying[st.ID])
		}
	}
	for slot, id := range directorateIDs {
		switch {
		case slices.ContainsFunc(q.Directorates, func(d questionnaire.Directorate) bool { return d.ID == id }):
			sc.dirs[slot] = id
		case slot < len(q.Directorates) && !slices.Contains(directorateIDs[:], q.Directorates[slot].ID):
			sc.dirs[slot] = q.Directorates[slot].ID
		}
	}
	for _, c := range q.Criteria {
		slot := slices.Index(criterionIDs[:], c.ID)
		if slot < 0 && c.CutoffYear > 0 {
			slot = critOngoing
		}
		sc.crit = append(sc.crit, slot)
	}
	return sc
}

// directorate returns the directorate id of slot, "" for none.
func (sc *scaffold) directorate(slot int) string {
	if slot < 0 || slot >= dirSlots {
		return ""
	}
	return sc.dirs[slot]
}

// keyIssue returns the position in q.KeyIssues of the key issue in slot.
func (sc *scaffold) keyIssue(slot int) int {
	for k, ki := range sc.q.KeyIssues {
		if ki.ID == issueIDs[slot] {
			return k
		}
	}
	if slot < len(sc.q.KeyIssues) && !slices.Contains(issueIDs[:], sc.q.KeyIssues[slot].ID) {
		return slot
	}
	return slot % len(sc.q.KeyIssues)
}

// keyIssueID returns the id of the key issue in slot, "" for slot -1.
func (sc *scaffold) keyIssueID(slot int) string {
	if slot < 0 || slot >= issueSlots {
		return ""
	}
	return sc.q.KeyIssues[sc.keyIssue(slot)].ID
}

// resolve returns the position of the statement r names. With verifying
// set, it returns a statement outsiders score.
func (sc *scaffold) resolve(r ref, verifying bool) int {
	if i, ok := sc.index[r.id]; ok && (!verifying || sc.verify[i]) {
		return i
	}
	k := sc.keyIssue(r.slot)
	start, n := sc.kiStart[k], sc.kiLen[k]
	if !verifying {
		return start + r.idx%n
	}
	var inIssue []int
	for _, i := range sc.verifyAt {
		if i >= start && i < start+n {
			inIssue = append(inIssue, i)
		}
	}
	if len(inIssue) > 0 {
		return inIssue[r.idx%len(inIssue)]
	}
	return sc.verifyAt[r.idx%len(sc.verifyAt)]
}

// score turns a level on the five-point scale into a score on the
// questionnaire's scale, higher being better.
func (sc *scaffold) score(level float64) int {
	p := sc.q.Scale.Points
	s := int(math.Round(1 + (level-1)*float64(p-1)/4))
	return min(max(s, 1), p)
}

// raw returns the score to record for a statement whose effective
// (higher is better) score is eff: reversed statements are flipped.
func (sc *scaffold) raw(st questionnaire.Statement, eff int) int {
	if st.Reverse {
		return sc.q.Scale.Points + 1 - eff
	}
	return eff
}

// polarity says whether an effective score disagrees (0), is neutral (1)
// or agrees (2).
func (sc *scaffold) polarity(eff int) int {
	mid := sc.q.Scale.Midpoint()
	switch f := float64(eff); {
	case f < mid:
		return 0
	case f > mid:
		return 2
	}
	return 1
}
