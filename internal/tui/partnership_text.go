package tui

import (
	"slices"
	"strings"

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

// sectorText lists sectors as words: "council, health".
func sectorText(ps []workbook.Sector) string {
	words := make([]string, len(ps))
	for i, s := range ps {
		words[i] = string(s)
	}
	return strings.Join(words, ", ")
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

// ongoingCell is whether p is ongoing in a table's narrow column: "—"
// when not known, as the other columns show what is not known.
func ongoingCell(p workbook.Partnership) string {
	if v := ongoingValue(p); v != "unknown" {
		return v
	}
	return "—"
}

// communityName names a community type in words.
func communityName(c workbook.CommunityType) string {
	switch c {
	case workbook.CommunityGeographical:
		return "geographical"
	case workbook.CommunityOfInterest:
		return "of interest"
	case workbook.CommunityUnknown:
		return "not known"
	}
	return string(c)
}
