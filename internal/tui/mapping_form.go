package tui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// parseSectors reads the partners field: sector words in l or in
// English, or their letters, separated by commas or spaces, in any case.
// A word that is no sector is kept as it is, for the domain to refuse
// next to the field.
func parseSectors(l *i18n.Lang, v string) []workbook.Sector {
	var out []workbook.Sector
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		s := workbook.Sector(strings.ToLower(w))
		for sec, letter := range sectorLetters {
			if strings.EqualFold(w, letter) || strings.EqualFold(w, sectorWord(l, sec)) {
				s = sec
			}
		}
		out = append(out, s)
	}
	return out
}

// partnershipForm adds a partnership (p nil) or edits one.
func (m *mapScreen) partnershipForm(p *workbook.Partnership) Screen {
	in := workbook.Partnership{SiteID: m.siteID}
	l := m.l
	title, done := l.T("tui.map.form.new", "Site", m.site.Name), l.T("tui.map.form.added")
	if p != nil {
		in = *p
		title, done = l.T("tui.map.form.edit"), l.T("tui.map.form.changed")
	}
	dirs := []option{{"", l.T("tui.map.unassigned")}}
	listed := in.Directorate == ""
	for _, d := range m.site.Directorates {
		dirs = append(dirs, option{d.ID, truncate(d.Name, 32)})
		listed = listed || d.ID == in.Directorate
	}
	if !listed { // an id the site no longer lists stays choosable
		dirs = append(dirs, option{in.Directorate, l.T("tui.map.not_in_list", "ID", in.Directorate)})
	}
	var comms []option
	for _, c := range append([]workbook.CommunityType{workbook.CommunityUnknown}, workbook.CommunityTypes...) {
		comms = append(comms, option{string(c), communityName(l, c)})
	}
	year := ""
	if in.StartYear != 0 {
		year = strconv.Itoa(in.StartYear)
	}
	ongoing := ongoingValue(in)
	fields := []*field{
		textF("title", l.T("tui.map.form.title"), in.Title, workbook.MaxShortText),
		choiceF("directorate", l.T("tui.map.form.directorate"), dirs, in.Directorate),
		textF("area", l.T("tui.map.form.area"), in.Area, workbook.MaxShortText),
		choiceF("community", l.T("tui.map.form.community"), comms, string(in.Community)),
		textF("partners", l.T("tui.map.form.partners"), sectorText(l, in.Partners), workbook.MaxShortText),
		textF("start year", l.T("tui.map.form.start"), year, 4),
		choiceF("ongoing", l.T("tui.map.form.ongoing"), []option{{"no", l.T("tui.map.no")}, {"yes", l.T("tui.map.yes")},
			{"unknown", l.T("tui.map.not_known")}}, ongoing),
		textF("notes", l.T("tui.map.form.notes"), in.Notes, workbook.MaxLongText),
	}
	undo := &undoStep{on: m, what: done}
	f := newForm(m.env, l, title, fields, done, func(v map[string]string) func(*workbook.Change) error {
		out := in
		out.Criteria = nil // the stored marks are kept
		out.Title, out.Directorate, out.Area, out.Notes = v["title"], v["directorate"], v["area"], v["notes"]
		out.Community = workbook.CommunityType(v["community"])
		out.Partners = parseSectors(l, v["partners"])
		out.Ongoing, out.OngoingUnknown = v["ongoing"] == "yes", v["ongoing"] == "unknown"
		var yearErr *workbook.FieldError
		out.StartYear = 0
		if y := strings.TrimSpace(v["start year"]); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil {
				yearErr = &workbook.FieldError{Field: "start year", Message: l.T("tui.map.form.bad_year")}
			}
			out.StartYear = n
		}
		return func(c *workbook.Change) error {
			saved, err := savePartnership(undo, c, out)
			if yearErr == nil {
				if err == nil {
					m.want = saved.ID // the cursor goes to it once the map reloads
				}
				return err
			}
			if fes, ok := err.(workbook.FieldErrors); ok {
				return append(fes, yearErr)
			}
			return workbook.FieldErrors{yearErr}
		}
	})
	f.undo = undo
	if p != nil {
		if by := m.selectedBy[p.ID]; by != "" {
			f.intro = l.T("tui.map.form.selected_intro", "Assessment", by)

		}
	}
	return f
}
