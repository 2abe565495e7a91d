package report

import (
	"fmt"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// english returns the report's texts in English.
func english() *labels {
	return &labels{
		LangTag: "en-GB",
		decimal: ".",
		quotes:  [2]string{"“", "”"},
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},

		roles: map[workbook.Role]string{
			workbook.RoleSenior:    "Senior staff",
			workbook.RoleMiddle:    "Middle managers",
			workbook.RoleFrontLine: "Front-line staff",
			workbook.RoleCommunity: "Community members",
			workbook.RolePartner:   "Partner organisations",
		},
		groups: map[workbook.Group]string{
			workbook.Insider:  "Insiders",
			workbook.Outsider: "Outsiders",
		},
		sectors: map[workbook.Sector]string{
			workbook.SectorCouncil:   "Council",
			workbook.SectorHealth:    "Health",
			workbook.SectorPolice:    "Police",
			workbook.SectorSchools:   "Schools",
			workbook.SectorVoluntary: "Voluntary and community",
			workbook.SectorBusiness:  "Business",
			workbook.SectorResidents: "Residents",
		},
		communities: map[workbook.CommunityType]string{
			workbook.CommunityGeographical: "Geographical community",
			workbook.CommunityOfInterest:   "Community of interest",
		},
		statuses: map[workbook.Status]string{
			workbook.StatusPlanned:    "Planned",
			workbook.StatusInProgress: "In progress",
			workbook.StatusDone:       "Done",
		},
		kinds: map[workbook.FindingKind]string{
			workbook.FindingBarrier: "Barriers confirmed by the group",
			workbook.FindingGood:    "Good areas",
			workbook.FindingImprove: "Areas to improve",
		},
		pops: map[analysis.Population]string{
			analysis.PopEveryone: "Everyone", analysis.PopInsiders: "Insiders", analysis.PopOutsiders: "Outsiders",
		},
		whose: map[analysis.Population]string{
			analysis.PopEveryone: "everyone's", analysis.PopInsiders: "the insiders'", analysis.PopOutsiders: "the outsiders'",
		},
		bands: map[analysis.Band]string{
			analysis.BandGood:    "a good area",
			analysis.BandImprove: "an area to improve",
			analysis.BandBarrier: "a barrier",
			analysis.BandNone:    "not scored",
		},
		marks: map[workbook.Mark]string{
			workbook.Met:       "yes",
			workbook.NotMet:    "no",
			workbook.Unknown:   "?",
			workbook.NotMarked: "·",
		},
		natural: naturalGroups(),

		ReportTitle:       "Community engagement barrier report",
		CoverKicker:       "Partnership self-assessment",
		Cover:             "Cover",
		Summary:           "Summary",
		Step1:             "Step 1. Mapping the partnerships",
		Step2:             "Step 2. Selecting a partnership",
		Step34:            "Steps 3 and 4. The workbook and its verification",
		Step5:             "Step 5. Barriers and where to intervene",
		Appendix:          "Appendix. Every statement, with comments",
		ByDirectorate:     "Partnerships by directorate",
		ByCommunity:       "Partnerships by kind of community",
		BySector:          "Partnerships by partner sector",
		Criteria:          "How many partnerships meet each criterion",
		Matrix:            "The criteria matrix",
		Shortlist:         "The shortlist",
		Selected:          "The partnership selected",
		WhySelected:       "Why it was selected",
		AtAGlance:         "The key issues at a glance",
		MeansByGroup:      "Insiders and outsiders",
		Spread:            "Everyone's scores",
		VerificationNotes: "Notes from the verification",
		Gaps:              "Verification gaps",
		Ranked:            "Statements in the barrier band, lowest first",
		ActionPlan:        "Where to intervene: the action plan",
		Suggested:         "Interventions the workbook suggests",
		IssuesThenNow:     "Key issues then and now",
		BarriersThenNow:   "Barriers then and now",
		EarlierPlan:       "The earlier action plan",
		WhoTookPart:       "Who took part",
		AboutSite:         "About the site",
		Names:             "Participants",

		PartnershipAssessed:  "Partnership assessed",
		Assessment:           "Assessment",
		Started:              "Started",
		Completed:            "Completed",
		Questionnaire:        "Questionnaire",
		DataAsOf:             "Data as of",
		Draft:                "DRAFT – assessment in progress",
		InProgress:           "not yet (in progress)",
		Version:              "version",
		NoPartnership:        "No partnership selected yet",
		RoleLevel:            "Role level",
		Insiders:             "Insiders",
		Outsiders:            "Outsiders",
		InsidersShort:        "in",
		OutsidersShort:       "out",
		Everyone:             "Everyone",
		Total:                "Total",
		Name:                 "Name",
		Group:                "Group",
		Organisation:         "Organisation",
		Participant:          "a participant",
		And:                  "and",
		Partnerships:         "Partnerships",
		MappedPartnerships:   "Mapped partnerships",
		Share:                "Share",
		Directorate:          "Directorate",
		Unassigned:           "Unassigned",
		NotListed:            "(not in the site's list)",
		CommunityType:        "Kind of community",
		NotRecorded:          "Not recorded",
		Sector:               "Partner sector",
		NoPartnersRecorded:   "No partners recorded",
		Criterion:            "Criterion",
		Met:                  "Met",
		NotMet:               "Not met",
		Unknown:              "Unknown",
		NotMarked:            "Not marked",
		Partnership:          "Partnership",
		SelectedMark:         "(selected)",
		Area:                 "Area",
		Partners:             "Partners",
		Running:              "Running",
		CriteriaMet:          "Criteria met",
		KeyIssue:             "Key issue",
		Statement:            "Statement",
		BandBarrier:          "Barrier",
		BandImprove:          "Improve",
		BandGood:             "Good",
		N:                    "n",
		Mean:                 "Mean",
		MeanN:                "mean, n",
		SD:                   "SD",
		DontKnow:             "Don't know",
		AgreeDisagree:        "Agree / disagree",
		Gap:                  "Gap",
		Reading:              "Reading",
		BlindSpot:            "Blind spot",
		UnrecognisedStrength: "Unrecognised strength",
		NoGap:                "No gap of 1.0 or more",
		NotCompared:          "Not compared",
		Contested:            "contested",
		Rank:                 "Rank",
		Action:               "Action",
		Owner:                "Owner",
		Due:                  "Due",
		Status:               "Status",
		StatusNow:            "Status now",
		Review:               "Review",
		By:                   "by",
		Then:                 "Then",
		Now:                  "Now",
		Change:               "Change",
		Reversed: "reversed statement: agreeing is bad, so its scores are flipped (5 becomes 1) for the mean, the dots " +
			"and the band, where higher is better; the shares agreeing and disagreeing are of the words as written",
		InsidersOnly:  "insiders only: not in the verification set",
		DialogueNotes: "Notes from the dialogue",
		BarriersGone:  "No longer a barrier",
		BarriersNew:   "New barriers",
		BarriersStill: "Still a barrier",
		None:          "None.",
		FewerThan3:    "fewer than 3 people: not shown",
		Withheld:      "withheld: a group in it is under 3",
		ReversedMark:  "(reversed)",
		ScoresOf:      "Whose scores",
		Band:          "Band",
		IssueTableNote: "The same scores as figures, with everyone's. The band is that of the first figure shown " +
			"(everyone's, else the insiders'), which is also the one the comparison of sites shows.",
		NoScores:          "no scores",
		NotInVerification: "not in the verification set",
		NotAsked:          "not asked",

		AnonymityNote: "Each comment is signed by a group of at least 3 people who took part (a role level, " +
			"levels taken together, or a whole group; \"a participant\" when insiders or outsiders are fewer " +
			"than 3), and no figure is shown for a group of fewer than 3 people. Participants' names stay in " +
			"the facilitator's store.",
		NamesShown: "This copy shows participants' names, as the facilitator asked. Share it only with the " +
			"people who took part; the usual report signs comments only by groups of at least 3 people.",
		LegendCompare: "mean on the 1-5 scale; shaded bands: barrier, improve, good",
		IssueMeanNote: "A key issue's score is the mean of its statements' means, so that issues with more " +
			"statements do not weigh more. Each group's score is over the statements it scored: the insiders " +
			"all of them, the outsiders the verification statements. n is the number of people who scored the " +
			"issue. A group of 1 or 2 people is not shown, and then neither is everyone's score, which would " +
			"reveal theirs.",
		SpreadNote: "Each mark is one person's score: circles insiders, triangles outsiders; the black line is " +
			"the mean of the people shown and the grey line the range. " +
			"A statement is contested when it has scores on both sides of the middle of the scale, or a " +
			"standard deviation of 1.0 or more.",
		NotListedNote: "A directorate marked as not in the site's list is recorded on a partnership but missing " +
			"from the site's directorates: check the spelling in the mapping.",
		SectorNote: "A partnership with several partner sectors counts once under each, so the rows add up to " +
			"more than the number of partnerships.",
		MatrixKey: "yes: meets the criterion; no: does not; ?: considered, not known; ·: not marked yet. The selected partnership is in bold.",
		NoReason:  "No reason was recorded.",
		NoneSelected: "No partnership has been selected for this assessment yet. Apply the criteria to the " +
			"mapped partnerships and select one in step 2.",
		NoMapping:  "No partnerships have been mapped at this site yet.",
		NoFindings: "None written up yet.",
		NoPlan:     "No actions have been agreed yet.",
		SuggestedNote: "The workbook suggests these interventions for the statements in the barrier band. They " +
			"are starting points for the group, not decisions.",
		AppendixIntro: "For each statement: n (the people who gave a score), the mean, the standard deviation " +
			"(SD), the don't-know answers (never scored) and the shares agreeing (4-5) and disagreeing (1-2) with " +
			"the words as written, " +
			"then the group's notes and every comment, signed by a group of at least 3 of the people who took part.",
		NoScoresNext: "Once the insiders have scored the workbook (step 3) and the outsiders the verification " +
			"statements (step 4), this part shows each key issue's scores, every statement's spread and the " +
			"verification gaps.",
		SummaryNoIssue:     "No key issue has scores from 3 or more people yet, so none is rated here.",
		SummaryConfirmed:   "The barriers the group confirmed:",
		SummaryNoConfirmed: "The group has not written up any barriers yet.",
		SummaryNoPlan:      "No actions have been agreed yet.",
		MissingScores:      "no responses: nobody has scored the workbook yet",
		MissingMapping:     "no partnerships mapped",
		MissingSelection:   "no partnership selected",

		Mapped: func(total, directorates int) string {
			return fmt.Sprintf("%s mapped at this site, under %s.", plural(total, "partnership was", "partnerships were"),
				plural(directorates, "directorate", "directorates"))
		},
		UnassignedNote: func(n int) string {
			return fmt.Sprintf("%s not placed under any directorate. %s shown as unassigned so that the rows add up "+
				"to the total.", plural(n, "partnership is", "partnerships are"), pick(n, "It is", "They are"))
		},
		MeetAll: func(all, total int) string {
			if total == 1 {
				return pick(all, "The one mapped partnership meets every criterion.", "The one mapped partnership does not meet every criterion.")
			}
			return fmt.Sprintf("%d of the %s %s every criterion.", all, plural(total, "mapped partnership", "mapped partnerships"), pick(all, "meets", "meet"))
		},
		ShortlistNote: func(shown, total int) string {
			return fmt.Sprintf("The %d partnerships closest to meeting every criterion, of %d mapped; the selected "+
				"partnership first.", shown, total)
		},
		KeyIssueN: func(n int, title string) string { return fmt.Sprintf("Key issue %d. %s", n, title) },
		WorkbookIntro: func(improve, good string) string {
			return fmt.Sprintf("Insiders (the partnership's own people) scored the workbook; outsiders (community "+
				"members and partners) scored the statements marked for verification. Scores run from 1 (strongly "+
				"disagree) to 5 (strongly agree); a mean of %s and above is a good area, from %s an area to improve, "+
				"and below %s a barrier.", good, improve, improve)
		},
		GapsIntro: func(threshold string) string {
			return fmt.Sprintf("The gap is the insiders' mean minus the outsiders' mean. A gap of +%s or more is a "+
				"blind spot (the insiders rate themselves higher than the community does); −%s or less is an "+
				"unrecognised strength. n is the number of people in each group who gave a score. A key issue's row "+
				"compares the two groups on the same statements, those both groups scored (3 or more people each), "+
				"so its means are over those statements and may differ from the key-issue scores above.", threshold, threshold)
		},
		GapLine: func(statement, gap, insMean string, insN int, outsMean string, outsN int) string {
			return fmt.Sprintf("%s: gap %s = insiders %s (n=%d) − outsiders %s (n=%d)", statement, gap, insMean, insN, outsMean, outsN)
		},
		GapOver: func(n int) string {
			return fmt.Sprintf("over the %s both groups scored", plural(n, "statement", "statements"))
		},
		NobodyYet: func(registered int) string {
			if registered == 0 {
				return "Nobody has taken part yet: no participants are registered."
			}
			return fmt.Sprintf("Nobody has taken part yet: %s registered but no answers recorded.",
				plural(registered, "participant is", "participants are"))
		},
		NoScoresYet: func(insiders, outsiders int) string {
			return fmt.Sprintf("There are no scores to show yet: %s and %s registered, but nobody has "+
				"scored a statement, so this report draws no charts.",
				plural(insiders, "insider", "insiders"), plural(outsiders, "outsider is", "outsiders are"))
		},
		SummaryNoScores: func(registered int) string {
			return fmt.Sprintf("This assessment has no responses yet (%s registered), so the report shows "+
				"the mapping, the selection and any plans, but no scores.", plural(registered, "participant", "participants"))
		},
		SummaryTookPart: func(insiders, insScored, statements, outsiders, outsScored, verification int) string {
			of := func(scored, total int, what, whats string) string {
				if scored == total {
					return "the " + plural(total, what, whats)
				}
				return fmt.Sprintf("%d of the %s", scored, plural(total, what, whats))
			}
			s := fmt.Sprintf("%s scored %s", plural(insiders, "insider", "insiders"), of(insScored, statements, "statement", "statements"))
			if outsiders == 0 {
				return s + "; no outsiders have scored the verification statements yet."
			}
			return fmt.Sprintf("%s; %s scored %s.", s, plural(outsiders, "outsider", "outsiders"),
				of(outsScored, verification, "verification statement", "verification statements"))
		},
		SummaryIssues: func(whose, best, bestFig, worst, worstFig string) string {
			return fmt.Sprintf("By %s scores, the strongest key issue is %s (%s) and the weakest %s (%s).",
				whose, best, bestFig, worst, worstFig)
		},
		SummaryOneIssue: func(whose, title, fig string) string {
			return fmt.Sprintf("Only one key issue has enough of %s scores to rate: %s (%s).", whose, title, fig)
		},
		IssueFig: func(group, mean, band, other, otherMean string, otherN int) string {
			s := fmt.Sprintf("%s %s, %s", group, mean, band)
			if otherN == 0 {
				return s
			}
			if otherMean == "" {
				return fmt.Sprintf("%s; %s n=%d, not shown", s, other, otherN)
			}
			return fmt.Sprintf("%s; %s %s", s, other, otherMean)
		},
		SummaryBarrierBand: func(n int, threshold, lowest, whose, mean string, nn int) string {
			return fmt.Sprintf("%s a mean below %s (everyone's where both groups scored, else the insiders'), in the "+
				"barrier band; the lowest is %s (%s mean %s, n=%d).",
				plural(n, "statement has", "statements have"), threshold, lowest, whose, mean, nn)
		},
		SummaryNoBlindSpots: func(compared int) string {
			return fmt.Sprintf("There are no blind spots: on none of the %s compared do the insiders score 1.0 or "+
				"more above the outsiders.", plural(compared, "statement", "statements"))
		},
		SummaryNoneCompared: func(outsiders int) string {
			if outsiders == 0 {
				return "No verification gap could be worked out: no outsiders have scored the verification statements, " +
					"so the insiders' view has not been checked yet."
			}
			return fmt.Sprintf("No verification gap could be worked out: no statement was scored by 3 or more outsiders "+
				"(%s took part), so whether there are blind spots is not known.", plural(outsiders, "outsider", "outsiders"))
		},
		SummaryNoBarrierBand: func(threshold string) string {
			return fmt.Sprintf("No statement has a mean below %s: none is in the barrier band.", threshold)
		},
		SummaryBlindSpots: func(n, shown int) string {
			s := fmt.Sprintf("%s, where the insiders score themselves 1.0 or more above the outsiders",
				plural(n, "blind spot", "blind spots"))
			if shown < n {
				return fmt.Sprintf("%s; the %d biggest:", s, shown)
			}
			return s + ":"
		},
		SummaryStrengths: func(n, shown int) string {
			s := fmt.Sprintf("%s, where the outsiders score the partnership 1.0 or more above the insiders",
				plural(n, "unrecognised strength", "unrecognised strengths"))
			if shown < n {
				return fmt.Sprintf("%s; the %d biggest:", s, shown)
			}
			return s + ":"
		},
		SummaryPlan: func(n int) string {
			return fmt.Sprintf("What the site plans to do (%s):", plural(n, "action", "actions"))
		},
		SummaryPlanMore: func(n int) string {
			return fmt.Sprintf("… and %s more in the action plan (step 5).", plural(n, "action", "actions"))
		},
		SummaryChanged: func(then string) string {
			return fmt.Sprintf("The same partnership was assessed before, from %s: the last section says what changed.", then)
		},
		AgreedScore: func(score, points int, reversed bool) string {
			if reversed {
				return fmt.Sprintf("Score agreed by the group: %d of %d as answered, %d on the flipped scale of the mean "+
					"(higher is better).", score, points, points+1-score)
			}
			return fmt.Sprintf("Score agreed by the group: %d of %d.", score, points)
		},
		Comments: func(n int) string { return fmt.Sprintf("Comments (%d)", n) },
		MarkerNote: func(marker string) string {
			return fmt.Sprintf("%s stands for a character the report's fonts cannot draw (an emoji, or a script "+
				"such as Chinese or Arabic); the store keeps the text as it was typed.", marker)
		},
		WhatChanged: func(then string) string { return "What changed since the assessment of " + then },
		ChangesIntro: func(then string, insThen, outsThen int, now string, insNow, outsNow int) string {
			return fmt.Sprintf("The same partnership was assessed from %s (%s and %s) and again from %s "+
				"(%s and %s). Different people may have taken part each time.",
				then, plural(insThen, "insider", "insiders"), plural(outsThen, "outsider", "outsiders"),
				now, plural(insNow, "insider", "insiders"), plural(outsNow, "outsider", "outsiders"))
		},
		Moved: func(threshold string) string { return "Statements whose mean moved by " + threshold + " or more" },
		NoneMoved: func(threshold string) string {
			return "No statement's mean moved by " + threshold + " or more."
		},
		MovedMore: func(shown, total int) string {
			return fmt.Sprintf("The %d that moved most, of %d.", shown, total)
		},
		Page:             func(n int, total string) string { return fmt.Sprintf("Page %d of %s", n, total) },
		Since:            func(year int) string { return fmt.Sprintf("since %d", year) },
		StartNotRecorded: "start not recorded",
		Ongoing:          "ongoing",
		Ended:            "ended",
		MeetsNone:        "none",
		MeetsEvery:       "every criterion",
		MeetsSome:        func(met, notMet string) string { return met + "; not " + notMet },
		NotComparedWhy: func(few, none []string) string {
			var why []string
			if len(few) > 0 {
				why = append(why, "fewer than 3 "+strings.ToLower(strings.Join(few, " and ")))
			}
			if len(none) > 0 {
				why = append(why, "no scores from "+strings.ToLower(strings.Join(none, " or ")))
			}
			if len(why) == 0 {
				return "Not compared"
			}
			return "Not compared: " + strings.Join(why, "; ")
		},
		StatementRef: func(number string) string { return "statement " + number },
		KeyIssueRef:  func(number int) string { return fmt.Sprintf("key issue %d", number) },
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

// plural writes n with the singular or plural phrase.
func plural(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, pick(n, one, many))
}

// pick chooses the singular or plural form for n.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
