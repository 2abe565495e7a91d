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

// answerKey identifies one participant's answer to one statement.
type answerKey struct{ participant, statement string }

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
	if q == nil {
		return Result{}
	}
	people := make(map[string]workbook.Participant, len(participants))
	for _, p := range participants {
		people[p.ID] = p
	}
	items := q.Statements()
	itemOf := make(map[string]int, len(items))
	for i, st := range items {
		if _, dup := itemOf[st.ID]; !dup {
			itemOf[st.ID] = i
		}
	}

	latest, order := latestAnswers(q.Scale, people, itemOf, responses)

	answers, scorers, active := collect(people, itemOf, len(items), latest, order)

	raw := make([][views]Stats, len(items))
	res := Result{
		Items:     make([]ItemResult, 0, len(items)),
		Issues:    make([]IssueResult, 0, len(q.KeyIssues)),
		Insiders:  len(active[viewInsiders]),
		Outsiders: len(active[viewOutsiders]),
	}
	i := 0
	for _, ki := range q.KeyIssues {
		first := i
		for _, st := range ki.Statements {
			for v := range views {
				raw[i][v] = Describe(q.Scale, q.Bands, st.Reverse, answers[i][v])
			}
			ins, outs := Anonymise(raw[i][viewInsiders]), Anonymise(raw[i][viewOutsiders])
			all := Anonymise(raw[i][viewAll])
			if hidden := all.N - shownPart(ins.N, ins.Suppressed) - shownPart(outs.N, outs.Suppressed); complementary && !all.Suppressed && small(hidden) {
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
		var issue [views]IssueScore
		for v := range views {
			var means []float64
			who := map[string]bool{}
			for j := first; j < i; j++ {
				// Only items whose figure for this view is shown count, so no
				// withheld figure can be worked out from the issue mean by
				// subtraction.
				if shownStats(res.Items[j], v) {
					means = append(means, raw[j][v].Mean)
				}
				for p := range scorers[j][v] {
					who[p] = true
				}
			}
			issue[v] = issueScore(q.Bands, means, len(who))
		}
		// Everyone's key-issue score is withheld when a group within it is
		// one or two people, and also when any of the issue's statements
		// withheld everyone's figure: it would then be over fewer
		// statements than the groups' scores, and say less than it seems.
		if s := issue[viewAll]; !s.Suppressed {
			ins, outs := issue[viewInsiders], issue[viewOutsiders]
			hidden := s.Respondents - shownPart(ins.Respondents, ins.Suppressed) - shownPart(outs.Respondents, outs.Suppressed)
			withheld := slices.ContainsFunc(res.Items[first:i], func(it ItemResult) bool { return it.All.Complementary })
			if complementary && (withheld || small(hidden)) {
				issue[viewAll] = IssueScore{Respondents: s.Respondents, Suppressed: true, Complementary: true}
			}
		}
		res.Issues = append(res.Issues, IssueResult{
			KeyIssue:  ki,
			All:       issue[viewAll],
			Insiders:  issue[viewInsiders],
			Outsiders: issue[viewOutsiders],
			Gap:       issueGap(res.Items[first:i], scorers[first:i], issue[viewInsiders], issue[viewOutsiders]),
		})
	}
	res.Barriers = barriers(res.Items)
	return res
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

// latestAnswers keeps the last valid response of each participant to each
// statement, and the order in which those pairs were first seen.
func latestAnswers(scale questionnaire.Scale, people map[string]workbook.Participant, itemOf map[string]int, responses []workbook.Response) (map[answerKey]workbook.Response, []answerKey) {
	latest := map[answerKey]workbook.Response{}
	var order []answerKey
	for _, r := range responses {
		if _, ok := people[r.ParticipantID]; !ok {
			continue
		}
		if _, ok := itemOf[r.StatementID]; !ok {
			continue
		}
		if !r.DontKnow && (r.Score < 1 || r.Score > scale.Points) {
			continue // unanswered or off the scale
		}
		k := answerKey{r.ParticipantID, r.StatementID}
		if _, seen := latest[k]; !seen {
			order = append(order, k)
		}
		latest[k] = r
	}
	return latest, order
}

// collect sorts the kept answers by item and view. It returns each item's
// answers per view, the participants who scored each item per view, and the
// participants with at least one answer per view.
func collect(people map[string]workbook.Participant, itemOf map[string]int, n int, latest map[answerKey]workbook.Response, order []answerKey) ([][views][]Answer, [][views]map[string]bool, [views]map[string]bool) {
	answers := make([][views][]Answer, n)
	scorers := make([][views]map[string]bool, n)
	var active [views]map[string]bool
	for v := range views {
		active[v] = map[string]bool{}
	}
	for _, k := range order {
		r := latest[k]
		i := itemOf[k.statement]
		vs := []int{viewAll}
		if v, ok := viewOf(people[k.participant].Group); ok {
			vs = append(vs, v)
		}
		for _, v := range vs {
			answers[i][v] = append(answers[i][v], Answer{Score: r.Score, DontKnow: r.DontKnow})
			active[v][k.participant] = true
			if r.DontKnow {
				continue
			}
			if scorers[i][v] == nil {
				scorers[i][v] = map[string]bool{}
			}
			scorers[i][v][k.participant] = true
		}
	}
	return answers, scorers, active
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
