package warehouse_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/warehouse"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// actions lists what a push did, site by site.
func actions(res []warehouse.SiteResult) []string {
	var out []string
	for _, r := range res {
		out = append(out, r.Slug+" "+string(r.Action))
	}
	return out
}

func TestPushDemoStudy(t *testing.T) {
	w := newWarehouse(t)
	svc := demoStore(t)
	answers, summary := csvs(t, svc, false)

	// First push: every site is added, with the CSVs' rows.
	res := w.push(t, svc, warehouse.Options{})
	if len(res) != demo.PilotSites {
		t.Fatalf("pushed %d sites, want %d", len(res), demo.PilotSites)
	}
	nAnswers, nSummary := 0, 0
	for _, r := range res {
		if r.Action != warehouse.Added {
			t.Errorf("%s: %s, want added", r.Slug, r.Action)
		}
		nAnswers += r.Answers
		nSummary += r.Summary
	}
	if got, want := w.count(t, warehouse.TableAnswers), len(answers)-1; got != want || nAnswers != want {
		t.Errorf("engage_answers has %d rows (push said %d), the long CSV %d", got, nAnswers, want)
	}
	if got, want := w.count(t, warehouse.TableSummary), len(summary)-1; got != want || nSummary != want {
		t.Errorf("engage_summary has %d rows (push said %d), the summary CSV %d", got, nSummary, want)
	}
	if got := w.count(t, warehouse.TableSites); got != demo.PilotSites {
		t.Errorf("engage_sites has %d rows, want %d", got, demo.PilotSites)
	}

	// Every value of every row is the CSVs' (but summary's compared,
	// which depends on the sites compared together, and round, which the
	// warehouse leaves to engage_assessments' assessment_started).
	t.Run("the summary CSV's figures", func(t *testing.T) {
		h := summary[0]
		key := []string{"site", "assessment", "key_issue", "group"}
		db := w.asCSV(t, warehouse.TableSummary, h, key...)
		for _, rec := range summary[1:] {
			want := without(h, rec, "compared", "round")
			got, ok := db[keyOf(h, rec, key...)]
			if !ok {
				t.Fatalf("no engage_summary row for %s", keyOf(h, rec, key...))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("engage_summary row %s:\n got %q\nwant %q", keyOf(h, rec, key...), got, want)
			}
		}
	})
	t.Run("the long CSV's answers", func(t *testing.T) {
		h := answers[0]
		key := []string{"site", "assessment", "respondent", "statement"}
		db := w.asCSV(t, warehouse.TableAnswers, h, key...)
		for _, rec := range answers[1:] {
			got, ok := db[keyOf(h, rec, key...)]
			if !ok || !slices.Equal(got, rec) {
				t.Fatalf("engage_answers row %s:\n got %q\nwant %q", keyOf(h, rec, key...), got, rec)
			}
		}
	})
	t.Run("a figure by SQL is the comparison's own", func(t *testing.T) {
		c, err := compare.Gather(svc, compare.Options{All: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range c.Sites {
			a := s.Current()
			is := a.Issues[0]
			var n int
			var mean *float64
			err := w.conn.QueryRow(context.Background(), `SELECT n, mean FROM engage.engage_summary
				WHERE site = $1 AND current AND key_issue = $2 AND "group" = 'insiders'`, s.Slug, is.ID).Scan(&n, &mean)
			if err != nil {
				t.Fatal(err)
			}
			if n != is.Insiders.Respondents {
				t.Errorf("%s %s: n %d, the comparison's %d", s.Slug, is.ID, n, is.Insiders.Respondents)
			}
			if !is.Insiders.Shown() {
				if mean != nil {
					t.Errorf("%s %s: a suppressed mean is in the warehouse: %v", s.Slug, is.ID, *mean)
				}
				continue
			}
			if mean == nil || *mean != analysisShown(a, is.Insiders.Mean) {
				t.Errorf("%s %s: mean %v, the comparison's %v", s.Slug, is.ID, mean, is.Insiders.Mean)
			}
		}
	})

	// The second push changes nothing: not one row is rewritten.
	before := w.versions(t)
	res = w.push(t, svc, warehouse.Options{})
	for _, r := range res {
		if r.Action != warehouse.Unchanged {
			t.Errorf("second push: %s %s, want unchanged", r.Slug, r.Action)
		}
	}
	if after := w.versions(t); !mapsEqual(before, after) {
		t.Errorf("the second push rewrote rows:\nbefore %v\nafter  %v", before, after)
	}

	// One answer changed in the store: that site is replaced, in full, and
	// the others are not touched.
	site := demo.SiteID(2)
	changeOneAnswer(t, svc, site)
	res = w.push(t, svc, warehouse.Options{})
	for _, r := range res {
		want := warehouse.Unchanged
		if r.ID == site {
			want = warehouse.Replaced
		}
		if r.Action != want {
			t.Errorf("after one answer changed: %s %s, want %s", r.Slug, r.Action, want)
		}
	}
	after := w.versions(t)
	for k, v := range before {
		touched := after[k] != v
		if strings.HasSuffix(k, " "+site) != touched && k != "statements" {
			t.Errorf("%s: rewritten %v", k, touched)
		}
	}
	if after["statements"] != before["statements"] {
		t.Error("a replaced site rewrote the questionnaire's statements")
	}
	answers2, _ := csvs(t, svc, false)
	h := answers2[0]
	db := w.asCSV(t, warehouse.TableAnswers, h, "site", "assessment", "respondent", "statement")
	for _, rec := range answers2[1:] {
		if got := db[keyOf(h, rec, "site", "assessment", "respondent", "statement")]; !slices.Equal(got, rec) {
			t.Fatalf("after the change, engage_answers row:\n got %q\nwant %q", got, rec)
		}
	}
}

// analysisShown is a mean as the summary CSV writes it: rounded to four
// decimals, never across the band edge.
func analysisShown(a *compare.Assessment, mean float64) float64 {
	return analysis.ShownMean(a.Questionnaire.Bands, mean, 4)
}

// changeOneAnswer gives the first answered statement of site's current
// assessment another score.
func changeOneAnswer(t *testing.T, svc *workbook.Service, site string) {
	t.Helper()
	err := svc.Change(func(c *workbook.Change) error {
		a, err := c.Current(site)
		if err != nil {
			return err
		}
		rs, err := c.Responses(site, a.ID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Score == 0 {
				continue
			}
			score := r.Score%5 + 1
			_, err := c.RecordResponse(workbook.ResponseInput{SiteID: site, AssessmentID: a.ID,
				ParticipantID: r.ParticipantID, StatementID: r.StatementID, Score: score, Comment: r.Comment})
			return err
		}
		t.Fatal("no scored answer to change")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
