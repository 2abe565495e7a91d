package compare

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// ErrNoSites is returned when there is nothing to compare: no site was
// named, or the store has none.
var ErrNoSites = errors.New("no sites to compare")

// Options choose the sites compared and what is passed on while reading.
type Options struct {
	// Sites are site ids or slugs, compared in this order.
	Sites []string
	// All compares every site in the store, by name. It cannot be combined
	// with Sites.
	All bool
	// Lang is the language of the texts taken from questionnaires
	// (key-issue titles, statements, criteria, directorates): "en" or
	// "it"; "" is English.
	Lang string
	// Responses, when set, receives every answered response of every
	// assessment of the sites compared, site by site, as it is read. The
	// row is valid only during the call.
	Responses func(*Row) error
	// Unsuppressed passes every row to Responses with its real role
	// level, including the respondents of groups and levels of one or two
	// people, for a researcher with a data-sharing agreement. Without it,
	// a group of one or two is left out and small levels are merged (see
	// [RowsWritten]).
	Unsuppressed bool
	// Progress, when set, is called after each site with the number of
	// sites done and the total.
	Progress func(done, total int)
	// Today is the day the sites' actions are counted overdue on
	// (YYYY-MM-DD); "" is the day of the comparison's AsOf, so that the
	// same data always gives the same figures.
	Today string
	// Round says which round (assessment) of each site is compared: the
	// zero value is each site's newest with answers ([workbook.PickRound]).
	// Every round is read; the one chosen gives the site's figures.
	Round workbook.RoundChoice
	// ReadAhead lets Gather decode each site's records other than its
	// answers on a second core, in a read of its own, one site ahead. Set
	// it only when nothing writes the store meanwhile (a store opened
	// read-only): two reads may otherwise see different states.
	ReadAhead bool
}

// Comparison is the comparison of several sites.
type Comparison struct {
	// Lang is the language the texts are in.
	Lang string
	// Sites are the sites compared, in the order asked for (by name when
	// every site is compared, and ByName is set): never ranked.
	Sites  []Site
	ByName bool
	// Basis says what the sites' questionnaires let them be compared on.
	Basis Basis
	// Issues are the key issues compared, in the first site's workbook
	// order; empty when the sites share none.
	Issues []Issue
	// Directorates are the columns of the mapping table: every directorate
	// some site lists or uses, in order of first appearance. The
	// unassigned row of each site is not among them.
	Directorates []Column
	// Criteria are the columns of the criteria table: every criterion of
	// the sites' questionnaires, in order of first appearance.
	Criteria []Column
	// SharedBarriers are the statements in the barrier band at two or more
	// sites, most sites first, then in workbook order.
	SharedBarriers []SharedBarrier
	// AsOf is the latest time recorded in the data compared: a report's
	// date that never depends on the clock.
	AsOf time.Time
	// Today is the day the actions are counted overdue on (YYYY-MM-DD):
	// Options.Today, or the day of AsOf.
	Today string
}

// Issue is a key issue compared across sites.
type Issue struct {
	ID    string
	Title string
}

// Column is one column of a table across sites: a directorate or a
// criterion.
type Column struct {
	ID   string
	Text string
}

// Site is one site's figures.
type Site struct {
	ID, Slug, Name, Organisation, Area, Language string
	// Context is the site's context note.
	Context string
	// Assessments holds every assessment of the site, its rounds, oldest
	// first. Shown is the index of the one compared ([Options].Round): see
	// [Site.Current].
	Assessments []Assessment
	Shown       int
	// Barriers are the statements whose mean is in the barrier band at
	// the current assessment, lowest first (the analysis's order).
	Barriers []Item
	// BlindSpots are the statements insiders scored 1.0 or more higher
	// than outsiders at the current assessment, largest gap first.
	BlindSpots []Item
	// Strengths are the unrecognised strengths: the statements outsiders
	// scored 1.0 or more higher than insiders, largest gap first.
	Strengths []Item
	// Compared is the number of statements whose gap is known at the
	// current assessment (both groups scored them, 3 or more people each):
	// with none, nothing was verified.
	Compared int
	// Partnerships is the number of mapped partnerships.
	Partnerships int
	// Directorates counts the mapped partnerships by directorate, as
	// [analysis.CountByDirectorate] does (its last row is the unassigned
	// one).
	Directorates []analysis.DirectorateCount
	// Criteria counts the criteria marks of the current questionnaire's
	// criteria, and MeetingAll the partnerships meeting them all.
	Criteria   []analysis.CriterionCount
	MeetingAll int
	// Actions are the actions of every assessment's plan, the
	// assessments oldest first: a plan is followed until each action is
	// done or dropped, whichever round wrote it. Plan counts them on the
	// comparison's Today ([workbook.CountPlan]).
	Actions []workbook.PlanLine
	Plan    workbook.PlanCounts
}

// Current returns the assessment the site is compared on: the round
// chosen, by default its newest with answers.
func (s *Site) Current() *Assessment { return &s.Assessments[s.Shown] }

// Round returns the number of the round the site is compared on (1 the
// oldest) and how many rounds it has.
func (s *Site) Round() (n, of int) { return s.Shown + 1, len(s.Assessments) }

// Assessment is the figures of one assessment.
type Assessment struct {
	ID, Title, Started, Completed string
	// Partnership is the selected partnership's title, "" when none is.
	Partnership string
	// Questionnaire is the questionnaire the assessment pinned.
	Questionnaire *questionnaire.Questionnaire
	// Insiders and Outsiders count the people of each group with at least
	// one answer.
	Insiders, Outsiders int
	// Responses counts the answers (scores and don't-knows).
	Responses int
	// Issues holds every key issue of the questionnaire, in workbook
	// order.
	Issues []IssueFigures
	// Rows says what the rows passed to [Options].Responses hold; zero
	// when Responses is not set.
	Rows RowsWritten
}

// Issue returns the figures of key issue id, or false.
func (a *Assessment) Issue(id string) (*IssueFigures, bool) {
	for i := range a.Issues {
		if a.Issues[i].ID == id {
			return &a.Issues[i], true
		}
	}
	return nil, false
}

// IssueFigures is one key issue's scores at one assessment.
type IssueFigures struct {
	ID    string
	Title string
	// All, Insiders and Outsiders are the issue's scores for everyone and
	// for each group.
	All, Insiders, Outsiders Score
	// Gap is the insiders' mean minus the outsiders'.
	Gap analysis.Gap
}

// Headline returns the key issue's headline score and whose it is, by the
// analysis's one rule ([analysis.IssueResult.Headline]): everyone's when it
// may be shown, else the insiders', else the outsiders'.
func (f *IssueFigures) Headline() (analysis.Population, Score) {
	pop, _ := analysis.IssueResult{All: f.All.IssueScore, Insiders: f.Insiders.IssueScore, Outsiders: f.Outsiders.IssueScore}.Headline()
	switch pop {
	case analysis.PopInsiders:
		return pop, f.Insiders
	case analysis.PopOutsiders:
		return pop, f.Outsiders
	}
	return pop, f.All
}

// Score is a key issue's score for one set of respondents: the analysis's
// figures and the spread between people.
type Score struct {
	analysis.IssueScore
	// SD is the sample standard deviation of the respondents' own scores
	// for the issue (each the mean of the statements they scored in it,
	// reversed statements flipped). It is 0 when the score is suppressed
	// or fewer than two people scored.
	SD float64
}

// Shown reports whether the score has a mean that may be shown.
func (s Score) Shown() bool { return !s.Suppressed && s.Items > 0 }

// Item is one statement's figures at one site.
type Item struct {
	Statement string
	KeyIssue  string
	// Number is the statement's place in its workbook, "2.3".
	Number string
	// Reverse says the statement is reversed (agreeing is bad): every
	// output marks it.
	Reverse bool
	Text    string
	// All, Insiders and Outsiders describe the answers (without the
	// individual scores).
	All, Insiders, Outsiders analysis.Stats
	Gap                      analysis.Gap
}

// SharedBarrier is a statement in the barrier band at two or more sites
// that used the same questionnaire.
type SharedBarrier struct {
	// Questionnaire is the id of the questionnaire the statement is from.
	Questionnaire string
	Statement     string
	KeyIssue      string
	Number, Text  string
	Reverse       bool
	// Sites are where the statement is a barrier, in the comparison's
	// order of sites.
	Sites []BarrierAt
	// Of is the number of sites that used the questionnaire: "a barrier
	// at 3 of 5".
	Of int
}

// BarrierAt is one site's figures for a shared barrier: the statement's
// headline figure there ([analysis.ItemResult.Headline]) and whose it is.
type BarrierAt struct {
	// Site is the site's index in Comparison.Sites.
	Site      int
	Pop       analysis.Population
	Mean      float64
	N         int
	Contested bool
}

// IsCompared reports whether key issue id is among those compared.
func (c *Comparison) IsCompared(id string) bool {
	return slices.ContainsFunc(c.Issues, func(i Issue) bool { return i.ID == id })
}

// Gather reads the sites opts names from svc and compares them, in one
// read transaction.
// With opts.ReadAhead, the records of each site other than its answers
// are decoded a site ahead, on a second core.
func Gather(svc *workbook.Service, opts Options) (*Comparison, error) {
	var c *Comparison
	ahead := svc
	if !opts.ReadAhead {
		ahead = nil
	}
	err := svc.Read(func(r *workbook.Reader) error {
		var err error
		c, err = gatherIn(r, opts, ahead)
		return err
	})
	return c, err
}

// GatherIn is [Gather] inside a read the caller holds, in that read alone.
func GatherIn(r *workbook.Reader, opts Options) (*Comparison, error) {
	return gatherIn(r, opts, nil)
}

// gatherIn is GatherIn, with the records read ahead in a read of ahead's
// when it is set.
func gatherIn(r *workbook.Reader, opts Options, ahead *workbook.Service) (*Comparison, error) {
	if opts.Lang == "" {
		opts.Lang = questionnaire.English
	}
	sites, err := resolve(r, opts)
	if err != nil {
		return nil, err
	}
	g := &gatherer{r: r, opts: opts, barriers: map[string]*SharedBarrier{}}
	if ahead != nil {
		next, stop := prefetch(ahead, sites)
		defer stop()
		g.next = next
	}
	c := &Comparison{Lang: opts.Lang, Sites: make([]Site, 0, len(sites)), ByName: opts.All}
	for i, s := range sites {
		site, err := g.site(i, s)
		if err != nil {
			return nil, fmt.Errorf("site %s: %w", s.Slug, err)
		}
		c.Sites = append(c.Sites, site)
		if opts.Progress != nil {
			opts.Progress(i+1, len(sites))
		}
	}
	c.AsOf = g.asOf.UTC()
	c.Today = opts.Today
	if c.Today == "" {
		c.Today = c.AsOf.Format(time.DateOnly)
	}
	for i := range c.Sites {
		s := &c.Sites[i]
		ivs := make([]workbook.Intervention, len(s.Actions))
		for k, ln := range s.Actions {
			ivs[k] = ln.Intervention
		}
		s.Plan = workbook.CountPlan(ivs, c.Today)
	}
	c.Basis = basisOf(c.Sites, opts.Lang)
	c.Issues = c.Basis.Issues
	c.Directorates, c.Criteria = columns(c.Sites, opts.Lang)
	c.SharedBarriers = g.shared(c.Sites)
	return c, nil
}

// resolve finds the sites opts names, in order, reading the list of sites
// once.
func resolve(r *workbook.Reader, opts Options) ([]workbook.Site, error) {
	if opts.All && len(opts.Sites) > 0 {
		return nil, errors.New("name sites or compare all of them, not both")
	}
	all, err := r.Sites()
	if err != nil {
		return nil, err
	}
	if opts.All {
		if len(all) == 0 {
			return nil, fmt.Errorf("%w: the store has no sites", ErrNoSites)
		}
		return all, nil
	}
	if len(opts.Sites) == 0 {
		return nil, ErrNoSites
	}
	byRef := make(map[string]int, 2*len(all))
	for i, s := range all {
		byRef[s.Slug] = i
	}
	for i, s := range all {
		byRef[s.ID] = i // an id wins over another site's slug, as Reader.Site does
	}
	out := make([]workbook.Site, 0, len(opts.Sites))
	seen := map[int]string{}
	for _, ref := range opts.Sites {
		i, ok := byRef[ref]
		if !ok {
			return nil, &workbook.NotFoundError{Kind: "site", Ref: ref}
		}
		if first, dup := seen[i]; dup {
			return nil, fmt.Errorf("site %s is named twice (as %q and %q)", all[i].Slug, first, ref)
		}
		seen[i] = ref
		out = append(out, all[i])
	}
	return out, nil
}
