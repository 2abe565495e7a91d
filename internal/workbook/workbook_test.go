package workbook_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

type fixture struct {
	svc  *workbook.Service
	st   *store.Store
	q    *questionnaire.Questionnaire
	site workbook.Site
	a    workbook.Assessment
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	q, err := questionnaire.LoadFile(filepath.Join("testdata", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
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
	n := 0
	clock := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	svc := workbook.NewService(st, workbook.Options{
		Now:   func() time.Time { clock = clock.Add(time.Second); return clock },
		NewID: func() string { n++; return "id-" + string(rune('a'+n)) },
	})
	f := &fixture{svc: svc, st: st, q: q}
	err = svc.Change(func(c *workbook.Change) error {
		f.site, f.a, err = c.CreateSite(workbook.SiteInput{Name: "Città di Prova", Organisation: "Comune di Prova", Language: "it"}, q)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// siteWithPeople creates a site of q with n insiders (middle managers) in
// one change.
func siteWithPeople(tb testing.TB, svc *workbook.Service, q *questionnaire.Questionnaire, name string, n int) (site workbook.Site, a workbook.Assessment, people []workbook.Participant) {
	tb.Helper()
	err := svc.Change(func(c *workbook.Change) (err error) {
		if site, a, err = c.CreateSite(workbook.SiteInput{Name: name, Organisation: name + " Council"}, q); err != nil {
			return err
		}
		for range n {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			people = append(people, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return site, a, people
}

func (f *fixture) change(t *testing.T, fn func(c *workbook.Change) error) {
	t.Helper()
	if err := f.svc.Change(fn); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) load(t *testing.T) *workbook.AssessmentData {
	t.Helper()
	var d *workbook.AssessmentData
	if err := f.svc.Read(func(r *workbook.Reader) error {
		var err error
		d, err = r.LoadAssessment(f.site.Slug, "")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCreateSite(t *testing.T) {
	f := newFixture(t)
	if f.site.Slug != "citta-di-prova" {
		t.Errorf("slug = %q", f.site.Slug)
	}
	if len(f.site.Directorates) != 2 || f.site.Directorates[0].Name != "Servizi sociali e sanità" {
		t.Errorf("directorates = %+v, want the questionnaire's in Italian", f.site.Directorates)
	}
	if f.a.Questionnaire != f.q.Hash || f.a.Started != "2026-03-02" {
		t.Errorf("first assessment = %+v", f.a)
	}
	// A second site with the same name gets its own slug.
	var s2 workbook.Site
	f.change(t, func(c *workbook.Change) (err error) {
		s2, _, err = c.CreateSite(workbook.SiteInput{Name: "Città di Prova", Organisation: "Altro"}, f.q)
		return err
	})
	if s2.Slug != "citta-di-prova-2" {
		t.Errorf("second slug = %q", s2.Slug)
	}
}

func TestSiteFieldErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name  string
		in    workbook.SiteInput
		field string
	}{
		{"no name", workbook.SiteInput{Organisation: "O"}, "name"},
		{"blank name", workbook.SiteInput{Name: "   ", Organisation: "O"}, "name"},
		{"long name", workbook.SiteInput{Name: strings.Repeat("x", 201), Organisation: "O"}, "name"},
		{"newline in name", workbook.SiteInput{Name: "a\nb", Organisation: "O"}, "name"},
		{"bad utf8", workbook.SiteInput{Name: "a\xffb", Organisation: "O"}, "name"},
		{"huge context", workbook.SiteInput{Name: "n", Organisation: "O", Context: strings.Repeat("é", 10001)}, "context"},
		{"language", workbook.SiteInput{Name: "n", Organisation: "O", Language: "French"}, "language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.svc.Change(func(c *workbook.Change) error {
				_, _, err := c.CreateSite(tt.in, f.q)
				return err
			})
			var fe workbook.FieldErrors
			if !errors.As(err, &fe) || fe.For(tt.field) == "" {
				t.Errorf("error = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}

func TestSitesAreFoundByIDOrSlug(t *testing.T) {
	f := newFixture(t)
	for _, ref := range []string{f.site.ID, f.site.Slug} {
		err := f.svc.Read(func(r *workbook.Reader) error {
			s, err := r.Site(ref)
			if err == nil && s.ID != f.site.ID {
				t.Errorf("Site(%q) = %s", ref, s.ID)
			}
			return err
		})
		if err != nil {
			t.Error(err)
		}
	}
	err := f.svc.Read(func(r *workbook.Reader) error { _, err := r.Site("nope"); return err })
	if !errors.Is(err, workbook.ErrNotFound) {
		t.Errorf("unknown site error = %v", err)
	}
}

func TestWholeAssessmentAndProgress(t *testing.T) {
	f := newFixture(t)
	d := f.load(t)
	for _, p := range d.Progress() {
		if p.Status != workbook.NotStarted {
			t.Errorf("new site: step %s is %s", p.Step.Key(), p.Status)
		}
	}
	var p workbook.Partnership
	var ins, out workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Tavolo anziani", Directorate: "social-care-health",
			Partners: []workbook.Sector{workbook.SectorHealth, workbook.SectorCouncil, workbook.SectorHealth}, StartYear: 2003, Ongoing: true})
		if err != nil {
			return err
		}
		if _, err = c.SetCriterion(f.site.ID, p.ID, "ongoing", workbook.CriterionMark{Mark: workbook.Met}); err != nil {
			return err
		}
		if _, err = c.SetCriterion(f.site.ID, p.ID, "not-one-off", workbook.CriterionMark{Mark: workbook.NotMet, Note: "solo 2 incontri"}); err != nil {
			return err
		}
		if _, err = c.SelectPartnership(f.site.ID, f.a.ID, p.ID, "the only one running"); err != nil {
			return err
		}
		ins, err = c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Insider, Role: workbook.RoleSenior})
		if err != nil {
			return err
		}
		out, err = c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Outsider, Role: workbook.RoleCommunity})
		return err
	})
	if got := p.Partners; len(got) != 2 || got[0] != workbook.SectorCouncil {
		t.Errorf("partners = %v, want council, health once each", got)
	}
	for _, st := range f.q.Statements() {
		f.change(t, func(c *workbook.Change) error {
			_, err := c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: ins.ID, StatementID: st.ID, Score: 4})
			return err
		})
	}
	d = f.load(t)
	prog := d.Progress()
	want := []workbook.StepStatus{workbook.Done, workbook.Done, workbook.Done, workbook.Started, workbook.NotStarted}
	for i, p := range prog {
		if p.Status != want[i] {
			t.Errorf("step %s = %s, want %s", p.Step.Key(), p.Status, want[i])
		}
	}
	if prog[2].Done != 3 || prog[2].Total != 3 {
		t.Errorf("workbook progress = %d/%d, want 3/3", prog[2].Done, prog[2].Total)
	}
	if prog[1].Done != 1 || prog[1].Total != 1 {
		t.Errorf("select progress = %d/%d, want 1/1 (both criteria marked)", prog[1].Done, prog[1].Total)
	}
	if d.Partnership == nil || d.Partnership.ID != p.ID {
		t.Errorf("selected partnership = %v", d.Partnership)
	}

	// Outsiders score only the verification statements.
	err := f.svc.Change(func(c *workbook.Change) error {
		_, err := c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: out.ID, StatementID: "ca-info", Score: 2})
		return err
	})
	var fe workbook.FieldErrors
	if !errors.As(err, &fe) || !strings.Contains(fe.For("statement"), "verification set") {
		t.Errorf("outsider on a non-verification statement: %v", err)
	}
	for _, id := range []string{"ca-times", "os-plans"} {
		f.change(t, func(c *workbook.Change) error {
			_, err := c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: out.ID, StatementID: id, DontKnow: true})
			return err
		})
	}
	f.change(t, func(c *workbook.Change) error {
		if _, err := c.SaveFinding(workbook.Finding{SiteID: f.site.ID, AssessmentID: f.a.ID, Kind: workbook.FindingBarrier, StatementID: "os-plans", Text: "No plans"}); err != nil {
			return err
		}
		_, err := c.SaveIntervention(workbook.Intervention{SiteID: f.site.ID, AssessmentID: f.a.ID, Action: "Agree a common language", Owner: "Ufficio di Piano", Due: "2026-06-30"})
		return err
	})
	d = f.load(t)
	for _, p := range d.Progress() {
		if p.Status != workbook.Done {
			t.Errorf("finished assessment: step %s = %s", p.Step.Key(), p.Status)
		}
	}
	if d.Findings[0].KeyIssueID != "organisation-skills" {
		t.Errorf("finding key issue = %q, want it taken from the statement", d.Findings[0].KeyIssueID)
	}
	if d.Interventions[0].Status != workbook.StatusPlanned {
		t.Errorf("intervention status = %q, want planned by default", d.Interventions[0].Status)
	}
}

func TestRecordResponseRules(t *testing.T) {
	f := newFixture(t)
	var ins workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		ins, err = c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
		return err
	})
	base := workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: ins.ID, StatementID: "ca-times"}
	tests := []struct {
		name    string
		edit    func(*workbook.ResponseInput)
		wantErr string
	}{
		{"score 6", func(in *workbook.ResponseInput) { in.Score = 6 }, "6 is not on the scale of 1 to 5"},
		{"negative", func(in *workbook.ResponseInput) { in.Score = -1 }, "-1 is not on the scale of 1 to 5"},
		{"score and don't know", func(in *workbook.ResponseInput) { in.Score = 3; in.DontKnow = true }, "not both"},
		{"unknown statement", func(in *workbook.ResponseInput) { in.StatementID = "zz"; in.Score = 3 }, `"zz" is not a statement`},
		{"unknown participant", func(in *workbook.ResponseInput) { in.ParticipantID = "zz"; in.Score = 3 }, "no participant"},
		{"valid", func(in *workbook.ResponseInput) { in.Score = 5; in.Comment = "ottimo" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.edit(&in)
			err := f.svc.Change(func(c *workbook.Change) error { _, err := c.RecordResponse(in); return err })
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error = %v, want %q", err, tt.wantErr)
			}
		})
	}
	// Clearing an answer removes it.
	f.change(t, func(c *workbook.Change) error { _, err := c.RecordResponse(base); return err })
	if d := f.load(t); len(d.Responses) != 0 {
		t.Errorf("after clearing, %d responses remain", len(d.Responses))
	}
}

func TestParticipantGroupIsFixedOnceAnswered(t *testing.T) {
	f := newFixture(t)
	var p workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Name: "Ada", Group: workbook.Insider, Role: workbook.RoleFrontLine})
		if err != nil {
			return err
		}
		_, err = c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: p.ID, StatementID: "ca-info", Score: 3})
		return err
	})
	p.Group = workbook.Outsider
	err := f.svc.Change(func(c *workbook.Change) error { _, err := c.SaveParticipant(p); return err })
	if err == nil || !strings.Contains(err.Error(), "answered as insider") {
		t.Errorf("changing the group of a participant who answered: %v", err)
	}
	// Deleting the participant removes their answers too.
	f.change(t, func(c *workbook.Change) error { return c.DeleteParticipant(f.site.ID, f.a.ID, p.ID) })
	if d := f.load(t); len(d.Responses) != 0 || len(d.Participants) != 0 {
		t.Errorf("after delete: %d participants, %d responses", len(d.Participants), len(d.Responses))
	}
}

func TestDeleteSiteRemovesEverything(t *testing.T) {
	f := newFixture(t)
	f.change(t, func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "P"})
		return err
	})
	f.change(t, func(c *workbook.Change) error { return c.DeleteSite(f.site.ID) })
	err := f.st.View(func(tx workbook.Tx) error {
		for _, b := range append(workbook.SiteBuckets, workbook.BucketSites) {
			if err := tx.ForEach(b, "", func(k string, _ []byte) error {
				t.Errorf("left in %s: %s", b, k)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPartnershipValidation(t *testing.T) {
	f := newFixture(t)
	err := f.svc.Change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "", Directorate: "nope", StartYear: 20, Community: "x"})
		return err
	})
	var fe workbook.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v", err)
	}
	for _, field := range []string{"title", "directorate", "start year", "community"} {
		if fe.For(field) == "" {
			t.Errorf("no message for %s in %v", field, fe)
		}
	}
}

func TestPinnedQuestionnaireSurvives(t *testing.T) {
	f := newFixture(t)
	err := f.svc.Read(func(r *workbook.Reader) error {
		q, err := r.Questionnaire(f.a.Questionnaire)
		if err != nil {
			return err
		}
		if string(q.Source) != string(f.q.Source) {
			t.Error("pinned copy differs from the source")
		}
		all, err := r.PinnedQuestionnaires()
		if len(all) != 1 {
			t.Errorf("pinned = %d, want 1", len(all))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"Brighton & Hove":          "brighton-hove",
		"Ambito Valle del Sole":    "ambito-valle-del-sole",
		"  Città -- di   Prova!! ": "citta-di-prova",
		"東京":                       "site",
	}
	for in, want := range tests {
		if got := workbook.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// The list of sites counts answers without decoding them; its progress
// must be the same as the one worked out from the loaded assessment.
func TestSummariesProgressMatchesTheAssessment(t *testing.T) {
	f := newFixture(t)
	f.change(t, func(c *workbook.Change) error {
		var people []workbook.Participant
		for _, g := range []workbook.Group{workbook.Insider, workbook.Insider, workbook.Outsider} {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: g, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			people = append(people, p)
		}
		for i, st := range f.q.Statements() {
			in := workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: people[i%2].ID, StatementID: st.ID}
			switch i % 3 {
			case 0:
				in.Score = 4
			case 1:
				in.DontKnow = true
			default:
				in.Comment = `only a comment, "score":5 and "dont_know":true inside it`
			}
			if _, err := c.RecordResponse(in); err != nil {
				return err
			}
		}
		return nil
	})
	want := f.load(t).Progress()
	var sums []workbook.SiteSummary
	if err := f.svc.Read(func(r *workbook.Reader) (err error) { sums, err = r.Summaries(); return err }); err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 || len(sums[0].Progress) != len(want) {
		t.Fatalf("summaries %+v", sums)
	}
	for i := range want {
		if sums[0].Progress[i] != want[i] {
			t.Errorf("step %d: summary %+v, assessment %+v", i+1, sums[0].Progress[i], want[i])
		}
	}
	if want[2].Done == 0 {
		t.Error("the fixture answered nothing")
	}
}
