package analysis

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// dk stands for a don't-know in the response helpers.
const dk = -100

func statement(id string) questionnaire.Statement {
	return questionnaire.Statement{ID: id, Text: questionnaire.Text{"en": id}}
}

func reversed(id string) questionnaire.Statement {
	st := statement(id)
	st.Reverse = true
	return st
}

func issue(id string, sts ...questionnaire.Statement) questionnaire.KeyIssue {
	return questionnaire.KeyIssue{ID: id, Title: questionnaire.Text{"en": id}, Statements: sts}
}

func workbookOf(issues ...questionnaire.KeyIssue) *questionnaire.Questionnaire {
	return &questionnaire.Questionnaire{ID: "test", Scale: five, Bands: defaults, KeyIssues: issues}
}

func people(g workbook.Group, ids ...string) []workbook.Participant {
	out := make([]workbook.Participant, len(ids))
	for i, id := range ids {
		out[i] = workbook.Participant{ID: id, Group: g}
	}
	return out
}

// answer is one response; score dk is a don't-know.
func answer(participant, st string, score int) workbook.Response {
	if score == dk {
		return workbook.Response{ParticipantID: participant, StatementID: st, DontKnow: true}
	}
	return workbook.Response{ParticipantID: participant, StatementID: st, Score: score}
}

// answers gives the i-th participant the i-th score on statement st.
func answers(st string, participants []string, scores ...int) []workbook.Response {
	out := make([]workbook.Response, len(scores))
	for i, s := range scores {
		out[i] = answer(participants[i], st, s)
	}
	return out
}

func concat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

var (
	ins  = []string{"i1", "i2", "i3", "i4"}
	outs = []string{"o1", "o2", "o3"}
	team = concat(people(workbook.Insider, ins...), people(workbook.Outsider, outs...))
)

func TestAnalyseItems(t *testing.T) {
	q := workbookOf(issue("A", statement("a1"), reversed("a2")), issue("B", statement("b1")))
	res := Analyse(q, team, concat(
		// a1: insiders 5,5,4,4 -> mean 18/4 = 4.5; outsiders 3,3,4 -> 10/3 = 3.3333;
		// all 3,3,4,4,4,5,5 -> mean 28/7 = 4, median 4.
		answers("a1", ins, 5, 5, 4, 4),
		answers("a1", outs, 3, 3, 4),
		// a2 reversed: insiders 1,2,dk -> 5,4 (n 2: suppressed); all n 2: suppressed.
		answers("a2", ins, 1, 2, dk),
	))
	if len(res.Items) != 3 || len(res.Issues) != 2 {
		t.Fatalf("got %d items and %d issues, want 3 and 2", len(res.Items), len(res.Issues))
	}
	for i, want := range []struct{ id, issue string }{{"a1", "A"}, {"a2", "A"}, {"b1", "B"}} {
		if got := res.Items[i]; got.Statement.ID != want.id || got.KeyIssueID != want.issue {
			t.Errorf("item %d = %s in %s, want %s in %s", i, got.Statement.ID, got.KeyIssueID, want.id, want.issue)
		}
	}
	if res.Insiders != 4 || res.Outsiders != 3 {
		t.Errorf("Insiders, Outsiders = %d, %d; want 4, 3", res.Insiders, res.Outsiders)
	}

	a1 := res.Items[0]
	checkStats(t, a1.All, Stats{N: 7, Mean: 4, Median: 4, SD: 0.8165, Min: 3, Max: 5, Agree: 5.0 / 7,
		Scores: []int{3, 3, 4, 4, 4, 5, 5}, Band: BandGood}) // SD = sqrt((1+1+0+0+0+1+1)/6) = sqrt(2/3)
	if a1.Insiders.N != 4 || !near(a1.Insiders.Mean, 4.5) || a1.Outsiders.N != 3 || !near(a1.Outsiders.Mean, 3.33333) {
		t.Errorf("a1 groups = %+v / %+v", a1.Insiders, a1.Outsiders)
	}
	// gap 4.5 - 3.3333 = 1.1667: a blind spot.
	if g := a1.Gap; !g.Known || g.Kind != GapBlindSpot || !near(g.Value, 1.16667) || g.Insiders != 4 || g.Outsiders != 3 {
		t.Errorf("a1 gap = %+v, want known blind spot 1.16667 with n 4/3", g)
	}

	a2 := res.Items[1]
	if !a2.Insiders.Suppressed || a2.Insiders.N != 2 || a2.Insiders.DontKnow != 0 || a2.Insiders.Mean != 0 {
		t.Errorf("a2 insiders = %+v, want suppressed with n 2 and nothing else", a2.Insiders)
	}
	if !a2.All.Suppressed || a2.All.N != 2 {
		t.Errorf("a2 all = %+v, want suppressed with n 2", a2.All)
	}
	if a2.Gap.Known {
		t.Errorf("a2 gap = %+v, want unknown", a2.Gap)
	}
}

func TestAnalyseSuppression(t *testing.T) {
	q := workbookOf(issue("A", statement("a1")))
	tests := []struct {
		name                 string
		responses            []workbook.Response
		wantAll, wantIns     Stats // only N, Suppressed and Complementary are compared
		wantOuts             Stats
		wantGapKnown         bool
		wantIssueInsSuppress bool
		wantIssueAllWithheld bool
		wantHeadline         Population
	}{
		{
			// The outsiders are a group of three: they are shown. Everyone's
			// mean (n=5) less the outsiders' (n=3) would give the two
			// insiders' by arithmetic, so everyone's is withheld instead.
			name:      "two insiders are suppressed, and the pooled figure is withheld",
			responses: concat(answers("a1", ins, 4, 5), answers("a1", outs, 3, 3, 3)),
			wantAll:   Stats{N: 5, Suppressed: true, Complementary: true}, wantIns: Stats{N: 2, Suppressed: true}, wantOuts: Stats{N: 3},
			wantIssueInsSuppress: true, wantIssueAllWithheld: true, wantHeadline: PopOutsiders,
		},
		{
			name:      "one outsider leaves the insiders shown and withholds everyone",
			responses: concat(answers("a1", ins, 4, 5, 3, 4), answers("a1", outs, 1)),
			wantAll:   Stats{N: 5, Suppressed: true, Complementary: true}, wantIns: Stats{N: 4}, wantOuts: Stats{N: 1, Suppressed: true},
			wantIssueAllWithheld: true, wantHeadline: PopInsiders,
		},
		{
			name:      "three insiders are shown",
			responses: concat(answers("a1", ins, 4, 5, 3), answers("a1", outs, 3, 3, 3)),
			wantAll:   Stats{N: 6}, wantIns: Stats{N: 3}, wantOuts: Stats{N: 3},
			wantGapKnown: true, wantHeadline: PopEveryone,
		},
		{
			name:      "a don't-know does not make a third respondent",
			responses: concat(answers("a1", ins, 4, 5, dk), answers("a1", outs, 3, 3, 3)),
			wantAll:   Stats{N: 5, Suppressed: true, Complementary: true}, wantIns: Stats{N: 2, Suppressed: true}, wantOuts: Stats{N: 3},
			wantIssueInsSuppress: true, wantIssueAllWithheld: true, wantHeadline: PopOutsiders,
		},
		{
			// Nobody outside: everyone's figure is the insiders', nothing
			// to hide, so the insiders are shown, and the headline says it
			// is theirs.
			name:      "no outsiders leave the insiders shown",
			responses: answers("a1", ins, 4, 5, 3),
			wantAll:   Stats{N: 3}, wantIns: Stats{N: 3}, wantOuts: Stats{N: 0, Suppressed: true},
			wantHeadline: PopInsiders,
		},
		{
			// Neither group is shown, so everyone's figure (of four people)
			// cannot be taken apart: it is shown.
			name:      "two and two: nobody is broken down, everyone is shown",
			responses: concat(answers("a1", ins, 4, 5), answers("a1", outs, 3, 3)),
			wantAll:   Stats{N: 4}, wantIns: Stats{N: 2, Suppressed: true}, wantOuts: Stats{N: 2, Suppressed: true},
			wantIssueInsSuppress: true, wantHeadline: PopEveryone,
		},
		{
			name:      "two people in all suppress the whole item",
			responses: concat(answers("a1", ins, 4), answers("a1", outs, 3)),
			wantAll:   Stats{N: 2, Suppressed: true}, wantIns: Stats{N: 1, Suppressed: true},
			wantOuts: Stats{N: 1, Suppressed: true}, wantIssueInsSuppress: true, wantHeadline: PopNone,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Analyse(q, team, tt.responses)
			it := res.Items[0]
			for _, c := range []struct {
				name      string
				got, want Stats
			}{{"All", it.All, tt.wantAll}, {"Insiders", it.Insiders, tt.wantIns}, {"Outsiders", it.Outsiders, tt.wantOuts}} {
				if c.got.N != c.want.N || c.got.Suppressed != c.want.Suppressed || c.got.Complementary != c.want.Complementary {
					t.Errorf("%s n, suppressed, complementary = %d, %v, %v; want %d, %v, %v", c.name, c.got.N, c.got.Suppressed, c.got.Complementary, c.want.N, c.want.Suppressed, c.want.Complementary)
				}
				if c.got.Suppressed && (c.got.Mean != 0 || c.got.Scores != nil || c.got.Band != BandNone || c.got.DontKnow != 0) {
					t.Errorf("%s is suppressed but shows figures: %+v", c.name, c.got)
				}
			}
			if it.Gap.Known != tt.wantGapKnown {
				t.Errorf("gap known = %v, want %v", it.Gap.Known, tt.wantGapKnown)
			}
			if pop, _ := it.Headline(); pop != tt.wantHeadline {
				t.Errorf("headline = %q, want %q", pop, tt.wantHeadline)
			}
			is := res.Issues[0].Insiders
			if is.Suppressed != tt.wantIssueInsSuppress || (is.Suppressed && (is.Mean != 0 || is.Items != 0)) {
				t.Errorf("issue insiders = %+v, want suppressed %v", is, tt.wantIssueInsSuppress)
			}
			if all := res.Issues[0].All; all.Complementary != tt.wantIssueAllWithheld || (all.Complementary && (!all.Suppressed || all.Mean != 0)) {
				t.Errorf("issue everyone = %+v, want withheld %v", all, tt.wantIssueAllWithheld)
			}
			if pop, _ := res.Issues[0].Headline(); pop != tt.wantHeadline {
				t.Errorf("issue headline = %q, want %q", pop, tt.wantHeadline)
			}
			if res.Issues[0].Gap.Known != tt.wantGapKnown {
				t.Errorf("issue gap known = %v, want %v", res.Issues[0].Gap.Known, tt.wantGapKnown)
			}
		})
	}
}

func TestAnalyseIssueScores(t *testing.T) {
	q := workbookOf(
		issue("A", statement("a1"), reversed("a2"), statement("a3")),
		issue("B", statement("b1")),
	)
	res := Analyse(q, team, concat(
		// a1: insiders 5,5,5,5 (mean 5), outsiders 3,3,3 (mean 3); all 29/7 = 4.142857.
		answers("a1", ins, 5, 5, 5, 5),
		answers("a1", outs, 3, 3, 3),
		// a2 reversed: insiders 5,4,3 -> 1,2,3, mean 2.
		answers("a2", ins, 5, 4, 3),
		// a3: only don't-knows, so it has no mean and is left out.
		answers("a3", ins, dk, dk, dk),
		// b1: insiders 3,3,3 (mean 3); outsiders o1, o2 only: suppressed.
		answers("b1", ins, 3, 3, 3),
		answers("b1", outs, 1, 1),
	))
	tests := []struct {
		name string
		got  IssueScore
		want IssueScore
	}{
		{
			// mean of item means (5 + 2) / 2 = 3.5, not the pooled
			// (5*4 + 1+2+3) / 7 = 26/7 = 3.714; a3 has no mean.
			name: "insiders A: mean of item means",
			got:  res.Issues[0].Insiders,
			want: IssueScore{Mean: 3.5, Items: 2, Respondents: 4, Min: 2, Max: 5, Band: BandImprove},
		},
		{
			// one item: 3.
			name: "outsiders A",
			got:  res.Issues[0].Outsiders,
			want: IssueScore{Mean: 3, Items: 1, Respondents: 3, Min: 3, Max: 3, Band: BandImprove},
		},
		{
			// (29/7 + 2) / 2 = (4.142857 + 2) / 2 = 3.071429, not the pooled
			// (29 + 6) / 10 = 3.5; 7 distinct people.
			name: "all A: mean of item means",
			got:  res.Issues[0].All,
			want: IssueScore{Mean: 3.071429, Items: 2, Respondents: 7, Min: 2, Max: 4.142857, Band: BandImprove},
		},
		{
			// b1's insiders are a group of three: shown, whatever the size
			// of the other group.
			name: "insiders B: shown beside two outsiders",
			got:  res.Issues[1].Insiders,
			want: IssueScore{Mean: 3, Items: 1, Respondents: 3, Min: 3, Max: 3, Band: BandImprove},
		},
		{
			name: "outsiders B: two people are suppressed",
			got:  res.Issues[1].Outsiders,
			want: IssueScore{Respondents: 2, Suppressed: true},
		},
		{
			// b1 all would be 3,3,3,1,1 -> 11/5 = 2.2; less the insiders'
			// 3,3,3 it gives the two outsiders' 1,1. Withheld.
			name: "all B: withheld beside two outsiders",
			got:  res.Issues[1].All,
			want: IssueScore{Respondents: 5, Suppressed: true, Complementary: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, w := tt.got, tt.want
			if g.Items != w.Items || g.Respondents != w.Respondents || g.Band != w.Band || g.Suppressed != w.Suppressed || g.Complementary != w.Complementary ||
				!near(g.Mean, w.Mean) || !near(g.Min, w.Min) || !near(g.Max, w.Max) {
				t.Errorf("got %+v, want %+v", g, w)
			}
		})
	}

	// issue A gap: only a1 has both groups with three or more scores, so
	// the groups are compared on a1 alone: insiders 5 - outsiders 3 = +2, a
	// blind spot (not 3.5 - 3 = 0.5, which would set insiders' a2 against
	// nothing). Issue B's gap is unknown.
	if g := res.Issues[0].Gap; !g.Known || g.Kind != GapBlindSpot || !near(g.Value, 2) || g.Insiders != 4 || g.Outsiders != 3 || g.Compared != 1 {
		t.Errorf("issue A gap = %+v, want known +2 blind spot over 1 statement with n 4/3", g)
	}
	if g := res.Issues[1].Gap; g.Known || g.Insiders != 3 || g.Outsiders != 2 {
		t.Errorf("issue B gap = %+v, want unknown with n 3/2", g)
	}
}

// An issue mean counts only items with at least three scores, so that a
// suppressed item's mean cannot be worked out from the issue mean by
// subtraction.
func TestAnalyseIssueRespondentsAreDistinctPeople(t *testing.T) {
	q := workbookOf(issue("A", statement("a1"), statement("a2")))
	res := Analyse(q, team, concat(
		answers("a1", outs, 4, 4),                  // o1, o2: mean 4
		[]workbook.Response{answer("o3", "a2", 2)}, // o3: mean 2
	))
	got := res.Issues[0].Outsiders
	// Three people, but each item has fewer than three scores: no item
	// counts, so the issue has no mean (and no band) to show.
	if got.Respondents != 3 || got.Items != 0 || got.Mean != 0 || got.Band != BandNone {
		t.Errorf("outsiders A = %+v, want 3 people and no item counted", got)
	}
	if !res.Items[0].Outsiders.Suppressed || !res.Items[1].Outsiders.Suppressed {
		t.Errorf("item outsiders should be suppressed: %+v, %+v", res.Items[0].Outsiders, res.Items[1].Outsiders)
	}
}

func TestAnalyseIgnoresBadResponses(t *testing.T) {
	q := workbookOf(issue("A", statement("a1"), statement("b1")))
	ps := concat(team, []workbook.Participant{{ID: "x1"}}) // x1 is in no group
	res := Analyse(q, ps, []workbook.Response{
		answer("i1", "a1", 1), // replaced by i1's later answer
		answer("i2", "a1", 4),
		answer("i3", "a1", 4),
		answer("i1", "a1", 4),
		answer("x1", "a1", 5),    // counts in All only
		answer("ghost", "a1", 1), // unknown participant
		answer("i1", "zz", 1),    // unknown statement
		answer("i1", "b1", 0),    // unanswered
		answer("i2", "b1", 6),    // off the scale
		answer("i3", "b1", -2),   // off the scale
		answer("i4", "b1", 0),    // unanswered: i4 never answered anything
		answer("o1", "b1", dk),   // a don't-know: o1 took part
	})
	a1 := res.Items[0]
	// All: 4,4,4,5 (n 4) counts x1, but everyone less the insiders would
	// give x1's score alone: withheld. Insiders 4,4,4.
	if a1.All.N != 4 || !a1.All.Suppressed || !a1.All.Complementary {
		t.Errorf("a1 all = %+v, want n 4, withheld beside the one person in no group", a1.All)
	}
	if a1.Insiders.N != 3 || !near(a1.Insiders.Mean, 4) || a1.Outsiders.N != 0 {
		t.Errorf("a1 groups = %+v / %+v, want insiders n 3 mean 4 and no outsiders", a1.Insiders, a1.Outsiders)
	}
	if b1 := res.Items[1]; b1.All.N != 0 || !b1.All.Suppressed {
		t.Errorf("b1 all = %+v, want n 0 and suppressed", b1.All)
	}
	if res.Insiders != 3 || res.Outsiders != 1 {
		t.Errorf("Insiders, Outsiders = %d, %d; want 3, 1", res.Insiders, res.Outsiders)
	}
}

func TestAnalyseBarriers(t *testing.T) {
	q := workbookOf(
		issue("X", statement("good"), statement("b1"), statement("improve")),
		issue("Y", statement("b2"), statement("b3"), statement("b4"), statement("few")),
	)
	res := Analyse(q, team, concat(
		answers("good", ins, 4, 4, 4),    // 4.0: good
		answers("b1", ins, 2, 2, 2),      // 2.0, SD 0: not contested
		answers("improve", ins, 3, 3, 3), // 3.0 exactly: improve, not a barrier
		answers("b2", ins, 1, 1, 4),      // 6/3 = 2.0, both sides: contested
		answers("b3", ins, 1, 2, 1, 2),   // 6/4 = 1.5
		answers("b4", ins, 2, 2, 2),      // 2.0, not contested, after b1 in workbook order
		answers("few", ins, 1, 1),        // 1.0 but only 2 people: suppressed, not listed
	))
	// 1.5 first; then the 2.0 tie: contested b2, then b1 and b4 in workbook order.
	want := []string{"b3", "b2", "b1", "b4"}
	var got []string
	for _, b := range res.Barriers {
		got = append(got, b.Statement.ID)
	}
	if len(got) != len(want) {
		t.Fatalf("barriers = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("barriers = %v, want %v", got, want)
		}
	}
}

func TestAnalyseEmpty(t *testing.T) {
	if res := Analyse(nil, team, nil); len(res.Items) != 0 || len(res.Issues) != 0 {
		t.Errorf("Analyse(nil) = %+v, want empty", res)
	}
	res := Analyse(workbookOf(issue("A", statement("a1"))), team, nil)
	if len(res.Items) != 1 || len(res.Issues) != 1 || len(res.Barriers) != 0 || res.Insiders != 0 {
		t.Fatalf("Analyse with no responses = %+v", res)
	}
	if it := res.Items[0]; it.All.N != 0 || it.All.Band != BandNone || it.Gap.Known {
		t.Errorf("unscored item = %+v", it)
	}
	if is := res.Issues[0].All; is.Items != 0 || is.Band != BandNone || is.Respondents != 0 {
		t.Errorf("unscored issue = %+v", is)
	}
}
