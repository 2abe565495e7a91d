package report

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// newLabels returns the report's texts in l's language. Every word comes
// from the catalogue (internal/i18n/locales); this only says which
// message fills which label, and how sentences with figures are put
// together from messages.
func newLabels(l *i18n.Lang) *labels {
	return &labels{
		lang:    l,
		LangTag: l.T("language.tag"),
		natural: naturalGroups(),
		roles: map[workbook.Role]string{
			workbook.RoleSenior:    l.T("role.senior"),
			workbook.RoleMiddle:    l.T("role.middle"),
			workbook.RoleFrontLine: l.T("role.front_line"),
			workbook.RoleCommunity: l.T("role.community"),
			workbook.RolePartner:   l.T("role.partner"),
		},
		groups: map[workbook.Group]string{
			workbook.Insider:  l.T("group.insider"),
			workbook.Outsider: l.T("group.outsider"),
		},
		sectors: map[workbook.Sector]string{
			workbook.SectorCouncil:   l.T("sector.council"),
			workbook.SectorHealth:    l.T("sector.health"),
			workbook.SectorPolice:    l.T("sector.police"),
			workbook.SectorSchools:   l.T("sector.schools"),
			workbook.SectorVoluntary: l.T("sector.voluntary"),
			workbook.SectorBusiness:  l.T("sector.business"),
			workbook.SectorResidents: l.T("sector.residents"),
		},
		communities: map[workbook.CommunityType]string{
			workbook.CommunityGeographical: l.T("community.geographical"),
			workbook.CommunityOfInterest:   l.T("community.of_interest"),
		},
		statuses: map[workbook.Status]string{
			workbook.StatusPlanned:    l.T("status.planned"),
			workbook.StatusInProgress: l.T("status.in_progress"),
			workbook.StatusDone:       l.T("status.done"),
			workbook.StatusDropped:    l.T("status.dropped"),
		},
		kinds: map[workbook.FindingKind]string{
			workbook.FindingBarrier: l.T("report.findings_heading.barrier"),
			workbook.FindingGood:    l.T("report.findings_heading.good"),
			workbook.FindingImprove: l.T("report.findings_heading.improve"),
		},
		pops: map[analysis.Population]string{
			analysis.PopEveryone:  l.T("report.pop.everyone"),
			analysis.PopInsiders:  l.T("report.pop.insiders"),
			analysis.PopOutsiders: l.T("report.pop.outsiders"),
		},
		whose: map[analysis.Population]string{
			analysis.PopEveryone:  l.T("report.whose.everyone"),
			analysis.PopInsiders:  l.T("report.whose.insiders"),
			analysis.PopOutsiders: l.T("report.whose.outsiders"),
		},
		bands: map[analysis.Band]string{
			analysis.BandGood:    l.T("report.band_phrase.good"),
			analysis.BandImprove: l.T("report.band_phrase.improve"),
			analysis.BandBarrier: l.T("report.band_phrase.barrier"),
			analysis.BandNone:    l.T("report.band_phrase.none"),
		},
		marks: map[workbook.Mark]string{
			workbook.Met:       l.T("report.mark.met"),
			workbook.NotMet:    l.T("report.mark.not_met"),
			workbook.Unknown:   l.T("report.mark.unknown"),
			workbook.NotMarked: l.T("report.mark.not_marked"),
		},
		ReportTitle:          l.T("report.report_title"),
		CoverKicker:          l.T("report.cover_kicker"),
		Cover:                l.T("report.cover"),
		Contents:             l.T("report.contents"),
		Summary:              l.T("report.summary"),
		Step1:                l.T("report.step1"),
		Step2:                l.T("report.step2"),
		Step34:               l.T("report.step34"),
		Step5:                l.T("report.step5"),
		Appendix:             l.T("report.appendix"),
		ByDirectorate:        l.T("report.by_directorate"),
		ByCommunity:          l.T("report.by_community"),
		BySector:             l.T("report.by_sector"),
		Criteria:             l.T("report.criteria"),
		Matrix:               l.T("report.matrix"),
		Shortlist:            l.T("report.shortlist"),
		Selected:             l.T("report.selected"),
		WhySelected:          l.T("report.why_selected"),
		AtAGlance:            l.T("report.at_a_glance"),
		MeansByGroup:         l.T("report.means_by_group"),
		Spread:               l.T("report.spread"),
		VerificationNotes:    l.T("report.verification_notes"),
		Gaps:                 l.T("report.gaps"),
		Ranked:               l.T("report.ranked"),
		ActionPlan:           l.T("report.action_plan"),
		Suggested:            l.T("report.suggested"),
		IssuesThenNow:        l.T("report.issues_then_now"),
		BarriersThenNow:      l.T("report.barriers_then_now"),
		EarlierPlan:          l.T("report.earlier_plan"),
		WhoTookPart:          l.T("report.who_took_part"),
		AboutSite:            l.T("report.about_site"),
		Names:                l.T("report.names"),
		PartnershipAssessed:  l.T("report.partnership_assessed"),
		Assessment:           l.T("report.assessment"),
		Started:              l.T("report.started"),
		Completed:            l.T("report.completed"),
		Questionnaire:        l.T("report.questionnaire"),
		DataAsOf:             l.T("report.data_as_of"),
		Draft:                l.T("report.draft"),
		InProgress:           l.T("report.in_progress"),
		Version:              l.T("report.version"),
		NoPartnership:        l.T("report.no_partnership"),
		RoleLevel:            l.T("report.role_level"),
		Insiders:             l.T("report.insiders"),
		Outsiders:            l.T("report.outsiders"),
		InsidersShort:        l.T("report.insiders_short"),
		OutsidersShort:       l.T("report.outsiders_short"),
		Everyone:             l.T("report.everyone"),
		Total:                l.T("report.total"),
		Name:                 l.T("report.name"),
		Group:                l.T("report.group"),
		Organisation:         l.T("report.organisation"),
		Participant:          l.T("report.participant"),
		And:                  l.T("report.and"),
		Partnerships:         l.T("report.partnerships"),
		MappedPartnerships:   l.T("report.mapped_partnerships"),
		Share:                l.T("report.share"),
		Directorate:          l.T("report.directorate"),
		Unassigned:           l.T("report.unassigned"),
		NotListed:            l.T("report.not_listed"),
		CommunityType:        l.T("report.community_type"),
		NotRecorded:          l.T("report.not_recorded"),
		Sector:               l.T("report.sector"),
		NoPartnersRecorded:   l.T("report.no_partners_recorded"),
		Criterion:            l.T("report.criterion"),
		Met:                  l.T("report.met"),
		NotMet:               l.T("report.not_met"),
		Unknown:              l.T("report.unknown"),
		NotMarked:            l.T("report.not_marked"),
		Partnership:          l.T("report.partnership"),
		SelectedMark:         l.T("report.selected_mark"),
		Area:                 l.T("report.area"),
		Partners:             l.T("report.partners"),
		Running:              l.T("report.running"),
		CriteriaMet:          l.T("report.criteria_met"),
		KeyIssue:             l.T("report.key_issue"),
		Statement:            l.T("report.statement"),
		BandBarrier:          l.T("report.band_barrier"),
		BandImprove:          l.T("report.band_improve"),
		BandGood:             l.T("report.band_good"),
		N:                    l.T("report.n"),
		Mean:                 l.T("report.mean"),
		MeanN:                l.T("report.mean_n"),
		SD:                   l.T("report.sd"),
		DontKnow:             l.T("report.dont_know"),
		AgreeDisagree:        l.T("report.agree_disagree"),
		Gap:                  l.T("report.gap"),
		Reading:              l.T("report.reading"),
		BlindSpot:            l.T("report.blind_spot"),
		UnrecognisedStrength: l.T("report.unrecognised_strength"),
		NoGap:                l.T("report.no_gap"),
		NotCompared:          l.T("report.not_compared"),
		Contested:            l.T("report.contested"),
		Rank:                 l.T("report.rank"),
		Action:               l.T("report.action"),
		Owner:                l.T("report.owner"),
		Due:                  l.T("report.due"),
		Status:               l.T("report.status"),
		StatusNow:            l.T("report.status_now"),
		Review:               l.T("report.review"),
		By:                   l.T("report.by"),
		Then:                 l.T("report.then"),
		Now:                  l.T("report.now"),
		Change:               l.T("report.change"),
		Reversed:             l.T("report.reversed"),
		InsidersOnly:         l.T("report.insiders_only"),
		DialogueNotes:        l.T("report.dialogue_notes"),
		BarriersGone:         l.T("report.barriers_gone"),
		BarriersNew:          l.T("report.barriers_new"),
		BarriersStill:        l.T("report.barriers_still"),
		None:                 l.T("report.none"),
		FewerThan3:           l.T("report.fewer_than3"),
		Withheld:             l.T("report.withheld"),
		ReversedMark:         l.T("report.reversed_mark"),
		ScoresOf:             l.T("report.scores_of"),
		Band:                 l.T("report.band"),
		IssueTableNote:       l.T("report.issue_table_note"),
		NoScores:             l.T("report.no_scores"),
		NotInVerification:    l.T("report.not_in_verification"),
		NotAsked:             l.T("report.not_asked"),
		AnonymityNote:        l.T("report.anonymity_note"),
		NamesShown:           l.T("report.names_shown"),
		LegendCompare:        l.T("report.legend_compare"),
		IssueMeanNote:        l.T("report.issue_mean_note"),
		SpreadNote:           l.T("report.spread_note"),
		NotListedNote:        l.T("report.not_listed_note"),
		SectorNote:           l.T("report.sector_note"),
		MatrixKey:            l.T("report.matrix_key"),
		NoReason:             l.T("report.no_reason"),
		NoneSelected:         l.T("report.none_selected"),
		NoMapping:            l.T("report.no_mapping"),
		NoFindings:           l.T("report.no_findings"),
		NoPlan:               l.T("report.no_plan"),
		SuggestedNote:        l.T("report.suggested_note"),
		AppendixIntro:        l.T("report.appendix_intro"),
		NoScoresNext:         l.T("report.no_scores_next"),
		SummaryNoIssue:       l.T("report.summary_no_issue"),
		SummaryConfirmed:     l.T("report.summary_confirmed"),
		SummaryNoConfirmed:   l.T("report.summary_no_confirmed"),
		SummaryNoPlan:        l.T("report.summary_no_plan"),
		MissingScores:        l.T("report.missing_scores"),
		MissingMapping:       l.T("report.missing_mapping"),
		MissingSelection:     l.T("report.missing_selection"),
		StartNotRecorded:     l.T("report.start_not_recorded"),
		Ongoing:              l.T("report.ongoing"),
		Ended:                l.T("report.ended"),
		MeetsNone:            l.T("report.meets_none"),
		MeetsEvery:           l.T("report.meets_every"),

		Mapped: func(total, directorates int) string {
			return l.N("report.mapped", total, "Directorates", l.N("report.n_directorates", directorates))
		},
		UnassignedNote: func(n int) string { return l.N("report.unassigned_note", n) },
		MeetAll: func(all, total int) string {
			if total == 1 {
				if all == 1 {
					return l.T("report.meet_all_only_yes")
				}
				return l.T("report.meet_all_only_no")
			}
			return l.N("report.meet_all", all, "Total", l.N("report.n_mapped_partnerships", total))
		},
		ShortlistNote: func(shown, total int) string { return l.N("report.shortlist_note", shown, "Total", total) },
		KeyIssueN:     func(n int, title string) string { return l.T("report.key_issue_n", "N", n, "Title", title) },
		WorkbookIntro: func(improve, good string) string {
			return l.T("report.workbook_intro", "Improve", improve, "Good", good)
		},
		GapsIntro: func(threshold string) string { return l.T("report.gaps_intro", "Threshold", threshold) },
		GapLine: func(statement, gap, insMean string, insN int, outsMean string, outsN int) string {
			return l.T("report.gap_line", "Statement", statement, "Gap", gap, "InsMean", insMean, "InsN", insN,
				"OutsMean", outsMean, "OutsN", outsN)
		},
		GapOver: func(n int) string { return l.N("report.gap_over", n) },
		NobodyYet: func(registered int) string {
			if registered == 0 {
				return l.T("report.nobody_yet_none")
			}
			return l.N("report.nobody_yet", registered)
		},
		NoScoresYet: func(insiders, outsiders int) string {
			return l.N("report.no_scores_yet", outsiders, "Insiders", l.N("report.n_insiders", insiders))
		},
		SummaryNoScores: func(registered int) string { return l.N("report.summary_no_scores", registered) },
		SummaryTookPart: func(insiders, insScored, statements, outsiders, outsScored, verification int) string {
			of := func(scored, total int, all, some string) string {
				if scored == total {
					return l.N(all, total)
				}
				return l.N(some, total, "Scored", scored)
			}
			ins := l.N("report.took_part_insiders", insiders, "Statements",
				of(insScored, statements, "report.scored_all_statements", "report.scored_some_statements"))
			if outsiders == 0 {
				return l.T("report.took_part_no_outsiders", "Insiders", ins)
			}
			return l.N("report.took_part", outsiders, "Insiders", ins, "Statements",
				of(outsScored, verification, "report.scored_all_verification", "report.scored_some_verification"))
		},
		SummaryIssues: func(whose, best, bestFig, worst, worstFig string) string {
			return l.T("report.summary_issues", "Whose", whose, "Best", best, "BestFig", bestFig, "Worst", worst, "WorstFig", worstFig)
		},
		SummaryOneIssue: func(whose, title, fig string) string {
			return l.T("report.summary_one_issue", "Whose", whose, "Title", title, "Fig", fig)
		},
		IssueFig: func(group, mean, band, other, otherMean string, otherN int) string {
			s := l.T("report.issue_fig", "Group", group, "Mean", mean, "Band", band)
			switch {
			case otherN == 0:
				return s
			case otherMean == "":
				return l.T("report.issue_fig_other_hidden", "Fig", s, "Other", other, "N", otherN)
			}
			return l.T("report.issue_fig_other", "Fig", s, "Other", other, "OtherMean", otherMean)
		},
		SummaryBarrierBand: func(n int, threshold, lowest, whose, mean string, nn int) string {
			return l.N("report.summary_barrier_band", n, "Threshold", threshold, "Lowest", lowest, "Whose", whose, "Mean", mean, "N", nn)
		},
		SummaryNoBlindSpots: func(compared int) string { return l.N("report.summary_no_blind_spots", compared) },
		SummaryNoneCompared: func(outsiders int) string {
			if outsiders == 0 {
				return l.T("report.summary_none_compared_no_outsiders")
			}
			return l.N("report.summary_none_compared", outsiders)
		},
		SummaryNoBarrierBand: func(threshold string) string {
			return l.T("report.summary_no_barrier_band", "Threshold", threshold)
		},
		SummaryBlindSpots: func(n, shown int) string {
			s := l.N("report.summary_blind_spots", n)
			if shown < n {
				return l.T("report.summary_blind_spots_biggest", "Text", s, "Shown", shown)
			}
			return l.T("report.summary_list_all", "Text", s)
		},
		SummaryStrengths: func(n, shown int) string {
			s := l.N("report.summary_strengths", n)
			if shown < n {
				return l.T("report.summary_strengths_biggest", "Text", s, "Shown", shown)
			}
			return l.T("report.summary_list_all", "Text", s)
		},
		SummaryPlan:     func(n int) string { return l.N("report.summary_plan", n) },
		SummaryPlanMore: func(n int) string { return l.N("report.summary_plan_more", n) },
		SummaryChanged:  func(then string) string { return l.T("report.summary_changed", "Then", then) },
		AgreedScore: func(score, points int, reversed bool) string {
			if reversed {
				return l.T("report.agreed_score_reversed", "Score", score, "Points", points, "Flipped", points+1-score)
			}
			return l.T("report.agreed_score", "Score", score, "Points", points)
		},
		Comments:    func(n int) string { return l.T("report.comments", "N", n) },
		MarkerNote:  func(marker string) string { return l.T("report.marker_note", "Marker", marker) },
		WhatChanged: func(then string) string { return l.T("report.what_changed", "Then", then) },
		ChangesIntro: func(then string, insThen, outsThen int, now string, insNow, outsNow int) string {
			return l.T("report.changes_intro", "Then", then, "InsThen", l.N("report.n_insiders", insThen),
				"OutsThen", l.N("report.n_outsiders", outsThen), "Now", now,
				"InsNow", l.N("report.n_insiders", insNow), "OutsNow", l.N("report.n_outsiders", outsNow))
		},
		Moved:     func(threshold string) string { return l.T("report.moved", "Threshold", threshold) },
		NoneMoved: func(threshold string) string { return l.T("report.none_moved", "Threshold", threshold) },
		MovedMore: func(shown, total int) string { return l.T("report.moved_more", "Shown", shown, "Total", total) },
		Page:      func(n int, total string) string { return l.T("report.page", "N", n, "Total", total) },
		Since:     func(year int) string { return l.T("report.since", "Year", year) },
		MeetsSome: func(met, notMet string) string { return l.T("report.meets_some", "Met", met, "NotMet", notMet) },
		NotComparedWhy: func(few, none []string) string {
			var why []string
			if len(few) > 0 {
				why = append(why, l.T("report.not_compared_few", "Groups",
					strings.ToLower(strings.Join(few, l.T("report.not_compared_few_join")))))
			}
			if len(none) > 0 {
				why = append(why, l.T("report.not_compared_none", "Groups",
					strings.ToLower(strings.Join(none, l.T("report.not_compared_none_join")))))
			}
			if len(why) == 0 {
				return l.T("report.not_compared")
			}
			return l.T("report.not_compared_why", "Why", strings.Join(why, "; "))
		},
		StatementRef: func(number string) string { return l.T("report.statement_ref", "Number", number) },
		KeyIssueRef:  func(number int) string { return l.T("report.key_issue_ref", "N", number) },
	}
}

// newCmpLabels returns the comparison's texts in l's language.
func newCmpLabels(l *i18n.Lang) *cmpLabels {
	return &cmpLabels{
		Title:             l.T("compare.title"),
		Kicker:            l.T("compare.kicker"),
		SitesCompared:     l.T("compare.sites_compared"),
		Basis:             l.T("compare.basis"),
		HowToRead:         l.T("compare.how_to_read"),
		Draft:             l.T("compare.draft"),
		DraftNote:         l.T("compare.draft_note"),
		KeyIssues:         l.T("compare.key_issues"),
		Grid:              l.T("compare.grid"),
		MeansSpread:       l.T("compare.means_spread"),
		Verification:      l.T("compare.verification"),
		SharedBarriers:    l.T("compare.shared_barriers"),
		Mapping:           l.T("compare.mapping"),
		ByDirectorate:     l.T("compare.by_directorate"),
		CriteriaRates:     l.T("compare.criteria_rates"),
		Context:           l.T("compare.context"),
		Site:              l.T("compare.site"),
		Assessment:        l.T("compare.assessment"),
		Partnership:       l.T("compare.partnership"),
		People:            l.T("compare.people"),
		Where:             l.T("compare.where"),
		AtSites:           l.T("compare.at_sites"),
		AllCriteria:       l.T("compare.all_criteria"),
		NoContext:         l.T("compare.no_context"),
		NotVerified:       l.T("compare.not_verified"),
		NoOne:             l.T("compare.no_one"),
		NoShared:          l.T("compare.no_shared"),
		NoIssues:          l.T("compare.no_issues"),
		Mean:              l.T("compare.mean"),
		Spread:            l.T("compare.spread"),
		Unassigned:        l.T("compare.unassigned"),
		Total:             l.T("compare.total"),
		Legend:            l.T("compare.legend"),
		InShort:           l.T("compare.in_short"),
		OutShort:          l.T("compare.out_short"),
		ReadOrder:         l.T("compare.read_order"),
		ReadOrderAll:      l.T("compare.read_order_all"),
		ReadMeans:         l.T("compare.read_means"),
		ReadSpread:        l.T("compare.read_spread"),
		ReadGrid:          l.T("compare.read_grid"),
		ReadAnonymity:     l.T("compare.read_anonymity"),
		VerificationIntro: l.T("compare.verification_intro"),
		SharedIntro:       l.T("compare.shared_intro"),
		MappingIntro:      l.T("compare.mapping_intro"),
		CriteriaIntro:     l.T("compare.criteria_intro"),
		GapsByIssue:       l.T("compare.gaps_by_issue"),
		GapUnknown:        l.T("compare.gap_unknown"),
		CriteriaKey:       l.T("compare.criteria_key"),
		DirectoratesKey:   l.T("compare.directorates_key"),
		NotListedKey:      l.T("compare.not_listed_key"),
		Organisation:      l.T("compare.organisation"),
		OwnMeans:          l.T("compare.own_means"),
		OnlySameQ:         l.T("compare.only_same_q"),
		NothingShared:     l.T("compare.nothing_shared"),
		ScalesDiffer:      l.T("compare.scales_differ"),
		BandsDiffer:       l.T("compare.bands_differ"),

		NoGaps:         func(n int) string { return l.N("compare.no_gaps", n) },
		OverStatements: func(n int) string { return l.N("compare.over_statements", n) },
		Subtitle:       func(sites int, date string) string { return l.N("compare.subtitle", sites, "Date", date) },
		SameQ: func(q string, sites int) string {
			return l.T("compare.same_q", "Q", q, "Sites", sites)
		},
		SameStructure: func(qs string) string { return l.T("compare.same_structure", "Qs", qs) },
		MixedIntro:    func(n int) string { return l.T("compare.mixed_intro", "N", n) },
		UsedBy:        func(q, sites string) string { return l.T("compare.used_by", "Q", q, "Sites", sites) },
		ComparedOn:    func(issues string) string { return l.T("compare.compared_on", "Issues", issues) },
		NotComparedOn: func(issues string) string { return l.T("compare.not_compared_on", "Issues", issues) },
		BarrierAt:     func(k, of int) string { return l.T("compare.barrier_at", "K", k, "Of", of) },
		People2:       func(ins, outs int) string { return l.T("compare.people2", "Ins", ins, "Outs", outs) },
		SD:            func(sd string) string { return l.T("compare.sd", "SD", sd) },
		CriterionCell: func(met, total int) string { return l.T("compare.criterion_cell", "Met", met, "Total", total) },
	}
}

// naturalGroups returns the group each role level normally belongs to.
func naturalGroups() map[workbook.Role]workbook.Group {
	return map[workbook.Role]workbook.Group{
		workbook.RoleSenior:    workbook.Insider,
		workbook.RoleMiddle:    workbook.Insider,
		workbook.RoleFrontLine: workbook.Insider,
		workbook.RoleCommunity: workbook.Outsider,
		workbook.RolePartner:   workbook.Outsider,
	}
}
