package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The verification gaps as the side-by-side view and Barriers both show
// them: per key issue (issueGaps), and a statement's two means, gap and
// the gap in words.

// issueGap is one key issue's verification statements with the
// analysis's key-issue gap, which compares insiders and outsiders on the
// statements both scored (3 or more people each).
type issueGap struct {
	KeyIssue questionnaire.KeyIssue
	// Items are the issue's verification statements in workbook order.
	Items []analysis.ItemResult
	Gap   analysis.Gap
}

// issueGaps gathers, key issue by key issue, the verification
// statements and the analysis's key-issue gap, which compares the two groups
// on the same statements only: those both scored, 3 or more people each.
func issueGaps(d *workbook.AssessmentData, res analysis.Result) []issueGap {
	verify := map[string]bool{}
	for _, st := range d.Questionnaire.VerificationStatements() {
		verify[st.ID] = true
	}
	out := make([]issueGap, 0, len(res.Issues))
	for _, is := range res.Issues {
		ic := issueGap{KeyIssue: is.KeyIssue, Gap: is.Gap}
		for _, it := range res.Items {
			if it.KeyIssueID == is.KeyIssue.ID && verify[it.Statement.ID] {
				ic.Items = append(ic.Items, it)
			}
		}
		out = append(out, ic)
	}
	return out
}

// explainGap says in words what a gap shows, with both groups' figures,
// or why there is none: a statement outside the verification set (verified
// false) is not one outsiders were asked.
func explainGap(l *i18n.Lang, b questionnaire.Bands, g analysis.Gap, ins, outs string, verified bool) string {
	figures := l.T("tui.gaps.figures", "Insiders", ins, "Outsiders", outs)
	switch {
	case !g.Known && !verified:
		return l.T("tui.gaps.not_verification", "Insiders", ins)
	case !g.Known:
		return l.T("tui.gaps.no_comparison", "Min", analysis.MinRespondents, "Figures", figures)
	case g.Kind == analysis.GapBlindSpot:
		return l.T("tui.gaps.blind_spot_explained", "Gap", strings.TrimPrefix(signedGap(l, b, g), "+"), "Figures", figures)
	case g.Kind == analysis.GapUnrecognisedStrength:
		return l.T("tui.gaps.strength_explained", "Gap", strings.TrimPrefix(signedGap(l, b, g), "-"), "Figures", figures)
	}
	return l.T("tui.gaps.no_blind_spot", "Gap", signedGap(l, b, g), "Threshold", l.Num(analysis.GapThreshold, 1), "Figures", figures)
}

// statCell shows one group's mean and n on a statement: "4.33 n=6",
// "fewer than 3", "withheld" (beside a group of one or two) or "no
// scores".
func statCell(l *i18n.Lang, b questionnaire.Bands, s analysis.Stats) string {
	switch {
	case s.N == 0:
		return l.T("tui.gaps.no_scores")
	case s.Complementary:
		// A group within it has one or two people: this figure less the
		// other group's would give theirs away.
		return l.T("tui.gaps.withheld")
	case s.Suppressed || s.N < analysis.MinRespondents:
		return l.T("tui.gaps.fewer_than", "Min", analysis.MinRespondents)
	}
	return fmt.Sprintf("%s n=%d", mean(l, b, s.Mean), s.N)
}

// statCellWidth is the width of the widest statCell in l: its words, or
// a mean with a two-digit n.
func statCellWidth(l *i18n.Lang) int {
	w := len("0.00 n=00")
	for _, s := range []string{l.T("tui.gaps.no_scores"), l.T("tui.gaps.withheld"), l.T("tui.gaps.fewer_than", "Min", analysis.MinRespondents)} {
		w = max(w, ansi.StringWidth(s))
	}
	return w
}

// gapCell shows a verification gap as a symbol and a signed value, seven
// cells wide: "▲ +1.83" a blind spot, "▼ -1.50" an unrecognised strength,
// "  +0.25" neither, "  –" unknown.
func gapCell(l *i18n.Lang, st Styles, b questionnaire.Bands, g analysis.Gap) string {
	if !g.Known {
		return st.Muted.Render(pad("  –", gapCellWidth))
	}
	v := signedGap(l, b, g)
	switch g.Kind {
	case analysis.GapBlindSpot:
		return st.Warning.Render("▲ " + v)
	case analysis.GapUnrecognisedStrength:
		return st.Good.Render("▼ " + v)
	}
	return "  " + v
}

// gapWord names a gap's kind in words, styled: "BLIND SPOT",
// "UNRECOGNISED STRENGTH" or "".
func gapWord(l *i18n.Lang, st Styles, g analysis.Gap) string {
	switch {
	case !g.Known:
		return ""
	case g.Kind == analysis.GapBlindSpot:
		return st.Warning.Render(l.T("tui.gaps.blind_spot"))
	case g.Kind == analysis.GapUnrecognisedStrength:
		return st.Good.Render(l.T("tui.gaps.strength"))
	}
	return ""
}

// gapWordWidth is the width of the widest gapWord in l.
func gapWordWidth(l *i18n.Lang) int {
	return max(ansi.StringWidth(l.T("tui.gaps.blind_spot")), ansi.StringWidth(l.T("tui.gaps.strength")))
}

// gapStyle is the style a gap's explanation is written in.
func gapStyle(st Styles, g analysis.Gap, s string) string {
	switch {
	case !g.Known:
		return st.Muted.Render(s)
	case g.Kind == analysis.GapBlindSpot:
		return st.Warning.Render(s)
	case g.Kind == analysis.GapUnrecognisedStrength:
		return st.Good.Render(s)
	}
	return s
}

// answeredText says how many insiders and outsiders answered: "6
// insiders, 3 outsiders answered".
func answeredText(l *i18n.Lang, insiders, outsiders int) string {
	return l.T("tui.gaps.answered", "Insiders", l.N("tui.gaps.n_insiders", insiders), "Outsiders", l.N("tui.gaps.n_outsiders", outsiders))
}
