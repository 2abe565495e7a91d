package analysis

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// FuzzDescribe checks the invariants of the per-statement statistics for
// any list of answers, including scores off the scale.
func FuzzDescribe(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5}, false)
	f.Add([]byte{5, 5, 0, 1}, true)
	f.Add([]byte{}, false)
	f.Add([]byte{9, 255, 3}, false)
	scale := questionnaire.Scale{Points: 5}
	bands := questionnaire.Bands{Good: 4, Improve: 3}
	f.Fuzz(func(t *testing.T, raw []byte, reverse bool) {
		answers := make([]Answer, len(raw))
		scored, dontKnow := 0, 0
		for i, b := range raw {
			// 0 is a don't-know; 1..5 a score; anything else off the scale.
			answers[i] = Answer{Score: int(b), DontKnow: b == 0}
			switch {
			case b == 0:
				dontKnow++
			case b <= 5:
				scored++
			}
		}
		s := Describe(scale, bands, reverse, answers)
		if s.N != scored || s.DontKnow != dontKnow || len(s.Scores) != scored {
			t.Fatalf("N %d, don't know %d, %d scores; want %d, %d", s.N, s.DontKnow, len(s.Scores), scored, dontKnow)
		}
		if s.N == 0 {
			if s.Mean != 0 || s.Band != BandNone || s.Contested {
				t.Fatalf("statistics without scores: %+v", s)
			}
			return
		}
		for _, v := range []float64{s.Mean, s.Median, s.SD, s.Agree, s.Disagree} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("not a number in %+v", s)
			}
		}
		if s.Mean < float64(s.Min)-1e-9 || s.Mean > float64(s.Max)+1e-9 ||
			s.Median < float64(s.Min) || s.Median > float64(s.Max) || s.Min < 1 || s.Max > 5 {
			t.Fatalf("mean %.3f / median %.1f outside %d..%d", s.Mean, s.Median, s.Min, s.Max)
		}
		if s.SD < 0 || (s.N < 2 && s.SD != 0) || s.Agree+s.Disagree > 1+1e-9 {
			t.Fatalf("SD %.3f, agree %.3f, disagree %.3f for n=%d", s.SD, s.Agree, s.Disagree, s.N)
		}
		if s.Band != BandOf(bands, s.Mean) {
			t.Fatalf("band %q for mean %.3f", s.Band, s.Mean)
		}
		a := Anonymise(s)
		if (s.N < MinRespondents) != a.Suppressed {
			t.Fatalf("n=%d suppressed=%v", s.N, a.Suppressed)
		}
		if a.Suppressed && (a.Mean != 0 || a.Scores != nil || a.Min != 0 || a.Max != 0 || a.DontKnow != 0) {
			t.Fatalf("suppressed statistics still carry figures: %+v", a)
		}
	})
}

// FuzzAnalyse builds a study from the fuzzer's bytes (who is an insider or
// an outsider, who answered what) and checks what Analyse promises: no
// panic, no figures for groups under three people, counts that add up,
// barriers only from the barrier band.
func FuzzAnalyse(f *testing.F) {
	q := workbookOf(
		issue("a", statement("a1"), reversed("a2"), statement("a3")),
		issue("b", statement("b1"), statement("b2")),
	)
	f.Add([]byte{0, 1, 0, 1, 1}, []byte{3, 4, 5, 1, 2, 0, 3, 3, 4, 2, 5, 5})
	f.Add([]byte{0, 0, 0}, []byte{1, 1, 1, 1, 1, 1, 1, 1, 1})
	f.Add([]byte{}, []byte{})
	f.Fuzz(func(t *testing.T, groups, scores []byte) {
		if len(groups) > 40 || len(scores) > 4000 {
			return
		}
		var people []workbook.Participant
		for i, g := range groups {
			grp := workbook.Insider
			if g%2 == 1 {
				grp = workbook.Outsider
			}
			people = append(people, workbook.Participant{ID: fmt.Sprintf("p%02d", i), Group: grp})
		}
		stmts := q.Statements()
		var responses []workbook.Response
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for i, b := range scores {
			if len(people) == 0 {
				break
			}
			p := people[i%len(people)]
			st := stmts[(i/len(people))%len(stmts)]
			responses = append(responses, workbook.Response{
				ParticipantID: p.ID, StatementID: st.ID,
				Score: int(b % 7), DontKnow: b%7 == 0, At: at.Add(time.Duration(i) * time.Second),
			})
		}
		res := Analyse(q, people, responses)
		if len(res.Items) != len(stmts) || len(res.Issues) != len(q.KeyIssues) {
			t.Fatalf("%d items, %d issues", len(res.Items), len(res.Issues))
		}
		for _, it := range res.Items {
			for _, s := range []Stats{it.All, it.Insiders, it.Outsiders} {
				if s.N > 0 && s.N < MinRespondents && !s.Suppressed {
					t.Fatalf("%s: n=%d shown", it.Statement.ID, s.N)
				}
				if s.N > len(people) {
					t.Fatalf("%s: n=%d of %d people", it.Statement.ID, s.N, len(people))
				}
			}
			if it.Insiders.N+it.Outsiders.N != it.All.N {
				t.Fatalf("%s: %d insiders + %d outsiders != %d", it.Statement.ID, it.Insiders.N, it.Outsiders.N, it.All.N)
			}
		}
		for _, b := range res.Barriers {
			if pop, h := b.Headline(); pop == PopNone || h.Suppressed || h.Band != BandBarrier {
				t.Fatalf("barrier %s: headline %q in band %q (suppressed %v)", b.Statement.ID, pop, h.Band, h.Suppressed)
			}
		}
		for _, it := range res.Items {
			// No small group follows from everyone's figure less a group's.
			hidden := it.All.N - shownPart(it.Insiders.N, it.Insiders.Suppressed) - shownPart(it.Outsiders.N, it.Outsiders.Suppressed)
			if !it.All.Suppressed && small(hidden) {
				t.Fatalf("%s: everyone shown (n %d) beside insiders n %d, outsiders n %d", it.Statement.ID, it.All.N, it.Insiders.N, it.Outsiders.N)
			}
		}
		for _, is := range res.Issues {
			if is.All.Items > 0 && (is.All.Mean < 1 || is.All.Mean > 5) {
				t.Fatalf("issue %s mean %.2f", is.KeyIssue.ID, is.All.Mean)
			}
		}
	})
}
