package analysis

// GapKind says what a verification gap shows.
type GapKind string

// The kinds of verification gap.
const (
	// GapNone is a gap smaller than 1.0 either way, or an unknown gap.
	GapNone GapKind = ""
	// GapBlindSpot is a gap of +1.0 or more: insiders rate themselves
	// higher than outsiders do.
	GapBlindSpot GapKind = "blind-spot"
	// GapUnrecognisedStrength is a gap of -1.0 or less: outsiders rate
	// the partnership higher than insiders do.
	GapUnrecognisedStrength GapKind = "unrecognised-strength"
)

// GapThreshold is the size of a gap that counts as a blind spot or an
// unrecognised strength.
const GapThreshold = 1.0

// Gap is the verification gap between insiders and outsiders on one
// statement or key issue.
type Gap struct {
	// Insiders and Outsiders are the number of respondents of each group,
	// always set so that a reader sees them even when the gap is unknown.
	Insiders, Outsiders int
	// Value is the insider mean minus the outsider mean, 0 when unknown.
	Value float64
	// Kind classifies Value; GapNone when unknown.
	Kind GapKind
	// Known is false when either group is suppressed or empty.
	Known bool
}

// GapOf returns the verification gap of one statement. It is known only when
// both groups have at least MinRespondents scores and neither is suppressed.
func GapOf(ins, outs Stats) Gap {
	known := !ins.Suppressed && !outs.Suppressed &&
		ins.N >= MinRespondents && outs.N >= MinRespondents
	return newGap(ins.N, outs.N, ins.Mean, outs.Mean, known)
}

// issueGap returns the verification gap of one key issue's scores.
func issueGap(ins, outs IssueScore) Gap {
	known := shown(ins) && shown(outs)
	return newGap(ins.Respondents, outs.Respondents, ins.Mean, outs.Mean, known)
}

// shown reports whether an issue score has a mean that may be shown.
func shown(s IssueScore) bool {
	return !s.Suppressed && s.Items > 0 && s.Respondents >= MinRespondents
}

// newGap classifies insMean - outsMean when known.
func newGap(insN, outsN int, insMean, outsMean float64, known bool) Gap {
	g := Gap{Insiders: insN, Outsiders: outsN, Known: known}
	if !known {
		return g
	}
	g.Value = insMean - outsMean
	switch {
	case g.Value >= GapThreshold-epsilon:
		g.Kind = GapBlindSpot
	case g.Value <= -GapThreshold+epsilon:
		g.Kind = GapUnrecognisedStrength
	}
	return g
}
