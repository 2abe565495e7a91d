package analysis

import (
	"slices"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// rounds are two rounds of one partnership: in the earlier one four
// insiders and three outsiders scored everything; now the same insiders
// and only two outsiders, so that everyone's figures now are withheld (the
// outsiders' would follow from them) and the outsiders' are suppressed. k3
// is a key issue the earlier questionnaire did not have.
func rounds() (then, now Result) {
	before := workbookOf(issue("k1", statement("s1"), statement("s2")), issue("k2", statement("s3")))
	after := workbookOf(issue("k1", statement("s1"), statement("s2")), issue("k2", statement("s3")), issue("k3", statement("s4")))
	all := concat(ins, outs)
	then = Analyse(before, team, concat(
		answers("s1", all, 2, 2, 1, 2, 2, 1, 2), // a barrier then
		answers("s2", all, 4, 4, 4, 4, 4, 4, 4),
		answers("s3", all, 4, 4, 5, 4, 4, 4, 4),
	))
	few := concat(people(workbook.Insider, ins...), people(workbook.Outsider, "o1", "o2"))
	two := concat(ins, []string{"o1", "o2"})
	now = Analyse(after, few, concat(
		answers("s1", two, 4, 4, 4, 3, 1, 1), // insiders 3.75: no longer a barrier
		answers("s2", two, 4, 4, 4, 5, 5, 5), // insiders 4.25: moved by 0.25 only
		answers("s3", two, 2, 2, 3, 2, 5, 5), // insiders 2.25: a new barrier
		answers("s4", two, 3, 3, 3, 3, 3, 3),
	))
	return then, now
}

func TestCompareRoundsIssues(t *testing.T) {
	then, now := rounds()
	c := CompareRounds(then, now, nil, RoundOptions{})
	if len(c.Issues) != 3 {
		t.Fatalf("%d key issues, want 3 (those of the round now)", len(c.Issues))
	}
	for _, tc := range []struct {
		id        string
		asked     bool
		pop       Population
		then, now float64
		compared  bool
	}{
		// Everyone's was shown then but is withheld now: the insiders'
		// at both rounds, never everyone's then against insiders' now.
		{"k1", true, PopInsiders, (1.75 + 4) / 2, (3.75 + 4.25) / 2, true},
		{"k2", true, PopInsiders, 4.25, 2.25, true},
		{"k3", false, PopInsiders, 0, 3, false},
	} {
		t.Run(tc.id, func(t *testing.T) {
			i := slices.IndexFunc(c.Issues, func(x IssueChange) bool { return x.KeyIssue.ID == tc.id })
			if i < 0 {
				t.Fatalf("no row for %s", tc.id)
			}
			is := c.Issues[i]
			if is.Asked != tc.asked || is.Pop != tc.pop || is.Compared != tc.compared {
				t.Errorf("asked %v, pop %q, compared %v; want %v, %q, %v", is.Asked, is.Pop, is.Compared, tc.asked, tc.pop, tc.compared)
			}
			if !near(is.Then.Mean, tc.then) || !near(is.Now.Mean, tc.now) {
				t.Errorf("then %.4f now %.4f, want %.4f %.4f", is.Then.Mean, is.Now.Mean, tc.then, tc.now)
			}
			if want := tc.now - tc.then; tc.compared && !near(is.Change, want) {
				t.Errorf("change %.4f, want %.4f", is.Change, want)
			}
			if !tc.compared && is.Change != 0 {
				t.Errorf("a change %.4f where the scores are not compared", is.Change)
			}
		})
	}
}

// TestCompareRoundsHidesTheSmallGroup checks that nothing in the changes
// gives the two outsiders of the round now away: no figure of theirs, no
// pooled figure beside the insiders' from which theirs follows.
func TestCompareRoundsHidesTheSmallGroup(t *testing.T) {
	then, now := rounds()
	c := CompareRounds(then, now, nil, RoundOptions{})
	for _, is := range c.Issues {
		if is.Pop == PopEveryone && shownIssue(is.Now) || is.Pop == PopOutsiders {
			t.Errorf("%s: the %s figure is shown beside two outsiders", is.KeyIssue.ID, is.Pop)
		}
	}
	for _, m := range c.Moves {
		if m.Pop != PopInsiders {
			t.Errorf("%s: the %s figure moved, beside two outsiders", m.Item.Statement.ID, m.Pop)
		}
		if m.Now.N != len(ins) {
			t.Errorf("%s: n=%d now, want the %d insiders", m.Item.Statement.ID, m.Now.N, len(ins))
		}
	}
	// The analysis itself holds the figures back: the changes show only
	// what it shows, and a reader holding all of it recovers nothing.
	if found := attack(c.Now); len(found) > 0 {
		t.Errorf("the small group can be worked out: %q", found)
	}
	// Analysed without the complementary rule, everyone's scores now
	// would be shown and compared: the rule is what keeps them out.
	before := workbookOf(issue("k1", statement("s1"), statement("s2")), issue("k2", statement("s3")))
	open := AnalyseUnprotected(before, concat(people(workbook.Insider, ins...), people(workbook.Outsider, "o1", "o2")),
		answers("s1", concat(ins, []string{"o1", "o2"}), 4, 4, 4, 3, 1, 1))
	if leak := CompareRounds(then, open, nil, RoundOptions{}); leak.Issues[0].Pop != PopEveryone {
		t.Errorf("without complementary suppression the pooled score is still not compared (%q): the test above cannot fail", leak.Issues[0].Pop)
	}
}

func TestCompareRoundsMovesAndBarriers(t *testing.T) {
	then, now := rounds()
	c := CompareRounds(then, now, nil, RoundOptions{})
	var moved []string
	for _, m := range c.Moves {
		moved = append(moved, m.Item.Statement.ID)
		if !near(m.Change, m.Now.Mean-m.Then.Mean) {
			t.Errorf("%s: change %.4f is not now less then", m.Item.Statement.ID, m.Change)
		}
	}
	// s1 +2.00 and s3 -2.00 (largest first, ties in workbook order); s2
	// moved by 0.25 and s4 was not asked then.
	if want := []string{"s1", "s3"}; !slices.Equal(moved, want) {
		t.Errorf("moved %q, want %q", moved, want)
	}
	ids := func(items []ItemResult) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Statement.ID)
		}
		return out
	}
	if got := ids(c.BarriersGone); !slices.Equal(got, []string{"s1"}) {
		t.Errorf("barriers gone %q, want s1", got)
	}
	if got := ids(c.BarriersNew); !slices.Equal(got, []string{"s3"}) {
		t.Errorf("new barriers %q, want s3", got)
	}
	if got := ids(c.BarriersStill); len(got) != 0 {
		t.Errorf("barriers still there %q, want none", got)
	}
}

func TestCompareRoundsPlan(t *testing.T) {
	then, now := rounds()
	plan := []workbook.Intervention{
		{ID: "v1", Status: workbook.StatusDone, Due: "2025-07-31", Reviews: []workbook.Review{{Date: "2025-03-01"}, {Date: "2025-08-04"}}},
		{ID: "v2", Status: workbook.StatusInProgress, Due: "2025-12-19", Reviews: []workbook.Review{{Date: "2026-01-19"}}},
		{ID: "v3", Status: workbook.StatusPlanned, Due: "2026-06-30"},
		{ID: "v4", Status: workbook.StatusDropped, Due: "2025-11-28"},
	}
	c := CompareRounds(then, now, plan, RoundOptions{Day: "2026-03-09", Since: "2025-03-10"})
	p := c.Plan
	if len(p.Actions) != 4 || p.Day != "2026-03-09" || p.Since != "2025-03-10" {
		t.Fatalf("plan %+v", p)
	}
	want := workbook.PlanCounts{Actions: 4, Planned: 1, InProgress: 1, Done: 1, Dropped: 1, Overdue: 1}
	if p.Counts != want {
		t.Errorf("counts %+v, want %+v", p.Counts, want)
	}
	if p.Reviews != 2 {
		t.Errorf("%d reviews since, want 2", p.Reviews)
	}
}

func TestCompareAssessments(t *testing.T) {
	q := workbookOf(issue("k1", statement("s1")))
	earlier := &workbook.AssessmentData{Questionnaire: q, Participants: team, Responses: answers("s1", concat(ins, outs), 2, 2, 2, 2, 2, 2, 2),
		Interventions: []workbook.Intervention{{ID: "v1", Status: workbook.StatusPlanned}}}
	now := &workbook.AssessmentData{Questionnaire: q, Participants: team, Responses: answers("s1", concat(ins, outs), 4, 4, 4, 4, 4, 4, 4)}
	c := CompareAssessments(earlier, now, RoundOptions{Day: "2026-01-01"})
	if len(c.Issues) != 1 || c.Issues[0].Pop != PopEveryone || !near(c.Issues[0].Change, 2) {
		t.Errorf("issues %+v", c.Issues)
	}
	if len(c.BarriersGone) != 1 || len(c.Plan.Actions) != 1 || c.Plan.Counts.Planned != 1 {
		t.Errorf("barriers gone %d, plan %+v", len(c.BarriersGone), c.Plan)
	}
}
