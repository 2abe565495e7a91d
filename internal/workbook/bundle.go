package workbook

import (
	"fmt"
	"time"
)

// Record is one stored record of a site, of any kind: [Site],
// [Partnership], [Assessment], [Participant], [Response], [StatementNote],
// [IssueNote], [Finding] or [Intervention]. Moving sites between stores
// (package bundle) reads and writes whole records through it.
type Record interface {
	// Location returns the collection and key the record is kept at.
	Location() (Bucket, string)
	// LastChanged returns when the record was last changed.
	LastChanged() time.Time
}

// Location returns where the site is kept.
func (s Site) Location() (Bucket, string) { return BucketSites, s.ID }

// LastChanged returns when the site was last changed.
func (s Site) LastChanged() time.Time { return s.Updated }

// Location returns where the partnership is kept.
func (p Partnership) Location() (Bucket, string) {
	return BucketPartnerships, key(p.SiteID, p.ID)
}

// LastChanged returns when the partnership was last changed.
func (p Partnership) LastChanged() time.Time { return p.Updated }

// Location returns where the assessment is kept.
func (a Assessment) Location() (Bucket, string) {
	return BucketAssessments, key(a.SiteID, a.ID)
}

// LastChanged returns when the assessment was last changed.
func (a Assessment) LastChanged() time.Time { return a.Updated }

// Location returns where the participant is kept.
func (p Participant) Location() (Bucket, string) {
	return BucketParticipants, key(p.SiteID, p.AssessmentID, p.ID)
}

// LastChanged returns when the participant was last changed.
func (p Participant) LastChanged() time.Time { return p.Updated }

// Location returns where the response is kept.
func (r Response) Location() (Bucket, string) {
	return BucketResponses, key(r.SiteID, r.AssessmentID, r.ParticipantID, r.StatementID)
}

// LastChanged returns when the response was last given.
func (r Response) LastChanged() time.Time { return r.At }

// Location returns where the statement note is kept.
func (n StatementNote) Location() (Bucket, string) {
	return BucketStatementNotes, key(n.SiteID, n.AssessmentID, n.StatementID)
}

// LastChanged returns when the statement note was last changed.
func (n StatementNote) LastChanged() time.Time { return n.Updated }

// Location returns where the issue note is kept.
func (n IssueNote) Location() (Bucket, string) {
	return BucketIssueNotes, key(n.SiteID, n.AssessmentID, n.KeyIssueID)
}

// LastChanged returns when the issue note was last changed.
func (n IssueNote) LastChanged() time.Time { return n.Updated }

// Location returns where the finding is kept.
func (f Finding) Location() (Bucket, string) {
	return BucketFindings, key(f.SiteID, f.AssessmentID, f.ID)
}

// LastChanged returns when the finding was last changed.
func (f Finding) LastChanged() time.Time { return f.Updated }

// Location returns where the intervention is kept.
func (iv Intervention) Location() (Bucket, string) {
	return BucketInterventions, key(iv.SiteID, iv.AssessmentID, iv.ID)
}

// LastChanged returns when the intervention was last changed.
func (iv Intervention) LastChanged() time.Time { return iv.Updated }

// SiteRecords is everything stored about one site, each list in key order:
// what a site bundle carries.
type SiteRecords struct {
	Site           Site
	Partnerships   []Partnership
	Assessments    []Assessment
	Participants   []Participant
	Responses      []Response
	StatementNotes []StatementNote
	IssueNotes     []IssueNote
	Findings       []Finding
	Interventions  []Intervention
}

// Records returns every record of s, the site first, then each kind in
// the order of [SiteBuckets].
func (s *SiteRecords) Records() []Record {
	out := make([]Record, 0, 1+len(s.Partnerships)+len(s.Assessments)+len(s.Participants)+len(s.Responses)+
		len(s.StatementNotes)+len(s.IssueNotes)+len(s.Findings)+len(s.Interventions))
	out = append(out, s.Site)
	out = appendRecords(out, s.Partnerships)
	out = appendRecords(out, s.Assessments)
	out = appendRecords(out, s.Participants)
	out = appendRecords(out, s.Responses)
	out = appendRecords(out, s.StatementNotes)
	out = appendRecords(out, s.IssueNotes)
	out = appendRecords(out, s.Findings)
	out = appendRecords(out, s.Interventions)
	return out
}

func appendRecords[T Record](out []Record, in []T) []Record {
	for _, r := range in {
		out = append(out, r)
	}
	return out
}

// HasSite reports whether a site with this id (not slug) is stored.
func (r *Reader) HasSite(id string) bool { return r.tx.Get(BucketSites, id) != nil }

// SiteRecords reads every record of the site with this id (not slug), as
// stored.
func (r *Reader) SiteRecords(siteID string) (*SiteRecords, error) {
	s, ok, err := getJSON[Site](r.tx, BucketSites, siteID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound("site", siteID)
	}
	out := &SiteRecords{Site: s}
	p := siteID + "/"
	if out.Partnerships, err = listJSON[Partnership](r.tx, BucketPartnerships, p); err != nil {
		return nil, err
	}
	if out.Assessments, err = listJSON[Assessment](r.tx, BucketAssessments, p); err != nil {
		return nil, err
	}
	if out.Participants, err = listJSON[Participant](r.tx, BucketParticipants, p); err != nil {
		return nil, err
	}
	if err = r.eachResponse(p, func(resp *Response) error {
		out.Responses = append(out.Responses, *resp)
		return nil
	}); err != nil {
		return nil, err
	}
	if out.StatementNotes, err = listJSON[StatementNote](r.tx, BucketStatementNotes, p); err != nil {
		return nil, err
	}
	if out.IssueNotes, err = listJSON[IssueNote](r.tx, BucketIssueNotes, p); err != nil {
		return nil, err
	}
	if out.Findings, err = listJSON[Finding](r.tx, BucketFindings, p); err != nil {
		return nil, err
	}
	if out.Interventions, err = listJSON[Intervention](r.tx, BucketInterventions, p); err != nil {
		return nil, err
	}
	return out, nil
}

// PutRecord stores rec exactly as it is, with its own times: nothing is
// stamped or defaulted. It is for records that were checked already (see
// [CheckSiteRecords]); the one adjustment is that a site's slug is made
// unique in this store (another site may use it). The site of every other
// record must be stored already.
func (c *Change) PutRecord(rec Record) error {
	b, k := rec.Location()
	if s, ok := rec.(Site); ok {
		if !validID(s.ID) {
			return fmt.Errorf("invalid site id %q", s.ID)
		}
		if c.tx.Get(BucketSites, s.ID) == nil {
			if err := c.roomFor(LimitSites, BucketSites, "", "the store"); err != nil {
				return err
			}
		}
		slug, err := c.uniqueSlug(s.Slug, s.ID)
		if err != nil {
			return err
		}
		s.Slug = slug
		return putJSON(c.tx, b, k, s)
	}
	site, _, _ := splitKey(k)
	if c.tx.Get(BucketSites, site) == nil {
		return notFound("site", site)
	}
	if r, ok := rec.(Response); ok {
		return c.putResponse(r)
	}
	return putJSON(c.tx, b, k, rec)
}

// PutRecords is PutRecord of each of recs in turn, with a run of
// answers of one participant written at once (a bundle lists them so).
func (c *Change) PutRecords(recs []Record) error {
	for i := 0; i < len(recs); {
		r, ok := recs[i].(Response)
		if !ok {
			if err := c.PutRecord(recs[i]); err != nil {
				return err
			}
			i++
			continue
		}
		run := []Response{r}
		for i++; i < len(recs); i++ {
			next, ok := recs[i].(Response)
			if !ok || next.SiteID != r.SiteID || next.AssessmentID != r.AssessmentID || next.ParticipantID != r.ParticipantID {
				break
			}
			run = append(run, next)
		}
		if c.tx.Get(BucketSites, r.SiteID) == nil {
			return notFound("site", r.SiteID)
		}
		if err := c.putResponses(run, nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// DeleteRecord removes rec (only that record: deleting a participant this
// way leaves their responses, which are records of their own). Removing a
// record that is not stored is not an error.
func (c *Change) DeleteRecord(rec Record) error {
	if r, ok := rec.(Response); ok {
		return c.deleteResponse(r.SiteID, r.AssessmentID, r.ParticipantID, r.StatementID)
	}
	b, k := rec.Location()
	return c.tx.Delete(b, k)
}

// splitKey returns the site id at the front of a record key and the rest.
func splitKey(k string) (site, rest string, ok bool) {
	for i := 0; i < len(k); i++ {
		if k[i] == '/' {
			return k[:i], k[i+1:], true
		}
	}
	return k, "", false
}
