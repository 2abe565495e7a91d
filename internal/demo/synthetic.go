package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// syntheticPartnerships is how many partnerships a synthetic site maps.
const syntheticPartnerships = 20

// syntheticKinds are the partnerships a synthetic site is made of.
var syntheticKinds = []partnershipSpec{
	geo("Neighbourhood forum", "", dirCommunication, council, residents),
	geo("Health action group", "", dirSocial, health, vcs, residents),
	geo("Children's centre board", "", dirEducation, council, health, schools, residents),
	geo("Regeneration partnership", "", dirCulture, council, business, residents),
	geo("Tenants' panel", "", dirEnvironment, council, residents),
	interest("Older people's forum", "", dirSocial, council, health, vcs, residents),
	interest("Grants panel", "", dirResources, council, vcs),
	interest("Community safety panel", "", dirNone, police, council, residents),
}

// synthetic is the plan of synthetic site n (> PilotSites): generic but
// valid content, cheap to build, for scale tests.
func synthetic(n int) sitePlan {
	seed := uint64(n)*7919 + 17
	r := rand.New(rand.NewPCG(seed, streamMapping))
	ps := make([]partnershipSpec, syntheticPartnerships)
	for k := range ps {
		p := syntheticKinds[k%len(syntheticKinds)]
		p.area = fmt.Sprintf("Area %d", k/len(syntheticKinds)+1)
		p.title = p.title + " – " + p.area
		ps[k] = p
	}
	ps[0] = ps[0].shortlisted()
	var levels [issueSlots]float64
	worst := 0
	for k := range levels {
		levels[k] = 2.6 + r.Float64()*1.6
		if levels[k] < levels[worst] {
			worst = k
		}
	}
	return sitePlan{
		n: n, seed: seed,
		site: workbook.SiteInput{
			Name:         fmt.Sprintf("Synthetic site %d", n),
			Organisation: fmt.Sprintf("Synthetic Council %d", n),
			Context:      "Synthetic site for scale tests.",
		},
		partnerships:  ps,
		years:         [2]int{1998, 2020},
		communityOrgs: []string{"Residents' association"},
		partnerOrgs:   []string{"Council for Voluntary Service"},
		assessments: []assessmentPlan{{
			title:       "Workbook",
			started:     "2026-02-16",
			completed:   "2026-02-27",
			partnership: ps[0].title,
			reason:      "Meets every criterion.",
			insiders:    6, outsiders: 4,
			levels:   levels,
			outShift: [issueSlots]float64{-0.3, -0.2, -0.3, -0.2},
			spread:   0.8,
			findings: []findingPlan{barrier(worst, "", "The lowest-scoring key issue.")},
			actions: []actionPlan{{"Discuss the lowest-scoring key issue with the partnership board", "Partnership chair", "2026-06-30",
				worst, workbook.StatusPlanned, nil}},
		}},
	}
}
