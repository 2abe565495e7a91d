package plain

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// tableIDs is every catalogue ID of a word table, for the check below.
func tableIDs[V ~string](t wordTable[V]) []string {
	ids := []string{}
	for _, id := range t.ids {
		ids = append(ids, id)
	}
	if t.other != "" {
		ids = append(ids, t.other)
	}
	return ids
}

// covers reports the values of all that t has no word for.
func covers[V ~string](t *testing.T, name string, table wordTable[V], all []V) {
	t.Helper()
	for _, v := range all {
		if _, ok := table.ids[v]; !ok {
			t.Errorf("%s: no word for %q", name, v)
		}
	}
}

// TestWordTablesCoverTheDomain checks that every value the domain lists
// has its word, and that every word is in the catalogue in English and
// Italian.
func TestWordTablesCoverTheDomain(t *testing.T) {
	covers(t, "roleWords", roleWords, workbook.Roles)
	covers(t, "groupWords", groupWords, workbook.Groups)
	covers(t, "sectorWords", sectorWords, workbook.Sectors)
	covers(t, "communityWords", communityWords, append(workbook.CommunityTypes, workbook.CommunityUnknown))
	covers(t, "markWords", markWords, append(workbook.Marks, workbook.NotMarked))
	covers(t, "statusWords", statusWords, workbook.Statuses)
	covers(t, "kindWords", kindWords, workbook.FindingKinds)
	covers(t, "bandPhrases", bandPhrases, []analysis.Band{analysis.BandGood, analysis.BandImprove, analysis.BandBarrier, analysis.BandNone})
	covers(t, "whoseWords", whoseWords, []analysis.Population{analysis.PopEveryone, analysis.PopInsiders, analysis.PopOutsiders})

	var ids []string
	for _, table := range [][]string{tableIDs(roleWords), tableIDs(groupWords), tableIDs(sectorWords), tableIDs(communityWords),
		tableIDs(markWords), tableIDs(statusWords), tableIDs(kindWords), tableIDs(bandPhrases), tableIDs(whoseWords)} {
		ids = append(ids, table...)
	}
	for _, lang := range []string{"en", "it"} {
		l := i18n.Embedded().For(lang)
		for _, id := range ids {
			if !l.Has(id) {
				t.Errorf("%s: no text for %s", lang, id)
			}
		}
	}
}

func TestWordTableFallbacks(t *testing.T) {
	l := i18n.Embedded().For("en")
	tests := []struct {
		name, got, want string
	}{
		{"a role from a newer Engage is said as stored", roleWords.in(l, "elder"), "elder"},
		{"a sector from a newer Engage is said as stored", sectorWords.in(l, "faith"), "faith"},
		{"a status not listed is planned", statusWords.in(l, ""), l.T("status.planned")},
		{"a group not listed is an insider", groupWords.in(l, ""), l.T("plain.group.insider")},
		{"a band not listed is none", bandPhrases.in(l, "other"), l.T("plain.band.none")},
		{"a listed value has its word", statusWords.in(l, workbook.StatusDropped), l.T("status.dropped")},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
