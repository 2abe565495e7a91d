package mapimport

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textcheck"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Options say how a list is matched to a site.
type Options struct {
	// Columns is the --columns option ("title=Name,directorate=Dept").
	Columns string
	// AddDirectorates adds the directorates the file names and the site
	// does not list, instead of refusing their rows.
	AddDirectorates bool
}

// Action is what importing does with a row.
type Action int

// The actions of a row that is not refused.
const (
	New       Action = iota // a partnership the site does not have yet
	Changed                 // a partnership of the site, some of whose fields differ
	Unchanged               // a partnership of the site as the row has it already
)

// Entry is a row that can be imported.
type Entry struct {
	Line   int
	Action Action
	// Partnership is the record as it will be saved (for Unchanged, as it
	// is stored).
	Partnership workbook.Partnership
	// Fields are the fields that change (Changed).
	Fields []Field
}

// Refusal is a row (or, with Line 0, the file) that cannot be imported,
// and why.
type Refusal struct {
	Line int
	// Column is the cell at fault; Index -1 when it is the row as a whole.
	Column Column
	Reason string
}

// NewDirectorate is a directorate the file names that the site does not
// list.
type NewDirectorate struct {
	workbook.Directorate
	// Rows is how many rows name it, the first on Line.
	Rows, Line int
}

// Plan is what importing a list into a site does: worked out from the file
// and the site as it is, and shown before anything is saved.
type Plan struct {
	Table  *Table
	Layout *Layout
	Site   workbook.Site
	// Entries are the rows that can be imported, in file order.
	Entries []Entry
	// Refused are the rows that cannot, in file order.
	Refused []Refusal
	// Directorates are those the file names that the site does not list:
	// added when AddDirectorates is set, else their rows are refused.
	Directorates    []NewDirectorate
	AddDirectorates bool
	// Untouched counts the site's partnerships that are not in the file:
	// importing leaves them as they are.
	Untouched int

	// basis is when each partnership of the site was last changed, and
	// dirs the site's directorates, as the plan saw them: Apply refuses
	// to run on a map that changed since.
	basis map[string]time.Time
	dirs  []workbook.Directorate
	lang  *i18n.Lang
}

// ErrRefused is returned by [Plan.Apply] when the plan has refused rows,
// or directorates to add that were not allowed to be added.
var ErrRefused = errors.New("the list has rows that cannot be imported; nothing was imported")

// ErrStale is returned by [Plan.Apply] when the site's map changed after
// the plan was made: the plan must be made again.
var ErrStale = errors.New("the site's map changed since the list was checked; check it again")

// Count returns how many rows have action a.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, e := range p.Entries {
		if e.Action == a {
			n++
		}
	}
	return n
}

// Ready reports whether the plan can be applied: no row is refused.
func (p *Plan) Ready() bool { return len(p.Refused) == 0 }

// Changes reports whether applying the plan changes anything.
func (p *Plan) Changes() bool {
	return p.Count(New)+p.Count(Changed) > 0 || len(p.Directorates) > 0 && p.AddDirectorates
}

// Prepare reads how t's rows meet the site siteRef (its id or slug) as r
// sees it, with messages in l. It changes nothing.
func Prepare(r *workbook.Reader, l *i18n.Lang, w *Words, t *Table, siteRef string, opts Options) (*Plan, error) {
	spec, err := w.ParseColumns(l, opts.Columns)
	if err != nil {
		return nil, err
	}
	lay, err := w.Layout(l, t, spec)
	if err != nil {
		return nil, err
	}
	site, err := r.Site(siteRef)
	if err != nil {
		return nil, err
	}
	stored, err := r.Partnerships(site.ID)
	if err != nil {
		return nil, err
	}
	p := &Plan{Table: t, Layout: lay, Site: site, AddDirectorates: opts.AddDirectorates, basis: map[string]time.Time{},
		dirs: slices.Clone(site.Directorates), lang: l}
	byTitle := map[string][]int{}
	for i, sp := range stored {
		byTitle[Key(sp.Title)] = append(byTitle[Key(sp.Title)], i)
		p.basis[sp.ID] = sp.Updated
	}
	m := &matcher{l: l, w: w, p: p, lay: lay, dirs: directorateKeys(r, site), newDirs: map[string]int{}}
	seen := map[string]int{} // title key -> line of the row that has it
	used := map[string]bool{}
	for _, row := range t.Rows[lay.Header+1:] {
		title, _ := m.cell(row, FieldTitle)
		k := Key(title)
		if line, dup := seen[k]; dup && k != "" {
			m.refuse(row.Line, FieldTitle, l.T("mapimport.row.title_twice", "Title", l.Quote(title), "Where", p.where(line)))
			continue
		}
		seen[k] = row.Line
		in, ok := m.row(row)
		if !ok {
			continue
		}
		switch idx := byTitle[k]; len(idx) {
		case 0:
			in.SiteID = site.ID
			if !m.has(FieldOngoing) {
				in.OngoingUnknown = true
			}
			if m.check(row.Line, in) {
				p.Entries = append(p.Entries, Entry{Line: row.Line, Action: New, Partnership: in})
			}
		case 1:
			old := stored[idx[0]]
			used[old.ID] = true
			out, fields := m.merge(old, in)
			e := Entry{Line: row.Line, Action: Unchanged, Partnership: out}
			if len(fields) > 0 {
				e.Action, e.Fields = Changed, fields
			}
			if m.check(row.Line, out) {
				p.Entries = append(p.Entries, e)
			}
		default:
			m.refuse(row.Line, FieldTitle, l.N("mapimport.row.title_ambiguous", len(idx), "Title", l.Quote(in.Title)))
		}
	}
	p.Untouched = len(stored) - len(used)
	for _, k := range m.newOrder {
		p.Directorates = append(p.Directorates, m.dirsToAdd[k])
	}
	if n := len(stored) + p.Count(New); n > workbook.MaxPartnerships {
		p.Refused = append(p.Refused, Refusal{Column: Column{Index: -1}, Reason: l.T("mapimport.plan.too_many",
			"Site", site.Slug, "Have", len(stored), "New", p.Count(New), "Max", workbook.MaxPartnerships)})
	}
	if n := len(site.Directorates) + len(p.Directorates); opts.AddDirectorates && n > workbook.MaxDirectorates {
		p.Refused = append(p.Refused, Refusal{Column: Column{Index: -1}, Reason: l.T("mapimport.plan.too_many_directorates",
			"Site", site.Slug, "Have", len(site.Directorates), "New", len(p.Directorates), "Max", workbook.MaxDirectorates)})
	}
	slices.SortStableFunc(p.Refused, func(a, b Refusal) int { return a.Line - b.Line })
	return p, nil
}

// Apply imports the plan in c: the directorates to add, then every new and
// changed partnership, in one change. It returns [ErrRefused] when the
// plan is not ready and [ErrStale] when the site's map changed since the
// plan was made.
func (p *Plan) Apply(c *workbook.Change) error {
	if !p.Ready() {
		return ErrRefused
	}
	site, err := c.Site(p.Site.ID)
	if err != nil {
		return err
	}
	now, err := c.Partnerships(site.ID)
	if err != nil {
		return err
	}
	if !slices.Equal(site.Directorates, p.dirs) || len(now) != len(p.basis) {
		return ErrStale
	}
	for _, sp := range now {
		if t, ok := p.basis[sp.ID]; !ok || !t.Equal(sp.Updated) {
			return ErrStale
		}
	}
	if len(p.Directorates) > 0 {
		dirs := slices.Clone(site.Directorates)
		for _, d := range p.Directorates {
			dirs = append(dirs, d.Directorate)
		}
		if err := c.SetDirectorates(site.ID, dirs); err != nil {
			return err
		}
	}
	var batch []workbook.Partnership
	for _, e := range p.Entries {
		if e.Action != Unchanged {
			batch = append(batch, e.Partnership)
		}
	}
	_, err = c.SavePartnerships(batch)
	return err
}

// where names a line of the file: "list.csv:14", "list.xlsx, row 14".
func (p *Plan) where(line int) string { return Where(p.lang, p.Table, line) }

// matcher reads the rows of one file for one site.
type matcher struct {
	l   *i18n.Lang
	w   *Words
	p   *Plan
	lay *Layout
	// dirs are the site's directorates by the keys of their names and ids.
	dirs map[string]string
	// newDirs counts, by key, the rows naming a directorate the site does
	// not list; dirsToAdd are those directorates, in newOrder.
	newDirs   map[string]int
	dirsToAdd map[string]NewDirectorate
	newOrder  []string
}

func (m *matcher) has(f Field) bool { _, ok := m.lay.Column(f); return ok }

// refuse notes that the row at line cannot be imported because of its
// cell of field f ("" for the row as a whole).
func (m *matcher) refuse(line int, f Field, reason string) {
	col := Column{Index: -1}
	if f != "" {
		col, _ = m.lay.Column(f)
	}
	m.p.Refused = append(m.p.Refused, Refusal{Line: line, Column: col, Reason: reason})
}

// cell is the row's value of f, cleaned: a one-line field's runs of
// spaces and line breaks are one space, a note's line ends are "\n", and
// the quote a CSV export puts before a formula-like text is taken off.
func (m *matcher) cell(row Row, f Field) (string, bool) {
	c, ok := m.lay.Column(f)
	if !ok {
		return "", false
	}
	v := cellAt(row.Cells, c.Index)
	if len(v) > 1 && v[0] == '\'' && strings.IndexByte(formulaStart, v[1]) >= 0 {
		v = v[1:]
	}
	if f == FieldNotes {
		return strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n")), true
	}
	return strings.Join(strings.Fields(v), " "), true
}

// row reads one row's fields; ok is false when the row was refused.
func (m *matcher) row(row Row) (workbook.Partnership, bool) {
	l := m.l
	var p workbook.Partnership
	bad := len(m.p.Refused)
	text := func(f Field, dst *string, limit int) {
		v, _ := m.cell(row, f)
		switch n := utf8.RuneCountInString(v); {
		case n > limit:
			m.refuse(row.Line, f, l.T("mapimport.row.too_long", "N", n, "Max", limit))
		case controlAt(v, f == FieldNotes):
			m.refuse(row.Line, f, l.T("mapimport.row.control"))
		default:
			*dst = v
		}
	}
	text(FieldTitle, &p.Title, workbook.MaxShortText)
	if p.Title == "" && len(m.p.Refused) == bad {
		m.refuse(row.Line, FieldTitle, l.T("mapimport.row.no_title"))
	}
	text(FieldArea, &p.Area, workbook.MaxShortText)
	text(FieldNotes, &p.Notes, workbook.MaxLongText)
	if v, ok := m.cell(row, FieldDirectorate); ok && v != "" {
		p.Directorate = m.directorate(row.Line, v)
	}
	if v, ok := m.cell(row, FieldCommunity); ok && v != "" && !m.w.unknown[Key(v)] {
		c, known := m.w.community[Key(v)]
		if !known {
			m.refuse(row.Line, FieldCommunity, l.T("mapimport.row.community", "Value", l.Quote(v)))
		}
		p.Community = c
	}
	if v, ok := m.cell(row, FieldPartners); ok && v != "" {
		secs, unknown := m.w.sectorsOf(v)
		if unknown != "" {
			m.refuse(row.Line, FieldPartners, l.T("mapimport.row.sector", "Value", l.Quote(unknown)))
		}
		p.Partners = secs
	}
	if v, ok := m.cell(row, FieldStartYear); ok && v != "" && !m.w.unknown[Key(v)] {
		y, err := strconv.Atoi(v)
		if err != nil || len(v) != 4 || y < workbook.MinYear || y > workbook.MaxYear {
			m.refuse(row.Line, FieldStartYear, l.T("mapimport.row.year", "Value", l.Quote(v), "Min", workbook.MinYear, "Max", workbook.MaxYear))
		}
		p.StartYear = y
	}
	if v, ok := m.cell(row, FieldOngoing); ok {
		switch o, known := m.w.ongoing[Key(v)]; {
		case v == "" || m.w.unknown[Key(v)]:
			p.OngoingUnknown = true
		case !known:
			m.refuse(row.Line, FieldOngoing, l.T("mapimport.row.ongoing", "Value", l.Quote(v)))
		default:
			p.Ongoing, p.OngoingUnknown = o == ongoingYes, o == ongoingUnknown
		}
	}
	return p, len(m.p.Refused) == bad
}

// directorate finds the site's directorate that v names, or notes one to
// add (and, unless it may be added, refuses the row).
func (m *matcher) directorate(line int, v string) string {
	if id, ok := m.dirs[Key(v)]; ok {
		return id
	}
	if id, ok := m.dirs[looseKey(v)]; ok && looseKey(v) != "" {
		return id
	}
	k := Key(v)
	if m.dirsToAdd == nil {
		m.dirsToAdd = map[string]NewDirectorate{}
	}
	d, ok := m.dirsToAdd[k]
	if !ok {
		if utf8.RuneCountInString(v) > workbook.MaxShortText {
			m.refuse(line, FieldDirectorate, m.l.T("mapimport.row.too_long", "N", utf8.RuneCountInString(v), "Max", workbook.MaxShortText))
			return ""
		}
		d = NewDirectorate{Directorate: workbook.Directorate{ID: m.newID(v), Name: v}, Line: line}
		m.newOrder = append(m.newOrder, k)
	}
	d.Rows++
	m.dirsToAdd[k] = d
	if !m.p.AddDirectorates {
		m.refuse(line, FieldDirectorate, m.l.T("mapimport.row.directorate", "Value", m.l.Quote(v)))
	}
	return d.ID
}

// newID is an id for a new directorate named name, one no directorate of
// the site (or of this file) has.
func (m *matcher) newID(name string) string {
	base := workbook.Slugify(name)
	taken := func(id string) bool {
		if slices.ContainsFunc(m.p.Site.Directorates, func(d workbook.Directorate) bool { return d.ID == id }) {
			return true
		}
		for _, d := range m.dirsToAdd {
			if d.ID == id {
				return true
			}
		}
		return false
	}
	id := base
	for n := 2; taken(id); n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// merge is old with the fields the file has replaced where they differ,
// and which fields those are. Texts that differ only in spacing are the
// same.
func (m *matcher) merge(old, in workbook.Partnership) (workbook.Partnership, []Field) {
	out := old
	var fields []Field
	for _, c := range m.lay.Columns {
		same := true
		switch c.Field {
		case FieldTitle:
			if same = strings.Join(strings.Fields(old.Title), " ") == in.Title; !same {
				out.Title = in.Title
			}
		case FieldDirectorate:
			if same = old.Directorate == in.Directorate; !same {
				out.Directorate = in.Directorate
			}
		case FieldArea:
			if same = strings.Join(strings.Fields(old.Area), " ") == in.Area; !same {
				out.Area = in.Area
			}
		case FieldCommunity:
			if same = old.Community == in.Community; !same {
				out.Community = in.Community
			}
		case FieldPartners:
			if same = slices.Equal(sortedSectors(old.Partners), sortedSectors(in.Partners)); !same {
				out.Partners = in.Partners
			}
		case FieldStartYear:
			if same = old.StartYear == in.StartYear; !same {
				out.StartYear = in.StartYear
			}
		case FieldOngoing:
			if same = old.Ongoing == in.Ongoing && old.OngoingUnknown == in.OngoingUnknown; !same {
				out.Ongoing, out.OngoingUnknown = in.Ongoing, in.OngoingUnknown
			}
		case FieldNotes:
			if same = strings.TrimSpace(strings.ReplaceAll(old.Notes, "\r\n", "\n")) == in.Notes; !same {
				out.Notes = in.Notes
			}
		}
		if !same {
			fields = append(fields, c.Field)
		}
	}
	return out, fields
}

// check applies the domain's rule for a partnership to p, refusing the
// row at line with the domain's words for what the row's own checks let
// through.
func (m *matcher) check(line int, p workbook.Partnership) bool {
	err := workbook.CheckPartnership(p)
	var fes workbook.FieldErrors
	if !errors.As(err, &fes) {
		return err == nil
	}
	for _, fe := range fes {
		f := Field(strings.ReplaceAll(fe.Field, " ", "_"))
		if !slices.Contains(Fields, f) {
			f = ""
		}
		m.refuse(line, f, fe.Message)
	}
	return false
}

// sectorsOf reads a partners cell: sector names separated by commas,
// semicolons, slashes, plus signs or line breaks, each a name in any
// language, an id or a letter of the Map's codes, or several of those
// separated by spaces ("council health"). unknown is the first piece
// that is none.
func (w *Words) sectorsOf(v string) (out []workbook.Sector, unknown string) {
	pieces := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(",;/+|\n\r", r) })
	for _, piece := range pieces {
		if s, ok := w.sectors[Key(piece)]; ok {
			out = append(out, s)
			continue
		}
		if Key(piece) == "" {
			continue
		}
		for _, word := range strings.Fields(piece) {
			s, ok := w.sectors[Key(word)]
			if !ok && Key(word) != "" {
				return nil, strings.TrimSpace(piece)
			}
			if ok {
				out = append(out, s)
			}
		}
	}
	return sortedSectors(out), ""
}

// sortedSectors is ps once each, in the domain's order.
func sortedSectors(ps []workbook.Sector) []workbook.Sector {
	var out []workbook.Sector
	for _, s := range workbook.Sectors {
		if slices.Contains(ps, s) {
			out = append(out, s)
		}
	}
	return out
}

// directorateKeys are the keys a site's directorates are known by: each
// one's id and name, the names its questionnaire gives it in every
// language, and those names without what is in brackets when that names
// one directorate only.
func directorateKeys(r *workbook.Reader, site workbook.Site) map[string]string {
	exact := map[string]string{}
	loose := map[string]string{}
	clash := map[string]bool{}
	addLoose := func(k, id string) {
		if k == "" {
			return
		}
		if old, ok := loose[k]; ok && old != id {
			clash[k] = true
		}
		loose[k] = id
	}
	names := map[string][]string{}
	for _, d := range site.Directorates {
		names[d.ID] = append(names[d.ID], d.ID, d.Name)
	}
	if q, err := r.Questionnaire(site.Questionnaire); err == nil {
		for _, d := range q.Directorates {
			if _, listed := names[d.ID]; listed {
				for _, n := range d.Name {
					names[d.ID] = append(names[d.ID], n)
				}
			}
		}
	}
	for _, d := range site.Directorates {
		for _, n := range names[d.ID] {
			if _, ok := exact[Key(n)]; !ok {
				exact[Key(n)] = d.ID
			}
			addLoose(looseKey(n), d.ID)
		}
	}
	for k, id := range loose {
		if _, ok := exact[k]; !ok && !clash[k] {
			exact[k] = id
		}
	}
	return exact
}

// formulaStart is what makes a spreadsheet read a cell as a formula:
// an export puts a quote before a text that starts with one of them
// (OWASP, CSV injection), and an import takes it off again.
const formulaStart = "=+-@\t\r"

// controlAt reports whether v holds a control character (a note may hold
// line breaks and tabs).
func controlAt(v string, multiline bool) bool {
	_, at := textcheck.Control(v, multiline)
	return at >= 0
}
