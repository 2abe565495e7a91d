// Package analysis scores an Engage workbook: statement statistics, key-issue
// scores, bands, contested items, verification gaps, the ranked barrier list,
// and the counts of the partnership mapping and selection steps.
//
// The package is pure: it reads questionnaires, participants, responses and
// partnerships passed in by the caller and returns plain values. It knows
// nothing of terminals, PDFs or storage.
//
// # Statements
//
// [Describe] summarises the answers to one statement: n, mean, median,
// standard deviation (sample, n-1), min and max, the shares agreeing and
// disagreeing, the don't-know count, every score as a dot, whether the item is
// contested and its [Band]. A "don't know" is counted but never scored.
// Reversed statements are flipped (points+1-score) for the mean, spread,
// dots and band, so that a higher score is always better; the shares
// agreeing and disagreeing stay those of the answers as written.
//
// # Key issues
//
// A key-issue score is the mean of its item means, never a sum and never a
// pooled mean of every score, so that issues with different numbers of
// statements compare fairly. Only items with at least [MinRespondents]
// scores count, so a suppressed item's mean can never be worked out from the
// issue mean by subtraction.
//
// # Anonymity
//
// No figure is shown for fewer than [MinRespondents] people. [Analyse] marks
// such statistics Suppressed and zeroes every figure except the count, so a
// reader sees why nothing is shown. A group of MinRespondents or more is
// always shown; everyone's pooled figure is withheld instead (Suppressed and
// Complementary) when the people in it not shown separately are one or
// two, and a key issue's when any of its statements' is. [Describe] itself
// does not suppress; [Anonymise] applies the threshold to its result.
// docs/figures-and-disclosure.md states the rule for readers.
//
// # Streaming
//
// [Tally] is [Analyse] fed one response at a time: a caller reading
// millions of answers from the store (the comparison of a national
// programme) never holds them. It keeps one small cell per participant and
// statement, the answer that counts, and [Tally.Result] applies the same
// rules; [Analyse] is a Tally fed a slice, so there is one implementation.
//
// # Headline figures and printing
//
// [ItemResult.Headline] and [IssueResult.Headline] give the one figure a
// reader sees first and whose it is. [Round], [ShownMean], [ShownGap],
// [ShownGapFigures] and [ShownSD] round for every output: half away from
// zero, never across a band or threshold edge, and a gap always the
// difference of the two means printed with it.
//
// # Attribution
//
// [Attribute] partitions the people who took part in an assessment into
// attribution categories, each of at least [MinRespondents] people and none
// decodable from the others and the counts on a report's cover: levels of
// 3 or more keep their label, smaller ones are merged, and when a whole
// group has one or two people nobody carries a group label. Comments in
// reports and rows of the long CSV ([AttributeRows]) are labelled by it.
//
// # Verification
//
// A [Gap] is the insider mean minus the outsider mean: +1.0 or more is a blind
// spot, -1.0 or less an unrecognised strength. A gap is known only when
// neither group is suppressed.
//
// # Barriers
//
// [Result].Barriers lists the statements whose headline mean falls in the
// barrier band, lowest first; ties put contested items first, then keep
// workbook order.
//
// # Rounds
//
// [CompareRounds] (or [CompareAssessments], which analyses both) says what
// changed between an earlier round of a partnership and the round now:
// each key issue then and now, the statements that moved by
// [MoveThreshold] or more, the barriers gone, new and still there, and the
// earlier round's action plan as it stands. A change is only ever the
// difference of two figures each shown, for the same people, so the
// anonymity rule holds for it too.
//
// # Mapping and selection
//
// [CountByDirectorate], [CountByCommunity] and [CountBySector] count mapped
// partnerships; [CountCriteria], [MeetsAll] and [SuggestOngoing] support
// applying the selection criteria.
package analysis
