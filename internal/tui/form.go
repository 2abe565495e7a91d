package tui

import (
	"errors"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// fieldKind is what a form field holds.
type fieldKind int

const (
	textField   fieldKind = iota // one line
	areaField                    // several lines
	choiceField                  // one of a few options
)

// option is one choice of a choice field.
type option struct {
	value string
	label string
}

// field is one field of a form. name is the field's name as the domain's
// FieldErrors use it, so an error lands next to its field.
type field struct {
	name    string
	label   string
	kind    fieldKind
	input   textinput.Model
	area    textarea.Model
	options []option
	choice  int
	err     string
}

func (f *field) value() string {
	switch f.kind {
	case areaField:
		return f.area.Value()
	case choiceField:
		if len(f.options) == 0 {
			return ""
		}
		return f.options[f.choice].value
	}
	return f.input.Value()
}

// newTextInput returns a one-line input with a steady cursor (a blinking
// one distracts in a room, and costs a timer).
func newTextInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// newTextArea returns a multi-line input with a steady cursor and no line
// numbers.
func newTextArea() textarea.Model {
	a := textarea.New()
	st := a.Styles()
	st.Cursor.Blink = false
	a.SetStyles(st)
	a.ShowLineNumbers = false
	a.Prompt = ""
	return a
}

// textF makes a one-line text field holding value, bounded to limit
// characters.
func textF(name, label, value string, limit int) *field {
	in := newTextInput()
	in.CharLimit = limit
	in.Prompt = ""
	in.SetValue(value)
	return &field{name: name, label: label, kind: textField, input: in}
}

// areaF makes a multi-line text field.
func areaF(name, label, value string, limit int) *field {
	a := newTextArea()
	a.CharLimit = limit
	a.SetHeight(4)
	a.SetValue(value)
	return &field{name: name, label: label, kind: areaField, area: a}
}

// choiceF makes a choice field with value selected.
func choiceF(name, label string, opts []option, value string) *field {
	f := &field{name: name, label: label, kind: choiceField, options: opts}
	for i, o := range opts {
		if o.value == value {
			f.choice = i
		}
	}
	return f
}

// form is a screen with fields. submit turns the values into one change;
// the form closes when the change is saved, or shows each problem next to
// its field.
type form struct {
	env    *env
	lang   *i18n.Lang // what the form itself says is in it: the language of the screen that opened it
	title  string
	intro  string
	fields []*field
	focus  int
	width  int
	height int
	submit func(values map[string]string) func(c *workbook.Change) error
	done   string // status text once saved
	// check, when set, says what the values' free text contains that may
	// point at a person ([analysis.TextWatch]), "" for nothing; the
	// status line warns of it once saved.
	check  func(values map[string]string) string
	warn   string
	err    string
	saving bool
	// undo, when set, is the step that takes the change back, which
	// submit's change fills in (see undo.go).
	undo *undoStep
}

// newForm makes a form that speaks l (nil: the user's language); the
// title, labels and done are the caller's, in l already.
func newForm(e *env, l *i18n.Lang, title string, fields []*field, done string, submit func(map[string]string) func(*workbook.Change) error) *form {
	if l == nil {
		l = e.user
	}
	f := &form{env: e, lang: l, title: title, fields: fields, submit: submit, done: done}
	return f
}

// Lang is the language the form speaks.
func (f *form) Lang() *i18n.Lang { return f.lang }

func (f *form) Init() tea.Cmd { return f.focusField(0) }

func (f *form) Title() string { return f.title }

func (f *form) Typing() bool { return true }

func (f *form) SetSize(w, h int) {
	f.width, f.height = w, h
	for _, fl := range f.fields {
		switch fl.kind {
		case textField:
			fl.input.SetWidth(max(w-4, 10))
		case areaField:
			fl.area.SetWidth(max(w-4, 10))
		}
	}
}

func (f *form) Keys() []key.Binding {
	k := f.env.keysIn(f.lang)
	keys := []key.Binding{k.Tab, k.Save, k.Cancel}
	if len(f.fields) == 1 {
		return keys[1:]
	}
	return keys
}

func (f *form) focusField(i int) tea.Cmd {
	for _, fl := range f.fields {
		switch fl.kind {
		case textField:
			fl.input.Blur()
		case areaField:
			fl.area.Blur()
		}
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	fl := f.fields[f.focus]
	switch fl.kind {
	case textField:
		return fl.input.Focus()
	case areaField:
		return fl.area.Focus()
	}
	return nil
}

func (f *form) values() map[string]string {
	vals := map[string]string{}
	for _, fl := range f.fields {
		vals[fl.name] = fl.value()
	}
	return vals
}

func (f *form) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := f.env.keys
	switch msg := msg.(type) {
	case saveDoneMsg:
		if msg.job.owner != f {
			return f, nil
		}
		f.saving = false
		if msg.err == nil {
			f.env.close() // the root says what was saved
			return f, nil
		}
		f.showErr(msg.err)
		for i, fl := range f.fields {
			if fl.err != "" {
				return f, f.focusField(i) // to the first field to put right
			}
		}
		return f, nil
	case tea.KeyPressMsg:
		if f.saving {
			return f, nil
		}
		fl := f.fields[f.focus]
		switch {
		case key.Matches(msg, k.Cancel):
			f.env.close()
			return f, status(f.lang.T("tui.form.cancelled"))
		case key.Matches(msg, k.Save), key.Matches(msg, k.Enter) && fl.kind != areaField && f.focus == len(f.fields)-1:
			f.saving = true
			vals := f.values()
			fn := f.submit(vals)
			if f.check != nil {
				f.warn = f.check(vals)
			}
			return f, f.env.save(f, saveJob{what: f.done, warn: f.warn, ownsFailure: true, fn: fn, undo: f.undo})
		case key.Matches(msg, k.Tab), key.Matches(msg, k.FieldNext) && fl.kind != areaField:
			return f, f.focusField(f.focus + 1)
		case key.Matches(msg, k.ShiftTab), key.Matches(msg, k.FieldPrev) && fl.kind != areaField:
			return f, f.focusField(f.focus - 1)
		case fl.kind == choiceField && key.Matches(msg, k.ChoiceLeft):
			fl.choice = (fl.choice - 1 + len(fl.options)) % len(fl.options)
			return f, nil
		case fl.kind == choiceField && key.Matches(msg, k.ChoiceRight):
			fl.choice = (fl.choice + 1) % len(fl.options)
			return f, nil
		}
	}
	fl := f.fields[f.focus]
	if p, ok := msg.(tea.PasteMsg); ok {
		fl.err = fl.pasteErr(f.lang, p.Content)
	}
	var cmd tea.Cmd
	switch fl.kind {
	case textField:
		fl.input, cmd = fl.input.Update(msg)
	case areaField:
		fl.area, cmd = fl.area.Update(msg)
	}
	return f, cmd
}

// showErr puts each field's problem next to it; others go to the top.
func (f *form) showErr(err error) {
	f.err = ""
	for _, fl := range f.fields {
		fl.err = ""
	}
	var fes workbook.FieldErrors
	var fe *workbook.FieldError
	switch {
	case errors.As(err, &fes):
	case errors.As(err, &fe):
		fes = workbook.FieldErrors{fe}
	default:
		f.err = f.lang.T("tui.form.not_saved", "Err", err.Error())
		return
	}
	var rest []string
	for _, e := range fes {
		placed := false
		for _, fl := range f.fields {
			if fl.name == e.Field && fl.err == "" {
				fl.err = e.Message
				placed = true
				break
			}
		}
		if !placed {
			rest = append(rest, e.Error())
		}
	}
	if len(rest) > 0 {
		f.err = f.lang.T("tui.form.not_saved", "Err", strings.Join(rest, "; "))
	} else {
		f.err = f.lang.T("tui.form.not_saved_fields")
	}
}

func (f *form) View() string {
	st := f.env.styles
	var b strings.Builder
	b.WriteString(st.Title.Render(f.title) + "\n")
	if f.intro != "" {
		b.WriteString(st.Muted.Render(f.intro) + "\n")
	}
	if f.err != "" {
		b.WriteString(st.Error.Render(f.err) + "\n")
	}
	b.WriteString("\n")
	for i, fl := range f.fields {
		label := st.Label.Render(fl.label)
		if i == f.focus {
			label = st.Focused.Render("› " + fl.label)
		}
		b.WriteString(label)
		if fl.err != "" {
			b.WriteString("  " + st.Error.Render("✗ "+fl.err))
		}
		b.WriteString("\n")
		switch fl.kind {
		case textField:
			b.WriteString("  " + fl.input.View() + "\n")
		case areaField:
			b.WriteString(indent(fl.area.View(), "  ") + "\n")
		case choiceField:
			var parts []string
			for j, o := range fl.options {
				if j == fl.choice {
					parts = append(parts, st.Selected.Render(" "+o.label+" "))
				} else {
					parts = append(parts, " "+o.label+" ")
				}
			}
			if i == f.focus {
				parts = append(parts, st.Muted.Render(" "+f.lang.T("tui.form.change_choice")))
			}
			// Options wrap whole, never in the middle of one. A long list
			// shows only its choice until the field has the focus, so that
			// a form with long option names still fits 80x24.
			lines := joinWrap(parts, " ", max(f.width-2, 10))
			if i != f.focus && strings.Contains(lines, "\n") {
				lines = st.Selected.Render(" "+fl.options[fl.choice].label+" ") +
					st.Muted.Render("  "+f.lang.T("tui.form.choice_of", "Place", fl.choice+1, "Total", len(fl.options)))
			}
			b.WriteString(indent(lines, "  ") + "\n")
		}
	}
	b.WriteString("\n" + st.Muted.Render(f.hint()))
	return b.String()
}

// hint says what enter, tab and ctrl+s do in the focused field.
func (f *form) hint() string {
	l := f.lang
	switch {
	case f.fields[f.focus].kind == areaField && len(f.fields) == 1:
		return l.T("tui.form.hint_area_only")
	case f.fields[f.focus].kind == areaField:
		return l.T("tui.form.hint_area")
	case f.focus == len(f.fields)-1:
		return l.T("tui.form.hint_last")
	}
	return l.T("tui.form.hint_field")
}

func indent(s, pad string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}

// pasteErr says when a paste does not fit the field: the input keeps what
// fits, and the facilitator is told instead of finding the text cut later.
func (f *field) pasteErr(l *i18n.Lang, paste string) string {
	limit, have := 0, 0
	switch f.kind {
	case textField:
		limit, have = f.input.CharLimit, utf8.RuneCountInString(f.input.Value())
	case areaField:
		limit, have = f.area.CharLimit, utf8.RuneCountInString(f.area.Value())
	}
	if limit > 0 && have+utf8.RuneCountInString(paste) > limit {
		return l.N("tui.form.paste_cut", limit)
	}
	return ""
}
