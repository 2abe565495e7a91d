package demo

import "github.com/engage-toolkit/engage/internal/workbook"

// tynebridge is pilot site 4: a borough rolling out locality working in the
// South. It assessed the same partnership twice, a year apart.
func tynebridge() sitePlan {
	const (
		south    = "Tynebridge South"
		borough  = "Borough-wide"
		bedes    = "Bede's Lea"
		ashcombe = "Ashcombe"
		wrekin   = "Wrekenhill"
		beacon   = "Beacon Rise"
		selected = "South Family Hub partnership board"
	)
	reason := "Meets all criteria. The South is where locality working started, and the family hub board brings " +
		"the council, the NHS, schools and VCS partners together with parents."
	return sitePlan{
		n: 4, seed: 4004,
		site: workbook.SiteInput{
			Name:         "Tynebridge South",
			Organisation: "Tynebridge Borough Council",
			Area:         "Tynebridge South locality",
			Context: "Borough council rolling out locality working in the South: family hubs aligned with the " +
				"locality model, VCS partners commissioned for community development, a data lab, and schools mapped " +
				"to the locality. Funding pressure on the voluntary sector is a recurring theme. The family hub board " +
				"was assessed in March 2025 and again in March 2026 to see what changed.",
		},
		partnerships: []partnershipSpec{
			geo(selected, south, dirSocial, council, health, schools, vcs, residents).shortlisted().since(2022),
			geo("Family hub – Bede's Lea", bedes, dirSocial, council, health, vcs, residents),
			geo("Family hub – Wrekenhill", wrekin, dirSocial, council, health, vcs, residents),
			geo("Early Help locality case management group", south, dirSocial, council, health, schools, police),
			geo("Primary Care Network health inequalities group – South", south, dirSocial, health, council, vcs).shortlisted(),
			geo("Food network – Ashcombe", ashcombe, dirSocial, vcs, residents, business),
			geo("Warm spaces network – South", south, dirSocial, council, vcs, residents),
			interest("Carers' forum", borough, dirSocial, council, health, vcs, residents),
			interest("Tynebridge Data Lab steering group", borough, dirResources, council, health, vcs).since(2023).
				noted("Shares data on local need with partners; no community members yet."),
			geo("Customer-facing teams training group – South", south, dirResources, council, health).unknownCommunity(),
			geo("Schools locality cluster – South", south, dirEducation, schools, council, health),
			interest("Youth work mapping group", borough, dirEducation, council, vcs).since(2023),
			interest("Young people's voice group", borough, dirEducation, council, schools, residents),
			geo("Community centres network – South", south, dirCulture, vcs, residents, council),
			geo("Beacon Rise Thrive partnership", beacon, dirCulture, council, health, vcs, residents).shortlisted(),
			interest("VCS community development commissioning group", borough, dirCulture, council, vcs),
			interest("Digital inclusion partnership", borough, dirCulture, council, vcs, business),
			geo("Lottery bid partnership – Bede's Lea", bedes, dirCulture, vcs, residents, council).wound(),
			geo("Neighbourhood management partners' meeting – Ashcombe", ashcombe, dirEnvironment, council, police, vcs),
			geo("Housing and neighbourhoods locality group – South", south, dirEnvironment, council, residents),
			geo("Residents' association – Ravensdene", "Ravensdene", dirEnvironment, council, residents),
			geo("Parks friends' group – Wrekenhill", wrekin, dirEnvironment, council, residents),
			geo("Locality model consultation – South", south, dirCommunication, council, residents).oneOffEvent().since(2023),
			geo("Ward councillors' locality briefing – South", south, dirCommunication, council).unknownCommunity(),
			geo("Safer Streets partnership – Bede's Lea", bedes, dirNone, police, council, residents).since(2021).wound().
				noted("Funded by the Police and Crime Commissioner until December 2023; not placed under a directorate."),
		},
		years:         [2]int{2015, 2024},
		names:         true,
		insiderOrgs:   []string{"Tynebridge Borough Council", "Tynebridge Borough Council", "NHS South Tynebridge Primary Care Network", "Ashcombe Primary School"},
		communityOrgs: []string{"Bede's Lea Community Association", "Wrekenhill Parents' Group", "Beacon Rise Community Centre"},
		partnerOrgs:   []string{"Tynebridge Voluntary Action", "Tynebridge Homes"},
		assessments: []assessmentPlan{
			{
				title: "South Family Hub workbook 2025", started: "2025-03-10", completed: "2025-04-14",
				partnership: selected, reason: reason,
				insiders: 9, outsiders: 5,
				levels:   [issueSlots]float64{3.2, 3.4, 3.4, 3.1},
				outShift: [issueSlots]float64{-0.3, -0.3, -0.4, -0.2},
				spread:   0.45,
				items: []itemPlan{
					{ref: ref{"ca-feedback", issueCommunity, 7}, level: 2.4},
					{ref: ref{"os-interagency-training", issueSkills, 3}, level: 2.7},
					{ref: ref{"sc-shared-leadership", issueService, 0}, level: 3.5},
					{ref: ref{"oc-senior-managers", issueCulture, 1}, level: 4.2},
					{ref: ref{"oc-budget", issueCulture, 5}, level: 2.3},
				},
				notes: []notePlan{
					{ref{"ca-feedback", issueCommunity, 7}, 2, "Families are asked for their views by several services and never hear back."},
					{ref{"os-interagency-training", issueSkills, 3}, 2, "Customer-facing teams have had no joint training with health. Agreed to co-design some."},
					{ref{"oc-budget", issueCulture, 5}, 2, "VCS partners cannot plan beyond March, and lottery bids need capacity they do not have."},
				},
				issueNotes: [issueSlots]string{
					"Parents rated feedback lowest of all: they are asked repeatedly and never told the result.",
					"Outsiders could not judge training; they rated staff's knowledge of the area well.",
					"Outsiders see the board as council-led.",
					"Both groups agree on short-term funding; both value the strategic lead and political oversight.",
				},
				findings: []findingPlan{
					good(issueCulture, "oc-senior-managers", "Senior leadership is committed to the locality model, with political oversight."),
					improve(issueService, "", "Schools are not yet linked into the hub network."),
					barrier(issueSkills, "os-interagency-training", "No joint training between customer-facing teams and health."),
					barrier(issueCommunity, "ca-feedback", "Families never hear what happened to their views."),
					barrier(issueCulture, "oc-budget", "Short-term funding of VCS partners."),
				},
				actions: []actionPlan{
					{"Co-design training with health teams for customer-facing staff", "Strategic Lead, South", "2025-10-31",
						issueSkills, workbook.StatusPlanned, reviews(
							rv("2025-05-12", "Ruth Morgan", workbook.StatusInProgress, "The health visitors' lead agreed to co-design it; first planning meeting held."),
							rv("2025-09-15", "Ruth Morgan", workbook.StatusInProgress, "Three sessions booked for October."),
							rv("2025-11-10", "Ruth Morgan", workbook.StatusDone, "Three sessions held in October 2025; 64 staff attended."))},
					{"Report back to families in the hub newsletter (\"you said, we did\")", "Family hub coordinator", "2025-07-31",
						issueCommunity, workbook.StatusPlanned, reviews(
							rv("2025-06-09", "Ruth Morgan", workbook.StatusInProgress, "First issue drafted with the Wrekenhill Parents' Group."),
							rv("2025-07-14", "Ruth Morgan", workbook.StatusDone, "Running since July 2025."))},
					{"Map the locality model to schools", "Early Help service manager", "2025-12-19",
						issueService, workbook.StatusPlanned, reviews(
							rv("2025-09-15", "Ruth Morgan", workbook.StatusInProgress, "Four of eleven schools mapped."),
							rv("2025-11-10", "Ruth Morgan", workbook.StatusInProgress, "Six of eleven schools mapped; two head teachers not met yet."),
							rv("2026-01-19", "Simon Walsh", workbook.StatusInProgress, "Eight of eleven schools mapped; a new date to be agreed."))},
					{"Bring data lab findings to the board every quarter", "Data lab lead", "2025-09-30",
						issueCulture, workbook.StatusPlanned, reviews(
							rv("2025-07-14", "Ruth Morgan", workbook.StatusInProgress, "First quarterly briefing given in July."),
							rv("2025-10-13", "Ruth Morgan", workbook.StatusDone, "Second briefing given; now a standing item on the board's agenda."))},
					{"Set up a parents' forum of its own for Wrekenhill", "Family hub coordinator", "2025-11-28",
						issueCommunity, workbook.StatusPlanned, reviews(
							rv("2025-06-09", "Ruth Morgan", workbook.StatusPlanned, "The Wrekenhill Parents' Group asked for time to think it over."),
							rv("2025-09-15", "Ruth Morgan", workbook.StatusDropped, "The parents' group chose to send two members to the hub network board instead of a forum of its own."))},
					{"Agree with the primary care network how practices refer families to the hub", "Strategic Lead, South", "2026-01-30",
						issueService, workbook.StatusPlanned, reviews(
							rv("2025-11-10", "Simon Walsh", workbook.StatusInProgress, "Draft referral route shared with two practices."))},
				},
			},
			{
				title: "South Family Hub workbook 2026", started: "2026-03-09",
				partnership: selected, reason: reason + " Assessed again a year on to see what changed.",
				insiders: 10, outsiders: 6,
				levels:   [issueSlots]float64{3.6, 3.9, 3.8, 3.4},
				outShift: [issueSlots]float64{-0.3, -0.2, -0.3, -0.2},
				spread:   0.45,
				items: []itemPlan{
					{ref: ref{"ca-feedback", issueCommunity, 7}, level: 3.3},
					{ref: ref{"os-interagency-training", issueSkills, 3}, level: 4.3},
					{ref: ref{"sc-shared-leadership", issueService, 0}, level: 4.3},
					{ref: ref{"oc-senior-managers", issueCulture, 1}, level: 4.4},
					{ref: ref{"oc-budget", issueCulture, 5}, level: 2.3},
					{ref: ref{"oc-flexible-resources", issueCulture, 6}, level: 2.6},
				},
				notes: []notePlan{
					{ref{"ca-feedback", issueCommunity, 7}, 3, "The hub newsletter now reports back; still patchy outside Bede's Lea."},
					{ref{"os-interagency-training", issueSkills, 3}, 4, "The co-designed training with health teams ran in the autumn and staff rated it highly."},
					{ref{"oc-budget", issueCulture, 5}, 2, "No change: VCS funding is still year to year."},
				},
				issueNotes: [issueSlots]string{
					"Better than last year on feedback; parents outside Bede's Lea still rate it low.",
					"Close agreement between the groups.",
					"Outsiders noticed the VCS co-chair: shared leadership is rated higher by both groups.",
					"Funding remains the main barrier for both groups.",
				},
				findings: []findingPlan{
					good(issueSkills, "os-interagency-training", "Joint training with health teams has made a difference."),
					good(issueService, "sc-shared-leadership", "Leadership is shared: a VCS partner now co-chairs the board."),
					improve(issueCommunity, "ca-feedback", "Feedback to families is better but patchy outside Bede's Lea."),
					improve(issueCulture, "", "Community members are still not on the data lab steering group."),
					barrier(issueCulture, "oc-budget", "Short-term funding of VCS partners remains the main barrier."),
				},
				actions: []actionPlan{
					{"Invite two parents from the hub network onto the partnership board", "Strategic Lead, South", "2026-06-30",
						issueCulture, workbook.StatusPlanned, nil},
					{"Agree three-year funding agreements with VCS partners", "Strategic Director, Housing and Communities", "2026-09-30",
						issueCulture, workbook.StatusPlanned, nil},
					{"Extend \"you said, we did\" to Ashcombe and Wrekenhill", "Family hub coordinator", "2026-04-30",
						issueCommunity, workbook.StatusPlanned, nil},
				},
			},
		},
	}
}
