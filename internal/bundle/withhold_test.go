package bundle_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// fullSite stores the demo and gives Westmoor a value in every private
// field and a record of each kind that anonymising leaves out whole, so
// that no kind of field is tested on nothing. It returns the store and
// Westmoor's id.
func fullSite(t *testing.T) (*testStore, string) {
	t.Helper()
	ts := demoStore(t, demo.Options{})
	var id string
	for _, s := range ts.sites(t) {
		if s.Slug == westmoor {
			id = s.ID
		}
	}
	recs := ts.records(t, id)
	ts.change(t, func(c *workbook.Change) error {
		p := recs.Partnerships[0]
		p.Notes = "Minutes kept by the chair."
		p.Criteria = map[string]workbook.CriterionMark{}
		for i, cr := range defaultQuestionnaire(t).Criteria[:3] {
			p.Criteria[cr.ID] = workbook.CriterionMark{Mark: workbook.Met, Note: "Seen in the minutes."}
			if i == 2 {
				// Only a note: leaving notes out leaves the mark out.
				p.Criteria[cr.ID] = workbook.CriterionMark{Note: "Ask the chair."}
			}
		}
		iv := recs.Interventions[0]
		iv.Owner = "Jo Bloggs"
		iv.Reviews = []workbook.Review{{Date: "2026-02-20", Reviewer: "Ann Other", Status: iv.Status, Note: "Reviewed in February."}}
		r := recs.Responses[0]
		r.Score, r.DontKnow, r.Comment = 0, false, "Only a comment."
		n := recs.StatementNotes[0]
		n.GroupScore, n.Notes = 0, "Only notes."
		a := recs.Assessments[0]
		a.Log = append(a.Log, workbook.Event{At: a.Updated, Kind: workbook.EventReopened, Date: a.Started, Reason: "Two booklets came back late."})
		for _, rec := range []workbook.Record{p, iv, r, n, a} {
			if err := c.PutRecord(rec); err != nil {
				return err
			}
		}
		return nil
	})
	return ts, id
}

// recordJSON returns each record as JSON, in the order given.
func recordJSON(t *testing.T, recs []workbook.Record) []string {
	t.Helper()
	out := make([]string, len(recs))
	for i, rec := range recs {
		raw, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = fmt.Sprintf("%T %s", rec, raw)
	}
	return out
}

// TestEachDropLeavesOutExactlyItsFields exports a site with each kind of
// field left out, and checks the bundle against the site's records with
// the fields privateFields lists for that kind emptied by reflection, and
// the records left out whole gone: nothing more and nothing less. Taken
// back into the store it came from, the bundle changes nothing.
func TestEachDropLeavesOutExactlyItsFields(t *testing.T) {
	src, site := fullSite(t)
	stored := src.records(t, site).Records()
	has := map[string]bool{}
	for _, rec := range stored {
		for path, vs := range bundle.StringValues(rec) {
			has[path] = has[path] || slices.ContainsFunc(vs, func(s string) bool { return s != "" })
		}
	}
	cases := []struct {
		name string
		drop []bundle.Field
	}{{"nothing", nil}, {"all", bundle.Fields}}
	for _, f := range bundle.Fields {
		cases = append(cases, struct {
			name string
			drop []bundle.Field
		}{string(f), []bundle.Field{f}})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var paths []string
			for _, f := range tc.drop {
				paths = append(paths, bundle.PrivatePaths(f)...)
			}
			for _, path := range paths {
				if !has[path] {
					t.Errorf("the site holds no %s to leave out", path)
				}
			}
			var want []workbook.Record
			whole := 0
			for _, rec := range stored {
				if bundle.WithheldWhole(rec, tc.drop) {
					whole++
					continue
				}
				want = append(want, bundle.BlankPaths(rec, paths))
			}
			if slices.Contains(tc.drop, bundle.FieldComments) || slices.Contains(tc.drop, bundle.FieldNotes) {
				if whole == 0 {
					t.Error("no record is left out whole")
				}
			}
			data := src.export(t, site, tc.drop...)
			b, err := bundle.Read("site.engage", data)
			if err != nil {
				t.Fatal(err)
			}
			got, exp := recordJSON(t, b.Records.Records()), recordJSON(t, want)
			for i := range max(len(got), len(exp)) {
				switch {
				case i >= len(got):
					t.Fatalf("the bundle ends before\n%s", exp[i])
				case i >= len(exp):
					t.Fatalf("the bundle has more:\n%s", got[i])
				case got[i] != exp[i]:
					t.Fatalf("record %d is\n%s\nwant\n%s", i, got[i], exp[i])
				}
			}
			res, err := src.importData(t, data, bundle.ImportOptions{})
			if err != nil || !res.UpToDate() || res.Kept != whole {
				t.Errorf("into its own store: %+v, %v; want up to date, %d kept", res, err, whole)
			}
		})
	}
}

// TestBundleThatKeptWhatItSaysItLeftOutIsRefused takes a bundle with
// everything in it and makes it say one kind was left out: reading it
// must refuse it, counting the records that still carry that kind.
func TestBundleThatKeptWhatItSaysItLeftOutIsRefused(t *testing.T) {
	src, site := fullSite(t)
	stored := src.records(t, site).Records()
	data := src.export(t, site)
	for _, tc := range []struct {
		drop bundle.Field
		noun string
	}{
		{bundle.FieldNames, "participant"},
		{bundle.FieldOrganisations, "participant"},
		{bundle.FieldComments, "answer"},
		{bundle.FieldNotes, "record"},
		{bundle.FieldOwners, "action"},
		{bundle.FieldContext, "site"},
	} {
		t.Run(string(tc.drop), func(t *testing.T) {
			n := 0
			for _, rec := range stored {
				carries := bundle.WithheldWhole(rec, []bundle.Field{tc.drop})
				vs := bundle.StringValues(rec)
				for _, path := range bundle.PrivatePaths(tc.drop) {
					carries = carries || slices.ContainsFunc(vs[path], func(s string) bool { return s != "" })
				}
				if carries {
					n++
				}
			}
			noun := tc.noun
			if n != 1 {
				noun += "s"
			}
			said := reseal(t, data, func(s string) string {
				return strings.Replace(s, `"withheld":[]`, `"withheld":["`+string(tc.drop)+`"]`, 1)
			})
			wantRefused(t, said, bundle.ErrInvalid, fmt.Sprintf("the bundle says %s were left out, but %d %s still carry them", tc.drop, n, noun))
		})
	}
}
