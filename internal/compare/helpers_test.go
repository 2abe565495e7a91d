package compare_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// openStore opens a new store in a temporary folder and checks it when the
// test ends.
func openStore(t testing.TB) *store.Store {
	t.Helper()
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
	return st
}

func newService(t testing.TB) *workbook.Service {
	return workbook.NewService(openStore(t), workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
}

func defaultQuestionnaire(t testing.TB) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func build(t testing.TB, svc *workbook.Service, q *questionnaire.Questionnaire, opts demo.Options) {
	t.Helper()
	err := svc.Change(func(c *workbook.Change) error {
		_, err := demo.Build(c, q, opts)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

var (
	pilotOnce sync.Once
	pilotDir  string
	pilotErr  error
)

// pilot returns a service over a copy of a store holding the five demo
// sites, built once for the whole test binary.
func pilot(t *testing.T) *workbook.Service {
	t.Helper()
	pilotOnce.Do(func() {
		pilotDir, pilotErr = os.MkdirTemp("", "engage-compare-")
		if pilotErr != nil {
			return
		}
		var st *store.Store
		st, pilotErr = store.Open(filepath.Join(pilotDir, "pilot.db"), store.Options{})
		if pilotErr != nil {
			return
		}
		svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
		q, err := questionnaire.Default()
		if err == nil {
			err = svc.Change(func(c *workbook.Change) error {
				_, err := demo.Build(c, q, demo.Options{})
				return err
			})
		}
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		pilotErr = err
	})
	if pilotErr != nil {
		t.Fatal(pilotErr)
	}
	src, err := os.ReadFile(filepath.Join(pilotDir, "pilot.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "engage.db")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pilotDir != "" {
		os.RemoveAll(pilotDir)
	}
	os.Exit(code)
}

// gather gathers a comparison twice, reading in one read and reading
// each site's records ahead in a second one, and fails when the two
// differ.
func gather(t *testing.T, svc *workbook.Service, opts compare.Options) *compare.Comparison {
	t.Helper()
	opts.ReadAhead = false
	c, err := compare.Gather(svc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Responses == nil && opts.Progress == nil {
		opts.ReadAhead = true
		ahead, err := compare.Gather(svc, opts)
		if err != nil {
			t.Fatalf("reading ahead: %v", err)
		}
		if !reflect.DeepEqual(c, ahead) {
			t.Fatal("the comparison read ahead differs from the one read in one read")
		}
	}
	return c
}

// load reads an assessment ("" for the current one) and analyses it.
func load(t *testing.T, svc *workbook.Service, site, assessment string) (*workbook.AssessmentData, analysis.Result) {
	t.Helper()
	var d *workbook.AssessmentData
	err := svc.Read(func(r *workbook.Reader) (err error) {
		d, err = r.LoadAssessment(site, assessment)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return d, analysis.Analyse(d.Questionnaire, d.Participants, d.Responses)
}

// variant returns the default questionnaire changed by edit, parsed.
func variant(t *testing.T, edit func(string) string) *questionnaire.Questionnaire {
	t.Helper()
	src := edit(string(defaultQuestionnaire(t).Source))
	q, err := questionnaire.Parse("variant.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// cut removes the lines of src from the line starting with from up to (not
// including) the line starting with to ("" for the end).
func cut(t *testing.T, src, from, to string) string {
	t.Helper()
	i := strings.Index(src, "\n"+from)
	if i < 0 {
		t.Fatalf("no %q in the questionnaire", from)
	}
	if to == "" {
		return src[:i+1]
	}
	j := strings.Index(src[i+1:], "\n"+to)
	if j < 0 {
		t.Fatalf("no %q after %q in the questionnaire", to, from)
	}
	return src[:i+1] + src[i+1+j+1:]
}

// readCSV parses a CSV and returns its header and records as maps.
func readCSV(t *testing.T, data []byte) ([]string, []map[string]string) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("empty CSV")
	}
	var out []map[string]string
	for _, rec := range all[1:] {
		m := map[string]string{}
		for i, h := range all[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return all[0], out
}
