package plain

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A form asks its fields one line each, then makes one change of them.
// The domain checks the values: when it refuses some, the form says why
// next to each field's name and asks those fields again, keeping the
// others.

// fieldKind is what a field's line holds.
type fieldKind int

const (
	fieldText   fieldKind = iota // text; "-" for none
	fieldChoice                  // the number of one option
	fieldMulti                   // the numbers of any options; "-" for none
	fieldYear                    // a year as digits; "-" for not known
)

// option is one choice of a field: the value the domain takes and its
// words.
type option struct{ value, label string }

// field is one question of a form. name is the field as the domain's
// FieldErrors name it.
type field struct {
	name     string
	label    string
	kind     fieldKind
	required bool // said in the prompt; the domain decides
	// requiredIf makes the field required by the answers before it (a
	// reason, once the status says dropped); nil for never.
	requiredIf func(v formValues) bool
	options    []option
	text       string   // fieldText, fieldChoice (the option's value)
	values     []string // fieldMulti
	year       int      // fieldYear
}

// form is a screen asking fields in turn.
type form struct {
	l      *i18n.Lang
	name   string // what the form makes: "New partnership"
	fields []*field
	ask    []int // indices of the fields still to ask
	// change is the one change the values make; saved says what was
	// saved, once it is.
	change func(v formValues) func(c *workbook.Change) error
	saved  func(v formValues) string
	// context is said before the first question (what the form is
	// about, what the field holds now); after, once it is saved and
	// closed, may go on (open what was made).
	context []string
	after   func(s *session)
	// warn says, once saved, what the values' free text may give away
	// ("" for nothing).
	warn func(v formValues) string
}

// formValues are a form's answers, by field name.
type formValues map[string]*field

func (v formValues) text(name string) string { return v[name].text }

func newForm(l *i18n.Lang, name string, fields []*field, change func(formValues) func(*workbook.Change) error, saved func(formValues) string) *form {
	f := &form{l: l, name: name, fields: fields, change: change, saved: saved}
	for i := range fields {
		f.ask = append(f.ask, i)
	}
	return f
}

func (f *form) load(*session) error { return nil }
func (f *form) speaks() *i18n.Lang  { return f.l }
func (f *form) current() *field     { return f.fields[f.ask[0]] }
func (f *form) leave(s *session)    { s.say(f.l.T("plain.form.cancelled")) }
func (f *form) commands() []command { return nil }
func (f *form) valuesOf() formValues {
	v := formValues{}
	for _, fl := range f.fields {
		v[fl.name] = fl
	}
	return v
}

// show says what the form makes and the options of the field asked.
func (f *form) show(s *session) {
	s.say(f.l.N("plain.form.intro", len(f.ask), "Form", f.name))
	for _, c := range f.context {
		s.say(c)
	}
	f.showField(s)
}

// showField says the options of the field asked, when it has any.
func (f *form) showField(s *session) {
	fl := f.current()
	if fl.kind == fieldChoice || fl.kind == fieldMulti {
		labels := make([]string, len(fl.options))
		for i, o := range fl.options {
			labels[i] = o.label
		}
		numbered(s, f.l, labels)
	}
}

func (f *form) prompt() string {
	fl := f.current()
	id := map[fieldKind]string{fieldText: "plain.form.ask_text", fieldChoice: "plain.form.ask_choice",
		fieldMulti: "plain.form.ask_multi", fieldYear: "plain.form.ask_year"}[fl.kind]
	if fl.kind == fieldText && (fl.required || fl.requiredIf != nil && fl.requiredIf(f.valuesOf())) {
		id = "plain.form.ask_required"
	}
	return f.l.T(id, "Form", f.name, "Field", fl.label, "Last", len(fl.options))
}

func (f *form) answer(s *session, line string) {
	fl := f.current()
	switch fl.kind {
	case fieldText:
		fl.text = line
		if line == "-" {
			fl.text = ""
		}
	case fieldChoice:
		i, ok := choice(line, len(fl.options))
		if !ok {
			outOfRange(s, f.l, line, len(fl.options))
			return
		}
		fl.text = fl.options[i].value
	case fieldMulti:
		fl.values = nil
		if line == "-" {
			break
		}
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
			i, ok := choice(w, len(fl.options))
			if !ok {
				outOfRange(s, f.l, w, len(fl.options))
				return
			}
			if !slices.Contains(fl.values, fl.options[i].value) {
				fl.values = append(fl.values, fl.options[i].value)
			}
		}
	case fieldYear:
		fl.year = 0
		if line != "-" {
			y, err := strconv.Atoi(line)
			if err != nil {
				s.say(f.l.T("plain.form.not_a_year", "Typed", quoteTyped(f.l, line)))
				return
			}
			fl.year = y
		}
	}
	f.ask = f.ask[1:]
	if len(f.ask) > 0 {
		f.showField(s)
		return
	}
	f.submit(s)
}

// submit makes the form's change. Saved, the form closes; refused, the
// fields the domain named are asked again.
func (f *form) submit(s *session) {
	v := f.valuesOf()
	err := s.svc.Change(f.change(v))
	if err == nil {
		s.say(f.l.T("plain.saved", "What", f.saved(v)))
		if f.warn != nil {
			s.say(f.warn(v))
		}
		s.pop()
		if f.after != nil {
			f.after(s)
		}
		return
	}
	var fes workbook.FieldErrors
	var fe *workbook.FieldError
	switch {
	case errors.As(err, &fes):
	case errors.As(err, &fe):
		fes = workbook.FieldErrors{fe}
	}
	for _, e := range fes {
		for i, fl := range f.fields {
			if fl.name == e.Field && !slices.Contains(f.ask, i) {
				f.ask = append(f.ask, i)
			}
		}
	}
	if len(f.ask) == 0 {
		// Nothing to put right here (the store refused it, a limit was
		// reached): say why and close.
		s.say(notSaved(f.l, err))
		s.pop()
		return
	}
	slices.Sort(f.ask)
	s.say(f.l.T("plain.form.refused"))
	for _, e := range fes {
		label := e.Field
		for _, fl := range f.fields {
			if fl.name == e.Field {
				label = fl.label
			}
		}
		s.say(f.l.T("plain.form.field_error", "Field", label, "Err", text(e.Message)))
	}
	s.say(f.l.N("plain.form.ask_again", len(f.ask)))
	f.showField(s)
}
