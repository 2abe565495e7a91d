package analysis

import (
	"math"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// The figures a reader sees are rounded here, once, for every output (the
// PDFs, the CSVs, the screens), so that a printed figure means the same
// everywhere and never contradicts the band or reading printed with it.

// Round returns v rounded to dec decimals, half away from zero: 3.125 is
// 3.13 and -0.125 is -0.13. Means are ratios of small whole numbers, so a
// value within a hair of a half (such as 2.675, stored as 2.67499999...)
// is taken to be the half it stands for.
func Round(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	x := v * p
	r := math.Round(x + math.Copysign(1e-7, x))
	if r == 0 {
		return 0 // no "-0.00"
	}
	return r / p
}

// ShownMean returns a mean as it is printed with dec decimals beside its
// band: rounded half away from zero, except that it never crosses a band
// edge. A mean of 3.97 is an area to improve, so at one decimal it is
// printed 3.9, not 4.0 (which the page says is a good area).
func ShownMean(b questionnaire.Bands, v float64, dec int) float64 {
	return keepClass(v, dec, func(x float64) int {
		switch BandOf(b, x) {
		case BandGood:
			return 2
		case BandImprove:
			return 1
		}
		return 0
	})
}

// ShownGap returns a verification gap as it is printed with dec decimals:
// rounded half away from zero, except that it never crosses the blind-spot
// or unrecognised-strength threshold (a gap of +0.996 is printed +0.99,
// not +1.00, since it is not a blind spot).
func ShownGap(v float64, dec int) float64 {
	return keepClass(v, dec, func(x float64) int {
		switch gapKind(x) {
		case GapBlindSpot:
			return 1
		case GapUnrecognisedStrength:
			return -1
		}
		return 0
	})
}

// ShownSD returns a standard deviation as it is printed with dec decimals:
// never rounded up to the 1.0 that makes a statement contested when it is
// not.
func ShownSD(v float64, dec int) float64 {
	return keepClass(v, dec, func(x float64) int {
		if x >= 1.0-epsilon {
			return 1
		}
		return 0
	})
}

// keepClass rounds v to dec decimals, half away from zero, unless the
// rounded value falls in another class than v (a band, a kind of gap): it
// then takes the nearest value at dec decimals on v's side of the edge, and
// failing that (an edge with more decimals than dec) shows more decimals.
func keepClass(v float64, dec int, class func(float64) int) float64 {
	want := class(v)
	for d := dec; d <= dec+4; d++ {
		r := Round(v, d)
		if class(r) == want {
			return r
		}
		p := math.Pow(10, float64(d))
		for _, c := range []float64{math.Floor(v*p) / p, math.Ceil(v*p) / p} {
			if class(c) == want {
				return c
			}
		}
	}
	return v
}

// ShownGapFigures returns a verification gap as it is printed with dec
// decimals, with the two means it is the difference of: each mean as
// [ShownMean] prints it, and the gap as the difference of those two
// printed means, so that a reader's subtraction always gives the gap
// printed. Only where that difference would cross the blind-spot or
// unrecognised-strength threshold that the gap itself does not (or the
// other way round) is the gap rounded on its own ([ShownGap]), a hundredth
// away from the difference.
func ShownGapFigures(b questionnaire.Bands, g Gap, dec int) (gap, ins, outs float64) {
	ins, outs = ShownMean(b, g.InsidersMean, dec), ShownMean(b, g.OutsidersMean, dec)
	gap = Round(ins-outs, dec)
	if gapKind(gap) != gapKind(g.Value) {
		gap = ShownGap(g.Value, dec)
	}
	return gap, ins, outs
}
