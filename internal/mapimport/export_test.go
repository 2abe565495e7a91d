package mapimport_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// writeXLSX writes rows as the first sheet of a workbook.
func writeXLSX(w io.Writer, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// A site's mapping exported, in its language or another, as CSV or xlsx,
// reads back unchanged: a council can round-trip its list.
func TestExportRoundTrip(t *testing.T) {
	svc := newService(t)
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	// Eastbrook (English, 126) and the Valle del Sole (Italian, 20, one
	// renamed directorate); a title that looks like a formula.
	sites := []workbook.Site{demoSite(t, svc, 1), demoSite(t, svc, 5)}
	if err := svc.Change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: sites[0].ID, Title: "=HYPERLINK(\"x\")", Partners: []workbook.Sector{workbook.SectorPolice}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		s, ps := partnerships(t, svc, s.ID)
		for _, lang := range []string{"en", "it"} {
			l := cat.For(lang)
			for _, format := range []string{"csv", "xlsx"} {
				name := s.Slug + "." + lang + "." + format
				t.Run(name, func(t *testing.T) {
					var buf bytes.Buffer
					write := mapimport.WriteCSV
					if format == "xlsx" {
						write = mapimport.WriteXLSX
					}
					if err := write(&buf, l, s, q, ps); err != nil {
						t.Fatal(err)
					}
					p, err := prepare(t, svc, l, name, buf.Bytes(), s.Slug, mapimport.Options{})
					if err != nil {
						t.Fatal(err)
					}
					if !p.Ready() || p.Changes() || p.Count(mapimport.Unchanged) != len(ps) || p.Untouched != 0 {
						t.Errorf("read back:\n%s", lines(p.Summary(l, true)))
					}
				})
			}
		}
	}
}

// The CSV export is what Excel opens: a byte order mark, CRLF, semicolons
// in Italian and commas in English, and a formula-like text quoted.
func TestWriteCSV(t *testing.T) {
	site := workbook.Site{Slug: "s", Directorates: []workbook.Directorate{{ID: "d", Name: "Housing"}}}
	ps := []workbook.Partnership{
		{Title: "=cmd|' /C calc'!A0", Directorate: "d", Community: workbook.CommunityGeographical,
			Partners: []workbook.Sector{workbook.SectorResidents, workbook.SectorCouncil}, StartYear: 2004, Ongoing: true},
		{Title: "Forum", OngoingUnknown: true, Notes: "a\nb"},
	}
	for _, tc := range []struct {
		l    *i18n.Lang
		want string
	}{
		{en, "\ufeffTitle,Directorate,Area,Kind of community,Partners,Start year,Ongoing,Notes\r\n" +
			"'=cmd|' /C calc'!A0,Housing,,Geographical community,\"Council, Residents\",2004,yes,\r\n" +
			"Forum,,,,,,,\"a\r\nb\"\r\n"},
		{it, "\ufeffTitolo;Area di servizio;Territorio;Tipo di comunità;Partner;Anno di inizio;Ancora attivo;Note\r\n" +
			"'=cmd|' /C calc'!A0;Housing;;Comunità territoriale;Comuni ed enti locali, Cittadini;2004;sì;\r\n" +
			"Forum;;;;;;;\"a\r\nb\"\r\n"},
	} {
		var buf bytes.Buffer
		if err := mapimport.WriteCSV(&buf, tc.l, site, nil, ps); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tc.want {
			t.Errorf("%s:\n%q\nwant\n%q", tc.l.Code(), got, tc.want)
		}
	}
}

// An xlsx export's cells are texts (a formula-like title is not a
// formula) and its years numbers.
func TestWriteXLSX(t *testing.T) {
	site := workbook.Site{Slug: "s"}
	var buf bytes.Buffer
	ps := []workbook.Partnership{{Title: "=1+1", StartYear: 2004}}
	if err := mapimport.WriteXLSX(&buf, en, site, nil, ps); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if formula, _ := f.GetCellFormula(sheet, "A2"); formula != "" {
		t.Errorf("A2 holds the formula %q", formula)
	}
	if v, _ := f.GetCellValue(sheet, "A2"); v != "=1+1" {
		t.Errorf("A2 = %q", v)
	}
	if typ, _ := f.GetCellType(sheet, "F2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("F2 is of type %v, want a number", typ)
	}
	if sheet != "Partnerships" || !strings.Contains(strings.Join(mapimport.Headings(en), ","), "Start year") {
		t.Errorf("sheet %q", sheet)
	}
}
