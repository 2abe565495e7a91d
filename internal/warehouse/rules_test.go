package warehouse_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/warehouse"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Names that would be SQL if a push ever built a statement from them.
const (
	hostileName = `Robert'); DROP TABLE engage.engage_answers; --`
	hostileOrg  = `"Council"; DELETE FROM engage.engage_sites; \' --`
)

// smallGroupStore is a store with one site, named hostileName, whose
// assessment has four insiders and two outsiders: the outsiders are a
// group under 3, whose answers only an unsuppressed push holds.
func smallGroupStore(t *testing.T) (*workbook.Service, string) {
	t.Helper()
	svc := openStore(t, filepath.Join(t.TempDir(), "engage.db"))
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	var siteID string
	err = svc.Change(func(c *workbook.Change) error {
		s, a, err := c.CreateSite(workbook.SiteInput{Name: hostileName, Organisation: hostileOrg, Area: "North; South"}, q)
		if err != nil {
			return err
		}
		siteID = s.ID
		people := []workbook.Participant{
			{Group: workbook.Insider, Role: workbook.RoleSenior}, {Group: workbook.Insider, Role: workbook.RoleMiddle},
			{Group: workbook.Insider, Role: workbook.RoleMiddle}, {Group: workbook.Insider, Role: workbook.RoleFrontLine},
			{Group: workbook.Outsider, Role: workbook.RoleCommunity}, {Group: workbook.Outsider, Role: workbook.RoleCommunity},
		}
		for i, p := range people {
			p.SiteID, p.AssessmentID = s.ID, a.ID
			p, err := c.SaveParticipant(p)
			if err != nil {
				return err
			}
			for k, st := range q.Statements() {
				if p.Group == workbook.Outsider && !st.Verify {
					continue
				}
				_, err := c.RecordResponse(workbook.ResponseInput{SiteID: s.ID, AssessmentID: a.ID, ParticipantID: p.ID,
					StatementID: st.ID, Score: 1 + (i+k)%5})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc, siteID
}

func TestUnsuppressedAndHostileNames(t *testing.T) {
	w := newWarehouse(t)
	svc, site := smallGroupStore(t)
	ctx := context.Background()

	res := w.push(t, svc, warehouse.Options{})
	if len(res) != 1 || res[0].Action != warehouse.Added {
		t.Fatalf("push: %v", actions(res))
	}
	suppressed := res[0]
	if suppressed.LeftOut != 2 {
		t.Errorf("left out %d respondents, want the 2 outsiders", suppressed.LeftOut)
	}
	var outsiders int
	if err := w.conn.QueryRow(ctx, `SELECT count(*) FROM engage.engage_answers WHERE "group" = 'outsider'`).Scan(&outsiders); err != nil {
		t.Fatal(err)
	}
	if outsiders != 0 {
		t.Errorf("a suppressed push holds %d answers of the 2 outsiders", outsiders)
	}
	// The summary holds n for the outsiders, never their figures.
	var means int
	if err := w.conn.QueryRow(ctx, `SELECT count(mean) FROM engage.engage_summary WHERE "group" = 'outsiders'`).Scan(&means); err != nil {
		t.Fatal(err)
	}
	if means != 0 {
		t.Errorf("the summary holds %d means of a group of 2", means)
	}

	// The names are text: stored as they are, and no table went.
	var name, org, area string
	if err := w.conn.QueryRow(ctx, "SELECT site_name, organisation, area FROM engage.engage_sites WHERE site_id = $1", site).Scan(&name, &org, &area); err != nil {
		t.Fatal(err)
	}
	if name != hostileName || org != hostileOrg || area != "North; South" {
		t.Errorf("stored %q, %q, %q", name, org, area)
	}
	if n := w.count(t, warehouse.TableAnswers); n != suppressed.Answers || n == 0 {
		t.Errorf("engage_answers has %d rows, the push said %d", n, suppressed.Answers)
	}

	// Unsuppressed: the same site is replaced, with the outsiders' answers.
	res = w.push(t, svc, warehouse.Options{Unsuppressed: true})
	if res[0].Action != warehouse.Replaced {
		t.Fatalf("unsuppressed push: %v, want replaced", actions(res))
	}
	if res[0].Answers <= suppressed.Answers {
		t.Errorf("unsuppressed: %d answers, suppressed %d: want more", res[0].Answers, suppressed.Answers)
	}
	if len(res[0].Small) == 0 {
		t.Error("an unsuppressed push does not say it holds a group under 3")
	}
	var unsuppressed bool
	if err := w.conn.QueryRow(ctx, `SELECT unsuppressed FROM engage.engage_sites`).Scan(&unsuppressed); err != nil {
		t.Fatal(err)
	}
	if !unsuppressed {
		t.Error("engage_sites.unsuppressed is false after an unsuppressed push")
	}
	if n := w.count(t, warehouse.TableAnswers); n != res[0].Answers {
		t.Errorf("engage_answers has %d rows, the push said %d", n, res[0].Answers)
	}
	// And back: a suppressed push replaces it again.
	res = w.push(t, svc, warehouse.Options{})
	if res[0].Action != warehouse.Replaced || w.count(t, warehouse.TableAnswers) != suppressed.Answers {
		t.Errorf("suppressed again: %v, %d rows", actions(res), w.count(t, warehouse.TableAnswers))
	}
}

func TestHostileSchemaName(t *testing.T) {
	w := newWarehouse(t)
	svc, _ := smallGroupStore(t)
	schema := `x"; DROP SCHEMA engage CASCADE; --`
	res := w.push(t, svc, warehouse.Options{Schema: schema})
	if res[0].Action != warehouse.Added {
		t.Fatalf("push: %v", actions(res))
	}
	var n int
	if err := w.conn.QueryRow(context.Background(), "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", schema).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(warehouse.Tables()) {
		t.Errorf("schema %q has %d tables, want %d", schema, n, len(warehouse.Tables()))
	}
	if err := warehouse.CheckSchemaName(string(make([]byte, 64))); err == nil {
		t.Error("a 64-byte schema name is taken: PostgreSQL would cut it short")
	}
}

func TestVersionRefused(t *testing.T) {
	w := newWarehouse(t)
	svc, _ := smallGroupStore(t)
	w.push(t, svc, warehouse.Options{})
	if _, err := w.conn.Exec(context.Background(), "UPDATE engage.engage_schema_version SET version = version + 1"); err != nil {
		t.Fatal(err)
	}
	before := w.versions(t)
	_, err := pushSites(w.connString(), svc, warehouse.Options{})
	var ve *warehouse.VersionError
	if !errors.As(err, &ve) || ve.Found != warehouse.SchemaVersion+1 || ve.Want != warehouse.SchemaVersion {
		t.Fatalf("push to tables of a newer version: %v", err)
	}
	if after := w.versions(t); !mapsEqual(before, after) {
		t.Error("a refused push wrote rows")
	}
}

func TestDryRun(t *testing.T) {
	w := newWarehouse(t)
	svc := demoStore(t)
	ctx := context.Background()
	res := w.push(t, svc, warehouse.Options{DryRun: true})
	for _, r := range res {
		if r.Action != warehouse.Added || r.Answers == 0 {
			t.Errorf("dry run on an empty database: %s %s, %d answers", r.Slug, r.Action, r.Answers)
		}
	}
	var schemas int
	if err := w.conn.QueryRow(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname = 'engage'").Scan(&schemas); err != nil {
		t.Fatal(err)
	}
	if schemas != 0 {
		t.Fatal("a dry run created the schema")
	}
	w.push(t, svc, warehouse.Options{})
	changeOneAnswer(t, svc, res[0].ID)
	before := w.versions(t)
	res = w.push(t, svc, warehouse.Options{DryRun: true})
	for i, r := range res {
		want := warehouse.Unchanged
		if i == 0 {
			want = warehouse.Replaced
		}
		if r.Action != want {
			t.Errorf("dry run: %s %s, want %s", r.Slug, r.Action, want)
		}
	}
	if after := w.versions(t); !mapsEqual(before, after) {
		t.Error("a dry run wrote rows")
	}
}

func TestSlugTaken(t *testing.T) {
	w := newWarehouse(t)
	one, _ := smallGroupStore(t)
	two, _ := smallGroupStore(t) // the same name and slug, another record id
	w.push(t, one, warehouse.Options{})
	before := w.versions(t)
	_, err := pushSites(w.connString(), two, warehouse.Options{})
	var st *warehouse.SlugTakenError
	if !errors.As(err, &st) {
		t.Fatalf("a second site under the same slug: %v", err)
	}
	if after := w.versions(t); !mapsEqual(before, after) {
		t.Error("a refused site wrote rows")
	}
}

// Two engages pushing the same site at once: one adds it, the other
// waits for it and finds it unchanged.
func TestConcurrentPushes(t *testing.T) {
	w := newWarehouse(t)
	svc, _ := smallGroupStore(t)
	var wg sync.WaitGroup
	got := make([][]warehouse.SiteResult, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = pushSites(w.connString(), svc, warehouse.Options{})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	a, b := got[0][0].Action, got[1][0].Action
	if !(a == warehouse.Added && b == warehouse.Unchanged) && !(a == warehouse.Unchanged && b == warehouse.Added) {
		t.Errorf("two pushes at once: %s and %s, want added and unchanged", a, b)
	}
}

// The summary's means are worked out again in SQL from an unsuppressed
// push's answers, by the query docs/warehouse.md gives: the mean of the
// statement means of each group, over the statements 3 or more of it
// scored.
func TestSQLReproducesSummary(t *testing.T) {
	w := newWarehouse(t)
	svc := demoStore(t)
	w.push(t, svc, warehouse.Options{Unsuppressed: true})
	query := docsQuery(t, "reproduce the summary")
	rows, err := w.conn.Query(context.Background(), `WITH mine AS (`+query+`)
		SELECT m.site, m.assessment, m.key_issue, m."group", m.mean::float8, s.mean
		FROM mine m LEFT JOIN engage.engage_summary s ON s.site = m.site AND s.assessment = m.assessment
		 AND s.key_issue = m.key_issue AND s."group" = m."group" || 's'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var site, assessment, issue, group string
		var mine float64
		var theirs *float64
		if err := rows.Scan(&site, &assessment, &issue, &group, &mine, &theirs); err != nil {
			t.Fatal(err)
		}
		n++
		if theirs == nil {
			t.Errorf("%s %s %s %s: SQL gives %.4f, the summary no mean", site, assessment, issue, group, mine)
			continue
		}
		// Both round to four decimals; the summary never across a band's
		// edge, so the two may be 0.0001 apart.
		if math.Abs(mine-*theirs) > 1.00001e-4 {
			t.Errorf("%s %s %s %s: SQL gives %.4f, the summary %.4f", site, assessment, issue, group, mine, *theirs)
		}
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	var shown int
	if err := w.conn.QueryRow(context.Background(), `SELECT count(mean) FROM engage.engage_summary WHERE "group" <> 'all'`).Scan(&shown); err != nil {
		t.Fatal(err)
	}
	if n != shown || n == 0 {
		t.Errorf("SQL works out %d group means, the summary shows %d", n, shown)
	}
}

// docsQuery is the SQL block of docs/warehouse.md after the marker
// <!-- query: name -->, without its closing semicolon.
func docsQuery(t *testing.T, name string) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/warehouse.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i := strings.Index(s, "<!-- query: "+name+" -->\n```sql\n")
	if i < 0 {
		t.Fatalf("docs/warehouse.md has no query %q", name)
	}
	s = s[strings.Index(s[i:], "```sql\n")+i+len("```sql\n"):]
	s = s[:strings.Index(s, "```")]
	return strings.TrimSuffix(strings.TrimSpace(s), ";")
}
