package workbook

import (
	"fmt"
	"slices"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// CheckSiteRecords checks a whole site as [PutRecord] would store it: every
// value by the rules the save functions apply (required fields, text
// bounds, enums, dates, scores on the scale), every reference between
// records (a response's assessment, participant and statement, an
// assessment's questionnaire, ...), that each record belongs to the site,
// that no record appears twice and that every record carries its times.
// qs holds the questionnaires the records may pin, by hash. It returns
// every problem found (nil when there is none); each names the record in
// its Field.
func CheckSiteRecords(s *SiteRecords, qs map[string]*questionnaire.Questionnaire) FieldErrors {
	ck := &recordChecker{s: s, qs: qs, seen: map[string]bool{}}
	ck.site()
	ck.partnerships()
	ck.assessments()
	ck.participants()
	ck.responses()
	ck.notes()
	ck.findings()
	ck.interventions()
	return ck.fe
}

type recordChecker struct {
	s    *SiteRecords
	qs   map[string]*questionnaire.Questionnaire
	fe   FieldErrors
	seen map[string]bool // bucket/key of every record checked

	siteQ       *questionnaire.Questionnaire
	assessmentQ map[string]*questionnaire.Questionnaire // id -> its questionnaire (nil when unknown)
	people      map[string]Participant                  // assessment/id -> participant
}

// rec returns a function adding problems about one record, after checking
// that the record is the site's and not a duplicate.
func (ck *recordChecker) rec(what string, r Record, siteID, id string, idRequired bool) func(field, format string, args ...any) {
	add := func(field, format string, args ...any) {
		f := what
		if field != "" {
			f += " " + field
		}
		ck.fe.add(f, format, args...)
	}
	if siteID != ck.s.Site.ID {
		add("", "belongs to site %q, not to the bundle's site %q", siteID, ck.s.Site.ID)
	}
	if idRequired && !validID(id) {
		add("id", "%q is not a record id (1 to 64 lower-case letters, digits and hyphens)", id)
	}
	b, k := r.Location()
	if ck.seen[string(b)+"\x00"+k] {
		add("", "appears twice")
	}
	ck.seen[string(b)+"\x00"+k] = true
	return add
}

// checkTimes checks that a record carries its times.
func checkTimes(add func(field, format string, args ...any), times ...time.Time) {
	for _, t := range times {
		if t.IsZero() || t.Year() < 1970 {
			add("time", "is missing or before 1970 (%s)", t.Format(time.RFC3339))
			return
		}
	}
}

// addAll moves a FieldErrors of one record into the checker's list.
func addAll(add func(field, format string, args ...any), fe FieldErrors) {
	for _, e := range fe {
		add(e.Field, "%s", e.Message)
	}
}

func validSlug(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

func (ck *recordChecker) site() {
	s := ck.s.Site
	add := ck.rec("site", s, s.ID, s.ID, true)
	var fe FieldErrors
	if !validSlug(s.Slug) {
		fe.add("slug", "%q is not a slug (lower-case letters, digits and hyphens)", s.Slug)
	}
	checkShort(&fe, "name", s.Name, true)
	checkShort(&fe, "organisation", s.Organisation, true)
	checkShort(&fe, "area", s.Area, false)
	checkLong(&fe, "context", s.Context)
	if !slices.Contains(questionnaire.KnownLanguages, s.Language) {
		fe.add("language", "must be one of en, it, not %q", s.Language)
	}
	seen := map[string]bool{}
	for i, d := range s.Directorates {
		f := fmt.Sprintf("directorate %d", i+1)
		checkShort(&fe, f+" id", d.ID, true)
		checkShort(&fe, f+" name", d.Name, true)
		if seen[d.ID] {
			fe.add(f+" id", "%q is used twice", d.ID)
		}
		seen[d.ID] = true
	}
	if q, ok := ck.qs[s.Questionnaire]; ok {
		ck.siteQ = q
	} else {
		fe.add("questionnaire", "%q is not one of the questionnaires given", shortHash(s.Questionnaire))
	}
	addAll(add, fe)
	checkTimes(add, s.Created, s.Updated)
}

func (ck *recordChecker) partnerships() {
	for i, p := range ck.s.Partnerships {
		add := ck.rec(fmt.Sprintf("partnership %d (%s)", i+1, p.ID), p, p.SiteID, p.ID, true)
		var fe FieldErrors
		checkPartnership(&fe, p)
		// A stored partnership's sectors are sorted once each.
		for j, sec := range p.Partners {
			if slices.Contains(Sectors, sec) && slices.Contains(p.Partners[:j], sec) {
				fe.add("partners", "%q is listed twice", sec)
			}
		}
		if ck.siteQ != nil {
			for _, id := range sortedKeys(p.Criteria) {
				if _, ok := ck.siteQ.Criterion(id); !ok {
					fe.add("criteria", "%q is not a criterion of the site's questionnaire", id)
				}
			}
		}
		addAll(add, fe)
		checkTimes(add, p.Updated)
	}
}

func (ck *recordChecker) assessments() {
	ck.assessmentQ = map[string]*questionnaire.Questionnaire{}
	for i, a := range ck.s.Assessments {
		add := ck.rec(fmt.Sprintf("assessment %d (%s)", i+1, a.ID), a, a.SiteID, a.ID, true)
		var fe FieldErrors
		checkShort(&fe, "title", a.Title, false)
		checkLong(&fe, "selection reason", a.SelectionReason)
		// A partnership deleted after it was selected leaves its id behind
		// (the assessment then shows none), so only the form is checked.
		if a.PartnershipID != "" && !validID(a.PartnershipID) {
			fe.add("partnership", "%q is not a record id", a.PartnershipID)
		}
		q, ok := ck.qs[a.Questionnaire]
		if !ok {
			fe.add("questionnaire", "%q is not one of the questionnaires given", shortHash(a.Questionnaire))
		}
		if !slices.Contains(questionnaire.KnownLanguages, a.Language) {
			fe.add("language", "must be one of en, it, not %q", a.Language)
		}
		if !validDate(a.Started) {
			fe.add("started", "must be a date as YYYY-MM-DD, not %q", a.Started)
		}
		checkCompleted(&fe, a)
		addAll(add, fe)
		checkTimes(add, a.Created, a.Updated)
		if _, dup := ck.assessmentQ[a.ID]; !dup {
			ck.assessmentQ[a.ID] = q
		}
	}
}

// assessment returns the questionnaire of the assessment a record refers
// to, adding a problem when there is no such assessment.
func (ck *recordChecker) assessment(add func(field, format string, args ...any), id string) (*questionnaire.Questionnaire, bool) {
	q, ok := ck.assessmentQ[id]
	if !ok {
		add("assessment", "%q is not one of the site's assessments", id)
	}
	return q, ok && q != nil
}

func (ck *recordChecker) participants() {
	ck.people = map[string]Participant{}
	for i, p := range ck.s.Participants {
		add := ck.rec(fmt.Sprintf("participant %d (%s)", i+1, p.ID), p, p.SiteID, p.ID, true)
		ck.assessment(add, p.AssessmentID)
		var fe FieldErrors
		checkShort(&fe, "name", p.Name, false)
		checkShort(&fe, "organisation", p.Organisation, false)
		if !slices.Contains(Groups, p.Group) {
			fe.add("group", "must be insider or outsider, not %q", p.Group)
		}
		if !slices.Contains(Roles, p.Role) {
			fe.add("role level", "must be one of senior, middle, front-line, community, partner; not %q", p.Role)
		}
		addAll(add, fe)
		checkTimes(add, p.Created, p.Updated)
		ck.people[key(p.AssessmentID, p.ID)] = p
	}
}

func (ck *recordChecker) responses() {
	verify := map[*questionnaire.Questionnaire]map[string]bool{}
	for i, r := range ck.s.Responses {
		add := ck.rec(fmt.Sprintf("response %d (participant %s, statement %s)", i+1, r.ParticipantID, r.StatementID), r, r.SiteID, "", false)
		q, qok := ck.assessment(add, r.AssessmentID)
		p, pok := ck.people[key(r.AssessmentID, r.ParticipantID)]
		if !pok {
			add("participant", "%q is not a participant of assessment %q", r.ParticipantID, r.AssessmentID)
		}
		var fe FieldErrors
		if qok {
			if _, _, ok := q.Statement(r.StatementID); !ok {
				fe.add("statement", "%q is not a statement of the assessment's questionnaire", r.StatementID)
			} else if pok && p.Group == Outsider {
				if verify[q] == nil {
					verify[q] = map[string]bool{}
					for _, st := range q.VerificationStatements() {
						verify[q][st.ID] = true
					}
				}
				if !verify[q][r.StatementID] {
					fe.add("statement", "%q is not in the verification set that outsiders score", r.StatementID)
				}
			}
			switch {
			case r.DontKnow && r.Score != 0:
				fe.add("score", "has both a score and don't know")
			case r.Score < 0 || r.Score > q.Scale.Points:
				fe.add("score", "%d is not on the scale of 1 to %d", r.Score, q.Scale.Points)
			}
		}
		checkLong(&fe, "comment", r.Comment)
		if !r.Answered() && r.Comment == "" {
			fe.add("", "is empty (no score, no don't know, no comment)")
		}
		addAll(add, fe)
		checkTimes(add, r.At)
	}
}

func (ck *recordChecker) notes() {
	for i, n := range ck.s.StatementNotes {
		add := ck.rec(fmt.Sprintf("statement note %d (statement %s)", i+1, n.StatementID), n, n.SiteID, "", false)
		q, qok := ck.assessment(add, n.AssessmentID)
		var fe FieldErrors
		if qok {
			if _, _, ok := q.Statement(n.StatementID); !ok {
				fe.add("statement", "%q is not a statement of the assessment's questionnaire", n.StatementID)
			}
			if n.GroupScore < 0 || n.GroupScore > q.Scale.Points {
				fe.add("group score", "%d is not on the scale of 1 to %d", n.GroupScore, q.Scale.Points)
			}
		}
		checkLong(&fe, "notes", n.Notes)
		if n.GroupScore == 0 && n.Notes == "" {
			fe.add("", "is empty (no group score, no notes)")
		}
		addAll(add, fe)
		checkTimes(add, n.Updated)
	}
	for i, n := range ck.s.IssueNotes {
		add := ck.rec(fmt.Sprintf("issue note %d (key issue %s)", i+1, n.KeyIssueID), n, n.SiteID, "", false)
		q, qok := ck.assessment(add, n.AssessmentID)
		var fe FieldErrors
		if qok {
			if _, ok := q.KeyIssue(n.KeyIssueID); !ok {
				fe.add("key issue", "%q is not a key issue of the assessment's questionnaire", n.KeyIssueID)
			}
		}
		checkLong(&fe, "notes", n.Notes)
		if n.Notes == "" {
			fe.add("notes", "is empty")
		}
		addAll(add, fe)
		checkTimes(add, n.Updated)
	}
}

func (ck *recordChecker) findings() {
	for i, f := range ck.s.Findings {
		add := ck.rec(fmt.Sprintf("finding %d (%s)", i+1, f.ID), f, f.SiteID, f.ID, true)
		q, qok := ck.assessment(add, f.AssessmentID)
		var fe FieldErrors
		if !slices.Contains(FindingKinds, f.Kind) {
			fe.add("kind", "must be barrier, good or improve, not %q", f.Kind)
		}
		if qok {
			if _, ok := q.KeyIssue(f.KeyIssueID); f.KeyIssueID != "" && !ok {
				fe.add("key issue", "%q is not a key issue of the assessment's questionnaire", f.KeyIssueID)
			}
			if _, _, ok := q.Statement(f.StatementID); f.StatementID != "" && !ok {
				fe.add("statement", "%q is not a statement of the assessment's questionnaire", f.StatementID)
			}
		}
		checkLong(&fe, "text", f.Text)
		if f.Text == "" && f.StatementID == "" {
			fe.add("text", "is required (or the statement the finding is about)")
		}
		addAll(add, fe)
		checkTimes(add, f.Created, f.Updated)
	}
}

func (ck *recordChecker) interventions() {
	for i, iv := range ck.s.Interventions {
		add := ck.rec(fmt.Sprintf("intervention %d (%s)", i+1, iv.ID), iv, iv.SiteID, iv.ID, true)
		q, qok := ck.assessment(add, iv.AssessmentID)
		var fe FieldErrors
		checkShort(&fe, "action", iv.Action, true)
		checkShort(&fe, "owner", iv.Owner, false)
		checkLong(&fe, "review notes", iv.Review)
		if iv.Due != "" && !validDate(iv.Due) {
			fe.add("due date", "must be a date as YYYY-MM-DD or empty, not %q", iv.Due)
		}
		if !slices.Contains(Statuses, iv.Status) {
			fe.add("status", "must be planned, in-progress or done, not %q", iv.Status)
		}
		if qok {
			if _, ok := q.KeyIssue(iv.KeyIssueID); iv.KeyIssueID != "" && !ok {
				fe.add("key issue", "%q is not a key issue of the assessment's questionnaire", iv.KeyIssueID)
			}
		}
		addAll(add, fe)
		checkTimes(add, iv.Created, iv.Updated)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
