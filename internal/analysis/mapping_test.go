package analysis

import (
	"maps"
	"slices"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// seedDirectorates are the directorates of the original mapping.
var seedDirectorates = []workbook.Directorate{
	{ID: "social-care-health", Name: "Social care and health"},
	{ID: "education", Name: "Education and life long learning"},
	{ID: "policy-resources", Name: "Policy and resources"},
	{ID: "culture-regeneration", Name: "Culture and regeneration (+NDC)"},
	{ID: "environment-housing", Name: "Environment and housing"},
	{ID: "policy-communication", Name: "Policy and communication"},
}

// mapped returns n partnerships under directorate.
func mapped(directorate string, n int) []workbook.Partnership {
	out := make([]workbook.Partnership, n)
	for i := range out {
		out[i] = workbook.Partnership{Directorate: directorate}
	}
	return out
}

func TestCountByDirectorate(t *testing.T) {
	tests := []struct {
		name      string
		dirs      []workbook.Directorate
		ps        []workbook.Partnership
		want      []DirectorateCount
		wantTotal int
	}{
		{
			// 53+18+1+21+26+5 = 124 under directorates, 2 unassigned: 126.
			name: "the seed mapping",
			dirs: seedDirectorates,
			ps: concat(mapped("social-care-health", 53), mapped("education", 18), mapped("policy-resources", 1),
				mapped("culture-regeneration", 21), mapped("environment-housing", 26),
				mapped("policy-communication", 5), mapped("", 2)),
			want: []DirectorateCount{
				{"social-care-health", "Social care and health", 53, true},
				{"education", "Education and life long learning", 18, true},
				{"policy-resources", "Policy and resources", 1, true},
				{"culture-regeneration", "Culture and regeneration (+NDC)", 21, true},
				{"environment-housing", "Environment and housing", 26, true},
				{"policy-communication", "Policy and communication", 5, true},
				{"", "", 2, false},
			},
			wantTotal: 126,
		},
		{
			// unknown ids come after the site's list, sorted by id, named by id.
			name: "unknown directorate ids",
			dirs: seedDirectorates[:2],
			ps:   concat(mapped("youth", 2), mapped("education", 1), mapped("arts", 1)),
			want: []DirectorateCount{
				{"social-care-health", "Social care and health", 0, true},
				{"education", "Education and life long learning", 1, true},
				{"arts", "arts", 1, false},
				{"youth", "youth", 2, false},
				{"", "", 0, false},
			},
			wantTotal: 4,
		},
		{
			name:      "nothing mapped",
			dirs:      seedDirectorates[:1],
			want:      []DirectorateCount{{"social-care-health", "Social care and health", 0, true}, {"", "", 0, false}},
			wantTotal: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total := CountByDirectorate(tt.dirs, tt.ps)
			if !slices.Equal(got, tt.want) || total != tt.wantTotal {
				t.Errorf("CountByDirectorate = %v, %d\nwant %v, %d", got, total, tt.want, tt.wantTotal)
			}
			sum := 0
			for _, r := range got {
				sum += r.Count
			}
			if sum != total {
				t.Errorf("rows add up to %d, total is %d", sum, total)
			}
		})
	}
}

func TestCountByCommunity(t *testing.T) {
	ps := []workbook.Partnership{
		{Community: workbook.CommunityGeographical},
		{Community: workbook.CommunityGeographical},
		{Community: workbook.CommunityUnknown},
	}
	want := map[workbook.CommunityType]int{
		workbook.CommunityGeographical: 2,
		workbook.CommunityOfInterest:   0,
		workbook.CommunityUnknown:      1,
	}
	if got := CountByCommunity(ps); !maps.Equal(got, want) {
		t.Errorf("CountByCommunity = %v, want %v", got, want)
	}
}

func TestCountBySector(t *testing.T) {
	ps := []workbook.Partnership{
		{Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorHealth}},
		{Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorCouncil}}, // counted once
		{},
	}
	got := CountBySector(ps)
	want := map[workbook.Sector]int{}
	for _, s := range workbook.Sectors {
		want[s] = 0
	}
	want[workbook.SectorCouncil] = 2
	want[workbook.SectorHealth] = 1
	if !maps.Equal(got, want) {
		t.Errorf("CountBySector = %v, want %v", got, want)
	}
}

var (
	notOneOff = questionnaire.Criterion{ID: "not-one-off"}
	ongoing   = questionnaire.Criterion{ID: "ongoing", CutoffYear: 2004}
	criteria  = []questionnaire.Criterion{notOneOff, ongoing}
)

// marked returns a partnership with the given marks of not-one-off and
// ongoing.
func marked(a, b workbook.Mark) workbook.Partnership {
	return workbook.Partnership{Criteria: map[string]workbook.CriterionMark{
		"not-one-off": {Mark: a},
		"ongoing":     {Mark: b},
	}}
}

func TestCountCriteria(t *testing.T) {
	ps := []workbook.Partnership{
		marked(workbook.Met, workbook.Met),          // meets all
		marked(workbook.Met, workbook.NotMet),       // fails ongoing
		marked(workbook.NotMet, workbook.NotMarked), // fails both
		{},                                 // no marks at all: not marked on both
		marked(workbook.Met, "bogus"),      // an unrecognised mark counts as not marked
		marked(workbook.Met, workbook.Met), // meets all
		marked(workbook.Unknown, workbook.Unknown), // considered, nobody knows
	}
	rows, meetingAll := CountCriteria(criteria, ps)
	want := []CriterionCount{
		{Criterion: notOneOff, Met: 4, NotMet: 1, Unknown: 1, NotMarked: 1},
		{Criterion: ongoing, Met: 2, NotMet: 1, Unknown: 1, NotMarked: 3},
	}
	same := slices.EqualFunc(rows, want, func(a, b CriterionCount) bool {
		return a.Criterion.ID == b.Criterion.ID && a.Met == b.Met && a.NotMet == b.NotMet && a.Unknown == b.Unknown && a.NotMarked == b.NotMarked
	})
	if !same || meetingAll != 2 {
		t.Errorf("CountCriteria = %+v, %d\nwant %+v, 2", rows, meetingAll, want)
	}
	for _, r := range rows {
		if sum := r.Met + r.NotMet + r.Unknown + r.NotMarked; sum != len(ps) {
			t.Errorf("%s: the counts add up to %d, not the %d partnerships", r.Criterion.ID, sum, len(ps))
		}
	}
}

func TestMeetsAll(t *testing.T) {
	tests := []struct {
		name string
		cs   []questionnaire.Criterion
		p    workbook.Partnership
		want bool
	}{
		{"all met", criteria, marked(workbook.Met, workbook.Met), true},
		{"one not met", criteria, marked(workbook.Met, workbook.NotMet), false},
		{"one unknown", criteria, marked(workbook.Unknown, workbook.Met), false},
		{"one not marked", criteria, marked(workbook.NotMarked, workbook.Met), false},
		{"no marks", criteria, workbook.Partnership{}, false},
		{"no criteria", nil, workbook.Partnership{}, true},
		{"marks of other criteria do not count", criteria[:1], marked(workbook.Met, workbook.NotMet), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MeetsAll(tt.cs, tt.p); got != tt.want {
				t.Errorf("MeetsAll = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSuggestOngoing(t *testing.T) {
	tests := []struct {
		name string
		c    questionnaire.Criterion
		p    workbook.Partnership
		want workbook.Mark
	}{
		{"ongoing", ongoing, workbook.Partnership{Ongoing: true, StartYear: 1999}, workbook.Met},
		{"ongoing, start unknown", ongoing, workbook.Partnership{Ongoing: true}, workbook.Met},
		{"not known whether ongoing, old start", ongoing, workbook.Partnership{OngoingUnknown: true, StartYear: 1990}, workbook.NotMarked},
		{"ended, started before the cut-off", ongoing, workbook.Partnership{StartYear: 2001}, workbook.NotMet},
		{"ended, started in the cut-off year", ongoing, workbook.Partnership{StartYear: 2004}, workbook.NotMet},
		{"ended, started after the cut-off", ongoing, workbook.Partnership{StartYear: 2005}, workbook.NotMarked},
		{"ended, start unknown", ongoing, workbook.Partnership{}, workbook.NotMarked},
		{"criterion without a cut-off", notOneOff, workbook.Partnership{Ongoing: true}, workbook.NotMarked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SuggestOngoing(tt.c, tt.p); got != tt.want {
				t.Errorf("SuggestOngoing = %q, want %q", got, tt.want)
			}
		})
	}
}
