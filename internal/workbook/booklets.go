package workbook

import (
	"errors"
	"fmt"
	"slices"
)

// Paper booklets. A site that hands out printed booklets types them in
// afterwards, one booklet at a time. Every booklet carries a number, unique
// in its assessment, so that a booklet typed in lands on the right person
// and no booklet is typed in twice:
//
//   - a booklet printed for a participant already added carries the
//     participant's number (given the first time one is printed for them);
//   - a blank booklet carries a number that nobody has yet: the person who
//     fills it in becomes a participant with that number when it is typed
//     in ([Change.BookletParticipant]).
//
// The assessment keeps the numbers given out, in ranges, each for one
// group ([Assessment.Booklets]): so a number is never given out twice,
// and a booklet of the other group, or a number that was never printed (a
// slip of the typist), is refused with a message that says so.

// BookletRange is a run of booklet numbers given out at once, for one
// group: First to Last, both included.
type BookletRange struct {
	First int   `json:"first"`
	Last  int   `json:"last"`
	Group Group `json:"group"`
}

// BookletsIssued returns the highest booklet number given out for the
// assessment, 0 when none has been.
func (a Assessment) BookletsIssued() int {
	if len(a.Booklets) == 0 {
		return 0
	}
	return a.Booklets[len(a.Booklets)-1].Last
}

// BookletGroup returns the group the booklet numbered n was given out for,
// and false when no booklet with that number was.
func (a Assessment) BookletGroup(n int) (Group, bool) {
	for _, r := range a.Booklets {
		if n >= r.First && n <= r.Last {
			return r.Group, true
		}
	}
	return "", false
}

// BookletProblem says why a booklet number cannot be typed in.
type BookletProblem string

// The problems of a booklet number.
const (
	// BookletNotIssued: no booklet with the number was given out for the
	// assessment (most often a slip in typing it).
	BookletNotIssued BookletProblem = "not-issued"
	// BookletOtherGroup: the number is on a booklet of the other group,
	// which is typed in on the other group's screen.
	BookletOtherGroup BookletProblem = "other-group"
)

// BookletError is returned when a booklet number cannot be typed in for a
// group: see [BookletError.Problem].
type BookletError struct {
	Number  int
	Group   Group // the group it was to be typed in for
	Problem BookletProblem
	// Issued is the highest number given out (for BookletNotIssued).
	Issued int
	// Owner is the participant who has the number, when one does (for
	// BookletOtherGroup).
	Owner Participant
}

func (e *BookletError) Error() string {
	switch e.Problem {
	case BookletOtherGroup:
		return fmt.Sprintf("booklet %d is not an %s's booklet", e.Number, e.Group)
	case BookletNotIssued:
		if e.Issued == 0 {
			return fmt.Sprintf("no booklet %d was given out: no booklet has been printed for this assessment", e.Number)
		}
		return fmt.Sprintf("no booklet %d was given out (the numbers given out are 1 to %d)", e.Number, e.Issued)
	}
	return fmt.Sprintf("booklet %d: %s", e.Number, e.Problem)
}

// ErrNobodyInGroup is returned by [Change.IssueBooklets] when booklets are
// asked for every participant of a group that has none.
var ErrNobodyInGroup = errors.New("nobody has been added to the group yet")

// FindBooklet is the one rule for whose a booklet is. Among an assessment's
// participants ps, it returns the participant of group g whose booklet is
// numbered n (found); or found false and no error when nobody has the
// number yet and it was given out for g, so that a new participant may take
// it; or a *[BookletError].
func FindBooklet(a Assessment, ps []Participant, g Group, n int) (p Participant, found bool, err error) {
	for _, x := range ps {
		if x.Booklet != n || n == 0 {
			continue
		}
		if x.Group != g {
			return Participant{}, false, &BookletError{Number: n, Group: g, Problem: BookletOtherGroup, Owner: x}
		}
		return x, true, nil
	}
	bg, ok := a.BookletGroup(n)
	switch {
	case !ok:
		return Participant{}, false, &BookletError{Number: n, Group: g, Problem: BookletNotIssued, Issued: a.BookletsIssued()}
	case bg != g:
		return Participant{}, false, &BookletError{Number: n, Group: g, Problem: BookletOtherGroup}
	}
	return Participant{}, false, nil
}

// IssuedBooklet is one booklet given out: its number and, for a booklet
// printed for a participant, whose it is (ID "" for a blank booklet).
type IssuedBooklet struct {
	Number      int
	Participant Participant
}

// IssueBooklets gives out booklet numbers for group g of an assessment and
// returns the booklets to print, in number order. With blanks > 0, they
// are that many blank booklets with numbers nobody has had. With blanks 0,
// they are one booklet for each participant of g: those who have a number
// keep it, the others get new ones in the order they were added
// ([ErrNobodyInGroup] when g has nobody). Numbers are never given out twice
// and go past no [LimitBooklets].
func (c *Change) IssueBooklets(siteID, assessmentID string, g Group, blanks int) ([]IssuedBooklet, error) {
	if !slices.Contains(Groups, g) {
		return nil, &FieldError{Field: "group", Message: fmt.Sprintf("must be insider or outsider, not %q", g)}
	}
	if blanks < 0 {
		return nil, &FieldError{Field: "copies", Message: fmt.Sprintf("%d is not a number of booklets", blanks)}
	}
	a, err := c.Assessment(siteID, assessmentID)
	if err != nil {
		return nil, err
	}
	var out []IssuedBooklet
	var lacking []Participant
	if blanks == 0 {
		ps, err := c.Participants(siteID, assessmentID)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			switch {
			case p.Group != g:
			case p.Booklet != 0:
				out = append(out, IssuedBooklet{Number: p.Booklet, Participant: p})
			default:
				lacking = append(lacking, p)
			}
		}
		if len(out)+len(lacking) == 0 {
			return nil, ErrNobodyInGroup
		}
	}
	n := blanks + len(lacking)
	if n > 0 {
		first := a.BookletsIssued() + 1
		if last := first + n - 1; last > MaxBooklets {
			return nil, &LimitError{Limit: LimitBooklets, Where: "assessment " + assessmentID, Count: last}
		}
		a.Booklets = append(a.Booklets, BookletRange{First: first, Last: first + n - 1, Group: g})
		a.Updated = c.now
		if err := putJSON(c.tx, BucketAssessments, key(siteID, a.ID), a); err != nil {
			return nil, err
		}
		for i, p := range lacking {
			p.Booklet, p.Updated = first+i, c.now
			if err := putJSON(c.tx, BucketParticipants, key(p.SiteID, p.AssessmentID, p.ID), p); err != nil {
				return nil, err
			}
			out = append(out, IssuedBooklet{Number: p.Booklet, Participant: p})
		}
		for i := range blanks {
			out = append(out, IssuedBooklet{Number: first + i})
		}
	}
	slices.SortFunc(out, func(x, y IssuedBooklet) int { return x.Number - y.Number })
	return out, nil
}

// BookletInput is a booklet being typed in: its number, and the role level
// ticked on it, which a participant new to the assessment needs.
type BookletInput struct {
	SiteID       string
	AssessmentID string
	Group        Group
	Number       int
	Role         Role
}

// BookletParticipant returns the participant whose booklet is being typed
// in: the one with its number (by [FindBooklet]), or, when nobody has the
// number yet, a new participant of the group with the number and the role
// level given (created true). A role level is needed only then; a
// *[BookletError] refuses a number of the other group's booklets or one
// never given out.
func (c *Change) BookletParticipant(in BookletInput) (p Participant, created bool, err error) {
	a, err := c.Assessment(in.SiteID, in.AssessmentID)
	if err != nil {
		return Participant{}, false, err
	}
	ps, err := c.Participants(in.SiteID, in.AssessmentID)
	if err != nil {
		return Participant{}, false, err
	}
	p, found, err := FindBooklet(a, ps, in.Group, in.Number)
	if err != nil || found {
		return p, false, err
	}
	if in.Role == "" {
		return Participant{}, false, &FieldError{Field: "role level", Message: fmt.Sprintf("booklet %d is new: say the role level ticked on it", in.Number)}
	}
	p, err = c.SaveParticipant(Participant{SiteID: in.SiteID, AssessmentID: in.AssessmentID, Group: in.Group, Role: in.Role, Booklet: in.Number})
	return p, err == nil, err
}

// checkBooklets checks an assessment's booklet ranges: one after another
// from 1, each of a group, within [MaxBooklets].
func checkBooklets(fe *FieldErrors, rs []BookletRange) {
	next := 1
	for i, r := range rs {
		f := fmt.Sprintf("booklets %d", i+1)
		switch {
		case r.First != next:
			fe.add(f, "starts at %d; the numbers given out before end at %d", r.First, next-1)
		case r.Last < r.First:
			fe.add(f, "ends at %d, before it starts (%d)", r.Last, r.First)
		case r.Last > MaxBooklets:
			fe.add(f, "ends at %d; Engage allows %s", r.Last, LimitBooklets)
		}
		if !slices.Contains(Groups, r.Group) {
			fe.add(f, "group must be insider or outsider, not %q", r.Group)
		}
		next = max(r.Last, r.First) + 1
	}
}

// checkParticipantBooklet checks a participant's booklet number against
// the assessment's and the other participants': given out for the
// participant's group, and nobody else's.
func checkParticipantBooklet(fe *FieldErrors, p Participant, a Assessment, others []Participant) {
	if p.Booklet == 0 {
		return
	}
	g, ok := a.BookletGroup(p.Booklet)
	switch {
	case !ok:
		fe.add("booklet", "%d was not given out for the assessment", p.Booklet)
	case g != p.Group:
		fe.add("booklet", "%d was given out for the %ss, not the %ss", p.Booklet, g, p.Group)
	}
	for _, o := range others {
		if o.ID != p.ID && o.Booklet == p.Booklet {
			fe.add("booklet", "%d is another participant's (%s)", p.Booklet, o.ID)
			return
		}
	}
}
