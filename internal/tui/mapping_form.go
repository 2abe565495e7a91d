package tui

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// parseSectors reads the partners field: sector words or their letters,
// separated by commas or spaces, in any case. A word that is no sector is
// kept as it is, for the domain to refuse next to the field.
func parseSectors(v string) []workbook.Sector {
	var out []workbook.Sector
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		s := workbook.Sector(strings.ToLower(w))
		for sec, letter := range sectorLetters {
			if strings.EqualFold(w, letter) {
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
	title, done := "New partnership of "+m.site.Name, "partnership added"
	if p != nil {
		in = *p
		title, done = "Edit partnership", "partnership changed"
	}
	dirs := []option{{"", "unassigned"}}
	listed := in.Directorate == ""
	for _, d := range m.site.Directorates {
		dirs = append(dirs, option{d.ID, truncate(d.Name, 32)})
		listed = listed || d.ID == in.Directorate
	}
	if !listed { // an id the site no longer lists stays choosable
		dirs = append(dirs, option{in.Directorate, in.Directorate + " (not in the site's list)"})
	}
	var comms []option
	for _, c := range append([]workbook.CommunityType{workbook.CommunityUnknown}, workbook.CommunityTypes...) {
		comms = append(comms, option{string(c), communityName(c)})
	}
	year := ""
	if in.StartYear != 0 {
		year = strconv.Itoa(in.StartYear)
	}
	ongoing := ongoingValue(in)
	fields := []*field{
		textF("title", "Title", in.Title, workbook.MaxShortText),
		choiceF("directorate", "Directorate", dirs, in.Directorate),
		textF("area", "Area (locality, neighbourhood)", in.Area, workbook.MaxShortText),
		choiceF("community", "Kind of community", comms, string(in.Community)),
		textF("partners", "Partners by sector: council health police schools voluntary business residents", sectorText(in.Partners), workbook.MaxShortText),
		textF("start year", "Start year (such as 2004; empty if not known)", year, 4),
		choiceF("ongoing", "Ongoing", []option{{"no", "no"}, {"yes", "yes"}, {"unknown", "not known"}}, ongoing),
		textF("notes", "Notes", in.Notes, workbook.MaxLongText),
	}
	f := newForm(m.env, nil, title, fields, done, func(v map[string]string) func(*workbook.Change) error {
		out := in
		out.Criteria = nil // the stored marks are kept
		out.Title, out.Directorate, out.Area, out.Notes = v["title"], v["directorate"], v["area"], v["notes"]
		out.Community = workbook.CommunityType(v["community"])
		out.Partners = parseSectors(v["partners"])
		out.Ongoing, out.OngoingUnknown = v["ongoing"] == "yes", v["ongoing"] == "unknown"
		var yearErr *workbook.FieldError
		out.StartYear = 0
		if y := strings.TrimSpace(v["start year"]); y != "" {
			n, err := strconv.Atoi(y)
			if err != nil {
				yearErr = &workbook.FieldError{Field: "start year", Message: "must be a year such as 2004, or empty"}
			}
			out.StartYear = n
		}
		return func(c *workbook.Change) error {
			saved, err := c.SavePartnership(out)
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
	if p != nil {
		if by := m.selectedBy[p.ID]; by != "" {
			f.intro = "Selected for " + by + ": the criteria marks stay as they are."
		}
	}
	return f
}
