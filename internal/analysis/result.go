package analysis

import (
	"cmp"
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// ItemResult is the analysis of one statement.
type ItemResult struct {
	Statement  questionnaire.Statement
	KeyIssueID string
	// All describes every respondent, Insiders and Outsiders each group.
	All, Insiders, Outsiders Stats
	Gap                      Gap
}

// IssueScore is one key issue's score for one set of respondents.
type IssueScore struct {
	// Mean is the mean of the item means of the issue's statements that
	// were scored: never a sum, never a pooled mean of every score.
	Mean float64
	// Items counts the statements with a mean.
	Items int
	// Respondents counts the distinct people with at least one score in
	// this issue.
	Respondents int
	// Min and Max are the lowest and highest item mean.
	Min, Max float64
	// Band is the band of Mean, BandNone when Items == 0.
	Band Band
	// Suppressed is set when fewer than MinRespondents people scored the
	// issue, or (with Complementary) when it is everyone's score and a
	// group within it has one or two people: every field but Respondents
	// is then zero.
	Suppressed bool
	// Complementary is set, with Suppressed, on everyone's score withheld
	// because the insiders or the outsiders who scored the issue are one
	// or two people.
	Complementary bool
}

// IssueResult is the analysis of one key issue.
type IssueResult struct {
	KeyIssue                 questionnaire.KeyIssue
	All, Insiders, Outsiders IssueScore
	// Gap compares the insiders' and outsiders' issue means; it is known
	// only when both groups are shown.
	Gap Gap
}

// Result is the analysis of one assessment.
type Result struct {
	// Items holds one result per statement, in workbook order.
	Items []ItemResult
	// Issues holds one result per key issue, in workbook order.
	Issues []IssueResult
	// Barriers are the items whose headline mean ([ItemResult.Headline])
	// is in the barrier band, lowest mean first; ties put contested items
	// first, then keep workbook order.
	Barriers []ItemResult
	// Insiders and Outsiders count the participants of each group with at
	// least one answer (a score or a don't-know).
	Insiders, Outsiders int
}

// The sets of respondents an item or issue is described for.
const (
	viewAll = iota
	viewInsiders
	viewOutsiders
	views
)

// viewOf returns the group view of a participant group, or false for a
// group that is neither insiders nor outsiders (such participants count only
// in the overall view).
func viewOf(g workbook.Group) (int, bool) {
	switch g {
	case workbook.Insider:
		return viewInsiders, true
	case workbook.Outsider:
		return viewOutsiders, true
	}
	return 0, false
}

// Analyse scores an assessment. Responses are ignored when their participant
// is not in participants, their statement is not in q, they are unanswered,
// or their score is outside 1..Points. When a participant answered a
// statement more than once, the last valid response counts.
//
// The disclosure rule is applied here, once, for every output: a figure of
// fewer than MinRespondents people is suppressed (only its n is kept); a
// group of MinRespondents or more is always shown; and a pooled
// (everyone) figure is withheld when the people in it who are not shown
// separately are one or two (everyone less the groups shown would give
// their figure), so that no small group's figure follows by arithmetic. A
// key issue's pooled score is also withheld when one of its statements'
// is.
func Analyse(q *questionnaire.Questionnaire, participants []workbook.Participant, responses []workbook.Response) Result {
	return analyse(q, participants, responses, true)
}

// AnalyseUnprotected is [Analyse] without complementary suppression: a
// pooled figure is shown beside a group of one or two. It exists only so
// that the disclosure tests of the outputs can show that they would catch
// a leak; no output may call it.
func AnalyseUnprotected(q *questionnaire.Questionnaire, participants []workbook.Participant, responses []workbook.Response) Result {
	return analyse(q, participants, responses, false)
}

// analyse is [Analyse]; complementary false switches complementary
// suppression off, so that the disclosure tests can show they would
// catch its absence. Nothing outside the tests passes false.
func analyse(q *questionnaire.Questionnaire, participants []workbook.Participant, responses []workbook.Response, complementary bool) Result {
	t := NewTally(q, participants)
	t.complementary = complementary
	for i := range responses {
		t.Add(&responses[i])
	}
	return t.Result()
}

// small reports whether n people are a group too small to be shown but
// not empty: one or two.
func small(n int) bool { return n > 0 && n < MinRespondents }

// shownPart is the number of people a group's figure shows separately:
// its n when it is shown, 0 when it is suppressed.
func shownPart(n int, suppressed bool) int {
	if suppressed {
		return 0
	}
	return n
}

// shownStats reports whether item's figure for view v is shown.
func shownStats(it ItemResult, v int) bool {
	s := it.All
	switch v {
	case viewInsiders:
		s = it.Insiders
	case viewOutsiders:
		s = it.Outsiders
	}
	return !s.Suppressed && s.N >= MinRespondents
}

// issueScore returns the score of one key issue from the means of its
// scored items and the number of distinct people who scored it, with the
// anonymity rule applied.
func issueScore(bands questionnaire.Bands, means []float64, respondents int) IssueScore {
	if respondents < MinRespondents {
		return IssueScore{Respondents: respondents, Suppressed: true}
	}
	s := IssueScore{Respondents: respondents, Items: len(means)}
	if len(means) == 0 {
		return s
	}
	var sum float64
	for _, m := range means {
		sum += m
	}
	s.Mean = sum / float64(len(means))
	s.Min, s.Max = slices.Min(means), slices.Max(means)
	s.Band = BandOf(bands, s.Mean)
	return s
}

// barriers returns the items whose headline mean (see
// [ItemResult.Headline]) is in the barrier band, ranked: lowest mean
// first, then contested items, then workbook order.
func barriers(items []ItemResult) []ItemResult {
	var out []ItemResult
	for _, it := range items {
		if pop, s := it.Headline(); pop != PopNone && s.Band == BandBarrier {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b ItemResult) int {
		_, x := a.Headline()
		_, y := b.Headline()
		if c := cmp.Compare(x.Mean, y.Mean); c != 0 {
			return c
		}
		switch {
		case x.Contested && !y.Contested:
			return -1
		case !x.Contested && y.Contested:
			return 1
		}
		return 0
	})
	return out
}
