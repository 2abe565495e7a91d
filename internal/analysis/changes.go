package analysis

import (
	"cmp"
	"math"
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// What changed between two rounds of the same partnership (the earlier
// round is [workbook.Reader.EarlierRound]): key-issue scores then and now,
// the statements that moved most, the barriers gone, new and still there,
// and where the earlier round's action plan stands. The site report and
// the interactive workbook both show these figures; they are worked out
// here, once, from the two rounds' [Result]s, so the disclosure rule
// applied by [Analyse] holds for them too: a change is only ever the
// difference of two figures that are each shown, for the same people.

// MoveThreshold is the smallest change in a statement's mean that counts
// as the statement having moved.
const MoveThreshold = 0.5

// RoundChanges is what changed between an earlier round and the round now.
type RoundChanges struct {
	// Then and Now are the two rounds' analyses.
	Then, Now Result
	// Issues holds one row per key issue of the round now, in workbook
	// order.
	Issues []IssueChange
	// Moves are the statements asked in both rounds whose mean, for the
	// same people, changed by MoveThreshold or more: the largest change
	// first, ties in workbook order.
	Moves []ItemMove
	// BarriersGone are the earlier round's barriers that are barriers no
	// more (in the earlier round's order); BarriersNew the barriers now
	// that were not then, and BarriersStill those that are barriers in
	// both (both in the order of [Result.Barriers] now).
	BarriersGone, BarriersNew, BarriersStill []ItemResult
	// Plan is the earlier round's action plan as it stands.
	Plan CarriedPlan
}

// IssueChange is one key issue's score then and now.
type IssueChange struct {
	KeyIssue questionnaire.KeyIssue
	// Asked is false when the earlier round's questionnaire did not have
	// the key issue: Then is then empty, and Now is the headline score
	// ([IssueResult.Headline]) whose people Pop names.
	Asked bool
	// Pop is whose scores Then and Now are: everyone's when both rounds
	// may show them, else the insiders', else the outsiders'. When no
	// population is shown in both rounds it is everyone's, and Compared
	// is false.
	Pop       Population
	Then, Now IssueScore
	// Compared is set when Then and Now are both shown; Change is then
	// Now.Mean less Then.Mean.
	Compared bool
	Change   float64
}

// ItemMove is a statement whose mean moved between the rounds.
type ItemMove struct {
	// Item is the statement's result now.
	Item ItemResult
	// Pop is whose figures Then and Now are, by the rule of
	// [IssueChange].Pop; both are shown.
	Pop       Population
	Then, Now Stats
	// Change is Now.Mean less Then.Mean.
	Change float64
}

// CarriedPlan is the earlier round's action plan as it stands.
type CarriedPlan struct {
	// Actions are the earlier round's actions, with their status and
	// reviews now.
	Actions []workbook.Intervention
	// Counts counts Actions on Day ([workbook.CountPlan]).
	Day    string
	Counts workbook.PlanCounts
	// Reviews counts the reviews made after the day Since.
	Since   string
	Reviews int
}

// RoundOptions are the days a comparison of rounds counts the earlier
// plan on.
type RoundOptions struct {
	// Day is the day (YYYY-MM-DD) an action counts as overdue on.
	Day string
	// Since is the day (YYYY-MM-DD) reviews are counted after; empty
	// counts them all.
	Since string
}

// CompareAssessments analyses both rounds ([Analyse]) and compares them
// ([CompareRounds]).
func CompareAssessments(earlier, now *workbook.AssessmentData, opts RoundOptions) RoundChanges {
	then := Analyse(earlier.Questionnaire, earlier.Participants, earlier.Responses)
	res := Analyse(now.Questionnaire, now.Participants, now.Responses)
	return CompareRounds(then, res, earlier.Interventions, opts)
}

// CompareRounds compares the analyses of an earlier round (then, with its
// action plan) and of the round now.
func CompareRounds(then, now Result, plan []workbook.Intervention, opts RoundOptions) RoundChanges {
	c := RoundChanges{Then: then, Now: now}
	c.Issues = issueChanges(then, now)
	c.Moves = moves(then, now)
	c.BarriersGone, c.BarriersNew, c.BarriersStill = barrierChanges(then, now)
	c.Plan = CarriedPlan{Actions: plan, Day: opts.Day, Counts: workbook.CountPlan(plan, opts.Day),
		Since: opts.Since, Reviews: workbook.ReviewsSince(plan, opts.Since)}
	return c
}

func shownIssue(s IssueScore) bool { return !s.Suppressed && s.Items > 0 }

// samePop picks the figures of one population at both rounds, so that a
// change compares like with like: everyone's when both may be shown, else
// the insiders', else the outsiders'. was and now are each round's
// everyone, insiders and outsiders figures; ok is false when no population
// is shown at both.
func samePop[T any](shown func(T) bool, was, now [3]T) (pop Population, w, n T, ok bool) {
	for i, p := range []Population{PopEveryone, PopInsiders, PopOutsiders} {
		if shown(was[i]) && shown(now[i]) {
			return p, was[i], now[i], true
		}
	}
	return PopNone, was[0], now[0], false
}

func issueChanges(then, now Result) []IssueChange {
	prev := map[string]IssueResult{}
	for _, is := range then.Issues {
		prev[is.KeyIssue.ID] = is
	}
	out := make([]IssueChange, 0, len(now.Issues))
	for _, is := range now.Issues {
		p, asked := prev[is.KeyIssue.ID]
		if !asked {
			pop, s := is.Headline()
			out = append(out, IssueChange{KeyIssue: is.KeyIssue, Pop: pop, Now: s})
			continue
		}
		pop, w, n, ok := samePop(shownIssue, [3]IssueScore{p.All, p.Insiders, p.Outsiders},
			[3]IssueScore{is.All, is.Insiders, is.Outsiders})
		ch := IssueChange{KeyIssue: is.KeyIssue, Asked: true, Pop: pop, Then: w, Now: n, Compared: ok}
		if ok {
			ch.Change = n.Mean - w.Mean
		} else {
			ch.Pop = PopEveryone
		}
		out = append(out, ch)
	}
	return out
}

func moves(then, now Result) []ItemMove {
	prev := map[string]ItemResult{}
	for _, it := range then.Items {
		prev[it.Statement.ID] = it
	}
	var ms []ItemMove
	for _, it := range now.Items {
		p, ok := prev[it.Statement.ID]
		if !ok {
			continue
		}
		pop, was, is, ok := samePop(shownN, [3]Stats{p.All, p.Insiders, p.Outsiders}, [3]Stats{it.All, it.Insiders, it.Outsiders})
		if !ok {
			continue
		}
		if delta := is.Mean - was.Mean; math.Abs(delta) >= MoveThreshold-1e-9 {
			ms = append(ms, ItemMove{Item: it, Pop: pop, Then: was, Now: is, Change: delta})
		}
	}
	slices.SortStableFunc(ms, func(a, b ItemMove) int { return cmp.Compare(math.Abs(b.Change), math.Abs(a.Change)) })
	return ms
}

func barrierChanges(then, now Result) (gone, added, still []ItemResult) {
	was, is := map[string]bool{}, map[string]bool{}
	for _, it := range then.Barriers {
		was[it.Statement.ID] = true
	}
	for _, it := range now.Barriers {
		is[it.Statement.ID] = true
	}
	for _, it := range then.Barriers {
		if !is[it.Statement.ID] {
			gone = append(gone, it)
		}
	}
	for _, it := range now.Barriers {
		if was[it.Statement.ID] {
			still = append(still, it)
		} else {
			added = append(added, it)
		}
	}
	return gone, added, still
}
