package report

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// genQuestionnaire makes a questionnaire of issues key issues with per
// statements each, in English and Italian. The second statement of each
// issue is reversed; every third is not in the verification set.
func genQuestionnaire(t testing.TB, issues, per int) *questionnaire.Questionnaire {
	t.Helper()
	var b strings.Builder
	b.WriteString(`id: fixture
version: "2.1"
languages: [en, it]
title: {en: "Fixture workbook", it: "Questionario di prova"}
scale:
  points: 5
  labels: [{en: a, it: a}, {en: b, it: b}, {en: c, it: c}, {en: d, it: d}, {en: e, it: e}]
  dont_know: {en: "Don't know", it: "Non so"}
bands: {good: 4.0, improve: 3.0}
criteria:
  - {id: c1, text: {en: "Not a one-off consultation", it: "Non è una consultazione una tantum"}}
  - {id: c2, text: {en: "Ongoing after the cut-off year", it: "Ancora attivo"}, cutoff_year: 2001}
  - {id: c3, text: {en: "Includes the community in decision making", it: "Include la comunità nelle decisioni"}}
directorates:
  - {id: d1, name: {en: "Social care and health", it: "Servizi sociali e sanità"}}
  - {id: d2, name: {en: "Environment and housing", it: "Ambiente e abitare"}}
key_issues:
`)
	for i := 1; i <= issues; i++ {
		fmt.Fprintf(&b, "  - id: k%d\n    title: {en: \"Key issue number %d\", it: \"Questione numero %d\"}\n", i, i, i)
		fmt.Fprintf(&b, "    description: {en: \"What key issue %d is about.\", it: \"Di che cosa parla la questione %d.\"}\n", i, i)
		b.WriteString("    statements:\n")
		for j := 1; j <= per; j++ {
			fmt.Fprintf(&b, "      - id: k%d-s%d\n        text: {en: \"Statement %d of issue %d says one plain thing\", it: \"L'affermazione %d della questione %d dice una cosa\"}\n", i, j, j, i, j, i)
			if j%3 != 0 {
				b.WriteString("        verify: true\n")
			}
			if j == 2 {
				b.WriteString("        reverse: true\n")
			}
			fmt.Fprintf(&b, "        interventions:\n          - {en: \"Do something about statement %d.%d\", it: \"Fare qualcosa per l'affermazione %d.%d\"}\n", i, j, i, j)
		}
	}
	q, err := questionnaire.Parse("fixture.yaml", []byte(b.String()))
	if err != nil {
		t.Fatalf("fixture questionnaire: %v", err)
	}
	return q
}

// day is a fixed time of the fixture: day n of March 2026.
func day(n int) time.Time { return time.Date(2026, time.March, n, 9, 30, 0, 0, time.UTC) }

// fixtureSite is the site of the fixtures.
func fixtureSite() workbook.Site {
	return workbook.Site{
		ID: "site-1", Slug: "fixture-site", Name: "Fixture site", Organisation: "Fixture Borough Council",
		Area: "North ward", Context: "A small site made for the report's tests.\nIts context has two lines.",
		Language:     questionnaire.English,
		Directorates: []workbook.Directorate{{ID: "d1", Name: "Social care and health"}, {ID: "d2", Name: "Environment and housing"}},
		Created:      day(1), Updated: day(1),
	}
}

// fixturePartnerships are four mapped partnerships: one unassigned, one
// under a directorate the site does not list.
func fixturePartnerships(q *questionnaire.Questionnaire) []workbook.Partnership {
	all := map[string]workbook.CriterionMark{}
	for _, c := range q.Criteria {
		all[c.ID] = workbook.CriterionMark{Mark: workbook.Met}
	}
	return []workbook.Partnership{
		{ID: "p1", SiteID: "site-1", Title: "Healthy Streets Partnership", Directorate: "d1", Area: "North ward",
			Community: workbook.CommunityGeographical, StartYear: 2004, Ongoing: true,
			Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorHealth, workbook.SectorResidents}, Criteria: all},
		{ID: "p2", SiteID: "site-1", Title: "Carers' forum", Directorate: "d2", Community: workbook.CommunityOfInterest,
			Partners: []workbook.Sector{workbook.SectorVoluntary},
			Criteria: map[string]workbook.CriterionMark{"c1": {Mark: workbook.Met}, "c2": {Mark: workbook.NotMet}}},
		{ID: "p3", SiteID: "site-1", Title: "Allotments liaison group", StartYear: 1998},
		{ID: "p4", SiteID: "site-1", Title: "Old regeneration board", Directorate: "regeneration", Ongoing: false},
	}
}

// person is a fixture participant: id, group, role.
type person struct {
	id    string
	group workbook.Group
	role  workbook.Role
}

// fixturePeople are six insiders and four outsiders.
var fixturePeople = []person{
	{"i1", workbook.Insider, workbook.RoleSenior}, {"i2", workbook.Insider, workbook.RoleSenior},
	{"i3", workbook.Insider, workbook.RoleMiddle}, {"i4", workbook.Insider, workbook.RoleFrontLine},
	{"i5", workbook.Insider, workbook.RoleFrontLine}, {"i6", workbook.Insider, workbook.RoleFrontLine},
	{"o1", workbook.Outsider, workbook.RoleCommunity}, {"o2", workbook.Outsider, workbook.RoleCommunity},
	{"o3", workbook.Outsider, workbook.RoleCommunity}, {"o4", workbook.Outsider, workbook.RolePartner},
}

// fixtureScores are the raw scores by statement, in fixturePeople order:
// 0 is no answer, -1 is don't know.
var fixtureScores = map[string][]int{
	"k1-s1": {4, 5, 4, 4, 5, 4, 2, 2, 3, 2},  // a blind spot
	"k1-s2": {4, 4, 5, 4, 3, 4, 4, 5, 4, 4},  // reversed: a barrier
	"k1-s3": {1, 5, 2, 4, 5, -1, 0, 0, 0, 0}, // contested, insiders only
	"k2-s1": {3, 3, 3, 4, 3, 3, 4, 5, 0, 0},  // two outsiders: not broken down
	"k2-s2": {4, 4, 3, 4, 4, 5, 2, 2, 1, 2},  // reversed: an unrecognised strength
	"k2-s3": {-1, -1, -1, 0, 0, 0, 0, 0, 0, 0},
}

// fixtureComments are the comments by statement and person index; they
// hold text the Go fonts cannot draw.
var fixtureComments = map[string]map[int]string{
	"k1-s1": {0: "We think we listen well.", 6: "Nobody asked us 🙂 about the timetable.", 7: "Meetings clash with school pick-up."},
	"k1-s2": {3: "Decisions come down from the cabinet 👨‍👩‍👧 every time.", 8: "社区 groups are not told; مجتمع too."},
	"k1-s3": {1: "Some of us had training, most did not.\nThe rest learnt on the job.", 4: strings.Repeat("A long comment that goes on and on about training budgets. ", 12)},
	"k2-s2": {9: "Partners see more strength here than staff do 🇮🇹."},
}

// fixtureData is a complete assessment of the fixture site: scores,
// comments, notes, findings and an action plan.
func fixtureData(t testing.TB) *workbook.AssessmentData {
	q := genQuestionnaire(t, 2, 3)
	ps := fixturePartnerships(q)
	d := &workbook.AssessmentData{
		Site: fixtureSite(),
		Assessment: workbook.Assessment{ID: "a2", SiteID: "site-1", Title: "Healthy Streets workbook 2026",
			PartnershipID: "p1", SelectionReason: "It meets every criterion and has residents on its board.",
			Questionnaire: q.Hash, Language: questionnaire.English, Started: "2026-03-02", Completed: "2026-03-05",
			Created: day(2), Updated: day(5)},
		Questionnaire: q,
		Partnerships:  ps,
	}
	d.Partnership = &d.Partnerships[0]
	for i, p := range fixturePeople {
		d.Participants = append(d.Participants, workbook.Participant{ID: p.id, SiteID: "site-1", AssessmentID: "a2",
			Name: "Person " + strings.ToUpper(p.id), Group: p.group, Role: p.role, Created: day(2), Updated: day(2).Add(time.Duration(i) * time.Minute)})
	}
	for _, st := range q.Statements() {
		for i, score := range fixtureScores[st.ID] {
			comment := fixtureComments[st.ID][i]
			if score == 0 && comment == "" {
				continue
			}
			d.Responses = append(d.Responses, workbook.Response{SiteID: "site-1", AssessmentID: "a2",
				ParticipantID: fixturePeople[i].id, StatementID: st.ID, Score: max(score, 0), DontKnow: score < 0,
				Comment: comment, At: day(3)})
		}
	}
	d.StatementNotes = []workbook.StatementNote{{SiteID: "site-1", AssessmentID: "a2", StatementID: "k1-s2", GroupScore: 2,
		Notes: "The group agreed that decisions are taken elsewhere ✅.", Updated: day(3)}}
	d.IssueNotes = []workbook.IssueNote{{SiteID: "site-1", AssessmentID: "a2", KeyIssueID: "k1",
		Notes: "Outsiders rated listening lower than staff did.", Updated: day(4)}}
	d.Findings = []workbook.Finding{
		{ID: "f1", Kind: workbook.FindingBarrier, StatementID: "k1-s2", Text: "Decisions go through statutory channels.", Updated: day(4)},
		{ID: "f2", Kind: workbook.FindingGood, StatementID: "k2-s2", Text: "Partners value the joint work.", Updated: day(4)},
		{ID: "f3", Kind: workbook.FindingImprove, KeyIssueID: "k2", Text: "Training is patchy.", Updated: day(4)},
	}
	d.Interventions = []workbook.Intervention{
		{ID: "v1", Action: "Invite two residents onto the board with full voting rights", Owner: "Director of Adult Social Care",
			Due: "2026-06-30", KeyIssueID: "k1", Status: workbook.StatusPlanned, Updated: day(5)},
		{ID: "v2", Action: "Agree a common language: a plain-words glossary", Owner: "Partnership coordinator",
			Due: "2026-04-30", Status: workbook.StatusInProgress, Updated: day(5), Reviews: []workbook.Review{
				{Date: "2026-03-04", Reviewer: "Helen Dawson", Status: workbook.StatusInProgress, Note: "First draft circulated."}}},
		{ID: "v3", Action: "Send the findings to every agency on the board", Owner: "Partnership coordinator",
			Due: "2026-02-27", KeyIssueID: "k2", Status: workbook.StatusPlanned, Updated: day(5)},
	}
	return d
}

// fixtureEarlier is an earlier assessment of the same partnership, a year
// before, with lower scores and an action plan of its own.
func fixtureEarlier(t testing.TB, now *workbook.AssessmentData) *workbook.AssessmentData {
	e := &workbook.AssessmentData{
		Site: now.Site, Questionnaire: now.Questionnaire, Partnerships: now.Partnerships, Partnership: now.Partnership,
		Assessment: workbook.Assessment{ID: "a1", SiteID: "site-1", PartnershipID: "p1", Questionnaire: now.Questionnaire.Hash,
			Language: questionnaire.English, Started: "2025-03-03", Completed: "2025-03-10", Created: day(1).AddDate(-1, 0, 0)},
		Participants: now.Participants,
	}
	for _, r := range now.Responses {
		if r.Score > 0 {
			r.Score = max(1, r.Score-1)
			if r.StatementID == "k1-s2" {
				r.Score = 5 // reversed: a barrier then too
			}
		}
		r.Comment = ""
		r.AssessmentID = "a1"
		e.Responses = append(e.Responses, r)
	}
	e.Interventions = []workbook.Intervention{
		{ID: "v0", Action: "Report back after every meeting", Owner: "Coordinator", Due: "2025-07-31", Status: workbook.StatusDone,
			Reviews: []workbook.Review{
				{Date: "2025-03-01", Status: workbook.StatusPlanned, Note: "Agreed before the round closed."},
				{Date: "2025-05-12", Status: workbook.StatusInProgress, Note: "First letter sent."},
				{Date: "2025-08-04", Reviewer: "Ruth Morgan", Status: workbook.StatusDone, Note: "Done since July."}}},
		{ID: "v00", Action: "Set up a parents' forum", Owner: "Coordinator", Due: "2025-11-28", Status: workbook.StatusDropped,
			Reviews: []workbook.Review{{Date: "2025-09-15", Status: workbook.StatusDropped, Note: "The parents chose the hub board instead."}}},
		{ID: "v000", Action: "Map the locality model to schools", Owner: "Early Help manager", Due: "2025-12-19", Status: workbook.StatusInProgress,
			Reviews: []workbook.Review{{Date: "2026-01-19", Status: workbook.StatusInProgress, Note: "Eight of eleven schools mapped."}}},
	}
	return e
}

// genData is a large generated assessment for the benchmarks: partnerships
// mapped, people taking part (60% insiders) scoring every statement they
// are asked, and a comment on every commentEvery-th answer.
func genData(t testing.TB, q *questionnaire.Questionnaire, partnerships, people, commentEvery int) *workbook.AssessmentData {
	rng := rand.New(rand.NewPCG(7, 11))
	d := &workbook.AssessmentData{
		Site: fixtureSite(),
		Assessment: workbook.Assessment{ID: "big", SiteID: "site-1", PartnershipID: "p0", Questionnaire: q.Hash,
			Language: questionnaire.English, Started: "2026-03-02", Created: day(2), Updated: day(2)},
		Questionnaire: q,
	}
	dirs := []string{"d1", "d2", "", "elsewhere"}
	sectors := workbook.Sectors
	for i := range partnerships {
		p := workbook.Partnership{ID: fmt.Sprintf("p%d", i), SiteID: "site-1", Title: fmt.Sprintf("Partnership number %d of the large site", i),
			Directorate: dirs[rng.IntN(len(dirs))], Community: workbook.CommunityTypes[rng.IntN(2)], StartYear: 1990 + rng.IntN(30),
			Ongoing: rng.IntN(4) > 0, Criteria: map[string]workbook.CriterionMark{}}
		for _, c := range q.Criteria {
			p.Criteria[c.ID] = workbook.CriterionMark{Mark: []workbook.Mark{workbook.Met, workbook.NotMet, workbook.Unknown}[rng.IntN(3)]}
		}
		for _, s := range sectors {
			if rng.IntN(2) == 0 {
				p.Partners = append(p.Partners, s)
			}
		}
		d.Partnerships = append(d.Partnerships, p)
	}
	d.Partnership = &d.Partnerships[0]
	verify := map[string]bool{}
	for _, st := range q.VerificationStatements() {
		verify[st.ID] = true
	}
	answers := 0
	for i := range people {
		p := workbook.Participant{ID: fmt.Sprintf("x%03d", i), SiteID: "site-1", AssessmentID: "big", Group: workbook.Insider,
			Role: []workbook.Role{workbook.RoleSenior, workbook.RoleMiddle, workbook.RoleFrontLine}[i%3], Updated: day(2)}
		if i%5 >= 3 {
			p.Group, p.Role = workbook.Outsider, []workbook.Role{workbook.RoleCommunity, workbook.RolePartner}[i%2]
		}
		d.Participants = append(d.Participants, p)
		for _, st := range q.Statements() {
			if p.Group == workbook.Outsider && !verify[st.ID] {
				continue
			}
			r := workbook.Response{SiteID: "site-1", AssessmentID: "big", ParticipantID: p.ID, StatementID: st.ID,
				Score: 1 + rng.IntN(5), At: day(3)}
			if rng.IntN(12) == 0 {
				r.Score, r.DontKnow = 0, true
			}
			answers++
			if answers%commentEvery == 0 {
				r.Comment = fmt.Sprintf("Comment %d: what this person said about the statement, in a sentence or two of plain words.", answers)
			}
			d.Responses = append(d.Responses, r)
		}
	}
	for i, ki := range q.KeyIssues {
		d.Findings = append(d.Findings, workbook.Finding{ID: fmt.Sprintf("f%d", i), Kind: workbook.FindingKinds[i%3], KeyIssueID: ki.ID,
			Text: "A finding about " + ki.Title.String()})
		d.Interventions = append(d.Interventions, workbook.Intervention{ID: fmt.Sprintf("v%d", i), Action: "An action for " + ki.Title.String(),
			Owner: "An owner", Due: "2026-09-30", KeyIssueID: ki.ID, Status: workbook.StatusPlanned})
	}
	return d
}
