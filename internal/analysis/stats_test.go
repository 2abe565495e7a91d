package analysis

import (
	"math"
	"slices"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// tolerance is how close a computed figure must be to a hand-computed one
// written to four or five decimals.
const tolerance = 1e-4

var (
	five     = questionnaire.Scale{Points: 5}
	four     = questionnaire.Scale{Points: 4}
	defaults = questionnaire.Bands{Good: 4.0, Improve: 3.0}
)

// scores turns raw scores into answers; 0 stands for a don't-know.
func scores(raw ...int) []Answer {
	out := make([]Answer, len(raw))
	for i, s := range raw {
		if s == 0 {
			out[i] = Answer{DontKnow: true}
		} else {
			out[i] = Answer{Score: s}
		}
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < tolerance }

// checkStats compares got with want, floats within tolerance.
func checkStats(t *testing.T, got, want Stats) {
	t.Helper()
	if got.N != want.N || got.Min != want.Min || got.Max != want.Max || got.DontKnow != want.DontKnow {
		t.Errorf("N, Min, Max, DontKnow = %d, %d, %d, %d; want %d, %d, %d, %d",
			got.N, got.Min, got.Max, got.DontKnow, want.N, want.Min, want.Max, want.DontKnow)
	}
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"Mean", got.Mean, want.Mean},
		{"Median", got.Median, want.Median},
		{"SD", got.SD, want.SD},
		{"Agree", got.Agree, want.Agree},
		{"Disagree", got.Disagree, want.Disagree},
	} {
		if !near(f.got, f.want) {
			t.Errorf("%s = %.5f, want %.5f", f.name, f.got, f.want)
		}
	}
	if !slices.Equal(got.Scores, want.Scores) {
		t.Errorf("Scores = %v, want %v", got.Scores, want.Scores)
	}
	if got.Contested != want.Contested {
		t.Errorf("Contested = %v, want %v", got.Contested, want.Contested)
	}
	if got.Band != want.Band {
		t.Errorf("Band = %q, want %q", got.Band, want.Band)
	}
	if got.Suppressed != want.Suppressed {
		t.Errorf("Suppressed = %v, want %v", got.Suppressed, want.Suppressed)
	}
}

func TestBandOf(t *testing.T) {
	tests := []struct {
		name  string
		bands questionnaire.Bands
		mean  float64
		want  Band
	}{
		{"exactly good threshold", defaults, 4.0, BandGood},
		{"top of scale", defaults, 5.0, BandGood},
		{"just under good", defaults, 3.99, BandImprove},
		{"exactly improve threshold", defaults, 3.0, BandImprove},
		{"just under improve", defaults, 2.999, BandBarrier},
		{"bottom of scale", defaults, 1.0, BandBarrier},
		{"float error under good counts as good", defaults, 4.0 - 1e-12, BandGood},
		{"float error under improve counts as improve", defaults, 3.0 - 1e-12, BandImprove},
		{"custom bands good", questionnaire.Bands{Good: 3.5, Improve: 2.5}, 3.5, BandGood},
		{"custom bands improve", questionnaire.Bands{Good: 3.5, Improve: 2.5}, 2.5, BandImprove},
		{"custom bands barrier", questionnaire.Bands{Good: 3.5, Improve: 2.5}, 2.49, BandBarrier},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BandOf(tt.bands, tt.mean); got != tt.want {
				t.Errorf("BandOf(%v, %v) = %q, want %q", tt.bands, tt.mean, got, tt.want)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name    string
		scale   questionnaire.Scale
		reverse bool
		answers []Answer
		want    Stats
	}{
		{
			// mean 12/4 = 3, median (2+4)/2 = 3,
			// SD = sqrt((4+1+1+4)/3) = sqrt(10/3) = 1.8257;
			// agree 4,5 = 2/4, disagree 1,2 = 2/4; both sides: contested.
			name: "spread over both sides", scale: five, answers: scores(1, 2, 4, 5),
			want: Stats{N: 4, Mean: 3, Median: 3, SD: 1.8257, Min: 1, Max: 5, Agree: 0.5, Disagree: 0.5,
				Scores: []int{1, 2, 4, 5}, Contested: true, Band: BandImprove},
		},
		{
			// don't-knows counted (2) but not in n (3): 4,4,5,
			// mean 13/3 = 4.3333, median 4,
			// SD = sqrt((1/9+1/9+4/9)/2) = sqrt(1/3) = 0.57735.
			name: "don't know excluded from n but counted", scale: five, answers: scores(4, 0, 4, 5, 0),
			want: Stats{N: 3, Mean: 4.33333, Median: 4, SD: 0.57735, Min: 4, Max: 5, Agree: 1, DontKnow: 2,
				Scores: []int{4, 4, 5}, Band: BandGood},
		},
		{
			// reversed on 5 points: 1->5, 1->5, 2->4; sorted 4,5,5,
			// mean 14/3 = 4.6667, median 5, SD = sqrt((4/9+1/9+1/9)/2) = 0.57735.
			// The shares are of the words as written: 1, 2, 1 all disagree.
			name: "reverse on 5 points", scale: five, reverse: true, answers: scores(1, 2, 1),
			want: Stats{N: 3, Mean: 4.66667, Median: 5, SD: 0.57735, Min: 4, Max: 5, Disagree: 1,
				Scores: []int{4, 5, 5}, Band: BandGood},
		},
		{
			// sorted 1,3,3,4,5: median the middle 3, mean 16/5 = 3.2,
			// SD = sqrt((4.84+0.04+0.04+0.64+3.24)/4) = sqrt(2.2) = 1.48324;
			// agree 4,5 = 2/5, disagree 1 = 1/5.
			name: "median of odd n", scale: five, answers: scores(5, 1, 4, 3, 3),
			want: Stats{N: 5, Mean: 3.2, Median: 3, SD: 1.48324, Min: 1, Max: 5, Agree: 0.4, Disagree: 0.2,
				Scores: []int{1, 3, 3, 4, 5}, Contested: true, Band: BandImprove},
		},
		{
			// sorted 3,3,4,4: median (3+4)/2 = 3.5, mean 3.5,
			// SD = sqrt(4*0.25/3) = sqrt(1/3) = 0.57735; no 1-2 and SD < 1: not contested.
			name: "median of even n", scale: five, answers: scores(4, 3, 4, 3),
			want: Stats{N: 4, Mean: 3.5, Median: 3.5, SD: 0.57735, Min: 3, Max: 4, Agree: 0.5,
				Scores: []int{3, 3, 4, 4}, Band: BandImprove},
		},
		{
			// 2,3,3,3,4: mean 3, SD = sqrt((1+0+0+0+1)/4) = sqrt(0.5) = 0.70711 < 1,
			// but one disagrees and one agrees: contested by both sides alone.
			name: "contested by both sides alone", scale: five, answers: scores(3, 2, 3, 4, 3),
			want: Stats{N: 5, Mean: 3, Median: 3, SD: 0.70711, Min: 2, Max: 4, Agree: 0.2, Disagree: 0.2,
				Scores: []int{2, 3, 3, 3, 4}, Contested: true, Band: BandImprove},
		},
		{
			// 4 points: 2,2,3,3 straddle the midpoint 2.5: contested with
			// SD = sqrt(4*0.25/3) = 0.57735; mean 2.5 is a barrier.
			name: "4-point scale contested by both sides", scale: four, answers: scores(2, 3, 2, 3),
			want: Stats{N: 4, Mean: 2.5, Median: 2.5, SD: 0.57735, Min: 2, Max: 3, Agree: 0.5, Disagree: 0.5,
				Scores: []int{2, 2, 3, 3}, Contested: true, Band: BandBarrier},
		},
		{
			// 3,3,5,5: mean 4, SD = sqrt(4*1/3) = 1.1547 >= 1, only agreeing: contested by SD.
			name: "contested by SD alone", scale: five, answers: scores(3, 5, 3, 5),
			want: Stats{N: 4, Mean: 4, Median: 4, SD: 1.1547, Min: 3, Max: 5, Agree: 0.5,
				Scores: []int{3, 3, 5, 5}, Contested: true, Band: BandGood},
		},
		{
			// 3,4,5: mean 4, SD = sqrt((1+0+1)/2) = 1.0 exactly: contested at the threshold.
			name: "contested at SD exactly 1.0", scale: five, answers: scores(3, 4, 5),
			want: Stats{N: 3, Mean: 4, Median: 4, SD: 1, Min: 3, Max: 5, Agree: 2.0 / 3,
				Scores: []int{3, 4, 5}, Contested: true, Band: BandGood},
		},
		{
			// 2,4: one disagrees, one agrees: contested with n = 2;
			// SD = sqrt((1+1)/1) = 1.41421.
			name: "contested by both sides with n 2", scale: five, answers: scores(2, 4),
			want: Stats{N: 2, Mean: 3, Median: 3, SD: 1.41421, Min: 2, Max: 4, Agree: 0.5, Disagree: 0.5,
				Scores: []int{2, 4}, Contested: true, Band: BandImprove},
		},
		{
			// a single score: SD 0 (n < 2), never contested.
			name: "single score", scale: five, answers: scores(1),
			want: Stats{N: 1, Mean: 1, Median: 1, Min: 1, Max: 1, Disagree: 1,
				Scores: []int{1}, Band: BandBarrier},
		},
		{
			// 4 points, midpoint 2.5: agree 3,4 = 2/4, disagree 1,2 = 2/4;
			// mean 10/4 = 2.5, median 2.5,
			// SD = sqrt((2.25+0.25+0.25+2.25)/3) = sqrt(5/3) = 1.29099.
			name: "4-point scale shares", scale: four, answers: scores(1, 2, 3, 4),
			want: Stats{N: 4, Mean: 2.5, Median: 2.5, SD: 1.29099, Min: 1, Max: 4, Agree: 0.5, Disagree: 0.5,
				Scores: []int{1, 2, 3, 4}, Contested: true, Band: BandBarrier},
		},
		{
			// 4 points reversed: 1->4, 1->4, 3->2; 5 is off this scale and ignored.
			// sorted 2,4,4: mean 10/3 = 3.3333, median 4,
			// SD = sqrt((16/9+4/9+4/9)/2) = sqrt(4/3) = 1.1547; as written,
			// 3 agrees (1/3) and 1, 1 disagree (2/3).
			name: "4-point scale reversed", scale: four, reverse: true, answers: scores(1, 3, 1, 5),
			want: Stats{N: 3, Mean: 3.33333, Median: 4, SD: 1.1547, Min: 2, Max: 4, Agree: 1.0 / 3, Disagree: 2.0 / 3,
				Scores: []int{2, 4, 4}, Contested: true, Band: BandImprove},
		},
		{
			// 0 without don't-know, 6 and -1 are ignored; a don't-know carrying
			// a score counts as a don't-know only.
			name: "off-scale and unanswered ignored", scale: five,
			answers: []Answer{{Score: 0}, {Score: 6}, {Score: -1}, {Score: 3}, {Score: 4, DontKnow: true}},
			want: Stats{N: 1, Mean: 3, Median: 3, Min: 3, Max: 3, DontKnow: 1,
				Scores: []int{3}, Band: BandImprove},
		},
		{
			name: "only don't knows", scale: five, answers: scores(0, 0),
			want: Stats{DontKnow: 2, Band: BandNone},
		},
		{
			name: "no answers", scale: five,
			want: Stats{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Describe(tt.scale, defaults, tt.reverse, tt.answers)
			checkStats(t, got, tt.want)
		})
	}
}

func TestAnonymise(t *testing.T) {
	tests := []struct {
		name    string
		answers []Answer
		want    Stats
	}{
		{
			name:    "two respondents are suppressed, n kept",
			answers: scores(4, 5, 0),
			want:    Stats{N: 2, Suppressed: true},
		},
		{
			name:    "nobody scored is suppressed",
			answers: scores(0, 0, 0),
			want:    Stats{Suppressed: true},
		},
		{
			// 3 people: 3,4,5 shown as is.
			name:    "three respondents are shown",
			answers: scores(3, 4, 5),
			want: Stats{N: 3, Mean: 4, Median: 4, SD: 1, Min: 3, Max: 5, Agree: 2.0 / 3,
				Scores: []int{3, 4, 5}, Contested: true, Band: BandGood},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStats(t, Anonymise(Describe(five, defaults, false, tt.answers)), tt.want)
		})
	}
}

func TestGapOf(t *testing.T) {
	describe := func(raw ...int) Stats { return Anonymise(Describe(five, defaults, false, scores(raw...))) }
	tests := []struct {
		name      string
		ins, outs Stats
		wantValue float64
		wantKind  GapKind
		wantKnown bool
		wantNIns  int
		wantNOuts int
	}{
		{
			// 4 - 3 = +1.0 exactly: blind spot.
			name: "exactly +1.0 is a blind spot", ins: describe(4, 4, 4), outs: describe(3, 3, 3),
			wantValue: 1, wantKind: GapBlindSpot, wantKnown: true, wantNIns: 3, wantNOuts: 3,
		},
		{
			// 13/3 - 10/3 = 1.0, which floating point makes 0.9999999999999996.
			name: "+1.0 with float error is a blind spot", ins: describe(4, 5, 4), outs: describe(3, 4, 3),
			wantValue: 1, wantKind: GapBlindSpot, wantKnown: true, wantNIns: 3, wantNOuts: 3,
		},
		{
			// 3 - 4 = -1.0 exactly: unrecognised strength.
			name: "exactly -1.0 is an unrecognised strength", ins: describe(3, 3, 3), outs: describe(4, 4, 4),
			wantValue: -1, wantKind: GapUnrecognisedStrength, wantKnown: true, wantNIns: 3, wantNOuts: 3,
		},
		{
			// 3.99 - 3.0 = 0.99: under the threshold.
			name: "0.99 is no gap", ins: Stats{N: 3, Mean: 3.99}, outs: Stats{N: 3, Mean: 3.0},
			wantValue: 0.99, wantKind: GapNone, wantKnown: true, wantNIns: 3, wantNOuts: 3,
		},
		{
			name: "-0.99 is no gap", ins: Stats{N: 3, Mean: 3.0}, outs: Stats{N: 4, Mean: 3.99},
			wantValue: -0.99, wantKind: GapNone, wantKnown: true, wantNIns: 3, wantNOuts: 4,
		},
		{
			name: "suppressed outsiders make the gap unknown", ins: describe(5, 5, 5), outs: describe(1, 1),
			wantKnown: false, wantNIns: 3, wantNOuts: 2,
		},
		{
			name: "empty insiders make the gap unknown", ins: Stats{}, outs: describe(1, 1, 1),
			wantKnown: false, wantNIns: 0, wantNOuts: 3,
		},
		{
			// Describe alone does not suppress; GapOf still hides a group of 2.
			name: "unsuppressed group of two is not compared", ins: Describe(five, defaults, false, scores(5, 5)),
			outs: describe(1, 1, 1), wantKnown: false, wantNIns: 2, wantNOuts: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := GapOf(tt.ins, tt.outs)
			if g.Known != tt.wantKnown || g.Kind != tt.wantKind || !near(g.Value, tt.wantValue) {
				t.Errorf("GapOf = %+v, want Value %v Kind %q Known %v", g, tt.wantValue, tt.wantKind, tt.wantKnown)
			}
			if g.Insiders != tt.wantNIns || g.Outsiders != tt.wantNOuts {
				t.Errorf("GapOf n = %d/%d, want %d/%d", g.Insiders, g.Outsiders, tt.wantNIns, tt.wantNOuts)
			}
		})
	}
}
