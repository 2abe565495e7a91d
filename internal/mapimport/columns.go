package mapimport

import (
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// Column is one column of the file.
type Column struct {
	// Field is what the column fills; "" for a column that fills none.
	Field Field
	// Index counts the columns from 0 (A is 0).
	Index int
	// Header is the column's heading as the file writes it.
	Header string
}

// Name is the column as a spreadsheet names it, with its heading:
// "C (Directorate)".
func (c Column) Name() string {
	if c.Header == "" {
		return ColumnName(c.Index)
	}
	return ColumnName(c.Index) + " (" + c.Header + ")"
}

// Layout is where a file's header row is and what each column fills.
type Layout struct {
	// Header is the index in the table's rows of the header row; the rows
	// after it are the partnerships.
	Header int
	// Line is the header row's line (CSV) or row (xlsx).
	Line int
	// Columns are the columns that fill a field, in the order of Fields.
	Columns []Column
	// Ignored are the columns with a heading that fills no field.
	Ignored []Column
}

// Column returns the column that fills f.
func (lay *Layout) Column(f Field) (Column, bool) {
	for _, c := range lay.Columns {
		if c.Field == f {
			return c, true
		}
	}
	return Column{}, false
}

// ParseColumns reads a --columns option: FIELD=HEADING pairs separated by
// commas ("title=Name,directorate=Dept"), where FIELD is a field's name
// or any heading the field is known by, and HEADING is a heading of the
// file or a column's letter ("notes=H").
func (w *Words) ParseColumns(l *i18n.Lang, spec string) (map[Field]string, error) {
	out := map[Field]string{}
	if strings.TrimSpace(spec) == "" {
		return out, nil
	}
	for _, pair := range strings.Split(spec, ",") {
		k, v, ok := strings.Cut(pair, "=")
		f, known := w.headers[Key(k)]
		switch {
		case !ok || strings.TrimSpace(v) == "":
			return nil, &Error{Message: l.T("mapimport.columns.bad_pair", "Pair", strings.TrimSpace(pair)), Advice: l.T("mapimport.columns.hint", "Fields", fieldList())}
		case !known:
			return nil, &Error{Message: l.T("mapimport.columns.bad_field", "Field", strings.TrimSpace(k)), Advice: l.T("mapimport.columns.hint", "Fields", fieldList())}
		}
		if _, twice := out[f]; twice {
			return nil, &Error{Message: l.T("mapimport.columns.twice", "Field", string(f)), Advice: l.T("mapimport.columns.hint", "Fields", fieldList())}
		}
		out[f] = strings.TrimSpace(v)
	}
	return out, nil
}

func fieldList() string {
	names := make([]string, len(Fields))
	for i, f := range Fields {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// Layout finds the header row of t (the first of its first rows with a
// heading of the title, or the one spec names) and what each column
// fills: spec first, then the headings the words know. A field two
// columns could fill, and a file with no title column, are refused.
func (w *Words) Layout(l *i18n.Lang, t *Table, spec map[Field]string) (*Layout, error) {
	lay := &Layout{Header: -1}
	titleSpec := spec[FieldTitle]
	// A title given by a column's letter ("title=B") says nothing of
	// which row has the headings: it is the first with a heading known,
	// else the first row.
	byLetter := titleSpec != "" && columnIndex(titleSpec) >= 0
	for i := 0; i < min(len(t.Rows), headerSearch); i++ {
		found := false
		for _, c := range t.Rows[i].Cells {
			switch k := Key(c); {
			case k == "":
			case byLetter:
				_, known := w.headers[k]
				found = found || known || slices.ContainsFunc(Fields, func(f Field) bool { return spec[f] != "" && columnIndex(spec[f]) < 0 && Key(spec[f]) == k })
			case titleSpec != "":
				found = found || k == Key(titleSpec)
			default:
				found = found || w.headers[k] == FieldTitle
			}
		}
		if found {
			lay.Header = i
			break
		}
	}
	if byLetter && lay.Header < 0 && len(t.Rows) > 0 {
		lay.Header = 0
	}
	if lay.Header < 0 {
		if len(t.Rows) == 0 {
			return nil, &Error{Message: l.T("mapimport.columns.empty", "File", t.File)}
		}
		return nil, &Error{Message: l.T("mapimport.columns.no_title", "File", t.File, "Rows", min(len(t.Rows), headerSearch)),
			Advice: l.T("mapimport.columns.no_title_hint", "Words", w.headingsOf(l, FieldTitle))}
	}
	header := t.Rows[lay.Header]
	lay.Line = header.Line
	taken := map[int]Field{}
	for _, f := range Fields {
		want, ok := spec[f]
		if !ok {
			continue
		}
		idx := slices.IndexFunc(header.Cells, func(c string) bool { return Key(c) == Key(want) })
		if idx < 0 {
			idx = columnIndex(want)
		}
		if idx < 0 {
			return nil, &Error{Message: l.T("mapimport.columns.no_heading", "File", t.File, "Line", header.Line, "Heading", want, "Field", string(f)),
				Advice: l.T("mapimport.columns.headings", "Headings", headings(header.Cells))}
		}
		if g, dup := taken[idx]; dup {
			return nil, &Error{Message: l.T("mapimport.columns.one_column_two_fields", "Column", ColumnName(idx), "A", string(g), "B", string(f))}
		}
		taken[idx] = f
	}
	for i, c := range header.Cells {
		if _, ok := taken[i]; ok {
			continue
		}
		f, ok := w.headers[Key(c)]
		if !ok {
			if strings.TrimSpace(c) != "" {
				lay.Ignored = append(lay.Ignored, Column{Index: i, Header: strings.TrimSpace(c)})
			}
			continue
		}
		if _, given := spec[f]; given {
			lay.Ignored = append(lay.Ignored, Column{Index: i, Header: strings.TrimSpace(c)})
			continue
		}
		for j, g := range taken {
			if g == f {
				a, b := min(i, j), max(i, j)
				return nil, &Error{Message: l.T("mapimport.columns.two_columns", "File", t.File, "A", Column{Index: a, Header: cellAt(header.Cells, a)}.Name(),
					"B", Column{Index: b, Header: cellAt(header.Cells, b)}.Name(), "Field", string(f)),
					Advice: l.T("mapimport.columns.two_columns_hint", "Field", string(f), "Column", ColumnName(a))}
			}
		}
		taken[i] = f
	}
	for _, f := range Fields {
		for i, g := range taken {
			if g == f {
				lay.Columns = append(lay.Columns, Column{Field: f, Index: i, Header: strings.TrimSpace(cellAt(header.Cells, i))})
			}
		}
	}
	if _, ok := lay.Column(FieldTitle); !ok {
		return nil, &Error{Message: l.T("mapimport.columns.no_title", "File", t.File, "Rows", min(len(t.Rows), headerSearch)),
			Advice: l.T("mapimport.columns.no_title_hint", "Words", w.headingsOf(l, FieldTitle))}
	}
	return lay, nil
}

// headingsOf lists the headings f is known by in l: "Title, name,
// partnership ...".
func (w *Words) headingsOf(l *i18n.Lang, f Field) string {
	ids := fieldIDs[f]
	words := []string{l.T(ids[0])}
	for _, s := range strings.Split(l.T(ids[1]), "|") {
		if s = strings.TrimSpace(s); s != "" {
			words = append(words, s)
		}
	}
	return strings.Join(words, ", ")
}

// headings lists a header row's headings, for a hint.
func headings(cells []string) string {
	var out []string
	for i, c := range cells {
		if strings.TrimSpace(c) != "" {
			out = append(out, Column{Index: i, Header: strings.TrimSpace(c)}.Name())
		}
	}
	return strings.Join(out, ", ")
}

func cellAt(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}
