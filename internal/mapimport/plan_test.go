package mapimport_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Headings in English or Italian, with synonyms, in any case, below a
// title line; values in either language.
func TestHeadingsAndValues(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	for _, tc := range []struct {
		name, data string
		want       workbook.Partnership
	}{
		{"English", "Partnership name,Dept,Ward,Community type,Sectors,Year started,Still running?,Comments\n" +
			"Carers' forum,Social care and health,Kingsdown,of interest,\"NHS, VCS, council\",2003,Y,\"two\r\nlines\"\n",
			workbook.Partnership{Title: "Carers' forum", Directorate: "social-care-health", Area: "Kingsdown", Community: workbook.CommunityOfInterest,
				Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorHealth, workbook.SectorVoluntary}, StartYear: 2003, Ongoing: true, Notes: "two\nlines"}},
		{"Italian", "Elenco dei tavoli 2024\n\nDENOMINAZIONE;Area di servizio;Zona;Tipo di comunità;Soggetti coinvolti;Anno d'inizio;Ancora attivo;Note\n" +
			"Consulta anziani;Servizi sociali e sanità;Centro;territoriale;\"ASL; terzo settore; cittadini\";2019;sì;\n",
			workbook.Partnership{Title: "Consulta anziani", Directorate: "social-care-health", Area: "Centro", Community: workbook.CommunityGeographical,
				Partners: []workbook.Sector{workbook.SectorHealth, workbook.SectorVoluntary, workbook.SectorResidents}, StartYear: 2019, Ongoing: true}},
		{"ids, letters and loose names", "title,directorate,partners,ongoing,start_year\n" +
			"Festival group,culture and regeneration,C H B,no,\n",
			workbook.Partnership{Title: "Festival group", Directorate: "culture-regeneration",
				Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorHealth, workbook.SectorBusiness}}},
		{"blank is not known", "Title,Directorate,Kind of community,Ongoing,Start year\nA forum,,,,\n",
			workbook.Partnership{Title: "A forum", OngoingUnknown: true}},
		{"no ongoing column: not known", "Title\nB forum\n", workbook.Partnership{Title: "B forum", OngoingUnknown: true}},
		{"spaces and a formula quote", "Title,Area\n'=SUM(A1),  Old   Quay \n", workbook.Partnership{Title: "=SUM(A1)", Area: "Old Quay", OngoingUnknown: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := prepare(t, svc, en, "list.csv", []byte(tc.data), site.Slug, mapimport.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !p.Ready() || len(p.Entries) != 1 {
				t.Fatalf("not one row ready:\n%s", lines(p.Summary(en, true)))
			}
			got := p.Entries[0].Partnership
			got.SiteID = ""
			if got.Title != tc.want.Title || got.Directorate != tc.want.Directorate || got.Area != tc.want.Area ||
				got.Community != tc.want.Community || !slices.Equal(got.Partners, tc.want.Partners) || got.StartYear != tc.want.StartYear ||
				got.Ongoing != tc.want.Ongoing || got.OngoingUnknown != tc.want.OngoingUnknown || got.Notes != tc.want.Notes {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// Each refused cell is named by its row and column, spreadsheet style,
// with why; then nothing is imported.
func TestRefusals(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	data := "Title,Directorate,Community,Partners,Start year,Ongoing\n" +
		"Good one,,,,,\n" +
		",Policy and resources,,,,\n" +
		"Bad year,,,,'04,\n" +
		"Bad kind,,online,,,\n" +
		"Bad sector,,,council; gardeners,,\n" +
		"Bad ongoing,,,,,maybe\n" +
		"Good one,,,,,\n" +
		"New directorate,Adult services,,,,\n" +
		strings.Repeat("x", 201) + ",,,,,\n"
	p, err := prepare(t, svc, en, "list.csv", []byte(data), site.Slug, mapimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range p.Refused {
		got = append(got, r.Where(en, p.Table)+": "+r.Reason)
	}
	want := []string{
		"list.csv:3, column A (Title): no title: every partnership needs one",
		"list.csv:4, column E (Start year): “'04” is not a start year: write the year with 4 digits (1900 to 2100), or leave it empty if not known",
		"list.csv:5, column C (Community): “online” is not a kind of community: write geographical, of interest, or leave it empty if not known",
		"list.csv:6, column D (Partners): “gardeners” is not a partner sector: write council, health, police, schools, voluntary, business or residents, separated by commas",
		"list.csv:7, column F (Ongoing): “maybe” is not an answer to ongoing: write yes, no, or leave it empty if not known",
		"list.csv:8, column A (Title): the title “Good one” is in the list already, at list.csv:2",
		"list.csv:9, column B (Directorate): “Adult services” is not one of the site's directorates",
		"list.csv:10, column A (Title): 201 characters; the most is 200",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refusals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows, _ := p.RefusedRows(); rows != 8 || p.Ready() {
		t.Errorf("%d rows refused, ready %v", rows, p.Ready())
	}
	if err := svc.Change(p.Apply); !errors.Is(err, mapimport.ErrRefused) {
		t.Errorf("Apply of a plan with refusals: %v", err)
	}
	if _, ps := partnerships(t, svc, site.ID); len(ps) != 0 {
		t.Errorf("%d partnerships imported, want none", len(ps))
	}
	// In Italian, a worksheet's cell is its row and column.
	var buf bytes.Buffer
	if err := writeXLSX(&buf, [][]string{{"Titolo", "Anno di inizio"}, {"Consulta", "dal 2004"}}); err != nil {
		t.Fatal(err)
	}
	p, err = prepare(t, svc, it, "elenco.xlsx", buf.Bytes(), site.Slug, mapimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused) != 1 || p.Refused[0].Where(it, p.Table) != "elenco.xlsx, riga 2, colonna B (Anno di inizio)" ||
		!strings.HasPrefix(p.Refused[0].Reason, "«dal 2004» non è un anno di inizio") {
		t.Errorf("in Italian: %+v", p.Refused)
	}
}

// A directorate the site does not list is refused, or added with
// AddDirectorates: once, however many rows name it.
func TestAddDirectorates(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	data := []byte("Title,Directorate\nA,Adult services\nB,adult  SERVICES\nC,Environment and housing\n")
	p, err := prepare(t, svc, en, "list.csv", data, site.Slug, mapimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rows, _ := p.RefusedRows(); rows != 2 || len(p.Directorates) != 1 || p.Directorates[0].Rows != 2 {
		t.Fatalf("without AddDirectorates: %d refused, %+v", rows, p.Directorates)
	}
	mustImport(t, svc, "list.csv", data, site.Slug, mapimport.Options{AddDirectorates: true})
	s, ps := partnerships(t, svc, site.ID)
	if n := len(s.Directorates); n != 7 || s.Directorates[6] != (workbook.Directorate{ID: "adult-services", Name: "Adult services"}) {
		t.Errorf("directorates: %+v", s.Directorates)
	}
	if len(ps) != 3 || ps[0].Directorate != "adult-services" || ps[1].Directorate != "adult-services" || ps[2].Directorate != "environment-housing" {
		t.Errorf("partnerships: %+v", ps)
	}
	again, err := prepare(t, svc, en, "list.csv", data, site.Slug, mapimport.Options{})
	if err != nil || !again.Ready() || again.Changes() {
		t.Errorf("again: %v\n%s", err, lines(again.Summary(en, true)))
	}
}

// A row matches the site's partnership by its title, whatever its case,
// accents and spacing; only the fields the file has are compared and
// changed, and the criteria marks stay.
func TestChangedAndUntouched(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	mustImport(t, svc, "list.csv", []byte("Title,Area,Start year,Notes\nOlder People's Council,City-wide,2002,kept\nTenants' panel,Saltings,1999,\n"), site.Slug, mapimport.Options{})
	_, ps := partnerships(t, svc, site.ID)
	q, _ := questionnaire.Default()
	crit := q.Criteria[0].ID
	if err := svc.Change(func(c *workbook.Change) error {
		_, err := c.SetCriterion(site.ID, ps[0].ID, crit, workbook.CriterionMark{Mark: workbook.Met})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	p := mustImport(t, svc, "list.csv", []byte("title,area,start year\nOLDER  people's council,City-wide,2003\nNew group,,\n"), site.Slug, mapimport.Options{})
	if p.Count(mapimport.New) != 1 || p.Count(mapimport.Changed) != 1 || p.Untouched != 1 {
		t.Fatalf("plan:\n%s", lines(p.Summary(en, true)))
	}
	for _, e := range p.Entries {
		if e.Action == mapimport.Changed && !slices.Equal(e.Fields, []mapimport.Field{mapimport.FieldTitle, mapimport.FieldStartYear}) {
			t.Errorf("changed fields %v, want title and start year", e.Fields)
		}
	}
	_, ps = partnerships(t, svc, site.ID)
	if len(ps) != 3 {
		t.Fatalf("%d partnerships", len(ps))
	}
	var opc workbook.Partnership
	for _, x := range ps {
		if strings.EqualFold(x.Title, "OLDER people's council") {
			opc = x
		}
	}
	if opc.StartYear != 2003 || opc.Notes != "kept" || opc.Criteria[crit].Mark != workbook.Met {
		t.Errorf("the changed partnership: %+v", opc)
	}
}

// A plan made before the map changed is not applied over the change.
func TestStalePlan(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	p, err := prepare(t, svc, en, "list.csv", []byte("Title\nA\n"), site.Slug, mapimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, svc, "other.csv", []byte("Title\nB\n"), site.Slug, mapimport.Options{})
	if err := svc.Change(p.Apply); !errors.Is(err, mapimport.ErrStale) {
		t.Errorf("Apply after the map changed: %v", err)
	}
}

// Over the site's limit, the whole file is refused.
func TestSiteLimit(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	var b strings.Builder
	b.WriteString("Title\n")
	for i := range workbook.MaxPartnerships - 1 {
		b.WriteString("P" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)) + "\n")
	}
	mustImport(t, svc, "a.csv", []byte(b.String()), site.Slug, mapimport.Options{})
	p, err := prepare(t, svc, en, "b.csv", []byte("Title\nOne\nTwo\n"), site.Slug, mapimport.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Ready() || len(p.Refused) != 1 || p.Refused[0].Line != 0 ||
		p.Refused[0].Reason != "site eastbrook has 999 partnerships and the list adds 2: a site holds at most 1000" {
		t.Errorf("refused: %+v", p.Refused)
	}
}

// Columns: --columns by heading or letter, a field two columns could
// fill, no title column.
func TestColumns(t *testing.T) {
	svc := newService(t)
	site := newSite(t, svc, "Eastbrook", "en")
	for _, tc := range []struct {
		name, data, spec, want string
	}{
		{"by heading", "Scheme,Lead,Area\nA,Environment and housing,X\n", "title=Scheme,directorate=Lead", ""},
		{"by letter", "Scheme,Lead\nA,Environment and housing\n", "title=a,directorate=B", ""},
		{"two areas", "Title,Area,Ward\nA,X,Y\n", "", "list.csv: columns B (Area) and C (Ward) could both be the area"},
		{"two areas, settled", "Title,Area,Ward\nA,X,Y\n", "area=Ward", ""},
		{"no title", "Scheme,Lead\nA,B\n", "", "list.csv: none of its first 2 rows has a heading for the partnerships' titles"},
		{"bad field", "Title\nA\n", "budget=C", "--columns: budget is not a field of a partnership"},
		{"no such heading", "Title\nA\n", "notes=Remarks", "list.csv:1: no column is headed Remarks (for notes)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := prepare(t, svc, en, "list.csv", []byte(tc.data), site.Slug, mapimport.Options{Columns: tc.spec})
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "":
				if err == nil || err.Error() != tc.want {
					t.Errorf("got %v, want %q", err, tc.want)
				}
				return
			}
			if !p.Ready() || p.Entries[0].Partnership.Title != "A" {
				t.Errorf("plan:\n%s", lines(p.Summary(en, true)))
			}
		})
	}
}
