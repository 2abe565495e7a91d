package mapimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Limits on what a file may hold. A council's list is a few hundred rows
// of short cells (the seed mapping: 126 rows, 15 KB as CSV, 12 KB as
// xlsx); each limit leaves a wide margin and keeps a crafted file (a zip
// bomb, a million empty rows) to well under a second and a few tens of
// megabytes. docs/limits.md lists them.
const (
	// MaxFileSize bounds the file, in bytes (16 MiB).
	MaxFileSize = 16 << 20
	// MaxUnzipped bounds what an xlsx file holds once unzipped, all its
	// parts together, in bytes (64 MiB): excelize refuses more before it
	// reads it, and keeps it all in memory (never in temporary files).
	MaxUnzipped = 64 << 20
	// MaxRows bounds the rows with something in them: a site holds at
	// most workbook.MaxPartnerships partnerships.
	MaxRows = workbook.MaxPartnerships
	// MaxLines bounds every row read, empty ones too.
	MaxLines = 100 * MaxRows
	// MaxColumns bounds the columns of a row.
	MaxColumns = 200
	// headerSearch is how many rows are looked at for the header row
	// (a title or a note may stand above it).
	headerSearch = 20
)

// Format is the kind of file a list is in.
type Format int

// The formats a list can be read from.
const (
	CSV Format = iota
	XLSX
)

// FormatOf says which format a file name means by its extension, and
// whether it is one this package reads.
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return CSV, true
	case ".xlsx", ".xlsm":
		return XLSX, true
	}
	return CSV, false
}

// Table is a file as read: its rows of cells, before the header is found.
type Table struct {
	// File is the file's name as given, for messages.
	File   string
	Format Format
	// Sheet is the worksheet read (xlsx).
	Sheet string
	// Delimiter is what separates cells (CSV): ',' or ';' or a tab.
	Delimiter rune
	// Charset is "" for UTF-8, or the encoding the file was read in
	// when it was not UTF-8 (Excel's "CSV" on Windows: Windows-1252).
	Charset string
	Rows    []Row
}

// Row is one row of the file that has something in it.
type Row struct {
	// Line is the row's number: its line in a CSV file (the first line
	// of the row, when a cell spans lines), its row in a worksheet.
	Line  int
	Cells []string
}

// Error is a file that cannot be read, said for people in the language
// it was asked in.
type Error struct {
	Message string
	// Advice says what the user can do about it ("" when nothing helps).
	Advice string
}

func (e *Error) Error() string { return e.Message }

// Hint is the advice, for the command line's hint line.
func (e *Error) Hint() string { return e.Advice }

// ReadFile reads the list at path, by its extension: CSV, or an xlsx
// workbook (sheet names the worksheet, "" is the first). l says what is
// wrong with it.
func ReadFile(l *i18n.Lang, path, sheet string) (*Table, error) {
	format, ok := FormatOf(path)
	if !ok {
		return nil, &Error{Message: l.T("mapimport.read.format", "File", path, "Ext", filepath.Ext(path)), Advice: l.T("mapimport.read.format_hint")}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Message: l.T("mapimport.read.open", "File", path, "Err", cause(err))}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Error{Message: l.T("mapimport.read.open", "File", path, "Err", cause(err))}
	}
	if info.IsDir() {
		return nil, &Error{Message: l.T("mapimport.read.folder", "File", path)}
	}
	if info.Size() > MaxFileSize {
		return nil, tooBig(l, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{Message: l.T("mapimport.read.open", "File", path, "Err", cause(err))}
	}
	if format == XLSX {
		return ReadXLSX(l, path, data, sheet)
	}
	return ReadCSV(l, path, data)
}

func tooBig(l *i18n.Lang, path string) error {
	return &Error{Message: l.T("mapimport.read.too_big", "File", path, "MiB", MaxFileSize>>20), Advice: l.T("mapimport.read.too_big_hint", "Rows", MaxRows)}
}

// cause is an os error without the operation and path it repeats.
func cause(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var bom = []byte("\ufeff")

// ReadCSV reads a CSV list: UTF-8 with or without a byte order mark (or,
// when it is not UTF-8, Windows-1252, as Excel on Windows saves "CSV"),
// cells separated by commas, semicolons (Excel where the decimal mark is
// a comma, as in Italy) or tabs, whichever the first line has most of,
// lines ended by CRLF or LF.
func ReadCSV(l *i18n.Lang, name string, data []byte) (*Table, error) {
	if len(data) > MaxFileSize {
		return nil, tooBig(l, name)
	}
	t := &Table{File: name, Format: CSV}
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &Error{Message: l.T("mapimport.read.not_text", "File", name), Advice: l.T("mapimport.read.utf8_hint")}
		}
		data, t.Charset = dec, "Windows-1252"
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, &Error{Message: l.T("mapimport.read.not_text", "File", name), Advice: l.T("mapimport.read.utf8_hint")}
	}
	t.Delimiter = delimiter(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = t.Delimiter
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	lines := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &Error{Message: l.T("mapimport.read.csv_bad", "File", name, "Line", pe.Line, "Why", csvWhy(l, pe.Err)),
					Advice: l.T("mapimport.read.csv_bad_hint")}
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		lines++
		if err := t.add(l, line, rec, lines); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// add keeps a row that has something in it, copying its cells.
func (t *Table) add(l *i18n.Lang, line int, cells []string, lines int) error {
	if lines > MaxLines {
		return &Error{Message: l.T("mapimport.read.too_many_lines", "File", t.File, "Max", MaxLines), Advice: l.T("mapimport.read.too_big_hint", "Rows", MaxRows)}
	}
	if len(cells) > MaxColumns {
		return &Error{Message: l.T("mapimport.read.too_many_columns", "File", t.File, "Line", line, "N", len(cells), "Max", MaxColumns)}
	}
	empty := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	if len(t.Rows) >= MaxRows+headerSearch {
		return &Error{Message: l.T("mapimport.read.too_many_rows", "File", t.File, "Max", MaxRows), Advice: l.T("mapimport.read.too_many_rows_hint")}
	}
	t.Rows = append(t.Rows, Row{Line: line, Cells: append([]string(nil), cells...)})
	return nil
}

func csvWhy(l *i18n.Lang, err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return l.T("mapimport.read.csv_bare_quote")
	case errors.Is(err, csv.ErrQuote):
		return l.T("mapimport.read.csv_quote")
	}
	return err.Error()
}

// delimiter is the separator the first lines of data use most, outside
// quotes: comma, semicolon or tab (a comma when there is none). A title
// line above the header has none; a list of sectors in a cell has commas
// where the cells are separated by semicolons, but fewer.
func delimiter(data []byte) rune {
	counts := map[byte]int{}
	lines, quoted := 0, false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			if lines++; lines == headerSearch {
				break
			}
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
		}
		if lines == headerSearch {
			break
		}
	}
	best, n := ',', 0
	for _, d := range []byte{',', ';', '\t'} {
		if counts[d] > n {
			best, n = rune(d), counts[d]
		}
	}
	return best
}

// ReadXLSX reads an xlsx workbook's worksheet: sheet, or the one open
// when the file was saved, or else the first with anything in it. It
// holds excelize to [MaxUnzipped] so that a small file that unzips to
// gigabytes is refused before it is unzipped.
func ReadXLSX(l *i18n.Lang, name string, data []byte, sheet string) (*Table, error) {
	if len(data) > MaxFileSize {
		return nil, tooBig(l, name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnzipped,
		UnzipXMLSizeLimit: MaxUnzipped, // in memory, never in temporary files
	})
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "unzip size exceeds"): // excelize has no error value for it

			return nil, &Error{Message: l.T("mapimport.read.xlsx_too_big", "File", name, "MiB", MaxUnzipped>>20), Advice: l.T("mapimport.read.too_big_hint", "Rows", MaxRows)}
		case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
			return nil, &Error{Message: l.T("mapimport.read.xlsx_locked", "File", name), Advice: l.T("mapimport.read.xlsx_locked_hint")}
		}
		return nil, &Error{Message: l.T("mapimport.read.xlsx_bad", "File", name, "Err", err.Error()), Advice: l.T("mapimport.read.xlsx_bad_hint")}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet != "" {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			return nil, &Error{Message: l.T("mapimport.read.sheet_missing", "File", name, "Sheet", l.Quote(sheet), "Sheets", strings.Join(sheets, ", "))}
		}
		return readSheet(l, f, name, sheet)
	}
	if len(sheets) == 0 {
		return nil, &Error{Message: l.T("mapimport.read.xlsx_bad", "File", name, "Err", l.T("mapimport.read.no_sheet")), Advice: l.T("mapimport.read.xlsx_bad_hint")}
	}
	// The sheet open when the file was saved, else the first that has
	// anything in it.
	order := sheets
	if active := f.GetSheetName(f.GetActiveSheetIndex()); active != "" {
		order = append([]string{active}, slices.DeleteFunc(slices.Clone(sheets), func(s string) bool { return s == active })...)
	}
	var first *Table
	for _, s := range order {
		t, err := readSheet(l, f, name, s)
		if err != nil {
			return nil, err
		}
		if len(t.Rows) > 0 {
			return t, nil
		}
		if first == nil {
			first = t
		}
	}
	return first, nil
}

// readSheet reads one worksheet of f.
func readSheet(l *i18n.Lang, f *excelize.File, name, sheet string) (*Table, error) {
	t := &Table{File: name, Format: XLSX, Sheet: sheet}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &Error{Message: l.T("mapimport.read.xlsx_bad", "File", name, "Err", err.Error()), Advice: l.T("mapimport.read.xlsx_bad_hint")}
	}
	defer rows.Close()
	line := 0
	for rows.Next() {
		line++
		cells, err := rows.Columns()
		if err != nil {
			return nil, &Error{Message: l.T("mapimport.read.xlsx_bad", "File", name, "Err", err.Error()), Advice: l.T("mapimport.read.xlsx_bad_hint")}
		}
		if err := t.add(l, line, cells, line); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, &Error{Message: l.T("mapimport.read.xlsx_bad", "File", name, "Err", err.Error()), Advice: l.T("mapimport.read.xlsx_bad_hint")}
	}
	return t, nil
}

// ColumnName is a column's name as a spreadsheet shows it: A, B, ... Z,
// AA, AB ...; i counts from 0.
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// columnIndex reads a column name (A, b, AA) back; -1 when s is none.
func columnIndex(s string) int {
	if s == "" || len(s) > 3 {
		return -1
	}
	n := 0
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return -1
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}
