package workbook_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A questionnaire file changed on disk after an assessment started (a
// statement reworded, another removed): the assessment keeps the exact
// questionnaire it started with, answers to the removed statement still
// count, and a new site started from the changed file gets the new one.
func TestQuestionnaireChangedOnDiskAfterAssessmentStarted(t *testing.T) {
	f := newFixture(t)
	src, err := os.ReadFile(filepath.Join("testdata", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var people []workbook.Participant
	f.change(t, func(c *workbook.Change) error {
		for range 3 {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			people = append(people, p)
			if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: f.site.ID, AssessmentID: f.a.ID, ParticipantID: p.ID, StatementID: "ca-info", Score: 2}); err != nil {
				return err
			}
		}
		return nil
	})

	// The facilitator edits the file: reword ca-times, drop ca-info.
	changed := strings.Replace(string(src), "Meetings suit community members.", "Meetings are held when people can come.", 1)
	changed = strings.Replace(changed, "      - id: ca-info\n        text: {en: Information is easy to understand., it: Le informazioni sono chiare.}\n", "", 1)
	changed = strings.Replace(changed, `version: "1"`, `version: "2"`, 1)
	if changed == string(src) || strings.Contains(changed, "ca-info") {
		t.Fatal("the test's edit of the file did not apply")
	}
	path := filepath.Join(t.TempDir(), "small.yaml")
	if err := os.WriteFile(path, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	q2, err := questionnaire.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	d := f.load(t)
	if d.Questionnaire.Hash != f.q.Hash || d.Questionnaire.Version != "1" {
		t.Fatalf("the assessment now uses version %s (%s), want the pinned version 1", d.Questionnaire.Version, d.Questionnaire.Hash)
	}
	st, _, ok := d.Questionnaire.Statement("ca-times")
	if !ok || st.Text.In("en") != "Meetings suit community members." {
		t.Fatalf("statement as asked: %q", st.Text.In("en"))
	}
	res := analysis.Analyse(d.Questionnaire, d.Participants, d.Responses)
	found := false
	for _, it := range res.Items {
		if it.Statement.ID == "ca-info" {
			found = it.All.N == 3 && it.All.Mean == 2
		}
	}
	if !found {
		t.Fatal("answers to the statement removed from the file no longer count")
	}

	// A new site from the changed file has the new questionnaire; both stay.
	var site2 workbook.Site
	f.change(t, func(c *workbook.Change) (err error) {
		site2, _, err = c.CreateSite(workbook.SiteInput{Name: "Second", Organisation: "Second Council"}, q2)
		return err
	})
	var d2 *workbook.AssessmentData
	err = f.svc.Read(func(r *workbook.Reader) (err error) {
		d2, err = r.LoadAssessment(site2.ID, "")
		if err != nil {
			return err
		}
		all, err := r.PinnedQuestionnaires()
		if len(all) != 2 {
			t.Errorf("%d questionnaires pinned, want both versions", len(all))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if d2.Questionnaire.Version != "2" || len(d2.Questionnaire.Statements()) != len(f.q.Statements())-1 {
		t.Fatalf("new site has version %s with %d statements", d2.Questionnaire.Version, len(d2.Questionnaire.Statements()))
	}
	if d := f.load(t); d.Questionnaire.Hash != f.q.Hash {
		t.Fatal("starting a site from the changed file changed the first site's questionnaire")
	}
}
