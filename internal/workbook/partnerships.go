package workbook

import (
	"fmt"
	"slices"
	"sort"
)

// Partnerships returns a site's mapped partnerships, sorted by title.
func (r *Reader) Partnerships(siteID string) ([]Partnership, error) {
	ps, err := listJSON[Partnership](r.tx, BucketPartnerships, siteID+"/")
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Title < ps[j].Title })
	return ps, nil
}

// Partnership returns one mapped partnership.
func (r *Reader) Partnership(siteID, id string) (Partnership, error) {
	p, ok, err := getJSON[Partnership](r.tx, BucketPartnerships, key(siteID, id))
	if err == nil && !ok {
		err = notFound("partnership", id)
	}
	return p, err
}

// SavePartnership creates (ID "") or replaces a mapped partnership after
// checking it. Criteria marks are kept from the stored record when p
// carries none.
func (c *Change) SavePartnership(p Partnership) (Partnership, error) {
	return c.savePartnership(p, true)
}

// SavePartnerships saves several partnerships in this change, each as
// [Change.SavePartnership] does, and checks the limit on a site's
// partnerships once for all of them: a *LimitError says how many the site
// would have. A list from a spreadsheet (internal/mapimport) comes in this
// way, so that it lands whole or not at all.
func (c *Change) SavePartnerships(ps []Partnership) ([]Partnership, error) {
	adds := map[string]int{} // new partnerships by site
	for _, p := range ps {
		if p.ID == "" || c.tx.Get(BucketPartnerships, key(p.SiteID, p.ID)) == nil {
			adds[p.SiteID]++
		}
	}
	for _, siteID := range sortedKeys(adds) {
		site, err := c.Site(siteID)
		if err != nil {
			return nil, err
		}
		n := 0
		if err := c.tx.ForEach(BucketPartnerships, siteID+"/", func(string, []byte) error { n++; return nil }); err != nil {
			return nil, err
		}
		if n+adds[siteID] > MaxPartnerships {
			return nil, &LimitError{Limit: LimitPartnerships, Where: "site " + site.Slug, Count: n + adds[siteID]}
		}
	}
	out := make([]Partnership, 0, len(ps))
	for _, p := range ps {
		saved, err := c.savePartnership(p, false)
		if err != nil {
			return nil, fmt.Errorf("partnership %q: %w", p.Title, err)
		}
		out = append(out, saved)
	}
	return out, nil
}

func (c *Change) savePartnership(p Partnership, checkRoom bool) (Partnership, error) {
	site, err := c.Site(p.SiteID)
	if err != nil {
		return Partnership{}, err
	}
	var fe FieldErrors
	checkPartnership(&fe, p)
	if p.Directorate != "" && !slices.ContainsFunc(site.Directorates, func(d Directorate) bool { return d.ID == p.Directorate }) {
		old, _ := c.Partnership(p.SiteID, p.ID)
		if old.Directorate != p.Directorate { // keep an id the site no longer lists
			fe.add("directorate", "%q is not one of this site's directorates", p.Directorate)
		}
	}
	if err := fe.err(); err != nil {
		return Partnership{}, err
	}
	if checkRoom && (p.ID == "" || c.tx.Get(BucketPartnerships, key(p.SiteID, p.ID)) == nil) {
		if err := c.roomFor(LimitPartnerships, BucketPartnerships, p.SiteID+"/", "site "+site.Slug); err != nil {
			return Partnership{}, err
		}
	}
	if p.ID == "" {
		p.ID = c.svc.newID()
	} else if p.ID, err = c.newID(p.ID); err != nil {
		return Partnership{}, err
	} else if p.Criteria == nil {
		if old, err := c.Partnership(p.SiteID, p.ID); err == nil {
			p.Criteria = old.Criteria
		}
	}
	p.Partners = sortedSectors(p.Partners)
	p.Updated = c.now
	return p, putJSON(c.tx, BucketPartnerships, key(p.SiteID, p.ID), p)
}

// CheckPartnership applies the rule for a partnership's own fields (see
// checkPartnership) without saving it: what a list read from a file is
// checked against, row by row, before any of it is saved. It returns
// [FieldErrors], or nil.
func CheckPartnership(p Partnership) error {
	var fe FieldErrors
	checkPartnership(&fe, p)
	return fe.err()
}

// checkPartnership is the one rule for a partnership's own fields, which
// SavePartnership and the bundle check both apply: texts, community,
// sectors, start year and criteria marks. What needs more than the record
// (the site's directorates, the questionnaire's criteria) is checked by
// the caller.
func checkPartnership(fe *FieldErrors, p Partnership) {
	checkShort(fe, "title", p.Title, true)
	checkShort(fe, "directorate", p.Directorate, false)
	checkShort(fe, "area", p.Area, false)
	checkLong(fe, "notes", p.Notes)
	if p.Community != CommunityUnknown && !slices.Contains(CommunityTypes, p.Community) {
		fe.add("community", "must be geographical or interest, not %q", p.Community)
	}
	for _, sec := range p.Partners {
		if !slices.Contains(Sectors, sec) {
			fe.add("partners", "%q is not a known sector", sec)
		}
	}
	if p.Ongoing && p.OngoingUnknown {
		fe.add("ongoing", "cannot be both ongoing and not known")
	}
	if p.StartYear != 0 && (p.StartYear < MinYear || p.StartYear > MaxYear) {
		fe.add("start year", "must be a year such as 2004 (%d to %d), or empty; not %d", MinYear, MaxYear, p.StartYear)
	}
	for _, id := range sortedKeys(p.Criteria) {
		m := p.Criteria[id]
		if !m.Mark.Known() {
			fe.add("criteria", "%q has an unknown mark %q (known: met, not-met, unknown, or none)", id, m.Mark)
		}
		checkLong(fe, "criterion note", m.Note)
	}
}

// sortedSectors returns the sectors once each, in display order.
func sortedSectors(in []Sector) []Sector {
	var out []Sector
	for _, s := range Sectors {
		if slices.Contains(in, s) {
			out = append(out, s)
		}
	}
	return out
}

// DeletePartnership removes a mapped partnership. An assessment that
// selected it keeps its responses and its reason, and no longer has a
// partnership selected, so that no record points at one that is gone; its
// log notes the deletion when answers had been given about it.
func (c *Change) DeletePartnership(siteID, id string) error {
	p, err := c.Partnership(siteID, id)
	if err != nil {
		return err
	}
	uses, err := c.PartnershipUses(siteID, id)
	if err != nil {
		return err
	}
	for _, u := range uses {
		a := u.Assessment
		a.PartnershipID = ""
		if u.Answers > 0 {
			if err := c.record(&a, Event{Kind: EventPartnershipDeleted, Partnership: p.Title, Answers: u.Answers}); err != nil {
				return err
			}
		}
		if err := c.putAssessment(a); err != nil {
			return err
		}
	}
	return c.tx.Delete(BucketPartnerships, key(siteID, id))
}

// SetCriterion marks one criterion for one partnership, with a note.
func (c *Change) SetCriterion(siteID, partnershipID, criterionID string, m CriterionMark) (Partnership, error) {
	p, err := c.Partnership(siteID, partnershipID)
	if err != nil {
		return Partnership{}, err
	}
	site, err := c.Site(siteID)
	if err != nil {
		return Partnership{}, err
	}
	q, err := c.Questionnaire(site.Questionnaire)
	if err != nil {
		return Partnership{}, err
	}
	if _, ok := q.Criterion(criterionID); !ok {
		return Partnership{}, &FieldError{Field: "criterion", Message: "no criterion " + criterionID + " in this site's questionnaire"}
	}
	if p.Criteria == nil {
		p.Criteria = map[string]CriterionMark{}
	}
	if m == (CriterionMark{}) {
		delete(p.Criteria, criterionID)
	} else {
		p.Criteria[criterionID] = m
	}
	return c.SavePartnership(p)
}
