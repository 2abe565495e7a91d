package compare_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The actions CSV of the five pilot sites, on the demo's day: every round's
// plan, what is overdue, the latest review's day and the number of
// reviews; the owners' and reviewers' names only when asked for, and the
// review notes never.
func TestActionsCSVOfThePilotSites(t *testing.T) {
	svc := pilot(t)
	// Counted on the day the data stands at, whatever the clock says:
	// the comparison's date, 9 March 2026 (Tynebridge's second round
	// starts then).
	c := gather(t, svc, compare.Options{All: true})
	if c.Today != "2026-03-09" || c.Today != c.AsOf.Format("2006-01-02") {
		t.Fatalf("the comparison counts overdue on %s, want the data's day %s", c.Today, c.AsOf)
	}
	var buf bytes.Buffer
	n, err := compare.WriteActions(&buf, c, false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\r\n") || strings.Count(buf.String(), "\n") != strings.Count(buf.String(), "\r\n") {
		t.Error("the actions CSV's lines do not all end in CRLF")
	}
	header, rows := readCSV(t, buf.Bytes())
	if !slices.Equal(header, compare.ActionsHeader) || len(rows) != n {
		t.Fatalf("header %q, %d rows read of %d", header, len(rows), n)
	}
	total, overdue := 0, map[string]int{}
	for _, s := range c.Sites {
		total += s.Plan.Actions
		overdue[s.Slug] = s.Plan.Overdue
	}
	if n != total || n != 28 {
		t.Errorf("%d rows, the sites' plans count %d actions; want 28", n, total)
	}
	got := map[string]int{}
	for _, r := range rows {
		if r["overdue"] == "TRUE" {
			got[r["site"]]++
		}
		if r["as_of"] != "2026-03-09" {
			t.Errorf("as_of %q", r["as_of"])
		}
	}
	if got["tynebridge-south"] != 2 || got["eastbrook-pilot"] != 1 || len(got) != 2 || got["tynebridge-south"] != overdue["tynebridge-south"] {
		t.Errorf("overdue by site %v (the plan counts %v)", got, overdue)
	}
	var mapped map[string]string
	for _, r := range rows {
		if r["action"] == "Map the locality model to schools" {
			mapped = r
		}
	}
	want := map[string]string{"site": "tynebridge-south", "assessment_title": "South Family Hub workbook 2025", "key_issue": "service-culture",
		"key_issue_title": "Professional service culture", "due": "2025-12-19", "status": "in-progress", "overdue": "TRUE",
		"last_review": "2026-01-19", "reviews": "3"}
	for k, v := range want {
		if mapped[k] != v {
			t.Errorf("%s = %q, want %q (%v)", k, mapped[k], v, mapped)
		}
	}
	for _, secret := range []string{"Simon Walsh", "Ruth Morgan", "Early Help service manager", "Eight of eleven"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the CSV holds %q without --owners (or a review note)", secret)
		}
	}

	buf.Reset()
	if _, err := compare.WriteActions(&buf, c, true); err != nil {
		t.Fatal(err)
	}
	header, rows = readCSV(t, buf.Bytes())
	if !slices.Equal(header, compare.ActionsOwnersHeader) {
		t.Fatalf("header with owners %q", header)
	}
	for _, r := range rows {
		if r["action"] == "Map the locality model to schools" && (r["owner"] != "Early Help service manager" || r["last_reviewer"] != "Simon Walsh") {
			t.Errorf("with owners: %v", r)
		}
	}
	if strings.Contains(buf.String(), "Eight of eleven") {
		t.Error("a review note is in the CSV")
	}
}

// The comparison counts each site's plan on its day: the same action is
// overdue the day after it was due, not on the day.
func TestComparisonCountsThePlanOnItsDay(t *testing.T) {
	svc := pilot(t)
	for day, want := range map[string]int{"2026-02-20": 2, "2026-02-21": 3, "2026-01-30": 1, "2026-01-31": 2} {
		c := gather(t, svc, compare.Options{Sites: []string{"eastbrook-pilot", "tynebridge-south"}, Today: day})
		got := 0
		for _, s := range c.Sites {
			got += s.Plan.Overdue
			if s.Plan != workbook.CountPlan(interventions(s.Actions), day) {
				t.Errorf("%s: the plan's counts differ from CountPlan", s.Slug)
			}
		}
		if c.Today != day || got != want {
			t.Errorf("on %s: %d overdue (comparison's day %s), want %d", day, got, c.Today, want)
		}
	}
}

func interventions(ls []workbook.PlanLine) []workbook.Intervention {
	var out []workbook.Intervention
	for _, l := range ls {
		out = append(out, l.Intervention)
	}
	return out
}
