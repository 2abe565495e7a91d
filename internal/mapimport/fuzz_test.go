package mapimport_test

import (
	"errors"
	"os"
	"testing"

	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/workbook"
)

var errRollBack = errors.New("roll back")

// FuzzImportCSV reads any bytes as a CSV list and prepares it for a site
// that maps a few partnerships already. Nothing panics; a refusal names
// a row of the file (or the file); and a plan that refuses nothing is
// one the domain accepts: applying it never fails (the change is rolled
// back, so every input meets the same site).
func FuzzImportCSV(f *testing.F) {
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		string(seed[:2000]),
		"Title,Directorate,Partners,Start year,Ongoing\nOlder People's Council,Social care and health,\"council, NHS\",2002,yes\n",
		"\ufeffTitolo;Area di servizio;Partner;Anno di inizio;Ancora attivo\r\nConsulta;Servizi sociali e sanità;ASL, terzo settore;2019;sì\r\n",
		"Title\n'=SUM(A1)\n\"two\nlines\"\n",
		"Note\n\nTitle,Area,Ward\nA,B,C\n",
		"Title,Directorate\nA,New one\nB,new  ONE\n",
		"Title\tOngoing\nx\tmaybe\n",
	} {
		f.Add([]byte(s), false)
	}
	svc := newService(f)
	site := newSite(f, svc, "Eastbrook", "en")
	mustImport(f, svc, "have.csv", []byte("Title,Directorate\nOlder People's Council,Social care and health\nTenants' panel,\n"), site.Slug, mapimport.Options{})
	f.Fuzz(func(t *testing.T, data []byte, add bool) {
		tab, err := mapimport.ReadCSV(en, "fuzz.csv", data)
		if err != nil {
			var me *mapimport.Error
			if !errors.As(err, &me) {
				t.Fatalf("an error that is not said for people: %v", err)
			}
			return
		}
		var p *mapimport.Plan
		err = svc.Read(func(r *workbook.Reader) (err error) {
			p, err = mapimport.Prepare(r, en, words, tab, site.Slug, mapimport.Options{AddDirectorates: add})
			return err
		})
		if err != nil {
			var me *mapimport.Error
			if !errors.As(err, &me) {
				t.Fatalf("an error that is not said for people: %v", err)
			}
			return
		}
		_ = p.Summary(en, true)
		rowLines := map[int]bool{}
		for _, r := range tab.Rows {
			rowLines[r.Line] = true
		}
		for _, r := range p.Refused {
			if r.Line != 0 && !rowLines[r.Line] {
				t.Fatalf("a refusal at line %d, which has no row", r.Line)
			}
		}
		if !p.Ready() {
			return
		}
		err = svc.Change(func(c *workbook.Change) error {
			if err := p.Apply(c); err != nil {
				return err
			}
			return errRollBack
		})
		if !errors.Is(err, errRollBack) {
			t.Fatalf("a plan that refused nothing did not apply: %v\n%s", err, lines(p.Summary(en, true)))
		}
	})
}
