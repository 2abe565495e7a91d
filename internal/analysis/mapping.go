package analysis

import (
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// DirectorateCount is the number of mapped partnerships under one
// directorate.
type DirectorateCount struct {
	// ID is the directorate id, "" for the unassigned row.
	ID string
	// Name is the site's name for the directorate, the id itself for an
	// id the site does not list, and "" for the unassigned row (callers
	// name it in the reader's language).
	Name  string
	Count int
	// Known is false when ID is not in the site's list of directorates,
	// which includes the unassigned row.
	Known bool
}

// CountByDirectorate counts partnerships by directorate. The rows are the
// site's directorates in the site's order (zero counts included), then one
// row per directorate id found in partnerships but not listed by the site
// (sorted by id), then the unassigned row, always present. Total is
// len(ps), so a reader can see when the rows do not add up to what they
// expect.
func CountByDirectorate(dirs []workbook.Directorate, ps []workbook.Partnership) (rows []DirectorateCount, total int) {
	index := make(map[string]int, len(dirs))
	for _, d := range dirs {
		if _, dup := index[d.ID]; dup || d.ID == "" {
			continue
		}
		index[d.ID] = len(rows)
		rows = append(rows, DirectorateCount{ID: d.ID, Name: d.Name, Known: true})
	}
	unknown := map[string]int{}
	unassigned := 0
	for _, p := range ps {
		switch i, ok := index[p.Directorate]; {
		case p.Directorate == "":
			unassigned++
		case ok:
			rows[i].Count++
		default:
			unknown[p.Directorate]++
		}
	}
	ids := make([]string, 0, len(unknown))
	for id := range unknown {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		rows = append(rows, DirectorateCount{ID: id, Name: id, Count: unknown[id]})
	}
	rows = append(rows, DirectorateCount{Count: unassigned})
	return rows, len(ps)
}

// CountByCommunity counts partnerships by the kind of community they work
// with. Every known community type and CommunityUnknown are present, with
// zero counts included; a value that is not a known type is counted under
// its own key rather than hidden.
func CountByCommunity(ps []workbook.Partnership) map[workbook.CommunityType]int {
	counts := map[workbook.CommunityType]int{workbook.CommunityUnknown: 0}
	for _, c := range workbook.CommunityTypes {
		counts[c] = 0
	}
	for _, p := range ps {
		counts[p.Community]++
	}
	return counts
}

// CountBySector counts partnerships by partner sector: a partnership counts
// once for each sector it lists, however often it lists it. Every known
// sector is present, with zero counts included.
func CountBySector(ps []workbook.Partnership) map[workbook.Sector]int {
	counts := make(map[workbook.Sector]int, len(workbook.Sectors))
	for _, s := range workbook.Sectors {
		counts[s] = 0
	}
	for _, p := range ps {
		seen := make(map[workbook.Sector]bool, len(p.Partners))
		for _, s := range p.Partners {
			if !seen[s] {
				seen[s] = true
				counts[s]++
			}
		}
	}
	return counts
}

// CriterionCount is how many partnerships meet, do not meet, are marked
// unknown against (considered, and nobody knows), or have not been marked
// against one criterion. The four counts add up to the partnerships
// counted.
type CriterionCount struct {
	Criterion                       questionnaire.Criterion
	Met, NotMet, Unknown, NotMarked int
}

// CountCriteria counts the recorded marks of each criterion, in the order of
// cs, and how many partnerships meet them all. A missing mark counts as
// NotMarked, and so does one this version does not recognise (a value
// written by a newer Engage); suggestions such as [SuggestOngoing] are not
// applied.
func CountCriteria(cs []questionnaire.Criterion, ps []workbook.Partnership) (rows []CriterionCount, meetingAll int) {
	rows = make([]CriterionCount, len(cs))
	for i, c := range cs {
		rows[i].Criterion = c
		for _, p := range ps {
			switch p.Criteria[c.ID].Mark {
			case workbook.Met:
				rows[i].Met++
			case workbook.NotMet:
				rows[i].NotMet++
			case workbook.Unknown:
				rows[i].Unknown++
			default:
				rows[i].NotMarked++
			}
		}
	}
	for _, p := range ps {
		if MeetsAll(cs, p) {
			meetingAll++
		}
	}
	return rows, meetingAll
}

// MeetsAll reports whether p is marked Met on every criterion of cs. It is
// true for an empty cs.
func MeetsAll(cs []questionnaire.Criterion, p workbook.Partnership) bool {
	for _, c := range cs {
		if p.Criteria[c.ID].Mark != workbook.Met {
			return false
		}
	}
	return true
}

// SuggestOngoing suggests a mark for the "ongoing" criterion, the one with a
// CutoffYear: Met when p is ongoing, NotMet when it is known not to be and
// started in or before the cut-off year, and NotMarked (no suggestion)
// otherwise, always for a criterion without a cut-off year and when
// whether p is ongoing is not known. It is a suggestion for the user
// to confirm, not a recorded mark.
func SuggestOngoing(c questionnaire.Criterion, p workbook.Partnership) workbook.Mark {
	switch {
	case c.CutoffYear <= 0:
		return workbook.NotMarked
	case p.Ongoing:
		return workbook.Met
	case p.OngoingUnknown:
		return workbook.NotMarked
	case p.StartYear > 0 && p.StartYear <= c.CutoffYear:
		return workbook.NotMet
	default:
		return workbook.NotMarked
	}
}
