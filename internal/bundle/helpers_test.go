package bundle_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// testStore is a store in a temporary folder whose pages are checked when
// the test ends.
type testStore struct {
	st   *store.Store
	svc  *workbook.Service
	path string
	now  time.Time
}

// openStore opens a new store. Its clock starts at 2026-03-09 09:00 UTC
// (a week after the demo's) and moves on a second per change.
func openStore(t testing.TB) *testStore {
	t.Helper()
	path := filepath.Join(t.TempDir(), "engage.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testStore{st: st, path: path, now: time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)}
	ts.svc = workbook.NewService(st, workbook.Options{Now: func() time.Time { ts.now = ts.now.Add(time.Second); return ts.now }})
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		st.Close()
	})
	return ts
}

// demoStore opens a store holding the demonstration study built with opts.
func demoStore(t testing.TB, opts demo.Options) *testStore {
	t.Helper()
	ts := openStore(t)
	svc := workbook.NewService(ts.st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	q := defaultQuestionnaire(t)
	if err := svc.Change(func(c *workbook.Change) error {
		_, err := demo.Build(c, q, opts)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return ts
}

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func (ts *testStore) change(t testing.TB, fn func(c *workbook.Change) error) {
	t.Helper()
	if err := ts.svc.Change(fn); err != nil {
		t.Fatal(err)
	}
}

// sites returns the ids of the stored sites.
func (ts *testStore) sites(t testing.TB) []workbook.Site {
	t.Helper()
	var out []workbook.Site
	if err := ts.svc.Read(func(r *workbook.Reader) (err error) {
		out, err = r.Sites()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// export writes one site as a bundle file's bytes.
func (ts *testStore) export(t testing.TB, site string, withhold ...bundle.Field) []byte {
	t.Helper()
	var b *bundle.Bundle
	if err := ts.svc.Read(func(r *workbook.Reader) (err error) {
		b, err = bundle.Export(r, site, bundle.ExportOptions{Engage: "v0.0.0-test", Withhold: withhold})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	data, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// importData reads and imports a bundle file's bytes.
func (ts *testStore) importData(t testing.TB, data []byte, opts bundle.ImportOptions) (*bundle.Result, error) {
	t.Helper()
	b, err := bundle.Read("site.engage", data)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return bundle.Import(ts.svc, b, opts)
}

// mustImport imports a bundle that must go in without conflicts.
func (ts *testStore) mustImport(t testing.TB, data []byte) *bundle.Result {
	t.Helper()
	res, err := ts.importData(t, data, bundle.ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

// fileBytes returns the store file's bytes.
func (ts *testStore) fileBytes(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(ts.path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// unpacked returns the JSON a bundle file carries.
func unpacked(t testing.TB, data []byte) []byte {
	t.Helper()
	nl := bytes.IndexByte(data, '\n')
	zr, err := gzip.NewReader(bytes.NewReader(data[nl+1:]))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// wantRefused checks that data is refused with an error of kind.
func wantRefused(t testing.TB, data []byte, kind error, contains string) *bundle.Error {
	t.Helper()
	_, err := bundle.Read("bad.engage", data)
	var be *bundle.Error
	if !errors.As(err, &be) {
		t.Fatalf("want a *bundle.Error, got %v", err)
	}
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("want %v, got %v", kind, err)
	}
	if be.File != "bad.engage" {
		t.Errorf("the error names %q, not the file", be.File)
	}
	if contains != "" && !bytes.Contains([]byte(err.Error()), []byte(contains)) {
		t.Errorf("error %q does not say %q", err, contains)
	}
	return be
}
