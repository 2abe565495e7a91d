package demo_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// openStore opens a new store in a temporary folder and checks its pages
// when the test ends.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "engage.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		st.Close()
	})
	return st
}

func newService(st *store.Store) *workbook.Service {
	return workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
}

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func build(t testing.TB, svc *workbook.Service, q *questionnaire.Questionnaire, opts demo.Options) []workbook.Site {
	t.Helper()
	var sites []workbook.Site
	err := svc.Change(func(c *workbook.Change) error {
		var err error
		sites, err = demo.Build(c, q, opts)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sites
}

// pilot builds the five pilot sites with the default questionnaire.
func pilot(t *testing.T) (*workbook.Service, *questionnaire.Questionnaire) {
	t.Helper()
	svc := newService(openStore(t))
	q := defaultQuestionnaire(t)
	build(t, svc, q, demo.Options{})
	return svc, q
}

func load(t *testing.T, svc *workbook.Service, siteID, assessmentID string) *workbook.AssessmentData {
	t.Helper()
	var d *workbook.AssessmentData
	err := svc.Read(func(r *workbook.Reader) error {
		var err error
		d, err = r.LoadAssessment(siteID, assessmentID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func analyse(d *workbook.AssessmentData) analysis.Result {
	return analysis.Analyse(d.Questionnaire, d.Participants, d.Responses)
}

func TestSiteID(t *testing.T) {
	for n, want := range map[int]string{1: "demo-01", 5: "demo-05", 12: "demo-12", 1000: "demo-1000"} {
		if got := demo.SiteID(n); got != want {
			t.Errorf("SiteID(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestIDsAreDeterministicHex(t *testing.T) {
	a, b := demo.IDs(7), demo.IDs(7)
	seen := map[string]bool{}
	for range 100 {
		x, y := a(), b()
		if x != y {
			t.Fatalf("same seed, different ids: %s %s", x, y)
		}
		if len(x) != 16 || strings.Trim(x, "0123456789abcdef") != "" {
			t.Fatalf("id %q is not 16 hex digits", x)
		}
		if seen[x] {
			t.Fatalf("id %s repeated", x)
		}
		seen[x] = true
	}
	if demo.IDs(8)() == demo.IDs(7)() {
		t.Error("different seeds give the same first id")
	}
	if c := demo.Clock(); !c().Equal(c()) || c().Format("2006-01-02T15:04:05Z07:00") != "2026-03-02T10:00:00Z" {
		t.Errorf("Clock() = %v", c())
	}
}

func TestPilotSites(t *testing.T) {
	svc, q := pilot(t)
	var sites []workbook.Site
	if err := svc.Read(func(r *workbook.Reader) (err error) { sites, err = r.Sites(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(sites) != demo.PilotSites {
		t.Fatalf("%d sites, want %d", len(sites), demo.PilotSites)
	}
	stmts, verify := len(q.Statements()), len(q.VerificationStatements())
	for n := 1; n <= demo.PilotSites; n++ {
		id := demo.SiteID(n)
		t.Run(id, func(t *testing.T) {
			d := load(t, svc, id, "")
			if d.Partnership == nil || d.Assessment.SelectionReason == "" {
				t.Errorf("no partnership selected, with a reason")
			}
			res := analyse(d)
			if res.Insiders == 0 || res.Outsiders == 0 {
				t.Errorf("%d insiders and %d outsiders answered", res.Insiders, res.Outsiders)
			}
			if want := res.Insiders*stmts + res.Outsiders*verify; len(d.Responses) != want {
				t.Errorf("%d responses, want %d (every insider every statement, every outsider the verification set)", len(d.Responses), want)
			}
			for _, p := range d.Progress() {
				if p.Status != workbook.Done {
					t.Errorf("step %s is %s", p.Step.Key(), p.Status)
				}
			}
			// Participants are listed in the order they were added:
			// insiders by role level, then outsiders.
			var order []int
			for _, p := range d.Participants {
				order = append(order, slices.Index(workbook.Roles, p.Role))
			}
			if !slices.IsSorted(order) {
				t.Errorf("participants out of order: roles %v", order)
			}
			comments := 0
			for _, r := range d.Responses {
				if r.Comment != "" {
					comments++
				}
			}
			if share := float64(comments) / float64(len(d.Responses)); share < 0.1 || share > 0.3 {
				t.Errorf("%.0f%% of answers carry a comment, want about one in five", share*100)
			}
			if len(d.StatementNotes) == 0 || len(d.IssueNotes) == 0 || len(d.Findings) == 0 || len(d.Interventions) == 0 {
				t.Errorf("%d statement notes, %d issue notes, %d findings, %d interventions",
					len(d.StatementNotes), len(d.IssueNotes), len(d.Findings), len(d.Interventions))
			}
			// Each site has good areas, areas to improve and barriers.
			bands := map[analysis.Band]int{}
			for _, it := range res.Items {
				bands[it.All.Band]++
			}
			if bands[analysis.BandGood] == 0 || bands[analysis.BandImprove] == 0 || bands[analysis.BandBarrier] < 2 {
				t.Errorf("statement bands %v: want good areas, areas to improve and at least two barriers", bands)
			}
		})
	}
}

func TestEastbrookReproducesTheSeedMapping(t *testing.T) {
	svc, q := pilot(t)
	d := load(t, svc, demo.SiteID(1), "")
	if d.Site.Name != "Eastbrook pilot" || d.Site.Organisation != "Eastbrook City Council" {
		t.Errorf("site 1 is %q of %q", d.Site.Name, d.Site.Organisation)
	}
	rows, total := analysis.CountByDirectorate(d.Site.Directorates, d.Partnerships)
	got := map[string]int{}
	for _, r := range rows {
		got[r.ID] = r.Count
	}
	want := map[string]int{
		"social-care-health": 53, "education-lifelong-learning": 18, "policy-resources": 1,
		"culture-regeneration": 21, "environment-housing": 26, "policy-communication": 5, "": 2,
	}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("directorate %q: %d partnerships, want %d", id, got[id], n)
		}
	}
	if total != 126 || len(d.Partnerships) != 126 {
		t.Errorf("%d partnerships (total %d), want 126", len(d.Partnerships), total)
	}
	titles := map[string]bool{}
	for _, p := range d.Partnerships {
		if titles[p.Title] {
			t.Errorf("title %q used twice", p.Title)
		}
		titles[p.Title] = true
		if p.StartYear != 0 && (p.StartYear < 1995 || p.StartYear > 2006) {
			t.Errorf("%q started in %d", p.Title, p.StartYear)
		}
	}
	crit, all := analysis.CountCriteria(q.Criteria, d.Partnerships)
	if all < 6 || all > 10 {
		t.Errorf("%d partnerships meet every criterion, want a shortlist of 6 to 10", all)
	}
	unknown, notMarked := 0, 0
	for _, c := range crit {
		unknown += c.Unknown
		notMarked += c.NotMarked
	}
	if unknown == 0 {
		t.Error("no criterion is marked unknown")
	}
	if notMarked == 0 {
		t.Error("no criterion is left not marked")
	}
	if !analysis.MeetsAll(q.Criteria, *d.Partnership) {
		t.Errorf("the selected partnership %q does not meet every criterion", d.Partnership.Title)
	}
	if d.Assessment.Completed == "" || !strings.HasPrefix(d.Assessment.Started, "2026-02") {
		t.Errorf("assessment started %q, completed %q", d.Assessment.Started, d.Assessment.Completed)
	}
	kinds := map[workbook.FindingKind]int{}
	for _, f := range d.Findings {
		kinds[f.Kind]++
	}
	if kinds[workbook.FindingGood] < 5 || kinds[workbook.FindingImprove] < 5 || kinds[workbook.FindingBarrier] == 0 {
		t.Errorf("findings by kind %v", kinds)
	}
	if f := d.Findings[0]; f.Kind != workbook.FindingGood || !strings.Contains(f.Text, "Team development plans") {
		t.Errorf("findings are not in the order written: first is %v %q", f.Kind, f.Text)
	}
}

func TestWestmoorHasABlindSpot(t *testing.T) {
	svc, _ := pilot(t)
	res := analyse(load(t, svc, demo.SiteID(2), ""))
	items, issues := 0, 0
	for _, it := range res.Items {
		if it.Gap.Kind == analysis.GapBlindSpot && it.Gap.Value >= 1.0 {
			items++
		}
	}
	for _, is := range res.Issues {
		if is.Gap.Kind == analysis.GapBlindSpot {
			issues++
		}
	}
	if items < 2 || issues == 0 {
		t.Errorf("%d statements and %d key issues show a blind spot", items, issues)
	}
}

func TestPortseaHasAContestedStatement(t *testing.T) {
	svc, _ := pilot(t)
	res := analyse(load(t, svc, demo.SiteID(3), ""))
	for _, it := range res.Items {
		low := slices.ContainsFunc(it.All.Scores, func(s int) bool { return s <= 2 })
		high := slices.ContainsFunc(it.All.Scores, func(s int) bool { return s >= 4 })
		if it.All.Contested && low && high && it.All.SD >= 1.0 {
			return
		}
	}
	t.Error("no statement is contested with both 1-2 and 4-5 scores")
}

func TestTynebridgeAssessedTwice(t *testing.T) {
	svc, _ := pilot(t)
	var as []workbook.Assessment
	if err := svc.Read(func(r *workbook.Reader) (err error) { as, err = r.Assessments(demo.SiteID(4)); return err }); err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 || as[0].Started != "2025-03-10" || as[1].Started != "2026-03-09" {
		t.Fatalf("assessments %+v", as)
	}
	if as[0].PartnershipID == "" || as[0].PartnershipID != as[1].PartnershipID {
		t.Errorf("the two assessments are not of the same partnership")
	}
	mean := func(a workbook.Assessment) float64 {
		res := analyse(load(t, svc, a.SiteID, a.ID))
		sum := 0.0
		for _, is := range res.Issues {
			sum += is.All.Mean
		}
		return sum / float64(len(res.Issues))
	}
	before, after := mean(as[0]), mean(as[1])
	if after <= before+0.2 {
		t.Errorf("mean of key issues %.2f in 2025, %.2f in 2026: want the later one somewhat better", before, after)
	}
}

func TestValleDelSoleIsItalianWithASuppressedBreakdown(t *testing.T) {
	svc, q := pilot(t)
	d := load(t, svc, demo.SiteID(5), "")
	if d.Site.Language != questionnaire.Italian || d.Assessment.Language != questionnaire.Italian {
		t.Errorf("site language %q, assessment %q", d.Site.Language, d.Assessment.Language)
	}
	for i, dir := range d.Site.Directorates {
		if want := q.Directorates[i].Name.In(questionnaire.Italian); dir.Name != want {
			t.Errorf("directorate %s is %q, want %q", dir.ID, dir.Name, want)
		}
	}
	if !strings.Contains(d.Partnership.Title, "Tavolo tematico anziani") {
		t.Errorf("selected %q", d.Partnership.Title)
	}
	res := analyse(d)
	suppressed := false
	for _, it := range res.Items {
		if it.Outsiders.Suppressed && it.Outsiders.N == 2 {
			suppressed = true
		}
	}
	if !suppressed {
		t.Error("no outsider breakdown is suppressed with exactly two answers")
	}
}

// dump reads every record of every site back as JSON.
func dump(t *testing.T, svc *workbook.Service) []byte {
	t.Helper()
	type assessment struct {
		Assessment     workbook.Assessment
		Participants   []workbook.Participant
		Responses      []workbook.Response
		StatementNotes []workbook.StatementNote
		IssueNotes     []workbook.IssueNote
		Findings       []workbook.Finding
		Interventions  []workbook.Intervention
	}
	type site struct {
		Site         workbook.Site
		Partnerships []workbook.Partnership
		Assessments  []assessment
	}
	var all []site
	err := svc.Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		if err != nil {
			return err
		}
		for _, s := range sites {
			ds := site{Site: s}
			if ds.Partnerships, err = r.Partnerships(s.ID); err != nil {
				return err
			}
			as, err := r.Assessments(s.ID)
			if err != nil {
				return err
			}
			for _, a := range as {
				d, err := r.LoadAssessment(s.ID, a.ID)
				if err != nil {
					return err
				}
				ds.Assessments = append(ds.Assessments, assessment{
					d.Assessment, d.Participants, d.Responses, d.StatementNotes, d.IssueNotes, d.Findings, d.Interventions,
				})
			}
			all = append(all, ds)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestBuildTwiceIsTheSameAsOnce(t *testing.T) {
	q := defaultQuestionnaire(t)
	once := newService(openStore(t))
	build(t, once, q, demo.Options{})

	st := openStore(t)
	twice := newService(st)
	build(t, twice, q, demo.Options{})
	build(t, twice, q, demo.Options{}) // the same service, its id source moved on
	build(t, newService(st), q, demo.Options{})

	a, b := dump(t, once), dump(t, twice)
	if !bytes.Equal(a, b) {
		t.Errorf("building again changed the records (%d bytes once, %d bytes after three builds)", len(a), len(b))
	}
}

// Building site by site, one transaction each (as engage demo does, in a
// staged copy of the store), writes the same records as Build in one.
func TestBuildSiteBySiteIsTheSameAsBuild(t *testing.T) {
	q := defaultQuestionnaire(t)
	opts := demo.Options{Sites: 8, Participants: 12}
	whole := newService(openStore(t))
	build(t, whole, q, opts)

	each := newService(openStore(t))
	sites, err := demo.BuildEach(each, q, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 8 || sites[7].ID != demo.SiteID(8) {
		t.Errorf("BuildEach returned %d sites", len(sites))
	}
	if a, b := dump(t, whole), dump(t, each); !bytes.Equal(a, b) {
		t.Errorf("site by site differs from one build (%d bytes against %d)", len(b), len(a))
	}
	for _, bad := range []demo.Options{{Sites: -1}, {Participants: -3}} {
		if _, err := demo.BuildEach(each, q, bad); err == nil {
			t.Errorf("BuildEach(%+v) succeeded", bad)
		}
	}
	err = each.Change(func(c *workbook.Change) error {
		_, err := demo.BuildSite(c, q, 9, opts)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "no site 9 of 8") {
		t.Errorf("site 9 of 8: %v", err)
	}
}

func TestOtherSitesAreLeftAlone(t *testing.T) {
	svc := newService(openStore(t))
	q := defaultQuestionnaire(t)
	err := svc.Change(func(c *workbook.Change) error {
		_, _, err := c.CreateSite(workbook.SiteInput{Name: "Eastbrook pilot", Organisation: "Someone else"}, q)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	build(t, svc, q, demo.Options{})
	build(t, svc, q, demo.Options{})
	var sites []workbook.Site
	if err := svc.Read(func(r *workbook.Reader) (err error) { sites, err = r.Sites(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(sites) != demo.PilotSites+1 {
		t.Errorf("%d sites, want the five demo sites and the user's", len(sites))
	}
}

func TestSyntheticSites(t *testing.T) {
	svc := newService(openStore(t))
	q := defaultQuestionnaire(t)
	sites := build(t, svc, q, demo.Options{Sites: 8, Participants: 12})
	if len(sites) != 8 {
		t.Fatalf("%d sites, want 8", len(sites))
	}
	if sites[5].Name != "Synthetic site 6" || sites[7].ID != demo.SiteID(8) {
		t.Errorf("site 6 is %q, site 8 has id %s", sites[5].Name, sites[7].ID)
	}
	for _, s := range sites {
		var as []workbook.Assessment
		if err := svc.Read(func(r *workbook.Reader) (err error) { as, err = r.Assessments(s.ID); return err }); err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			d := load(t, svc, s.ID, a.ID)
			if len(d.Participants) != 12 {
				t.Errorf("%s %q: %d participants, want 12", s.Name, a.Title, len(d.Participants))
			}
			if res := analyse(d); res.Insiders == 0 || res.Outsiders == 0 || d.Partnership == nil {
				t.Errorf("%s %q: %d insiders, %d outsiders answered", s.Name, a.Title, res.Insiders, res.Outsiders)
			}
			if len(d.Findings) == 0 || len(d.Interventions) == 0 {
				t.Errorf("%s %q: no findings or interventions", s.Name, a.Title)
			}
		}
	}
	// Fewer sites than before rebuilds those asked for and leaves the rest.
	if got := build(t, svc, q, demo.Options{Sites: 6}); len(got) != 6 {
		t.Errorf("%d sites built, want 6", len(got))
	}
}

func TestAnyValidQuestionnaire(t *testing.T) {
	q, err := questionnaire.LoadFile(filepath.Join("testdata", "generic.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	svc := newService(openStore(t))
	build(t, svc, q, demo.Options{Sites: 6})
	d := load(t, svc, demo.SiteID(1), "")
	if len(d.Partnerships) != 126 {
		t.Errorf("%d partnerships at Eastbrook, want 126", len(d.Partnerships))
	}
	for _, p := range d.Partnerships {
		for id := range p.Criteria {
			if _, ok := q.Criterion(id); !ok {
				t.Fatalf("%q is marked on criterion %q, which the questionnaire lacks", p.Title, id)
			}
		}
	}
	res := analyse(d)
	if res.Insiders == 0 || res.Outsiders == 0 || len(d.Findings) == 0 {
		t.Errorf("%d insiders, %d outsiders, %d findings", res.Insiders, res.Outsiders, len(d.Findings))
	}
	for _, r := range d.Responses {
		if r.Score > q.Scale.Points {
			t.Fatalf("score %d on a %d-point scale", r.Score, q.Scale.Points)
		}
	}
}

func TestBuildRefusesBadOptions(t *testing.T) {
	svc := newService(openStore(t))
	q := defaultQuestionnaire(t)
	for _, opts := range []demo.Options{{Sites: -1}, {Participants: -3}} {
		err := svc.Change(func(c *workbook.Change) error {
			_, err := demo.Build(c, q, opts)
			return err
		})
		if err == nil {
			t.Errorf("Build(%+v) succeeded", opts)
		}
	}
	// Past a limit, nothing is built: the refusal comes before the first
	// site (a million sites would take hours, not fail on the 5,001st).
	for _, opts := range []demo.Options{{Sites: workbook.MaxSites + 1}, {Participants: workbook.MaxParticipants + 1}} {
		start := time.Now()
		err := svc.Change(func(c *workbook.Change) error {
			_, err := demo.BuildSite(c, q, 1, opts)
			return err
		})
		var le *workbook.LimitError
		if !errors.As(err, &le) || time.Since(start) > time.Second {
			t.Errorf("BuildSite(%+v): %v after %v", opts, err, time.Since(start))
		}
	}
	err := svc.Change(func(c *workbook.Change) error {
		_, err := demo.Build(c, nil, demo.Options{})
		return err
	})
	if err == nil || errors.Is(err, workbook.ErrNotFound) {
		t.Errorf("Build with no questionnaire: %v", err)
	}
}

func BenchmarkBuildSynthetic(b *testing.B) {
	q := defaultQuestionnaire(b)
	for b.Loop() {
		b.StopTimer()
		svc := newService(openStore(b))
		b.StartTimer()
		build(b, svc, q, demo.Options{Sites: 25, Participants: 40})
	}
}
