package compare_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// respondentsBy counts the distinct respondents of each assessment in the
// long CSV's rows by key.
func respondentsBy(rows []map[string]string, key func(r map[string]string) string) map[string]int {
	seen := map[string]bool{}
	n := map[string]int{}
	for _, r := range rows {
		who := r["site"] + "/" + r["assessment"] + "/" + r["respondent"]
		k := r["site"] + "/" + r["assessment"] + " " + key(r)
		if !seen[who+" "+k] {
			seen[who+" "+k] = true
			n[k]++
		}
	}
	return n
}

// TestResponsesCSVNoSmallLevels reads the demo study's long CSV as a
// researcher would: no group and no role_level of any assessment has fewer
// than three respondents. Westmoor's and Valle del Sole's single senior
// officers are merged with their middle managers.
func TestResponsesCSVNoSmallLevels(t *testing.T) {
	svc := pilot(t)
	c, data, _ := responsesCSV(t, svc, false)
	_, rows := readCSV(t, data)
	byGroup := respondentsBy(rows, func(r map[string]string) string { return r["group"] })
	byLevel := respondentsBy(rows, func(r map[string]string) string { return r["group"] + " " + r["role_level"] })
	for _, counts := range []map[string]int{byGroup, byLevel} {
		for k, n := range counts {
			if n < analysis.MinRespondents {
				t.Errorf("%s: %d respondents in the CSV", k, n)
			}
		}
	}
	for _, s := range c.Sites {
		a := s.Current()
		single := s.Slug == "westmoor-county" || s.Slug == "ambito-valle-del-sole"
		if _, ok := byLevel[s.Slug+"/"+a.ID+" insider senior"]; ok && single {
			t.Errorf("%s: rows with role_level senior", s.Slug)
		}
		if s.Slug == "westmoor-county" {
			if n := byLevel[s.Slug+"/"+a.ID+" insider senior+middle"]; n != 3 {
				t.Errorf("westmoor-county: %d respondents with role_level senior+middle, want 3", n)
			}
			if len(a.Rows.Merged) == 0 || len(a.Rows.LeftOut) != 0 {
				t.Errorf("westmoor-county: rows written %+v", a.Rows)
			}
		}
	}
}

// twoOutsiders builds a site with three insiders (two middle managers and a
// front-line worker) and two outsiders, each of whom scores one statement.
func twoOutsiders(t *testing.T) *workbook.Service {
	t.Helper()
	svc := newService(t)
	q := defaultQuestionnaire(t)
	st := q.KeyIssues[0].Statements[0].ID
	err := svc.Change(func(c *workbook.Change) error {
		site, a, err := c.CreateSite(workbook.SiteInput{ID: "small", Name: "Small", Organisation: "Small council"}, q)
		if err != nil {
			return err
		}
		people := []struct {
			g workbook.Group
			r workbook.Role
		}{
			{workbook.Insider, workbook.RoleMiddle}, {workbook.Insider, workbook.RoleMiddle},
			{workbook.Insider, workbook.RoleFrontLine},
			{workbook.Outsider, workbook.RoleCommunity}, {workbook.Outsider, workbook.RolePartner},
		}
		for i, x := range people {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: x.g, Role: x.r})
			if err != nil {
				return err
			}
			in := workbook.ResponseInput{SiteID: site.ID, AssessmentID: a.ID, ParticipantID: p.ID, StatementID: st, Score: 1 + i}
			if _, err := c.RecordResponse(in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// TestResponsesCSVLeavesOutSmallGroup checks a site with two outsiders:
// by default their rows are left out and the insiders' levels merged;
// unsuppressed, every row is written with its real level, and what is
// small is listed.
func TestResponsesCSVLeavesOutSmallGroup(t *testing.T) {
	svc := twoOutsiders(t)
	write := func(unsuppressed bool) (*compare.Assessment, []map[string]string) {
		var buf bytes.Buffer
		rw, err := compare.NewResponseWriter(&buf)
		if err != nil {
			t.Fatal(err)
		}
		c := gather(t, svc, compare.Options{All: true, Responses: rw.Write, Unsuppressed: unsuppressed})
		if err := rw.Flush(); err != nil {
			t.Fatal(err)
		}
		_, rows := readCSV(t, buf.Bytes())
		return c.Sites[0].Current(), rows
	}

	a, rows := write(false)
	var levels []string
	for _, r := range rows {
		if r["group"] != "insider" {
			t.Errorf("an outsider's row is written: %v", r)
		}
		levels = append(levels, r["role_level"])
	}
	if want := []string{"middle+front-line", "middle+front-line", "middle+front-line"}; !slices.Equal(levels, want) {
		t.Errorf("role levels %q, want %q", levels, want)
	}
	wantLeft := []analysis.Cell{{Group: workbook.Outsider, Role: workbook.RoleCommunity, People: 1}, {Group: workbook.Outsider, Role: workbook.RolePartner, People: 1}}
	if a.Rows.Respondents != 3 || !slices.Equal(a.Rows.LeftOut, wantLeft) || len(a.Rows.Merged) != 1 || a.Rows.Small != nil {
		t.Errorf("rows written %+v", a.Rows)
	}

	a, rows = write(true)
	levels = levels[:0]
	for _, r := range rows {
		levels = append(levels, r["group"]+" "+r["role_level"])
	}
	slices.Sort(levels)
	want := []string{"insider front-line", "insider middle", "insider middle", "outsider community", "outsider partner"}
	if !slices.Equal(levels, want) {
		t.Errorf("unsuppressed: %q, want %q", levels, want)
	}
	wantSmall := []analysis.Cell{
		{Group: workbook.Outsider, People: 2},
		{Group: workbook.Insider, Role: workbook.RoleMiddle, People: 2},
		{Group: workbook.Insider, Role: workbook.RoleFrontLine, People: 1},
		{Group: workbook.Outsider, Role: workbook.RoleCommunity, People: 1},
		{Group: workbook.Outsider, Role: workbook.RolePartner, People: 1},
	}
	if a.Rows.Respondents != 5 || !slices.Equal(a.Rows.Small, wantSmall) || a.Rows.LeftOut != nil {
		t.Errorf("unsuppressed rows written %+v", a.Rows)
	}
}

// TestResponsesCSVWithholdsSmallScoresPerStatement reads the default long
// CSV of the demo as a researcher would: on no statement can the scores of
// one or two people of a group, or of a role_level, be read. At Valle del
// Sole only two of the four outsiders scored 2.3 (the report withholds
// their figure): their scores are withheld here too.
func TestResponsesCSVWithholdsSmallScoresPerStatement(t *testing.T) {
	svc := pilot(t)
	c, data, _ := responsesCSV(t, svc, false)
	_, rows := readCSV(t, data)
	scorers := map[string]int{}
	withheld := 0
	for _, r := range rows {
		if r["score_withheld"] == "TRUE" {
			withheld++
			if r["score"] != "" || r["scored"] != "" || r["dont_know"] != "FALSE" {
				t.Errorf("a withheld row shows its answer: %v", r)
			}
			continue
		}
		if r["score"] == "" {
			continue
		}
		at := r["site"] + "/" + r["assessment"] + "/" + r["statement"] + "/" + r["group"]
		scorers[at]++
		scorers[at+"/"+r["role_level"]]++
	}
	for k, n := range scorers {
		if n < analysis.MinRespondents {
			t.Errorf("%s: the scores of %d people can be read", k, n)
		}
	}
	valle := 0
	for _, r := range rows {
		if r["site"] == "ambito-valle-del-sole" && r["statement"] == "os-diversity-training" && r["group"] == "outsider" && r["score_withheld"] == "TRUE" {
			valle++
		}
	}
	if valle != 2 {
		t.Errorf("Valle del Sole 2.3: %d outsiders' scores withheld, want the 2 who scored", valle)
	}
	total := 0
	for _, s := range c.Sites {
		for _, a := range s.Assessments {
			total += a.Rows.Withheld
		}
	}
	if total != withheld || withheld == 0 {
		t.Errorf("%d rows withheld, the comparison counts %d", withheld, total)
	}
	// With --unsuppressed every score is there.
	_, all, _ := responsesCSV(t, svc, true)
	_, allRows := readCSV(t, all)
	for _, r := range allRows {
		if r["score_withheld"] != "FALSE" {
			t.Fatalf("an unsuppressed row is withheld: %v", r)
		}
	}
}
