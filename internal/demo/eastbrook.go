package demo

import "github.com/engage-toolkit/engage/internal/workbook"

// eastbrook is pilot site 1: a city council that reproduces the seed
// research's mapping of 126 partnerships and its findings.
func eastbrook() sitePlan {
	const selected = "Healthy Neighbourhoods Partnership – North Moulsecoomb"
	return sitePlan{
		n: 1, seed: 1001,
		site: workbook.SiteInput{
			Name:         "Eastbrook pilot",
			Organisation: "Eastbrook City Council",
			Area:         "Eastbrook",
			Context: "Unitary city council on the coast, about 250,000 people. Every directorate mapped its " +
				"partnership activity with communities: 126 partnerships, two of them not placed under any " +
				"directorate. The workbook dialogue was run with the Healthy Neighbourhoods Partnership in " +
				"North Moulsecoomb, then verified with residents and voluntary sector partners.",
		},
		partnerships: eastbrookMapping(),
		years:        [2]int{1995, 2006},
		names:        true,
		insiderOrgs:  []string{"Eastbrook City Council", "Eastbrook City Council", "NHS Eastbrook Community Health"},
		communityOrgs: []string{
			"North Moulsecoomb Residents' Association", "Eastbrook Older People's Council",
			"Moulsecoomb Community Centre", "Eastbrook Carers' Centre",
		},
		partnerOrgs: []string{"Eastbrook Council for Voluntary Service", "Eastbrook Neighbourhood Policing Team"},
		assessments: []assessmentPlan{{
			title:       "Healthy Neighbourhoods Partnership workbook 2026",
			started:     "2026-02-02",
			completed:   "2026-02-27",
			partnership: selected,
			reason: "Meets all seven criteria, one of eight on the shortlist. Chosen because it has run since " +
				"1999, has resident members on its board, a strong health dimension, and senior, middle and " +
				"front-line staff all involved.",
			insiders: 10, outsiders: 6,
			levels:   [issueSlots]float64{3.6, 3.9, 3.5, 3.3},
			outShift: [issueSlots]float64{-0.3, -0.2, -0.4, -0.3},
			spread:   0.45,
			items: []itemPlan{
				{ref: ref{"os-team-development-plans", issueSkills, 0}, level: 4.5},
				{ref: ref{"os-personal-development-plans", issueSkills, 1}, level: 4.3},
				{ref: ref{"os-diversity-training", issueSkills, 2}, level: 4.4},
				{ref: ref{"os-interagency-training", issueSkills, 3}, level: 4.1},
				{ref: ref{"os-recruit-experience", issueSkills, 4}, level: 3.4},
				{ref: ref{"os-know-the-community", issueSkills, 5}, level: 3.3},
				{ref: ref{"sc-shared-leadership", issueService, 0}, level: 4.4},
				{ref: ref{"sc-agenda-setting", issueService, 1}, level: 3.2},
				{ref: ref{"sc-roles-clear", issueService, 2}, level: 3.4},
				{ref: ref{"sc-common-language", issueService, 3}, level: 2.3},
				{ref: ref{"sc-interagency-working", issueService, 6}, level: 4.6},
				{ref: ref{"oc-strategic-links", issueCulture, 0}, level: 4.1},
				{ref: ref{"oc-decisions-elsewhere", issueCulture, 4}, level: 2.1},
				{ref: ref{"oc-budget", issueCulture, 5}, level: 2.2},
				{ref: ref{"oc-flexible-resources", issueCulture, 6}, level: 2.7},
				// Staff think residents hear what became of their views;
				// residents say they rarely do: a blind spot.
				{ref: ref{"ca-feedback", issueCommunity, 4}, level: 4.1, outLevel: 2.4},
				// Staff doubt their own plain speaking; residents and
				// partners rate it well: an unrecognised strength.
				{ref: ref{"os-plain-words", issueSkills, 10}, level: 2.9, outLevel: 4.3},
			},
			notes: []notePlan{
				{ref{"ca-meeting-times", issueCommunity, 0}, 3,
					"Evening meetings suit residents but not front-line staff on day shifts. Agreed to alternate evening and daytime meetings."},
				{ref{"os-team-development-plans", issueSkills, 0}, 4,
					"Every team has a TDP and they are kept up to date. Front-line staff said the plans are not used when the partnership plans its year."},
				{ref{"os-recruit-experience", issueSkills, 4}, 3,
					"Job descriptions ask for qualifications first. Residents asked why people who grew up on the estate rarely get the community posts. Agreed to look at the next two job descriptions together."},
				{ref{"sc-shared-leadership", issueService, 0}, 4,
					"Leadership is spread: the voluntary sector chairs the older people's group and a resident chairs the annual meeting."},
				{ref{"sc-common-language", issueService, 3}, 2,
					"Long discussion. Residents said the papers are full of acronyms; health and council staff use \"locality\" and \"case\" to mean different things. Agreed to draft a glossary before the next board."},
				{ref{"oc-decisions-elsewhere", issueCulture, 4}, 2,
					"Everyone agreed the big decisions (the budget, the site of the new health centre) were taken at cabinet and the health board and reported back. Residents feel the board is \"told, not asked\"."},
				{ref{"oc-budget", issueCulture, 5}, 2,
					"Funding is agreed year by year; two projects stopped last year when their grants ended. Senior staff said this is outside the partnership's control."},
			},
			issueNotes: [issueSlots]string{
				"Outsiders broadly agree with staff, except on feedback: staff think residents hear what became of their views, residents say they rarely do. A blind spot.",
				"Outsiders could not judge staff training (several don't-knows) but rated staff's plain speaking well, better than staff rated themselves.",
				"Community members rated agenda setting and common language lower than staff did: the partnership is seen as statutory led.",
				"Insiders and outsiders agree that decisions go through statutory channels and money is short term. Confirmed as the main barriers.",
			},
			findings: []findingPlan{
				good(issueSkills, "os-team-development-plans", "Team development plans are in place in every team taking part."),
				good(issueSkills, "os-personal-development-plans", "Personal development plans are used, and staff value them."),
				good(issueSkills, "os-diversity-training", "Staff have had training in diversity, and some interagency training."),
				good(issueService, "sc-interagency-working", "A strong interagency culture and history: people know each other and work across agencies."),
				good(issueService, "sc-shared-leadership", "A good range of leadership within the partnership; it tries to be inclusive, and commitment is high."),
				improve(issueSkills, "", "Make better use of team development plans in planning the partnership's work, and more use of personal development plans."),
				improve(issueSkills, "os-recruit-experience", "Recruit balancing experience and skills: knowing the community counts as much as qualifications."),
				improve(issueService, "sc-agenda-setting", "The partnership tends to be statutory led: agendas and chairs come from the council and the NHS."),
				improve(issueService, "sc-common-language", "There is no common language: jargon, and different meanings of the same words, keep residents out."),
				improve(issueCulture, "oc-decisions-elsewhere", "Decisions go primarily through statutory channels rather than the partnership."),
				improve(issueCulture, "oc-budget", "Budget restraints, and some inflexibility of resources."),
				barrier(issueCulture, "oc-decisions-elsewhere", "Confirmed by outsiders: real decisions are taken through statutory channels, so residents on the board are told rather than asked."),
				barrier(issueService, "sc-common-language", "Confirmed by outsiders: agencies and residents have no common language."),
				barrier(issueCulture, "oc-budget", "Confirmed: year-to-year funding and budgets locked into services stop the partnership planning ahead."),
			},
			actions: []actionPlan{
				{"Clarify the role of each partner in a short written agreement", "Partnership chair", "2026-05-29",
					issueService, workbook.StatusPlanned, reviews(
						rv("2026-02-25", "Helen Dawson", workbook.StatusInProgress, "Draft circulated to members on 25 February."))},
				{"Invite two residents onto the decision-making board with full voting rights", "Director of Adult Social Care", "2026-06-30",
					issueCulture, workbook.StatusPlanned, nil},
				{"Hold a facilitated session to agree the merits of the partners' different philosophies (medical, social and community development)", "Public health lead", "2026-04-24",
					issueService, workbook.StatusPlanned, nil},
				{"Agree a common language: a plain-words glossary for every partnership paper", "Partnership coordinator", "2026-03-31",
					issueService, workbook.StatusPlanned, reviews(
						rv("2026-02-16", "", workbook.StatusInProgress, "Residents' association agreed to draft it with us."),
						rv("2026-02-27", "Helen Dawson", workbook.StatusInProgress, "Glossary of 40 terms drafted with the residents' association."))},
				{"Use team development plans when the partnership plans its year", "Service managers", "2026-09-30",
					issueSkills, workbook.StatusPlanned, nil},
				{"Alternate evening and daytime board meetings", "Partnership coordinator", "2026-02-27",
					issueCommunity, workbook.StatusPlanned, reviews(
						rv("2026-02-10", "Helen Dawson", workbook.StatusInProgress, "Agreed at the February board."),
						rv("2026-02-25", "Helen Dawson", workbook.StatusDone, "The first evening meeting was held on 24 February."))},
				{"Send the workbook's findings to every agency on the board", "Partnership coordinator", "2026-02-20",
					issueCulture, workbook.StatusPlanned, nil},
			},
		}},
	}
}

// eastbrookMapping reproduces the seed mapping exactly: 53 social care and
// health, 18 education and lifelong learning, 1 policy and resources, 21
// culture and regeneration (with the NDC), 26 environment and housing, 5
// policy and communication, and 2 not placed under any directorate.
func eastbrookMapping() []partnershipSpec {
	const city = "City-wide"
	const ndc = "East Eastbrook NDC area"
	areas := []string{
		"Hollingbury", "North Moulsecoomb", "Kingsdown", "Marshfield", "Saltings", "Rowan Park",
		"Stanmer Rise", "Old Quay", "Westdene Fields", "Coldean Valley", "Eastbrook Central", "Harbour Ward",
	}
	return generateMapping(1001, areas, []dirMapping{
		{count: 53, singles: []partnershipSpec{
			geo("Healthy Neighbourhoods Partnership – North Moulsecoomb", "North Moulsecoomb", dirSocial, council, health, vcs, residents, schools).
				shortlisted().since(1999).noted("Board of twelve: four resident members elected at the annual open meeting."),
			geo("Community Health Action Group – Hollingbury", "Hollingbury", dirSocial, health, vcs, residents).shortlisted().since(2000),
			interest("Older People's Council", city, dirSocial, council, health, vcs, residents).shortlisted().since(2002),
			interest("Learning Disability Partnership Board", city, dirSocial, council, health, vcs, residents).shortlisted().since(2001),
			interest("Mental Health Service User Forum", city, dirSocial, health, vcs, residents).shortlisted().since(1998),
			interest("Carers' Partnership Board", city, dirSocial, council, health, vcs),
			interest("Physical and Sensory Disability Forum", city, dirSocial, council, vcs, residents),
			interest("Supporting People service user forum", city, dirSocial, council, vcs, residents),
			interest("Drug and Alcohol Action Team community reference group", city, dirSocial, council, health, police, vcs),
			interest("Teenage Pregnancy Partnership", city, dirSocial, council, health, schools, vcs),
			interest("Black and Minority Ethnic Carers' Network", city, dirSocial, council, vcs, residents),
			interest("Deaf Community Liaison Group", city, dirSocial, council, health, vcs),
			interest("Hospital discharge patients' panel", city, dirSocial, health, council),
			interest("Falls Prevention Partnership", city, dirSocial, health, council, vcs),
			interest("Sexual Health Community Forum", city, dirSocial, health, vcs),
			interest("Dementia carers' support network", city, dirSocial, health, vcs, residents),
			interest("Travellers' health liaison group", city, dirSocial, health, council, vcs),
			interest("Refugee and Asylum Seekers' Health Forum", city, dirSocial, health, vcs, residents),
			interest("Direct Payments user group", city, dirSocial, council, residents),
			interest("Young Carers' project steering group", city, dirSocial, council, schools, vcs),
			interest("Adult social care charging consultation", city, dirSocial, council, residents).oneOffEvent().since(2004),
		}, templates: []partnershipSpec{
			geo("Older People's Forum – %s", "", dirSocial, council, health, vcs, residents),
			geo("Community Health Action Group – %s", "", dirSocial, health, vcs, residents),
			geo("Good Neighbour Scheme – %s", "", dirSocial, council, vcs, residents),
			geo("Luncheon club network – %s", "", dirSocial, vcs, residents),
			geo("Healthy Living Centre steering group – %s", "", dirSocial, health, council, vcs, residents),
			geo("Community mental health locality group – %s", "", dirSocial, health, council, vcs),
			geo("Practice patient participation group – %s", "", dirSocial, health, residents),
			geo("Neighbourhood care network – %s", "", dirSocial, council, health, vcs),
		}},
		{count: 18, singles: []partnershipSpec{
			geo("Sure Start Children's Centre board – North Moulsecoomb", "North Moulsecoomb", dirEducation, council, health, schools, vcs, residents).
				shortlisted().since(2001),
			interest("Parent Partnership forum", city, dirEducation, council, schools, vcs, residents),
			interest("Eastbrook Youth Council", city, dirEducation, council, schools, residents),
			interest("Early Years Development and Childcare Partnership", city, dirEducation, council, health, schools, vcs, business),
			interest("14-19 learners' panel", city, dirEducation, schools, council, business),
			interest("Special educational needs parents' forum", city, dirEducation, council, schools, residents),
			interest("Traveller Education liaison group", city, dirEducation, council, schools, vcs),
			interest("Family learning steering group", city, dirEducation, council, schools, vcs),
			interest("School admissions consultation forum", city, dirEducation, council, schools, residents).oneOffEvent(),
		}, templates: []partnershipSpec{
			geo("Sure Start Children's Centre board – %s", "", dirEducation, council, health, schools, vcs, residents),
			geo("Extended schools cluster – %s", "", dirEducation, schools, council, vcs),
			geo("Adult learning community forum – %s", "", dirEducation, council, vcs, residents),
			geo("Library friends' group – %s", "", dirEducation, council, residents),
			geo("Connexions local partnership – %s", "", dirEducation, council, schools, vcs, business),
		}},
		{count: 1, singles: []partnershipSpec{
			interest("Community grants panel", city, dirResources, council, vcs, residents),
		}},
		{count: 21, singles: []partnershipSpec{
			geo("New Deal for Communities board", ndc, dirCulture, council, health, police, schools, vcs, business, residents).shortlisted().since(1999),
			geo("NDC health theme group", ndc, dirCulture, health, council, residents).shortlisted().since(2000),
			geo("NDC employment and skills theme group", ndc, dirCulture, council, business, residents),
			geo("NDC community safety theme group", ndc, dirCulture, police, council, residents),
			geo("NDC young people's panel", ndc, dirCulture, council, schools, residents),
			interest("Festival community programme group", city, dirCulture, council, vcs, business).unknownCommunity(),
			interest("Museum community advisory panel", city, dirCulture, council, vcs, residents),
			geo("Seafront traders' and residents' forum", "Old Quay", dirCulture, council, business, residents),
			geo("Town centre management partnership", "Eastbrook Central", dirCulture, council, business, police),
			interest("Black and minority ethnic arts network", city, dirCulture, council, vcs),
			geo("Regeneration masterplan consultation – Old Quay", "Old Quay", dirCulture, council, residents, business).oneOffEvent(),
		}, templates: []partnershipSpec{
			geo("Single Regeneration Budget partnership – %s", "", dirCulture, council, vcs, business, residents),
			geo("Neighbourhood Renewal steering group – %s", "", dirCulture, council, health, police, vcs, residents),
			geo("Community arts partnership – %s", "", dirCulture, council, vcs, residents),
			geo("Sports development community forum – %s", "", dirCulture, council, schools, vcs),
			geo("Community Development Trust board – %s", "", dirCulture, vcs, residents, business),
		}},
		{count: 26, singles: []partnershipSpec{
			interest("Tenants' Association liaison panel", city, dirEnvironment, council, residents),
			interest("Sheltered housing residents' forum", city, dirEnvironment, council, residents),
			interest("Homelessness forum", city, dirEnvironment, council, health, vcs),
			interest("Private landlords' forum", city, dirEnvironment, council, business),
			interest("Local Agenda 21 forum", city, dirEnvironment, council, vcs, business, residents),
			interest("Allotment federation liaison group", city, dirEnvironment, council, residents),
			interest("Housing strategy consultation panel", city, dirEnvironment, council, residents).oneOffEvent(),
			interest("Cycling and walking forum", city, dirEnvironment, council, health, vcs).unknownCommunity(),
		}, templates: []partnershipSpec{
			geo("Tenants' and residents' association – %s", "", dirEnvironment, council, residents),
			geo("Estate Development Budget panel – %s", "", dirEnvironment, council, residents),
			geo("Community recycling partnership – %s", "", dirEnvironment, council, vcs, business),
			geo("Parks and open spaces friends' group – %s", "", dirEnvironment, council, vcs, residents),
			geo("Home Zone steering group – %s", "", dirEnvironment, council, residents, schools),
			geo("Neighbourhood warden scheme panel – %s", "", dirEnvironment, council, police, residents),
			geo("Traffic and transport community forum – %s", "", dirEnvironment, council, residents, business),
		}},
		{count: 5, singles: []partnershipSpec{
			interest("Citizens' Panel", city, dirCommunication, council, residents),
			interest("Neighbourhood forums network", city, dirCommunication, council, vcs, residents),
			interest("Equalities community reference group", city, dirCommunication, council, vcs, residents),
			interest("Budget consultation roadshow", city, dirCommunication, council, residents).oneOffEvent().since(2005),
			interest("Youth Parliament liaison group", city, dirCommunication, council, schools, residents),
		}},
		{count: 2, singles: []partnershipSpec{
			geo("Community Safety Partnership – neighbourhood action panel, Kingsdown", "Kingsdown", dirNone, police, council, residents).
				noted("Not placed under a directorate: run jointly with the police, no council lead named."),
			interest("Local Strategic Partnership community and voluntary sector forum", city, dirNone, council, health, police, vcs, business).
				unknownCommunity().noted("Not placed under a directorate: the LSP sits across the whole council."),
		}},
	})
}
