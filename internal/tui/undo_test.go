package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// answersOf are the stored answers as "participant/statement" -> score
// text with the comment, for comparing the store before and after.
func answersOf(te *testEnv) map[string]string {
	out := map[string]string{}
	for _, r := range te.load().Responses {
		out[respKey(r.ParticipantID, r.StatementID)] = scoreText(r, true) + "|" + r.Comment
	}
	return out
}

// wantScreen fails unless the root's frame shows every one of texts.
func wantScreen(t *testing.T, m *Model, when string, texts ...string) {
	t.Helper()
	text := screenText(m)
	for _, s := range texts {
		if !strings.Contains(text, s) {
			t.Errorf("%s: the screen does not show %q:\n%s", when, s, text)
		}
	}
}

func TestUndoScoresStepByStep(t *testing.T) {
	for _, tc := range []struct {
		name  string
		group workbook.Group
		step  string // the site screen's key for the step
		who   string // how the first person is named
	}{
		{"workbook", workbook.Insider, "3", "#1 middle"},
		{"verification", workbook.Outsider, "4", "#1 community member"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			te := newTestEnv(t)
			people := te.addPeople(tc.group, 2)
			m := newRoot(t, te, 80, 24)
			pressRoot(t, m, "enter", tc.step)
			d, ok := m.top().(*dialogue)
			if !ok {
				t.Fatalf("step %s opened %T", tc.step, m.top())
			}
			first := d.statements[0].ID
			k1, k2 := respKey(people[0].ID, first), respKey(people[1].ID, first)
			if strings.Contains(screenText(m), "ctrl+z") {
				t.Error("ctrl+z is offered before anything was changed")
			}
			pressRoot(t, m, "ctrl+z")
			wantScreen(t, m, "nothing changed yet", "Nothing to undo on this screen")

			// 4 and 2 for the two people, then back to the first and 5
			// over the 4.
			pressRoot(t, m, "4", "2", "[", "5")
			if got := answersOf(te); got[k1] != "5|" || got[k2] != "2|" {
				t.Fatalf("stored %v, want 5 and 2", got)
			}
			wantScreen(t, m, "after scoring", "ctrl+z undo")

			pressRoot(t, m, "ctrl+z")
			if got := answersOf(te); got[k1] != "4|" || got[k2] != "2|" {
				t.Fatalf("after one undo %v, want the 4 back and the 2 kept", got)
			}
			wantScreen(t, m, "after one undo", "Undone: "+tc.who+", statement 1.1: 5")
			pressRoot(t, m, "right") // elsewhere: the undo goes back to the answer
			pressRoot(t, m, "ctrl+z")
			if got := answersOf(te); got[k1] != "4|" || got[k2] != "" {
				t.Fatalf("after two undos %v, want the second person's answer gone", got)
			}
			if d := m.top().(*dialogue); d.cur != 0 || d.row != 1 {
				t.Errorf("after undoing the second person's answer: statement %d row %d, want 1 2", d.cur+1, d.row+1)
			}
			pressRoot(t, m, "ctrl+z")
			if got := answersOf(te); len(got) != 0 {
				t.Fatalf("after three undos %v, want nothing", got)
			}
			wantScreen(t, m, "after three undos", "Undone: "+tc.who+", statement 1.1: 4")
			if view := screenText(m); strings.Contains(view, "ctrl+z") {
				t.Errorf("ctrl+z still offered with nothing left to undo:\n%s", view)
			}
			pressRoot(t, m, "ctrl+z")
			wantScreen(t, m, "all undone", "Nothing to undo on this screen")
			if got := answersOf(te); len(got) != 0 {
				t.Fatalf("an undo with nothing to undo stored %v", got)
			}
		})
	}
}

func TestUndoKeepsTheCommentAndClears(t *testing.T) {
	te := newTestEnv(t)
	people := te.addPeople(workbook.Insider, 1)
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "3", "3", "[", "c")
	typeRoot(t, m, "Too early in the day")
	pressRoot(t, m, "enter", "x")
	first := m.top().(*dialogue).statements[0].ID
	k := respKey(people[0].ID, first)
	if got := answersOf(te)[k]; got != "–|Too early in the day" && !strings.HasSuffix(got, "|Too early in the day") {
		t.Fatalf("after clearing: %q, want the comment kept", got)
	}
	pressRoot(t, m, "ctrl+z") // the clear
	if got := answersOf(te)[k]; got != "3|Too early in the day" {
		t.Fatalf("undoing the clear: %q, want 3 with its comment", got)
	}
	pressRoot(t, m, "ctrl+z") // the comment
	if got := answersOf(te)[k]; got != "3|" {
		t.Fatalf("undoing the comment: %q, want 3 without it", got)
	}
}

func TestUndoRefusesWhatChangedSince(t *testing.T) {
	te := newTestEnv(t)
	people := te.addPeople(workbook.Insider, 1)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "4")
	first := m.top().(*dialogue).statements[0].ID
	// Someone else (the CLI, another session) answers again meanwhile.
	te.change(func(c *workbook.Change) error {
		_, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: people[0].ID, StatementID: first, Score: 1})
		return err
	})
	pressRoot(t, m, "ctrl+z")
	if got := answersOf(te)[respKey(people[0].ID, first)]; got != "1|" {
		t.Fatalf("a refused undo left %q, want the later 1", got)
	}
	wantScreen(t, m, "refused", "Not undone: it was changed since, so it is left as it is")
	// The step is gone: it can never apply.
	pressRoot(t, m, "ctrl+z")
	wantScreen(t, m, "after the refusal", "Nothing to undo on this screen")
}

func TestUndoParticipantDeletionPutsBackTheirAnswers(t *testing.T) {
	te := newTestEnv(t)
	ps := te.addPeople(workbook.Insider, 2)
	st := te.q.Statements()
	te.change(func(c *workbook.Change) error {
		for i, p := range ps {
			for j, s := range st[:3] {
				in := workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: s.ID, Score: 1 + (i+j)%5}
				if j == 1 {
					in.Comment = "said in the room"
				}
				if _, err := c.RecordResponse(in); err != nil {
					return err
				}
			}
		}
		return nil
	})
	before := te.load()
	answers := answersOf(te)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "enter", "3", "p")
	if _, ok := m.top().(*people); !ok {
		t.Fatalf("p opened %T", m.top())
	}
	pressRoot(t, m, "D", "y")
	if got := te.load(); len(got.Participants) != 1 || len(got.Responses) != 3 {
		t.Fatalf("after deleting: %d people, %d answers", len(got.Participants), len(got.Responses))
	}
	pressRoot(t, m, "ctrl+z")
	after := te.load()
	if len(after.Participants) != 2 || after.Participants[0] != before.Participants[0] {
		t.Fatalf("participants after undo %+v, want %+v", after.Participants, before.Participants)
	}
	if got := answersOf(te); len(got) != len(answers) {
		t.Fatalf("answers after undo %v, want %v", got, answers)
	} else {
		for k, v := range answers {
			if got[k] != v {
				t.Errorf("answer %s after undo %q, want %q", k, got[k], v)
			}
		}
	}
	wantScreen(t, m, "after undoing the deletion", "Undone: removed #1 middle and their answers", "#1 middle", "3 answers")

	// Back to the dialogue: the deletion was the people screen's, and its
	// steps went with it.
	pressRoot(t, m, "D", "y", "esc", "ctrl+z")
	wantScreen(t, m, "on the dialogue", "Nothing to undo on this screen")
	pressRoot(t, m, "p", "ctrl+z")
	wantScreen(t, m, "on the people screen again", "Nothing to undo on this screen")
	if got := len(te.load().Participants); got != 1 {
		t.Errorf("%d participants, want 1: the deletion made before leaving stays", got)
	}
}

func TestUndoCriteriaMarks(t *testing.T) {
	te := newTestEnv(t)
	te.change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Youth forum", Ongoing: true})
		return err
	})
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "2")
	if _, ok := m.top().(*selectScreen); !ok {
		t.Fatalf("2 opened %T", m.top())
	}
	marks := func() map[string]workbook.CriterionMark { return te.load().Partnerships[0].Criteria }
	pressRoot(t, m, "y", "n", "left", "u")
	c := te.q.Criteria
	if got := marks(); got[c[0].ID].Mark != workbook.Met || got[c[1].ID].Mark != workbook.Unknown {
		t.Fatalf("marks %v", got)
	}
	pressRoot(t, m, "ctrl+z")
	if got := marks(); got[c[1].ID].Mark != workbook.NotMet {
		t.Fatalf("after one undo %v, want C2 not met again", got)
	}
	wantScreen(t, m, "after one undo", "Undone: Youth forum, C2")
	pressRoot(t, m, "ctrl+z", "ctrl+z")
	if got := marks(); len(got) != 0 {
		t.Fatalf("after undoing every mark %v, want none", got)
	}
	// The table shows what the store holds.
	wantScreen(t, m, "every mark undone", "0/7")
}

func TestUndoPartnershipDeletionOnTheMap(t *testing.T) {
	te := newTestEnv(t)
	var p workbook.Partnership
	te.change(func(c *workbook.Change) (err error) {
		if p, err = c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Youth forum", Ongoing: true}); err != nil {
			return err
		}
		if _, err = c.SavePartnership(workbook.Partnership{SiteID: te.site.ID, Title: "Allotments group"}); err != nil {
			return err
		}
		if _, err = c.SetCriterion(te.site.ID, p.ID, te.q.Criteria[0].ID, workbook.CriterionMark{Mark: workbook.Met}); err != nil {
			return err
		}
		_, err = c.SelectPartnership(te.site.ID, te.a.ID, p.ID, "the most active")
		return err
	})
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "1", "down", "D", "y")
	if d := te.load(); len(d.Partnerships) != 1 || d.Assessment.PartnershipID != "" {
		t.Fatalf("after deleting: %d partnerships, selected %q", len(d.Partnerships), d.Assessment.PartnershipID)
	}
	pressRoot(t, m, "ctrl+z")
	d := te.load()
	if len(d.Partnerships) != 2 || d.Partnerships[1].Criteria[te.q.Criteria[0].ID].Mark != workbook.Met {
		t.Fatalf("after undo: %+v, want the partnership with its mark", d.Partnerships)
	}
	if d.Assessment.PartnershipID != p.ID {
		t.Errorf("after undo the assessment selects %q, want %q again", d.Assessment.PartnershipID, p.ID)
	}
	wantScreen(t, m, "after undo", "Undone: deleted Youth forum", "›★Youth forum")
}

func TestUndoFindingsAndActionsOnBarriers(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "5")
	if _, ok := m.top().(*barriers); !ok {
		t.Fatalf("5 opened %T", m.top())
	}
	// Confirm the first barrier, write a finding and edit it.
	pressRoot(t, m, "y", "tab", "tab", "tab", "f", "tab", "tab")
	typeRoot(t, m, "Evening meetings")
	pressRoot(t, m, "ctrl+s")
	texts := func() []string {
		var out []string
		for _, f := range te.load().Findings {
			out = append(out, f.Text)
		}
		return out
	}
	if got := texts(); len(got) != 2 {
		t.Fatalf("findings %v, want the confirmed barrier and the new one", got)
	}
	pressRoot(t, m, "end", "e", "tab", "tab")
	typeRoot(t, m, " at 6pm")
	pressRoot(t, m, "ctrl+s")
	if got := texts(); got[1] != "Evening meetings at 6pm" {
		t.Fatalf("findings after the edit %v", got)
	}
	// Delete it.
	pressRoot(t, m, "D", "y")
	if got := texts(); len(got) != 1 {
		t.Fatalf("findings after deleting %v", got)
	}
	pressRoot(t, m, "ctrl+z")
	if got := texts(); len(got) != 2 || got[1] != "Evening meetings at 6pm" {
		t.Fatalf("undoing the deletion: %v", got)
	}
	wantScreen(t, m, "deletion undone", "Undone: finding deleted")
	pressRoot(t, m, "ctrl+z")
	if got := texts(); got[1] != "Evening meetings" {
		t.Fatalf("undoing the edit: %v", got)
	}
	pressRoot(t, m, "ctrl+z", "ctrl+z")
	if got := texts(); len(got) != 0 {
		t.Fatalf("undoing the new finding and the confirmed barrier: %v", got)
	}

	// An action, edited, then deleted with its review.
	pressRoot(t, m, "tab", "i")
	typeRoot(t, m, "Move the meetings")
	pressRoot(t, m, "ctrl+s")
	ivs := te.load().Interventions
	if len(ivs) != 1 {
		t.Fatalf("actions %+v", ivs)
	}
	te.change(func(c *workbook.Change) error {
		_, err := c.AddReview(te.site.ID, te.a.ID, ivs[0].ID, workbook.Review{Date: c.Today(), Status: workbook.StatusInProgress, Note: "begun"})
		return err
	})
	drive(t, m, func() tea.Msg { return reloadMsg{} }) // the screen reads the review
	pressRoot(t, m, "e", "tab")
	typeRoot(t, m, "Ward office")
	pressRoot(t, m, "ctrl+s", "D", "y")
	if got := te.load().Interventions; len(got) != 0 {
		t.Fatalf("actions after deleting %+v", got)
	}
	pressRoot(t, m, "ctrl+z")
	got := te.load().Interventions
	if len(got) != 1 || got[0].Owner != "Ward office" || len(got[0].Reviews) != 1 || got[0].Status != workbook.StatusInProgress {
		t.Fatalf("undoing the deletion: %+v, want it with its owner, status and review", got)
	}
	pressRoot(t, m, "ctrl+z")
	if got := te.load().Interventions; len(got) != 1 || got[0].Owner != "" || len(got[0].Reviews) != 1 {
		t.Fatalf("undoing the edit: %+v, want no owner and the review kept", got)
	}
	// Reviewed since it was written: taking it back would lose the review.
	pressRoot(t, m, "ctrl+z")
	if got := te.load().Interventions; len(got) != 1 {
		t.Fatalf("undoing a reviewed action's creation removed it: %+v", got)
	}
	wantScreen(t, m, "refused", "Not undone: it was changed since, so it is left as it is")
}

func TestUndoIsInTheHelp(t *testing.T) {
	for _, lang := range []struct {
		italian bool
		want    string
	}{{false, "ctrl+z       undo"}, {true, "ctrl+z       annulla"}} {
		te := newTestEnv(t)
		root := newRoot
		if lang.italian {
			italianSite(t, te)
			root = newItalianRoot
		}
		te.addPeople(workbook.Insider, 1)
		m := root(t, te, 100, 40)
		pressRoot(t, m, "enter", "3", "?")
		wantScreen(t, m, "the dialogue's help", lang.want)
		pressRoot(t, m, "esc", "esc", "?")
		if v := screenText(m); strings.Contains(v, "ctrl+z") {
			t.Errorf("the site screen, which changes nothing that ctrl+z takes back, lists it:\n%s", v)
		}
	}
}

func TestUndoNotesAndGroupScore(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 1)
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "3", "n")
	typeRoot(t, m, "Evening meetings")
	pressRoot(t, m, "ctrl+s", "g", "4", "g", "2")
	note := func() workbook.StatementNote {
		ns := te.load().StatementNotes
		if len(ns) == 0 {
			return workbook.StatementNote{}
		}
		return ns[0]
	}
	if n := note(); n.GroupScore != 2 || n.Notes != "Evening meetings" {
		t.Fatalf("note %+v", n)
	}
	pressRoot(t, m, "ctrl+z")
	if n := note(); n.GroupScore != 4 || n.Notes != "Evening meetings" {
		t.Fatalf("after one undo %+v, want the group score 4 back", n)
	}
	pressRoot(t, m, "ctrl+z", "ctrl+z")
	if n := note(); n.GroupScore != 0 || n.Notes != "" {
		t.Fatalf("after undoing all %+v, want no note", n)
	}
	wantScreen(t, m, "notes undone", "Undone: notes on statement 1.1")
}

func TestUndoPeopleFormsAndTheMapsForm(t *testing.T) {
	te := newTestEnv(t)
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "3", "p", "a")
	typeRoot(t, m, "Sam")
	pressRoot(t, m, "ctrl+s", "e")
	typeRoot(t, m, "ira")
	pressRoot(t, m, "ctrl+s")
	if ps := te.load().Participants; len(ps) != 1 || ps[0].Name != "Samira" {
		t.Fatalf("participants %+v", ps)
	}
	pressRoot(t, m, "ctrl+z")
	if ps := te.load().Participants; len(ps) != 1 || ps[0].Name != "Sam" {
		t.Fatalf("undoing the edit: %+v", ps)
	}
	pressRoot(t, m, "ctrl+z")
	if ps := te.load().Participants; len(ps) != 0 {
		t.Fatalf("undoing the new participant: %+v", ps)
	}

	// A partnership mapped, edited, then chosen on Select.
	pressRoot(t, m, "esc", "esc", "1", "a")
	typeRoot(t, m, "Youth forum")
	pressRoot(t, m, "ctrl+s", "e")
	typeRoot(t, m, " (under 25s)")
	pressRoot(t, m, "ctrl+s")
	if ps := te.load().Partnerships; len(ps) != 1 || ps[0].Title != "Youth forum (under 25s)" {
		t.Fatalf("partnerships %+v", ps)
	}
	pressRoot(t, m, "ctrl+z")
	if ps := te.load().Partnerships; len(ps) != 1 || ps[0].Title != "Youth forum" {
		t.Fatalf("undoing the edit: %+v", ps)
	}
	pressRoot(t, m, "esc", "2", "S")
	typeRoot(t, m, "the most active")
	pressRoot(t, m, "ctrl+s")
	if a := te.load().Assessment; a.PartnershipID == "" || a.SelectionReason != "the most active" {
		t.Fatalf("not selected: %+v", a)
	}
	pressRoot(t, m, "ctrl+z")
	if a := te.load().Assessment; a.PartnershipID != "" || a.SelectionReason != "" {
		t.Fatalf("undoing the selection: %+v", a)
	}
	// The map's steps went when it was left: the partnership stays.
	pressRoot(t, m, "esc", "1", "ctrl+z")
	if ps := te.load().Partnerships; len(ps) != 1 {
		t.Fatalf("partnerships %+v after an undo on a new map screen", ps)
	}
}

// A change that cannot be taken back (a review) is the last change: ctrl+z
// does not reach past it to the one before.
func TestUndoStopsAtAChangeItCannotTakeBack(t *testing.T) {
	te := newTestEnv(t)
	verifyFixture(te)
	m := newRoot(t, te, 100, 30)
	pressRoot(t, m, "enter", "5", "tab", "tab", "tab", "tab", "i")
	typeRoot(t, m, "Move the meetings")
	pressRoot(t, m, "ctrl+s", "r", "tab")
	typeRoot(t, m, "begun")
	pressRoot(t, m, "ctrl+s")
	ivs := te.load().Interventions
	if len(ivs) != 1 || len(ivs[0].Reviews) != 1 {
		t.Fatalf("actions %+v, want one reviewed", ivs)
	}
	pressRoot(t, m, "ctrl+z")
	wantScreen(t, m, "after the review", "Nothing to undo on this screen")
	if ivs := te.load().Interventions; len(ivs) != 1 || len(ivs[0].Reviews) != 1 {
		t.Fatalf("actions %+v after ctrl+z, want the reviewed one kept", ivs)
	}
}

// TestUndoFlow runs undo through the real Bubble Tea runtime: the saves
// and their inverses run on the program's goroutines, one after another.
func TestUndoFlow(t *testing.T) {
	svc, q := newEmptyStore(t)
	var site workbook.Site
	var a workbook.Assessment
	var ps []workbook.Participant
	if err := svc.Change(func(c *workbook.Change) (err error) {
		if site, a, err = c.CreateSite(workbook.SiteInput{Name: "Eastbrook pilot", Organisation: "Eastbrook City Council"}, q); err != nil {
			return err
		}
		for _, name := range []string{"Ann", "Bob"} {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Name: name, Group: workbook.Insider, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			ps = append(ps, p)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	fl := startFlow(t, svc, q, 80, 24)
	fl.see("Eastbrook pilot")
	fl.press("enter", "3")
	fl.see("Statement 1.1")
	fl.press("4", "2", "[", "5")
	fl.see("Saved: Ann, statement 1.1: 5", "ctrl+z undo")
	fl.press("ctrl+z")
	fl.see("Undone: Ann, statement 1.1: 5")
	fl.press("ctrl+z")
	fl.see("Undone: Bob, statement 1.1: 2")
	fl.quit()

	var rs []workbook.Response
	if err := svc.Read(func(r *workbook.Reader) (err error) {
		rs, err = r.Responses(site.ID, a.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].ParticipantID != ps[0].ID || rs[0].Score != 4 {
		t.Errorf("stored after two undos: %+v, want Ann's 4 alone", rs)
	}
}
