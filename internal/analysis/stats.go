package analysis

import (
	"math"
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// MinRespondents is the smallest number of people whose figures are shown:
// statistics of fewer people are suppressed.
const MinRespondents = 3

// epsilon absorbs floating-point error when a computed value is compared with
// a threshold, so that a mean of exactly 4.0 or a gap of exactly 1.0 counts
// as reaching it.
const epsilon = 1e-9

// Band is the band a mean falls in.
type Band string

// The bands. BandNone is the band of a statement or issue nobody scored.
const (
	BandNone    Band = ""
	BandGood    Band = "good"
	BandImprove Band = "improve"
	BandBarrier Band = "barrier"
)

// BandOf returns the band of mean: good at b.Good and above, an area to
// improve at b.Improve and above, a barrier below. Values within a tiny
// epsilon of a threshold count as reaching it.
func BandOf(b questionnaire.Bands, mean float64) Band {
	switch {
	case mean >= b.Good-epsilon:
		return BandGood
	case mean >= b.Improve-epsilon:
		return BandImprove
	default:
		return BandBarrier
	}
}

// Answer is one person's answer to one statement: a raw score from 1 to the
// scale's points, or a don't-know.
type Answer struct {
	Score    int
	DontKnow bool
}

// Stats describes the answers of one set of respondents to one statement.
type Stats struct {
	// N is the number of scored answers; don't-knows are not scored.
	N int
	// Mean and Median of the scores, and SD their sample standard
	// deviation (n-1), 0 when N < 2.
	Mean, Median, SD float64
	// Min and Max are the lowest and highest score.
	Min, Max int
	// Agree and Disagree are the shares of N (0..1) that answered above
	// and below the scale's midpoint: 4-5 and 1-2 on a 5-point scale. They
	// describe what people answered to the words as written, so on a
	// reversed statement Agree is the share that agreed with it (a low
	// score once flipped).
	Agree, Disagree float64
	// DontKnow counts the don't-know answers.
	DontKnow int
	// Scores are the scored values after reversal (higher is always
	// better), sorted ascending: one dot per respondent.
	Scores []int
	// Contested is set when N >= 2 and the scores both agree and disagree,
	// or their standard deviation is 1.0 or more.
	Contested bool
	// Band is the band of Mean, BandNone when N == 0.
	Band Band
	// Suppressed is set when the statistics belong to fewer than
	// MinRespondents people: every field but N is then zero.
	Suppressed bool
	// Complementary is set, with Suppressed, on a pooled figure (everyone)
	// of MinRespondents or more people that is withheld because a group
	// within it has one or two people: the pooled figure less the other
	// group's would reveal theirs. Say "withheld: the outsiders are fewer
	// than 3", not "fewer than 3".
	Complementary bool
}

// Describe summarises the answers to one statement. A reversed statement's
// scores are flipped (points+1-score) for the mean, median, spread, dots
// and band; the shares agreeing and disagreeing stay those of the answers
// as given. Don't-knows are counted but not
// scored; a don't-know wins over any score it carries. Scores outside
// 1..scale.Points that are not don't-knows are ignored.
//
// Describe does not apply the anonymity rule: pass its result to [Anonymise]
// before showing it.
func Describe(scale questionnaire.Scale, bands questionnaire.Bands, reverse bool, answers []Answer) Stats {
	var scores []int
	dontKnow := 0
	for _, a := range answers {
		switch {
		case a.DontKnow:
			dontKnow++
		case a.Score >= 1 && a.Score <= scale.Points:
			score := a.Score
			if reverse {
				score = scale.Points + 1 - score
			}
			scores = append(scores, score)
		}
	}
	slices.Sort(scores)
	return describeSorted(scale, bands, reverse, scores, dontKnow)
}

// describeSorted is [Describe] of the scored values scores (reversed
// already, sorted ascending; Stats.Scores keeps them) and dontKnow
// don't-knows.
func describeSorted(scale questionnaire.Scale, bands questionnaire.Bands, reverse bool, scores []int, dontKnow int) Stats {
	s := Stats{DontKnow: dontKnow, Scores: scores, N: len(scores)}
	if s.N == 0 {
		s.Scores = nil
		return s
	}
	s.Min, s.Max = s.Scores[0], s.Scores[s.N-1]

	mid := scale.Midpoint()
	sum, agree, disagree := 0, 0, 0
	for _, v := range s.Scores {
		sum += v
		// The shares are of the answers as given: a reversed statement's
		// flipped score is turned back.
		given := float64(v)
		if reverse {
			given = float64(scale.Points + 1 - v)
		}
		switch {
		case given > mid:
			agree++
		case given < mid:
			disagree++
		}
	}
	n := float64(s.N)
	s.Mean = float64(sum) / n
	s.Median = median(s.Scores)
	s.SD = sampleSD(s.Scores, s.Mean)
	s.Agree = float64(agree) / n
	s.Disagree = float64(disagree) / n
	s.Contested = s.N >= 2 && (agree > 0 && disagree > 0 || s.SD >= 1.0-epsilon)
	s.Band = BandOf(bands, s.Mean)
	return s
}

// Anonymise returns s with the anonymity rule applied: when fewer than
// MinRespondents people scored, every field but N is zeroed and Suppressed
// is set. Otherwise s is returned unchanged.
func Anonymise(s Stats) Stats {
	if s.N >= MinRespondents {
		return s
	}
	return Stats{N: s.N, Suppressed: true}
}

// median returns the median of sorted, non-empty scores.
func median(sorted []int) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return float64(sorted[n/2])
	}
	return float64(sorted[n/2-1]+sorted[n/2]) / 2
}

// sampleSD returns the sample standard deviation (n-1) of scores around
// mean, 0 for fewer than two scores.
func sampleSD(scores []int, mean float64) float64 {
	if len(scores) < 2 {
		return 0
	}
	var ss float64
	for _, v := range scores {
		d := float64(v) - mean
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(scores)-1))
}
