package analysis

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// westmoorPeople are Westmoor's participants: insiders senior 1, middle 2,
// front-line 5; outsiders community 4, partner 1. Two have names.
func westmoorPeople() []workbook.Participant {
	var ps []workbook.Participant
	add := func(g workbook.Group, r workbook.Role, n int, names ...string) {
		for i := range n {
			p := workbook.Participant{Group: g, Role: r}
			if i < len(names) {
				p.Name = names[i]
			}
			ps = append(ps, p)
		}
	}
	add(workbook.Insider, workbook.RoleSenior, 1, "Claire Collins")
	add(workbook.Insider, workbook.RoleMiddle, 2, "Nicolò De Luca")
	add(workbook.Insider, workbook.RoleFrontLine, 5)
	add(workbook.Outsider, workbook.RoleCommunity, 4)
	add(workbook.Outsider, workbook.RolePartner, 1)
	return ps
}

func TestTextWatch(t *testing.T) {
	w := NewTextWatch(westmoorPeople())
	tests := []struct {
		name, text string
		want       []string // Found, in order
	}{
		{"nothing", "Meetings are held at times that suit people.", nil},
		{"a full name", "As claire collins said, the forum is open.", []string{"Claire Collins"}},
		{"a full name and another's part", "Claire Collins and De Luca agreed.", []string{"Claire Collins", "Luca"}},
		{"a first name", "Claire thinks the forum is open.", []string{"Claire"}},
		{"a name across a line break", "Asked by Claire\nCollins.", []string{"Claire Collins"}},
		{"an accented name", "Secondo Nicolò i tempi sono lunghi.", []string{"Nicolò"}},
		{"a short part of a name is not looked for alone", "De facto the council decides.", nil},
		{"part of a word is not a name", "Claireville and Collinsworth.", nil},
		{"senior staff with one senior", "The senior staff said budgets decide.", []string{"senior staff"}},
		{"middle managers with two", "Middle managers disagreed.", []string{"middle managers"}},
		{"front-line staff are five", "Front-line staff disagreed.", nil},
		{"community members are four", "Community members agreed.", nil},
		{"the single partner", "The partner organisation from the police was not sure.", []string{"partner organisation"}},
		// "partner" alone is everywhere in a partnership's texts.
		{"partner alone is not a role", "Clarify the role of each partner and agree a common language.", nil},
		{"partnership is not partner", "The partnership is strong.", nil},
		{"Italian role words", "I dirigenti hanno detto che il bilancio decide.", []string{"dirigenti"}},
		{"Italian middle level", "Secondo i responsabili intermedi va bene.", []string{"responsabili intermedi"}},
		{"several at once", "Senior managers and partner organisations disagreed; so did Claire.",
			[]string{"Claire", "senior managers", "partner organisations"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, x := range w.Check(tt.text) {
				got = append(got, x.Found)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Check(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTextWatchSmallGroups(t *testing.T) {
	ps := westmoorPeople()[:8] // the eight insiders
	ps = append(ps, workbook.Participant{Group: workbook.Outsider, Role: workbook.RoleCommunity},
		workbook.Participant{Group: workbook.Outsider, Role: workbook.RoleCommunity})
	w := NewTextWatch(ps)
	got := w.Check("The outsiders and the community members said the insiders listen.")
	want := []TextWarning{
		{Found: "community members", Group: workbook.Outsider, Role: workbook.RoleCommunity, People: 2},
		{Found: "outsiders", Group: workbook.Outsider, People: 2},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Check = %+v, want %+v", got, want)
	}
	if s := got[1].String(); s != `"outsiders" points at a group of 2 (outsiders)` {
		t.Errorf("String = %q", s)
	}
	if s := Summary(w.Check("Collins and Claire")); s != `names "Claire", a participant; names "Collins", a participant` {
		t.Errorf("Summary = %q", s)
	}
	if got := NewTextWatch(nil).Check("The senior staff said so."); got != nil {
		t.Errorf("nobody to watch for, found %v", got)
	}
}

func TestFreeTextWarnings(t *testing.T) {
	q := &questionnaire.Questionnaire{KeyIssues: []questionnaire.KeyIssue{
		{ID: "k1", Statements: []questionnaire.Statement{{ID: "s1"}, {ID: "s2"}}},
		{ID: "k2", Statements: []questionnaire.Statement{{ID: "s3"}}},
	}}
	d := &workbook.AssessmentData{
		Questionnaire: q,
		Participants:  westmoorPeople(),
		StatementNotes: []workbook.StatementNote{
			{StatementID: "s2", Notes: "The senior staff said the budget decides."},
			{StatementID: "s1", Notes: "Everyone agreed."},
		},
		Responses: []workbook.Response{
			{StatementID: "s3", Comment: "Ask Claire."},
			{StatementID: "s3", Comment: "Fine."},
		},
		IssueNotes: []workbook.IssueNote{{KeyIssueID: "k2", Notes: "The partner organisation disagreed."}},
		Findings: []workbook.Finding{
			{ID: "f1", Kind: workbook.FindingBarrier, StatementID: "s3", Text: "Collins's team decides alone."},
			{ID: "f2", Kind: workbook.FindingGood, Text: "Good times."},
		},
		Interventions: []workbook.Intervention{
			{Action: "Invite the community onto the board", Owner: "Claire Collins"},
			{Action: "Review with the middle managers", Owner: "Lead"},
		},
	}
	var got, places []string
	for _, p := range FreeTextWarnings(d) {
		got = append(got, p.String())
		places = append(places, fmt.Sprintf("%s %s %q %s", p.Place, p.Number, p.Excerpt, p.Kind))
	}
	// The same places as fields, for an output in another language.
	wantPlaces := []string{`statement_notes 1.2 "" `, `comment 2.1 "" `, `issue_notes 2 "" `,
		`finding 2.1 "Collins's team decides alone." barrier`, `action  "Review with the middle managers" `}
	if !slices.Equal(places, wantPlaces) {
		t.Errorf("places %q, want %q", places, wantPlaces)
	}
	want := []string{
		`notes on statement 1.2: "senior staff" points at a group of 1 (senior insiders)`,
		`a comment on statement 2.1: names "Claire", a participant`,
		`verification notes on key issue 2: "partner organisation" points at a group of 1 (partner outsiders)`,
		`finding "Collins's team decides alone." (barrier, statement 2.1): names "Collins", a participant`,
		`action "Review with the middle managers": "middle managers" points at a group of 2 (middle insiders)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("FreeTextWarnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFreeTextWarningsCountsWhoTookPart: three senior staff were added but
// only one took part, so the cover shows one, and "senior staff" is
// warned about.
func TestFreeTextWarningsCountsWhoTookPart(t *testing.T) {
	q := &questionnaire.Questionnaire{KeyIssues: []questionnaire.KeyIssue{{ID: "k1", Statements: []questionnaire.Statement{{ID: "s1"}}}}}
	var ps []workbook.Participant
	var rs []workbook.Response
	for i, r := range []workbook.Role{workbook.RoleSenior, workbook.RoleSenior, workbook.RoleSenior,
		workbook.RoleFrontLine, workbook.RoleFrontLine, workbook.RoleFrontLine} {
		id := string(rune('a' + i))
		ps = append(ps, workbook.Participant{ID: id, Group: workbook.Insider, Role: r})
		if i >= 2 {
			rs = append(rs, workbook.Response{ParticipantID: id, StatementID: "s1", Score: 3})
		}
	}
	d := &workbook.AssessmentData{Questionnaire: q, Participants: ps, Responses: rs,
		StatementNotes: []workbook.StatementNote{{StatementID: "s1", Notes: "Senior staff disagreed."}}}
	got := FreeTextWarnings(d)
	if len(got) != 1 || got[0].String() != `notes on statement 1.1: "senior staff" points at a group of 1 (senior insiders)` {
		t.Errorf("FreeTextWarnings = %v", got)
	}
	if ws := NewTextWatch(ps).Check("Senior staff disagreed."); ws != nil {
		t.Errorf("three senior staff added: %v", ws)
	}
}

func TestExcerpt(t *testing.T) {
	long := "Invite community members onto the partnership board and agree a common language"
	if got := excerpt(long); got != "Invite community members onto the…" {
		t.Errorf("excerpt = %q", got)
	}
	if got := excerpt(" short\ntext "); got != "short text" {
		t.Errorf("excerpt = %q", got)
	}
}
