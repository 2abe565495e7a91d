package workbook

import (
	"slices"
	"time"
)

// Group says whether a participant is inside the partnership (an insider,
// who takes part in the workbook dialogue) or outside it (an outsider, who
// verifies the insiders' view).
type Group string

// The two participant groups.
const (
	Insider  Group = "insider"
	Outsider Group = "outsider"
)

// Groups lists the participant groups in display order.
var Groups = []Group{Insider, Outsider}

// Role is a participant's role level. Reports attribute comments by role
// level only.
type Role string

// The role levels of the research design.
const (
	RoleSenior    Role = "senior"
	RoleMiddle    Role = "middle"
	RoleFrontLine Role = "front-line"
	RoleCommunity Role = "community"
	RolePartner   Role = "partner"
)

// Roles lists the role levels in display order.
var Roles = []Role{RoleSenior, RoleMiddle, RoleFrontLine, RoleCommunity, RolePartner}

// GroupRoles lists the role levels in the order a group's people usually
// have them: staff first for insiders, community members and partners
// first for outsiders. The participants' form and a blank booklet's cover
// offer them in this order.
func GroupRoles(g Group) []Role {
	if g == Outsider {
		return []Role{RoleCommunity, RolePartner, RoleSenior, RoleMiddle, RoleFrontLine}
	}
	return []Role{RoleSenior, RoleMiddle, RoleFrontLine, RoleCommunity, RolePartner}
}

// CommunityType says what kind of community a partnership works with.
type CommunityType string

// The kinds of community.
const (
	CommunityUnknown      CommunityType = ""
	CommunityGeographical CommunityType = "geographical"
	CommunityOfInterest   CommunityType = "interest"
)

// CommunityTypes lists the known community types in display order.
var CommunityTypes = []CommunityType{CommunityGeographical, CommunityOfInterest}

// Sector is a partner sector.
type Sector string

// The partner sectors a mapped partnership records.
const (
	SectorCouncil   Sector = "council"
	SectorHealth    Sector = "health"
	SectorPolice    Sector = "police"
	SectorSchools   Sector = "schools"
	SectorVoluntary Sector = "voluntary"
	SectorBusiness  Sector = "business"
	SectorResidents Sector = "residents"
)

// Sectors lists the partner sectors in display order.
var Sectors = []Sector{SectorCouncil, SectorHealth, SectorPolice, SectorSchools, SectorVoluntary, SectorBusiness, SectorResidents}

// Mark is the state of one criterion for one partnership.
type Mark string

// The criterion marks. The zero value is NotMarked: nobody has looked at
// the criterion yet. Unknown is a recorded mark: the facilitator
// considered the criterion and does not know. Stores and bundles written
// before Unknown existed hold only "", which keeps meaning NotMarked.
const (
	NotMarked Mark = ""
	Met       Mark = "met"
	NotMet    Mark = "not-met"
	Unknown   Mark = "unknown"
)

// Marks lists the recorded marks in display order (NotMarked is the
// absence of one).
var Marks = []Mark{Met, NotMet, Unknown}

// Known reports whether m is NotMarked or one of Marks.
func (m Mark) Known() bool { return m == NotMarked || slices.Contains(Marks, m) }

// Marked reports whether the criterion was considered: Met, NotMet or
// Unknown.
func (m Mark) Marked() bool { return m != NotMarked }

// FindingKind says what a finding records.
type FindingKind string

// The kinds of finding of step 5.
const (
	FindingBarrier FindingKind = "barrier"
	FindingGood    FindingKind = "good"
	FindingImprove FindingKind = "improve"
)

// FindingKinds lists the finding kinds in display order.
var FindingKinds = []FindingKind{FindingBarrier, FindingGood, FindingImprove}

// Status is the state of an intervention in the action plan.
type Status string

// The intervention statuses. Dropped is an action the partnership
// decided not to carry out; the review that drops it says why. Stores and
// bundles written before it existed hold only the first three.
const (
	StatusPlanned    Status = "planned"
	StatusInProgress Status = "in-progress"
	StatusDone       Status = "done"
	StatusDropped    Status = "dropped"
)

// Statuses lists the intervention statuses in order.
var Statuses = []Status{StatusPlanned, StatusInProgress, StatusDone, StatusDropped}

// Closed reports whether an action with this status is finished with:
// done or dropped. A closed action is never overdue.
func (s Status) Closed() bool { return s == StatusDone || s == StatusDropped }

// Directorate is one of a site's directorates (or, at an Italian site, its
// areas of service).
type Directorate struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Site is one organisation taking part: a pilot site.
type Site struct {
	ID           string        `json:"id"`
	Slug         string        `json:"slug"`
	Name         string        `json:"name"`
	Organisation string        `json:"organisation"`
	Area         string        `json:"area,omitempty"`
	Context      string        `json:"context,omitempty"`
	Language     string        `json:"language"`
	Directorates []Directorate `json:"directorates,omitempty"`
	// Questionnaire is the hash of the pinned questionnaire new assessments
	// of this site start with.
	Questionnaire string    `json:"questionnaire"`
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
}

// CriterionMark is one criterion's state for one partnership, with a note.
type CriterionMark struct {
	Mark Mark   `json:"mark,omitempty"`
	Note string `json:"note,omitempty"`
}

// Partnership is one mapped partnership of a site (step 1), with the
// criteria applied to it (step 2).
type Partnership struct {
	ID          string        `json:"id"`
	SiteID      string        `json:"site"`
	Title       string        `json:"title"`
	Directorate string        `json:"directorate,omitempty"` // "" is unassigned
	Area        string        `json:"area,omitempty"`
	Community   CommunityType `json:"community,omitempty"`
	Partners    []Sector      `json:"partners,omitempty"`
	StartYear   int           `json:"start_year,omitempty"` // 0 is not known
	Ongoing     bool          `json:"ongoing"`
	// OngoingUnknown is set when nobody knows whether the partnership
	// still runs; Ongoing is then false. Records written before it
	// existed do not have it: their Ongoing is as it was recorded.
	OngoingUnknown bool                     `json:"ongoing_unknown,omitempty"`
	Notes          string                   `json:"notes,omitempty"`
	Criteria       map[string]CriterionMark `json:"criteria,omitempty"`
	Updated        time.Time                `json:"updated"`
}

// Assessment is one run of the workbook at a site: one partnership, one
// pinned questionnaire.
type Assessment struct {
	ID            string `json:"id"`
	SiteID        string `json:"site"`
	Title         string `json:"title,omitempty"`
	PartnershipID string `json:"partnership,omitempty"` // "" until one is selected
	// SelectionReason records why the partnership was chosen.
	SelectionReason string `json:"selection_reason,omitempty"`
	// Questionnaire is the hash of the pinned questionnaire.
	Questionnaire string `json:"questionnaire"`
	Language      string `json:"language"`
	Started       string `json:"started"`             // YYYY-MM-DD
	Completed     string `json:"completed,omitempty"` // YYYY-MM-DD
	// Booklets are the paper booklet numbers given out for the
	// assessment, in the order they were ([Change.IssueBooklets]): each
	// number belongs to one group, whether a participant has it yet or a
	// blank booklet with it is still out in the room.
	Booklets []BookletRange `json:"booklets,omitempty"`
	// Log records, oldest first, what happened to the assessment that a
	// reader of its figures needs to know: completed, reopened and why,
	// and the changes the screens ask to be confirmed (see rounds.go).
	Log     []Event   `json:"log,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Participant is one person who scores statements. The name is optional and
// never leaves the store unless asked for.
type Participant struct {
	ID           string `json:"id"`
	SiteID       string `json:"site"`
	AssessmentID string `json:"assessment"`
	Name         string `json:"name,omitempty"`
	Group        Group  `json:"group"`
	Role         Role   `json:"role"`
	Organisation string `json:"organisation,omitempty"`
	// Booklet is the number of the participant's paper booklet, unique in
	// the assessment, or 0 for none (see [Change.BookletParticipant]).
	Booklet int       `json:"booklet,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Response is one participant's answer to one statement. Score is 1..points,
// or 0 with DontKnow set.
type Response struct {
	SiteID        string    `json:"site"`
	AssessmentID  string    `json:"assessment"`
	ParticipantID string    `json:"participant"`
	StatementID   string    `json:"statement"`
	Score         int       `json:"score,omitempty"`
	DontKnow      bool      `json:"dont_know,omitempty"`
	Comment       string    `json:"comment,omitempty"`
	At            time.Time `json:"at"`
}

// Answered reports whether the response holds a score or a don't-know.
func (r Response) Answered() bool { return r.Score > 0 || r.DontKnow }

// StatementNote is what the group agreed about one statement in the
// dialogue: an optional group-agreed score and the discussion notes.
type StatementNote struct {
	SiteID       string    `json:"site"`
	AssessmentID string    `json:"assessment"`
	StatementID  string    `json:"statement"`
	GroupScore   int       `json:"group_score,omitempty"` // 0 is none
	Notes        string    `json:"notes,omitempty"`
	Updated      time.Time `json:"updated"`
}

// IssueNote is the verification note on one key issue (step 4).
type IssueNote struct {
	SiteID       string    `json:"site"`
	AssessmentID string    `json:"assessment"`
	KeyIssueID   string    `json:"key_issue"`
	Notes        string    `json:"notes,omitempty"`
	Updated      time.Time `json:"updated"`
}

// Finding is one written-up finding of step 5: a confirmed barrier, a good
// area or an area to improve.
type Finding struct {
	ID           string      `json:"id"`
	SiteID       string      `json:"site"`
	AssessmentID string      `json:"assessment"`
	Kind         FindingKind `json:"kind"`
	KeyIssueID   string      `json:"key_issue,omitempty"`
	StatementID  string      `json:"statement,omitempty"`
	Text         string      `json:"text"`
	Created      time.Time   `json:"created"`
	Updated      time.Time   `json:"updated"`
}

// Intervention is one line of the action plan: where to intervene, who
// answers for it, by when, and how it has gone since (its review log).
type Intervention struct {
	ID           string `json:"id"`
	SiteID       string `json:"site"`
	AssessmentID string `json:"assessment"`
	Action       string `json:"action"`
	// Owner is who answers for the action: a name or a role, and so
	// personal data, like a participant's name.
	Owner      string `json:"owner,omitempty"`
	Due        string `json:"due,omitempty"` // YYYY-MM-DD
	KeyIssueID string `json:"key_issue,omitempty"`
	// Status is where the action stands: the status its latest review
	// set, or the one it was written with when it has no review yet.
	Status Status `json:"status"`
	// Reviews is the action's review log, oldest first (by date; reviews
	// of one day in the order they were added). Only
	// [Change.AddReview] adds to it.
	Reviews []Review  `json:"reviews,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Review is one entry of an action's review log: on a day, someone looked
// at how the action stands, set its status (the same as before, or a new
// one) and wrote a note. A review that drops the action says why in its
// note.
type Review struct {
	Date string `json:"date"` // YYYY-MM-DD
	// Reviewer is who reviewed the action, optional: a name, and so
	// personal data, kept like the action's owner.
	Reviewer string `json:"reviewer,omitempty"`
	Status   Status `json:"status"`
	Note     string `json:"note,omitempty"`
}
