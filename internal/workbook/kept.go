package workbook

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Kept figures.
//
// The list of sites (the home screen, `engage sites`) shows how far every
// site's current assessment has got. Counting that from the records means
// reading every participant and answer of every site: seconds for a
// national programme. So each site keeps its figures in [BucketTallies],
// written in the same transaction as every change that moves them:
//
//	SITE/             the site's: partnerships, criteria marked, which
//	                  assessment is current, and what its line in the list
//	                  of sites shows of it and that assessment
//	SITE/ASSESSMENT   the assessment's: participants and answers by group,
//	                  findings and actions
//
// They are written by [Service.Change], which notes every key the change
// writes or deletes (trackTx) and, before the transaction commits,
// recounts what those keys touch, and counted afresh by [KeepAll] (the
// upgrade to format 2, `engage check --recount`). The one frequent change, an answer, is
// applied as a difference (the participant's answers before and after);
// everything else recounts the assessment or the site it touched from its
// records. Since the figures commit with the change, a crash or a kill
// leaves them exactly as true as the records. [Reader.CheckKept] compares
// them with a full recount.

// assessmentTally is what one assessment keeps.
type assessmentTally struct {
	People   [2]int `json:"people"`   // insiders, outsiders
	Answered [2]int `json:"answered"` // answers with a score or don't know, by group
	// Stored counts every answer record of the assessment, answered or
	// holding only a comment: what the site's limit on answers counts.
	Stored        int `json:"stored"`
	Findings      int `json:"findings"`
	Interventions int `json:"interventions"`
}

// siteTally is what one site keeps: its figures, and what its line in the
// list of sites shows of the site and its current assessment, so that the
// list reads nothing else.
type siteTally struct {
	Assessments  int    `json:"assessments"`
	Current      string `json:"current"`
	Partnerships int    `json:"partnerships"`
	// FullyMarked counts the partnerships with every criterion of the
	// current assessment's questionnaire marked; AnyMark says whether any
	// criterion of it is marked on any partnership.
	FullyMarked int  `json:"fully_marked"`
	AnyMark     bool `json:"any_mark"`

	Site Site `json:"site"` // ID, slug, name, organisation, area, language
	// CurrentAssessment is the current assessment's ID, title, dates,
	// selected partnership, questionnaire and language.
	CurrentAssessment Assessment `json:"current_assessment"`
	PartnershipTitle  string     `json:"partnership_title"`
	// Statements and Verification are how many statements insiders and
	// outsiders answer in the current assessment's questionnaire.
	Statements   int `json:"statements"`
	Verification int `json:"verification"`
}

// The kept figures are read a thousand at a time for the list of sites,
// so they are kept in a few bytes rather than as JSON: a layout byte, then
// each field in order, a number as a uvarint and a text as a uvarint
// length and its bytes.
const tallyLayout = 1

func (t assessmentTally) encode() []byte {
	var w fieldWriter
	w.ints(t.People[0], t.People[1], t.Answered[0], t.Answered[1], t.Stored, t.Findings, t.Interventions)
	return w.buf
}

func decodeAssessmentTally(raw []byte) (assessmentTally, error) {
	r := fieldReader{buf: raw}
	var t assessmentTally
	r.ints(&t.People[0], &t.People[1], &t.Answered[0], &t.Answered[1], &t.Stored, &t.Findings, &t.Interventions)
	return t, r.done()
}

func (t siteTally) encode() []byte {
	var w fieldWriter
	any := 0
	if t.AnyMark {
		any = 1
	}
	w.ints(t.Assessments, t.Partnerships, t.FullyMarked, any, t.Statements, t.Verification)
	a := t.CurrentAssessment
	w.strs(t.Current, t.Site.ID, t.Site.Slug, t.Site.Name, t.Site.Organisation, t.Site.Area, t.Site.Language,
		a.Title, a.Started, a.Completed, a.PartnershipID, a.Questionnaire, a.Language, t.PartnershipTitle)
	return w.buf
}

func decodeSiteTally(raw []byte) (siteTally, error) {
	r := fieldReader{buf: raw}
	var t siteTally
	var any int
	r.ints(&t.Assessments, &t.Partnerships, &t.FullyMarked, &any, &t.Statements, &t.Verification)
	t.AnyMark = any != 0
	a := &t.CurrentAssessment
	r.strs(&t.Current, &t.Site.ID, &t.Site.Slug, &t.Site.Name, &t.Site.Organisation, &t.Site.Area, &t.Site.Language,
		&a.Title, &a.Started, &a.Completed, &a.PartnershipID, &a.Questionnaire, &a.Language, &t.PartnershipTitle)
	a.ID, a.SiteID = t.Current, t.Site.ID
	return t, r.done()
}

// fieldWriter writes the fields of a kept record.
type fieldWriter struct{ buf []byte }

func (w *fieldWriter) ints(vs ...int) {
	if w.buf == nil {
		w.buf = append(w.buf, tallyLayout)
	}
	for _, v := range vs {
		w.buf = binary.AppendUvarint(w.buf, uint64(max(v, 0)))
	}
}

func (w *fieldWriter) strs(vs ...string) {
	for _, v := range vs {
		w.buf = binary.AppendUvarint(w.buf, uint64(len(v)))
		w.buf = append(w.buf, v...)
	}
}

// fieldReader reads what a fieldWriter wrote; the first damage sticks.
type fieldReader struct {
	buf     []byte
	started bool
	err     error
}

func (r *fieldReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	if !r.started {
		r.started = true
		if len(r.buf) == 0 || r.buf[0] != tallyLayout {
			r.err = errTally
			return 0
		}
		r.buf = r.buf[1:]
	}
	v, n := binary.Uvarint(r.buf)
	if n <= 0 || v > 1<<40 {
		r.err = errTally
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

func (r *fieldReader) ints(ps ...*int) {
	for _, p := range ps {
		*p = int(r.uvarint())
	}
}

func (r *fieldReader) strs(ps ...*string) {
	for _, p := range ps {
		n := r.uvarint()
		if r.err == nil && n > uint64(len(r.buf)) {
			r.err = errTally
		}
		if r.err != nil {
			return
		}
		*p, r.buf = string(r.buf[:n]), r.buf[n:]
	}
}

func (r *fieldReader) done() error {
	if r.err == nil && len(r.buf) > 0 {
		r.err = errTally
	}
	return r.err
}

var errTally = errors.New("the kept figures are damaged")

// getTally reads a kept record at k with decode; found is false when
// there is none.
func getTally[T any](tx Tx, k string, decode func([]byte) (T, error)) (T, bool, error) {
	raw := tx.Get(BucketTallies, k)
	if raw == nil {
		var zero T
		return zero, false, nil
	}
	t, err := decode(raw)
	if err != nil {
		err = fmt.Errorf("read %s %s: %w", BucketTallies, k, err)
	}
	return t, err == nil, err
}

func groupIndex(g Group) int {
	if g == Outsider {
		return 1
	}
	return 0
}

// trackTx is the transaction of a Change: it notes which sites,
// assessments and participants' answers each write touches.
type trackTx struct {
	Tx
	sites       map[string]bool
	assessments map[string]bool // "SITE/ASSESSMENT"
	// answers holds, per participant ("SITE/ASSESSMENT/PARTICIPANT"),
	// their record of answers as it was before this change.
	answers map[string][]byte
	// stored is, per site, how many answer records this change added
	// (less those it removed), for the site's limit on answers.
	stored map[string]int
	// groups is the group of participants whose answers the change
	// recorded, as it read them (RecordResponse has them at hand).
	groups map[string]Group
}

func newTrackTx(tx Tx) *trackTx {
	return &trackTx{Tx: tx, sites: map[string]bool{}, assessments: map[string]bool{}, answers: map[string][]byte{}, stored: map[string]int{},
		groups: map[string]Group{}}
}

func (t *trackTx) Put(b Bucket, k string, v []byte) error {
	t.note(b, k)
	if b == BucketAnswers {
		t.count(k, v)
	}
	return t.Tx.Put(b, k, v)
}

func (t *trackTx) Delete(b Bucket, k string) error {
	t.note(b, k)
	if b == BucketAnswers {
		t.count(k, nil)
	}
	return t.Tx.Delete(b, k)
}

// count notes the difference in answer records that writing v at k makes
// (a damaged record counts as none: the recount reports it).
func (t *trackTx) count(k string, v []byte) {
	before, _, _ := countAnswers(t.Tx.Get(BucketAnswers, k))
	after, _, _ := countAnswers(v)
	site, _, _ := strings.Cut(k, "/")
	t.stored[site] += after - before
}

func (t *trackTx) note(b Bucket, k string) {
	parts := strings.SplitN(k, "/", 4)
	switch b {
	case BucketSites:
		t.sites[k] = true
	case BucketPartnerships:
		t.sites[parts[0]] = true
	case BucketAssessments:
		t.sites[parts[0]] = true
		if len(parts) >= 2 {
			t.assessments[parts[0]+"/"+parts[1]] = true
		}
	case BucketParticipants, BucketFindings, BucketInterventions:
		if len(parts) >= 2 {
			t.assessments[parts[0]+"/"+parts[1]] = true
		}
	case BucketAnswers:
		if _, seen := t.answers[k]; !seen {
			t.answers[k] = cloneBytes(t.Tx.Get(b, k))
		}
	case BucketTallies:
		// Only a whole site's removal writes here from outside keep.
		t.sites[parts[0]] = true
	}
}

func cloneBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

// keep brings the kept figures of everything t touched up to date, inside
// the same transaction. raw is the transaction without tracking.
func (c *Change) keep(t *trackTx) error {
	r := &Reader{svc: c.svc, tx: t.Tx}
	// Answers of assessments that are recounted anyway need no difference.
	for pk, before := range t.answers {
		site, rest, _ := strings.Cut(pk, "/")
		assessment, participant, _ := strings.Cut(rest, "/")
		ak := key(site, assessment)
		if t.assessments[ak] || t.sites[site] {
			continue
		}
		if err := r.applyAnswers(site, assessment, participant, before, t.groups[pk]); err != nil {
			return err
		}
	}
	for ak := range t.assessments {
		site, assessment, _ := strings.Cut(ak, "/")
		if t.sites[site] {
			continue // the site's recount does its assessments
		}
		if err := r.keepAssessment(site, assessment); err != nil {
			return err
		}
	}
	for site := range t.sites {
		if err := r.keepSite(site); err != nil {
			return err
		}
	}
	return nil
}

// applyAnswers adds to an assessment's figures the difference one
// participant's answers made, given their record before the change and
// their group ("" reads it).
func (r *Reader) applyAnswers(site, assessment, participant string, before []byte, group Group) error {
	pk := key(site, assessment, participant)
	s0, a0, err := countAnswers(before)
	if err != nil {
		return r.keepAssessment(site, assessment)
	}
	s1, a1, err := countAnswers(r.tx.Get(BucketAnswers, pk))
	if err != nil {
		return fmt.Errorf("read %s %s: %w", BucketAnswers, pk, err)
	}
	if s0 == s1 && a0 == a1 {
		return nil
	}
	ok := group != ""
	if !ok {
		var p Participant
		if p, ok, err = getJSON[Participant](r.tx, BucketParticipants, pk); err != nil {
			return err
		}
		group = p.Group
	}
	t, found, err := getTally(r.tx, key(site, assessment), decodeAssessmentTally)
	if err != nil || !found || !ok {
		// No figures yet, or answers of nobody: count it all.
		return r.keepAssessment(site, assessment)
	}
	t.Stored += s1 - s0
	t.Answered[groupIndex(group)] += a1 - a0
	return r.tx.Put(BucketTallies, key(site, assessment), t.encode())
}

// countAssessment counts an assessment's figures from its records.
func (r *Reader) countAssessment(site, assessment string) (assessmentTally, error) {
	var t assessmentTally
	prefix := key(site, assessment) + "/"
	groups := map[string]int{}
	err := r.tx.ForEach(BucketParticipants, prefix, func(k string, raw []byte) error {
		var p struct {
			Group Group `json:"group"`
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return fmt.Errorf("read %s %s: %w", BucketParticipants, k, err)
		}
		g := groupIndex(p.Group)
		t.People[g]++
		groups[k[len(prefix):]] = g
		return nil
	})
	if err != nil {
		return t, err
	}
	err = r.tx.ForEach(BucketAnswers, prefix, func(k string, raw []byte) error {
		stored, answered, err := countAnswers(raw)
		if err != nil {
			return fmt.Errorf("read %s %s: %w", BucketAnswers, k, err)
		}
		t.Stored += stored
		if g, ok := groups[k[len(prefix):]]; ok {
			t.Answered[g] += answered
		}
		return nil
	})
	if err != nil {
		return t, err
	}
	t.Findings = countKeys(r.tx, BucketFindings, prefix)
	t.Interventions = countKeys(r.tx, BucketInterventions, prefix)
	return t, nil
}

func countKeys(tx Tx, b Bucket, prefix string) int {
	n := 0
	_ = tx.ForEach(b, prefix, func(string, []byte) error { n++; return nil })
	return n
}

// keepAssessment recounts an assessment's figures, or removes them with
// the assessment.
func (r *Reader) keepAssessment(site, assessment string) error {
	ak := key(site, assessment)
	if r.tx.Get(BucketAssessments, ak) == nil {
		return r.tx.Delete(BucketTallies, ak)
	}
	t, err := r.countAssessment(site, assessment)
	if err != nil {
		return err
	}
	return r.tx.Put(BucketTallies, ak, t.encode())
}

// countSite counts a site's own figures from its records.
func (r *Reader) countSite(site string) (siteTally, error) {
	as, err := r.Assessments(site)
	if err != nil {
		return siteTally{}, err
	}
	return r.countSiteAt(site, as, len(as)-1)
}

// countSiteAt counts a site's figures with as[k] (of its assessments as)
// as the current assessment; none when k is -1.
func (r *Reader) countSiteAt(site string, as []Assessment, k int) (siteTally, error) {
	var t siteTally
	s, ok, err := getJSON[Site](r.tx, BucketSites, site)
	if err != nil {
		return t, err
	}
	if !ok {
		return t, notFound("site", site)
	}
	t.Site = Site{ID: s.ID, Slug: s.Slug, Name: s.Name, Organisation: s.Organisation, Area: s.Area, Language: s.Language}
	t.Assessments = len(as)
	ps, err := listJSON[Partnership](r.tx, BucketPartnerships, site+"/")
	if err != nil {
		return t, err
	}
	t.Partnerships = len(ps)
	if k >= 0 {
		cur := as[k]
		t.Current = cur.ID
		t.CurrentAssessment = Assessment{ID: cur.ID, SiteID: site, Title: cur.Title, Started: cur.Started, Completed: cur.Completed,
			PartnershipID: cur.PartnershipID, Questionnaire: cur.Questionnaire, Language: cur.Language}
		q, err := r.Questionnaire(cur.Questionnaire)
		if err != nil {
			return t, err
		}
		t.FullyMarked, t.AnyMark = markTally(q, ps)
		t.Statements, t.Verification = len(q.Statements()), len(q.VerificationStatements())
		for _, p := range ps {
			if p.ID == cur.PartnershipID {
				t.PartnershipTitle = p.Title
			}
		}
	}
	return t, nil
}

// keepSite recounts a site's figures and those of each of its
// assessments, or removes them all with the site.
func (r *Reader) keepSite(site string) error {
	if r.tx.Get(BucketSites, site) == nil {
		return deletePrefix(r.tx, BucketTallies, site+"/")
	}
	// Figures of assessments that are gone.
	var stale []string
	err := r.tx.ForEach(BucketTallies, site+"/", func(k string, _ []byte) error {
		if k != site+"/" && r.tx.Get(BucketAssessments, k) == nil {
			stale = append(stale, k)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range stale {
		if err := r.tx.Delete(BucketTallies, k); err != nil {
			return err
		}
	}
	var ids []string
	err = r.tx.ForEach(BucketAssessments, site+"/", func(k string, _ []byte) error {
		ids = append(ids, k[len(site)+1:])
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := r.keepAssessment(site, id); err != nil {
			return err
		}
	}
	t, err := r.countSite(site)
	if err != nil {
		return err
	}
	return r.tx.Put(BucketTallies, site+"/", t.encode())
}

// KeepAll recounts the kept figures of every site of the store: what the
// upgrade to store format 2 runs once. tx is the upgrade's transaction.
func KeepAll(svc *Service, tx Tx) error {
	r := &Reader{svc: svc, tx: tx}
	var sites []string
	if err := tx.ForEach(BucketSites, "", func(k string, _ []byte) error {
		sites = append(sites, k)
		return nil
	}); err != nil {
		return err
	}
	for _, s := range sites {
		if err := r.keepSite(s); err != nil {
			return fmt.Errorf("site %s: %w", s, err)
		}
	}
	return nil
}

// KeptMismatch is a kept figure that differs from a recount of the
// records.
type KeptMismatch struct {
	Key        string // SITE/ or SITE/ASSESSMENT
	Kept, Real string
}

func (m KeptMismatch) Error() string {
	return fmt.Sprintf("the kept figures of %s say %s, the records %s", m.Key, m.Kept, m.Real)
}

// CheckKept recounts every kept figure from the records and returns the
// ones that differ (none in a sound store).
func (r *Reader) CheckKept() ([]KeptMismatch, error) {
	var out []KeptMismatch
	compare := func(k string, kept, real any, found bool) {
		kj, _ := json.Marshal(kept)
		rj, _ := json.Marshal(real)
		if !found {
			kj = []byte("nothing")
		}
		if !found || !reflect.DeepEqual(kept, real) {
			out = append(out, KeptMismatch{Key: k, Kept: string(kj), Real: string(rj)})
		}
	}
	sites := map[string]bool{}
	err := r.tx.ForEach(BucketSites, "", func(k string, _ []byte) error {
		sites[k] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(sites))
	for s := range sites {
		ids = append(ids, s)
	}
	sort.Strings(ids)
	for _, s := range ids {
		kept, found, err := getTally(r.tx, s+"/", decodeSiteTally)
		if err != nil {
			return nil, err
		}
		real, err := r.countSite(s)
		if err != nil {
			return nil, err
		}
		compare(s+"/", kept, real, found)
		err = r.tx.ForEach(BucketAssessments, s+"/", func(k string, _ []byte) error {
			kept, found, err := getTally(r.tx, k, decodeAssessmentTally)
			if err != nil {
				return err
			}
			real, err := r.countAssessment(s, k[len(s)+1:])
			if err != nil {
				return err
			}
			compare(k, kept, real, found)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Figures of something that no longer exists.
	err = r.tx.ForEach(BucketTallies, "", func(k string, _ []byte) error {
		site, rest, _ := strings.Cut(k, "/")
		switch {
		case !sites[site]:
			out = append(out, KeptMismatch{Key: k, Kept: "figures", Real: "no such site"})
		case rest != "" && r.tx.Get(BucketAssessments, k) == nil:
			out = append(out, KeptMismatch{Key: k, Kept: "figures", Real: "no such assessment"})
		}
		return nil
	})
	return out, err
}

// siteAnswers is how many answers a site holds: its kept figures and
// what this change has added so far.
func (c *Change) siteAnswers(site string) (int, error) {
	r := c.Reader
	n := c.track.stored[site]
	damaged := false
	err := r.tx.ForEach(BucketTallies, site+"/", func(k string, raw []byte) error {
		if k == site+"/" {
			return nil
		}
		t, err := decodeAssessmentTally(raw)
		if err != nil {
			damaged = true
			return errStop
		}
		n += t.Stored
		return nil
	})
	if damaged {
		// Derived figures that cannot be read: count the records as they
		// stand, this change's writes included.
		n = 0
		err = r.tx.ForEach(BucketAnswers, site+"/", func(k string, raw []byte) error {
			stored, _, err := countAnswers(raw)
			n += stored
			return err
		})
	}
	return n, err
}
