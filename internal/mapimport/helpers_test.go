package mapimport_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

var (
	cat   = i18n.Embedded()
	en    = cat.For("en")
	it    = cat.For("it")
	words = mapimport.NewWords(cat)
)

// newService opens a store in a temporary folder, and checks its kept
// figures when the test ends.
func newService(t testing.TB) *workbook.Service {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "engage.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := workbook.NewService(st, workbook.Options{})
	t.Cleanup(func() {
		err := svc.Read(func(r *workbook.Reader) error {
			ms, err := r.CheckKept()
			for _, m := range ms {
				t.Errorf("kept figures: %v", m)
			}
			return err
		})
		if err != nil {
			t.Error(err)
		}
		st.Close()
	})
	return svc
}

// newSite creates an empty site in lang with the default questionnaire's
// directorates.
func newSite(t testing.TB, svc *workbook.Service, name, lang string) workbook.Site {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	var s workbook.Site
	if err := svc.Change(func(c *workbook.Change) (err error) {
		s, _, err = c.CreateSite(workbook.SiteInput{Name: name, Organisation: name + " Council", Language: lang}, q)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

// prepare reads data (a .csv or .xlsx named by name) and prepares it for
// site.
func prepare(t testing.TB, svc *workbook.Service, l *i18n.Lang, name string, data []byte, site string, opts mapimport.Options) (*mapimport.Plan, error) {
	t.Helper()
	var tab *mapimport.Table
	var err error
	if f, _ := mapimport.FormatOf(name); f == mapimport.XLSX {
		tab, err = mapimport.ReadXLSX(l, name, data, "")
	} else {
		tab, err = mapimport.ReadCSV(l, name, data)
	}
	if err != nil {
		return nil, err
	}
	var p *mapimport.Plan
	err = svc.Read(func(r *workbook.Reader) (err error) {
		p, err = mapimport.Prepare(r, l, words, tab, site, opts)
		return err
	})
	return p, err
}

// mustImport prepares and applies data, failing when a row is refused.
func mustImport(t testing.TB, svc *workbook.Service, name string, data []byte, site string, opts mapimport.Options) *mapimport.Plan {
	t.Helper()
	p, err := prepare(t, svc, en, name, data, site, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Ready() {
		t.Fatalf("refused:\n%s", lines(p.Summary(en, false)))
	}
	if err := svc.Change(p.Apply); err != nil {
		t.Fatal(err)
	}
	return p
}

func lines(ss []string) string {
	var b bytes.Buffer
	for _, s := range ss {
		b.WriteString(s + "\n")
	}
	return b.String()
}

// demoSite builds demo pilot site n in svc and returns it.
func demoSite(t testing.TB, svc *workbook.Service, n int) workbook.Site {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	var s workbook.Site
	if err := svc.Change(func(c *workbook.Change) (err error) {
		s, err = demo.BuildSite(c, q, n, demo.Options{})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

// partnerships returns a site's partnerships.
func partnerships(t testing.TB, svc *workbook.Service, site string) (workbook.Site, []workbook.Partnership) {
	t.Helper()
	var s workbook.Site
	var ps []workbook.Partnership
	if err := svc.Read(func(r *workbook.Reader) (err error) {
		if s, err = r.Site(site); err != nil {
			return err
		}
		ps, err = r.Partnerships(s.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s, ps
}
