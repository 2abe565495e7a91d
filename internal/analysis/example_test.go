package analysis_test

import (
	"fmt"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func ExampleDescribe() {
	scale := questionnaire.Scale{Points: 5}
	bands := questionnaire.Bands{Good: 4.0, Improve: 3.0}
	answers := []analysis.Answer{{Score: 1}, {Score: 2}, {Score: 4}, {Score: 5}, {DontKnow: true}}

	s := analysis.Describe(scale, bands, false, answers)
	fmt.Printf("n=%d don't know=%d mean=%.2f median=%.1f sd=%.2f\n", s.N, s.DontKnow, s.Mean, s.Median, s.SD)
	fmt.Printf("scores=%v agree=%.0f%% disagree=%.0f%% contested=%v band=%s\n",
		s.Scores, 100*s.Agree, 100*s.Disagree, s.Contested, s.Band)
	// Output:
	// n=4 don't know=1 mean=3.00 median=3.0 sd=1.83
	// scores=[1 2 4 5] agree=50% disagree=50% contested=true band=improve
}

func ExampleAnalyse() {
	q := &questionnaire.Questionnaire{
		Scale: questionnaire.Scale{Points: 5},
		Bands: questionnaire.Bands{Good: 4.0, Improve: 3.0},
		KeyIssues: []questionnaire.KeyIssue{{
			ID: "skills",
			Statements: []questionnaire.Statement{
				{ID: "training"},
				{ID: "knowledge"},
			},
		}},
	}
	var participants []workbook.Participant
	for _, id := range []string{"ann", "bob", "cat"} {
		participants = append(participants, workbook.Participant{ID: id, Group: workbook.Insider})
	}
	for _, id := range []string{"dev", "eve", "fay"} {
		participants = append(participants, workbook.Participant{ID: id, Group: workbook.Outsider})
	}
	scores := map[string][]int{ // ann, bob, cat, dev, eve, fay
		"training":  {5, 4, 5, 3, 3, 4},
		"knowledge": {3, 2, 2, 2, 1, 2},
	}
	var responses []workbook.Response
	for _, st := range q.Statements() {
		for i, p := range participants {
			responses = append(responses, workbook.Response{ParticipantID: p.ID, StatementID: st.ID, Score: scores[st.ID][i]})
		}
	}

	res := analysis.Analyse(q, participants, responses)
	for _, it := range res.Items {
		kind := string(it.Gap.Kind)
		if kind == "" {
			kind = "no gap"
		}
		fmt.Printf("%s: mean %.2f (%s), insiders %.2f (n=%d), outsiders %.2f (n=%d), gap %+.2f (%s)\n",
			it.Statement.ID, it.All.Mean, it.All.Band, it.Insiders.Mean, it.Insiders.N,
			it.Outsiders.Mean, it.Outsiders.N, it.Gap.Value, kind)
	}
	for _, is := range res.Issues {
		fmt.Printf("%s: mean of item means %.2f (%s) over %d items\n", is.KeyIssue.ID, is.All.Mean, is.All.Band, is.All.Items)
	}
	for _, b := range res.Barriers {
		fmt.Println("barrier:", b.Statement.ID)
	}
	// Output:
	// training: mean 4.00 (good), insiders 4.67 (n=3), outsiders 3.33 (n=3), gap +1.33 (blind-spot)
	// knowledge: mean 2.00 (barrier), insiders 2.33 (n=3), outsiders 1.67 (n=3), gap +0.67 (no gap)
	// skills: mean of item means 3.00 (improve) over 2 items
	// barrier: knowledge
}
