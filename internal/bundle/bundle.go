package bundle

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Bundle is one site with everything recorded for it and the
// questionnaires it pinned: what a bundle file holds.
type Bundle struct {
	// Name is the file the bundle was read from ("" for one just
	// exported); messages about the bundle name it.
	Name string
	// Engage is the version of Engage that wrote the bundle.
	Engage string
	// Withheld lists what anonymising left out, in the order of Fields.
	Withheld []Field
	// Questionnaires are the pinned questionnaires the site and its
	// assessments use, sorted by hash.
	Questionnaires []*questionnaire.Questionnaire
	// Records are the site's records, each list in store-key order.
	Records *workbook.SiteRecords
}

// Field is a kind of field that anonymising can leave out of a bundle.
type Field string

// The kinds of field an anonymised bundle can leave out. Role levels,
// groups, scores, findings and the action plan's actions are always kept.
const (
	// FieldNames is participants' names.
	FieldNames Field = "names"
	// FieldOrganisations is participants' organisations.
	FieldOrganisations Field = "organisations"
	// FieldComments is the comments given with answers (an answer that was
	// only a comment is left out whole).
	FieldComments Field = "comments"
	// FieldNotes is every note: partnership and criterion notes, the
	// reason a partnership was selected, the dialogue notes of statements
	// (a note with no group score is left out whole), the verification
	// notes of key issues and the notes of the action plan's reviews.
	FieldNotes Field = "notes"
	// FieldOwners is who owns each action of the action plan, and who
	// reviewed it.
	FieldOwners Field = "owners"
	// FieldContext is the site's context note.
	FieldContext Field = "context"
)

// Fields lists the kinds of field anonymising can leave out, in order.
var Fields = []Field{FieldNames, FieldOrganisations, FieldComments, FieldNotes, FieldOwners, FieldContext}

// ParseFields reads a comma-separated list of field kinds ("comments,notes");
// "all" means every kind.
func ParseFields(s string) ([]Field, error) {
	var out []Field
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
		case part == "all":
			out = append(out, Fields...)
		case slices.Contains(Fields, Field(part)):
			out = append(out, Field(part))
		default:
			return nil, fmt.Errorf("%q is not a field kind; the kinds are %s, or all", part, fieldList())
		}
	}
	return normalFields(out), nil
}

func fieldList() string {
	s := make([]string, len(Fields))
	for i, f := range Fields {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

// normalFields returns fs once each, in the order of Fields.
func normalFields(fs []Field) []Field {
	var out []Field
	for _, f := range Fields {
		if slices.Contains(fs, f) {
			out = append(out, f)
		}
	}
	return out
}

// ExportOptions tune [Export].
type ExportOptions struct {
	// Engage is the version of Engage writing the bundle.
	Engage string
	// Withhold lists what to leave out (see [Fields]); engage export
	// --anonymise always includes FieldNames.
	Withhold []Field
}

// Export reads one site (by id or slug) and everything recorded for it into
// a bundle, leaving out what opts.Withhold names. The bundle is checked as
// a file would be on import, so a bundle that exports can be imported.
func Export(r *workbook.Reader, siteRef string, opts ExportOptions) (*Bundle, error) {
	site, err := r.Site(siteRef)
	if err != nil {
		return nil, err
	}
	recs, err := r.SiteRecords(site.ID)
	if err != nil {
		return nil, err
	}
	unselectDeleted(recs)
	hashes := map[string]bool{recs.Site.Questionnaire: true}
	for _, a := range recs.Assessments {
		hashes[a.Questionnaire] = true
	}
	b := &Bundle{Engage: versionToken(opts.Engage), Withheld: normalFields(opts.Withhold), Records: recs}
	for _, h := range slices.Sorted(maps.Keys(hashes)) {
		q, err := r.Questionnaire(h)
		if err != nil {
			return nil, fmt.Errorf("site %s: %w", site.Slug, err)
		}
		b.Questionnaires = append(b.Questionnaires, q)
	}
	b.Records = withhold(recs, b.Withheld)
	// The store's own times are not held to the clock here: the
	// importing side does that.
	if problems := b.check(time.Time{}); len(problems) > 0 {
		return nil, &Error{File: "site " + site.Slug, Kind: ErrInvalid,
			Problem: "the store holds records that a bundle cannot carry:", Details: problems}
	}
	return b, nil
}

// unselectDeleted clears an assessment's selection of a partnership that is
// no longer mapped. Deleting a partnership now clears the selections of it;
// a store from before kept the id, which the assessment showed as no
// partnership and which a bundle may not carry.
func unselectDeleted(recs *workbook.SiteRecords) {
	mapped := make(map[string]bool, len(recs.Partnerships))
	for _, p := range recs.Partnerships {
		mapped[p.ID] = true
	}
	for i, a := range recs.Assessments {
		if a.PartnershipID != "" && !mapped[a.PartnershipID] {
			recs.Assessments[i].PartnershipID = ""
		}
	}
}

// withhold returns recs with the fields fs name blanked, leaving out the
// records that held nothing else (see [privateFields]).
func withhold(recs *workbook.SiteRecords, fs []Field) *workbook.SiteRecords {
	if len(fs) == 0 {
		return recs
	}
	var kept []workbook.Record
	for _, rec := range recs.Records() {
		if rec, ok := withholdRecord(rec, fs); ok {
			kept = append(kept, rec)
		}
	}
	return fromRecords(kept)
}

// Carries reports whether the bundle holds anything of kind f: a
// participant's name for FieldNames. An export that withheld f carries
// none of it.
func (b *Bundle) Carries(f Field) bool {
	return slices.ContainsFunc(b.Records.Records(), func(rec workbook.Record) bool { return carriesWithheld(rec, f) })
}

// Count is how many records of one kind a bundle holds.
type Count struct {
	Kind string // "assessment", "partnership", "participant", "answer", "note", "finding", "action"
	N    int
}

// KindCounts says how many records of each kind the bundle holds: always
// assessments, partnerships, participants and answers, then notes,
// findings and actions when there are any.
func (b *Bundle) KindCounts() []Count {
	r := b.Records
	out := []Count{{"assessment", len(r.Assessments)}, {"partnership", len(r.Partnerships)},
		{"participant", len(r.Participants)}, {"answer", len(r.Responses)}}
	for _, c := range []Count{{"note", len(r.StatementNotes) + len(r.IssueNotes)}, {"finding", len(r.Findings)},
		{"action", len(r.Interventions)}} {
		if c.N > 0 {
			out = append(out, c)
		}
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// questionnaireMap returns the bundle's questionnaires by hash.
func (b *Bundle) questionnaireMap() map[string]*questionnaire.Questionnaire {
	out := make(map[string]*questionnaire.Questionnaire, len(b.Questionnaires))
	for _, q := range b.Questionnaires {
		out[q.Hash] = q
	}
	return out
}

// check returns every problem of the bundle's content: questionnaires used
// and given, what it says was withheld, and the records by the workbook's
// rules, with times no later than now allows (a zero now skips that).
func (b *Bundle) check(now time.Time) []string {
	var out []string
	used := map[string]bool{b.Records.Site.Questionnaire: true}
	for _, a := range b.Records.Assessments {
		used[a.Questionnaire] = true
	}
	for _, q := range b.Questionnaires {
		if !used[q.Hash] {
			out = append(out, fmt.Sprintf("questionnaire %s %s (%s) is not used by the site or any assessment", q.ID, q.Version, q.Hash[:12]))
		}
	}
	out = append(out, checkWithheld(b.Records, b.Withheld)...)
	for _, fe := range workbook.CheckSiteRecords(b.Records, b.questionnaireMap(), now) {
		out = append(out, fe.Error())
	}
	return out
}

// checkWithheld checks that a bundle that says it left something out did.
func checkWithheld(r *workbook.SiteRecords, fs []Field) []string {
	if len(fs) == 0 {
		return nil
	}
	recs := r.Records()
	var out []string
	for _, f := range fs {
		n := 0
		for _, rec := range recs {
			if carriesWithheld(rec, f) {
				n++
			}
		}
		if n > 0 {
			out = append(out, fmt.Sprintf("the bundle says %s were left out, but %s", f, plural(n, withheldNoun(f))+" still carry them"))
		}
	}
	return out
}

// versionToken makes an Engage version safe for the header line: letters,
// digits and . _ + - only, at most 64 characters; anything else is
// "unknown".
func versionToken(v string) string {
	if v == "" || len(v) > 64 {
		return "unknown"
	}
	for _, r := range v {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._+-", r):
		default:
			return "unknown"
		}
	}
	return v
}

// sortedQuestionnaires sorts questionnaires by hash.
func sortedQuestionnaires(qs []*questionnaire.Questionnaire) {
	sort.Slice(qs, func(i, j int) bool { return qs[i].Hash < qs[j].Hash })
}
