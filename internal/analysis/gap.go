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
	// InsidersMean and OutsidersMean are the two means compared, 0 when
	// unknown. For a key issue they are means of statement means over the
	// compared statements.
	InsidersMean, OutsidersMean float64
	// Kind classifies Value; GapNone when unknown.
	Kind GapKind
	// Known is false when either group is suppressed or empty.
	Known bool
	// Compared is the number of statements behind a key issue's gap: those
	// both groups scored, three or more people each (1 for a statement).
	Compared int
}

// GapOf returns the verification gap of one statement. It is known only when
// both groups have at least MinRespondents scores and neither is suppressed.
func GapOf(ins, outs Stats) Gap {
	known := !ins.Suppressed && !outs.Suppressed &&
		ins.N >= MinRespondents && outs.N >= MinRespondents
	g := newGap(ins.N, outs.N, ins.Mean, outs.Mean, known)
	if known {
		g.Compared = 1
	}
	return g
}

// issueGap returns the verification gap of one key issue. It compares the
// two groups on the same statements only: those whose own gap is known
// (both groups scored it, three or more people each). Comparing insiders
// over every statement with outsiders over the verification set would mix
// different questions. The respondents counted are those who scored one of
// the compared statements; ins0 and outs0 are the groups' key-issue scores,
// whose respondent counts an unknown gap carries; scorers counts the
// people of a view who scored one of the compared statements.
func issueGap(items []ItemResult, ins0, outs0 IssueScore, scorers func(view int) int) Gap {
	var ins, outs float64
	compared := 0
	for _, it := range items {
		if !it.Gap.Known {
			continue
		}
		compared++
		ins += it.Insiders.Mean
		outs += it.Outsiders.Mean
	}
	if compared == 0 {
		// Unknown; say how many of each group took part in the key issue.
		return Gap{Insiders: ins0.Respondents, Outsiders: outs0.Respondents}
	}
	g := newGap(scorers(viewInsiders), scorers(viewOutsiders), ins/float64(compared), outs/float64(compared), true)
	g.Compared = compared
	return g
}

// newGap classifies insMean - outsMean when known.
func newGap(insN, outsN int, insMean, outsMean float64, known bool) Gap {
	g := Gap{Insiders: insN, Outsiders: outsN, Known: known}
	if !known {
		return g
	}
	g.InsidersMean, g.OutsidersMean = insMean, outsMean
	g.Value = insMean - outsMean
	g.Kind = gapKind(g.Value)
	return g
}

// gapKind classifies a gap: +GapThreshold or more is a blind spot,
// -GapThreshold or less an unrecognised strength.
func gapKind(v float64) GapKind {
	switch {
	case v >= GapThreshold-epsilon:
		return GapBlindSpot
	case v <= -GapThreshold+epsilon:
		return GapUnrecognisedStrength
	}
	return GapNone
}
