package workbook

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// The rules of each record type, written once: the save functions and the
// bundle check ([CheckSiteRecords]) both call them, so that a value is
// refused with the same message whichever way it comes in. What needs the
// store (does the assessment exist, is there room for one more) is checked
// by the caller; what needs the questionnaire takes it as q, and a nil q
// (an assessment whose questionnaire is unknown, already reported) skips
// those rules.

// checkSite checks a site's own fields and its directorates.
func checkSite(fe *FieldErrors, s Site) {
	checkShort(fe, "name", s.Name, true)
	checkShort(fe, "organisation", s.Organisation, true)
	checkShort(fe, "area", s.Area, false)
	checkLong(fe, "context", s.Context)
	checkLanguage(fe, s.Language)
	checkDirectorates(fe, s.Directorates)
}

// checkDirectorates checks a site's list of directorates: each with an id
// and a name, no id twice, at most MaxDirectorates.
func checkDirectorates(fe *FieldErrors, dirs []Directorate) {
	if len(dirs) > MaxDirectorates {
		fe.add("directorates", "%s are listed; Engage allows %s", thousands(len(dirs)), LimitDirectorates)
		return
	}
	seen := map[string]bool{}
	for i, d := range dirs {
		f := fmt.Sprintf("directorate %d", i+1)
		checkShort(fe, f+" id", d.ID, true)
		checkShort(fe, f+" name", d.Name, true)
		if seen[d.ID] {
			fe.add(f+" id", "%q is used twice", d.ID)
		}
		seen[d.ID] = true
	}
}

func checkLanguage(fe *FieldErrors, lang string) {
	if err := questionnaire.CheckLanguage(lang); err != nil {
		fe.add("language", "%v", err)
	}
}

// checkAssessment checks an assessment's own fields: title, selection
// reason, language, and its dates.
func checkAssessment(fe *FieldErrors, a Assessment) {
	checkShort(fe, "title", a.Title, false)
	checkLong(fe, "selection reason", a.SelectionReason)
	checkLanguage(fe, a.Language)
	checkDate(fe, "started", a.Started, true)
	checkCompleted(fe, a)
	checkBooklets(fe, a.Booklets)
	checkLog(fe, a.Log)
}

// checkCompleted is the rule for an assessment's completion date.
func checkCompleted(fe *FieldErrors, a Assessment) {
	switch {
	case a.Completed == "":
	case !checkDate(fe, "completed", a.Completed, false):
	case validDate(a.Started) && a.Completed < a.Started:
		fe.add("completed", "%s is before the assessment started (%s)", a.Completed, a.Started)
	}
}

// checkDate checks a day as YYYY-MM-DD between MinYear and MaxYear (or
// empty, when not required) and reports whether it is one.
func checkDate(fe *FieldErrors, field, day string, required bool) bool {
	if day == "" && !required {
		return true
	}
	t, err := time.Parse(time.DateOnly, day)
	switch {
	case err != nil && required:
		fe.add(field, "must be a date as YYYY-MM-DD, not %q", day)
	case err != nil:
		fe.add(field, "must be a date as YYYY-MM-DD, or empty; not %q", day)
	case t.Year() < MinYear || t.Year() > MaxYear:
		fe.add(field, "%s is not a year from %d to %d", day, MinYear, MaxYear)
	default:
		return true
	}
	return false
}

// checkParticipant checks a participant's own fields.
func checkParticipant(fe *FieldErrors, p Participant) {
	checkShort(fe, "name", p.Name, false)
	checkShort(fe, "organisation", p.Organisation, false)
	if !slices.Contains(Groups, p.Group) {
		fe.add("group", "must be insider or outsider, not %q", p.Group)
	}
	if !slices.Contains(Roles, p.Role) {
		fe.add("role level", "must be one of senior, middle, front-line, community, partner; not %q", p.Role)
	}
	if p.Booklet < 0 || p.Booklet > MaxBooklets {
		fe.add("booklet", "%d is not a booklet number (1 to %d, or none)", p.Booklet, MaxBooklets)
	}
}

// checkResponse checks one answer given by a participant of group g to a
// statement of q: the statement (outsiders answer only the verification
// set), the score on q's scale, the comment.
func checkResponse(fe *FieldErrors, r Response, q *questionnaire.Questionnaire, g Group) {
	if q != nil {
		if _, _, ok := q.Statement(r.StatementID); !ok {
			fe.add("statement", "%q is not a statement of the assessment's questionnaire", r.StatementID)
		} else if g == Outsider && !inVerification(q, r.StatementID) {
			fe.add("statement", "%q is not in the verification set that outsiders score", r.StatementID)
		}
		switch {
		case r.DontKnow && r.Score != 0:
			fe.add("score", "give a score or don't know, not both")
		case r.Score < 0 || r.Score > q.Scale.Points:
			fe.add("score", "%d is not on the scale of 1 to %d", r.Score, q.Scale.Points)
		}
	}
	checkLong(fe, "comment", r.Comment)
}

// checkStatementNote checks the group's note on a statement of q.
func checkStatementNote(fe *FieldErrors, n StatementNote, q *questionnaire.Questionnaire) {
	if q != nil {
		if _, _, ok := q.Statement(n.StatementID); !ok {
			fe.add("statement", "%q is not a statement of the assessment's questionnaire", n.StatementID)
		}
		if n.GroupScore < 0 || n.GroupScore > q.Scale.Points {
			fe.add("group score", "%d is not on the scale of 1 to %d, or none", n.GroupScore, q.Scale.Points)
		}
	}
	checkLong(fe, "notes", n.Notes)
}

// checkIssueNote checks the verification note on a key issue of q.
func checkIssueNote(fe *FieldErrors, n IssueNote, q *questionnaire.Questionnaire) {
	if q != nil {
		if _, ok := q.KeyIssue(n.KeyIssueID); !ok {
			fe.add("key issue", "%q is not a key issue of the assessment's questionnaire", n.KeyIssueID)
		}
	}
	checkLong(fe, "notes", n.Notes)
}

// checkFinding checks a finding: its kind, the key issue and statement of
// q it names, its text.
func checkFinding(fe *FieldErrors, f Finding, q *questionnaire.Questionnaire) {
	if !slices.Contains(FindingKinds, f.Kind) {
		fe.add("kind", "must be barrier, good or improve, not %q", f.Kind)
	}
	if q != nil {
		if _, ok := q.KeyIssue(f.KeyIssueID); f.KeyIssueID != "" && !ok {
			fe.add("key issue", "%q is not a key issue of the assessment's questionnaire", f.KeyIssueID)
		}
		if _, _, ok := q.Statement(f.StatementID); f.StatementID != "" && !ok {
			fe.add("statement", "%q is not a statement of the assessment's questionnaire", f.StatementID)
		}
	}
	checkLong(fe, "text", f.Text)
	if f.Text == "" && f.StatementID == "" {
		fe.add("text", "is required (or name the statement the finding is about)")
	}
}

// checkIntervention checks a line of the action plan with its review log.
// latest is the last day a review may be dated ("" does not check it).
func checkIntervention(fe *FieldErrors, iv Intervention, q *questionnaire.Questionnaire, latest string) {
	checkShort(fe, "action", iv.Action, true)
	checkShort(fe, "owner", iv.Owner, false)
	checkDate(fe, "due date", iv.Due, false)
	if !slices.Contains(Statuses, iv.Status) {
		fe.add("status", "must be planned, in-progress, done or dropped, not %q", iv.Status)
	}
	if q != nil {
		if _, ok := q.KeyIssue(iv.KeyIssueID); iv.KeyIssueID != "" && !ok {
			fe.add("key issue", "%q is not a key issue of the assessment's questionnaire", iv.KeyIssueID)
		}
	}
	if len(iv.Reviews) > MaxReviews {
		fe.add("reviews", "%s are listed; Engage allows %s", thousands(len(iv.Reviews)), LimitReviews)
		return
	}
	for i, rv := range iv.Reviews {
		checkReview(fe, fmt.Sprintf("review %d ", i+1), rv, latest)
		if i > 0 && validDate(rv.Date) && rv.Date < iv.Reviews[i-1].Date {
			fe.add(fmt.Sprintf("review %d date", i+1), "%s is before the review above it (%s): the log is in date order", rv.Date, iv.Reviews[i-1].Date)
		}
	}
	last, reviewed := iv.LastReview()
	switch {
	case reviewed && iv.Status != last.Status:
		fe.add("status", "is %q, but the latest review (%s) set %q", iv.Status, last.Date, last.Status)
	case !reviewed && iv.Status == StatusDropped:
		fe.add("status", "an action is dropped by a review that says why")
	}
}

// checkReview checks one review of an action's log; field starts the
// names of its fields ("review 2 "). latest is the last day it may be
// dated ("" does not check it).
func checkReview(fe *FieldErrors, field string, rv Review, latest string) {
	if checkDate(fe, field+"date", rv.Date, true) && latest != "" && rv.Date > latest {
		fe.add(field+"date", "%s is after today (%s): a review says what was found on a day that has come", rv.Date, latest)
	}
	checkShort(fe, field+"reviewer", rv.Reviewer, false)
	if !slices.Contains(Statuses, rv.Status) {
		fe.add(field+"status", "must be planned, in-progress, done or dropped, not %q", rv.Status)
	}
	checkLong(fe, field+"note", rv.Note)
	if rv.Status == StatusDropped && strings.TrimSpace(rv.Note) == "" {
		fe.add(field+"note", "say why the action is dropped")
	}
}

func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
