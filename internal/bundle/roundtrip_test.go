package bundle_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// analyses returns the analysis of every assessment of a site, with the
// site's progress, for comparing stores.
func (ts *testStore) analyses(t testing.TB, siteID string) map[string]any {
	t.Helper()
	out := map[string]any{}
	err := ts.svc.Read(func(r *workbook.Reader) error {
		as, err := r.Assessments(siteID)
		if err != nil {
			return err
		}
		for _, a := range as {
			d, err := r.LoadAssessment(siteID, a.ID)
			if err != nil {
				return err
			}
			out[a.ID] = analysis.Analyse(d.Questionnaire, d.Participants, d.Responses)
			out[a.ID+"/progress"] = d.Progress()
			rows, all := analysis.CountCriteria(d.Questionnaire.Criteria, d.Partnerships)
			out[a.ID+"/criteria"] = []any{rows, all}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (ts *testStore) records(t testing.TB, siteID string) *workbook.SiteRecords {
	t.Helper()
	var out *workbook.SiteRecords
	if err := ts.svc.Read(func(r *workbook.Reader) (err error) {
		out, err = r.SiteRecords(siteID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRoundTrip exports every site of src, imports each into a new store,
// and checks that the new store holds the same records, gives the same
// analysis, and exports the same bytes.
func checkRoundTrip(t *testing.T, src *testStore) {
	t.Helper()
	dst := openStore(t)
	for _, s := range src.sites(t) {
		data := src.export(t, s.ID)
		if again := src.export(t, s.ID); !bytes.Equal(data, again) {
			t.Fatalf("%s: two exports of the same data differ", s.Slug)
		}
		res := dst.mustImport(t, data)
		if !res.Created || res.Added == 0 || len(res.Conflicts) > 0 {
			t.Fatalf("%s: import into an empty store: %+v", s.Slug, res)
		}
		if res.Site.Slug != s.Slug {
			t.Errorf("%s: imported as %s", s.Slug, res.Site.Slug)
		}
		if got, want := dst.records(t, s.ID), src.records(t, s.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the imported records differ from the exported ones", s.Slug)
		}
		if got, want := dst.analyses(t, s.ID), src.analyses(t, s.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the analysis differs after the round trip", s.Slug)
		}
		if back := dst.export(t, s.ID); !bytes.Equal(back, data) {
			t.Errorf("%s: exporting the imported site gives other bytes", s.Slug)
		}
	}
	if got, want := len(dst.sites(t)), len(src.sites(t)); got != want {
		t.Errorf("%d sites imported, want %d", got, want)
	}
}

func TestRoundTripDemo(t *testing.T) {
	src := demoStore(t, demo.Options{})
	if n := len(src.sites(t)); n != demo.PilotSites {
		t.Fatalf("the demo has %d sites", n)
	}
	checkRoundTrip(t, src)
}

// TestRoundTripRandom is the round-trip property over random sites: random
// sizes, answers, don't-knows, comments and notes with awkward text
// (quotes, new lines, accents, emoji, HTML), random questionnaires of the
// shipped and a generic kind, partnerships deleted after selection.
func TestRoundTripRandom(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	qs := []*questionnaire.Questionnaire{defaultQuestionnaire(t), loadQuestionnaire(t, "testdata/generic.yaml")}
	for seed := range seeds {
		t.Run(fmt.Sprintf("seed-%d", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 99))
			src := openStore(t)
			for range 1 + rng.IntN(3) {
				src.change(t, func(c *workbook.Change) error {
					return randomSite(rng, c, qs[rng.IntN(len(qs))])
				})
			}
			checkRoundTrip(t, src)
		})
	}
}

func loadQuestionnaire(t testing.TB, path string) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

var awkward = []string{
	"", "ok", `He said "no" & left <quietly>`, "line one\nline two\n\ttabbed", "Città, perché è così",
	"🙂 emoji", `back\slash`, "\u2028 separator", strings.Repeat("long ", 400),
}

func pick(rng *rand.Rand, xs []string) string { return xs[rng.IntN(len(xs))] }

// randomSite writes one random site through the workbook's own functions.
func randomSite(rng *rand.Rand, c *workbook.Change, q *questionnaire.Questionnaire) error {
	lang := []string{"en", "it"}[rng.IntN(2)]
	site, a, err := c.CreateSite(workbook.SiteInput{Name: fmt.Sprintf("Random %d", rng.IntN(1e6)), Organisation: "Org " + pick(rng, awkward[1:3]),
		Context: pick(rng, awkward), Language: lang}, q)
	if err != nil {
		return err
	}
	assessments := []workbook.Assessment{a}
	if rng.IntN(3) == 0 {
		b, err := c.NewAssessment(site.ID, workbook.AssessmentInput{Title: pick(rng, awkward[1:3]), Started: "2025-11-30"})
		if err != nil {
			return err
		}
		assessments = append(assessments, b)
	}
	var pids []string
	for range rng.IntN(6) {
		p := workbook.Partnership{SiteID: site.ID, Title: "P " + pick(rng, awkward[1:3]), Notes: pick(rng, awkward), StartYear: 1990 + rng.IntN(30),
			Ongoing: rng.IntN(2) == 0, Partners: []workbook.Sector{workbook.Sectors[rng.IntN(len(workbook.Sectors))]}}
		if len(site.Directorates) > 0 && rng.IntN(2) == 0 {
			p.Directorate = site.Directorates[rng.IntN(len(site.Directorates))].ID
		}
		saved, err := c.SavePartnership(p)
		if err != nil {
			return err
		}
		for _, cr := range q.Criteria {
			m := workbook.CriterionMark{Mark: []workbook.Mark{workbook.NotMarked, workbook.Unknown, workbook.Met, workbook.NotMet}[rng.IntN(4)], Note: pick(rng, awkward[:4])}
			if _, err := c.SetCriterion(site.ID, saved.ID, cr.ID, m); err != nil {
				return err
			}
		}
		pids = append(pids, saved.ID)
	}
	verify := map[string]bool{}
	for _, st := range q.VerificationStatements() {
		verify[st.ID] = true
	}
	for _, a := range assessments {
		if len(pids) > 0 {
			if _, err := c.SelectPartnership(site.ID, a.ID, pids[rng.IntN(len(pids))], pick(rng, awkward)); err != nil {
				return err
			}
		}
		for range rng.IntN(9) {
			g := workbook.Groups[rng.IntN(2)]
			p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Name: pick(rng, awkward[:3]),
				Group: g, Role: workbook.Roles[rng.IntN(len(workbook.Roles))], Organisation: pick(rng, awkward[:2])})
			if err != nil {
				return err
			}
			for _, st := range q.Statements() {
				if (g == workbook.Outsider && !verify[st.ID]) || rng.IntN(5) == 0 {
					continue
				}
				in := workbook.ResponseInput{SiteID: site.ID, AssessmentID: a.ID, ParticipantID: p.ID, StatementID: st.ID}
				switch rng.IntN(10) {
				case 0:
					in.DontKnow = true
				case 1: // a comment only
				default:
					in.Score = 1 + rng.IntN(q.Scale.Points)
				}
				if rng.IntN(4) == 0 || (!in.DontKnow && in.Score == 0) {
					in.Comment = pick(rng, awkward[1:])
				}
				if _, err := c.RecordResponse(in); err != nil {
					return err
				}
			}
		}
		// Paper booklets: blank ones, one of them typed in, and the
		// participants' own.
		if rng.IntN(2) == 0 {
			g := workbook.Groups[rng.IntN(2)]
			blanks, err := c.IssueBooklets(site.ID, a.ID, g, 1+rng.IntN(4))
			if err != nil {
				return err
			}
			if _, _, err := c.BookletParticipant(workbook.BookletInput{SiteID: site.ID, AssessmentID: a.ID, Group: g,
				Number: blanks[len(blanks)-1].Number, Role: workbook.Roles[rng.IntN(len(workbook.Roles))]}); err != nil {
				return err
			}
			if _, err := c.IssueBooklets(site.ID, a.ID, workbook.Groups[rng.IntN(2)], 0); err != nil && !errors.Is(err, workbook.ErrNobodyInGroup) {
				return err
			}
		}
		for _, st := range q.Statements() {
			if rng.IntN(4) == 0 {
				n := workbook.StatementNote{SiteID: site.ID, AssessmentID: a.ID, StatementID: st.ID, GroupScore: rng.IntN(q.Scale.Points + 1), Notes: pick(rng, awkward)}
				if _, err := c.SetStatementNote(n); err != nil {
					return err
				}
			}
		}
		for _, ki := range q.KeyIssues {
			if _, err := c.SetIssueNote(workbook.IssueNote{SiteID: site.ID, AssessmentID: a.ID, KeyIssueID: ki.ID, Notes: pick(rng, awkward)}); err != nil {
				return err
			}
		}
		for range rng.IntN(4) {
			st := q.Statements()[rng.IntN(len(q.Statements()))]
			if _, err := c.SaveFinding(workbook.Finding{SiteID: site.ID, AssessmentID: a.ID, Kind: workbook.FindingKinds[rng.IntN(3)],
				StatementID: st.ID, Text: pick(rng, awkward)}); err != nil {
				return err
			}
			iv, err := c.SaveIntervention(workbook.Intervention{SiteID: site.ID, AssessmentID: a.ID, Action: "Act " + pick(rng, awkward[1:3]),
				Owner: pick(rng, awkward[:3]), Due: "2026-07-01", KeyIssueID: q.KeyIssues[0].ID, Status: workbook.Statuses[rng.IntN(3)]})
			if err != nil {
				return err
			}
			for k := range rng.IntN(3) {
				if _, err := c.AddReview(site.ID, a.ID, iv.ID, workbook.Review{Date: fmt.Sprintf("2026-02-%02d", 10+k), Reviewer: pick(rng, awkward[:3]),
					Status: workbook.StatusDropped, Note: "Why: " + pick(rng, awkward)}); err != nil {
					return err
				}
			}
		}
		if rng.IntN(2) == 0 {
			continue
		}
		if _, err := c.CompleteAssessment(site.ID, a.ID, "2026-03-20"); err != nil {
			return err
		}
		if rng.IntN(3) == 0 {
			// Reopened, with a reason in the log, and completed again.
			if _, err := c.ReopenAssessment(site.ID, a.ID, "Why: "+pick(rng, awkward)); err != nil {
				return err
			}
			if _, err := c.CompleteAssessment(site.ID, a.ID, "2026-03-21"); err != nil {
				return err
			}
		}
	}
	if len(pids) > 0 && rng.IntN(3) == 0 {
		// A selected partnership deleted afterwards leaves its id behind.
		return c.DeletePartnership(site.ID, pids[0])
	}
	return nil
}

func TestExportIsDeterministicAndSelfDescribing(t *testing.T) {
	src := demoStore(t, demo.Options{})
	data := src.export(t, "ambito-valle-del-sole")
	if !bytes.HasPrefix(data, []byte("engage-bundle format=3 engage=v0.0.0-test size=")) {
		t.Errorf("header: %q", data[:80])
	}
	doc := string(unpacked(t, data))
	for _, want := range []string{`"format":3`, `"engage":"v0.0.0-test"`, `"questionnaires":[`, `"source":"`, `"site":{"id":"demo-05"`, `"responses":[`, `"updated":"2026-03-02T10:00:00Z"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("the content does not hold %s", want)
		}
	}
	b, err := bundle.Read("x", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Questionnaires) != 1 || b.Questionnaires[0].ID != questionnaire.DefaultID {
		t.Errorf("questionnaires: %v", b.Questionnaires)
	}
}
