package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A site's content is written as a plan: plain data that names statements,
// key issues, directorates and criteria by the ids of the default workbook.
// The scaffold maps those names onto whatever questionnaire the study is
// built with, falling back by position when an id is missing, so the demo
// works with any valid questionnaire.

// The key issues of the research design, as slots.
const (
	issueCommunity = iota // communities' ability to engage
	issueSkills           // skills and abilities within the organisation
	issueService          // professional service culture
	issueCulture          // overall organisational culture
	issueSlots
)

var issueIDs = [issueSlots]string{"community-ability", "organisation-skills", "service-culture", "organisational-culture"}

// The directorates of the seed mapping, as slots.
const (
	dirNone = iota - 1 // not placed under any directorate
	dirSocial
	dirEducation
	dirResources
	dirCulture
	dirEnvironment
	dirCommunication
	dirSlots
)

var directorateIDs = [dirSlots]string{
	"social-care-health", "education-lifelong-learning", "policy-resources",
	"culture-regeneration", "environment-housing", "policy-communication",
}

// The selection criteria, as slots.
const (
	critOther = iota - 1 // a criterion the demo does not know
	critNotOneOff
	critOngoing
	critInvolvement
	critDecisions
	critStrategic
	critStaff
	critHealth
	critSlots
)

var criterionIDs = [critSlots]string{
	"not-one-off", "ongoing", "community-involvement", "community-decisions",
	"strategic-links", "staff-levels", "health-dimension",
}

// Short names of the partner sectors, for the site plans.
const (
	council   = workbook.SectorCouncil
	health    = workbook.SectorHealth
	police    = workbook.SectorPolice
	schools   = workbook.SectorSchools
	vcs       = workbook.SectorVoluntary
	business  = workbook.SectorBusiness
	residents = workbook.SectorResidents
)

// sitePlan is everything one demo site holds.
type sitePlan struct {
	n    int    // the site's number: its id is SiteID(n)
	seed uint64 // seeds the site's generators
	site workbook.SiteInput
	// partnerships is the site's mapping (step 1).
	partnerships []partnershipSpec
	// years is the range mapped partnerships started in.
	years [2]int
	// names says whether insiders are given names (some are still left
	// blank, as on real paper booklets).
	names bool
	// Organisations of insiders, community outsiders and partner outsiders.
	insiderOrgs, communityOrgs, partnerOrgs []string
	assessments                             []assessmentPlan
}

// lang returns the site's language.
func (p *sitePlan) lang() string {
	if p.site.Language == "" {
		return questionnaire.English
	}
	return p.site.Language
}

// partnershipSpec is one mapped partnership; what it leaves unset (start
// year, ongoing, criteria) is drawn when the site is built.
type partnershipSpec struct {
	title     string
	dir       int // a directorate slot, or dirNone
	area      string
	community workbook.CommunityType
	partners  []workbook.Sector
	notes     string
	start     int  // 0: drawn from the site's years
	short     bool // on the shortlist: meets every criterion
	oneOff    bool // a one-off consultation exercise
	ended     bool // no longer running
}

// geo is a partnership with a geographical community.
func geo(title, area string, dir int, partners ...workbook.Sector) partnershipSpec {
	return partnershipSpec{title: title, dir: dir, area: area, community: workbook.CommunityGeographical, partners: partners}
}

// interest is a partnership with a community of interest.
func interest(title, area string, dir int, partners ...workbook.Sector) partnershipSpec {
	return partnershipSpec{title: title, dir: dir, area: area, community: workbook.CommunityOfInterest, partners: partners}
}

func (p partnershipSpec) shortlisted() partnershipSpec { p.short = true; return p }
func (p partnershipSpec) oneOffEvent() partnershipSpec { p.oneOff = true; return p }
func (p partnershipSpec) wound() partnershipSpec       { p.ended = true; return p }
func (p partnershipSpec) since(y int) partnershipSpec  { p.start = y; return p }
func (p partnershipSpec) noted(s string) partnershipSpec {
	p.notes = s
	return p
}
func (p partnershipSpec) unknownCommunity() partnershipSpec {
	p.community = workbook.CommunityUnknown
	return p
}

// ref names a statement: by id when the questionnaire has it, otherwise
// the idx-th statement of the key issue in slot.
type ref struct {
	id        string
	slot, idx int
}

// assessmentPlan is one run of the workbook at a site.
type assessmentPlan struct {
	title, started, completed string
	// partnership is the title of the selected partnership.
	partnership, reason string
	insiders, outsiders int
	// levels is the "true" insider score of each key issue on a five-point
	// scale (higher is better, reversed statements included); outShift is
	// added for outsiders. Scores are drawn around level plus a per-site
	// offset of each statement, with spread as the standard deviation.
	levels, outShift [issueSlots]float64
	spread           float64
	items            []itemPlan
	notes            []notePlan
	issueNotes       [issueSlots]string
	findings         []findingPlan
	actions          []actionPlan
}

// itemPlan overrides how one statement is scored.
type itemPlan struct {
	ref
	level float64 // the statement's true level; 0 keeps the drawn one
	// split makes the statement contested: senior and middle staff agree,
	// everyone else disagrees.
	split bool
	// outsiders, when > 0, is how many outsiders answer the statement (it
	// is then a verification statement); the rest do not know.
	outsiders int
	// outLevel, when set, is the outsiders' own level on the statement
	// instead of the insiders' level plus the key issue's outShift: a
	// blind spot or an unrecognised strength the site should find.
	outLevel float64
}

// notePlan is the group's note on one statement.
type notePlan struct {
	ref
	score float64 // the group-agreed score on five points (higher is better); 0 for none
	text  string
}

// findingPlan is one finding of step 5. stmt names a statement of the
// default workbook; when the questionnaire lacks it, the finding is filed
// under the key issue in slot (-1: none).
type findingPlan struct {
	kind workbook.FindingKind
	slot int
	stmt string
	text string
}

// actionPlan is one line of the action plan: written with status, then
// reviewed on the days of its reviews, oldest first.
type actionPlan struct {
	action, owner, due string
	slot               int // key issue slot, -1 for none
	status             workbook.Status
	reviews            []reviewPlan
}

// reviewPlan is one review of an action: its day, who reviewed it (a
// made-up name), the status it set and its note.
type reviewPlan struct {
	date, reviewer string
	status         workbook.Status
	note           string
}

// reviews lists an action's reviews.
func reviews(rs ...reviewPlan) []reviewPlan { return rs }

// rv is one review.
func rv(date, reviewer string, status workbook.Status, note string) reviewPlan {
	return reviewPlan{date: date, reviewer: reviewer, status: status, note: note}
}

func good(slot int, stmt, text string) findingPlan {
	return findingPlan{kind: workbook.FindingGood, slot: slot, stmt: stmt, text: text}
}

func improve(slot int, stmt, text string) findingPlan {
	return findingPlan{kind: workbook.FindingImprove, slot: slot, stmt: stmt, text: text}
}

func barrier(slot int, stmt, text string) findingPlan {
	return findingPlan{kind: workbook.FindingBarrier, slot: slot, stmt: stmt, text: text}
}

// dirMapping is one directorate's share of a generated mapping: its named
// partnerships first, then area partnerships made from the templates (a
// title with one %s for the area) until there are count.
type dirMapping struct {
	count     int
	singles   []partnershipSpec
	templates []partnershipSpec
}

// generateMapping builds a mapping with exactly the counts asked for
// (given enough templates and areas), choosing template-area pairs with a
// generator seeded by seed and never repeating a title.
func generateMapping(seed uint64, areas []string, dirs []dirMapping) []partnershipSpec {
	r := rand.New(rand.NewPCG(seed, streamMapping))
	used := map[string]bool{}
	var out []partnershipSpec
	for _, d := range dirs {
		n := 0
		for _, p := range d.singles {
			if n == d.count {
				break
			}
			out = append(out, p)
			used[p.title] = true
			n++
		}
		for _, k := range r.Perm(len(d.templates) * len(areas)) {
			if n == d.count {
				break
			}
			p := d.templates[k%len(d.templates)]
			p.area = areas[k/len(d.templates)]
			p.title = fmt.Sprintf(p.title, p.area)
			if used[p.title] {
				continue
			}
			p.partners = slices.Clone(p.partners)
			out = append(out, p)
			used[p.title] = true
			n++
		}
	}
	return out
}
