package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// Resolution says which version wins where the store and a bundle
// conflict.
type Resolution int

// The resolutions.
const (
	// Stop imports nothing from a bundle that conflicts with the store,
	// and lists the conflicts.
	Stop Resolution = iota
	// Theirs takes the bundle's version, and deletes records the bundle
	// does not have.
	Theirs
	// Ours keeps the store's version.
	Ours
)

// ImportOptions tune [Import].
type ImportOptions struct {
	// Resolve says which version wins a conflict.
	Resolve Resolution
	// BeforeUpdate, when set, runs before a site already in the store is
	// changed (not before a new site is created, nor when nothing
	// changes). An error stops the import before anything is written.
	BeforeUpdate func() error
}

// Result says what an import did (or, with conflicts, would have done).
type Result struct {
	// Site is the site as the store holds it after the import (its slug
	// is the store's); the bundle's when a new site was not written.
	Site workbook.Site
	// Created is set when the site was new to the store.
	Created bool
	// Added, Updated and Removed count the records written and deleted;
	// Unchanged those already the same; Kept those only in the store that
	// stay (what anonymising left out, and conflicts resolved by Ours).
	Added, Updated, Removed, Unchanged, Kept int
	// Conflicts lists the records where the store holds an edit as new as
	// the bundle's or newer, or that only the store holds. With Stop
	// nothing was written.
	Conflicts []Conflict
}

// UpToDate reports whether the import found nothing to write.
func (r *Result) UpToDate() bool { return !r.Created && r.Added+r.Updated+r.Removed == 0 }

// Conflict is one record the store and the bundle disagree about.
type Conflict struct {
	// Kind is the record's kind: "site", "partnership", "answer", ...
	Kind string
	// Record says which record, for people.
	Record string
	// Store is when the store's version was last changed.
	Store time.Time
	// Bundle is when the bundle's version was last changed; zero when the
	// bundle does not have the record.
	Bundle time.Time
}

// TimeLayout is how conflicts show times.
const TimeLayout = "2006-01-02 15:04:05 UTC"

func (c Conflict) String() string {
	switch {
	case c.Bundle.IsZero():
		return fmt.Sprintf("%s: in this store (changed %s), not in the bundle", c.Record, c.Store.UTC().Format(TimeLayout))
	case c.Bundle.Equal(c.Store):
		return fmt.Sprintf("%s: this store's and the bundle's differ, both changed %s", c.Record, c.Store.UTC().Format(TimeLayout))
	}
	return fmt.Sprintf("%s: this store's changed %s, the bundle's %s", c.Record, c.Store.UTC().Format(TimeLayout), c.Bundle.UTC().Format(TimeLayout))
}

// Import brings a checked bundle into the store behind svc, in one
// transaction. With conflicts and Resolve set to Stop it writes nothing and
// returns the result with the conflicts and [ErrConflicts]. When nothing
// differs it writes nothing.
func Import(svc *workbook.Service, b *Bundle, opts ImportOptions) (*Result, error) {
	var p *plan
	if err := svc.Read(func(r *workbook.Reader) (err error) {
		p, err = makePlan(r, b, opts.Resolve)
		return err
	}); err != nil {
		return nil, err
	}
	if len(p.res.Conflicts) > 0 && opts.Resolve == Stop {
		return &p.res, ErrConflicts
	}
	if p.res.UpToDate() {
		return &p.res, nil
	}
	if p.exists && opts.BeforeUpdate != nil {
		if err := opts.BeforeUpdate(); err != nil {
			return nil, err
		}
	}
	err := svc.Change(func(c *workbook.Change) error {
		// Planned again under the write lock, so that what is written is
		// what was checked against the store as it is now.
		var err error
		if p, err = makePlan(&c.Reader, b, opts.Resolve); err != nil {
			return err
		}
		if len(p.res.Conflicts) > 0 && opts.Resolve == Stop {
			return ErrConflicts
		}
		for _, q := range b.Questionnaires {
			if err := c.Pin(q); err != nil {
				return err
			}
		}
		if err := p.apply(c); err != nil {
			return err
		}
		p.res.Site, err = c.Site(b.Records.Site.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &p.res, nil
}

// plan is what an import writes.
type plan struct {
	exists bool
	puts   []workbook.Record // the site first when it is written
	dels   []workbook.Record
	res    Result
}

type location struct {
	b workbook.Bucket
	k string
}

func locate(rec workbook.Record) location {
	b, k := rec.Location()
	return location{b, k}
}

// makePlan compares the bundle with the store, record by record.
func makePlan(r *workbook.Reader, b *Bundle, res Resolution) (*plan, error) {
	site := b.Records.Site
	p := &plan{exists: r.HasSite(site.ID), res: Result{Site: site}}
	if !p.exists {
		p.puts = b.Records.Records()
		p.res.Created, p.res.Added = true, len(p.puts)
		return p, nil
	}
	stored, err := r.SiteRecords(site.ID)
	if err != nil {
		return nil, err
	}
	p.res.Site = stored.Site
	theirs := b.Records.Records()
	ours := stored.Records()
	byLoc := make(map[location]workbook.Record, len(ours))
	for _, rec := range ours {
		byLoc[locate(rec)] = rec
	}
	var names *labeller
	label := func(rec workbook.Record) (string, string) {
		if names == nil {
			names = newLabeller(b.Records, stored)
		}
		return names.label(rec)
	}
	inBundle := make(map[location]bool, len(theirs))
	for _, rec := range theirs {
		loc := locate(rec)
		inBundle[loc] = true
		s, ok := byLoc[loc]
		if !ok {
			p.puts = append(p.puts, rec)
			p.res.Added++
			continue
		}
		rec = fillWithheld(rec, s, b.Withheld)
		same, err := sameRecord(rec, s)
		if err != nil {
			return nil, err
		}
		switch {
		case same:
			p.res.Unchanged++
			continue
		case rec.LastChanged().After(s.LastChanged()):
			p.puts = append(p.puts, rec)
			p.res.Updated++
			continue
		}
		kind, what := label(s)
		p.res.Conflicts = append(p.res.Conflicts, Conflict{Kind: kind, Record: what, Store: s.LastChanged(), Bundle: rec.LastChanged()})
		if res == Theirs {
			p.puts = append(p.puts, rec)
			p.res.Updated++
		} else {
			p.res.Kept++
		}
	}
	for _, s := range ours {
		if inBundle[locate(s)] {
			continue
		}
		if withheldWhole(s, b.Withheld) {
			p.res.Kept++
			continue
		}
		kind, what := label(s)
		p.res.Conflicts = append(p.res.Conflicts, Conflict{Kind: kind, Record: what, Store: s.LastChanged()})
		if res == Theirs {
			p.dels = append(p.dels, s)
			p.res.Removed++
		} else {
			p.res.Kept++
		}
	}
	if len(p.puts)+len(p.dels) > 0 && (len(p.res.Conflicts) == 0 || res != Stop) {
		if err := p.checkMerged(r, b, ours); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// checkMerged checks the site as it will be after the import, as a whole:
// keeping the store's version of one record and taking the bundle's of
// another must not leave, say, an outsider's answer to a statement
// outsiders do not score.
func (p *plan) checkMerged(r *workbook.Reader, b *Bundle, ours []workbook.Record) error {
	merged := make(map[location]workbook.Record, len(ours)+len(p.puts))
	for _, rec := range ours {
		merged[locate(rec)] = rec
	}
	for _, rec := range p.puts {
		merged[locate(rec)] = rec
	}
	for _, rec := range p.dels {
		delete(merged, locate(rec))
	}
	recs := regroup(merged)
	qs := b.questionnaireMap()
	need := []string{recs.Site.Questionnaire}
	for _, a := range recs.Assessments {
		need = append(need, a.Questionnaire)
	}
	for _, h := range need {
		if _, ok := qs[h]; !ok {
			q, err := r.Questionnaire(h)
			if err != nil {
				return err
			}
			qs[h] = q
		}
	}
	if fe := workbook.CheckSiteRecords(recs, qs, time.Time{}); len(fe) > 0 {
		name := b.Name
		if name == "" {
			name = "the bundle"
		}
		e := &Error{File: name, Kind: ErrInvalid, Problem: "merged with the store's version of site " + recs.Site.Slug + ", it would break the workbook's rules; nothing was imported:"}
		for _, f := range fe {
			e.Details = append(e.Details, f.Error())
		}
		return e
	}
	return nil
}

// regroup sorts records back into a SiteRecords, each list in key order.
func regroup(m map[location]workbook.Record) *workbook.SiteRecords {
	locs := make([]location, 0, len(m))
	for l := range m {
		locs = append(locs, l)
	}
	slices.SortFunc(locs, func(a, b location) int {
		if a.b != b.b {
			if a.b < b.b {
				return -1
			}
			return 1
		}
		switch {
		case a.k < b.k:
			return -1
		case a.k > b.k:
			return 1
		}
		return 0
	})
	recs := make([]workbook.Record, len(locs))
	for i, l := range locs {
		recs[i] = m[l]
	}
	return fromRecords(recs)
}

// fromRecords sorts records into a SiteRecords by kind, each list in the
// order given.
func fromRecords(recs []workbook.Record) *workbook.SiteRecords {
	out := &workbook.SiteRecords{}
	for _, rec := range recs {
		switch v := rec.(type) {
		case workbook.Site:
			out.Site = v
		case workbook.Partnership:
			out.Partnerships = append(out.Partnerships, v)
		case workbook.Assessment:
			out.Assessments = append(out.Assessments, v)
		case workbook.Participant:
			out.Participants = append(out.Participants, v)
		case workbook.Response:
			out.Responses = append(out.Responses, v)
		case workbook.StatementNote:
			out.StatementNotes = append(out.StatementNotes, v)
		case workbook.IssueNote:
			out.IssueNotes = append(out.IssueNotes, v)
		case workbook.Finding:
			out.Findings = append(out.Findings, v)
		case workbook.Intervention:
			out.Interventions = append(out.Interventions, v)
		}
	}
	return out
}

// apply writes the plan: the site first, as every other record needs it.
func (p *plan) apply(c *workbook.Change) error {
	for _, rec := range p.puts {
		if s, ok := rec.(workbook.Site); ok {
			if err := c.PutRecord(s); err != nil {
				return err
			}
		}
	}
	if err := c.PutRecords(slices.DeleteFunc(slices.Clone(p.puts), func(rec workbook.Record) bool {
		_, site := rec.(workbook.Site)
		return site
	})); err != nil {
		return err
	}
	for _, rec := range p.dels {
		if err := c.DeleteRecord(rec); err != nil {
			return err
		}
	}
	return nil
}

// sameRecord reports whether two records hold the same content, times
// included.
func sameRecord(a, b workbook.Record) (bool, error) {
	ra, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	rb, err := json.Marshal(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ra, rb), nil
}

// fillWithheld returns the bundle's record with what the store keeps to
// itself put back: the site's slug, and the fields an anonymised bundle
// left out.
func fillWithheld(rec, stored workbook.Record, fs []Field) workbook.Record {
	if v, ok := rec.(workbook.Site); ok {
		if s := stored.(workbook.Site); v.Name == s.Name {
			v.Slug = s.Slug // the store's own, perhaps numbered
		}
		rec = v
	}
	if len(fs) == 0 {
		return rec
	}
	return restoreWithheld(rec, stored, fs)
}
