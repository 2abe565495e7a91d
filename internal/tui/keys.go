package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

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
	// Keep is "any other key" of a yes-or-no question.
	Keep key.Binding
	// Complete marks an assessment completed, or reopens it.
	Complete key.Binding
	Finding  key.Binding
	Action   key.Binding

	CompareSites key.Binding
	Toggle       key.Binding
	ToggleAll    key.Binding
	Write        key.Binding

	// Keys with a meaning of their own on one screen or in one mode,
	// so that their help is written here too.
	Cancel          key.Binding // esc: leave a field or a question, changing nothing
	Enter           key.Binding // enter: save the field
	Go              key.Binding // enter: go to what was typed
	GroupScoreKeys  key.Binding // 1-9 while the group score is asked for
	BookletType     key.Binding
	BookletBack     key.Binding
	BookletDone     key.Binding
	ConfirmBarrier  key.Binding
	EditRow         key.Binding
	OtherSuggestion key.Binding
	NextSection     key.Binding
	PrevSection     key.Binding
	KeepFilter      key.Binding // enter (or an arrow) ends typing the filter
	ClearFilter     key.Binding
	ChooseValue     key.Binding
	CancelChoice    key.Binding
	FilterText      key.Binding
	FilterTitle     key.Binding
	SaveNote        key.Binding
	MarkMet         key.Binding
	MarkUnknown     key.Binding
	MarkClear       key.Binding
	MoveCell        key.Binding
	VerifyNote      key.Binding
	VerifyNoteEnter key.Binding
	ScoreOutsiders  key.Binding
	NextIssue       key.Binding
	PrevIssue       key.Binding
	OtherAssessment key.Binding
	NewAssessment   key.Binding
	Reopen          key.Binding
	OpenStep        key.Binding // 1-5 on the site screen
	// A form's keys: the arrows only (j and k are text), and the keys of a
	// choice field.
	FieldNext   key.Binding
	FieldPrev   key.Binding
	ChoiceLeft  key.Binding
	ChoiceRight key.Binding

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

// digit is the number a digit key stands for, 0 for another key: the
// score of a key that matched Score.
func digit(msg tea.KeyPressMsg) int {
	if r := msg.Code; r >= '0' && r <= '9' && msg.Mod == 0 {
		return int(r - '0')
	}
	return 0
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
		Keep:       b([]string{"n"}, "other", "keep it"), // any key but y; a binding with no key would be left out of the help line
		Complete:   b([]string{"K"}, "K", "mark completed"),
		Finding:    b([]string{"f"}, "f", "write a finding"),
		Action:     b([]string{"i"}, "i", "add an intervention"),

		CompareSites: b([]string{"C"}, "C", "compare sites"),
		Toggle:       b([]string{"space"}, "space", "choose"),
		ToggleAll:    b([]string{"A"}, "A", "all/none"),
		Write:        b([]string{"w"}, "w", "write PDF and CSV"),

		Cancel:          b([]string{"esc"}, "esc", "cancel"),
		Enter:           b([]string{"enter"}, "enter", "save"),
		Go:              b([]string{"enter"}, "enter", "go"),
		GroupScoreKeys:  b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-5", "group score"),
		BookletType:     b([]string{"enter"}, "enter", "type this booklet"),
		BookletBack:     b([]string{"backspace"}, "⌫", "back one and correct"),
		BookletDone:     b([]string{"esc"}, "esc", "done with this booklet"),
		ConfirmBarrier:  b([]string{"y", "enter"}, "y/enter", "confirm barrier"),
		EditRow:         b([]string{"e", "enter"}, "e/enter", "edit"),
		OtherSuggestion: b([]string{"left", "h", "right", "l"}, "←/→", "other suggestion"),
		NextSection:     b([]string{"tab"}, "tab", "next section"),
		PrevSection:     b([]string{"shift+tab"}, "shift+tab", "previous section"),
		KeepFilter:      b([]string{"enter", "up", "down"}, "enter", "keep filter"),
		ClearFilter:     b([]string{"esc"}, "esc", "clear filter"),
		ChooseValue:     b([]string{"enter", "space"}, "enter", "choose"),
		CancelChoice:    b([]string{"esc", "q"}, "esc", "cancel"),
		FilterText:      b([]string{"/"}, "/", "filter by text"),
		FilterTitle:     b([]string{"/"}, "/", "filter by title"),
		SaveNote:        b([]string{"enter"}, "enter", "save note"),
		MarkMet:         b([]string{"m", "y"}, "y/m", "met"),
		MarkUnknown:     b([]string{"u"}, "u", "unknown (considered)"),
		MarkClear:       b([]string{"backspace", "x"}, "⌫/x", "not marked"),
		MoveCell:        b([]string{"up", "k", "down", "j", "left", "h", "right", "l"}, "↑↓←→", "move"),
		VerifyNote:      b([]string{"n"}, "n", "verification note"),
		VerifyNoteEnter: b([]string{"n", "enter"}, "n/enter", "verification note"),
		ScoreOutsiders:  b([]string{"enter"}, "enter", "score it with outsiders"),
		NextIssue:       b([]string{"]", "pgdown"}, "]", "next key issue"),
		PrevIssue:       b([]string{"[", "pgup"}, "[", "previous key issue"),
		OtherAssessment: b([]string{"tab"}, "tab", "other assessment"),
		NewAssessment:   b([]string{"N"}, "N", "new assessment"),
		Reopen:          b([]string{"K"}, "K", "reopen the assessment"),
		OpenStep:        b([]string{"1", "2", "3", "4", "5"}, "1-5", "open a step"),
		FieldNext:       b([]string{"tab", "enter", "down"}, "tab", "next field"),
		FieldPrev:       b([]string{"shift+tab", "up"}, "shift+tab", "previous field"),
		ChoiceLeft:      b([]string{"left", "h"}, "←", "previous choice"),
		ChoiceRight:     b([]string{"right", "l", "space"}, "→", "next choice"),

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
