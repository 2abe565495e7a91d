package workbook

import (
	"encoding/json"
	"testing"
)

// answeredJSON must agree with Response.Answered on every stored response,
// whatever its comment says.
func TestAnsweredJSONAgreesWithDecoding(t *testing.T) {
	comments := []string{"", `"score":5`, `he said "score": 4`, `"dont_know":true`, `{"score":3,"dont_know":true}`, "score:9 \\\"score\\\":2", "Città"}
	for _, c := range comments {
		for _, score := range []int{0, 1, 3, 5, 7} {
			for _, dk := range []bool{false, true} {
				r := Response{SiteID: "s", AssessmentID: "a", ParticipantID: "p", StatementID: "q", Score: score, DontKnow: dk, Comment: c}
				raw, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := answeredJSON(raw), r.Answered(); got != want {
					t.Errorf("%s: answeredJSON %v, Answered %v", raw, got, want)
				}
			}
		}
	}
}

func FuzzAnsweredJSON(f *testing.F) {
	f.Add(3, false, `"score":5`)
	f.Fuzz(func(t *testing.T, score int, dk bool, comment string) {
		if score < 0 || score > 9 {
			return
		}
		r := Response{ParticipantID: "p", StatementID: "q", Score: score, DontKnow: dk, Comment: comment}
		raw, err := json.Marshal(r)
		if err != nil {
			return
		}
		if got, want := answeredJSON(raw), r.Answered(); got != want {
			t.Fatalf("%s: answeredJSON %v, Answered %v", raw, got, want)
		}
	})
}
