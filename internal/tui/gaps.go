package tui

import (
	"fmt"

	"github.com/engage-toolkit/engage/internal/analysis"
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
func explainGap(b questionnaire.Bands, g analysis.Gap, ins, outs string, verified bool) string {
	figures := fmt.Sprintf("insiders %s, outsiders %s", ins, outs)
	switch {
	case !g.Known && !verified:
		return fmt.Sprintf("Not a verification statement: only insiders score it (insiders %s).", ins)
	case !g.Known:
		return fmt.Sprintf("No comparison: each group needs %d or more scores (%s).", analysis.MinRespondents, figures)
	case g.Kind == analysis.GapBlindSpot:
		return fmt.Sprintf("BLIND SPOT: insiders score it %s higher than outsiders do (%s).", signedGap(nil, b, g)[1:], figures)
	case g.Kind == analysis.GapUnrecognisedStrength:
		return fmt.Sprintf("UNRECOGNISED STRENGTH: outsiders score it %s higher than insiders do (%s).", signedGap(nil, b, g)[1:], figures)
	}
	return fmt.Sprintf("No blind spot: the gap %s is under %.1f either way (%s).", signedGap(nil, b, g), analysis.GapThreshold, figures)
}

// statCell shows one group's mean and n on a statement: "4.33 n=6",
// "fewer than 3", "withheld" (beside a group of one or two) or "no
// scores".
func statCell(b questionnaire.Bands, s analysis.Stats) string {
	switch {
	case s.N == 0:
		return "no scores"
	case s.Complementary:
		// A group within it has one or two people: this figure less the
		// other group's would give theirs away.
		return "withheld"
	case s.Suppressed || s.N < analysis.MinRespondents:
		return fmt.Sprintf("fewer than %d", analysis.MinRespondents)
	}
	return fmt.Sprintf("%s n=%d", mean(nil, b, s.Mean), s.N)
}

// gapCell shows a verification gap as a symbol and a signed value, seven
// cells wide: "▲ +1.83" a blind spot, "▼ -1.50" an unrecognised strength,
// "  +0.25" neither, "  –" unknown.
func gapCell(st Styles, b questionnaire.Bands, g analysis.Gap) string {
	if !g.Known {
		return st.Muted.Render(pad("  –", gapCellWidth))
	}
	v := signedGap(nil, b, g)
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
func gapWord(st Styles, g analysis.Gap) string {
	switch {
	case !g.Known:
		return ""
	case g.Kind == analysis.GapBlindSpot:
		return st.Warning.Render("BLIND SPOT")
	case g.Kind == analysis.GapUnrecognisedStrength:
		return st.Good.Render("UNRECOGNISED STRENGTH")
	}
	return ""
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
