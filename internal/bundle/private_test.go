package bundle

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// keptFields are the string fields of bundle records that anonymising
// never leaves out, each with the reason. A string field is either here
// or in privateFields; TestEveryStringFieldIsPrivateOrKept fails on one
// that is in neither.
var keptFields = map[string]string{
	"Site.ID":                     "id",
	"Site.Slug":                   "id",
	"Site.Name":                   "the organisation taking part is named in every report",
	"Site.Organisation":           "the statutory body, not a person",
	"Site.Area":                   "a place, public",
	"Site.Language":               "language code",
	"Site.Directorates.ID":        "id",
	"Site.Directorates.Name":      "the organisation's own structure, public",
	"Site.Questionnaire":          "questionnaire hash",
	"Partnership.ID":              "id",
	"Partnership.SiteID":          "id",
	"Partnership.Title":           "the partnership, named in the report",
	"Partnership.Directorate":     "id",
	"Partnership.Area":            "a place, public",
	"Partnership.Community":       "enum",
	"Partnership.Partners":        "enum list (sectors)",
	"Partnership.Criteria[key]":   "criterion id",
	"Partnership.Criteria.Mark":   "enum",
	"Assessment.ID":               "id",
	"Assessment.SiteID":           "id",
	"Assessment.Title":            "names the run, not a person",
	"Assessment.PartnershipID":    "id",
	"Assessment.Questionnaire":    "questionnaire hash",
	"Assessment.Language":         "language code",
	"Assessment.Started":          "date",
	"Assessment.Completed":        "date",
	"Assessment.Booklets.Group":   "enum: the group a run of booklet numbers was printed for",
	"Assessment.Log.Kind":         "enum",
	"Assessment.Log.Date":         "date",
	"Assessment.Log.Group":        "enum: the group of a participant deleted, never a name",
	"Assessment.Log.Partnership":  "a partnership's title, kept as Partnership.Title is",
	"Assessment.Log.To":           "a partnership's title, kept as Partnership.Title is",
	"Participant.ID":              "id, not stable across assessments and never printed",
	"Participant.SiteID":          "id",
	"Participant.AssessmentID":    "id",
	"Participant.Group":           "enum, needed for every figure",
	"Participant.Role":            "enum, needed to attribute comments",
	"Response.SiteID":             "id",
	"Response.AssessmentID":       "id",
	"Response.ParticipantID":      "id",
	"Response.StatementID":        "id",
	"StatementNote.SiteID":        "id",
	"StatementNote.AssessmentID":  "id",
	"StatementNote.StatementID":   "id",
	"IssueNote.SiteID":            "id",
	"IssueNote.AssessmentID":      "id",
	"IssueNote.KeyIssueID":        "id",
	"Finding.ID":                  "id",
	"Finding.SiteID":              "id",
	"Finding.AssessmentID":        "id",
	"Finding.Kind":                "enum",
	"Finding.KeyIssueID":          "id",
	"Finding.StatementID":         "id",
	"Finding.Text":                "findings are always kept: they are what the board reads",
	"Intervention.ID":             "id",
	"Intervention.SiteID":         "id",
	"Intervention.AssessmentID":   "id",
	"Intervention.Action":         "the action plan's actions are always kept",
	"Intervention.Due":            "date",
	"Intervention.KeyIssueID":     "id",
	"Intervention.Status":         "enum",
	"Intervention.Reviews.Date":   "date",
	"Intervention.Reviews.Status": "enum",
}

// recordTypes returns the types of the records a bundle carries: those
// of workbook.SiteRecords.
func recordTypes() []reflect.Type {
	var out []reflect.Type
	st := reflect.TypeFor[workbook.SiteRecords]()
	for i := range st.NumField() {
		t := st.Field(i).Type
		if t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		out = append(out, t)
	}
	return out
}

// stringPaths adds to out the path of every string-valued field of values
// of type t: "Participant.Name", "Partnership.Partners" for a list of
// strings, "Partnership.Criteria.Note" for a field of the values of a
// map, "Partnership.Criteria[key]" for the string keys of a map. A field
// whose type reflection cannot see into (an interface) is added too, so
// that it has to be classified.
func stringPaths(t reflect.Type, path string, out map[string]bool) {
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		out[path] = true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		stringPaths(t.Elem(), path, out)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			out[path+"[key]"] = true
		}
		stringPaths(t.Elem(), path, out)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() && f.Tag.Get("json") != "-" {
				stringPaths(f.Type, path+"."+f.Name, out)
			}
		}
	}
}

// StringValues returns every string a record holds, by path (as
// [stringPaths] names them).
func StringValues(rec workbook.Record) map[string][]string {
	out := map[string][]string{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			out[path] = append(out[path], v.String())
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), path)
			}
		case reflect.Map:
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
			for _, k := range keys {
				if k.Kind() == reflect.String {
					out[path+"[key]"] = append(out[path+"[key]"], k.String())
				}
				walk(v.MapIndex(k), path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		}
	}
	walk(reflect.ValueOf(rec), reflect.TypeOf(rec).Name())
	return out
}

// BlankPaths returns rec with every string at the paths emptied, by
// reflection alone: what leaving those fields out must do. A value of a
// map that holds nothing once blanked is left out of the map.
func BlankPaths(rec workbook.Record, paths []string) workbook.Record {
	v := reflect.New(reflect.TypeOf(rec)).Elem()
	v.Set(reflect.ValueOf(rec))
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if slices.Contains(paths, path) {
			v.SetZero()
			return
		}
		switch v.Kind() {
		case reflect.Slice:
			if v.IsNil() {
				return
			}
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len()) // a copy, as for maps
			reflect.Copy(c, v)
			for i := range c.Len() {
				walk(c.Index(i), path)
			}
			v.Set(c)
		case reflect.Map:
			if v.IsNil() {
				return
			}
			m := reflect.MakeMap(v.Type()) // a copy: rec's map is not touched
			for _, k := range v.MapKeys() {
				e := reflect.New(v.Type().Elem()).Elem()
				e.Set(v.MapIndex(k))
				walk(e, path)
				if !e.IsZero() {
					m.SetMapIndex(k, e)
				}
			}
			v.Set(m)
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					walk(v.Field(i), path+"."+f.Name)
				}
			}
		}
	}
	walk(v, v.Type().Name())
	return v.Interface().(workbook.Record)
}

// filled returns a record of type t with every string set to tag and its
// path, every list holding one value and every map one value at key "k".
// A review's date is the same whatever the tag: restoring the texts of an
// action's reviews matches them by their day.
func filled(t reflect.Type, tag string) workbook.Record {
	var fill func(v reflect.Value, path string)
	fill = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(tag + path)
			if path == "Intervention.Reviews.Date" {
				v.SetString("2026-03-02")
			}
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			fill(v.Index(0), path)
		case reflect.Map:
			v.Set(reflect.MakeMap(v.Type()))
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, path)
			v.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), e)
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					fill(v.Field(i), path+"."+f.Name)
				}
			}
		}
	}
	v := reflect.New(t).Elem()
	fill(v, t.Name())
	return v.Interface().(workbook.Record)
}

// TestEveryStringFieldIsPrivateOrKept fails on a string field of a bundle
// record that is neither in privateFields nor in keptFields: someone has
// to decide whether anonymising leaves it out.
func TestEveryStringFieldIsPrivateOrKept(t *testing.T) {
	all := map[string]bool{}
	for _, rt := range recordTypes() {
		if !rt.Implements(reflect.TypeFor[workbook.Record]()) {
			t.Errorf("%s is in workbook.SiteRecords but is not a workbook.Record", rt)
		}
		stringPaths(rt, rt.Name(), all)
	}
	private := map[string]Field{}
	for _, p := range privateFields {
		if k, ok := private[p.Path()]; ok {
			t.Errorf("%s is in privateFields twice (%s and %s)", p.Path(), k, p.Kind)
		}
		private[p.Path()] = p.Kind
		if !slices.Contains(Fields, p.Kind) {
			t.Errorf("%s is private under %q, which is not one of Fields", p.Path(), p.Kind)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(all)) {
		_, isPrivate := private[path]
		_, isKept := keptFields[path]
		switch {
		case isPrivate && isKept:
			t.Errorf("%s is both private (%s) and kept (%s)", path, private[path], keptFields[path])
		case !isPrivate && !isKept:
			t.Errorf("%s is a string field of a bundle record that is neither private nor kept: "+
				"add it to privateFields (private.go) with the kind it is left out under, or to keptFields (private_test.go) with the reason it is kept", path)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(private)) {
		if !all[path] {
			t.Errorf("privateFields names %s, which is not a string field of a bundle record", path)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(keptFields)) {
		if !all[path] {
			t.Errorf("keptFields names %s, which is not a string field of a bundle record", path)
		}
	}
	for _, f := range Fields {
		if !slices.ContainsFunc(privateFields, func(p privateField) bool { return p.Kind == f }) {
			t.Errorf("no field is left out under %s", f)
		}
	}
}

// TestPrivateFieldAccessors checks that each entry of privateFields reads,
// blanks and restores the field it names, and touches nothing else.
func TestPrivateFieldAccessors(t *testing.T) {
	for _, p := range privateFields {
		t.Run(p.Path(), func(t *testing.T) {
			typ := reflect.TypeOf(p.zero)
			if typ.Name() != p.Record {
				t.Fatalf("the entry is for %s records, not %s", typ.Name(), p.Record)
			}
			rec, stored := filled(typ, "ours:"), filled(typ, "stored:")
			if p.carries(p.zero) || !p.carries(rec) {
				t.Errorf("carries: %v for an empty record, %v for a filled one", p.carries(p.zero), p.carries(rec))
			}
			for _, other := range recordTypes() {
				if other != typ && p.is(filled(other, "")) {
					t.Errorf("the entry takes %s records for its own", other.Name())
				}
			}
			blank := p.blank(rec)
			if p.carries(blank) {
				t.Error("carries a value once blanked")
			}
			before, after := StringValues(rec), StringValues(blank)
			for _, path := range slices.Sorted(maps.Keys(before)) {
				vs := before[path]
				switch {
				case path == p.Path():
					if slices.ContainsFunc(after[path], func(s string) bool { return s != "" }) {
						t.Errorf("blank leaves %s as %q", path, after[path])
					}
				case !slices.Equal(after[path], vs):
					t.Errorf("blank changes %s from %q to %q", path, vs, after[path])
				}
			}
			back := StringValues(p.restore(blank, stored))
			from := StringValues(stored)
			for _, path := range slices.Sorted(maps.Keys(after)) {
				vs := after[path]
				want := vs
				if path == p.Path() {
					want = from[path]
				}
				if !slices.Equal(back[path], want) {
					t.Errorf("restore sets %s to %q, want %q", path, back[path], want)
				}
			}
		})
	}
}
