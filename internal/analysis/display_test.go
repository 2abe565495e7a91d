package analysis

import "testing"

func TestRound(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want float64
	}{
		{3.125, 2, 3.13}, // half away from zero, not to even (3.12)
		{-0.125, 2, -0.13},
		{2.675, 2, 2.68}, // 107/40, stored as 2.67499999...
		{3.97, 1, 4.0},
		{0.0001, 2, 0},
		{-0.004, 2, 0}, // no negative zero
		{4.5, 0, 5},
		{87.5, 0, 88},
	}
	for _, tt := range tests {
		if got := Round(tt.v, tt.dec); got != tt.want {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.v, tt.dec, got, tt.want)
		}
	}
}

func TestShownMeanNeverCrossesABand(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want float64
	}{
		{3.97, 1, 3.9},   // an area to improve is never printed 4.0
		{2.99, 1, 2.9},   // a barrier is never printed 3.0
		{3.995, 2, 3.99}, // nor 4.00 at two decimals
		{3.994, 2, 3.99},
		{3.96, 2, 3.96},
		{4.0, 1, 4.0},
		{3.125, 2, 3.13},
		{3.04, 1, 3.0}, // rounding down within the band is fine
	}
	for _, tt := range tests {
		got := ShownMean(defaults, tt.v, tt.dec)
		if got != tt.want {
			t.Errorf("ShownMean(%v, %d) = %v, want %v", tt.v, tt.dec, got, tt.want)
		}
		if BandOf(defaults, got) != BandOf(defaults, tt.v) {
			t.Errorf("ShownMean(%v, %d) = %v is in band %s, the mean in %s", tt.v, tt.dec, got, BandOf(defaults, got), BandOf(defaults, tt.v))
		}
	}
	// An edge with more decimals than are printed: 3.745 with the improve
	// band starting at 3.74 cannot be 3.7 (a barrier) nor 3.8 (fine), and
	// 3.735 is a barrier that must not be printed 3.74.
	b := defaults
	b.Improve = 3.74
	if got := ShownMean(b, 3.735, 2); BandOf(b, got) != BandBarrier {
		t.Errorf("ShownMean(3.735) with the edge at 3.74 = %v, in band %s", got, BandOf(b, got))
	}
}

func TestShownGapNeverCrossesTheThreshold(t *testing.T) {
	for _, tt := range []struct{ v, want float64 }{
		{0.996, 0.99}, {-0.996, -0.99}, {1.0, 1.0}, {0.78, 0.78}, {1.004, 1.0}, {0.555, 0.56},
	} {
		if got := ShownGap(tt.v, 2); got != tt.want || gapKind(got) != gapKind(tt.v) {
			t.Errorf("ShownGap(%v) = %v (%q), want %v (%q)", tt.v, got, gapKind(got), tt.want, gapKind(tt.v))
		}
	}
	if got := ShownSD(0.997, 2); got != 0.99 {
		t.Errorf("ShownSD(0.997) = %v, want 0.99 (not contested)", got)
	}
}

func TestShownGapFiguresSubtract(t *testing.T) {
	tests := []struct {
		ins, outs              float64
		gap, wantIns, wantOuts float64
	}{
		// 3.375 - 3.5 = -0.125: alone it rounds to -0.13, but the means
		// print 3.38 and 3.50, so the gap printed is their difference.
		{3.375, 3.5, -0.12, 3.38, 3.5},
		{3.875, 2.2, 1.68, 3.88, 2.2},
		// 3.496 - 2.5 = 0.996 is not a blind spot, though the printed
		// means (3.50, 2.50) differ by 1.00: the gap is 0.99.
		{3.496, 2.5, 0.99, 3.5, 2.5},
	}
	for _, tt := range tests {
		g := newGap(5, 5, tt.ins, tt.outs, true)
		gap, ins, outs := ShownGapFigures(defaults, g, 2)
		if gap != tt.gap || ins != tt.wantIns || outs != tt.wantOuts {
			t.Errorf("%v - %v printed %v = %v - %v, want %v = %v - %v", tt.ins, tt.outs, gap, ins, outs, tt.gap, tt.wantIns, tt.wantOuts)
		}
	}
}
