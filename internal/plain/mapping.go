package plain

import (
	"cmp"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// mapStep is step 1: the site's partnerships counted by directorate (the
// counts of analysis.CountByDirectorate, unassigned and total included),
// each directorate's partnerships on asking, and a form to add one.
type mapStep struct {
	siteID string
	site   workbook.Site
	l      *i18n.Lang
	ps     []workbook.Partnership // in the language's order of titles
	counts []analysis.DirectorateCount
	total  int
}

func newMapStep(siteID string) *mapStep { return &mapStep{siteID: siteID} }

func (m *mapStep) speaks() *i18n.Lang { return m.l }
func (m *mapStep) title() string      { return m.l.N("plain.map.title", m.total) }

func (m *mapStep) load(s *session) error {
	err := s.svc.Read(func(r *workbook.Reader) (err error) {
		if m.site, err = r.Site(m.siteID); err != nil {
			return err
		}
		m.ps, err = r.Partnerships(m.siteID)
		return err
	})
	if err != nil {
		m.l = s.user
		return err
	}
	m.l = s.siteLang(m.site.Language)
	coll := m.l.Collator()
	slices.SortStableFunc(m.ps, func(a, b workbook.Partnership) int {
		return cmp.Or(coll.CompareString(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	m.counts, m.total = analysis.CountByDirectorate(m.site.Directorates, m.ps)
	return nil
}

// dirName names one row of the counts.
func (m *mapStep) dirName(c analysis.DirectorateCount) string {
	switch {
	case c.ID == "":
		return m.l.T("plain.map.unassigned")
	case !c.Known:
		return m.l.T("plain.map.not_listed", "ID", text(c.ID))
	}
	return text(c.Name)
}

func (m *mapStep) show(s *session) {
	l := m.l
	s.say(l.N("plain.map.heading", m.total, "Site", text(m.site.Name)))
	s.say(l.T("plain.map.by_directorate"))
	items := make([]string, len(m.counts))
	for i, c := range m.counts {
		items[i] = l.N("plain.map.count_item", c.Count, "Directorate", m.dirName(c))
	}
	numbered(s, l, items)
	s.say(l.N("plain.map.total", m.total))
}

func (m *mapStep) prompt() string { return m.l.T("plain.map.prompt", "Last", len(m.counts)) }

func (m *mapStep) commands() []command {
	l := m.l
	return []command{
		{l.T("plain.cmd.number_keys", "Last", len(m.counts)), l.T("plain.map.cmd_directorate")},
		{"l", l.T("plain.map.cmd_list")},
		{"a", l.T("plain.map.cmd_add")},
	}
}

func (m *mapStep) answer(s *session, line string) {
	if i, ok := choice(line, len(m.counts)); ok {
		m.listDirectorate(s, m.counts[i])
		return
	}
	switch {
	case line == "l":
		for _, c := range m.counts {
			if c.Count > 0 {
				m.listDirectorate(s, c)
			}
		}
	case line == "a":
		s.push(m.addForm())
	case isNumber(line):
		outOfRange(s, m.l, line, len(m.counts))
	default:
		s.unknown(m.l, line)
	}
}

// listDirectorate says the partnerships of one row of the counts.
func (m *mapStep) listDirectorate(s *session, c analysis.DirectorateCount) {
	s.say(m.l.N("plain.map.directorate_heading", c.Count, "Directorate", m.dirName(c)))
	var items []string
	for _, p := range m.ps {
		if p.Directorate == c.ID {
			items = append(items, describePartnership(m.l, p))
		}
	}
	numbered(s, m.l, items)
}

// describePartnership says a mapped partnership in one sentence: its
// title, then what is known of it.
func describePartnership(l *i18n.Lang, p workbook.Partnership) string {
	var parts []string
	if a := text(p.Area); a != "" {
		parts = append(parts, l.T("plain.map.p_area", "Area", a))
	}
	if p.Community != workbook.CommunityUnknown {
		parts = append(parts, communityWords.in(l, p.Community))
	}
	if len(p.Partners) > 0 {
		words := make([]string, len(p.Partners))
		for i, sec := range p.Partners {
			words[i] = sectorWords.in(l, sec)
		}
		parts = append(parts, l.T("plain.map.p_partners", "List", strings.Join(words, ", ")))
	}
	if y := yearText(p.StartYear); y != "" {
		parts = append(parts, l.T("plain.map.p_started", "Year", y))
	}
	switch {
	case p.OngoingUnknown:
		parts = append(parts, l.T("plain.map.p_ongoing_unknown"))
	case p.Ongoing:
		parts = append(parts, l.T("plain.map.p_ongoing"))
	default:
		parts = append(parts, l.T("plain.map.p_ended"))
	}
	return l.T("plain.map.partnership", "Title", text(p.Title), "Details", strings.Join(parts, "; "))
}

// addForm asks for a new partnership's fields: the Map's form, a line
// each.
func (m *mapStep) addForm() *form {
	l := m.l
	dirs := []option{}
	for _, d := range m.site.Directorates {
		dirs = append(dirs, option{d.ID, text(d.Name)})
	}
	dirs = append(dirs, option{"", l.T("plain.map.unassigned")})
	comms := []option{{string(workbook.CommunityGeographical), communityWords.in(l, workbook.CommunityGeographical)},
		{string(workbook.CommunityOfInterest), communityWords.in(l, workbook.CommunityOfInterest)},
		{string(workbook.CommunityUnknown), l.T("plain.not_known")}}
	var sectors []option
	for _, sec := range workbook.Sectors {
		sectors = append(sectors, option{string(sec), sectorWords.in(l, sec)})
	}
	ongoing := []option{{"yes", l.T("plain.yes")}, {"no", l.T("plain.no")}, {"unknown", l.T("plain.not_known")}}
	fields := []*field{
		{name: "title", label: l.T("plain.map.field_title"), required: true},
		{name: "directorate", label: l.T("plain.map.field_directorate"), kind: fieldChoice, options: dirs},
		{name: "area", label: l.T("plain.map.field_area")},
		{name: "community", label: l.T("plain.map.field_community"), kind: fieldChoice, options: comms},
		{name: "partners", label: l.T("plain.map.field_partners"), kind: fieldMulti, options: sectors},
		{name: "start year", label: l.T("plain.map.field_start"), kind: fieldYear},
		{name: "ongoing", label: l.T("plain.map.field_ongoing"), kind: fieldChoice, options: ongoing},
		{name: "notes", label: l.T("plain.map.field_notes")},
	}
	return newForm(l, l.T("plain.map.form", "Site", text(m.site.Name)), fields, func(v formValues) func(*workbook.Change) error {
		p := workbook.Partnership{SiteID: m.siteID, Title: v.text("title"), Directorate: v.text("directorate"), Area: v.text("area"),
			Community: workbook.CommunityType(v.text("community")), StartYear: v["start year"].year,
			Ongoing: v.text("ongoing") == "yes", OngoingUnknown: v.text("ongoing") == "unknown", Notes: v.text("notes")}
		for _, sec := range v["partners"].values {
			p.Partners = append(p.Partners, workbook.Sector(sec))
		}
		return func(c *workbook.Change) error {
			_, err := c.SavePartnership(p)
			return err
		}
	}, func(v formValues) string {
		dir := l.T("plain.map.unassigned")
		for _, o := range dirs {
			if o.value == v.text("directorate") {
				dir = o.label
			}
		}
		return l.T("plain.map.added", "Title", text(v.text("title")), "Directorate", dir)
	})
}
