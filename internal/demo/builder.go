package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// commentRate is the share of answers that carry a comment.
const commentRate = 0.2

// builder writes one site's plan through a workbook.Change.
type builder struct {
	c    *workbook.Change
	sc   *scaffold
	plan *sitePlan
	site workbook.Site
	rng  *rand.Rand // content
	ids  *rand.Rand // record ids
	// offsets is how far each statement's true level sits from its key
	// issue's, the same in every assessment of the site.
	offsets []float64
}

// partnerships maps the site's partnerships with the criteria applied, and
// returns their ids by title.
func (b *builder) partnerships() (map[string]string, error) {
	ids := make(map[string]string, len(b.plan.partnerships))
	for _, ps := range b.plan.partnerships {
		p := workbook.Partnership{
			ID: hexID(b.ids), SiteID: b.site.ID, Title: ps.title, Directorate: b.sc.directorate(ps.dir),
			Area: ps.area, Community: ps.community, Partners: slices.Clone(ps.partners), Notes: ps.notes,
		}
		p.StartYear = ps.start
		if p.StartYear == 0 {
			lo, hi := b.plan.years[0], b.plan.years[1]
			p.StartYear = lo + b.rng.IntN(hi-lo+1)
			if !ps.short && b.rng.IntN(25) == 0 {
				p.StartYear = 0 // not known
			}
		}
		switch {
		case ps.short:
			p.Ongoing = true
			p.Partners = append(p.Partners, workbook.SectorHealth, workbook.SectorResidents)
		case ps.oneOff || ps.ended:
			p.Ongoing = false
		default:
			p.Ongoing = b.rng.Float64() < 0.88
		}
		if b.rng.Float64() < 0.3 {
			p.Partners = append(p.Partners, workbook.Sectors[b.rng.IntN(len(workbook.Sectors))])
		}
		if p.Notes == "" && b.rng.Float64() < 0.12 {
			pool := partnershipNotes[b.plan.lang()]
			p.Notes = pool[b.rng.IntN(len(pool))]
		}
		p.Criteria = b.criteria(p, ps)
		saved, err := b.c.SavePartnership(p)
		if err != nil {
			return nil, fmt.Errorf("partnership %q: %w", ps.title, err)
		}
		ids[ps.title] = saved.ID
	}
	return ids, nil
}

// criteria applies the selection criteria to p: shortlisted partnerships
// meet them all, the others meet some, fail some, and leave some open. An
// open criterion the facilitator wrote a note on ("invited; to be
// checked") is marked Unknown; the rest of the open ones stay NotMarked.
func (b *builder) criteria(p workbook.Partnership, ps partnershipSpec) map[string]workbook.CriterionMark {
	marks := make(map[string]workbook.CriterionMark, len(b.sc.q.Criteria))
	met := 0
	for i, c := range b.sc.q.Criteria {
		slot := b.sc.crit[i]
		m := b.mark(slot, p, ps)
		if m == workbook.Met {
			met++
		}
		if m == workbook.NotMarked {
			continue
		}
		marks[c.ID] = workbook.CriterionMark{Mark: m}
	}
	if !ps.short && met == len(b.sc.q.Criteria) && met > 0 {
		// Only the shortlist meets every criterion.
		id := b.sc.q.Criteria[len(b.sc.q.Criteria)-1].ID
		if k := slices.Index(b.sc.crit, critDecisions); k >= 0 {
			id = b.sc.q.Criteria[k].ID
		}
		marks[id] = workbook.CriterionMark{Mark: workbook.NotMet}
	}
	for i, c := range b.sc.q.Criteria {
		m := marks[c.ID]
		if m.Mark == workbook.Met || b.rng.Float64() >= 0.3 {
			continue
		}
		if note := criterionNote(b.plan.lang(), b.sc.crit[i], m.Mark); note != "" {
			m.Note = note
			if m.Mark == workbook.NotMarked {
				m.Mark = workbook.Unknown
			}
			marks[c.ID] = m
		}
	}
	return marks
}

// mark draws one criterion's mark for p.
func (b *builder) mark(slot int, p workbook.Partnership, ps partnershipSpec) workbook.Mark {
	r := b.rng.Float64()
	has := func(s workbook.Sector) bool { return slices.Contains(p.Partners, s) }
	draw := func(met, unknown float64) workbook.Mark {
		switch {
		case r < met:
			return workbook.Met
		case r < met+unknown:
			return workbook.NotMarked
		}
		return workbook.NotMet
	}
	switch {
	case ps.short:
		return workbook.Met
	case ps.oneOff && (slot == critNotOneOff || slot == critDecisions):
		return workbook.NotMet
	}
	switch slot {
	case critNotOneOff:
		return draw(0.97, 0.03)
	case critOngoing:
		if p.Ongoing {
			return workbook.Met
		}
		return workbook.NotMet
	case critInvolvement:
		if has(workbook.SectorResidents) || has(workbook.SectorVoluntary) {
			return workbook.Met
		}
		return draw(0, 0.5)
	case critDecisions:
		return draw(0.3, 0.15)
	case critStrategic:
		return draw(0.6, 0.15)
	case critStaff:
		return draw(0.45, 0.25)
	case critHealth:
		if has(workbook.SectorHealth) || ps.dir == dirSocial {
			return workbook.Met
		}
		return draw(0, 0.15)
	}
	return draw(0.6, 0.15)
}

// assessment runs one planned assessment: select the partnership, add the
// participants, record their answers, then the notes, findings and action
// plan.
func (b *builder) assessment(ap assessmentPlan, partnerships map[string]string, participants int) error {
	c, sid := b.c, b.site.ID
	a, err := c.NewAssessment(sid, workbook.AssessmentInput{ID: hexID(b.ids), Title: ap.title, Started: ap.started})
	if err != nil {
		return err
	}
	if ap.partnership != "" {
		pid, ok := partnerships[ap.partnership]
		if !ok {
			return fmt.Errorf("the selected partnership %q is not mapped", ap.partnership)
		}
		if a, err = c.SelectPartnership(sid, a.ID, pid, ap.reason); err != nil {
			return err
		}
	}
	nIn, nOut := ap.insiders, ap.outsiders
	if participants > 0 {
		nIn = max(1, (participants*6+5)/10)
		nOut = participants - nIn
	}
	people, err := b.participants(a, nIn, nOut)
	if err != nil {
		return err
	}
	if err := b.respond(a, &ap, people); err != nil {
		return err
	}
	for _, np := range ap.notes {
		st := b.sc.stmts[b.sc.resolve(np.ref, false)]
		n := workbook.StatementNote{SiteID: sid, AssessmentID: a.ID, StatementID: st.ID, Notes: np.text}
		if np.score > 0 {
			n.GroupScore = b.sc.raw(st, b.sc.score(np.score))
		}
		if _, err := c.SetStatementNote(n); err != nil {
			return err
		}
	}
	for slot, text := range ap.issueNotes {
		if text == "" {
			continue
		}
		n := workbook.IssueNote{SiteID: sid, AssessmentID: a.ID, KeyIssueID: b.sc.keyIssueID(slot), Notes: text}
		if _, err := c.SetIssueNote(n); err != nil {
			return err
		}
	}
	if err := b.barriers(a, &ap); err != nil {
		return err
	}
	if ap.completed != "" {
		_, err = c.CompleteAssessment(sid, a.ID, ap.completed)
	}
	return err
}

// participants adds nIn insiders (senior, then middle, then front-line
// staff) and nOut outsiders (community members, then partners).
func (b *builder) participants(a workbook.Assessment, nIn, nOut int) ([]workbook.Participant, error) {
	ids := b.sortedIDs(nIn + nOut)
	out := make([]workbook.Participant, 0, nIn+nOut)
	seniors, middles := max(1, nIn/5), nIn*3/10
	partners := nOut / 3
	first, last := firstNames[b.plan.lang()], lastNames[b.plan.lang()]
	for i := range nIn + nOut {
		p := workbook.Participant{ID: ids[i], SiteID: b.site.ID, AssessmentID: a.ID}
		switch j := i - nIn; {
		case i < seniors:
			p.Group, p.Role = workbook.Insider, workbook.RoleSenior
		case i < seniors+middles:
			p.Group, p.Role = workbook.Insider, workbook.RoleMiddle
		case i < nIn:
			p.Group, p.Role = workbook.Insider, workbook.RoleFrontLine
		case j < nOut-partners:
			p.Group, p.Role = workbook.Outsider, workbook.RoleCommunity
			if orgs := b.plan.communityOrgs; len(orgs) > 0 && j%3 != 2 {
				p.Organisation = orgs[j%len(orgs)]
			}
		default:
			p.Group, p.Role = workbook.Outsider, workbook.RolePartner
			if orgs := b.plan.partnerOrgs; len(orgs) > 0 {
				p.Organisation = orgs[j%len(orgs)]
			}
		}
		if p.Group == workbook.Insider {
			if orgs := b.plan.insiderOrgs; len(orgs) > 0 {
				p.Organisation = orgs[i%len(orgs)]
			}
			if b.plan.names && i%4 != 3 {
				p.Name = first[b.rng.IntN(len(first))] + " " + last[b.rng.IntN(len(last))]
			}
		}
		saved, err := b.c.SaveParticipant(p)
		if err != nil {
			return nil, err
		}
		out = append(out, saved)
	}
	return out, nil
}

// respond records every participant's answers: insiders score every
// statement, outsiders the verification set.
func (b *builder) respond(a workbook.Assessment, ap *assessmentPlan, people []workbook.Participant) error {
	sc := b.sc
	n := len(sc.stmts)
	level := make([]float64, n)
	split := make([]bool, n)
	limit := make([]int, n) // how many outsiders answer; -1 all
	outLevel := make([]float64, n)
	for i := range n {
		// The barriers are the statements the plan names: the others stay
		// above 3.3 unless their whole key issue is lower.
		issue := ap.levels[sc.slotOf[i]]
		level[i], limit[i] = max(issue+b.offsets[i], min(issue, 3.3)), -1
	}
	for _, it := range ap.items {
		i := sc.resolve(it.ref, it.outsiders > 0 || it.outLevel != 0)
		if it.level != 0 {
			level[i] = it.level
		}
		split[i] = split[i] || it.split
		if it.outsiders > 0 {
			limit[i] = it.outsiders
		}
		if it.outLevel != 0 {
			outLevel[i] = it.outLevel
		}
	}
	pool, dkPool := comments[b.plan.lang()], dontKnowComments[b.plan.lang()]
	// Each statement's comments are taken in turn from a pool starting at a
	// random place, so one statement rarely shows the same comment twice.
	start := make([]int, n)
	for i := range start {
		start[i] = b.rng.IntN(64)
	}
	taken := make([][4]int, n)
	outsiders := 0
	for _, p := range people {
		bias := b.rng.NormFloat64() * 0.15
		isOut := p.Group == workbook.Outsider
		dk := 0.03
		if isOut {
			dk = 0.07
		}
		for i, st := range sc.stmts {
			if isOut && !sc.verify[i] {
				continue
			}
			in := workbook.ResponseInput{SiteID: b.site.ID, AssessmentID: a.ID, ParticipantID: p.ID, StatementID: st.ID}
			pol := 3 // don't know
			switch {
			case isOut && limit[i] >= 0 && outsiders >= limit[i]:
				in.DontKnow = true
			case b.rng.Float64() < dk:
				in.DontKnow = true
			default:
				mu, sd := level[i]+bias, ap.spread
				switch {
				case isOut && outLevel[i] != 0:
					mu = outLevel[i] + bias
				case isOut:
					mu += ap.outShift[sc.slotOf[i]]
				}
				if split[i] {
					mu, sd = 1.6, 0.45
					if p.Role == workbook.RoleSenior || p.Role == workbook.RoleMiddle {
						mu = 4.5
					}
				}
				eff := sc.score(mu + b.rng.NormFloat64()*sd)
				in.Score = sc.raw(st, eff)
				pol = sc.polarity(eff)
			}
			if b.rng.Float64() < commentRate {
				var texts []string
				if pol == 3 {
					texts = dkPool
				} else {
					texts = pool[sc.slotOf[i]][pol]
				}
				in.Comment = texts[(start[i]+taken[i][pol])%len(texts)]
				taken[i][pol]++
			}
			if _, err := b.c.RecordResponse(in); err != nil {
				return err
			}
		}
		if isOut {
			outsiders++
		}
	}
	return nil
}

// barriers writes step 5: the findings, then the action plan.
func (b *builder) barriers(a workbook.Assessment, ap *assessmentPlan) error {
	ids := b.sortedIDs(len(ap.findings) + len(ap.actions))
	for k, fp := range ap.findings {
		f := workbook.Finding{ID: ids[k], SiteID: b.site.ID, AssessmentID: a.ID, Kind: fp.kind, Text: fp.text}
		if _, ok := b.sc.index[fp.stmt]; ok {
			f.StatementID = fp.stmt
		} else {
			f.KeyIssueID = b.sc.keyIssueID(fp.slot)
		}
		if _, err := b.c.SaveFinding(f); err != nil {
			return err
		}
	}
	for k, act := range ap.actions {
		iv := workbook.Intervention{
			ID: ids[len(ap.findings)+k], SiteID: b.site.ID, AssessmentID: a.ID, Action: act.action,
			Owner: act.owner, Due: act.due, KeyIssueID: b.sc.keyIssueID(act.slot), Status: act.status,
		}
		if _, err := b.c.SaveIntervention(iv); err != nil {
			return err
		}
		for _, r := range act.reviews {
			if _, err := b.c.AddReview(b.site.ID, a.ID, iv.ID, workbook.Review{Date: r.date, Reviewer: r.reviewer, Status: r.status, Note: r.note}); err != nil {
				return fmt.Errorf("review of %q on %s: %w", act.action, r.date, err)
			}
		}
	}
	return nil
}
