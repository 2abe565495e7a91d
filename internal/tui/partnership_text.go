package tui

import (
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A mapped partnership's fields in words and short cells, as the Map and
// Select show them.

// sectorLetters are the one-letter codes of the partner sectors, as the
// Map's table shows them; the form accepts them as well as the words.
var sectorLetters = map[workbook.Sector]string{
	workbook.SectorCouncil:   "C",
	workbook.SectorHealth:    "H",
	workbook.SectorPolice:    "P",
	workbook.SectorSchools:   "S",
	workbook.SectorVoluntary: "V",
	workbook.SectorBusiness:  "B",
	workbook.SectorResidents: "R",
}

// sectorIDs name the sectors in the catalogue, one word each.
var sectorIDs = map[workbook.Sector]string{
	workbook.SectorCouncil:   "tui.map.sector.council",
	workbook.SectorHealth:    "tui.map.sector.health",
	workbook.SectorPolice:    "tui.map.sector.police",
	workbook.SectorSchools:   "tui.map.sector.schools",
	workbook.SectorVoluntary: "tui.map.sector.voluntary",
	workbook.SectorBusiness:  "tui.map.sector.business",
	workbook.SectorResidents: "tui.map.sector.residents",
}

// sectorWord names a sector in one word of l; a sector this Engage does
// not know is shown as it is.
func sectorWord(l *i18n.Lang, s workbook.Sector) string {
	if id, ok := sectorIDs[s]; ok {
		return l.T(id)
	}
	return string(s)
}

// sectorCodes shows a partnership's sectors as a fixed row of letters, one
// place per sector, so columns line up: "CH··V·R".
func sectorCodes(ps []workbook.Sector) string {
	var b strings.Builder
	for _, s := range workbook.Sectors {
		if slices.Contains(ps, s) {
			b.WriteString(sectorLetters[s])
		} else {
			b.WriteString("·")
		}
	}
	return b.String()
}

// ongoingValue is whether p is ongoing as the form's choice: yes, no or
// unknown.
func ongoingValue(p workbook.Partnership) string {
	switch {
	case p.OngoingUnknown:
		return "unknown"
	case p.Ongoing:
		return "yes"
	}
	return "no"
}

// sectorText lists sectors in l's words, one word each, as the form
// reads them back ([parseSectors]): "council, health".
func sectorText(l *i18n.Lang, ps []workbook.Sector) string {

	words := make([]string, len(ps))
	for i, s := range ps {
		words[i] = sectorWord(l, s)
	}
	return strings.Join(words, ", ")
}

// ongoingCell is whether p is ongoing in a table's narrow column: "—"
// when not known, as the other columns show what is not known.
func ongoingCell(l *i18n.Lang, p workbook.Partnership) string {
	switch ongoingValue(p) {
	case "yes":
		return l.T("tui.map.yes")
	case "no":
		return l.T("tui.map.no")
	}
	return "—"
}

// communityName names a community type in words.
func communityName(l *i18n.Lang, c workbook.CommunityType) string {
	switch c {
	case workbook.CommunityGeographical:
		return l.T("tui.map.community.geographical")
	case workbook.CommunityOfInterest:
		return l.T("tui.map.community.of_interest")
	case workbook.CommunityUnknown:
		return l.T("tui.map.not_known")
	}
	return string(c)
}
