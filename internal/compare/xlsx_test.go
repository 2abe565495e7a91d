package compare_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
)

// spreadsheet gathers the pilot study into a workbook and its CSVs in one
// pass, as engage compare --csv --xlsx does.
func spreadsheet(t *testing.T) (xlsx, long, summary []byte) {
	t.Helper()
	svc := pilot(t)
	wb, err := compare.NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	var lb, sb, xb bytes.Buffer
	rw, err := compare.NewResponseWriter(&lb)
	if err != nil {
		t.Fatal(err)
	}
	c := gather(t, svc, compare.Options{All: true, Responses: func(r *compare.Row) error {
		if err := rw.Write(r); err != nil {
			return err
		}
		return wb.AddResponse(r)
	}})
	if err := rw.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := compare.WriteSummary(&sb, c); err != nil {
		t.Fatal(err)
	}
	if err := wb.Finish(&xb, c, i18n.Embedded().For("it")); err != nil {
		t.Fatal(err)
	}
	return xb.Bytes(), lb.Bytes(), sb.Bytes()
}

// The spreadsheet holds the same rows as the CSVs, cell for cell, with
// numbers and TRUE/FALSE typed, and the Italian text intact.
func TestWorkbookMatchesTheCSVs(t *testing.T) {
	xlsx, long, summary := spreadsheet(t)
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{compare.SheetSummary, compare.SheetAnswers, compare.SheetCodebook}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, s := range []struct {
		sheet string
		csv   []byte
	}{{compare.SheetAnswers, long}, {compare.SheetSummary, summary}} {
		rows, err := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(bytes.NewReader(s.csv)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(want) {
			t.Fatalf("%s: %d rows, the CSV has %d", s.sheet, len(rows), len(want))
		}
		for i := range want {
			for j := range want[i] {
				got := ""
				if j < len(rows[i]) {
					got = rows[i][j]
				}
				w := strings.TrimPrefix(want[i][j], "'") // the CSV's formula guard
				switch w {
				case "TRUE":
					w = "1"
				case "FALSE":
					w = "0"
				}
				if got != w {
					if a, err1 := strconv.ParseFloat(got, 64); err1 == nil {
						if b, err2 := strconv.ParseFloat(w, 64); err2 == nil && a == b {
							continue
						}
					}
					t.Fatalf("%s row %d column %s: %q, the CSV has %q", s.sheet, i+1, want[0][j], got, want[i][j])
				}
			}
		}
	}
	// Typed cells: a mean is a number, suppressed a logical.
	if typ, _ := f.GetCellType(compare.SheetSummary, "P2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("the mean is a %v cell, want a number", typ)
	}
	if typ, _ := f.GetCellType(compare.SheetSummary, "U2"); typ != excelize.CellTypeBool {
		t.Errorf("suppressed is a %v cell, want a logical", typ)
	}
}

// LibreOffice opens the spreadsheet with the accented text intact: it is
// converted headless to CSV and read back. Skipped where LibreOffice is
// missing (apt-get install libreoffice-calc-nogui); .ci/run installs it.
func TestWorkbookOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui); .ci/run installs it")
	}
	xlsx, _, summary := spreadsheet(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "comparison.xlsx")
	if err := os.WriteFile(in, xlsx, 0o600); err != nil {
		t.Fatal(err)
	}
	// The first sheet (the summary) as UTF-8 CSV (character set 76).
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1`, "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "comparison.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v", err)
	}
	want, _ := csv.NewReader(bytes.NewReader(summary)).ReadAll()
	if len(rows) != len(want) {
		t.Fatalf("LibreOffice read %d summary rows, want %d", len(rows), len(want))
	}
	text := string(got)
	for _, s := range []string{"Ambito Valle del Sole", "Tavolo tematico anziani – Piano di Zona", "Autovalutazione tavolo anziani 2026"} {
		if !strings.Contains(text, s) {
			t.Errorf("LibreOffice lost %q", s)
		}
	}
	mean := slices.Index(want[0], "mean")
	for i := 1; i < len(want); i++ {
		if want[i][mean] == "" {
			continue
		}
		a, _ := strconv.ParseFloat(rows[i][mean], 64)
		b, _ := strconv.ParseFloat(want[i][mean], 64)
		if a != b {
			t.Fatalf("row %d: LibreOffice reads the mean as %q, the CSV has %q", i, rows[i][mean], want[i][mean])
		}
	}
}
