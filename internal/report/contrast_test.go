package report

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
)

// luminance is a colour's relative luminance (WCAG 2.2, "relative
// luminance").
func luminance(c rgb) float64 {
	lin := func(v int) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is the WCAG 2.2 contrast ratio of two colours, 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// minContrast is WCAG 2.2 AA's least contrast for text (1.4.3): 4.5:1,
// for text of any size.
const minContrast = 4.5

// colourNames names the palette in the tests' messages.
var colourNames = map[rgb]string{
	black: "black", ink: "ink", muted: "muted", grey: "grey", rule: "rule", paleGrey: "pale grey",
	blue: "blue", vermillion: "vermillion", vermillionInk: "vermillion ink", skyBlue: "sky blue",
	white: "white", tintBarrier: "barrier tint", tintImprove: "improve tint", tintGood: "good tint",
}

func colourName(c rgb) string {
	if n, ok := colourNames[c]; ok {
		return fmt.Sprintf("%s (%d,%d,%d)", n, c.r, c.g, c.b)
	}
	return fmt.Sprintf("(%d,%d,%d)", c.r, c.g, c.b)
}

func TestContrastFormula(t *testing.T) {
	for _, tc := range []struct {
		a, b rgb
		want float64
	}{
		{black, white, 21},
		{white, white, 1},
		{rgb{118, 118, 118}, white, 4.54}, // #767676, the lightest grey that passes on white
		{vermillion, white, 3.87},         // Okabe and Ito's vermillion: too light for text
	} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.005 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestTextContrast checks every pair of text colour and background that
// textOn lists, and so every pair the reports draw (checkInks), against
// WCAG 2.2 AA.
func TestTextContrast(t *testing.T) {
	for _, ti := range textOn {
		for _, bg := range ti.on {
			r := contrast(ti.text, bg)
			t.Logf("%-28s on %-28s %5.2f:1", colourName(ti.text), colourName(bg), r)
			if r < minContrast {
				t.Errorf("%s on %s has a contrast of %.2f:1, under %.1f:1", colourName(ti.text), colourName(bg), r, minContrast)
			}
		}
	}
}

// checkInks checks that every text colour and background d drew is one of
// the pairs textOn lists.
func checkInks(t *testing.T, d *doc) {
	t.Helper()
	if len(d.inks.pairs) == 0 {
		t.Error("no text was recorded")
	}
	for p := range d.inks.pairs {
		i := slices.IndexFunc(textOn, func(ti textInk) bool { return ti.text == p.text })
		if i < 0 || !slices.Contains(textOn[i].on, p.on) {
			t.Errorf("text in %s is drawn on %s, a pair textOn does not list", colourName(p.text), colourName(p.on))
		}
	}
}

// demoComparison is the comparison of the demo study's five sites.
func demoComparison(t *testing.T) *compare.Comparison {
	t.Helper()
	c, err := compare.Gather(demoService(t), compare.Options{All: true})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestComparisonInks lays out the demo's comparison in each language and
// checks the colours of its text (the site reports are checked by every
// test that renders one).
func TestComparisonInks(t *testing.T) {
	c := demoComparison(t)
	for _, lang := range []string{"en", "it"} {
		cr, err := layOutComparison(c, CompareOptions{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		checkInks(t, cr.d)
	}
}
