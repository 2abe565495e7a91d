package workbook_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// issue gives out booklets in the fixture's assessment and returns their
// numbers.
func (f *fixture) issue(t *testing.T, g workbook.Group, blanks int) []int {
	t.Helper()
	var got []workbook.IssuedBooklet
	f.change(t, func(c *workbook.Change) (err error) {
		got, err = c.IssueBooklets(f.site.ID, f.a.ID, g, blanks)
		return err
	})
	var out []int
	for _, b := range got {
		out = append(out, b.Number)
	}
	return out
}

func (f *fixture) addPerson(t *testing.T, g workbook.Group, role workbook.Role) workbook.Participant {
	t.Helper()
	var p workbook.Participant
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SaveParticipant(workbook.Participant{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: g, Role: role})
		return err
	})
	return p
}

func TestIssueBookletsNeverGivesANumberTwice(t *testing.T) {
	f := newFixture(t)
	if got := f.issue(t, workbook.Insider, 3); !slices.Equal(got, []int{1, 2, 3}) {
		t.Errorf("3 blank insiders' booklets: %v", got)
	}
	if got := f.issue(t, workbook.Outsider, 2); !slices.Equal(got, []int{4, 5}) {
		t.Errorf("2 blank outsiders' booklets after them: %v", got)
	}
	// Booklets for the participants added: new numbers for those without,
	// the same numbers the next time.
	alice := f.addPerson(t, workbook.Insider, workbook.RoleSenior)
	f.addPerson(t, workbook.Insider, workbook.RoleMiddle)
	f.addPerson(t, workbook.Outsider, workbook.RoleCommunity)
	if got := f.issue(t, workbook.Insider, 0); !slices.Equal(got, []int{6, 7}) {
		t.Errorf("the insiders' own booklets: %v", got)
	}
	if got := f.issue(t, workbook.Insider, 0); !slices.Equal(got, []int{6, 7}) {
		t.Errorf("printed again: %v", got)
	}
	f.addPerson(t, workbook.Insider, workbook.RoleFrontLine)
	if got := f.issue(t, workbook.Insider, 0); !slices.Equal(got, []int{6, 7, 8}) {
		t.Errorf("with one more insider: %v", got)
	}
	d := f.load(t)
	want := []workbook.BookletRange{{1, 3, workbook.Insider}, {4, 5, workbook.Outsider}, {6, 7, workbook.Insider}, {8, 8, workbook.Insider}}
	if !slices.Equal(d.Assessment.Booklets, want) {
		t.Errorf("ranges given out: %+v", d.Assessment.Booklets)
	}
	if d.Participants[0].ID != alice.ID || d.Participants[0].Booklet != 6 {
		t.Errorf("the first insider added: %+v", d.Participants[0])
	}
	// A group with nobody in it has no booklets of its own yet.
	f2 := newFixture(t)
	f2.change(t, func(c *workbook.Change) error {
		_, err := c.IssueBooklets(f2.site.ID, f2.a.ID, workbook.Outsider, 0)
		if !errors.Is(err, workbook.ErrNobodyInGroup) {
			t.Errorf("no outsiders: %v", err)
		}
		return nil
	})
}

func TestIssueBookletsKeepsToTheLimit(t *testing.T) {
	f := newFixture(t)
	f.issue(t, workbook.Insider, workbook.MaxBooklets-1)
	var le *workbook.LimitError
	err := f.svc.Change(func(c *workbook.Change) error {
		_, err := c.IssueBooklets(f.site.ID, f.a.ID, workbook.Outsider, 2)
		return err
	})
	if !errors.As(err, &le) || le.Limit != workbook.LimitBooklets || le.Count != workbook.MaxBooklets+1 {
		t.Fatalf("one past the limit: %v", err)
	}
	if got := f.issue(t, workbook.Outsider, 1); !slices.Equal(got, []int{workbook.MaxBooklets}) {
		t.Errorf("the last number: %v", got)
	}
}

func TestBookletParticipantFindsOrCreates(t *testing.T) {
	f := newFixture(t)
	f.issue(t, workbook.Insider, 3)  // 1-3
	f.issue(t, workbook.Outsider, 2) // 4-5
	in := func(g workbook.Group, n int, role workbook.Role) (workbook.Participant, bool, error) {
		var p workbook.Participant
		var created bool
		err := f.svc.Change(func(c *workbook.Change) (err error) {
			p, created, err = c.BookletParticipant(workbook.BookletInput{SiteID: f.site.ID, AssessmentID: f.a.ID, Group: g, Number: n, Role: role})
			return err
		})
		return p, created, err
	}
	// A new number needs the role level ticked on the booklet.
	_, _, err := in(workbook.Insider, 2, "")
	var fe *workbook.FieldError
	if !errors.As(err, &fe) || fe.Field != "role level" {
		t.Fatalf("a new booklet without a role level: %v", err)
	}
	p, created, err := in(workbook.Insider, 2, workbook.RoleMiddle)
	if err != nil || !created || p.Booklet != 2 || p.Role != workbook.RoleMiddle || p.Group != workbook.Insider {
		t.Fatalf("booklet 2 typed in: %+v created %v, %v", p, created, err)
	}
	// The same number again is the same person, whatever role is given.
	again, created, err := in(workbook.Insider, 2, workbook.RoleSenior)
	if err != nil || created || again.ID != p.ID || again.Role != workbook.RoleMiddle {
		t.Errorf("booklet 2 again: %+v created %v, %v", again, created, err)
	}
	tests := []struct {
		name    string
		g       workbook.Group
		n       int
		problem workbook.BookletProblem
		msg     string
	}{
		{"an outsiders' blank booklet", workbook.Insider, 4, workbook.BookletOtherGroup, "booklet 4 is not an insider's booklet"},
		{"an insider's booklet typed in as an outsider's", workbook.Outsider, 2, workbook.BookletOtherGroup, "booklet 2 is not an outsider's booklet"},
		{"a number never given out", workbook.Insider, 9, workbook.BookletNotIssued, "the numbers given out are 1 to 5"},
		{"no number", workbook.Insider, 0, workbook.BookletNotIssued, "no booklet 0"},
	}
	for _, tt := range tests {
		_, _, err := in(tt.g, tt.n, workbook.RoleMiddle)
		var be *workbook.BookletError
		if !errors.As(err, &be) || be.Problem != tt.problem || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if n := len(f.load(t).Participants); n != 1 {
		t.Errorf("%d participants, want the one booklet typed in", n)
	}
}

func TestSaveParticipantKeepsBookletNumbersApart(t *testing.T) {
	f := newFixture(t)
	f.issue(t, workbook.Insider, 2)
	a := f.addPerson(t, workbook.Insider, workbook.RoleMiddle)
	b := f.addPerson(t, workbook.Insider, workbook.RoleMiddle)
	save := func(p workbook.Participant) error {
		return f.svc.Change(func(c *workbook.Change) error { _, err := c.SaveParticipant(p); return err })
	}
	a.Booklet = 1
	if err := save(a); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		p    workbook.Participant
		want string
	}{
		{"a number someone has", func() workbook.Participant { x := b; x.Booklet = 1; return x }(), "1 is another participant's"},
		{"a number never given out", func() workbook.Participant { x := b; x.Booklet = 3; return x }(), "3 was not given out"},
		{"the other group's number", func() workbook.Participant {
			x := a
			x.Group = workbook.Outsider
			x.Role = workbook.RoleCommunity
			return x
		}(),
			"1 was given out for the insiders, not the outsiders"},
		{"past the limit", func() workbook.Participant { x := b; x.Booklet = workbook.MaxBooklets + 1; return x }(), "is not a booklet number"},
	} {
		if err := save(tt.p); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	// Editing a participant keeps their number.
	a.Name = "Alice"
	if err := save(a); err != nil {
		t.Errorf("renaming the participant of booklet 1: %v", err)
	}
}

func TestCheckSiteRecordsChecksBooklets(t *testing.T) {
	f := newFixture(t)
	qs := map[string]*questionnaire.Questionnaire{f.q.Hash: f.q}
	f.issue(t, workbook.Outsider, 3)
	for _, tc := range []struct {
		name    string
		breakIt func(r *workbook.SiteRecords)
		want    string
	}{
		{"a number not given out", func(r *workbook.SiteRecords) { r.Participants[0].Booklet = 7 }, "booklet: 7 was not given out"},
		{"a number of the other group", func(r *workbook.SiteRecords) {
			r.Assessments[0].Booklets = []workbook.BookletRange{{First: 1, Last: 3, Group: workbook.Insider}}
		}, "booklet: 1 was given out for the insiders, not the outsiders"},
		{"ranges with a hole", func(r *workbook.SiteRecords) {
			r.Assessments[0].Booklets = append(r.Assessments[0].Booklets, workbook.BookletRange{First: 5, Last: 6, Group: workbook.Insider})
		}, "booklets 2: starts at 5; the numbers given out before end at 3"},
		{"a range of no group", func(r *workbook.SiteRecords) { r.Assessments[0].Booklets[0].Group = "staff" }, `group must be insider or outsider, not "staff"`},
		{"a range past the limit", func(r *workbook.SiteRecords) { r.Assessments[0].Booklets[0].Last = workbook.MaxBooklets + 1 }, "ends at 1001"},
		{"a number twice", func(r *workbook.SiteRecords) {
			two := r.Participants[0]
			two.ID = "id-two"
			r.Participants = append(r.Participants, two)
		}, "(id-two) booklet: 1 is another participant's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := f.filled(t)
			recs.Participants[0].Booklet = 1
			if fe := workbook.CheckSiteRecords(recs, qs, time.Time{}); fe != nil {
				t.Fatalf("before breaking it: %v", fe)
			}
			tc.breakIt(recs)
			fe := workbook.CheckSiteRecords(recs, qs, time.Time{})
			if !strings.Contains(fe.Error(), tc.want) {
				t.Errorf("problems %q do not say %q", fe.Error(), tc.want)
			}
		})
	}
}
