// Package demo fills a store with a deterministic demonstration study: the
// five pilot sites of the research design, and as many synthetic sites as a
// scale test asks for.
//
// # The pilot sites
//
//  1. Eastbrook pilot (Eastbrook City Council) reproduces the seed research's
//     mapping of 126 partnerships (53, 18, 1, 21, 26 and 5 by directorate, two
//     not placed under any) and its findings.
//  2. Westmoor County: a rural county whose local area coordinators ran the
//     sessions; the outsiders show the insiders a blind spot.
//  3. Portsea localities: six localities with service co-ordination teams;
//     one statement is contested.
//  4. Tynebridge South: family hubs and a data lab, assessed twice a year
//     apart so that a report can show what changed.
//  5. Ambito Valle del Sole: an Italian ambito territoriale working on its
//     Piano di Zona; one outsider breakdown is too small to show.
//
// # Determinism
//
// Every random choice comes from a PCG generator seeded per site, and every
// record id the demo makes comes from a second generator of the site, so a
// build writes the same records every time. Pass [Clock] and [IDs] to
// workbook.Options for the records the service stamps itself.
//
// The study is written only through workbook.Change methods, the same ones
// the TUI and the CLI use.
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// PilotSites is the number of pilot sites the study has by default.
const PilotSites = 5

// Options size the study.
type Options struct {
	// Sites is how many sites to build: 0 means the five pilot sites; more
	// adds synthetic sites ("Synthetic site 6", ...) for scale tests.
	Sites int
	// Participants is how many people take part at each site, split about
	// 60% insiders and 40% outsiders; 0 means each pilot site's own numbers
	// (10 at a synthetic site).
	Participants int
	// Progress, when set, is called by BuildEach after each site with the
	// number of sites built and the total.
	Progress func(done, total int)
}

// Check refuses options the study could not be built with: negative
// numbers, or more sites or participants than the workbook's limits allow
// (workbook.MaxSites, workbook.MaxParticipants), before anything is built.
// The error past a limit is a *workbook.LimitError naming the option.
func (o Options) Check() error {
	switch {
	case o.Sites < 0 || o.Participants < 0:
		return errors.New("demo: the number of sites and participants must not be negative")
	case o.Sites > workbook.MaxSites:
		return &workbook.LimitError{Limit: workbook.LimitSites, Where: "--sites: the demo", Count: o.Sites}
	case o.Participants > workbook.MaxParticipants:
		return &workbook.LimitError{Limit: workbook.LimitParticipants, Where: "--participants: each demo assessment", Count: o.Participants}
	}
	return nil
}

// SiteID returns the fixed id of demo site n (1-based), e.g. "demo-01".
func SiteID(n int) string { return fmt.Sprintf("demo-%02d", n) }

// Clock returns the demo's clock: always 2026-03-02 10:00 UTC.
func Clock() func() time.Time {
	t := time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)
	return func() time.Time { return t }
}

// IDs returns a deterministic source of 16-hex-digit record ids for
// workbook.Options: the same seed gives the same ids in the same order. It
// is safe for concurrent use.
func IDs(seed uint64) func() string {
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(seed, streamIDs))
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		return hexID(r)
	}
}

// The PCG streams of a site: one for content, one for record ids, so that
// changing the content does not change ids drawn later, and the other way
// round.
const (
	streamContent = 0x636f6e74656e74
	streamIDs     = 0x6964
	streamMapping = 0x6d6170
)

func hexID(r *rand.Rand) string { return fmt.Sprintf("%016x", r.Uint64()) }

// Build writes the study inside c, one transaction. Demo sites that exist
// already (the same fixed ids) are deleted first and rebuilt, so building
// twice leaves the same data as building once; other sites are left alone.
// It returns the sites built, in order.
func Build(c *workbook.Change, q *questionnaire.Questionnaire, opts Options) ([]workbook.Site, error) {
	switch {
	case c == nil || q == nil:
		return nil, errors.New("demo: a change and a questionnaire are required")
	case opts.Check() != nil:
		return nil, opts.Check()
	case len(q.Statements()) == 0:
		return nil, errors.New("demo: the questionnaire has no statements")
	}
	n := Count(opts)
	for i := 1; i <= n; i++ {
		if err := c.DeleteSite(SiteID(i)); err != nil && !errors.Is(err, workbook.ErrNotFound) {
			return nil, fmt.Errorf("delete demo site %s: %w", SiteID(i), err)
		}
	}
	sc := newScaffold(q)
	sites := make([]workbook.Site, 0, n)
	for i := 1; i <= n; i++ {
		s, err := buildOne(c, sc, i, opts)
		if err != nil {
			return nil, err
		}
		sites = append(sites, s)
	}
	return sites, nil
}

// Count is how many sites Build makes with opts.
func Count(opts Options) int {
	if opts.Sites == 0 {
		return PilotSites
	}
	return opts.Sites
}

// BuildSite rebuilds demo site i (1 to Count(opts)) alone, so that a large
// synthetic study can be written one transaction per site: bbolt slows
// down more than linearly in one very large transaction. Building sites 1
// to n in order, with the same Service, gives the same records as Build.
func BuildSite(c *workbook.Change, q *questionnaire.Questionnaire, i int, opts Options) (workbook.Site, error) {
	switch {
	case c == nil || q == nil:
		return workbook.Site{}, errors.New("demo: a change and a questionnaire are required")
	case opts.Check() != nil:
		return workbook.Site{}, opts.Check()
	case len(q.Statements()) == 0:
		return workbook.Site{}, errors.New("demo: the questionnaire has no statements")
	case i < 1 || i > Count(opts):
		return workbook.Site{}, fmt.Errorf("demo: there is no site %d of %d", i, Count(opts))
	}
	if err := c.DeleteSite(SiteID(i)); err != nil && !errors.Is(err, workbook.ErrNotFound) {
		return workbook.Site{}, fmt.Errorf("delete demo site %s: %w", SiteID(i), err)
	}
	return buildOne(c, newScaffold(q), i, opts)
}

// BuildEach writes the study with svc one transaction per site (see
// BuildSite), and returns the sites built, in order. An error or a kill
// part way leaves the sites built so far: to have the whole study or
// none of it, run BuildEach on a staged copy of the store that takes the
// store's place once it returns (store.Replace), as engage demo does.
func BuildEach(svc *workbook.Service, q *questionnaire.Questionnaire, opts Options) ([]workbook.Site, error) {
	switch {
	case svc == nil:
		return nil, errors.New("demo: a service is required")
	case opts.Sites < 0 || opts.Participants < 0:
		return nil, errors.New("demo: the number of sites and participants must not be negative")
	}
	n := Count(opts)
	sites := make([]workbook.Site, 0, n)
	for i := 1; i <= n; i++ {
		err := svc.Change(func(c *workbook.Change) error {
			s, err := BuildSite(c, q, i, opts)
			if err == nil {
				sites = append(sites, s)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		if opts.Progress != nil {
			opts.Progress(i, n)
		}
	}
	return sites, nil
}

func buildOne(c *workbook.Change, sc *scaffold, i int, opts Options) (workbook.Site, error) {
	var plan sitePlan
	if i <= PilotSites {
		plan = pilot(i)
	} else {
		plan = synthetic(i)
	}
	s, err := buildSite(c, sc, plan, opts)
	if err != nil {
		return workbook.Site{}, fmt.Errorf("demo site %d (%s): %w", i, plan.site.Name, err)
	}
	return s, nil
}

// pilot returns the plan of pilot site n (1..PilotSites).
func pilot(n int) sitePlan {
	switch n {
	case 1:
		return eastbrook()
	case 2:
		return westmoor()
	case 3:
		return portsea()
	case 4:
		return tynebridge()
	default:
		return valleDelSole()
	}
}

// buildSite creates one site from its plan: the site, its mapping with the
// criteria applied, and each planned assessment.
func buildSite(c *workbook.Change, sc *scaffold, plan sitePlan, opts Options) (workbook.Site, error) {
	in := plan.site
	in.ID = SiteID(plan.n)
	site, first, err := c.CreateSite(in, sc.q)
	if err != nil {
		return workbook.Site{}, err
	}
	// CreateSite starts an assessment dated today with no title; the plan
	// has its own dates and titles, so start those instead.
	if err := c.DeleteAssessment(site.ID, first.ID); err != nil {
		return workbook.Site{}, err
	}
	b := &builder{
		c: c, sc: sc, plan: &plan, site: site,
		rng: rand.New(rand.NewPCG(plan.seed, streamContent)),
		ids: rand.New(rand.NewPCG(plan.seed, streamIDs)),
	}
	b.offsets = make([]float64, len(sc.stmts))
	for i := range b.offsets {
		b.offsets[i] = b.rng.NormFloat64() * 0.3
	}
	pids, err := b.partnerships()
	if err != nil {
		return workbook.Site{}, err
	}
	for _, ap := range plan.assessments {
		if err := b.assessment(ap, pids, opts.Participants); err != nil {
			return workbook.Site{}, fmt.Errorf("assessment %q: %w", ap.title, err)
		}
	}
	return site, nil
}

// sortedIDs returns n new record ids in ascending order. Records written in
// one change share a timestamp, and the workbook lists participants,
// findings and interventions by creation time and then id: sorted ids keep
// them in the order the demo adds them.
func (b *builder) sortedIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = hexID(b.ids)
	}
	slices.Sort(out)
	return out
}
