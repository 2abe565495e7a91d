package plain

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// testStore is a store in a temporary folder with one site using the
// default workbook, its first assessment, and whatever a case adds.
type testStore struct {
	t    testing.TB
	svc  *workbook.Service
	q    *questionnaire.Questionnaire
	site workbook.Site
	a    workbook.Assessment
}

// newTestStore makes the store with a site speaking lang ("en", "it").
// The clock and ids are fixed, so transcripts are the same every run.
func newTestStore(t testing.TB, lang string) *testStore {
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
	clock := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	n := 0
	svc := workbook.NewService(st, workbook.Options{
		Now:   func() time.Time { clock = clock.Add(time.Second); return clock },
		NewID: func() string { n++; return fmt.Sprintf("t%06d", n) },
	})
	ts := &testStore{t: t, svc: svc, q: q}
	ts.change(func(c *workbook.Change) (err error) {
		ts.site, ts.a, err = c.CreateSite(workbook.SiteInput{Name: "Eastbrook pilot", Organisation: "Eastbrook City Council", Language: lang}, q)
		return err
	})
	return ts
}

func (ts *testStore) change(fn func(c *workbook.Change) error) {
	ts.t.Helper()
	if err := ts.svc.Change(fn); err != nil {
		ts.t.Fatal(err)
	}
}

// people adds participants of group g, named (or not, for "").
func (ts *testStore) people(g workbook.Group, role workbook.Role, names ...string) []workbook.Participant {
	ts.t.Helper()
	var out []workbook.Participant
	ts.change(func(c *workbook.Change) error {
		for _, name := range names {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: ts.site.ID, AssessmentID: ts.a.ID, Group: g, Role: role, Name: name})
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out
}

// score records one score for each person on each of the statements.
func (ts *testStore) score(ps []workbook.Participant, score int, statements ...string) {
	ts.t.Helper()
	ts.change(func(c *workbook.Change) error {
		for _, p := range ps {
			for _, st := range statements {
				if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: ts.site.ID, AssessmentID: ts.a.ID,
					ParticipantID: p.ID, StatementID: st, Score: score}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// partnership maps one partnership.
func (ts *testStore) partnership(title, directorate string) workbook.Partnership {
	ts.t.Helper()
	var p workbook.Partnership
	ts.change(func(c *workbook.Change) (err error) {
		p, err = c.SavePartnership(workbook.Partnership{SiteID: ts.site.ID, Title: title, Directorate: directorate, StartYear: 2004, Ongoing: true})
		return err
	})
	return p
}

// load reads the assessment back.
func (ts *testStore) load() *workbook.AssessmentData {
	ts.t.Helper()
	var d *workbook.AssessmentData
	if err := ts.svc.Read(func(r *workbook.Reader) (err error) {
		d, err = r.LoadAssessment(ts.site.ID, ts.a.ID)
		return err
	}); err != nil {
		ts.t.Fatal(err)
	}
	return d
}

// statementID is the id of the statement numbered number ("1.1").
func (ts *testStore) statementID(number string) string {
	ts.t.Helper()
	id, err := ts.q.Numbering().Lookup(number)
	if err != nil {
		ts.t.Fatal(err)
	}
	return id
}

// response is the stored answer of the participant named name to the
// statement numbered number.
func (ts *testStore) response(d *workbook.AssessmentData, name, number string) (workbook.Response, bool) {
	ts.t.Helper()
	pid := ""
	for _, p := range d.Participants {
		if p.Name == name {
			pid = p.ID
		}
	}
	if pid == "" {
		ts.t.Fatalf("no participant %q", name)
	}
	for _, r := range d.Responses {
		if r.ParticipantID == pid && r.StatementID == ts.statementID(number) {
			return r, true
		}
	}
	return workbook.Response{}, false
}

// run holds a conversation of lines in the user's language lang and
// returns its transcript, with each line read echoed after "> ".
func (ts *testStore) run(lang string, lines ...string) string {
	ts.t.Helper()
	cat := i18n.Embedded()
	var out strings.Builder
	in := strings.NewReader(strings.Join(lines, "\n") + "\n")
	if err := Run(Options{Service: ts.svc, Questionnaires: []*questionnaire.Questionnaire{ts.q}, Catalog: cat, Lang: cat.For(lang),
		In: in, Out: &out, Echo: true}); err != nil {
		ts.t.Fatal(err)
	}
	return out.String()
}

// inOrder fails t unless each of wants is in transcript, in that order.
func inOrder(t testing.TB, transcript string, wants ...string) {
	t.Helper()
	rest := transcript
	for _, w := range wants {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("the transcript lacks %q after what came before; it is:\n%s", w, transcript)
		}
		rest = rest[i+len(w):]
	}
}

// confirmedScore is a confirmation of a score or a don't-know, in
// English or Italian: "Saved: Alice, statement 1.1: 4, Agree.".
var confirmedScore = regexp.MustCompile(`^(?:Saved|Salvato): (.+), (?:statement|affermazione) (\d+\.\d+): (?:(\d+), .*|(Don't know.*|Non so.*))\.$`)

// confirmedCleared is the confirmation of a cleared answer.
var confirmedCleared = regexp.MustCompile(`^(?:Saved|Salvato): (?:the answer of|la risposta di) (.+) (?:to statement|all'affermazione) (\d+\.\d+) (?:cleared|è cancellata)\.$`)

// checkConfirmed fails t unless every answer the transcript confirmed as
// saved (the last confirmation of each person and statement) is the
// answer the store holds.
func checkConfirmed(t testing.TB, ts *testStore, transcript string) int {
	t.Helper()
	type key struct{ name, number string }
	last := map[key]workbook.Response{}
	for _, line := range strings.Split(transcript, "\n") {
		if m := confirmedCleared.FindStringSubmatch(line); m != nil {
			last[key{m[1], m[2]}] = workbook.Response{}
			continue
		}
		m := confirmedScore.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		r := workbook.Response{DontKnow: m[4] != ""}
		if m[3] != "" {
			r.Score, _ = strconv.Atoi(m[3])
		}
		last[key{m[1], m[2]}] = r
	}
	d := ts.load()
	for k, want := range last {
		got, _ := ts.response(d, k.name, k.number)
		if got.Score != want.Score || got.DontKnow != want.DontKnow {
			t.Errorf("confirmed %s, %s: score %d, don't know %v; the store holds %+v", k.name, k.number, want.Score, want.DontKnow, got)
		}
	}
	return len(last)
}
