package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// listFilter is the text filter of a list, typed after /: the one way the
// screens that list things (the sites, the people, the Map, the Select
// step's matrix, the findings) narrow their rows. A row is shown when its
// shown text holds every word typed, compared without case or accents
// and with punctuation as spaces ("cafe" finds "Café", "tenants" finds
// "Tenants'"). While the field has the keyboard each key filters again;
// enter (or an arrow) keeps the filter and gives the keys back to the
// list; esc clears it.
type listFilter struct {
	text   string   // the filter in force, as typed
	words  []string // text's words, as searchKey makes them
	typing bool     // the field has the keyboard
	input  textinput.Model
}

// open gives the keyboard to the field, holding the filter in force.
func (f *listFilter) open(placeholder string, width int) tea.Cmd {
	f.typing = true
	f.input = newInput(placeholder, f.text, workbook.MaxShortText, width)
	return f.input.Focus()
}

// setWidth fits the field to a window of width w.
func (f *listFilter) setWidth(w int) { f.input.SetWidth(max(w-20, 10)) }

// update takes a key or a paste while the field has the keyboard. changed
// reports whether the filter in force changed, for the screen to filter
// its rows again.
func (f *listFilter) update(msg tea.Msg, k KeyMap) (changed bool, cmd tea.Cmd) {
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(kp, k.ClearFilter):
			f.typing = false
			return f.set(""), nil
		case key.Matches(kp, k.KeepFilter):
			f.typing = false
			return false, nil
		}
	}
	f.input, cmd = f.input.Update(msg)
	return f.set(f.input.Value()), cmd
}

// set puts text in force as the filter; it reports whether that changed
// it.
func (f *listFilter) set(text string) bool {
	if text == f.text {
		return false
	}
	f.text, f.words = text, strings.Fields(searchKey(text))
	return true
}

// on reports whether the filter hides anything: it has a word.
func (f *listFilter) on() bool { return len(f.words) > 0 }

// match reports whether a row whose searchable text is hay (made with
// searchKey) is shown.
func (f *listFilter) match(hay string) bool { return containsAll(hay, f.words) }

// shown returns the indices of hay (each row's searchable text) whose
// rows the filter shows, in order, reusing rows.
func (f *listFilter) shown(rows []int, hay []string) []int {
	rows = rows[:0]
	for i, h := range hay {
		if f.match(h) {
			rows = append(rows, i)
		}
	}
	return rows
}

// keys are the field's keys while it has the keyboard.
func (f *listFilter) keys(k KeyMap) []key.Binding { return []key.Binding{k.KeepFilter, k.ClearFilter} }

// field draws the field while it has the keyboard: "Filter: › forum".
func (f *listFilter) field(l *i18n.Lang, st Styles) string {
	return st.Focused.Render(l.T("tui.filter.field")+" ") + f.input.View()
}

// line is the filter's line above a list of all rows, shown of them
// shown: the field while it has the keyboard, else what the filter in
// force shows ("Filter “forum” · 3 of 12 · esc clears it"), "" when no
// filter is on.
func (f *listFilter) line(l *i18n.Lang, st Styles, width, shown, all int) string {
	switch {
	case f.typing:
		return f.field(l, st)
	case !f.on():
		return ""
	}
	return st.Accent.Render(truncate(l.T("tui.filter.shown", "Text", l.Quote(f.text), "Shown", shown, "All", all), width))
}

// none is the line a list shows when the filter hides every row.
func (f *listFilter) none(l *i18n.Lang, st Styles, width int) string {
	return st.Muted.Render(truncate(l.T("tui.filter.none", "Text", l.Quote(f.text)), width))
}

// clear takes the filter off; it reports whether one was on.
func (f *listFilter) clear() bool {
	f.typing = false
	return f.set("")
}

// searchKey is how a row's shown text, and what is typed to find it, are
// compared: accents dropped, lower case, punctuation as spaces, the parts
// joined by a space (the key mapimport.Key makes of a heading).
func searchKey(parts ...string) string { return mapimport.Key(strings.Join(parts, " ")) }

// containsAll reports whether hay holds every one of words.
func containsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// escTaker is a screen that uses esc itself just now (to take off a
// filter) rather than going back: the root asks before it goes back.
type escTaker interface {
	TakesEsc() bool
}

// takesEsc reports whether s uses esc itself just now.
func takesEsc(s Screen) bool {
	t, ok := s.(escTaker)
	return ok && t.TakesEsc()
}
