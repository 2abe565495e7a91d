package report

import (
	"path/filepath"
	"testing"

	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestDemoSites renders the five pilot sites of the demonstration study
// from a real store: every report validates and says what its site shows.
func TestDemoSites(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	if err := svc.Change(func(c *workbook.Change) error { _, err := demo.Build(c, q, demo.Options{}); return err }); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		slug    string
		earlier bool
		want    []string
	}{
		{"eastbrook-pilot", false, []string{"126 partnerships were mapped", "Unassigned", "The shortlist", "Healthy Neighbourhoods Partnership"}},
		{"westmoor-county", false, []string{"blind spot"}},
		{"portsea-localities", false, []string{"contested"}},
		{"tynebridge-south", true, []string{"What changed since the assessment of", "The earlier action plan"}},
		{"ambito-valle-del-sole", false, []string{"Sintesi", "Piano di Zona", "meno di 3 persone"}},
	} {
		t.Run(tc.slug, func(t *testing.T) {
			var in Input
			err := svc.Read(func(r *workbook.Reader) (err error) {
				in, err = Load(r, tc.slug, "")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if (in.Earlier != nil) != tc.earlier {
				t.Fatalf("earlier assessment loaded: %v, want %v", in.Earlier != nil, tc.earlier)
			}
			pdf, res := render(t, in, Options{})
			if res.Pages < 10 || len(res.Missing) > 0 {
				t.Errorf("%d pages, missing %q", res.Pages, res.Missing)
			}
			mustContain(t, pdfText(t, pdf), tc.want...)
		})
	}

	// The earlier of Tynebridge's two assessments has nothing before it.
	err = svc.Read(func(r *workbook.Reader) error {
		as, err := r.Assessments(demo.SiteID(4))
		if err != nil || len(as) != 2 {
			t.Fatalf("tynebridge-south assessments: %d, %v", len(as), err)
		}
		in, err := Load(r, "tynebridge-south", as[0].ID)
		if err == nil && in.Earlier != nil {
			t.Error("the first assessment should have no earlier one")
		}
		_, err = Load(r, "no-such-site", "")
		if err == nil {
			t.Error("Load of an unknown site should fail")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
