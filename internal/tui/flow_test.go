package tui

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The whole workbook driven through the real Bubble Tea runtime with
// teatest: keys go in through the program, saves run as commands on their
// own goroutines, and the test waits on what the screen shows.

// frames records the last frame the program drew, as plain text. The
// output stream alone cannot tell what is on screen: Bubble Tea v2 writes
// only the cells that changed, so text already shown (a second "Saved:
// participant added") never appears in it again. View runs on the
// program's goroutine, the waits on the test's, hence the lock.
type frames struct {
	m     *Model
	mu    sync.Mutex
	frame string
	n     int  // frames drawn
	idle  bool // whether nothing was being saved when the frame was drawn
}

func (f *frames) Init() tea.Cmd { return f.m.Init() }

func (f *frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := f.m.Update(msg)
	return f, cmd
}

func (f *frames) View() tea.View {
	v := f.m.View()
	idle := !f.m.env.saves.busy()
	f.mu.Lock()
	f.frame, f.n, f.idle = ansi.Strip(v.Content), f.n+1, idle
	f.mu.Unlock()
	return v
}

// screen is a reader of the frames drawn from now on, each after a form
// feed, starting with the one on screen.
func (f *frames) screen() io.Reader { return &screenReader{f: f, seen: -1} }

type screenReader struct {
	f    *frames
	seen int
	buf  bytes.Buffer
}

func (r *screenReader) Read(p []byte) (int, error) {
	if r.buf.Len() == 0 {
		r.f.mu.Lock()
		if r.f.n != r.seen {
			r.seen = r.f.n
			r.buf.WriteString("\f" + r.f.frame)
		}
		r.f.mu.Unlock()
	}
	if r.buf.Len() == 0 {
		return 0, io.EOF
	}
	return r.buf.Read(p)
}

// flow is one running program and its frames.
type flow struct {
	t  *testing.T
	tm *teatest.TestModel
	f  *frames
}

func startFlow(t *testing.T, svc *workbook.Service, q *questionnaire.Questionnaire, w, h int) *flow {
	t.Helper()
	m, err := New(Options{Service: svc, Questionnaires: []*questionnaire.Questionnaire{q}, Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	f := &frames{m: m}
	tm := teatest.NewTestModel(t, f, teatest.WithInitialTermSize(w, h))
	return &flow{t: t, tm: tm, f: f}
}

// see waits until the screen shows every one of texts.
func (fl *flow) see(texts ...string) {
	fl.t.Helper()
	teatest.WaitFor(fl.t, fl.f.screen(), func(b []byte) bool {
		frame := b[bytes.LastIndexByte(b, '\f')+1:]
		for _, s := range texts {
			if !bytes.Contains(frame, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(2*time.Millisecond))
}

// press sends keys by name ("a", "enter", "ctrl+s", "esc", ...).
func (fl *flow) press(keys ...string) {
	for _, k := range keys {
		fl.tm.Send(keyMsg(k))
	}
}

// typ types text, one key press per character.
func (fl *flow) typ(text string) { fl.tm.Type(text) }

// quit presses q and waits for the program to end.
func (fl *flow) quit() {
	fl.t.Helper()
	fl.press("q")
	fl.tm.WaitFinished(fl.t, teatest.WithFinalTimeout(10*time.Second))
}

// newEmptyStore opens a store with nothing in it, with a fixed clock and
// ids. The clock and ids are called from the commands' goroutines, hence
// the lock.
func newEmptyStore(t *testing.T) (*workbook.Service, *questionnaire.Questionnaire) {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "engage.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		st.Close()
	})
	var mu sync.Mutex
	clock := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	n := 0
	svc := workbook.NewService(st, workbook.Options{
		Now: func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			clock = clock.Add(time.Second)
			return clock
		},
		NewID: func() string {
			mu.Lock()
			defer mu.Unlock()
			n++
			return fmt.Sprintf("f%07d", n)
		},
	})
	return svc, q
}

// The scores the flow types in: statement i (0-based, workbook order for
// insiders, verification order for outsiders). Statement 1 gets 1 from
// everyone, so it is the first barrier; the rest spread over the scale,
// with some don't-knows.
func insiderKey(person, i int) string {
	switch {
	case i == 0:
		return "1"
	case person == 0:
		return fmt.Sprint(2 + i%4)
	case i%6 == 4:
		return "d"
	}
	return fmt.Sprint(5 - i%4)
}

func outsiderKey(person, i int) string {
	switch {
	case i == 0:
		return "1"
	case person == 1 && i%5 == 2:
		return "d"
	}
	return fmt.Sprint(2 + person)
}

// TestWholeWorkbookFlow walks a facilitator through the five steps from an
// empty store at 80x24, then checks what the store holds.
func TestWholeWorkbookFlow(t *testing.T) {
	svc, q := newEmptyStore(t)
	fl := startFlow(t, svc, q, 80, 24)

	// Home: create the site.
	fl.see("No sites yet.")
	fl.press("a")
	fl.see("New site", "› Name of the site")
	fl.typ("Northfield pilot")
	fl.press("tab")
	fl.typ("Northfield Borough Council")
	fl.press("tab")
	fl.typ("North")
	fl.press("tab")
	fl.typ("First pilot: the youth forum")
	fl.press("ctrl+s")
	fl.see("Saved: site created", "› Northfield pilot")
	fl.press("enter")
	fl.see("Northfield Borough Council · North", "no partnerships mapped yet")

	// 1 Map: three partnerships through the form.
	fl.press("1")
	fl.see("No partnerships mapped yet.")
	fl.press("a")
	fl.see("New partnership of Northfield pilot", "› Title")
	fl.typ("Youth forum")
	fl.press("tab", "right", "tab") // directorate: social care and health
	fl.typ("North")
	fl.press("tab", "right", "tab") // community: geographical
	fl.typ("council voluntary R")
	fl.press("tab")
	fl.typ("2004")
	fl.press("tab", "right", "ctrl+s") // ongoing: yes
	fl.see("Saved: partnership added", "1 mapped")
	fl.press("a")
	fl.see("New partnership of Northfield pilot", "› Title")
	fl.typ("Tenants panel")
	fl.press("tab", "right", "right", "right", "right", "right", "tab") // environment and housing
	fl.typ("Central")
	fl.press("tab", "right", "right", "ctrl+s") // community: of interest
	fl.see("2 mapped")
	fl.press("a")
	fl.see("New partnership of Northfield pilot", "› Title")
	fl.typ("Health walk group")
	fl.press("ctrl+s")
	fl.see("3 mapped", "unassigned                           1")
	fl.press("esc")
	fl.see("3 partnerships mapped", "0 of 3 checked")

	// 2 Select: the matrix (rows by title: Health walk group, Tenants
	// panel, Youth forum), a note, the filter, then the choice.
	fl.press("2")
	fl.see("Choose the partnership for", "› Health walk group")
	fl.press("n", "y")                          // Health walk group: C1 not met, C2 met
	fl.press("down", "space")                   // Tenants panel, C3: met
	fl.press("left", "left", "n")               // Tenants panel, C1: not met
	fl.press("down", "left")                    // Youth forum, C1
	fl.press("y", "y", "y", "y", "y", "y", "y") // every criterion met
	fl.press("c")
	fl.see("Note: ")
	fl.typ("NHS trust sits on the board")
	fl.press("enter")
	fl.see("all saved ✓", "1 meets every criterion", "Youth forum: met · note: NHS trust sits on the board")
	fl.press("f")
	fl.see("Showing 1 of 3", "› Youth forum")
	fl.press("S")
	fl.see("Select Youth forum", "Meets 7 of 7 criteria.")
	fl.typ("Meets every criterion; the board agreed on 3 March")
	fl.press("ctrl+s")
	fl.see("★ Selected: Youth forum")
	fl.press("esc")
	fl.see("selected: Youth forum", "no insiders yet")

	// 3 Workbook: two insiders, then every statement scored live.
	fl.press("3")
	fl.see("No insiders (the partnership's own people) yet.")
	fl.press("p")
	fl.see("Nobody yet.")
	fl.press("a")
	fl.see("Add insider", "› Name")
	fl.typ("Ann")
	fl.press("tab", "tab") // role: senior
	fl.typ("Youth service")
	fl.press("ctrl+s")
	fl.see("1 insider", "Ann")
	fl.press("a")
	fl.see("Add insider", "› Name")
	fl.press("tab", "right", "ctrl+s") // no name, middle
	fl.see("2 insiders", "#2 middle")
	fl.press("esc")
	fl.see("Statement 1.1 · 1 of 41", "› Ann")
	var keys strings.Builder
	for i := range 41 {
		keys.WriteString(insiderKey(0, i) + insiderKey(1, i))
	}
	fl.typ(keys.String())
	fl.see("Statement 4.11 · 41 of 41", "all saved ✓", "the last statement: every answer is in")
	fl.press("c")
	fl.see("Comment of #2 middle")
	fl.typ("Actions slip when the lead is away")
	fl.press("enter")
	fl.see("Saved: comment of #2 middle", "all saved ✓")
	fl.press("esc")
	fl.see("82 of 82 answers from insiders (100%)", "no outsiders yet")

	// 4 Verify: two outsiders; the first scores live, the second's
	// booklet is typed in, with a correction.
	fl.press("4")
	fl.see("No outsiders")
	fl.press("p")
	fl.see("Nobody yet.")
	fl.press("a")
	fl.see("Add outsider", "› Name")
	fl.press("ctrl+s") // no name, community member
	fl.see("1 outsider", "#1 community member")
	fl.press("a")
	fl.see("Add outsider", "› Name")
	fl.typ("Bea")
	fl.press("tab", "right", "ctrl+s") // partner organisation
	fl.see("2 outsiders", "Bea")
	fl.press("esc")
	fl.see("Statement 1.1 · 1 of 22 verification statements", "› #1 community member")
	for i := range 22 {
		fl.press(outsiderKey(0, i), "]")
	}
	fl.see("Statement 4.11 · 22 of 22 verification statements", "all saved ✓")
	fl.press("b")
	fl.see("Booklet number:", "› #1 community member          community member      22/22")
	fl.press("down", "enter")
	fl.see("Booklet of Bea", "Statement 1.1 · 1 of 22 verification statements")
	var booklet strings.Builder
	for i := range 22 {
		if i == 7 {
			booklet.WriteString("5") // a slip, corrected with backspace
			fl.typ(booklet.String())
			fl.see("Statement 2.6 · 9 of 22 verification statements")
			fl.press("backspace")
			fl.see("Statement 2.4 · 8 of 22 verification statements")
			booklet.Reset()
		}
		booklet.WriteString(outsiderKey(1, i))
	}
	fl.typ(booklet.String())
	fl.see("Booklet complete: 22 of 22 answered.", "all saved ✓")
	fl.press("esc")
	fl.see("Booklet of Bea: 22 of 22 answered")
	fl.press("esc")
	fl.see("Statement 4.11 · 22 of 22 verification statements")
	fl.press("esc")
	fl.see("44 of 44 answers from outsiders (100%)")

	// 5 Barriers: confirm the first barrier, add its suggested
	// intervention.
	fl.press("5")
	fl.see("5 Identify barriers", "[Barriers", "Findings 0", "›  1.")
	fl.press("y")
	fl.see("Saved: statement 1.1 confirmed as a barrier", "✓ confirmed", "Findings 1")
	fl.press("i")
	fl.see("Add an intervention", "For statement 1.1:")
	fl.press("tab")
	fl.typ("Head of youth services")
	fl.press("tab")
	fl.typ("2026-06-30")
	fl.press("ctrl+s")
	fl.see("Saved: intervention added", "Action plan 1")
	fl.quit()

	checkFlowStore(t, svc, q)
}

// checkFlowStore checks what the flow left in the store.
func checkFlowStore(t *testing.T, svc *workbook.Service, q *questionnaire.Questionnaire) {
	t.Helper()
	var (
		sites []workbook.Site
		d     *workbook.AssessmentData
		place workbook.UIState
	)
	if err := svc.Read(func(r *workbook.Reader) (err error) {
		if sites, err = r.Sites(); err != nil || len(sites) != 1 {
			return fmt.Errorf("sites %v: %w", sites, err)
		}
		if d, err = r.LoadAssessment(sites[0].ID, ""); err != nil {
			return err
		}
		place, err = r.UIState()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	site := sites[0]
	if site.Name != "Northfield pilot" || site.Organisation != "Northfield Borough Council" || site.Area != "North" ||
		site.Context != "First pilot: the youth forum" {
		t.Errorf("site: %+v", site)
	}
	if place.SiteID != site.ID || place.Screen != workbook.StepBarriers.Key() {
		t.Errorf("remembered place %+v, want the barriers of %s", place, site.ID)
	}

	// Partnerships and their criteria marks.
	byTitle := map[string]workbook.Partnership{}
	for _, p := range d.Partnerships {
		byTitle[p.Title] = p
	}
	if len(d.Partnerships) != 3 || len(byTitle) != 3 {
		t.Fatalf("partnerships: %+v", d.Partnerships)
	}
	yf := byTitle["Youth forum"]
	if yf.Directorate != "social-care-health" || yf.Area != "North" || yf.Community != workbook.CommunityGeographical ||
		fmt.Sprint(yf.Partners) != "[council voluntary residents]" || yf.StartYear != 2004 || !yf.Ongoing {
		t.Errorf("Youth forum: %+v", yf)
	}
	tp := byTitle["Tenants panel"]
	if tp.Directorate != "environment-housing" || tp.Area != "Central" || tp.Community != workbook.CommunityOfInterest || tp.Ongoing {
		t.Errorf("Tenants panel: %+v", tp)
	}
	if hw := byTitle["Health walk group"]; hw.Directorate != "" || hw.Area != "" || hw.StartYear != 0 {
		t.Errorf("Health walk group: %+v", hw)
	}
	wantMarks := map[string]map[string]workbook.CriterionMark{
		"Health walk group": {"not-one-off": {Mark: workbook.NotMet}, "ongoing": {Mark: workbook.Met}},
		"Tenants panel":     {"not-one-off": {Mark: workbook.NotMet}, "community-involvement": {Mark: workbook.Met}},
		"Youth forum":       {},
	}
	for _, c := range q.Criteria {
		wantMarks["Youth forum"][c.ID] = workbook.CriterionMark{Mark: workbook.Met}
	}
	last := q.Criteria[len(q.Criteria)-1].ID
	wantMarks["Youth forum"][last] = workbook.CriterionMark{Mark: workbook.Met, Note: "NHS trust sits on the board"}
	for title, want := range wantMarks {
		got := byTitle[title].Criteria
		if len(got) != len(want) {
			t.Errorf("%s: criteria %v, want %v", title, got, want)
			continue
		}
		for id, m := range want {
			if got[id] != m {
				t.Errorf("%s, %s: %+v, want %+v", title, id, got[id], m)
			}
		}
	}
	if !analysis.MeetsAll(q.Criteria, yf) || analysis.MeetsAll(q.Criteria, tp) {
		t.Error("only the Youth forum should meet every criterion")
	}

	// The selection.
	if d.Assessment.PartnershipID != yf.ID || d.Assessment.SelectionReason != "Meets every criterion; the board agreed on 3 March" {
		t.Errorf("selection: %q %q, want %q", d.Assessment.PartnershipID, d.Assessment.SelectionReason, yf.ID)
	}

	// The people, in the order they were added within each group.
	var insiders, outsiders []workbook.Participant
	for _, p := range d.Participants {
		switch p.Group {
		case workbook.Insider:
			insiders = append(insiders, p)
		case workbook.Outsider:
			outsiders = append(outsiders, p)
		}
	}
	if len(d.Participants) != 4 || len(insiders) != 2 || len(outsiders) != 2 {
		t.Fatalf("participants: %+v", d.Participants)
	}
	if p := insiders[0]; p.Name != "Ann" || p.Role != workbook.RoleSenior || p.Organisation != "Youth service" {
		t.Errorf("first insider: %+v", p)
	}
	if p := insiders[1]; p.Name != "" || p.Role != workbook.RoleMiddle {
		t.Errorf("second insider: %+v", p)
	}
	if p := outsiders[0]; p.Name != "" || p.Role != workbook.RoleCommunity {
		t.Errorf("first outsider: %+v", p)
	}
	if p := outsiders[1]; p.Name != "Bea" || p.Role != workbook.RolePartner {
		t.Errorf("second outsider: %+v", p)
	}

	// Every answer, with its score.
	type answer struct {
		score int
		dk    bool
	}
	want := map[string]answer{}
	expect := func(p workbook.Participant, st questionnaire.Statement, k string) {
		if k == "d" {
			want[respKey(p.ID, st.ID)] = answer{dk: true}
			return
		}
		want[respKey(p.ID, st.ID)] = answer{score: int(k[0] - '0')}
	}
	for i, st := range q.Statements() {
		for j, p := range insiders {
			expect(p, st, insiderKey(j, i))
		}
	}
	for i, st := range q.VerificationStatements() {
		for j, p := range outsiders {
			expect(p, st, outsiderKey(j, i))
		}
	}
	if len(d.Responses) != len(want) || len(want) != 2*41+2*22 {
		t.Errorf("%d responses stored, want %d", len(d.Responses), len(want))
	}
	for _, r := range d.Responses {
		k := respKey(r.ParticipantID, r.StatementID)
		w, ok := want[k]
		if !ok {
			t.Errorf("unexpected response %+v", r)
			continue
		}
		if r.Score != w.score || r.DontKnow != w.dk {
			t.Errorf("response %s: score %d dk %v, want %d %v", k, r.Score, r.DontKnow, w.score, w.dk)
		}
	}
	lastSt := q.Statements()[40]
	for _, r := range d.Responses {
		wantComment := ""
		if r.ParticipantID == insiders[1].ID && r.StatementID == lastSt.ID {
			wantComment = "Actions slip when the lead is away"
		}
		if r.Comment != wantComment {
			t.Errorf("response %s/%s: comment %q, want %q", r.ParticipantID, r.StatementID, r.Comment, wantComment)
		}
	}

	// Step 5: the confirmed barrier is the first the analysis ranks, and
	// the intervention is its suggested one.
	res := analysis.Analyse(q, d.Participants, d.Responses)
	first := q.Statements()[0]
	if len(res.Barriers) == 0 || res.Barriers[0].Statement.ID != first.ID {
		t.Fatalf("the analysis does not rank statement 1 first: %v", res.Barriers)
	}
	if len(d.Findings) != 1 {
		t.Fatalf("findings: %+v", d.Findings)
	}
	if f := d.Findings[0]; f.Kind != workbook.FindingBarrier || f.StatementID != first.ID || f.KeyIssueID != q.KeyIssues[0].ID {
		t.Errorf("finding: %+v", f)
	}
	if len(d.Interventions) != 1 {
		t.Fatalf("interventions: %+v", d.Interventions)
	}
	iv := d.Interventions[0]
	if iv.Action != first.Interventions[0].In(site.Language) || iv.Owner != "Head of youth services" || iv.Due != "2026-06-30" ||
		iv.KeyIssueID != q.KeyIssues[0].ID || iv.Status != workbook.StatusPlanned {
		t.Errorf("intervention: %+v", iv)
	}
}

// TestLeavingWhileSavingLosesNothing types answers faster than they are
// saved and leaves at once: back out with esc, open the booklet, quit with
// q. Every answer typed must reach the store.
func TestLeavingWhileSavingLosesNothing(t *testing.T) {
	svc, q := newEmptyStore(t)
	var insiders []workbook.Participant
	if err := svc.Change(func(c *workbook.Change) error {
		site, a, err := c.CreateSite(workbook.SiteInput{Name: "Eastbrook pilot", Organisation: "Eastbrook City Council"}, q)
		if err != nil {
			return err
		}
		for range 2 {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: workbook.Insider, Role: workbook.RoleMiddle})
			if err != nil {
				return err
			}
			insiders = append(insiders, p)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	fl := startFlow(t, svc, q, 80, 24)
	fl.see("› Eastbrook pilot")
	fl.press("enter")
	fl.see("0 of 82 answers from insiders")
	fl.press("3")
	fl.see("Statement 1.1 · 1 of 41", "› #1 middle")
	fl.typ(strings.Repeat("4", 20)) // statements 1-10
	fl.press("esc")
	fl.see("20 of 82 answers from insiders")
	fl.press("3")
	fl.see("Statement 1.1 · 1 of 41", "› #1 middle")
	fl.press("u")
	fl.see("Statement 2.1 · 11 of 41")
	fl.typ(strings.Repeat("3", 20)) // statements 11-20
	fl.press("b")
	fl.see("Booklet number:", "20/41")
	fl.press("esc")
	fl.see("Statement 3.1 · 21 of 41", "all saved ✓")
	fl.typ(strings.Repeat("2", 20)) // statements 21-30
	fl.quit()

	var rs []workbook.Response
	if err := svc.Read(func(r *workbook.Reader) (err error) {
		rs, err = r.Responses(insiders[0].SiteID, insiders[0].AssessmentID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, st := range q.Statements() {
		index[st.ID] = i
	}
	if len(rs) != 60 {
		t.Errorf("%d answers stored, want 60", len(rs))
	}
	for _, r := range rs {
		if want := 4 - index[r.StatementID]/10; r.Score != want {
			t.Errorf("statement %d: score %d, want %d", index[r.StatementID]+1, r.Score, want)
		}
	}
}
