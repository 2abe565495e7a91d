package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// attack plays a reader who holds every figure an output may show (the
// result's unsuppressed figures, rounded to two decimals as printed, and
// every n) and tries to work out a figure of a group of one or two people
// by arithmetic: everyone's mean times n, less the shown groups' means
// times theirs, over the n that is left, on each statement and each key
// issue. It returns what it recovered.
func attack(res Result) []string {
	var found []string
	shown := func(suppressed bool, n int) bool { return !suppressed && n >= MinRespondents }
	printed := func(v float64) float64 { return Round(v, 2) }
	for _, it := range res.Items {
		if !shown(it.All.Suppressed, it.All.N) {
			continue
		}
		total := printed(it.All.Mean) * float64(it.All.N)
		rest, left := total, it.All.N
		for _, g := range []Stats{it.Insiders, it.Outsiders} {
			if shown(g.Suppressed, g.N) {
				rest -= printed(g.Mean) * float64(g.N)
				left -= g.N
			}
		}
		if left > 0 && left < MinRespondents {
			found = append(found, fmt.Sprintf("%s: the %d not shown have mean %.2f", it.Statement.ID, left, rest/float64(left)))
		}
	}
	// A key issue's pooled score is the mean of item means: knowing it and
	// every shown item's pooled mean but one gives that one, and so a
	// withheld statement's pooled figure, from which the small group
	// follows as above.
	for _, is := range res.Issues {
		if !shown(is.All.Suppressed, is.All.Respondents) || is.All.Items == 0 {
			continue
		}
		for _, it := range res.Items {
			if it.KeyIssueID == is.KeyIssue.ID && it.All.Complementary {
				found = append(found, fmt.Sprintf("%s: everyone's issue score is shown beside withheld statement %s", is.KeyIssue.ID, it.Statement.ID))
			}
		}
		ins, outs := is.Insiders, is.Outsiders
		hidden := is.All.Respondents
		for _, g := range []IssueScore{ins, outs} {
			if !g.Suppressed {
				hidden -= g.Respondents
			}
		}
		if small(hidden) {
			found = append(found, fmt.Sprintf("%s: everyone's issue score less the shown groups leaves %d people", is.KeyIssue.ID, hidden))
		}
	}
	return found
}

// site makes an assessment of nIns insiders and nOuts outsiders with
// random scores and don't-knows on a workbook of two key issues, the
// outsiders answering the first issue only.
func site(rng *rand.Rand, nIns, nOuts int) ([]workbook.Participant, []workbook.Response) {
	var ps []workbook.Participant
	var rs []workbook.Response
	for i := range nIns + nOuts {
		g, prefix := workbook.Insider, "i"
		if i >= nIns {
			g, prefix = workbook.Outsider, "o"
		}
		id := fmt.Sprintf("%s%d", prefix, i)
		ps = append(ps, workbook.Participant{ID: id, Group: g})
		for _, st := range []string{"a1", "a2", "a3", "b1", "b2"} {
			if g == workbook.Outsider && st[0] == 'b' {
				continue
			}
			if rng.IntN(8) == 0 {
				rs = append(rs, answer(id, st, dk))
				continue
			}
			rs = append(rs, answer(id, st, 1+rng.IntN(5)))
		}
	}
	return ps, rs
}

// TestNoSmallGroupCanBeWorkedOut attacks the figures every output prints
// (they all come from Analyse) for sites with 1, 2, 3 and 6 outsiders and
// 1, 2 and 8 insiders. With the rule it finds nothing; with complementary
// suppression switched off it finds the small groups, so the attack can
// fail.
func TestNoSmallGroupCanBeWorkedOut(t *testing.T) {
	q := workbookOf(issue("A", statement("a1"), reversed("a2"), statement("a3")), issue("B", statement("b1"), statement("b2")))
	rng := rand.New(rand.NewPCG(9, 9))
	leaksWithoutRule := 0
	for _, nIns := range []int{1, 2, 8} {
		for _, nOuts := range []int{1, 2, 3, 6} {
			for round := range 20 {
				ps, rs := site(rng, nIns, nOuts)
				if found := attack(Analyse(q, ps, rs)); len(found) > 0 {
					t.Fatalf("%d insiders, %d outsiders (round %d): the outputs give away %v", nIns, nOuts, round, found)
				}
				leaksWithoutRule += len(attack(analyse(q, ps, rs, false)))
				// Every group of three or more is shown on every statement it
				// scored: the rule withholds the pooled figure, not the group.
				for _, it := range Analyse(q, ps, rs).Items {
					for _, g := range []Stats{it.Insiders, it.Outsiders} {
						if g.N >= MinRespondents && g.Suppressed {
							t.Fatalf("%s: a group of %d is withheld", it.Statement.ID, g.N)
						}
					}
				}
			}
		}
	}
	if leaksWithoutRule == 0 {
		t.Fatal("the attack found nothing with complementary suppression off: it cannot fail")
	}
	t.Logf("with the rule off the attack recovers %d figures", leaksWithoutRule)
}

// TestAttackRecoversTheSmallGroup checks the attack's arithmetic on one
// case worked by hand: eight insiders and one outsider.
func TestAttackRecoversTheSmallGroup(t *testing.T) {
	q := workbookOf(issue("A", statement("a1")))
	ins8 := []string{"i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8"}
	ps := concat(people(workbook.Insider, ins8...), people(workbook.Outsider, "o1"))
	rs := concat(answers("a1", ins8, 4, 4, 4, 4, 5, 5, 5, 5), answers("a1", []string{"o1"}, 1))
	found := attack(analyse(q, ps, rs, false))
	// everyone 37/9 = 4.11 (printed), less 8 x 4.50 = 36.99 - 36 = 0.99:
	// the outsider's 1 within rounding.
	if len(found) == 0 {
		t.Fatal("the attack did not recover the one outsider")
	}
	var m float64
	if _, err := fmt.Sscanf(found[0], "a1: the 1 not shown have mean %f", &m); err != nil || math.Abs(m-1) > 0.1 {
		t.Errorf("recovered %q, want the outsider's 1", found[0])
	}
	if found := attack(Analyse(q, ps, rs)); len(found) != 0 {
		t.Errorf("with the rule: %v", found)
	}
}
