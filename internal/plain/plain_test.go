package plain

import (
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// A script case: a store set up, the lines typed, what the transcript
// says (in order) and what the store holds afterwards.
type scriptCase struct {
	name  string
	site  string // the site's language; "" is English
	user  string // the user's language; "" is English
	setup func(ts *testStore)
	lines []string
	want  []string
	not   []string // what the transcript must not say
	check func(t *testing.T, ts *testStore, d *workbook.AssessmentData)
}

// threeInsiders adds Alice, Bob and Carol as insiders.
func threeInsiders(ts *testStore) {
	ts.people(workbook.Insider, workbook.RoleMiddle, "Alice", "Bob", "Carol")
}

// wantAnswer fails t unless name's stored answer to number is score (0
// with dk for don't know) with comment.
func wantAnswer(t *testing.T, ts *testStore, d *workbook.AssessmentData, name, number string, score int, dk bool, comment string) {
	t.Helper()
	r, ok := ts.response(d, name, number)
	if !ok || r.Score != score || r.DontKnow != dk || r.Comment != comment {
		t.Errorf("%s, %s: the store holds %+v (found %v), want score %d, don't know %v, comment %q", name, number, r, ok, score, dk, comment)
	}
}

func TestScripts(t *testing.T) {
	cases := []scriptCase{
		{
			name:  "scoring a statement",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "4"},
			want: []string{"Workbook: 3 insiders.", "1. Alice, middle manager, 0 of 41 statements answered.",
				"Statement 1.1, 1 of 41, under Communities' ability to engage:",
				"Meetings are held at times and places that suit community members.",
				"Workbook, statement 1.1, 1 of 41, Alice, insider: score 1 to 5, d for don't know.",
				"> 4", "Saved: Alice, statement 1.1: 4, Agree.",
				"Statement 1.2, 2 of 41,", "Workbook, statement 1.2, 2 of 41, Alice, insider"},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Alice", "1.1", 4, false, "")
			},
		},
		{
			name:  "don't know",
			setup: threeInsiders,
			lines: []string{"1", "3", "2", "d"},
			want:  []string{"Saved: Bob, statement 1.1: Don't know / not applicable."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Bob", "1.1", 0, true, "")
			},
		},
		{
			name:  "correcting the answer just given",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "4", "p", "2", "x"},
			want: []string{"Saved: Alice, statement 1.1: 4, Agree.", "> p", "Statement 1.1, 1 of 41", "Answer now: 4, Agree.",
				"Saved: Alice, statement 1.1: 2, Disagree.", "> x", "Saved: the answer of Alice to statement 1.2 cleared."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Alice", "1.1", 2, false, "")
				if _, ok := ts.response(d, "Alice", "1.2"); ok {
					t.Error("the cleared answer to 1.2 is still in the store")
				}
			},
		},
		{
			name:  "a score off the scale is refused in the domain's words",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "7", "", "5"},
			want: []string{"> 7", "Not saved: score: 7 is not on the scale of 1 to 5.",
				"Workbook, statement 1.1, 1 of 41, Alice, insider", "> ", "Workbook, statement 1.1, 1 of 41, Alice, insider",
				"Saved: Alice, statement 1.1: 5, Strongly agree."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Alice", "1.1", 5, false, "")
			},
		},
		{
			name:  "back, and a person comes back at their first statement not answered",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "3", "3", "b", "r", "1", "b", "b", "b", "b"},
			want: []string{"Saved: Alice, statement 1.2: 3,", "> b", "Back to Workbook, 3 insiders.",
				"1. Alice, middle manager, 2 of 41 statements answered.", "> 1", "Statement 1.3, 3 of 41",
				"Back to Workbook, 3 insiders.", "Back to site Eastbrook pilot.", "Back to the list of sites.", "> b",
				"This is the list of sites, where engage starts; q quits."},
		},
		{
			name:  "a comment, inline and asked for, with a warning about a name",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "c Meetings clash with the school run", "c", "Bob agrees with me", "s", "c", "b", "q"},
			want: []string{"Saved: the comment of Alice on statement 1.1.",
				"Comment of Alice on statement 1.1: type it on one line", "> Bob agrees with me",
				"Saved: the comment of Alice on statement 1.1.", "Check before sharing: it names “Bob”, a participant.",
				"Back to statement 1.1.", "> s", "Statement 1.2", "> c", "Comment of Alice on statement 1.2", "> b",
				"Cancelled: nothing was saved.", "Back to statement 1.2."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Alice", "1.1", 0, false, "Bob agrees with me")
			},
		},
		{
			name:  "a note of the group, and jumping",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "j 4.6", "n Budgets are set yearly", "n", "Nobody owns the plan", "j 99", "j 9.1", "j 2"},
			want: []string{"Statement 4.6, 36 of 41", "Saved: the group's notes on statement 4.6, now 1 line.",
				"The notes now: Budgets are set yearly", "Saved: the group's notes on statement 4.6, now 2 lines.",
				"There is no statement at place “99”: the places are 1 to 41.",
				"There is no statement “9.1”: the numbers are 1.1-1.10, 2.1-2.10, 3.1-3.10, 4.1-4.11, or the places 1 to 41.",
				"Statement 1.2, 2 of 41"},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				want := "Budgets are set yearly\nNobody owns the plan"
				if len(d.StatementNotes) != 1 || d.StatementNotes[0].Notes != want || d.StatementNotes[0].StatementID != ts.statementID("4.6") {
					t.Errorf("notes %+v, want %q on 4.6", d.StatementNotes, want)
				}
			},
		},
		{
			name:  "adding a participant, with a refused role asked again",
			setup: threeInsiders,
			lines: []string{"1", "3", "a", "Dan", "9", "2", "Eastbrook Council", "4"},
			want: []string{"New insider: 3 questions", "New insider, name, optional: type it, or - for none.",
				"1. senior staff.", "2. middle manager.", "New insider, role level: type a number from 1 to 5.",
				"There is no number “9” here: type a number from 1 to 5.",
				"Saved: insider 4 added: Dan, middle manager; type 4 to score for them.", "Back to Workbook, 4 insiders.",
				"Statement 1.1", "Workbook, statement 1.1, 1 of 41, Dan, insider"},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				i := slices.IndexFunc(d.Participants, func(p workbook.Participant) bool { return p.Name == "Dan" })
				if i < 0 || d.Participants[i].Role != workbook.RoleMiddle || d.Participants[i].Group != workbook.Insider || d.Participants[i].Organisation != "Eastbrook Council" {
					t.Fatalf("participants %+v", d.Participants)
				}
			},
		},
		{
			name: "the Map: counts by directorate, a directorate's partnerships, adding one",
			setup: func(ts *testStore) {
				ts.partnership("Carers' forum", "social-care-health")
				ts.partnership("Tenants' panel", "environment-housing")
				ts.partnership("Unassigned group", "")
			},
			lines: []string{"1", "1", "1", "a", "Youth forum", "1", "East", "2", "1 5 7", "2004", "1", "-"},
			want: []string{"Map of Eastbrook pilot: 3 partnerships mapped.", "By directorate:",
				"1. Social care and health: 1 partnership.", "no directorate given: 1 partnership.", "Total: 3 partnerships.",
				"> 1", "Social care and health, 1 partnership:", "1. Carers' forum: started in 2004; ongoing.",
				"New partnership at Eastbrook pilot: 8 questions", "New partnership at Eastbrook pilot, title: type it.",
				"Saved: partnership Youth forum added, under Social care and health.", "Back to the Map, 4 partnerships."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				i := slices.IndexFunc(d.Partnerships, func(p workbook.Partnership) bool { return p.Title == "Youth forum" })
				if i < 0 {
					t.Fatalf("partnerships %+v", d.Partnerships)
				}
				p := d.Partnerships[i]
				want := []workbook.Sector{workbook.SectorCouncil, workbook.SectorVoluntary, workbook.SectorResidents}
				if p.Directorate != "social-care-health" || p.Area != "East" || p.Community != workbook.CommunityOfInterest ||
					!slices.Equal(p.Partners, want) || p.StartYear != 2004 || !p.Ongoing || p.Notes != "" {
					t.Errorf("saved %+v", p)
				}
			},
		},
		{
			name:  "the Map: a start year the domain refuses is asked again",
			lines: []string{"1", "1", "a", "Old group", "7", "-", "3", "-", "1850", "2", "-", "1998"},
			want: []string{"Not saved:", "year it started: must be a year such as 2004 (1900 to 2100), or empty; not 1850.", "That question is asked again; the other answers are kept.",
				"New partnership at Eastbrook pilot, year it started", "> 1998", "Saved: partnership Old group added, under no directorate given."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				if len(d.Partnerships) != 1 || d.Partnerships[0].StartYear != 1998 || d.Partnerships[0].Ongoing {
					t.Errorf("partnerships %+v", d.Partnerships)
				}
			},
		},
		{
			name: "Select: marking criteria in turn and choosing the partnership",
			setup: func(ts *testStore) {
				ts.partnership("Carers' forum", "social-care-health")
				ts.partnership("Tenants' panel", "environment-housing")
			},
			lines: []string{"1", "2", "c", "1", "m", "y", "o", "n", "u", "s", "x", "y", "s", "Runs monthly, residents chair it"},
			want: []string{"Select: 7 criteria, applied to 2 partnerships.", "No partnership is chosen for this assessment yet.",
				"0 partnerships meet every criterion.", "1. Not a one-off consultation exercise. It meets more than once",
				"Partnership 1 of 2, Carers' forum: started in 2004; ongoing.", "This partnership meets 0 of 7 criteria; not marked yet: 1, 2, 3, 4, 5, 6 and 7.",
				"2. Ongoing after the cut-off year: not marked (suggested: met,",
				"Criterion 1 of 7: Not a one-off consultation exercise.", "Saved: Carers' forum, criterion 1: met.",
				"Suggested: met; o takes it.", "Saved: Carers' forum, criterion 2: met.", "Saved: Carers' forum, criterion 3: not met.",
				"Saved: Carers' forum, criterion 4: not known.", "> s", "Criterion 6 of 7", "Saved: Carers' forum, criterion 6: not marked.",
				"Saved: Carers' forum, criterion 7: met.", "That was the last criterion.", "Back to Carers' forum.",
				"Choosing Carers' forum: 1 question", "Saved: Carers' forum is the partnership of this assessment.",
				"Back to Carers' forum."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				if d.Partnership == nil || d.Partnership.Title != "Carers' forum" || d.Assessment.SelectionReason != "Runs monthly, residents chair it" {
					t.Fatalf("selected %+v, reason %q", d.Partnership, d.Assessment.SelectionReason)
				}
				got := map[string]workbook.Mark{}
				for id, m := range d.Partnership.Criteria {
					got[id] = m.Mark
				}
				want := map[string]workbook.Mark{"not-one-off": workbook.Met, "ongoing": workbook.Met, "community-involvement": workbook.NotMet,
					"community-decisions": workbook.Unknown, "health-dimension": workbook.Met}
				for id, m := range want {
					if got[id] != m {
						t.Errorf("criterion %s: %q, want %q (all: %v)", id, got[id], m, got)
					}
				}
				if len(got) != len(want) {
					t.Errorf("marks %v, want %v", got, want)
				}
			},
		},
		{
			name:  "Select with nothing mapped says where partnerships are added",
			lines: []string{"1", "2", "c", "3"},
			want: []string{"Select: 7 criteria, applied to 0 partnerships.", "Select: no partnership is mapped yet; b goes back, and the Map, step 1, adds them.",
				"7. Includes a health dimension. A health body takes part", "> 3", "“3” is not a command here, and there is nothing numbered to choose."},
		},
		{
			name: "Verify as an outsider, on the verification statements",
			setup: func(ts *testStore) {
				threeInsiders(ts)
				ts.people(workbook.Outsider, workbook.RoleCommunity, "Olu")
			},
			lines: []string{"1", "4", "1", "2", "n Residents never saw the minutes", "j 1.5"},
			want: []string{"Verify: 1 outsider.", "1. Olu, community member, 0 of 22 statements answered.",
				"Statement 1.1, 1 of 22 verification statements, under Communities' ability to engage:",
				"Verify, statement 1.1, 1 of 22, Olu, outsider: score 1 to 5, d for don't know.",
				"Saved: Olu, statement 1.1: 2, Disagree.",
				"Saved: the verification note on Communities' ability to engage, now 1 line.",
				"Statement 1.5 is not one outsiders score; the verification statements start at 1.1."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Olu", "1.1", 2, false, "")
				if len(d.IssueNotes) != 1 || d.IssueNotes[0].Notes != "Residents never saw the minutes" {
					t.Errorf("issue notes %+v", d.IssueNotes)
				}
			},
		},
		{
			name: "Barriers: the figures, confirming a barrier, a finding and an action",
			setup: func(ts *testStore) {
				ins := ts.people(workbook.Insider, workbook.RoleMiddle, "Alice", "Bob", "Carol")
				ts.score(ins, 1, ts.statementID("1.1"))
				ts.score(ins, 5, ts.statementID("1.2"))
				ts.score(ins[:2], 1, ts.statementID("1.3")) // two people: no figure
			},
			lines: []string{"1", "5", "y 1", "y 1", "f 1", "3", "Meetings are in office hours", "i 1", "Move the meetings to the evening",
				"Ward councillor", "30/06/2026", "1", "2026-06-30", "l"},
			want: []string{"Barriers: what the scores show. 3 insiders and 0 outsiders answered.",
				"Key issue 1, Communities' ability to engage: the insiders' mean 3.00, an area to improve, from 3 people over 2 statements.",
				"Key issue 2, Skills and abilities within the organisation: no scores yet.",
				"Key issues that are good areas: none.", "Key issues that are areas to improve: key issue 1.", "Key issues that are barriers: none.",
				"1 statement is in the barrier band:",
				"1. Statement 1.1, the insiders' mean 1.00 from 3 people: Meetings are held at times and places that suit community members.",
				"Written up: 0 findings and 0 actions.",
				"Saved: statement 1.1 confirmed as a barrier.", "Statement 1.1 is already confirmed as a barrier.",
				"New finding: 2 questions", "The finding is about this: Statement 1.1, the insiders' mean 1.00 from 3 people, confirmed by the group",
				"Saved: Barrier written.", "Back to Barriers.",
				"New action: 4 questions", "Suggested intervention 1:", "Not saved:", "due date, as 2026-06-30: must be a date as YYYY-MM-DD",
				"Saved: action Move the meetings to the evening added to the plan.",
				"2 findings:", "1. Barrier, statement 1.1: Meetings are held at times and places that suit community members.",
				"2. Barrier, statement 1.1: Meetings are in office hours.", "1 action in the plan:",
				"1. Move the meetings to the evening; owner Ward councillor; due 30 June 2026; key issue 1, Communities' ability to engage; Planned."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				if len(d.Findings) != 2 || d.Findings[1].Text != "Meetings are in office hours" || d.Findings[1].StatementID != ts.statementID("1.1") {
					t.Errorf("findings %+v", d.Findings)
				}
				if len(d.Interventions) != 1 || d.Interventions[0].Due != "2026-06-30" || d.Interventions[0].Owner != "Ward councillor" {
					t.Errorf("interventions %+v", d.Interventions)
				}
			},
		},
		{
			name: "Barriers: an overdue action is said to be, a dropped one is not",
			setup: func(ts *testStore) {
				ts.change(func(c *workbook.Change) error {
					for _, iv := range []workbook.Intervention{
						{Action: "Send the letter", Due: "2026-03-01", Status: workbook.StatusInProgress},
						{Action: "Print it in Bengali", Due: "2026-02-01"},
					} {
						iv.SiteID, iv.AssessmentID = ts.site.ID, ts.a.ID
						saved, err := c.SaveIntervention(iv)
						if err != nil {
							return err
						}
						if saved.Status == workbook.StatusPlanned {
							_, err = c.AddReview(saved.SiteID, saved.AssessmentID, saved.ID, workbook.Review{Date: "2026-02-20", Status: workbook.StatusDropped, Note: "Translated by residents."})
						}
						if err != nil {
							return err
						}
					}
					return nil
				})
			},
			lines: []string{"1", "5", "l"},
			want: []string{"2 actions in the plan:", "1. OVERDUE; Send the letter; due 1 March 2026; no key issue; In progress.",
				"2. Print it in Bengali; due 1 February 2026; no key issue; Dropped."},
		},
		{
			name:  "quitting mid-way keeps every answer confirmed and nothing half typed",
			setup: threeInsiders,
			lines: []string{"1", "3", "3", "5", "4", "d", "a", "Eve", "q", "never read"},
			want: []string{"Saved: Carol, statement 1.1: 5,", "Saved: Carol, statement 1.2: 4,", "Saved: Carol, statement 1.3: Don't know",
				"> q", "Goodbye. Everything confirmed as saved is in the store."},
			check: func(t *testing.T, ts *testStore, d *workbook.AssessmentData) {
				wantAnswer(t, ts, d, "Carol", "1.3", 0, true, "")
				if len(d.Participants) != 3 {
					t.Errorf("the half-typed participant was saved: %+v", d.Participants)
				}
			},
		},
		{
			name:  "the end of the input ends the session as q does",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "2"},
			want:  []string{"Saved: Alice, statement 1.1: 2,", "End of the input. Everything confirmed as saved is in the store. Goodbye."},
		},
		{
			name:  "? lists the commands of the place, and a blank line repeats the prompt",
			setup: threeInsiders,
			lines: []string{"1", "3", "1", "?", "", "zz"},
			want: []string{"Commands here:", "1 to 5: the score, saved at once; then the next statement.",
				"d: Don't know / not applicable.", "j and a statement's number or place, as j 4.6 or j 36: go to that statement.",
				"b: go back.", "q: quit; everything confirmed is already saved.", "A blank line: hear the prompt again.",
				"Workbook, statement 1.1, 1 of 41, Alice, insider", "> ", "Workbook, statement 1.1, 1 of 41, Alice, insider",
				"“zz” is not a command here; ? lists the commands."},
		},
		{
			name:  "adding a site opens it",
			setup: func(ts *testStore) {},
			lines: []string{"a", "Northgate", "Northgate Council", "-", "-", "1"},
			want: []string{"New site: 5 questions", "1. English.", "2. Italiano.", "Saved: site Northgate created, with its first assessment.",
				"Site Northgate, Northgate Council.", "1. Map: 0 partnerships mapped."},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCase(t, c) })
	}
}

// runCase runs one script and checks its transcript and the store: the
// case's own checks, and that every answer confirmed as saved is there.
func runCase(t *testing.T, c scriptCase) {
	site, user := c.site, c.user
	if site == "" {
		site = "en"
	}
	if user == "" {
		user = "en"
	}
	ts := newTestStore(t, site)
	if c.setup != nil {
		c.setup(ts)
	}
	out := ts.run(user, c.lines...)
	inOrder(t, out, c.want...)
	for _, n := range c.not {
		if strings.Contains(out, n) {
			t.Errorf("the transcript says %q:\n%s", n, out)
		}
	}
	checkConfirmed(t, ts, out)
	if c.check != nil {
		c.check(t, ts, ts.load())
	}
	for _, bad := range []string{"\x1b", "<no value>", "%!"} {
		if strings.Contains(out, bad) {
			t.Errorf("the transcript holds %q:\n%s", bad, out)
		}
	}
}
