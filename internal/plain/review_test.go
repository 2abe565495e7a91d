package plain

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// oneAction adds one planned action to the plan, due at the end of June.
func oneAction(ts *testStore) {
	ts.change(func(c *workbook.Change) error {
		_, err := c.SaveIntervention(workbook.Intervention{SiteID: ts.site.ID, AssessmentID: ts.a.ID,
			Action: "Move the meetings to the evening", Owner: "Ward councillor", Due: "2026-06-30"})
		return err
	})
}

func TestReviewScripts(t *testing.T) {
	cases := []scriptCase{
		{
			name:  "dropping an action asks why, and the review is dated today by default",
			setup: oneAction,
			lines: []string{"1", "5", "?", "v", "v 2", "v 1", "4", "-", "Dana Reyes", "-", "Residents now run them on their own", "l"},
			want: []string{"v and a number from 1 to 1, as v 1: review that action of the plan",
				"Type v and the number of an action of the plan, as v 1; l lists them.",
				"> v 2", "There is no number “2” here: type a number from 1 to 1.",
				"Review: 4 questions, one line each.",
				"The action reviewed: Move the meetings to the evening; owner Ward councillor; due 30 June 2026; no key issue; Planned.",
				"1. Planned.", "4. Dropped.", "Review, its status now: type a number from 1 to 4.",
				"Review, day of the review, as 2026-06-30 (none is today, 2 March 2026), optional",
				"Review, who reviewed it, optional",
				"Review, note: what was found (for a dropped action, why it is dropped): type it.",
				"Not saved:", "note: what was found (for a dropped action, why it is dropped): say why the action is dropped.",
				"That question is asked again",
				"Saved: review of Move the meetings to the evening: Dropped.",
				"1 action in the plan:", "1. Move the meetings to the evening; owner Ward councillor; due 30 June 2026; no key issue; Dropped."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				iv := d.Interventions[0]
				want := workbook.Review{Date: "2026-03-02", Reviewer: "Dana Reyes", Status: workbook.StatusDropped, Note: "Residents now run them on their own"}
				if iv.Status != workbook.StatusDropped || len(iv.Reviews) != 1 || iv.Reviews[0] != want {
					t.Errorf("the action is %s with reviews %+v, want dropped with %+v", iv.Status, iv.Reviews, want)
				}
			},
		},
		{
			name: "a review after today is asked again; one on a day given, without a reviewer, is saved",
			setup: func(ts *testStore) {
				oneAction(ts)
				d := ts.load()
				ts.change(func(c *workbook.Change) error {
					_, err := c.AddReview(ts.site.ID, ts.a.ID, d.Interventions[0].ID, workbook.Review{Date: "2026-02-10", Status: workbook.StatusPlanned})
					return err
				})
			},
			lines: []string{"1", "5", "v 1", "2", "2026-04-01", "-", "Started in February", "2026-02-20", "l"},
			want: []string{"It has 1 review, the latest on 10 February 2026.",
				"Review, note: what was found (for a dropped action, why it is dropped), optional",
				"Not saved:", "is after today (2026-03-02)",
				"Saved: review of Move the meetings to the evening: In progress.",
				"1. Move the meetings to the evening; owner Ward councillor; due 30 June 2026; no key issue; In progress."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				iv := d.Interventions[0]
				want := workbook.Review{Date: "2026-02-20", Status: workbook.StatusInProgress, Note: "Started in February"}
				if iv.Status != workbook.StatusInProgress || len(iv.Reviews) != 2 || iv.Reviews[1] != want {
					t.Errorf("the action is %s with reviews %+v, want in progress, the latest %+v", iv.Status, iv.Reviews, want)
				}
			},
		},
		{
			name:  "with no action in the plan there is nothing to review",
			setup: func(ts *testStore) {},
			lines: []string{"1", "5", "v 1"},
			want:  []string{"The plan has no action to review yet: i adds one."},
			not:   []string{"review that action of the plan"},
		},
		{
			name:  "Italian: the review in the user's language",
			site:  "it",
			user:  "it",
			setup: oneAction,
			lines: []string{"1", "5", "v 1", "3", "-", "-", "Fatto a marzo"},
			want: []string{"Verifica: 4 domande", "L'intervento verificato: Move the meetings to the evening",
				"lo stato attuale", "giorno della verifica, come 2026-06-30 (nessuno è oggi, 2 marzo 2026)",
				"Salvato: verifica di Move the meetings to the evening: Fatta."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				if iv := d.Interventions[0]; iv.Status != workbook.StatusDone || len(iv.Reviews) != 1 || iv.Reviews[0].Date != "2026-03-02" {
					t.Errorf("the action is %s with reviews %+v, want done, reviewed today", iv.Status, iv.Reviews)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCase(t, c) })
	}
}
