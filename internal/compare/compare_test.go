package compare_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func TestPilotSitesAgreeWithAnalysis(t *testing.T) {
	svc := pilot(t)
	c := gather(t, svc, compare.Options{All: true})
	var names []string
	for _, s := range c.Sites {
		names = append(names, s.Name)
	}
	want := []string{"Ambito Valle del Sole", "Eastbrook pilot", "Portsea localities", "Tynebridge South", "Westmoor County"}
	if !slices.Equal(names, want) {
		t.Fatalf("sites %q, want %q (by name)", names, want)
	}
	if c.Basis.Level != compare.LevelStatements || c.Basis.Mixed() || len(c.Issues) != 4 {
		t.Fatalf("basis %s, %d questionnaires, %d issues; want statements, 1, 4", c.Basis.Level, len(c.Basis.Questionnaires), len(c.Issues))
	}
	for i := range c.Sites {
		s := &c.Sites[i]
		t.Run(s.Slug, func(t *testing.T) {
			d, res := load(t, svc, s.ID, "")
			cur := s.Current()
			if cur.ID != d.Assessment.ID {
				t.Fatalf("compared assessment %s, want the current %s", cur.ID, d.Assessment.ID)
			}
			if cur.Insiders != res.Insiders || cur.Outsiders != res.Outsiders {
				t.Errorf("%d insiders, %d outsiders; analysis %d, %d", cur.Insiders, cur.Outsiders, res.Insiders, res.Outsiders)
			}
			for k, ir := range res.Issues {
				got := cur.Issues[k]
				if got.ID != ir.KeyIssue.ID || got.All.IssueScore != ir.All || got.Insiders.IssueScore != ir.Insiders ||
					got.Outsiders.IssueScore != ir.Outsiders || got.Gap != ir.Gap {
					t.Errorf("issue %s: %+v, analysis %+v", ir.KeyIssue.ID, got, ir)
				}
				if got.All.Shown() && got.All.SD <= 0 {
					t.Errorf("issue %s: no spread between %d people", ir.KeyIssue.ID, got.All.Respondents)
				}
			}
			var barriers, blind []string
			for _, b := range res.Barriers {
				barriers = append(barriers, b.Statement.ID)
			}
			for _, it := range res.Items {
				if it.Gap.Kind == analysis.GapBlindSpot {
					blind = append(blind, it.Statement.ID)
				}
			}
			if got := statementIDs(s.Barriers); !slices.Equal(got, barriers) {
				t.Errorf("barriers %q, analysis %q", got, barriers)
			}
			got := statementIDs(s.BlindSpots)
			slices.Sort(got)
			slices.Sort(blind)
			if !slices.Equal(got, blind) {
				t.Errorf("blind spots %q, analysis %q", got, blind)
			}
			for k := 1; k < len(s.BlindSpots); k++ {
				if s.BlindSpots[k].Gap.Value > s.BlindSpots[k-1].Gap.Value {
					t.Errorf("blind spots not largest gap first: %v", s.BlindSpots)
				}
			}
			for _, it := range append(s.Barriers, s.BlindSpots...) {
				if it.Text == "" || it.Number == "" || it.All.Scores != nil {
					t.Errorf("item %s: text %q, number %q, %d scores kept", it.Statement, it.Text, it.Number, len(it.All.Scores))
				}
			}
			_, total := analysis.CountByDirectorate(d.Site.Directorates, d.Partnerships)
			if s.Partnerships != total || s.Partnerships != len(d.Partnerships) {
				t.Errorf("%d partnerships, want %d", s.Partnerships, total)
			}
			rows, all := analysis.CountCriteria(d.Questionnaire.Criteria, d.Partnerships)
			same := slices.EqualFunc(s.Criteria, rows, func(a, b analysis.CriterionCount) bool {
				return a.Criterion.ID == b.Criterion.ID && a.Met == b.Met && a.NotMet == b.NotMet && a.Unknown == b.Unknown
			})
			if s.MeetingAll != all || !same {
				t.Errorf("criteria %v (%d meeting all), want %v (%d)", s.Criteria, s.MeetingAll, rows, all)
			}
			if s.Context == "" {
				t.Error("no context note")
			}
		})
	}

	eastbrook := c.Sites[1]
	var counts []int
	for _, d := range eastbrook.Directorates {
		counts = append(counts, d.Count)
	}
	if !slices.Equal(counts, []int{53, 18, 1, 21, 26, 5, 2}) || eastbrook.Partnerships != 126 {
		t.Errorf("Eastbrook's mapping %v of %d, want the seed's 53 18 1 21 26 5 and 2 unplaced, of 126", counts, eastbrook.Partnerships)
	}
	if n := len(c.Sites[3].Assessments); n != 2 {
		t.Errorf("Tynebridge South has %d assessments, want 2", n)
	}
	if len(c.Directorates) != 6 || len(c.Criteria) != 7 {
		t.Errorf("%d directorate and %d criteria columns, want 6 and 7", len(c.Directorates), len(c.Criteria))
	}
	if c.AsOf.IsZero() {
		t.Error("no date for the data")
	}
}

// TestSharedBarriers checks the barriers at two or more sites against each
// site's own barriers.
func TestSharedBarriers(t *testing.T) {
	c := gather(t, pilot(t), compare.Options{All: true})
	at := map[string][]int{}
	for i, s := range c.Sites {
		for _, b := range s.Barriers {
			at[b.Statement] = append(at[b.Statement], i)
		}
	}
	want := 0
	for _, sites := range at {
		if len(sites) >= 2 {
			want++
		}
	}
	if want == 0 {
		t.Fatal("the demo has no statement that is a barrier at two sites: nothing to test")
	}
	if len(c.SharedBarriers) != want {
		t.Fatalf("%d shared barriers, want %d", len(c.SharedBarriers), want)
	}
	for k, b := range c.SharedBarriers {
		var sites []int
		for _, x := range b.Sites {
			sites = append(sites, x.Site)
			s := c.Sites[x.Site]
			i := slices.IndexFunc(s.Barriers, func(it compare.Item) bool { return it.Statement == b.Statement })
			if i < 0 || s.Barriers[i].All.Mean != x.Mean || s.Barriers[i].All.N != x.N {
				t.Errorf("%s at %s: %+v, not the site's barrier figures", b.Statement, s.Slug, x)
			}
		}
		if !slices.Equal(sites, at[b.Statement]) || b.Of != 5 || b.Text == "" {
			t.Errorf("%s: sites %v of %d, want %v of 5", b.Statement, sites, b.Of, at[b.Statement])
		}
		if k > 0 && len(b.Sites) > len(c.SharedBarriers[k-1].Sites) {
			t.Errorf("shared barriers not most sites first")
		}
	}
}

func TestSitesKeepTheOrderAsked(t *testing.T) {
	svc := pilot(t)
	c := gather(t, svc, compare.Options{Sites: []string{"westmoor-county", demo.SiteID(1), "ambito-valle-del-sole"}, Lang: "it"})
	var got []string
	for _, s := range c.Sites {
		got = append(got, s.Slug)
	}
	if want := []string{"westmoor-county", "eastbrook-pilot", "ambito-valle-del-sole"}; !slices.Equal(got, want) {
		t.Errorf("sites %q, want %q", got, want)
	}
	q := c.Sites[0].Current().Questionnaire
	if c.Issues[0].Title != q.KeyIssues[0].Title.In("it") || c.Issues[0].Title == q.KeyIssues[0].Title.In("en") {
		t.Errorf("key issue title %q is not in Italian", c.Issues[0].Title)
	}
	for _, b := range c.SharedBarriers {
		if b.Of != 3 {
			t.Errorf("%s: a barrier at %d of %d sites, want of 3", b.Statement, len(b.Sites), b.Of)
		}
	}
}

func TestSpreadBetweenPeople(t *testing.T) {
	svc := newService(t)
	q := defaultQuestionnaire(t)
	ki := q.KeyIssues[0]
	s1, s2 := ki.Statements[0].ID, ki.Statements[1].ID
	err := svc.Change(func(c *workbook.Change) error {
		site, a, err := c.CreateSite(workbook.SiteInput{ID: "one", Name: "One", Organisation: "One council"}, q)
		if err != nil {
			return err
		}
		// Issue scores of the insiders: (5+3)/2 = 4, (4+4)/2 = 4, and 2
		// (a don't-know is not scored). The two outsiders are too few.
		answers := []struct {
			g       workbook.Group
			s1, s2  int
			dontKno bool
		}{
			{workbook.Insider, 5, 3, false},
			{workbook.Insider, 4, 4, false},
			{workbook.Insider, 2, 0, true},
			{workbook.Outsider, 1, 1, false},
			{workbook.Outsider, 5, 5, false},
		}
		for _, x := range answers {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: x.g, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			in := workbook.ResponseInput{SiteID: site.ID, AssessmentID: a.ID, ParticipantID: p.ID, StatementID: s1, Score: x.s1}
			if _, err := c.RecordResponse(in); err != nil {
				return err
			}
			in.StatementID, in.Score, in.DontKnow = s2, x.s2, x.dontKno
			if _, err := c.RecordResponse(in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c := gather(t, svc, compare.Options{Sites: []string{"one"}})
	is := c.Sites[0].Current().Issues[0]
	if want := math.Sqrt(4.0 / 3); math.Abs(is.Insiders.SD-want) > 1e-12 || is.Insiders.Respondents != 3 {
		t.Errorf("insiders' spread %v of %d people, want %v of 3", is.Insiders.SD, is.Insiders.Respondents, want)
	}
	// Everyone's (4, 4, 2, 1, 5) less the insiders' would give the two
	// outsiders': withheld, spread and all.
	if !is.All.Suppressed || !is.All.Complementary || is.All.SD != 0 || is.All.Respondents != 5 {
		t.Errorf("everyone's score beside two outsiders: %+v", is.All)
	}
	if !is.Outsiders.Suppressed || is.Outsiders.SD != 0 || is.Outsiders.Respondents != 2 || is.Gap.Known {
		t.Errorf("two outsiders shown: %+v, gap %+v", is.Outsiders, is.Gap)
	}
	if other := c.Sites[0].Current().Issues[1]; other.All.Respondents != 0 || other.All.SD != 0 {
		t.Errorf("an issue nobody scored: %+v", other.All)
	}
}

func TestGatherErrors(t *testing.T) {
	svc := pilot(t)
	empty := newService(t)
	tests := []struct {
		name string
		svc  *workbook.Service
		opts compare.Options
		is   error
		says string
	}{
		{"unknown site", svc, compare.Options{Sites: []string{"eastbrook-pilot", "nowhere"}}, workbook.ErrNotFound, `"nowhere"`},
		{"no sites named", svc, compare.Options{}, compare.ErrNoSites, "no sites"},
		{"empty store", empty, compare.Options{All: true}, compare.ErrNoSites, "the store has no sites"},
		{"both", svc, compare.Options{All: true, Sites: []string{"eastbrook-pilot"}}, nil, "not both"},
		{"twice", svc, compare.Options{Sites: []string{"eastbrook-pilot", demo.SiteID(1)}}, nil, "named twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := compare.Gather(tc.svc, tc.opts)
			if err == nil {
				t.Fatalf("no error, %d sites", len(c.Sites))
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", err, tc.says)
			}
		})
	}
}

func TestSiteWithoutAssessment(t *testing.T) {
	svc := newService(t)
	q := defaultQuestionnaire(t)
	err := svc.Change(func(c *workbook.Change) error {
		s, a, err := c.CreateSite(workbook.SiteInput{ID: "bare", Name: "Bare", Organisation: "Bare council"}, q)
		if err != nil {
			return err
		}
		return c.DeleteAssessment(s.ID, a.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = compare.Gather(svc, compare.Options{All: true})
	if err == nil || !strings.Contains(err.Error(), "no assessment") {
		t.Errorf("a site without an assessment: %v", err)
	}
}

func TestProgress(t *testing.T) {
	var calls [][2]int
	gather(t, pilot(t), compare.Options{All: true, Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if len(calls) != 5 || calls[0] != [2]int{1, 5} || calls[4] != [2]int{5, 5} {
		t.Errorf("progress %v", calls)
	}
}

func statementIDs(items []compare.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Statement)
	}
	return out
}
