package demo

import "github.com/engage-toolkit/engage/internal/workbook"

// westmoor is pilot site 2: a rural county whose local area coordinators
// facilitated. The outsiders show a blind spot on two key issues.
func westmoor() sitePlan {
	const (
		county   = "County-wide"
		castle   = "Castlebridge"
		wolds    = "Wykeham and the Wolds"
		dales    = "North Westmoor Dales"
		ashby    = "Ashby Vale"
		harrow   = "Harrowfield"
		selected = "Castlebridge Local Area Forum"
	)
	return sitePlan{
		n: 2, seed: 2002,
		site: workbook.SiteInput{
			Name:         "Westmoor County",
			Organisation: "Westmoor County Council",
			Area:         "Westmoor (five local areas)",
			Context: "Large rural county council of market towns and villages, working through five local areas, " +
				"each with a Local Area Coordinator who supports the local forum and facilitated the sessions. " +
				"District councils, the NHS and the police take part in the forums; travel times make evening " +
				"meetings hard for people from outlying villages.",
		},
		partnerships: []partnershipSpec{
			geo(selected, castle, dirCommunication, council, health, police, vcs, business, residents).shortlisted().since(2004).
				noted("Supported by the Local Area Coordinator; meets six times a year in Castlebridge town hall."),
			geo("Wykeham and the Wolds Local Area Forum", wolds, dirCommunication, council, police, vcs, residents).since(2004),
			geo("North Westmoor Dales Local Area Forum", dales, dirCommunication, council, health, police, residents).since(2004),
			geo("Ashby Vale Local Area Forum", ashby, dirCommunication, council, police, vcs, residents).since(2005),
			geo("Harrowfield Local Area Forum", harrow, dirCommunication, council, police, business, residents).since(2005),
			geo("Market town partnership – Castlebridge", castle, dirCulture, council, business, vcs, residents),
			geo("Market town partnership – Wykeham", wolds, dirCulture, council, business, residents),
			geo("Village appraisal steering group – Little Ashby", ashby, dirCulture, council, residents).wound(),
			geo("Town plan steering group – Harrowfield", harrow, dirCulture, council, business, residents),
			geo("Village halls network – Ashby Vale", ashby, dirCulture, vcs, residents),
			interest("Rural transport partnership", county, dirEnvironment, council, health, vcs, business),
			interest("Parish and town councils liaison forum", county, dirCommunication, council, residents),
			interest("Gypsy and Traveller liaison group", county, dirCommunication, council, health, police, vcs),
			geo("Youth service locality group – Castlebridge", castle, dirEducation, council, schools, vcs),
			geo("Youth service locality group – Harrowfield", harrow, dirEducation, council, schools, vcs),
			geo("Library and community hub group – Harrowfield", harrow, dirEducation, council, vcs, residents),
			interest("Adult learning in villages partnership", county, dirEducation, council, vcs),
			geo("Extended services cluster – Castlebridge schools", castle, dirEducation, schools, council, health),
			geo("Health and wellbeing locality group – North Westmoor Dales", dales, dirSocial, council, health, vcs, residents).shortlisted(),
			geo("Village care scheme for older people – Ashby Vale", ashby, dirSocial, council, health, vcs, residents).shortlisted(),
			interest("Carers' support network", county, dirSocial, council, health, vcs),
			interest("Rural mental health network", county, dirSocial, health, vcs, residents),
			interest("Disability access forum", county, dirSocial, council, vcs, residents),
			geo("Community first responders partnership – North Westmoor Dales", dales, dirSocial, health, residents),
			interest("Westmoor Local Strategic Partnership – district liaison", county, dirResources, council, health, police, vcs, business),
			geo("Flood action group – Wykeham", wolds, dirEnvironment, council, residents, business).
				noted("Meets when flood warnings are issued and twice a year besides."),
			geo("Rural housing enabler group – North Westmoor Dales", dales, dirEnvironment, council, residents, business),
			interest("Countryside access forum", county, dirEnvironment, council, residents, business),
			interest("Minerals and waste plan consultation", county, dirEnvironment, council, residents).oneOffEvent(),
			geo("Safer Neighbourhoods panel – Castlebridge", castle, dirNone, police, council, residents).
				noted("Police-led; not placed under a county directorate."),
		},
		years:         [2]int{1998, 2008},
		names:         true,
		insiderOrgs:   []string{"Westmoor County Council", "Westmoor County Council", "Castlebridge District Council", "NHS Westmoor"},
		communityOrgs: []string{"Castlebridge Town Council", "Little Ashby village hall committee", "Castlebridge Youth Club"},
		partnerOrgs:   []string{"Westmoor Rural Community Council", "Castlebridge neighbourhood policing team"},
		assessments: []assessmentPlan{{
			title:       "Castlebridge Local Area Forum workbook",
			started:     "2026-02-05",
			completed:   "2026-02-26",
			partnership: selected,
			reason: "Meets every criterion. The Local Area Coordinator supports it, and it brings the county's area " +
				"role together with the district council, the NHS, the police and parish councils.",
			insiders: 8, outsiders: 5,
			levels:   [issueSlots]float64{4.0, 3.6, 4.0, 3.4},
			outShift: [issueSlots]float64{-1.4, -0.2, -1.3, -0.2},
			spread:   0.45,
			items: []itemPlan{
				{ref: ref{"ca-meeting-times", issueCommunity, 0}, level: 4.2},
				{ref: ref{"os-interagency-training", issueSkills, 3}, level: 4.3},
				{ref: ref{"os-front-line-time", issueSkills, 8}, level: 2.5},
				{ref: ref{"oc-senior-managers", issueCulture, 1}, level: 4.2},
				{ref: ref{"oc-budget", issueCulture, 5}, level: 2.4},
				{ref: ref{"oc-national-rules", issueCulture, 7}, level: 2.6},
			},
			notes: []notePlan{
				{ref{"ca-meeting-times", issueCommunity, 0}, 4,
					"Staff felt the 7pm meetings in the town hall work well. The Local Area Coordinator pointed out that people from the outlying villages have no bus home after 6pm."},
				{ref{"ca-costs-covered", issueCommunity, 3}, 3,
					"Travel expenses are paid to co-opted members only, not to other residents who come."},
				{ref{"os-front-line-time", issueSkills, 8}, 2,
					"Front-line staff cover large patches and have no time to attend village meetings."},
				{ref{"oc-budget", issueCulture, 5}, 2,
					"The forum's small grants budget is set each April and is often late, so nothing can be planned."},
			},
			issueNotes: [issueSlots]string{
				"Blind spot: insiders rated meeting times, information and feedback well above the outsiders. People from the villages see the forum as a Castlebridge town meeting.",
				"Outsiders rated staff's knowledge of the villages a little lower; otherwise close to the insiders.",
				"Blind spot: staff think the forum welcomes challenge and values local knowledge; parish and community members do not.",
				"Both groups see the budget and national rules as barriers, and value the senior managers' support.",
			},
			findings: []findingPlan{
				good(issueSkills, "os-interagency-training", "Joint training with the district council and the police has built good working relationships."),
				good(issueCulture, "oc-senior-managers", "Senior managers and the executive member attend and follow things up."),
				improve(issueCommunity, "ca-meeting-times", "Staff believe meetings suit residents; outsiders from the villages disagree."),
				improve(issueService, "sc-community-expertise", "Parish councils' local knowledge is not used in setting priorities."),
				barrier(issueCommunity, "", "Blind spot confirmed: insiders rate the community's ability to engage much higher than outsiders do."),
				barrier(issueSkills, "os-front-line-time", "Front-line staff have no time to take part in local meetings."),
				barrier(issueCulture, "oc-budget", "The forum's budget is set late each year; nothing can be planned."),
			},
			actions: []actionPlan{
				{"Hold forum meetings in the village halls in turn, with a minibus from the outlying villages", "Local Area Coordinator, Castlebridge", "2026-04-30",
					issueCommunity, workbook.StatusPlanned, nil},
				{"Invite the parish councils to set one agenda item at each meeting", "Forum chair", "2026-05-31",
					issueService, workbook.StatusPlanned, nil},
				{"Agree protected time for front-line staff to attend local forums", "Assistant Director, Localities", "2026-06-30",
					issueSkills, workbook.StatusPlanned, nil},
				{"Report in the parish newsletters what the forum decided", "Local Area Coordinator, Castlebridge", "2026-03-31",
					issueCommunity, workbook.StatusPlanned, reviews(
						rv("2026-02-26", "", workbook.StatusInProgress, "First report goes in the March newsletters."))},
			},
		}},
	}
}
