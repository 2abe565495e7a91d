package workbook

import (
	"errors"
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
// that no record appears twice, that every record carries its times and
// none is later than now allows (see [MaxClockAhead]; a zero now skips
// this), and that the site keeps within the [Limits]. Each rule is the one
// the save functions apply. qs holds the questionnaires the records may
// pin, by hash. It returns every problem found (nil when there is none);
// each names the record in its Field.
func CheckSiteRecords(s *SiteRecords, qs map[string]*questionnaire.Questionnaire, now time.Time) FieldErrors {
	ck := &recordChecker{s: s, qs: qs, now: now, seen: map[string]bool{}}
	ck.limits()
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
	now  time.Time
	fe   FieldErrors
	seen map[string]bool // bucket/key of every record checked

	siteQ          *questionnaire.Questionnaire
	partnershipIDs map[string]bool
	assessmentQ    map[string]*questionnaire.Questionnaire // id -> its questionnaire (nil when unknown)
	assessmentRec  map[string]Assessment                   // id -> the assessment (the first of an id given twice)
	people         map[string]Participant                  // assessment/id -> participant
}

// rec returns a function adding problems about one record, after checking
// that the record is the site's and not a duplicate.
func (ck *recordChecker) rec(what func() string, r Record, siteID, id string, idRequired bool) func(field, format string, args ...any) {
	// what is made only for a problem: a bundle has 200,000 answers.
	add := func(field, format string, args ...any) {
		f := what()
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
	seen := string(b) + "\x00" + k
	if ck.seen[seen] {
		add("", "appears twice")
	}
	ck.seen[seen] = true
	return add
}

// limits reports the first record past each limit.
func (ck *recordChecker) limits() {
	var lc limitCounter
	reported := map[Limit]bool{}
	for _, rec := range ck.s.Records() {
		err := lc.add(rec)
		var le *LimitError
		if errors.As(err, &le) && !reported[le.Limit] {
			reported[le.Limit] = true
			ck.fe.add("limit", "%s", le.Error())
		}
	}
}

// checkTimes checks that a record carries its times, none of them far
// ahead of the clock.
func (ck *recordChecker) checkTimes(add func(field, format string, args ...any), times ...time.Time) {
	for _, t := range times {
		if t.IsZero() || t.Year() < 1970 {
			add("time", "is missing or before 1970 (%s)", t.Format(time.RFC3339))
			return
		}
	}
	checkClock(add, ck.now, times...)
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
	add := ck.rec(func() string { return "site" }, s, s.ID, s.ID, true)
	var fe FieldErrors
	if !validSlug(s.Slug) {
		fe.add("slug", "%q is not a slug (lower-case letters, digits and hyphens)", s.Slug)
	}
	checkSite(&fe, s)
	if q, ok := ck.qs[s.Questionnaire]; ok {
		ck.siteQ = q
	} else {
		fe.add("questionnaire", "%q is not one of the questionnaires given", shortHash(s.Questionnaire))
	}
	addAll(add, fe)
	ck.checkTimes(add, s.Created, s.Updated)
}

// partnerships checks the mapping. A partnership's directorate need not be
// one the site lists: [Change.SetDirectorates] keeps the id of a
// directorate taken off the list, and the report shows such partnerships
// under it with a note, so a store that did so exports them.
func (ck *recordChecker) partnerships() {
	ck.partnershipIDs = map[string]bool{}
	for i, p := range ck.s.Partnerships {
		ck.partnershipIDs[p.ID] = true
		add := ck.rec(func() string { return fmt.Sprintf("partnership %d (%s)", i+1, p.ID) }, p, p.SiteID, p.ID, true)
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
		ck.checkTimes(add, p.Updated)
	}
}

func (ck *recordChecker) assessments() {
	ck.assessmentQ = map[string]*questionnaire.Questionnaire{}
	ck.assessmentRec = map[string]Assessment{}
	for i, a := range ck.s.Assessments {
		add := ck.rec(func() string { return fmt.Sprintf("assessment %d (%s)", i+1, a.ID) }, a, a.SiteID, a.ID, true)
		var fe FieldErrors
		checkAssessment(&fe, a)
		// Deleting a partnership clears the selections of it, so a selected
		// partnership is one of the site's.
		if a.PartnershipID != "" && !ck.partnershipIDs[a.PartnershipID] {
			fe.add("partnership", "%q is not one of the site's partnerships", a.PartnershipID)
		}
		q, ok := ck.qs[a.Questionnaire]
		if !ok {
			fe.add("questionnaire", "%q is not one of the questionnaires given", shortHash(a.Questionnaire))
		}
		addAll(add, fe)
		ck.checkTimes(add, a.Created, a.Updated)
		if _, dup := ck.assessmentQ[a.ID]; !dup {
			ck.assessmentQ[a.ID] = q
			ck.assessmentRec[a.ID] = a
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
	return q, q != nil
}

func (ck *recordChecker) participants() {
	ck.people = map[string]Participant{}
	// Booklet numbers are unique in an assessment: each is checked against
	// the participants before it, so that a number given twice is reported
	// once, on the second.
	byAssessment := map[string][]Participant{}
	for i, p := range ck.s.Participants {
		add := ck.rec(func() string { return fmt.Sprintf("participant %d (%s)", i+1, p.ID) }, p, p.SiteID, p.ID, true)
		ck.assessment(add, p.AssessmentID)
		var fe FieldErrors
		checkParticipant(&fe, p)
		if a, ok := ck.assessmentRec[p.AssessmentID]; ok && p.Booklet != 0 {
			checkParticipantBooklet(&fe, p, a, byAssessment[p.AssessmentID])
			byAssessment[p.AssessmentID] = append(byAssessment[p.AssessmentID], p)
		}
		addAll(add, fe)
		ck.checkTimes(add, p.Created, p.Updated)
		ck.people[key(p.AssessmentID, p.ID)] = p
	}
}

func (ck *recordChecker) responses() {
	for i, r := range ck.s.Responses {
		add := ck.rec(func() string {
			return fmt.Sprintf("response %d (participant %s, statement %s)", i+1, r.ParticipantID, r.StatementID)
		}, r, r.SiteID, "", false)
		q, _ := ck.assessment(add, r.AssessmentID)
		p, pok := ck.people[key(r.AssessmentID, r.ParticipantID)]
		if !pok {
			add("participant", "%q is not a participant of assessment %q", r.ParticipantID, r.AssessmentID)
		}
		var fe FieldErrors
		checkResponse(&fe, r, q, p.Group)
		if !r.Answered() && r.Comment == "" {
			fe.add("", "is empty (no score, no don't know, no comment)")
		}
		addAll(add, fe)
		ck.checkTimes(add, r.At)
	}
}

func (ck *recordChecker) notes() {
	for i, n := range ck.s.StatementNotes {
		add := ck.rec(func() string { return fmt.Sprintf("statement note %d (statement %s)", i+1, n.StatementID) }, n, n.SiteID, "", false)
		q, _ := ck.assessment(add, n.AssessmentID)
		var fe FieldErrors
		checkStatementNote(&fe, n, q)
		if n.GroupScore == 0 && n.Notes == "" {
			fe.add("", "is empty (no group score, no notes)")
		}
		addAll(add, fe)
		ck.checkTimes(add, n.Updated)
	}
	for i, n := range ck.s.IssueNotes {
		add := ck.rec(func() string { return fmt.Sprintf("issue note %d (key issue %s)", i+1, n.KeyIssueID) }, n, n.SiteID, "", false)
		q, _ := ck.assessment(add, n.AssessmentID)
		var fe FieldErrors
		checkIssueNote(&fe, n, q)
		if n.Notes == "" {
			fe.add("notes", "is empty")
		}
		addAll(add, fe)
		ck.checkTimes(add, n.Updated)
	}
}

func (ck *recordChecker) findings() {
	for i, f := range ck.s.Findings {
		add := ck.rec(func() string { return fmt.Sprintf("finding %d (%s)", i+1, f.ID) }, f, f.SiteID, f.ID, true)
		q, _ := ck.assessment(add, f.AssessmentID)
		var fe FieldErrors
		checkFinding(&fe, f, q)
		addAll(add, fe)
		ck.checkTimes(add, f.Created, f.Updated)
	}
}

func (ck *recordChecker) interventions() {
	for i, iv := range ck.s.Interventions {
		add := ck.rec(func() string { return fmt.Sprintf("intervention %d (%s)", i+1, iv.ID) }, iv, iv.SiteID, iv.ID, true)
		q, _ := ck.assessment(add, iv.AssessmentID)
		var fe FieldErrors
		latest := ""
		if !ck.now.IsZero() {
			latest = ck.now.Add(MaxClockAhead).Format(time.DateOnly)
		}
		checkIntervention(&fe, iv, q, latest)
		addAll(add, fe)
		ck.checkTimes(add, iv.Created, iv.Updated)
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
