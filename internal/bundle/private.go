package bundle

import (
	"reflect"
	"slices"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// privateField is one field of one kind of record that anonymising can
// leave out of a bundle, with what it takes to read, blank and restore it.
type privateField struct {
	// Kind is the kind of field it is left out under.
	Kind Field
	// Record is the record type, as package workbook names it
	// ("Participant").
	Record string
	// Name is the field's Go name ("Name"); a field of a value the record
	// holds in a list or map is named through it ("Criteria.Note").
	Name string
	// zero is a zero record of the type, for what messages call it.
	zero workbook.Record
	// is reports whether rec is of the record type.
	is func(rec workbook.Record) bool
	// carries reports whether rec, of the record type, holds a value in
	// the field.
	carries func(rec workbook.Record) bool
	// blank returns rec, of the record type, with the field left out.
	blank func(rec workbook.Record) workbook.Record
	// restore returns rec with the field as stored (of the same record)
	// holds it.
	restore func(rec, stored workbook.Record) workbook.Record
	// alone, when set, reports whether rec holds nothing but this field,
	// so that leaving the field out leaves the record out whole.
	alone func(rec workbook.Record) bool
}

// Path names the field as its record type and its Go name:
// "Participant.Name".
func (p privateField) Path() string { return p.Record + "." + p.Name }

// privateFields lists every field that anonymising can leave out, and
// under which kind. Export blanks them (and leaves out the records that
// held nothing else), a bundle that says it left a kind out is checked
// for them, and importing an anonymised bundle keeps the store's values
// of them. A new private field is one line here; private_test.go fails
// on a string field of a bundle record that is neither here nor listed
// there as kept.
var privateFields = []privateField{
	text(FieldContext, "Context", func(s *workbook.Site) *string { return &s.Context }, nil),
	text(FieldNotes, "Notes", func(p *workbook.Partnership) *string { return &p.Notes }, nil),
	criterionNotes(),
	text(FieldNotes, "SelectionReason", func(a *workbook.Assessment) *string { return &a.SelectionReason }, nil),
	eventText(FieldNotes, "Reason", func(e *workbook.Event) *string { return &e.Reason }),
	text(FieldNames, "Name", func(p *workbook.Participant) *string { return &p.Name }, nil),
	text(FieldOrganisations, "Organisation", func(p *workbook.Participant) *string { return &p.Organisation }, nil),
	text(FieldComments, "Comment", func(r *workbook.Response) *string { return &r.Comment },
		func(r workbook.Response) bool { return !r.Answered() }),
	text(FieldNotes, "Notes", func(n *workbook.StatementNote) *string { return &n.Notes },
		func(n workbook.StatementNote) bool { return n.GroupScore == 0 }),
	text(FieldNotes, "Notes", func(n *workbook.IssueNote) *string { return &n.Notes },
		func(workbook.IssueNote) bool { return true }),
	text(FieldOwners, "Owner", func(iv *workbook.Intervention) *string { return &iv.Owner }, nil),
	reviewText(FieldNotes, "Note", func(r *workbook.Review) *string { return &r.Note }),
	reviewText(FieldOwners, "Reviewer", func(r *workbook.Review) *string { return &r.Reviewer }),
}

// text makes the entry for a string field of records of type R, which at
// points into a record. alone, when not nil, reports whether a record holds
// nothing but this field.
func text[R workbook.Record](kind Field, name string, at func(*R) *string, alone func(R) bool) privateField {
	p := entry[R](kind, name,
		func(r R) bool { return *at(&r) != "" },
		func(r R) R { *at(&r) = ""; return r },
		func(r, s R) R { *at(&r) = *at(&s); return r })
	if alone != nil {
		p.alone = func(rec workbook.Record) bool { return alone(rec.(R)) }
	}
	return p
}

// criterionNotes is the entry for the notes of a partnership's criterion
// marks: a mark left with neither a mark nor a note is left out.
func criterionNotes() privateField {
	return entry(FieldNotes, "Criteria.Note",
		func(p workbook.Partnership) bool {
			for _, m := range p.Criteria {
				if m.Note != "" {
					return true
				}
			}
			return false
		},
		func(p workbook.Partnership) workbook.Partnership { p.Criteria = withoutNotes(p.Criteria); return p },
		func(p, s workbook.Partnership) workbook.Partnership {
			p.Criteria = withStoredNotes(p.Criteria, s.Criteria)
			return p
		})
}

// reviewText is the entry for a string field of the reviews in an
// action's log. Restoring matches reviews by their place in the log and
// their day: a review of the bundle takes the store's text only from the
// store's review at the same place, of the same day (a log is added to in
// date order, so the reviews both have are at the same places).
func reviewText(kind Field, name string, at func(*workbook.Review) *string) privateField {
	return listText(kind, "Reviews."+name, func(iv *workbook.Intervention) *[]workbook.Review { return &iv.Reviews }, at,
		func(a, b workbook.Review) bool { return a.Date == b.Date })
}

// eventText is the entry for a string field of the entries of an
// assessment's log, matched on restoring by their place and their time.
func eventText(kind Field, name string, at func(*workbook.Event) *string) privateField {
	return listText(kind, "Log."+name, func(a *workbook.Assessment) *[]workbook.Event { return &a.Log }, at,
		func(a, b workbook.Event) bool { return a.At.Equal(b.At) })
}

// listText is the entry for a string field (at) of the values in a list
// that records of type R hold: a value of the bundle takes the store's
// text back only from the stored value at the same place that is the same
// (same).
func listText[R workbook.Record, E any](kind Field, name string, list func(*R) *[]E, at func(*E) *string, same func(a, b E) bool) privateField {
	return entry(kind, name,
		func(r R) bool {
			return slices.ContainsFunc(*list(&r), func(e E) bool { return *at(&e) != "" })
		},
		func(r R) R {
			xs := slices.Clone(*list(&r))
			for i := range xs {
				*at(&xs[i]) = ""
			}
			*list(&r) = xs
			return r
		},
		func(r, stored R) R {
			xs, old := slices.Clone(*list(&r)), *list(&stored)
			for i := range xs {
				v := ""
				if i < len(old) && same(old[i], xs[i]) {
					v = *at(&old[i])
				}
				*at(&xs[i]) = v
			}
			*list(&r) = xs
			return r
		})
}

// entry makes the entry for a field of records of type R from typed
// accessors.
func entry[R workbook.Record](kind Field, name string, carries func(R) bool, blank func(R) R, restore func(r, stored R) R) privateField {
	var zero R
	return privateField{
		Kind:    kind,
		Record:  reflect.TypeFor[R]().Name(),
		Name:    name,
		zero:    zero,
		is:      func(rec workbook.Record) bool { _, ok := rec.(R); return ok },
		carries: func(rec workbook.Record) bool { return carries(rec.(R)) },
		blank:   func(rec workbook.Record) workbook.Record { return blank(rec.(R)) },
		restore: func(rec, stored workbook.Record) workbook.Record { return restore(rec.(R), stored.(R)) },
	}
}

// withholdRecord returns rec with the fields of the kinds fs blanked, and
// false when anonymising leaves the record out whole.
func withholdRecord(rec workbook.Record, fs []Field) (workbook.Record, bool) {
	for _, p := range privateFields {
		if !p.is(rec) || !slices.Contains(fs, p.Kind) {
			continue
		}
		if p.alone != nil && p.alone(rec) {
			return nil, false
		}
		rec = p.blank(rec)
	}
	return rec, true
}

// withheldWhole reports whether anonymising leaves a stored record out of
// a bundle altogether: an answer that is only a comment, a statement note
// with no group score, a key-issue note.
func withheldWhole(rec workbook.Record, fs []Field) bool {
	for _, p := range privateFields {
		if p.alone != nil && p.is(rec) && slices.Contains(fs, p.Kind) && p.alone(rec) {
			return true
		}
	}
	return false
}

// restoreWithheld returns rec with the fields of the kinds fs as stored
// (the store's version of the same record) holds them.
func restoreWithheld(rec, stored workbook.Record, fs []Field) workbook.Record {
	for _, p := range privateFields {
		if p.is(rec) && slices.Contains(fs, p.Kind) {
			rec = p.restore(rec, stored)
		}
	}
	return rec
}

// carriesWithheld reports whether rec still holds something anonymising
// leaves out under kind f: a value of one of its fields, or the record
// itself when it is one left out whole.
func carriesWithheld(rec workbook.Record, f Field) bool {
	for _, p := range privateFields {
		if p.Kind == f && p.is(rec) && (p.carries(rec) || p.alone != nil && p.alone(rec)) {
			return true
		}
	}
	return false
}

// withheldNoun is what messages call the records that carry fields of kind
// f: "participant" when they are all of one type, else "record".
func withheldNoun(f Field) string {
	var noun string
	for _, p := range privateFields {
		if p.Kind != f {
			continue
		}
		kind, _ := (&labeller{}).label(p.zero)
		if noun != "" && noun != kind {
			return "record"
		}
		noun = kind
	}
	return noun
}

// withoutNotes returns the criteria marks without their notes, leaving out
// marks that are then empty.
func withoutNotes(in map[string]workbook.CriterionMark) map[string]workbook.CriterionMark {
	if len(in) == 0 {
		return in
	}
	out := make(map[string]workbook.CriterionMark, len(in))
	for id, m := range in {
		m.Note = ""
		if m != (workbook.CriterionMark{}) {
			out[id] = m
		}
	}
	return out
}

// withStoredNotes returns the bundle's criteria marks with the store's
// notes.
func withStoredNotes(marks, stored map[string]workbook.CriterionMark) map[string]workbook.CriterionMark {
	out := make(map[string]workbook.CriterionMark, len(marks)+len(stored))
	for id, m := range marks {
		m.Note = ""
		out[id] = m
	}
	for id, s := range stored {
		if s.Note == "" {
			continue
		}
		m := out[id]
		m.Note = s.Note
		out[id] = m
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
