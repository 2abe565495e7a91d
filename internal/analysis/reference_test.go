package analysis

// The analysis as it was before [Tally]: every response held, sorted into
// maps. TestTallyMatchesReference checks that the tally gives the same
// result on random assessments.

import (
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// answerKey identifies one participant's answer to one statement.
type answerKey struct{ participant, statement string }

func refAnalyse(q *questionnaire.Questionnaire, participants []workbook.Participant, responses []workbook.Response, complementary bool) Result {
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

	latest, order := refLatestAnswers(q.Scale, people, itemOf, responses)

	answers, scorers, active := refCollect(people, itemOf, len(items), latest, order)

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
			Gap:       refIssueGap(res.Items[first:i], scorers[first:i], issue[viewInsiders], issue[viewOutsiders]),
		})
	}
	res.Barriers = barriers(res.Items)
	return res
}

// latestAnswers keeps the last valid response of each participant to each
// statement, and the order in which those pairs were first seen.
func refLatestAnswers(scale questionnaire.Scale, people map[string]workbook.Participant, itemOf map[string]int, responses []workbook.Response) (map[answerKey]workbook.Response, []answerKey) {
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
func refCollect(people map[string]workbook.Participant, itemOf map[string]int, n int, latest map[answerKey]workbook.Response, order []answerKey) ([][views][]Answer, [][views]map[string]bool, [views]map[string]bool) {
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

func refIssueGap(items []ItemResult, scorers [][views]map[string]bool, ins0, outs0 IssueScore) Gap {
	var ins, outs float64
	insWho, outsWho := map[string]bool{}, map[string]bool{}
	compared := 0
	for j, it := range items {
		if !it.Gap.Known {
			continue
		}
		compared++
		ins += it.Insiders.Mean
		outs += it.Outsiders.Mean
		for p := range scorers[j][viewInsiders] {
			insWho[p] = true
		}
		for p := range scorers[j][viewOutsiders] {
			outsWho[p] = true
		}
	}
	if compared == 0 {
		// Unknown; say how many of each group took part in the key issue.
		return Gap{Insiders: ins0.Respondents, Outsiders: outs0.Respondents}
	}
	g := newGap(len(insWho), len(outsWho), ins/float64(compared), outs/float64(compared), true)
	g.Compared = compared
	return g
}
