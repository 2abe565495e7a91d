package mapimport_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/engage-toolkit/engage/internal/mapimport"
)

func TestKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Start year", "start year"},
		{"  START_YEAR ", "start year"},
		{"Anno d’inizio", "anno d inizio"},
		{"Tipo di comunità", "tipo di comunita"},
		{"Sì", "si"},
		{"Culture & regeneration (+NDC)", "culture regeneration ndc"},
		{"", ""},
		{"?!", ""},
	} {
		if got := mapimport.Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// No heading or value word of the catalogues means two things.
func TestWordsHaveNoClashes(t *testing.T) {
	for _, c := range mapimport.Clashes(cat) {
		t.Error(c)
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 2: "C", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := mapimport.ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %s, want %s", i, got, want)
		}
	}
}

// The ways a spreadsheet writes CSV all read as the same rows.
func TestReadCSVVariants(t *testing.T) {
	rows := [][]string{{"Title", "Directorate", "Notes"}, {"Città sana", "Servizi sociali e sanità", "one\ntwo"}, {"Forum, north", "", ""}}
	encode := func(sep string, crlf, bom bool) []byte {
		var b strings.Builder
		if bom {
			b.WriteString("\ufeff")
		}
		for _, r := range rows {
			cells := make([]string, len(r))
			for i, c := range r {
				if strings.ContainsAny(c, sep+"\n\",") {
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
				cells[i] = c
			}
			b.WriteString(strings.Join(cells, sep))
			if crlf {
				b.WriteString("\r\n")
			} else {
				b.WriteString("\n")
			}
		}
		return []byte(b.String())
	}
	for _, tc := range []struct {
		name string
		data []byte
		sep  rune
		cs   string
	}{
		{"comma LF", encode(",", false, false), ',', ""},
		{"comma CRLF BOM", encode(",", true, true), ',', ""},
		{"semicolon CRLF BOM (Italian Excel)", encode(";", true, true), ';', ""},
		{"tab", encode("\t", false, false), '\t', ""},
		{"Windows-1252", must(charmap.Windows1252.NewEncoder().Bytes(encode(";", true, false))), ';', "Windows-1252"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := mapimport.ReadCSV(en, "list.csv", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if tab.Delimiter != tc.sep || tab.Charset != tc.cs {
				t.Errorf("delimiter %q, charset %q; want %q, %q", tab.Delimiter, tab.Charset, tc.sep, tc.cs)
			}
			if len(tab.Rows) != 3 {
				t.Fatalf("%d rows, want 3", len(tab.Rows))
			}
			for i, r := range rows {
				got := strings.Join(tab.Rows[i].Cells, "|")
				got = strings.ReplaceAll(got, "\r\n", "\n")
				if want := strings.Join(r, "|"); got != want {
					t.Errorf("row %d = %q, want %q", i, got, want)
				}
			}
			if l := tab.Rows[2].Line; l != 4 {
				t.Errorf("the third row is on line %d, want 4 (the second spans two lines)", l)
			}
		})
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// A file that cannot be read is refused with where and why, in the
// user's language.
func TestReadRefusals(t *testing.T) {
	many := "Title\n" + strings.Repeat("x\n", mapimport.MaxRows+30)
	empty := "Title\n" + strings.Repeat(";;\n", mapimport.MaxLines+1)
	for _, tc := range []struct {
		name, data string
		want       string
	}{
		{"bare quote", "Title,Notes\nOlder People's \"Council\",x\n", "list.csv:2: a quote mark inside a cell"},
		{"open quote", "Title,Notes\n\"Older,x\n", "list.csv:2: a quoted cell is not closed"},
		{"too many rows", many, "lists more than 1000 partnerships"},
		{"too many empty rows", empty, "more than 100000 rows"},
		{"NUL", "Title\nx\x00y\n", "is not a text file"},
		{"too many columns", "Title" + strings.Repeat(",", mapimport.MaxColumns) + "\n", "201 columns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mapimport.ReadCSV(en, "list.csv", []byte(tc.data))
			var me *mapimport.Error
			if !errors.As(err, &me) || !strings.Contains(me.Message, tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	_, err := mapimport.ReadCSV(it, "elenco.csv", []byte("Titolo;Note\n\"Consulta;x\n"))
	if err == nil || !strings.Contains(err.Error(), "elenco.csv:2: una cella tra virgolette non è chiusa") {
		t.Errorf("in Italian: %v", err)
	}
	big := make([]byte, mapimport.MaxFileSize+1)
	if _, err := mapimport.ReadCSV(en, "big.csv", big); err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Errorf("a file over the limit: %v", err)
	}
	if _, err := mapimport.ReadFile(en, "list.ods", ""); err == nil || !strings.Contains(err.Error(), "not .ods files") {
		t.Errorf("an .ods file: %v", err)
	}
}

// An xlsx file that unzips to more than MaxUnzipped is refused before it
// is unzipped; one whose zip headers claim less than it holds is read
// only as far as they claim (Go's zip reader stops there), so neither
// costs the memory it would unzip to.
func TestXLSXZipBomb(t *testing.T) {
	// A real workbook, with its sheet padded to size bytes.
	base := excelize.NewFile()
	base.SetCellStr("Sheet1", "A1", "Title")
	base.SetCellStr("Sheet1", "A2", "Older People's Council")
	var orig bytes.Buffer
	if _, err := base.WriteTo(&orig); err != nil {
		t.Fatal(err)
	}
	build := func(size int) []byte {
		zr, err := zip.NewReader(bytes.NewReader(orig.Bytes()), int64(orig.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
		for _, f := range zr.File {
			w, err := zw.Create(f.Name)
			if err != nil {
				t.Fatal(err)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			content, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name == "xl/worksheets/sheet1.xml" {
				at := bytes.Index(content, []byte("<sheetData>")) + len("<sheetData>")
				w.Write(content[:at])
				pad := bytes.Repeat([]byte(" "), 1<<20)
				for n := 0; n < size; n += len(pad) {
					w.Write(pad)
				}
				content = content[at:]
			}
			w.Write(content)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	bomb := build(mapimport.MaxUnzipped + 1<<20)
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes; it should be small", len(bomb))
	}
	_, err := mapimport.ReadXLSX(en, "bomb.xlsx", bomb, "")
	if err == nil || !strings.Contains(err.Error(), "unzips to more than 64 MiB") {
		t.Errorf("a zip bomb: %v", err)
	}
	// The same file with its headers claiming a small size: the zip
	// reader stops at the size claimed.
	liar := bytes.Clone(bomb)
	i := bytes.LastIndex(liar, []byte("PK\x01\x02"))
	for ; i >= 0; i = bytes.LastIndex(liar[:i], []byte("PK\x01\x02")) {
		name := liar[i+46 : i+46+(int(liar[i+28])|int(liar[i+29])<<8)]
		if string(name) == "xl/worksheets/sheet1.xml" {
			copy(liar[i+24:i+28], []byte{0, 16, 0, 0}) // uncompressed size 4096
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = mapimport.ReadXLSX(en, "liar.xlsx", liar, "")
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
		t.Errorf("reading a zip whose headers lie allocated %d MiB (%v)", n>>20, err)
	}
	// A real small workbook still reads.
	tab, err := mapimport.ReadXLSX(en, "small.xlsx", build(1<<20), "")
	if err != nil || len(tab.Rows) != 2 || tab.Rows[1].Cells[0] != "Older People's Council" {
		t.Errorf("a 1 MiB sheet: %v, %+v", err, tab)
	}
}

// docs/limits.md says the limits on a list.
func TestLimitsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "limits.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("the file, CSV or xlsx: at most %d MiB", mapimport.MaxFileSize>>20),
		fmt.Sprintf("all its parts together: at most %d MiB", mapimport.MaxUnzipped>>20),
		fmt.Sprintf("rows with something in them: at most %d,%03d", mapimport.MaxRows/1000, mapimport.MaxRows%1000),
		fmt.Sprintf("rows in all, empty ones too: at most %d,%03d", mapimport.MaxLines/1000, mapimport.MaxLines%1000),
		fmt.Sprintf("columns of a row: at most %d.", mapimport.MaxColumns),
	} {
		if !strings.Contains(strings.Join(strings.Fields(string(doc)), " "), want) {
			t.Errorf("docs/limits.md does not say %q", want)
		}
	}
}
