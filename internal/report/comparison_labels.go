package report

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// cmpLabels holds the texts of the comparison report that the site report
// does not have, in one language. The shared ones (bands, groups, dates,
// numbers) come from [labels].
type cmpLabels struct {
	Title, Kicker, SitesCompared, Basis, HowToRead                      string
	KeyIssues, Grid, MeansSpread, Verification, SharedBarriers, Mapping string
	ByDirectorate, CriteriaRates, Context                               string

	Site, Assessment, Partnership, People, Where, AtSites, AllCriteria string
	NoContext, NotVerified, NoOne, NoShared, NoIssues                  string
	// NoGaps says that no compared statement has a gap of 1.0 or more.
	NoGaps                                                     func(compared int) string
	Mean, Spread, Unassigned, Total, Legend, InShort, OutShort string

	ReadOrder, ReadOrderAll, ReadMeans, ReadSpread, ReadGrid, ReadAnonymity string
	VerificationIntro, SharedIntro, MappingIntro, CriteriaIntro             string
	GapsByIssue, GapUnknown, CriteriaKey, DirectoratesKey, NotListedKey     string
	// OverStatements says how many statements a key-issue gap compares.
	OverStatements func(n int) string
	Organisation   string
	// Draft marks a site whose current assessment is in progress;
	// DraftNote says what that means.
	Draft, DraftNote string

	// Sentences with figures.
	Subtitle      func(sites int, date string) string
	SameQ         func(q string, sites int) string
	SameStructure func(qs string) string
	MixedIntro    func(n int) string
	UsedBy        func(q, sites string) string
	ComparedOn    func(issues string) string
	NotComparedOn func(issues string) string
	OwnMeans      string
	OnlySameQ     string
	NothingShared string
	ScalesDiffer  string
	BandsDiffer   string
	BarrierAt     func(k, of int) string
	People2       func(ins, outs int) string
	SD            func(sd string) string
	CriterionCell func(met, total int) string
}

// cmpLabelsFor returns the comparison texts of a language the catalogue
// has.
func cmpLabelsFor(cat *i18n.Catalog, lang string) (*cmpLabels, bool) {
	if !cat.Has(lang) {
		return nil, false
	}
	return newCmpLabels(cat.For(lang)), true
}

// joinList joins items with commas.
func joinList(items []string) string { return strings.Join(items, ", ") }
