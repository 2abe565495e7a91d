package workbook

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

func testPositions(ids ...string) map[string]int {
	pos := map[string]int{}
	for i, id := range ids {
		pos[id] = i
	}
	return pos
}

// decodeAll reads a record back with a questionnaire whose statements are
// names, as the Reader would.
func decodeAll(t testing.TB, raw []byte, names []string) ([]packedAnswer, error) {
	t.Helper()
	r, err := readAnswersHeader(raw)
	if err != nil {
		return nil, err
	}
	r.names = func(i int) (string, bool) {
		if i < 0 || i >= len(names) {
			return "", false
		}
		return names[i], true
	}
	var out []packedAnswer
	var a packedAnswer
	for r.next(&a) {
		out = append(out, a)
	}
	return out, r.err
}

// Every answer comes back as it went in: statements known to the
// questionnaire and not, every score and flag, times before and after the
// base with and without nanoseconds, in statement order.
func TestAnswersRoundTrip(t *testing.T) {
	names := []string{"ca-meeting-times", "os-team", "b", "a"}
	q := &questionnaire.Questionnaire{Hash: strings.Repeat("ab", 32)}
	base := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var in []packedAnswer
		seen := map[string]bool{}
		for range rng.IntN(12) {
			id := names[rng.IntN(len(names))]
			if rng.IntN(3) == 0 {
				id = "not-in-q-" + string(rune('a'+rng.IntN(26)))
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			a := packedAnswer{Statement: id, Score: rng.IntN(11), HasComment: rng.IntN(2) == 0,
				At: base.Add(time.Duration(rng.Int64N(int64(400*24*time.Hour))) - 200*24*time.Hour)}
			if a.Score == 0 {
				a.DontKnow = rng.IntN(2) == 0
			}
			if rng.IntN(2) == 0 {
				a.At = a.At.Truncate(time.Second)
			}
			in = append(in, a)
		}
		raw := encodeAnswers(q, testPositions(names...), slices.Clone(in))
		got, err := decodeAll(t, raw, names)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		slices.SortFunc(in, func(a, b packedAnswer) int { return strings.Compare(a.Statement, b.Statement) })
		if len(got) != len(in) {
			t.Fatalf("round %d: %d answers back, want %d", round, len(got), len(in))
		}
		for i := range in {
			if got[i].Statement != in[i].Statement || got[i].Score != in[i].Score || got[i].DontKnow != in[i].DontKnow ||
				got[i].HasComment != in[i].HasComment || !got[i].At.Equal(in[i].At) {
				t.Fatalf("round %d answer %d: got %+v, want %+v", round, i, got[i], in[i])
			}
		}
		stored, answered, err := countAnswers(raw)
		want := 0
		for _, a := range in {
			if a.answered() {
				want++
			}
		}
		if err != nil || stored != len(in) || answered != want {
			t.Fatalf("round %d: countAnswers = %d, %d, %v; want %d, %d", round, stored, answered, err, len(in), want)
		}
	}
}

// A participant's 41 answers fit in a few bytes each.
func TestAnswersAreCompact(t *testing.T) {
	var names []string
	var in []packedAnswer
	at := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
	for i := range 41 {
		id := "statement-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		names = append(names, id)
		in = append(in, packedAnswer{Statement: id, Score: 1 + i%5, At: at.Add(time.Duration(i) * 40 * time.Second)})
	}
	raw := encodeAnswers(&questionnaire.Questionnaire{Hash: strings.Repeat("0f", 32)}, testPositions(names...), in)
	if per := float64(len(raw)) / 41; per > 6 {
		t.Errorf("%d bytes for 41 answers, %.1f an answer; want at most 6", len(raw), per)
	}
}

// A damaged record is an error, never a panic, a hang or a huge
// allocation.
func FuzzAnswers(f *testing.F) {
	names := []string{"a", "b", "c"}
	f.Add(encodeAnswers(&questionnaire.Questionnaire{Hash: "h"}, testPositions(names...), []packedAnswer{
		{Statement: "a", Score: 3, At: time.Unix(1e9, 0)}, {Statement: "zz", DontKnow: true, HasComment: true, At: time.Unix(1e9, 5)},
	}))
	f.Add([]byte{answersLayout, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add(encodeComments([]comment{{"a", "Città"}, {"b", ""}}))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if cs, err := decodeComments(raw); err == nil {
			if again, err := decodeComments(encodeComments(cs)); err != nil || len(again) != len(cs) {
				t.Fatalf("comments %q do not come back: %q, %v", cs, again, err)
			}
		}
		got, err := decodeAll(t, raw, names)
		if err != nil {
			return
		}
		stored, _, cerr := countAnswers(raw)
		if cerr != nil || stored != len(got) {
			t.Fatalf("decoded %d answers but countAnswers says %d, %v", len(got), stored, cerr)
		}
		for _, a := range got {
			if a.Score > 15 || a.At.Nanosecond() >= 1e9 {
				t.Fatalf("impossible answer %+v", a)
			}
		}
	})
}
