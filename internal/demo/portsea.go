package demo

import (
	"github.com/engage-toolkit/engage/internal/workbook"
)

// portsea is pilot site 3: a city working in six localities, each with a
// service co-ordination team. One statement is contested.
func portsea() sitePlan {
	const selected = "Harbourside Locality Partnership"
	return sitePlan{
		n: 3, seed: 3003,
		site: workbook.SiteInput{
			Name:         "Portsea localities",
			Organisation: "Portsea City Council",
			Area:         "Portsea (six localities)",
			Context: "City council and its Local Strategic Partnership working in six localities made of the city's " +
				"40 neighbourhoods. Each locality has a Locality Service Co-ordination Team (street scene, community " +
				"safety, health, children and young people) led by a Locality Champion. The dialogue was run with a " +
				"Locality Partnership that replaced the area committee. Booklets were filled in on paper and typed in.",
		},
		partnerships: portseaMapping(selected),
		years:        [2]int{2006, 2011},
		insiderOrgs: []string{
			"Portsea City Council", "Portsea City Council", "Portsea Police", "NHS Portsea", "Portsea Children's Trust",
		},
		communityOrgs: []string{
			"Harbourside Residents' Network", "Millbay Tenants' Association", "Harbourside Mosque", "St Aldhelm's Youth Project",
		},
		partnerOrgs: []string{"Portsea Council for Voluntary Service", "Harbourside Housing Association"},
		assessments: []assessmentPlan{{
			title:       "Harbourside Locality Partnership workbook",
			started:     "2026-02-09",
			completed:   "2026-03-02",
			partnership: selected,
			reason: "Meets every criterion and is the newest kind of partnership in the city: residents, ward " +
				"councillors and the four service themes solving problems together. The LSP wanted to learn from it " +
				"before setting up the other five.",
			insiders: 12, outsiders: 8,
			levels:   [issueSlots]float64{3.5, 3.7, 3.7, 3.4},
			outShift: [issueSlots]float64{-0.3, -0.2, -0.3, -0.2},
			spread:   0.45,
			items: []itemPlan{
				{ref: ref{"ca-plain-information", issueCommunity, 2}, level: 4.1},
				{ref: ref{"ca-seldom-heard", issueCommunity, 5}, level: 2.5},
				{ref: ref{"os-interagency-training", issueSkills, 3}, level: 4.3},
				{ref: ref{"sc-roles-clear", issueService, 2}, split: true},
				{ref: ref{"sc-interagency-working", issueService, 6}, level: 4.5},
				{ref: ref{"oc-budget", issueCulture, 5}, level: 2.5},
				{ref: ref{"oc-flexible-resources", issueCulture, 6}, level: 2.3},
			},
			notes: []notePlan{
				{ref{"ca-seldom-heard", issueCommunity, 5}, 2,
					"Young people and the Bangladeshi community are not at the table. The youth project offered to host a session."},
				{ref{"os-interagency-training", issueSkills, 3}, 4,
					"The joint induction for the co-ordination teams was valued by all four services."},
				{ref{"sc-roles-clear", issueService, 2}, 0,
					"No agreement. Senior managers said the co-ordination team's terms of reference make roles clear; front-line staff and residents said nobody knows whom to call about a problem that crosses services. Left unscored: see the action plan."},
				{ref{"oc-flexible-resources", issueCulture, 6}, 2,
					"Budgets stay with the services; the locality has no money of its own to move."},
			},
			issueNotes: [issueSlots]string{
				"Outsiders a little lower than staff throughout; both groups agree seldom-heard groups are missing.",
				"Close agreement between the groups; outsiders valued plain speaking by the street scene team.",
				"Outsiders rated roles and shared leadership lower than staff. Roles are contested within the staff group too.",
				"Both groups see budgets held in service silos as the main barrier.",
			},
			findings: []findingPlan{
				good(issueSkills, "os-interagency-training", "Joint training for the locality co-ordination teams (street scene, community safety, health, children and young people)."),
				good(issueService, "sc-interagency-working", "Services work well together in the locality."),
				good(issueCommunity, "ca-plain-information", "Information for residents is clear and in plain words."),
				improve(issueService, "sc-roles-clear", "Roles in the locality model are contested: senior staff think they are clear, front-line staff and residents do not."),
				improve(issueCommunity, "ca-seldom-heard", "Seldom-heard groups, especially young people, are missing."),
				barrier(issueCulture, "oc-flexible-resources", "No flexible locality budget: money stays in service silos."),
				barrier(issueCulture, "oc-budget", "Short-term funding: the partnership cannot plan beyond the year."),
			},
			actions: []actionPlan{
				{"Clarify the role of each service in the co-ordination team, with one named contact per kind of problem", "Locality Champion, Harbourside", "2026-04-30",
					issueService, workbook.StatusPlanned, reviews(
						rv("2026-02-27", "Claire Nolan", workbook.StatusInProgress, "Contact list drafted; to be agreed at the April meeting."))},
				{"Invite two residents from the Locality Partnership to the co-ordination team's monthly meeting", "Locality Coordinator, Harbourside", "2026-05-29",
					issueCulture, workbook.StatusPlanned, nil},
				{"Hold a session for young people with the St Aldhelm's Youth Project", "Children's Trust participation worker", "2026-03-20",
					issueCommunity, workbook.StatusPlanned, nil},
				{"Propose a pooled locality budget for street scene and community safety", "Assistant Director for Safer Communities", "2026-09-30",
					issueCulture, workbook.StatusPlanned, nil},
			},
		}},
	}
}

// portseaMapping is six partnerships in each of the six localities (the
// co-ordination team, the locality partnership and a group for each
// service theme) and four city-wide ones.
func portseaMapping(selected string) []partnershipSpec {
	localities := []string{"Northgate", "Harbourside", "Millbay Fields", "St Aldhelm's", "Kingsmead", "Eastern Heights"}
	var out []partnershipSpec
	for _, l := range localities {
		lp := geo(l+" Locality Partnership", l, dirCommunication, council, health, police, vcs, residents)
		switch l + " Locality Partnership" {
		case selected:
			lp = lp.shortlisted().since(2009).noted("Replaced the Harbourside area committee; meets every eight weeks with ward councillors.")
		case "Kingsmead Locality Partnership":
			lp = lp.shortlisted().since(2009)
		}
		hw := geo("Health and wellbeing group – "+l, l, dirSocial, health, council, vcs, residents)
		if l == "Northgate" {
			hw = hw.shortlisted()
		}
		out = append(out,
			geo("Locality Service Co-ordination Team – "+l, l, dirResources, council, health, police, schools).since(2009),
			lp,
			geo("Street scene action group – "+l, l, dirEnvironment, council, residents, business),
			geo("Community safety problem-solving group – "+l, l, dirEnvironment, police, council, residents),
			hw,
			geo("Children and young people's network – "+l, l, dirEducation, council, schools, health, vcs),
		)
	}
	return append(out,
		interest("Portsea LSP community and voluntary sector assembly", "City-wide", dirNone, vcs, council, health, police, business).
			noted("Belongs to the LSP, not to a council directorate."),
		interest("Anti-Social Behaviour Unit residents' panel", "City-wide", dirEnvironment, council, police, residents),
		interest("Children's Trust young people's participation group", "City-wide", dirEducation, council, schools, health, residents),
		interest("Locality information sharing group", "City-wide", dirResources, council, health, police).unknownCommunity(),
	)
}
