package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// consistencySites are the five demo sites and generated sites with 1, 2,
// 3 and 8 outsiders, each as the report would load them.
func consistencySites(t *testing.T) map[string]*workbook.AssessmentData {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*workbook.AssessmentData{}
	for slug, in := range demoInputs(t, "eastbrook-pilot", "westmoor-county", "portsea-localities", "tynebridge-south", "ambito-valle-del-sole") {
		out[slug] = in.Data
	}
	// genData makes every fifth person from the fourth on an outsider.
	for _, people := range []int{4, 7, 9, 20} {
		out["generated-"+strconv.Itoa(people)] = genData(t, q, 12, people, 9)
	}
	return out
}

var (
	// "gap +1.68 = insiders 3.88 (n=8) − outsiders 2.20 (n=5)", and in
	// Italian "scarto +1,68 = interni 3,88 (n=8) − esterni 2,20 (n=5)".
	gapLine = regexp.MustCompile(`(?:gap|scarto) ([+−]?\d+[.,]\d\d) = (?:insiders|interni) (\d[.,]\d\d) \(n=\d+\) − (?:outsiders|esterni) (\d[.,]\d\d)`)
	// "insiders 3.24, an area to improve" in the summary.
	bandedMean = regexp.MustCompile(`(?:insiders|outsiders|interni|esterni) (\d[.,]\d\d), (a good area|an area to improve|a barrier|un punto di forza|un aspetto da migliorare|una barriera)`)
	// "(everyone's mean 1.90, n=10)" for the lowest barrier.
	barrierMean = regexp.MustCompile(`in the barrier band; the lowest is .*? \((?:everyone's|the insiders'|the outsiders') mean (\d\.\d\d), n=\d+\)`)
)

func parseNum(s string) float64 {
	s = strings.NewReplacer("−", "-", ",", ".").Replace(s)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// TestPrintedFiguresAgree reads the text of every site's report, in
// English and Italian, as a reader would, and checks that every gap is the
// difference of the two means printed with it, and that no printed mean
// contradicts the band printed with it.
func TestPrintedFiguresAgree(t *testing.T) {
	bandWord := map[string]analysis.Band{
		"a good area": analysis.BandGood, "an area to improve": analysis.BandImprove, "a barrier": analysis.BandBarrier,
		"un punto di forza": analysis.BandGood, "un aspetto da migliorare": analysis.BandImprove, "una barriera": analysis.BandBarrier,
	}
	read := map[string]int{}
	t.Cleanup(func() {
		// The patterns must keep matching what the report prints, or this
		// test checks nothing.
		if !t.Failed() && (read["gap"] < 20 || read["band"] < 20 || read["barrier"] < 5) {
			t.Errorf("read too few figures to check: %v", read)
		}
	})
	for name, d := range consistencySites(t) {
		for _, lang := range []string{questionnaire.English, questionnaire.Italian} {
			t.Run(name+"/"+lang, func(t *testing.T) {
				pdf, _ := render(t, Input{Data: d}, Options{Lang: lang})
				text := flatText(pdfText(t, pdf))
				bands := d.Questionnaire.Bands
				gaps := gapLine.FindAllStringSubmatch(text, -1)
				read["gap"] += len(gaps)
				for _, m := range gaps {
					gap, ins, outs := parseNum(m[1]), parseNum(m[2]), parseNum(m[3])
					if math.Abs(gap-(ins-outs)) > 1e-9 {
						t.Errorf("%q: the gap is not the difference of the means printed with it", m[0])
					}
				}
				for _, m := range bandedMean.FindAllStringSubmatch(text, -1) {
					read["band"]++
					if v := parseNum(m[1]); analysis.BandOf(bands, v) != bandWord[m[2]] {
						t.Errorf("%q: %v is not in that band", m[0], v)
					}
				}
				for _, m := range barrierMean.FindAllStringSubmatch(text, -1) {
					read["barrier"]++
					if v := parseNum(m[1]); analysis.BandOf(bands, v) != analysis.BandBarrier {
						t.Errorf("%q: a barrier printed at %v", m[0], v)
					}
				}
				res := analysis.Analyse(d.Questionnaire, d.Participants, d.Responses)
				blind := 0
				for _, it := range res.Items {
					if it.Gap.Kind != analysis.GapNone {
						blind++
					}
				}
				if lang == questionnaire.English && blind > 0 && len(gaps) == 0 {
					t.Error("the summary lists gaps, but none was read with its two means")
				}
			})
		}
	}
}

// flatText joins the lines of a PDF's text so that a phrase broken over
// lines reads whole.
func flatText(s string) string { return strings.Join(strings.Fields(s), " ") }
