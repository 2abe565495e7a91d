package mapimport

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// MaxListed bounds the rows a summary lists under each heading; the rest
// are counted.
const MaxListed = 50

// Where names a line of t for people: "list.csv:14" in a CSV file, "list.xlsx,
// row 14" in a worksheet.
func Where(l *i18n.Lang, t *Table, line int) string {
	if t.Format == XLSX {
		return l.T("mapimport.where.row", "File", t.File, "Line", line)
	}
	return l.T("mapimport.where.line", "File", t.File, "Line", line)
}

// Where names the refused row or cell: "list.csv:14, column C
// (Directorate)"; the file alone when the whole file is refused.
func (r Refusal) Where(l *i18n.Lang, t *Table) string {
	if r.Line == 0 {
		return t.File
	}
	w := Where(l, t, r.Line)
	if r.Column.Index < 0 {
		return w
	}
	return l.T("mapimport.where.column", "Where", w, "Column", r.Column.Name())
}

// RefusedRows counts the rows refused (a row may be refused for several
// cells), and whether the file as a whole is refused too.
func (p *Plan) RefusedRows() (rows int, file bool) {
	last := -1
	for _, r := range p.Refused {
		if r.Line == 0 {
			file = true
			continue
		}
		if r.Line != last {
			rows++
			last = r.Line
		}
	}
	return rows, file
}

// Summary says what importing the plan does, one line a string, in l: the
// file read and its columns, the counts, the directorates the site does
// not list and the partnerships the file leaves alone, then the refused
// rows, the changed ones and, when verbose, the new ones, at most
// [MaxListed] of each.
func (p *Plan) Summary(l *i18n.Lang, verbose bool) []string {
	t := p.Table
	var out []string
	how := l.T("mapimport.summary.xlsx", "Sheet", l.Quote(t.Sheet), "Line", p.Layout.Line)
	if t.Format == CSV {
		sep := map[rune]string{',': "mapimport.summary.commas", ';': "mapimport.summary.semicolons", '\t': "mapimport.summary.tabs"}[t.Delimiter]
		how = l.T("mapimport.summary.csv", "Separator", l.T(sep), "Line", p.Layout.Line)
		if t.Charset != "" {
			how = l.T("mapimport.summary.charset", "How", how, "Charset", t.Charset)
		}
	}
	out = append(out, l.T("mapimport.summary.read", "File", t.File, "How", how, "Slug", p.Site.Slug, "Name", p.Site.Name))
	cols := make([]string, len(p.Layout.Columns))
	for i, c := range p.Layout.Columns {
		cols[i] = c.Name()
		if Key(c.Header) != Key(c.Field.Heading(l)) {
			cols[i] = l.T("mapimport.summary.column", "Column", c.Name(), "Field", c.Field.Heading(l))
		}
	}
	out = append(out, "  "+l.T("mapimport.summary.columns", "Columns", strings.Join(cols, ", ")))
	if len(p.Layout.Ignored) > 0 {
		ign := make([]string, len(p.Layout.Ignored))
		for i, c := range p.Layout.Ignored {
			ign[i] = c.Name()
		}
		out = append(out, "  "+l.T("mapimport.summary.ignored", "Columns", strings.Join(ign, ", ")))
	}
	refused, _ := p.RefusedRows()
	out = append(out, "  "+l.T("mapimport.summary.counts", "New", p.Count(New), "Changed", p.Count(Changed), "Unchanged", p.Count(Unchanged), "Refused", refused))
	if len(p.Directorates) > 0 {
		names := make([]string, len(p.Directorates))
		for i, d := range p.Directorates {
			names[i] = l.N("mapimport.summary.directorate", d.Rows, "Name", l.Quote(d.Name), "Where", Where(l, t, d.Line))
		}
		id := "mapimport.summary.directorates_unknown"
		if p.AddDirectorates {
			id = "mapimport.summary.directorates_added"
		}
		out = append(out, "  "+l.N(id, len(names), "Names", strings.Join(names, "; ")))
		if !p.AddDirectorates {
			listed := make([]string, len(p.Site.Directorates))
			for i, d := range p.Site.Directorates {
				listed[i] = d.Name
			}
			out = append(out, "  "+l.T("mapimport.summary.directorates_listed", "Names", strings.Join(listed, "; ")))
		}
	}
	if p.Untouched > 0 {
		out = append(out, "  "+l.N("mapimport.summary.untouched", p.Untouched))
	}
	list := func(heading string, lines []string) {
		if len(lines) == 0 {
			return
		}
		out = append(out, l.T(heading))
		for i, s := range lines {
			if i == MaxListed {
				out = append(out, "  "+l.N("mapimport.summary.more", len(lines)-MaxListed))
				break
			}
			out = append(out, "  "+s)
		}
	}
	var changed, added []string
	for _, e := range p.Entries {
		switch e.Action {
		case Changed:
			fs := make([]string, len(e.Fields))
			for i, f := range e.Fields {
				fs[i] = f.Heading(l)
			}
			changed = append(changed, l.T("mapimport.summary.changed_row", "Where", Where(l, t, e.Line), "Title", e.Partnership.Title, "Fields", strings.Join(fs, ", ")))
		case New:
			added = append(added, l.T("mapimport.summary.new_row", "Where", Where(l, t, e.Line), "Title", e.Partnership.Title))
		}
	}
	var bad []string
	for _, r := range p.Refused {
		bad = append(bad, l.T("mapimport.summary.refused_row", "Where", r.Where(l, t), "Why", r.Reason))
	}
	list("mapimport.summary.refused_heading", bad)
	list("mapimport.summary.changed_heading", changed)
	if verbose {
		list("mapimport.summary.new_heading", added)
	}
	return out
}
