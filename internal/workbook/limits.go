package workbook

import (
	"fmt"
	"strconv"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// The limits of what one store, site and assessment hold. Real use stays
// far inside them: a dialogue has 6 to 15 insiders and 3 to 10 outsiders,
// the seed research mapped 126 partnerships under 6 directorates, and a
// national programme has about 1,000 sites. They keep a small crafted file
// (a bundle with 35,016 participants, a demo asked for a million sites)
// from costing minutes and gigabytes: every way in (the save functions the
// TUI and the CLI call, the demo, a bundle on import) is held to them here,
// and a bundle is refused as soon as it reads past one. docs/limits.md
// lists them for people; a test keeps it in step with [Limits].
const (
	// MaxSites bounds the sites of one store.
	MaxSites = 5000
	// MaxDirectorates bounds the directorates a site lists: the same as a
	// questionnaire may list, since a new site takes its questionnaire's.
	MaxDirectorates = questionnaire.MaxDirectorates
	// MaxPartnerships bounds the mapped partnerships of a site.
	MaxPartnerships = 1000
	// MaxAssessments bounds the assessments of a site.
	MaxAssessments = 50
	// MaxParticipants bounds the participants of one assessment.
	MaxParticipants = 200
	// MaxSiteParticipants bounds the participants of a site, all its
	// assessments together.
	MaxSiteParticipants = 2000
	// MaxSiteResponses bounds the answers recorded at a site, all its
	// assessments together. Each participant answers each statement at
	// most once, so this is also participants x statements: 2,000 people
	// answering 100 statements (the shipped questionnaire has 40).
	MaxSiteResponses = 200000
	// MaxBooklets bounds the paper booklet numbers given out for one
	// assessment: five for each participant it may have, as not every
	// booklet handed out comes back.
	MaxBooklets = 5 * MaxParticipants
	// MaxFindings bounds the findings of one assessment.
	MaxFindings = 500
	// MaxInterventions bounds the action plan of one assessment.
	MaxInterventions = 500
	// MaxReviews bounds the review log of one action: a review a month
	// for sixteen years.
	MaxReviews = 200
	// MaxEvents bounds the log of one assessment (completed, reopened,
	// partnership changed...): a hundred times more than a programme of
	// yearly rounds writes.
	MaxEvents = 1000

	// MaxShortText bounds one-line texts, in characters: names, titles,
	// owners, organisations, areas, actions.
	MaxShortText = 200
	// MaxLongText bounds multi-line texts, in characters: comments, notes,
	// context, reasons, findings.
	MaxLongText = 10000

	// MaxClockAhead is how far after this computer's clock a record's time
	// may be. A little ahead is a laptop whose clock runs fast; far ahead
	// (year 9999) would win every later merge of the record.
	MaxClockAhead = 24 * time.Hour
	// MinYear and MaxYear bound the dates an assessment and an action plan
	// carry (started, completed, due) and a partnership's start year.
	MinYear, MaxYear = 1900, 2100
)

// Limit is one of the documented limits.
type Limit struct {
	// Max is the most allowed.
	Max int
	// Noun is what is counted ("participants").
	Noun string
	// Per is what holds them ("assessment"); "" for texts.
	Per string
}

// The limits on counts, as [Limits] lists them.
var (
	LimitSites            = Limit{MaxSites, "sites", "store"}
	LimitDirectorates     = Limit{MaxDirectorates, "directorates", "site"}
	LimitPartnerships     = Limit{MaxPartnerships, "partnerships", "site"}
	LimitAssessments      = Limit{MaxAssessments, "assessments", "site"}
	LimitParticipants     = Limit{MaxParticipants, "participants", "assessment"}
	LimitSiteParticipants = Limit{MaxSiteParticipants, "participants", "site"}
	LimitSiteResponses    = Limit{MaxSiteResponses, "answers", "site"}
	LimitBooklets         = Limit{MaxBooklets, "booklet numbers", "assessment"}
	LimitFindings         = Limit{MaxFindings, "findings", "assessment"}
	LimitInterventions    = Limit{MaxInterventions, "actions", "assessment"}
	LimitReviews          = Limit{MaxReviews, "reviews", "action"}
	LimitEvents           = Limit{MaxEvents, "log entries", "assessment"}
	LimitShortText        = Limit{MaxShortText, "characters", "one-line text (names, titles, owners, organisations, areas, actions)"}
	LimitLongText         = Limit{MaxLongText, "characters", "multi-line text (comments, notes, context, reasons, findings)"}
)

// Limits lists every limit on counts and texts, for the documentation and
// its test.
var Limits = []Limit{
	LimitSites, LimitDirectorates, LimitPartnerships, LimitAssessments, LimitParticipants,
	LimitSiteParticipants, LimitSiteResponses, LimitBooklets, LimitFindings, LimitInterventions, LimitReviews,
	LimitEvents, LimitShortText, LimitLongText,
}

// String says the limit for people: "at most 200 participants per
// assessment".
func (l Limit) String() string {
	return fmt.Sprintf("at most %s %s per %s", thousands(l.Max), l.Noun, l.Per)
}

// LimitError is returned when a change or a bundle would go past a
// [Limit].
type LimitError struct {
	Limit Limit
	// Where names what holds too many ("assessment \"Spring 2026\"").
	Where string
	// Count is how many there would be, when known; 0 is "more than Max".
	Count int
}

func (e *LimitError) Error() string {
	n := "more than " + thousands(e.Limit.Max)
	if e.Count > 0 {
		n = thousands(e.Count)
	}
	return fmt.Sprintf("%s would have %s %s; Engage allows %s", e.Where, n, e.Limit.Noun, e.Limit)
}

// Hint says where the limits are written down.
func (e *LimitError) Hint() string {
	return "the limits fit real use with a wide margin (see docs/limits.md); split the work, or check where the file came from"
}

// limitCounter counts records against their limits as they come, so that
// a bundle is refused at the first record past one, before the rest is
// read. The bundle reader and [CheckSiteRecords] both use it.
type limitCounter struct {
	per map[Limit]map[string]int
}

// count adds one record held by scope (an assessment id, "" for the
// site) and returns a *LimitError when it goes past l.
func (lc *limitCounter) count(l Limit, scope, where string) error {
	if lc.per == nil {
		lc.per = map[Limit]map[string]int{}
	}
	m := lc.per[l]
	if m == nil {
		m = map[string]int{}
		lc.per[l] = m
	}
	m[scope]++
	if m[scope] > l.Max {
		return &LimitError{Limit: l, Where: where}
	}
	return nil
}

// LimitCounter counts a site's records as a bundle is read, to stop at
// the first one past a limit. The zero value is ready to use.
type LimitCounter struct{ lc limitCounter }

// Add counts rec, one record of the bundle's site, and returns a
// *LimitError when it is one too many of its kind for its site or its
// assessment. A site record counts its directorates.
func (c *LimitCounter) Add(rec Record) error { return c.lc.add(rec) }

func (lc *limitCounter) add(rec Record) error {
	switch r := rec.(type) {
	case Site:
		if n := len(r.Directorates); n > MaxDirectorates {
			return &LimitError{Limit: LimitDirectorates, Where: "the site", Count: n}
		}
	case Partnership:
		return lc.count(LimitPartnerships, "", "the site")
	case Assessment:
		return lc.count(LimitAssessments, "", "the site")
	case Participant:
		if err := lc.count(LimitParticipants, r.AssessmentID, fmt.Sprintf("assessment %s", r.AssessmentID)); err != nil {
			return err
		}
		return lc.count(LimitSiteParticipants, "", "the site")
	case Response:
		return lc.count(LimitSiteResponses, "", "the site")
	case Finding:
		return lc.count(LimitFindings, r.AssessmentID, fmt.Sprintf("assessment %s", r.AssessmentID))
	case Intervention:
		return lc.count(LimitInterventions, r.AssessmentID, fmt.Sprintf("assessment %s", r.AssessmentID))
	}
	return nil
}

// roomFor returns a *LimitError when the store already holds l.Max
// records under prefix in bucket b, so that one more would go past l.
func (c *Change) roomFor(l Limit, b Bucket, prefix, where string) error {
	n := 0
	err := c.tx.ForEach(b, prefix, func(string, []byte) error {
		n++
		if n >= l.Max {
			return errStop
		}
		return nil
	})
	if err != nil && err != errStop {
		return err
	}
	if n >= l.Max {
		return &LimitError{Limit: l, Where: where}
	}
	return nil
}

// checkClock refuses a time more than MaxClockAhead after now.
func checkClock(add func(field, format string, args ...any), now time.Time, times ...time.Time) {
	if now.IsZero() {
		return
	}
	for _, t := range times {
		if t.After(now.Add(MaxClockAhead)) {
			add("time", "%s is in the future (this computer's clock says %s); a record's time is when it was last changed",
				t.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
			return
		}
	}
}

// thousands writes n with commas: 35016 -> "35,016".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
