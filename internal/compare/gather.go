package compare

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// gatherer reads the sites one at a time and keeps what the comparison
// needs of each.
type gatherer struct {
	r    *workbook.Reader
	opts Options
	asOf time.Time
	// barriers collects every site's barriers by statement; order keeps
	// the keys in the order first seen.
	barriers map[string]*SharedBarrier
	order    []string
	// row is reused for every response passed on.
	row Row
	// tally, at and withheld are reused from one assessment to the next:
	// the analysis's tally, the time of each answer that counts (when rows
	// are passed on), and the answers whose score the rows leave out.
	tally    *analysis.Tally
	at       []time.Time
	withheld []bool
	// next, when set, gives the next site's records, read ahead (see
	// prefetch); rec is the current site's.
	next func() *siteRecords
	rec  *siteRecords
}

func (g *gatherer) later(t time.Time) {
	if t.After(g.asOf) {
		g.asOf = t
	}
}

// site gathers one site: index i in the comparison.
func (g *gatherer) site(i int, s workbook.Site) (Site, error) {
	g.later(s.Updated)
	out := Site{
		ID: s.ID, Slug: s.Slug, Name: s.Name, Organisation: s.Organisation, Area: s.Area,
		Language: s.Language, Context: s.Context,
	}
	if g.next != nil {
		g.rec = g.next()
	} else {
		g.rec = readSite(g.r, s.ID)
	}
	if g.rec.err != nil {
		return Site{}, g.rec.err
	}
	as, ps := g.rec.assessments, g.rec.partnerships
	if len(as) == 0 {
		return Site{}, fmt.Errorf("%s has no assessment to compare; start one or leave the site out", s.Name)
	}
	answered, err := g.r.RoundAnswers(s.ID, as)
	if err != nil {
		return Site{}, err
	}
	if out.Shown, err = workbook.PickRound(as, answered, g.opts.Round); err != nil {
		if nr, ok := err.(*workbook.NoRoundError); ok {
			nr.Site = s.Name
		}
		return Site{}, err
	}
	titles := make(map[string]string, len(ps))
	for _, p := range ps {
		titles[p.ID] = p.Title
		g.later(p.Updated)
	}
	for k, a := range as {
		fig, res, err := g.assessment(&out, a, titles[a.PartnershipID])
		if err != nil {
			return Site{}, fmt.Errorf("assessment %s: %w", assessmentName(a), err)
		}
		out.Assessments = append(out.Assessments, fig)
		if k == out.Shown {
			g.current(i, &out, fig.Questionnaire, res)
		}
		for _, iv := range g.rec.actions[a.ID] {
			g.later(iv.Updated)
			line := workbook.PlanLine{Site: s, Assessment: a, Intervention: iv}
			if ki, ok := fig.Questionnaire.KeyIssue(iv.KeyIssueID); ok && iv.KeyIssueID != "" {
				line.KeyIssue = &ki
			}
			out.Actions = append(out.Actions, line)
		}
	}
	q := out.Current().Questionnaire
	out.Partnerships = len(ps)
	out.Directorates, _ = analysis.CountByDirectorate(s.Directorates, ps)
	out.Criteria, out.MeetingAll = analysis.CountCriteria(q.Criteria, ps)
	return out, nil
}

func assessmentName(a workbook.Assessment) string {
	if a.Title != "" {
		return fmt.Sprintf("%q", a.Title)
	}
	return "of " + a.Started
}

// assessment analyses one assessment, passing its responses on as rows
// when asked, and returns its figures and the analysis (for the current
// one's statements). The responses stream from the store into the
// analysis's tally: what is held is one cell per participant and
// statement, never the responses.
func (g *gatherer) assessment(s *Site, a workbook.Assessment, partnership string) (Assessment, analysis.Result, error) {
	g.later(a.DataAsOf(a.Updated))
	q, err := g.r.Questionnaire(a.Questionnaire)
	if err != nil {
		return Assessment{}, analysis.Result{}, err
	}
	people := g.rec.people[a.ID]
	if g.tally == nil {
		g.tally = analysis.NewTally(q, people)
	} else {
		g.tally.Reset(q, people)
	}
	t := g.tally
	nItems := len(q.Statements())
	rows := g.opts.Responses != nil
	if rows {
		g.at = resize(g.at, len(people)*nItems)
	}
	answered := 0
	err = g.r.EachResponse(s.ID, a.ID, func(r *workbook.Response) error {
		g.later(r.At)
		if r.Answered() {
			answered++
		}
		if slot, ok := t.Add(r); ok && rows {
			g.at[slot.Participant*nItems+slot.Item] = r.At
		}
		return nil
	})
	if err != nil {
		return Assessment{}, analysis.Result{}, err
	}
	res := t.Result()
	fig := Assessment{
		ID: a.ID, Title: a.Title, Started: a.Started, Completed: a.Completed,
		Partnership: partnership, Questionnaire: q,
		Insiders: res.Insiders, Outsiders: res.Outsiders,
		Responses: answered,
	}
	issueOf := issuesOf(q)
	sd := spread(q, issueOf, people, t)
	for k, ir := range res.Issues {
		fig.Issues = append(fig.Issues, IssueFigures{
			ID:        ir.KeyIssue.ID,
			Title:     ir.KeyIssue.Title.In(g.opts.Lang),
			All:       withSD(ir.All, sd[k][viewAll]),
			Insiders:  withSD(ir.Insiders, sd[k][viewInsiders]),
			Outsiders: withSD(ir.Outsiders, sd[k][viewOutsiders]),
			Gap:       ir.Gap,
		})
	}
	if rows {
		if err := g.rows(s, &fig, issueOf, people, t); err != nil {
			return Assessment{}, analysis.Result{}, err
		}
	}
	return fig, res, nil
}

// resize returns xs with length n, zeroed, reusing its memory.
func resize[T any](xs []T, n int) []T {
	if cap(xs) < n {
		return make([]T, n)
	}
	xs = xs[:n]
	clear(xs)
	return xs
}

// issuesOf returns the key issue of each statement of q, by its index in
// q.Statements().
func issuesOf(q *questionnaire.Questionnaire) []int {
	var out []int
	for k, ki := range q.KeyIssues {
		for range ki.Statements {
			out = append(out, k)
		}
	}
	return out
}

func withSD(s analysis.IssueScore, sd float64) Score {
	if s.Suppressed {
		sd = 0
	}
	return Score{IssueScore: s, SD: sd}
}

// current keeps the statement-level figures of a site's current
// assessment: its barriers and blind spots.
func (g *gatherer) current(i int, s *Site, q *questionnaire.Questionnaire, res analysis.Result) {
	items := q.Numbering()
	for _, it := range res.Barriers {
		s.Barriers = append(s.Barriers, g.item(q, items, it))
		k := barrierKey(q, it.Statement)
		b, ok := g.barriers[k]
		if !ok {
			x := g.item(q, items, it)
			b = &SharedBarrier{Questionnaire: q.ID, Statement: x.Statement, KeyIssue: x.KeyIssue, Number: x.Number, Text: x.Text, Reverse: x.Reverse}
			g.barriers[k] = b
			g.order = append(g.order, k)
		}
		pop, h := it.Headline()
		b.Sites = append(b.Sites, BarrierAt{Site: i, Pop: pop, Mean: h.Mean, N: h.N, Contested: h.Contested})
	}
	for _, it := range res.Items {
		if it.Gap.Known {
			s.Compared++
		}
		switch it.Gap.Kind {
		case analysis.GapBlindSpot:
			s.BlindSpots = append(s.BlindSpots, g.item(q, items, it))
		case analysis.GapUnrecognisedStrength:
			s.Strengths = append(s.Strengths, g.item(q, items, it))
		}
	}
	slices.SortStableFunc(s.BlindSpots, func(a, b Item) int { return cmp.Compare(b.Gap.Value, a.Gap.Value) })
	slices.SortStableFunc(s.Strengths, func(a, b Item) int { return cmp.Compare(a.Gap.Value, b.Gap.Value) })
}

func (g *gatherer) item(q *questionnaire.Questionnaire, items questionnaire.Numbering, it analysis.ItemResult) Item {
	strip := func(s analysis.Stats) analysis.Stats { s.Scores = nil; return s }
	return Item{
		Statement: it.Statement.ID, KeyIssue: it.KeyIssueID,
		Number: items.Number(it.Statement.ID), Text: it.Statement.Text.In(g.opts.Lang), Reverse: it.Statement.Reverse,
		All: strip(it.All), Insiders: strip(it.Insiders), Outsiders: strip(it.Outsiders), Gap: it.Gap,
	}
}

// barrierKey identifies a statement across sites: only the same statement
// of the same questionnaire, on the same scale and scored the same way,
// is matched.
func barrierKey(q *questionnaire.Questionnaire, st questionnaire.Statement) string {
	return fmt.Sprintf("%s\x00%d\x00%s\x00%t", q.ID, q.Scale.Points, st.ID, st.Reverse)
}

// shared returns the statements that are barriers at two or more sites.
func (g *gatherer) shared(sites []Site) []SharedBarrier {
	of := map[string]int{} // sites per questionnaire id and scale
	for _, s := range sites {
		q := s.Current().Questionnaire
		of[fmt.Sprintf("%s\x00%d", q.ID, q.Scale.Points)]++
	}
	type ranked struct {
		b   *SharedBarrier
		pos int
	}
	var out []ranked
	for k, key := range g.order {
		b := g.barriers[key]
		if len(b.Sites) < 2 {
			continue
		}
		q := sites[b.Sites[0].Site].Current().Questionnaire
		b.Of = of[fmt.Sprintf("%s\x00%d", q.ID, q.Scale.Points)]
		out = append(out, ranked{b, k})
	}
	// Most sites first; then the workbook order of the first site that
	// has the statement, which is the order first seen.
	slices.SortStableFunc(out, func(a, b ranked) int {
		if c := cmp.Compare(len(b.b.Sites), len(a.b.Sites)); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	res := make([]SharedBarrier, len(out))
	for i, x := range out {
		res[i] = *x.b
	}
	return res
}

// The sets of respondents a spread is worked out for.
const (
	viewAll = iota
	viewInsiders
	viewOutsiders
	views
)

// spread returns, for each key issue of q and each view, the sample
// standard deviation of the respondents' own issue scores. It takes the
// answers that count from the analysis's tally (a known participant, a
// statement of q, a score on the scale, the last one when a statement was
// answered twice); don't-knows are not scored, reversed statements are
// flipped.
func spread(q *questionnaire.Questionnaire, issueOf []int, people []workbook.Participant, t *analysis.Tally) [][views]float64 {
	items := q.Statements()
	nk := len(q.KeyIssues)
	sum := make([]float64, len(people)*nk)
	cnt := make([]int, len(people)*nk)
	for pi := range people {
		for i, st := range items {
			a, ok := t.Answer(analysis.Slot{Participant: pi, Item: i})
			if !ok || a.DontKnow {
				continue
			}
			score := a.Score
			if st.Reverse {
				score = q.Scale.Points + 1 - score
			}
			sum[pi*nk+issueOf[i]] += float64(score)
			cnt[pi*nk+issueOf[i]]++
		}
	}
	out := make([][views]float64, nk)
	var means [views][]float64
	for k := range nk {
		for v := range views {
			means[v] = means[v][:0]
		}
		for pi, p := range people {
			if cnt[pi*nk+k] == 0 {
				continue
			}
			m := sum[pi*nk+k] / float64(cnt[pi*nk+k])
			means[viewAll] = append(means[viewAll], m)
			switch p.Group {
			case workbook.Insider:
				means[viewInsiders] = append(means[viewInsiders], m)
			case workbook.Outsider:
				means[viewOutsiders] = append(means[viewOutsiders], m)
			}
		}
		for v := range views {
			out[k][v] = sampleSD(means[v])
		}
	}
	return out
}

// sampleSD is the sample standard deviation (n-1) of xs, 0 for fewer than
// two values.
func sampleSD(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}
