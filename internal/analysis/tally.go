package analysis

import (
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Tally scores an assessment from its responses fed one at a time, so that
// a caller reading millions of them from the store never holds them:
// [Analyse] is a Tally fed a slice. It keeps one small cell per
// participant and statement (the answer that counts), which the site
// limits bound, never the responses themselves; the responses may come in
// any order.
//
// A Tally is for one assessment; [Tally.Reset] starts the next one with
// the memory of the last.
type Tally struct {
	q             *questionnaire.Questionnaire
	people        []workbook.Participant
	who           map[string]int
	itemOf        map[string]int
	items         []questionnaire.Statement
	complementary bool
	// cells holds each participant's answer to each statement, row by
	// row: cells[p*len(items)+i]. A zero Answer is none.
	cells []Answer
	// lastID and lastP cache the last participant looked up: the store
	// gives an assessment's responses participant by participant.
	lastID string
	lastP  int
}

// Slot is where a response goes in a [Tally]: the index of its
// participant in the participants given, and of its statement in
// [questionnaire.Questionnaire.Statements].
type Slot struct{ Participant, Item int }

// NewTally starts the tally of an assessment of q with participants.
func NewTally(q *questionnaire.Questionnaire, participants []workbook.Participant) *Tally {
	t := &Tally{complementary: true}
	t.Reset(q, participants)
	return t
}

// Reset starts the tally of another assessment, reusing the memory.
func (t *Tally) Reset(q *questionnaire.Questionnaire, participants []workbook.Participant) {
	if t.q != q {
		t.q = q
		t.items, t.itemOf = nil, nil
		if q != nil {
			t.items = q.Statements()
			t.itemOf = make(map[string]int, len(t.items))
			for i, st := range t.items {
				if _, dup := t.itemOf[st.ID]; !dup {
					t.itemOf[st.ID] = i
				}
			}
		}
	}
	t.people = participants
	if t.who == nil {
		t.who = make(map[string]int, len(participants))
	} else {
		clear(t.who)
	}
	for i, p := range participants {
		t.who[p.ID] = i // a repeated id: the last one counts
	}
	n := len(participants) * len(t.items)
	if cap(t.cells) < n {
		t.cells = make([]Answer, n)
	} else {
		t.cells = t.cells[:n]
		clear(t.cells)
	}
	t.lastID, t.lastP = "", -1
}

// Add counts r and returns the slot it went in. It returns false, and
// counts nothing, when the analysis ignores r: its participant is not
// among the participants, its statement is not in the questionnaire, it
// is unanswered, or its score is outside 1..Points. A later response of
// the same participant to the same statement replaces an earlier one.
func (t *Tally) Add(r *workbook.Response) (Slot, bool) {
	if t.q == nil {
		return Slot{}, false
	}
	if r.ParticipantID != t.lastID || t.lastP < 0 {
		p, ok := t.who[r.ParticipantID]
		if !ok {
			return Slot{}, false
		}
		t.lastID, t.lastP = r.ParticipantID, p
	}
	i, ok := t.itemOf[r.StatementID]
	if !ok {
		return Slot{}, false
	}
	if !r.DontKnow && (r.Score < 1 || r.Score > t.q.Scale.Points) {
		return Slot{}, false // unanswered or off the scale
	}
	t.cells[t.lastP*len(t.items)+i] = Answer{Score: r.Score, DontKnow: r.DontKnow}
	return Slot{Participant: t.lastP, Item: i}, true
}

// Answer returns the answer that counts in slot s, false when there is
// none.
func (t *Tally) Answer(s Slot) (Answer, bool) {
	if s.Participant < 0 || s.Participant >= len(t.people) || s.Item < 0 || s.Item >= len(t.items) {
		return Answer{}, false
	}
	a := t.cells[s.Participant*len(t.items)+s.Item]
	return a, a.DontKnow || a.Score != 0
}

// row returns participant p's answers, one per statement.
func (t *Tally) row(p int) []Answer { return t.cells[p*len(t.items) : (p+1)*len(t.items)] }

// inView reports whether participant p counts in view v.
func (t *Tally) inView(p, v int) bool {
	if v == viewAll {
		return true
	}
	w, ok := viewOf(t.people[p].Group)
	return ok && w == v
}

// scorers counts the participants of view v who scored (not a
// don't-know) one of the statements from..to-1 for which keep is true
// (every one when keep is nil).
func (t *Tally) scorers(v, from, to int, keep func(i int) bool) int {
	n := 0
	for p := range t.people {
		if !t.inView(p, v) {
			continue
		}
		row := t.row(p)
		for i := from; i < to; i++ {
			if !row[i].DontKnow && row[i].Score != 0 && (keep == nil || keep(i)) {
				n++
				break
			}
		}
	}
	return n
}

// Result is the analysis of the responses added so far, with the
// disclosure rule applied (see [Analyse]).
func (t *Tally) Result() Result {
	q := t.q
	if q == nil {
		return Result{}
	}
	res := Result{
		Items:  make([]ItemResult, 0, len(t.items)),
		Issues: make([]IssueResult, 0, len(q.KeyIssues)),
	}
	for p := range t.people {
		answered := false
		for _, a := range t.row(p) {
			if a.DontKnow || a.Score != 0 {
				answered = true
				break
			}
		}
		if !answered {
			continue
		}
		if v, ok := viewOf(t.people[p].Group); ok && v == viewInsiders {
			res.Insiders++
		} else if ok && v == viewOutsiders {
			res.Outsiders++
		}
	}
	raw := make([][views]Stats, len(t.items))
	t.describe(raw)
	i := 0
	for _, ki := range q.KeyIssues {
		first := i
		for _, st := range ki.Statements {
			ins, outs := Anonymise(raw[i][viewInsiders]), Anonymise(raw[i][viewOutsiders])
			all := Anonymise(raw[i][viewAll])
			if hidden := all.N - shownPart(ins.N, ins.Suppressed) - shownPart(outs.N, outs.Suppressed); t.complementary && !all.Suppressed && small(hidden) {
				all = Stats{N: all.N, Suppressed: true, Complementary: true}
			}
			res.Items = append(res.Items, ItemResult{
				Statement:  st,
				KeyIssueID: ki.ID,
				All:        all,
				Insiders:   ins,
				Outsiders:  outs,
				Gap:        GapOf(ins, outs),
			})
			i++
		}
		res.Issues = append(res.Issues, t.issue(ki, res.Items[first:i], raw[first:i], first))
	}
	res.Barriers = barriers(res.Items)
	return res
}

// describe fills raw with each statement's statistics for each view,
// before the threshold. It counts each score (flipped when the statement
// is reversed) and hands [describeSorted] the scores in order, as
// [Describe] would sort them, all in one backing array.
func (t *Tally) describe(raw [][views]Stats) {
	q := t.q
	points := q.Scale.Points
	if points < 1 || points > maxHistogram {
		// A scale no questionnaire file may have: Describe as it is.
		var answers [views][]Answer
		for i, st := range t.items {
			for v := range views {
				answers[v] = answers[v][:0]
			}
			for p := range t.people {
				a := t.cells[p*len(t.items)+i]
				if !a.DontKnow && a.Score == 0 {
					continue
				}
				answers[viewAll] = append(answers[viewAll], a)
				if v, ok := viewOf(t.people[p].Group); ok {
					answers[v] = append(answers[v], a)
				}
			}
			for v := range views {
				raw[i][v] = Describe(q.Scale, q.Bands, st.Reverse, answers[v])
			}
		}
		return
	}
	// count[i][v][k] is how many of view v gave statement i the score k
	// (after reversal), count[i][v][0] how many did not know.
	count := make([][views][maxHistogram + 1]int32, len(t.items))
	total := 0
	for p := range t.people {
		g, inGroup := viewOf(t.people[p].Group)
		for i, a := range t.row(p) {
			k := a.Score
			switch {
			case a.DontKnow:
				k = 0
			case k == 0:
				continue
			case t.items[i].Reverse:
				k = points + 1 - k
			}
			count[i][viewAll][k]++
			if k > 0 {
				total++
			}
			if inGroup {
				count[i][g][k]++
				if k > 0 {
					total++
				}
			}
		}
	}
	backing := make([]int, 0, total)
	for i, st := range t.items {
		for v := range views {
			from := len(backing)
			for k := 1; k <= points; k++ {
				for range count[i][v][k] {
					backing = append(backing, k)
				}
			}
			scores := backing[from:len(backing):len(backing)]
			raw[i][v] = describeSorted(q.Scale, q.Bands, st.Reverse, scores, int(count[i][v][0]))
		}
	}
}

// maxHistogram is the longest scale [Tally] counts score by score: a
// questionnaire's scale has 3 to 10 points.
const maxHistogram = 10

// issue scores key issue ki from the results of its statements (from
// index first) and their statistics before the threshold (raw).
func (t *Tally) issue(ki questionnaire.KeyIssue, items []ItemResult, raw [][views]Stats, first int) IssueResult {
	to := first + len(items)
	var issue [views]IssueScore
	for v := range views {
		var means []float64
		for j := range items {
			// Only items whose figure for this view is shown count, so no
			// withheld figure can be worked out from the issue mean by
			// subtraction.
			if shownStats(items[j], v) {
				means = append(means, raw[j][v].Mean)
			}
		}
		issue[v] = issueScore(t.q.Bands, means, t.scorers(v, first, to, nil))
	}
	// Everyone's key-issue score is withheld when a group within it is
	// one or two people, and also when any of the issue's statements
	// withheld everyone's figure: it would then be over fewer statements
	// than the groups' scores, and say less than it seems.
	if s := issue[viewAll]; !s.Suppressed {
		ins, outs := issue[viewInsiders], issue[viewOutsiders]
		hidden := s.Respondents - shownPart(ins.Respondents, ins.Suppressed) - shownPart(outs.Respondents, outs.Suppressed)
		withheld := slices.ContainsFunc(items, func(it ItemResult) bool { return it.All.Complementary })
		if t.complementary && (withheld || small(hidden)) {
			issue[viewAll] = IssueScore{Respondents: s.Respondents, Suppressed: true, Complementary: true}
		}
	}
	compared := func(i int) bool { return items[i-first].Gap.Known }
	return IssueResult{
		KeyIssue:  ki,
		All:       issue[viewAll],
		Insiders:  issue[viewInsiders],
		Outsiders: issue[viewOutsiders],
		Gap: issueGap(items, issue[viewInsiders], issue[viewOutsiders], func(v int) int {
			return t.scorers(v, first, to, compared)
		}),
	}
}
