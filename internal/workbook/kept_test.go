package workbook_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

var errRollBack = errors.New("roll back")

// The figures each site keeps (what the list of sites shows) always equal
// a recount of the records, after any sequence of changes: answers given,
// changed and cleared, people added and removed, partnerships mapped and
// marked, assessments started and deleted, findings and actions, sites
// created and deleted, sites replaced record by record as an import does,
// and changes that fail part way and are rolled back. Kills are the kill
// test's (TestKillWhileAnswering checks the figures after each).
func TestKeptFiguresEqualARecount(t *testing.T) {
	f := newFixture(t)
	n := 0
	f.svc = workbook.NewService(f.st, workbook.Options{NewID: func() string { n++; return fmt.Sprintf("r%d", n) }})
	rng := rand.New(rand.NewPCG(2026, 12))
	statements := f.q.Statements()
	groups := []workbook.Group{workbook.Insider, workbook.Outsider}

	// pick returns a random site, its assessments and the current one's
	// participants, read afresh.
	type state struct {
		site   workbook.Site
		as     []workbook.Assessment
		people []workbook.Participant
		ps     []workbook.Partnership
	}
	pick := func(r *workbook.Reader) (state, bool) {
		sites, err := r.Sites()
		if err != nil || len(sites) == 0 {
			return state{}, false
		}
		var s state
		s.site = sites[rng.IntN(len(sites))]
		s.as, _ = r.Assessments(s.site.ID)
		if len(s.as) > 0 {
			a := s.as[rng.IntN(len(s.as))]
			s.people, _ = r.Participants(s.site.ID, a.ID)
			s.as = []workbook.Assessment{a, s.as[len(s.as)-1]}
		}
		s.ps, _ = r.Partnerships(s.site.ID)
		return s, len(s.as) > 0
	}
	ops := []struct {
		name string
		do   func(c *workbook.Change, s state) error
	}{
		{"answer", func(c *workbook.Change, s state) error {
			for range 1 + rng.IntN(6) {
				if len(s.people) == 0 {
					return nil
				}
				p := s.people[rng.IntN(len(s.people))]
				in := workbook.ResponseInput{SiteID: s.site.ID, AssessmentID: s.as[0].ID, ParticipantID: p.ID,
					StatementID: statements[rng.IntN(len(statements))].ID}
				switch rng.IntN(4) {
				case 0:
					in.DontKnow = true
				case 1: // cleared
				case 2:
					in.Comment = "only a comment"
				default:
					in.Score = 1 + rng.IntN(5)
				}
				if _, err := c.RecordResponse(in); err != nil && !isField(err) {
					return err
				}
			}
			return nil
		}},
		{"add person", func(c *workbook.Change, s state) error {
			_, err := c.SaveParticipant(workbook.Participant{SiteID: s.site.ID, AssessmentID: s.as[0].ID,
				Group: groups[rng.IntN(2)], Role: workbook.RoleMiddle})
			return err
		}},
		{"remove person", func(c *workbook.Change, s state) error {
			if len(s.people) == 0 {
				return nil
			}
			p := s.people[rng.IntN(len(s.people))]
			return c.DeleteParticipant(p.SiteID, p.AssessmentID, p.ID)
		}},
		{"map", func(c *workbook.Change, s state) error {
			_, err := c.SavePartnership(workbook.Partnership{SiteID: s.site.ID, Title: fmt.Sprintf("Forum %d", rng.IntN(1000))})
			return err
		}},
		{"unmap", func(c *workbook.Change, s state) error {
			if len(s.ps) == 0 {
				return nil
			}
			return c.DeletePartnership(s.site.ID, s.ps[rng.IntN(len(s.ps))].ID)
		}},
		{"mark", func(c *workbook.Change, s state) error {
			if len(s.ps) == 0 {
				return nil
			}
			crit := f.q.Criteria[rng.IntN(len(f.q.Criteria))]
			marks := []workbook.Mark{workbook.NotMarked, workbook.Met, workbook.NotMet, workbook.Unknown}
			_, err := c.SetCriterion(s.site.ID, s.ps[rng.IntN(len(s.ps))].ID, crit.ID, workbook.CriterionMark{Mark: marks[rng.IntN(len(marks))]})
			return err
		}},
		{"select", func(c *workbook.Change, s state) error {
			if len(s.ps) == 0 {
				return nil
			}
			_, err := c.SelectPartnership(s.site.ID, s.as[1].ID, s.ps[rng.IntN(len(s.ps))].ID, "because")
			return err
		}},
		{"new round", func(c *workbook.Change, s state) error {
			_, err := c.NewAssessment(s.site.ID, workbook.AssessmentInput{Title: fmt.Sprintf("Round %d", rng.IntN(100)), Started: "2027-01-0" + fmt.Sprint(1+rng.IntN(9))})
			return err
		}},
		{"delete round", func(c *workbook.Change, s state) error {
			as, err := c.Assessments(s.site.ID)
			if err != nil || len(as) < 2 {
				return err
			}
			return c.DeleteAssessment(s.site.ID, s.as[0].ID)
		}},
		{"finding", func(c *workbook.Change, s state) error {
			_, err := c.SaveFinding(workbook.Finding{SiteID: s.site.ID, AssessmentID: s.as[0].ID, Kind: workbook.FindingGood, Text: "Good"})
			return err
		}},
		{"action", func(c *workbook.Change, s state) error {
			_, err := c.SaveIntervention(workbook.Intervention{SiteID: s.site.ID, AssessmentID: s.as[0].ID, Action: "Act", Status: workbook.StatusPlanned})
			return err
		}},
		{"review an action", func(c *workbook.Change, s state) error {
			ivs, err := c.Interventions(s.site.ID, s.as[0].ID)
			if err != nil || len(ivs) == 0 {
				return err
			}
			iv := ivs[rng.IntN(len(ivs))]
			_, err = c.AddReview(iv.SiteID, iv.AssessmentID, iv.ID, workbook.Review{Date: c.Today(), Status: workbook.StatusDropped, Note: "Merged into another action."})
			return err
		}},
		{"new site", func(c *workbook.Change, s state) error {
			_, _, err := c.CreateSite(workbook.SiteInput{Name: fmt.Sprintf("Site %d", rng.IntN(1000)), Organisation: "Council"}, f.q)
			return err
		}},
		{"delete site", func(c *workbook.Change, s state) error {
			sites, err := c.Sites()
			if err != nil || len(sites) < 2 {
				return err
			}
			return c.DeleteSite(s.site.ID)
		}},
		{"replace by import", func(c *workbook.Change, s state) error {
			// What bundle.Import does to a site it replaces: every record
			// deleted or put again, one by one, some left out (never all of
			// its assessments, which the bundle check refuses).
			recs, err := c.SiteRecords(s.site.ID)
			if err != nil {
				return err
			}
			for _, rec := range recs.Records()[1:] {
				if _, isRound := rec.(workbook.Assessment); !isRound && rng.IntN(4) == 0 {
					if err := c.DeleteRecord(rec); err != nil {
						return err
					}
				} else if err := c.PutRecord(rec); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	counts := map[string]int{}
	for step := range 600 {
		op := ops[rng.IntN(len(ops))]
		rollBack := rng.IntN(6) == 0
		err := f.svc.Change(func(c *workbook.Change) error {
			s, ok := pick(&c.Reader)
			if !ok {
				return nil
			}
			if err := op.do(c, s); err != nil {
				return err
			}
			if rollBack {
				return errRollBack
			}
			return nil
		})
		if err != nil && !errors.Is(err, errRollBack) && !isField(err) {
			t.Fatalf("step %d %s: %v", step, op.name, err)
		}
		counts[op.name]++
		checkKept(t, f.svc, fmt.Sprintf("step %d (%s, rolled back %v)", step, op.name, rollBack))
	}
	t.Logf("%v", counts)
}

// isField reports whether err is a refusal of the input (a rule), which
// random changes run into.
func isField(err error) bool {
	var fe *workbook.FieldError
	var fes workbook.FieldErrors
	var le *workbook.LimitError
	var nf *workbook.NotFoundError
	return errors.As(err, &fe) || errors.As(err, &fes) || errors.As(err, &le) || errors.As(err, &nf)
}

// checkKept fails when a kept figure differs from a recount, or when the
// list of sites shows a progress other than the assessment's own.
func checkKept(t *testing.T, svc *workbook.Service, when string) {
	t.Helper()
	err := svc.Read(func(r *workbook.Reader) error {
		bad, err := r.CheckKept()
		if err != nil {
			return err
		}
		if len(bad) > 0 {
			t.Fatalf("%s: %v", when, bad)
		}
		sums, err := r.Summaries()
		if err != nil {
			return err
		}
		for _, s := range sums {
			d, err := r.LoadAssessment(s.Site.ID, "")
			if err != nil {
				return err
			}
			if want := d.Progress(); !reflect.DeepEqual(s.Progress, want) {
				t.Fatalf("%s: site %s lists progress %+v; its assessment's is %+v", when, s.Site.Slug, s.Progress, want)
			}
			title := ""
			if d.Partnership != nil {
				title = d.Partnership.Title
			}
			if s.Partnership != title || s.Current.ID != d.Assessment.ID {
				t.Fatalf("%s: site %s lists %q of %s; its current assessment is %s with %q", when, s.Site.Slug, s.Partnership, s.Current.ID, d.Assessment.ID, title)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
}
