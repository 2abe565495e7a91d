package tui

import "charm.land/bubbles/v2/key"

// KeyMap is the one keymap of the interactive workbook. Screens match keys
// with key.Matches against it and list the bindings they use for the help
// line and the ? help screen, so help never drifts from behaviour.
type KeyMap struct {
	Quit key.Binding
	// ForceQuit quits also while a text field has the keyboard.
	ForceQuit key.Binding
	Help      key.Binding
	Back      key.Binding

	Up       key.Binding
	Down     key.Binding
	Left     key.Binding
	Right    key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Tab      key.Binding
	ShiftTab key.Binding

	Add    key.Binding
	Edit   key.Binding
	Rename key.Binding
	Delete key.Binding
	Filter key.Binding
	Sort   key.Binding
	Save   key.Binding

	Score      key.Binding // 1-9
	DontKnow   key.Binding
	Clear      key.Binding
	Comment    key.Binding
	Notes      key.Binding
	GroupScore key.Binding
	NextItem   key.Binding
	PrevItem   key.Binding
	Jump       key.Binding
	Unanswered key.Binding

	Met     key.Binding
	NotMet  key.Binding
	Unknown key.Binding
	OnlyAll key.Binding
	Choose  key.Binding

	People     key.Binding
	Booklet    key.Binding
	SideBySide key.Binding
	Report     key.Binding
	Confirm    key.Binding
	// Keep is "any other key" of a yes-or-no question, for its help.
	Keep key.Binding
	// Complete marks an assessment completed, or reopens it.
	Complete key.Binding
	Finding  key.Binding
	Action   key.Binding

	CompareSites key.Binding
	Toggle       key.Binding
	ToggleAll    key.Binding
	Write        key.Binding

	// Map and Select.
	Reverse       key.Binding
	ByDirectorate key.Binding
	ByArea        key.Binding
	ByCommunity   key.Binding
	NoFilters     key.Binding
	Cycle         key.Binding
	CellNote      key.Binding
	Suggest       key.Binding
	SuggestAll    key.Binding
}

// DefaultKeyMap returns the keys of the interactive workbook.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Quit:      b([]string{"ctrl+c", "q"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Help:      b([]string{"?"}, "?", "help"),
		Back:      b([]string{"esc"}, "esc", "back"),

		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		Left:     b([]string{"left", "h"}, "←/h", "left"),
		Right:    b([]string{"right", "l"}, "→/l", "right"),
		PageUp:   b([]string{"pgup"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown"}, "pgdn", "page down"),
		Top:      b([]string{"home"}, "home", "first"),
		Bottom:   b([]string{"end"}, "end", "last"),
		Open:     b([]string{"enter"}, "enter", "open"),
		Tab:      b([]string{"tab"}, "tab", "next field"),
		ShiftTab: b([]string{"shift+tab"}, "shift+tab", "previous field"),

		Add:    b([]string{"a"}, "a", "add"),
		Edit:   b([]string{"e"}, "e", "edit"),
		Rename: b([]string{"r"}, "r", "rename"),
		Delete: b([]string{"D", "delete"}, "D", "delete"),
		Filter: b([]string{"/"}, "/", "filter"),
		Sort:   b([]string{"s"}, "s", "sort"),
		Save:   b([]string{"ctrl+s"}, "ctrl+s", "save"),

		Score:      b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-5", "score"),
		DontKnow:   b([]string{"d"}, "d", "don't know"),
		Clear:      b([]string{"backspace", "x"}, "⌫/x", "clear"),
		Comment:    b([]string{"c"}, "c", "comment"),
		Notes:      b([]string{"n"}, "n", "dialogue notes"),
		GroupScore: b([]string{"g"}, "g", "group score"),
		NextItem:   b([]string{"]", "pgdown"}, "]", "next statement"),
		PrevItem:   b([]string{"[", "pgup"}, "[", "previous statement"),
		Jump:       b([]string{"J", "ctrl+g"}, "J", "jump to statement"),
		Unanswered: b([]string{"u"}, "u", "next unanswered"),

		Met:     b([]string{"m", "y"}, "m", "met"),
		NotMet:  b([]string{"n"}, "n", "not met"),
		Unknown: b([]string{"u"}, "u", "unknown"),
		OnlyAll: b([]string{"f"}, "f", "only those meeting all"),
		Choose:  b([]string{"S"}, "S", "select for the assessment"),

		People:     b([]string{"p"}, "p", "participants"),
		Booklet:    b([]string{"b"}, "b", "booklet entry"),
		SideBySide: b([]string{"v"}, "v", "compare insiders/outsiders"),
		Report:     b([]string{"R"}, "R", "make the PDF report"),
		Confirm:    b([]string{"y"}, "y", "yes"),
		Keep:       b(nil, "other", "keep it"),
		Complete:   b([]string{"K"}, "K", "mark completed"),
		Finding:    b([]string{"f"}, "f", "write a finding"),
		Action:     b([]string{"i"}, "i", "add an intervention"),

		CompareSites: b([]string{"C"}, "C", "compare sites"),
		Toggle:       b([]string{"space"}, "space", "choose"),
		ToggleAll:    b([]string{"A"}, "A", "all/none"),
		Write:        b([]string{"w"}, "w", "write PDF and CSV"),

		Reverse:       b([]string{"r"}, "r", "reverse order"),
		ByDirectorate: b([]string{"d"}, "d", "filter by directorate"),
		ByArea:        b([]string{"L"}, "L", "filter by area"),
		ByCommunity:   b([]string{"c"}, "c", "filter by community type"),
		NoFilters:     b([]string{"x"}, "x", "clear filters"),
		Cycle:         b([]string{"space"}, "space", "cycle mark"),
		CellNote:      b([]string{"c"}, "c", "note on the cell"),
		Suggest:       b([]string{"o"}, "o", "accept suggestion"),
		SuggestAll:    b([]string{"O"}, "O", "accept all suggestions"),
	}
}
