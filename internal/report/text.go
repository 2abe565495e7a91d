package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// labels holds every heading, label and sentence of the report in one
// language. Every field is set in every language; a test checks it.
type labels struct {
	lang    *i18n.Lang
	LangTag string // BCP 47, for the PDF's /Lang

	roles       map[workbook.Role]string
	groups      map[workbook.Group]string
	sectors     map[workbook.Sector]string
	communities map[workbook.CommunityType]string
	statuses    map[workbook.Status]string
	kinds       map[workbook.FindingKind]string
	bands       map[analysis.Band]string // as a phrase: "a barrier"
	marks       map[workbook.Mark]string
	// pops names whose a figure is ("Everyone", "Insiders"); whose is the
	// same as running text says it ("everyone's", "the insiders'").
	pops, whose map[analysis.Population]string
	// natural is the group each role level normally belongs to.
	natural map[workbook.Role]workbook.Group

	// Headings.
	ReportTitle, CoverKicker, Cover, Contents, Summary        string
	Step1, Step2, Step34, Step5, Appendix                     string
	ByDirectorate, ByCommunity, BySector, Criteria, Matrix    string
	Shortlist, Selected, WhySelected, AtAGlance, MeansByGroup string
	Spread, VerificationNotes, Gaps, Ranked, ActionPlan       string
	Suggested, IssuesThenNow, BarriersThenNow, EarlierPlan    string
	WhoTookPart, AboutSite, Names                             string

	// Labels and column titles.
	PartnershipAssessed, Assessment, Started, Completed, Questionnaire    string
	DataAsOf, InProgress, Draft, Version, NoPartnership, RoleLevel        string
	Insiders, Outsiders, InsidersShort, OutsidersShort, Everyone          string
	Total, Name, Group, Organisation, Participant                         string
	And                                                                   string // joins a list's last two items
	Partnerships, MappedPartnerships, Share, Directorate, Unassigned      string
	NotListed, CommunityType, NotRecorded, Sector, NoPartnersRecorded     string
	Criterion, Met, NotMet, Unknown, NotMarked, Partnership, SelectedMark string
	Area, Partners, Running, CriteriaMet, KeyIssue, Statement             string
	BandBarrier, BandImprove, BandGood, N, Mean, MeanN, SD, DontKnow      string
	AgreeDisagree, Gap, Reading, BlindSpot, UnrecognisedStrength          string
	NoGap, NotCompared, Contested, Rank, Action, Owner, Due, Status       string
	StatusNow, Review, By, Then, Now, Change, Reversed, InsidersOnly      string
	DialogueNotes, BarriersGone, BarriersNew, BarriersStill, None         string
	FewerThan3, Withheld, NoScores, NotInVerification, NotAsked           string
	ReversedMark, ScoresOf, Band, IssueTableNote                          string

	// Sentences and notes.
	AnonymityNote, NamesShown, LegendCompare, IssueMeanNote, SpreadNote string
	NotListedNote, SectorNote, MatrixKey, NoReason                      string
	NoneSelected, NoMapping, NoFindings, NoPlan, SuggestedNote          string
	AppendixIntro, NoScoresNext, SummaryNoIssue, SummaryConfirmed       string
	SummaryNoConfirmed, SummaryNoPlan                                   string
	MissingScores, MissingMapping, MissingSelection                     string

	// Sentences with figures.
	Mapped                func(total, directorates int) string
	UnassignedNote        func(n int) string
	MeetAll               func(all, total int) string
	ShortlistNote         func(shown, total int) string
	KeyIssueN             func(n int, title string) string
	WorkbookIntro         func(improve, good string) string
	GapsIntro             func(threshold string) string
	GapLine               func(statement, gap, insMean string, insN int, outsMean string, outsN int) string
	GapOver               func(statements int) string
	NobodyYet             func(registered int) string
	NoScoresYet           func(insiders, outsiders int) string
	SummaryNoScores       func(registered int) string
	SummaryTookPart       func(insiders, insScored, statements, outsiders, outsScored, verification int) string
	SummaryIssues         func(whose, best, bestFig, worst, worstFig string) string
	SummaryOneIssue       func(whose, title, fig string) string
	IssueFig              func(group, mean, band, other, otherMean string, otherN int) string
	SummaryBarrierBand    func(n int, threshold, lowest, whose, mean string, nn int) string
	SummaryNoBlindSpots   func(compared int) string
	SummaryNoneCompared   func(outsiders int) string
	SummaryNoBarrierBand  func(threshold string) string
	SummaryBlindSpots     func(n, shown int) string
	SummaryStrengths      func(n, shown int) string
	SummaryPlan           func(n int) string
	SummaryPlanMore       func(n int) string
	SummaryChanged        func(then string) string
	AgreedScore           func(score, points int, reversed bool) string
	Comments              func(n int) string
	MarkerNote            func(marker string) string
	WhatChanged           func(then string) string
	ChangesIntro          func(then string, insThen, outsThen int, now string, insNow, outsNow int) string
	Moved                 func(threshold string) string
	NoneMoved             func(threshold string) string
	MovedMore             func(shown, total int) string
	Page                  func(n int, total string) string
	Since                 func(year int) string
	StartNotRecorded      string
	Ongoing, Ended        string
	MeetsNone, MeetsEvery string
	MeetsSome             func(met, notMet string) string
	// NotComparedWhy says why a gap is not worked out: the groups with
	// fewer than 3 scores, and those with none.
	NotComparedWhy func(few, none []string) string
	// StatementRef and KeyIssueRef point at a statement (given its number
	// and quoted words, "3.4 “...”") or a key issue ("2") from running text.
	StatementRef func(number string) string
	KeyIssueRef  func(number int) string
}

// labelsFor returns the labels of a language the catalogue has.
func labelsFor(cat *i18n.Catalog, lang string) (*labels, bool) {
	if !cat.Has(lang) {
		return nil, false
	}
	return newLabels(cat.For(lang)), true
}

// num formats v with prec decimals, rounded half away from zero
// ([analysis.Round]), with the language's separator. A figure printed
// beside a band or a reading goes through [analysis.ShownMean] or
// [analysis.ShownGap] first.
func (l *labels) num(v float64, prec int) string {
	return l.lang.Num(analysis.Round(v, prec), prec)
}

// signed formats a change of a mean (or a gap already rounded by
// [analysis.ShownGapFigures]) with its sign, and a true minus sign, never
// across the blind-spot threshold.
func (l *labels) signed(v float64) string {
	s := l.num(analysis.ShownGap(v, 2), 2)
	switch {
	case strings.HasPrefix(s, "-"):
		return "−" + s[1:]
	case strings.Trim(s, "0.,") == "":
		return s
	}
	return "+" + s
}

// change is a difference of means with an arrow and a word, so that it
// reads without colour.
func (l *labels) change(v float64) string {
	s := l.signed(v)
	switch {
	case strings.HasPrefix(s, "+"):
		return s + " ▲"
	case strings.HasPrefix(s, "−"):
		return s + " ▼"
	}
	return s
}

func (l *labels) date(t time.Time) string {
	return l.lang.Date(t)
}

func (l *labels) dateTime(t time.Time) string {
	return l.date(t) + " " + t.Format("15:04") + " UTC"
}

// isoDate formats a YYYY-MM-DD date; anything else is shown as it is.
func (l *labels) isoDate(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return l.date(t)
}

func (l *labels) page(n int, total string) string { return l.Page(n, total) }

func (l *labels) nShort(n int) string { return "n=" + strconv.Itoa(n) }

// quote puts a text in the language's quotation marks.
func (l *labels) quote(s string) string { return l.lang.Quote(s) }

func (l *labels) role(r workbook.Role) string { return lookup(l.roles, r) }

func (l *labels) group(g workbook.Group) string { return lookup(l.groups, g) }

// groupRole names a role level, and the group when it is not the one the
// level belongs to.
func (l *labels) groupRole(g workbook.Group, r workbook.Role) string {
	if l.natural[r] == g {
		return l.role(r)
	}
	return l.role(r) + " (" + strings.ToLower(l.group(g)) + ")"
}

// category names an attribution category: "a participant" for everyone,
// the group for a whole group, the level for one level, and the group with
// its levels for a merged category ("Insiders: senior staff and middle
// managers").
func (l *labels) category(c analysis.Category) string {
	switch {
	case c.Group == "":
		return l.Participant
	case c.Whole:
		return l.group(c.Group)
	case len(c.Roles) == 1:
		return l.groupRole(c.Group, c.Roles[0])
	}
	names := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		names[i] = strings.ToLower(l.role(r))
	}
	last := len(names) - 1
	return l.group(c.Group) + ": " + strings.Join(names[:last], ", ") + " " + l.And + " " + names[last]
}

func (l *labels) sector(s workbook.Sector) string { return lookup(l.sectors, s) }

func (l *labels) community(c workbook.CommunityType) string {
	if c == workbook.CommunityUnknown {
		return l.NotRecorded
	}
	return lookup(l.communities, c)
}

func (l *labels) status(s workbook.Status) string { return lookup(l.statuses, s) }

func (l *labels) findingKind(k workbook.FindingKind) string { return lookup(l.kinds, k) }

func (l *labels) band(b analysis.Band) string { return lookup(l.bands, b) }

// bandShort names a band in a table cell: "Improve".
func (l *labels) bandShort(b analysis.Band) string {
	switch b {
	case analysis.BandBarrier:
		return l.BandBarrier
	case analysis.BandImprove:
		return l.BandImprove
	case analysis.BandGood:
		return l.BandGood
	}
	return ""
}

// pop names whose a figure is, as a column or a label does ("Insiders").
func (l *labels) pop(p analysis.Population) string { return lookup(l.pops, p) }

// whoseOf says whose a figure is, as running text does ("the insiders'").
func (l *labels) whoseOf(p analysis.Population) string { return lookup(l.whose, p) }

func (l *labels) mark(m workbook.Mark) string { return lookup(l.marks, m) }

// running says since when a partnership runs and whether it still does.
func (l *labels) running(start int, ongoing bool) string {
	s := l.StartNotRecorded
	if start > 0 {
		s = l.Since(start)
	}
	if ongoing {
		return s + ", " + l.Ongoing
	}
	return s + ", " + l.Ended
}

// criteriaMet says which criteria a partnership meets.
func (l *labels) criteriaMet(met, notMet []string) string {
	switch {
	case len(met) == 0:
		return l.MeetsNone
	case len(notMet) == 0:
		return l.MeetsEvery
	}
	return l.MeetsSome(strings.Join(met, ", "), strings.Join(notMet, ", "))
}

// lookup returns a label, or the value itself when the language has none
// (a value written by a newer Engage), so that nothing is hidden.
func lookup[K ~string](m map[K]string, k K) string {
	if s, ok := m[k]; ok {
		return s
	}
	return string(k)
}
