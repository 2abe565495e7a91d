package analysis

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// randomAssessment builds an assessment that exercises every rule of what
// counts: participants of every group (an id repeated now and then),
// answers repeated, to unknown statements and by unknown people, scores
// off the scale (on scales of 3 to 14 points), don't-knows carrying a
// score, a statement id repeated in the questionnaire, and any order.
func randomAssessment(rng *rand.Rand) (*questionnaire.Questionnaire, []workbook.Participant, []workbook.Response) {
	var issues []questionnaire.KeyIssue
	n := 0
	for k := range 1 + rng.IntN(4) {
		var sts []questionnaire.Statement
		for range 1 + rng.IntN(5) {
			n++
			id := fmt.Sprintf("s%d", n)
			if n > 2 && rng.IntN(20) == 0 {
				id = fmt.Sprintf("s%d", 1+rng.IntN(n-1)) // a repeated id: the first counts
			}
			sts = append(sts, questionnaire.Statement{ID: id, Reverse: rng.IntN(4) == 0})
		}
		issues = append(issues, questionnaire.KeyIssue{ID: fmt.Sprintf("k%d", k), Statements: sts})
	}
	q := workbookOf(issues...)
	if rng.IntN(6) == 0 {
		q.Scale = questionnaire.Scale{Points: 3 + rng.IntN(12)} // up to 14: past what Tally counts score by score
	}
	groups := []workbook.Group{workbook.Insider, workbook.Outsider, workbook.Insider, workbook.Outsider, "other"}
	var people []workbook.Participant
	for i := range rng.IntN(14) {
		id := fmt.Sprintf("p%d", i)
		if i > 0 && rng.IntN(15) == 0 {
			id = people[rng.IntN(i)].ID
		}
		people = append(people, workbook.Participant{ID: id, Group: groups[rng.IntN(len(groups))]})
	}
	var rs []workbook.Response
	for range rng.IntN(150) {
		r := workbook.Response{StatementID: fmt.Sprintf("s%d", 1+rng.IntN(n+1)), Score: rng.IntN(8) - 1}
		if len(people) > 0 && rng.IntN(12) != 0 {
			r.ParticipantID = people[rng.IntN(len(people))].ID
		} else {
			r.ParticipantID = "stranger"
		}
		r.DontKnow = rng.IntN(8) == 0
		rs = append(rs, r)
	}
	return q, people, rs
}

// TestTallyMatchesReference checks that the tally gives exactly the result
// of the analysis as it was when it held every response, on random
// assessments, with and without complementary suppression, and that
// feeding a reused Tally gives the same as a new one.
func TestTallyMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2026))
	reused := NewTally(nil, nil)
	for i := range 3000 {
		q, people, rs := randomAssessment(rng)
		for _, complementary := range []bool{true, false} {
			want := refAnalyse(q, people, rs, complementary)
			got := analyse(q, people, rs, complementary)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("assessment %d (complementary %t): the tally differs\n got %+v\nwant %+v", i, complementary, got, want)
			}
		}
		reused.Reset(q, people)
		for k := range rs {
			reused.Add(&rs[k])
		}
		if got, want := reused.Result(), refAnalyse(q, people, rs, true); !reflect.DeepEqual(got, want) {
			t.Fatalf("assessment %d: a reused tally differs\n got %+v\nwant %+v", i, got, want)
		}
	}
}

// TestTallySlots checks what Add and Answer say about each response: the
// slot it went in, and the answer that counts there (the last valid one).
func TestTallySlots(t *testing.T) {
	q := workbookOf(issue("k1", statement("a"), statement("b")), issue("k2", statement("c")))
	people := []workbook.Participant{{ID: "x", Group: workbook.Insider}, {ID: "y", Group: workbook.Outsider}}
	tl := NewTally(q, people)
	cases := []struct {
		name string
		r    workbook.Response
		slot Slot
		ok   bool
	}{
		{"a score", workbook.Response{ParticipantID: "y", StatementID: "c", Score: 2}, Slot{1, 2}, true},
		{"a don't-know", workbook.Response{ParticipantID: "x", StatementID: "b", DontKnow: true}, Slot{0, 1}, true},
		{"unknown participant", workbook.Response{ParticipantID: "z", StatementID: "a", Score: 3}, Slot{}, false},
		{"unknown statement", workbook.Response{ParticipantID: "x", StatementID: "d", Score: 3}, Slot{}, false},
		{"off the scale", workbook.Response{ParticipantID: "x", StatementID: "a", Score: 6}, Slot{}, false},
		{"unanswered", workbook.Response{ParticipantID: "x", StatementID: "a"}, Slot{}, false},
		{"replaces the don't-know", workbook.Response{ParticipantID: "x", StatementID: "b", Score: 5}, Slot{0, 1}, true},
	}
	for _, c := range cases {
		slot, ok := tl.Add(&c.r)
		if slot != c.slot || ok != c.ok {
			t.Errorf("%s: Add = %v, %t; want %v, %t", c.name, slot, ok, c.slot, c.ok)
		}
	}
	for _, c := range []struct {
		slot Slot
		a    Answer
		ok   bool
	}{
		{Slot{0, 0}, Answer{}, false},
		{Slot{0, 1}, Answer{Score: 5}, true},
		{Slot{1, 2}, Answer{Score: 2}, true},
		{Slot{2, 0}, Answer{}, false},
		{Slot{0, 3}, Answer{}, false},
	} {
		if a, ok := tl.Answer(c.slot); a != c.a || ok != c.ok {
			t.Errorf("Answer(%v) = %+v, %t; want %+v, %t", c.slot, a, ok, c.a, c.ok)
		}
	}
}
