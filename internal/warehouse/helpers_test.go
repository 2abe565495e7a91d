package warehouse_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/warehouse"
	"github.com/engage-toolkit/engage/internal/warehouse/pgtest"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var (
	demoOnce sync.Once
	demoDB   []byte
	demoErr  error
)

// demoStore returns a service over a copy of the demonstration study, in
// t's temporary folder: built once, copied for each test.
func demoStore(t *testing.T) *workbook.Service {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "engage-warehouse-demo")
		if err != nil {
			demoErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "engage.db")
		st, err := store.Open(path, store.Options{})
		if err != nil {
			demoErr = err
			return
		}
		q, err := questionnaire.Default()
		if err != nil {
			demoErr = err
			return
		}
		svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
		if _, err := demo.BuildEach(svc, q, demo.Options{}); err != nil {
			demoErr = err
			return
		}
		if err := st.Close(); err != nil {
			demoErr = err
			return
		}
		demoDB, demoErr = os.ReadFile(path)
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "engage.db")
	if err := os.WriteFile(path, demoDB, 0o600); err != nil {
		t.Fatal(err)
	}
	return openStore(t, path)
}

// seeds makes each store opened draw other record ids.
var seeds atomic.Uint64

// openStore opens the store at path for t, with a fixed clock and record
// ids of its own for what the test changes.
func openStore(t *testing.T, path string) *workbook.Service {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	later := time.Date(2026, time.March, 3, 9, 0, 0, 0, time.UTC)
	return workbook.NewService(st, workbook.Options{Now: func() time.Time { return later }, NewID: demo.IDs(100 + seeds.Add(1))})
}

// warehouseFor is an empty database on the shared server, with its
// connection string.
type warehouseFor struct {
	srv  *pgtest.Server
	db   string
	conn *pgx.Conn
}

func newWarehouse(t *testing.T) *warehouseFor {
	t.Helper()
	srv := pgtest.Shared(t)
	db := srv.NewDatabase(t)
	return &warehouseFor{srv: srv, db: db, conn: srv.Connect(t, db)}
}

func (w *warehouseFor) connString() string { return w.srv.ConnString(w.db) }

// push pushes the sites refs name (every site when none) and returns what
// it did to each.
func (w *warehouseFor) push(t *testing.T, svc *workbook.Service, opts warehouse.Options, refs ...string) []warehouse.SiteResult {
	t.Helper()
	res, err := pushSites(w.connString(), svc, opts, refs...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func pushSites(connString string, svc *workbook.Service, opts warehouse.Options, refs ...string) ([]warehouse.SiteResult, error) {
	ctx := context.Background()
	cfg, err := warehouse.ParseConfig(connString)
	if err != nil {
		return nil, err
	}
	if opts.Engage == "" {
		opts.Engage = "v0.0.0-test"
	}
	wh, err := warehouse.Open(ctx, cfg, opts)
	if err != nil {
		return nil, err
	}
	defer wh.Close(ctx)
	sites, err := warehouse.Resolve(svc, refs, len(refs) == 0)
	if err != nil {
		return nil, err
	}
	var out []warehouse.SiteResult
	for _, s := range sites {
		r, err := wh.Push(ctx, svc, s, opts)
		if err != nil {
			return out, fmt.Errorf("site %s: %w", s.Slug, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// count is the number of rows of a table of the default schema.
func (w *warehouseFor) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := w.conn.QueryRow(context.Background(), "SELECT count(*) FROM engage."+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// versions returns every row's physical version (xmin and ctid) in each
// table, by site: a row rewritten, even to the same values, gets others.
func (w *warehouseFor) versions(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tb := range []string{warehouse.TableSites, warehouse.TableAssessments, warehouse.TableAnswers, warehouse.TableSummary} {
		rows, err := w.conn.Query(context.Background(),
			"SELECT site_id, string_agg(xmin::text || ctid::text, ',' ORDER BY ctid) FROM engage."+tb+" GROUP BY site_id")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var site, v string
			if err := rows.Scan(&site, &v); err != nil {
				t.Fatal(err)
			}
			out[tb+" "+site] = v
		}
		if rows.Err() != nil {
			t.Fatal(rows.Err())
		}
	}
	var st string
	if err := w.conn.QueryRow(context.Background(),
		"SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY ctid) FROM engage.engage_statements").Scan(&st); err != nil {
		t.Fatal(err)
	}
	out["statements"] = st
	return out
}

// csvs are the long CSV and the summary CSV of the sites (every one when
// none is named), as engage compare SITE --lang LANG writes them for each
// site in its own language, read back: the header, then the rows.
func csvs(t *testing.T, svc *workbook.Service, unsuppressed bool, refs ...string) (answers, summary [][]string) {
	t.Helper()
	sites, err := warehouse.Resolve(svc, refs, len(refs) == 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		var long, sum bytes.Buffer
		rw, err := compare.NewResponseWriter(&long)
		if err != nil {
			t.Fatal(err)
		}
		c, err := compare.Gather(svc, compare.Options{Sites: []string{s.ID}, Lang: s.Language, Responses: rw.Write, Unsuppressed: unsuppressed})
		if err != nil {
			t.Fatal(err)
		}
		if err := rw.Flush(); err != nil {
			t.Fatal(err)
		}
		if _, err := compare.WriteSummary(&sum, c); err != nil {
			t.Fatal(err)
		}
		read := func(b *bytes.Buffer, to [][]string) [][]string {
			recs, err := csv.NewReader(b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(to) > 0 {
				recs = recs[1:]
			}
			return append(to, recs...)
		}
		answers, summary = read(&long, answers), read(&sum, summary)
	}
	return answers, summary
}

// asCSV reads table's rows back and writes each value as the CSVs do
// (four decimals, TRUE/FALSE, dates and UTC times, NULL as empty), in the
// order of the CSV's header, leaving out the columns the table lacks; it
// returns the rows keyed by the columns named in key.
func (w *warehouseFor) asCSV(t *testing.T, table string, header []string, key ...string) map[string][]string {
	t.Helper()
	var cols []warehouse.Column
	for _, tb := range warehouse.Tables() {
		if tb.Name == table {
			cols = tb.Columns
		}
	}
	rows, err := w.conn.Query(context.Background(), "SELECT * FROM engage."+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]string{}
		for i, c := range cols {
			byName[c.Name] = cell(c.Type, vals[i])
		}
		rec := make([]string, 0, len(header))
		for _, h := range header {
			if v, ok := byName[h]; ok {
				rec = append(rec, v)
			}
		}
		var k []string
		for _, n := range key {
			k = append(k, byName[n])
		}
		out[strings.Join(k, "|")] = rec
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	return out
}

// cell writes a value read from the warehouse as the CSVs write it.
func cell(typ string, v any) string {
	if v == nil {
		return ""
	}
	switch v := v.(type) {
	case bool:
		if v {
			return "TRUE"
		}
		return "FALSE"
	case float64:
		if typ == compare.TypeNumber {
			return strconv.FormatFloat(v, 'f', 4, 64)
		}
	case int32:
		return strconv.Itoa(int(v))
	case time.Time:
		if typ == compare.TypeDate {
			return v.Format(time.DateOnly)
		}
		return v.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// without returns rec with the columns of header named in drop left out.
func without(header, rec []string, drop ...string) []string {
	var out []string
	for i, h := range header {
		if !contains(drop, h) {
			out = append(out, rec[i])
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// keyOf is the key of a CSV record: the values of the columns named.
func keyOf(header, rec []string, key ...string) string {
	var k []string
	for _, n := range key {
		for i, h := range header {
			if h == n {
				k = append(k, rec[i])
			}
		}
	}
	return strings.Join(k, "|")
}
