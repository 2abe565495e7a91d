package mapimport_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/workbook"
)

var update = flag.Bool("update", false, "write testdata/seed-mapping.csv again from the demo")

// seedFile is the seed research's mapping as a council's list: the demo's
// Eastbrook pilot (126 partnerships: 53, 18, 1, 21, 26 and 5 by
// directorate, 2 under none), as engage map export writes it.
//
//go:generate go test -run TestSeedFileIsTheDemos -update .
const seedFile = "testdata/seed-mapping.csv"

// TestSeedFileIsTheDemos keeps the seed list in step with the demo, which
// models the seed mapping; -update writes it again.
func TestSeedFileIsTheDemos(t *testing.T) {
	svc := newService(t)
	s := demoSite(t, svc, 1)
	s, ps := partnerships(t, svc, s.ID)
	var buf bytes.Buffer
	if err := mapimport.WriteCSV(&buf, en, s, nil, ps); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(seedFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("%s differs from the demo's Eastbrook pilot; write it again with go test -run TestSeedFileIsTheDemos -update", seedFile)
	}
}

func seedCSV(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// seedXLSX is the seed list as an Excel workbook, made from the CSV file
// cell by cell, the way a council's spreadsheet holds it (years as
// numbers), on a sheet that is not the first, below a title row.
func seedXLSX(t testing.TB) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(seedCSV(t), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("Mapping"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("Mapping", "A1", "Council partnership activity with communities, all directorates"); err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
			if y, err := strconv.Atoi(v); i > 0 && j == 5 && err == nil {
				row[j] = y
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow("Mapping", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The seed list imports into an empty site with the seed mapping's counts
// by directorate, as the Map and the report count them; a second import
// changes nothing.
func TestSeedImport(t *testing.T) {
	for _, tc := range []struct {
		name string
		data func(testing.TB) []byte
		line int // the header row
	}{
		{"seed-mapping.csv", seedCSV, 1},
		{"seed-mapping.xlsx", seedXLSX, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc := newService(t)
			site := newSite(t, svc, "Brighton pilot", "en")
			data := tc.data(t)
			p := mustImport(t, svc, tc.name, data, site.Slug, mapimport.Options{})
			if p.Count(mapimport.New) != 126 || p.Layout.Line != tc.line {
				t.Errorf("%d new, header on %d; want 126 new, header on %d", p.Count(mapimport.New), p.Layout.Line, tc.line)
			}
			s, ps := partnerships(t, svc, site.ID)
			rows, total := analysis.CountByDirectorate(s.Directorates, ps)
			got := map[string]int{}
			for _, r := range rows {
				got[r.ID] = r.Count
			}
			want := map[string]int{"social-care-health": 53, "education-lifelong-learning": 18, "policy-resources": 1,
				"culture-regeneration": 21, "environment-housing": 26, "policy-communication": 5, "": 2}
			if total != 126 || len(got) != len(want) {
				t.Errorf("total %d, counts %v; want 126, %v", total, got, want)
			}
			for id, n := range want {
				if got[id] != n {
					t.Errorf("%q: %d partnerships, want %d", id, got[id], n)
				}
			}
			again, err := prepare(t, svc, en, tc.name, data, site.Slug, mapimport.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if again.Count(mapimport.Unchanged) != 126 || again.Changes() || !again.Ready() {
				t.Errorf("a second import:\n%s", lines(again.Summary(en, true)))
			}
		})
	}
}

// The seed list matches the demo's Eastbrook pilot field by field.
func TestSeedImportKeepsEveryField(t *testing.T) {
	svc := newService(t)
	src := demoSite(t, svc, 1)
	_, want := partnerships(t, svc, src.ID)
	site := newSite(t, svc, "Brighton pilot", "en")
	mustImport(t, svc, "seed.csv", seedCSV(t), site.Slug, mapimport.Options{})
	_, got := partnerships(t, svc, site.ID)
	if len(got) != len(want) {
		t.Fatalf("%d partnerships, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Title != w.Title || g.Directorate != w.Directorate || g.Area != w.Area || g.Community != w.Community ||
			!equalSectors(g.Partners, w.Partners) || g.StartYear != w.StartYear || g.Ongoing != w.Ongoing ||
			g.OngoingUnknown != w.OngoingUnknown || g.Notes != w.Notes {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func equalSectors(a, b []workbook.Sector) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BenchmarkSeedImport is reading, matching and importing the seed list
// into an empty site, in one change, as engage map import does.
func BenchmarkSeedImport(b *testing.B) {
	for _, tc := range []struct {
		name string
		data func(testing.TB) []byte
	}{{"seed.csv", seedCSV}, {"seed.xlsx", seedXLSX}} {
		b.Run(tc.name, func(b *testing.B) {
			svc := newService(b)
			data := tc.data(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				site := newSite(b, svc, filepath.Base(b.Name())+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676%26)), "en")
				b.StartTimer()
				mustImport(b, svc, tc.name, data, site.ID, mapimport.Options{})
			}
		})
	}
}
