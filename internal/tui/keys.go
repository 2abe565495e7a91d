package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
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
	// Undo takes back the last change made on the screen (undo.go).
	Undo   key.Binding
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
	// Projector turns the dialogue into the view for the room, with no
	// names; ProjectorBack (the same key) turns it back.
	Projector     key.Binding
	ProjectorBack key.Binding
	Report        key.Binding
	Confirm       key.Binding
	// Keep is "any other key" of a yes-or-no question.
	Keep key.Binding
	// Complete marks an assessment completed, or reopens it.
	Complete key.Binding
	Finding  key.Binding
	Action   key.Binding
	// Review reviews an action of the plan (its status now, a note);
	// ReviewLog shows the action's reviews.
	Review    key.Binding
	ReviewLog key.Binding

	// WhatChanged opens "What changed" since the earlier round of the
	// same partnership, from the site screen.
	WhatChanged key.Binding

	CompareSites key.Binding
	Toggle       key.Binding
	ToggleAll    key.Binding
	Write        key.Binding

	// Keys with a meaning of their own on one screen or in one mode,
	// so that their help is written here too.
	Cancel         key.Binding // esc: leave a field or a question, changing nothing
	Enter          key.Binding // enter: save the field
	Go             key.Binding // enter: go to what was typed
	GroupScoreKeys key.Binding // 1-9 while the group score is asked for
	BookletType    key.Binding
	BookletBack    key.Binding
	BookletDone    key.Binding
	// Booklet entry's number and the role level of a new booklet.
	BookletNumber      key.Binding
	BookletOpen        key.Binding
	BookletClearNumber key.Binding
	RoleKeys           key.Binding
	ConfirmBarrier     key.Binding
	EditRow            key.Binding
	OtherSuggestion    key.Binding
	NextSection        key.Binding
	PrevSection        key.Binding
	KeepFilter         key.Binding // enter (or an arrow) ends typing the filter
	ClearFilter        key.Binding
	NextMatch          key.Binding // enter: the next statement the jump's words found
	FindDone           key.Binding // esc: stay at the statement found
	ChooseValue        key.Binding
	CancelChoice       key.Binding
	FilterText         key.Binding
	FilterTitle        key.Binding
	SaveNote           key.Binding
	MarkMet            key.Binding
	MarkUnknown        key.Binding
	MarkClear          key.Binding
	MoveCell           key.Binding
	VerifyNote         key.Binding
	VerifyNoteEnter    key.Binding
	ScoreOutsiders     key.Binding
	NextIssue          key.Binding
	PrevIssue          key.Binding
	OtherAssessment    key.Binding
	NewAssessment      key.Binding
	Reopen             key.Binding
	OpenStep           key.Binding // 1-5 on the site screen
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

	// The Map's import of a list.
	ImportList            key.Binding
	ImportRead            key.Binding
	ImportApply           key.Binding
	ImportAddDirectorates key.Binding
	ImportOtherFile       key.Binding
}

// digit is the number a digit key stands for, 0 for another key: the
// score of a key that matched Score.
func digit(msg tea.KeyPressMsg) int {
	if r := msg.Code; r >= '0' && r <= '9' && msg.Mod == 0 {
		return int(r - '0')
	}
	return 0
}

// DefaultKeyMap returns the keys of the interactive workbook, their help
// in English.
func DefaultKeyMap() KeyMap { return keyMapFor(nil) }

// keyMapFor returns the keys of the interactive workbook with their help
// in l. Only the help differs between languages: a key does the same in
// every one.
func keyMapFor(l *i18n.Lang) KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Quit:      b([]string{"ctrl+c", "q"}, "q", l.T("tui.key.quit")),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", l.T("tui.key.force_quit")),
		Help:      b([]string{"?"}, "?", l.T("tui.key.help")),
		Back:      b([]string{"esc"}, "esc", l.T("tui.key.back")),

		Up:       b([]string{"up", "k"}, "↑/k", l.T("tui.key.up")),
		Down:     b([]string{"down", "j"}, "↓/j", l.T("tui.key.down")),
		Left:     b([]string{"left", "h"}, "←/h", l.T("tui.key.left")),
		Right:    b([]string{"right", "l"}, "→/l", l.T("tui.key.right")),
		PageUp:   b([]string{"pgup"}, "pgup", l.T("tui.key.page_up")),
		PageDown: b([]string{"pgdown"}, "pgdn", l.T("tui.key.page_down")),
		Top:      b([]string{"home"}, "home", l.T("tui.key.top")),
		Bottom:   b([]string{"end"}, "end", l.T("tui.key.bottom")),
		Open:     b([]string{"enter"}, "enter", l.T("tui.key.open")),
		Tab:      b([]string{"tab"}, "tab", l.T("tui.key.tab")),
		ShiftTab: b([]string{"shift+tab"}, "shift+tab", l.T("tui.key.shift_tab")),

		Add:    b([]string{"a"}, "a", l.T("tui.key.add")),
		Edit:   b([]string{"e"}, "e", l.T("tui.key.edit")),
		Rename: b([]string{"r"}, "r", l.T("tui.key.rename")),
		Delete: b([]string{"D", "delete"}, "D", l.T("tui.key.delete")),
		Undo:   b([]string{"ctrl+z"}, "ctrl+z", l.T("tui.key.undo")),
		Filter: b([]string{"/"}, "/", l.T("tui.key.filter")),
		Sort:   b([]string{"s"}, "s", l.T("tui.key.sort")),
		Save:   b([]string{"ctrl+s"}, "ctrl+s", l.T("tui.key.save")),

		Score:      b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-5", l.T("tui.key.score")),
		DontKnow:   b([]string{"d"}, "d", l.T("tui.key.dont_know")),
		Clear:      b([]string{"backspace", "x"}, "⌫/x", l.T("tui.key.clear")),
		Comment:    b([]string{"c"}, "c", l.T("tui.key.comment")),
		Notes:      b([]string{"n"}, "n", l.T("tui.key.notes")),
		GroupScore: b([]string{"g"}, "g", l.T("tui.key.group_score")),
		NextItem:   b([]string{"]", "pgdown"}, "]", l.T("tui.key.next_item")),
		PrevItem:   b([]string{"[", "pgup"}, "[", l.T("tui.key.prev_item")),
		Jump:       b([]string{"J", "ctrl+g"}, "J", l.T("tui.key.jump")),
		Unanswered: b([]string{"u"}, "u", l.T("tui.key.unanswered")),

		Met:     b([]string{"m", "y"}, "m", l.T("tui.key.met")),
		NotMet:  b([]string{"n"}, "n", l.T("tui.key.not_met")),
		Unknown: b([]string{"u"}, "u", l.T("tui.key.unknown")),
		OnlyAll: b([]string{"f"}, "f", l.T("tui.key.only_all")),
		Choose:  b([]string{"S"}, "S", l.T("tui.key.choose")),

		People:     b([]string{"p"}, "p", l.T("tui.key.people")),
		Booklet:    b([]string{"b"}, "b", l.T("tui.key.booklet")),
		SideBySide: b([]string{"v"}, "v", l.T("tui.key.side_by_side")),
		Projector:  b([]string{"P"}, "P", l.T("tui.key.projector")),
		// ProjectorBack is Projector's key, described as what it does in
		// the projector view.
		ProjectorBack: b([]string{"P"}, "P", l.T("tui.key.projector_back")),
		Report:        b([]string{"R"}, "R", l.T("tui.key.report")),
		Confirm:       b([]string{"y"}, "y", l.T("tui.key.confirm")),
		Keep:          b([]string{"n"}, l.T("tui.key.other_key"), l.T("tui.key.keep")), // any key but y; a binding with no key would be left out of the help line
		Complete:      b([]string{"K"}, "K", l.T("tui.key.complete")),
		Finding:       b([]string{"f"}, "f", l.T("tui.key.finding")),
		Action:        b([]string{"i"}, "i", l.T("tui.key.action")),
		Review:        b([]string{"r"}, "r", l.T("tui.key.review")),
		ReviewLog:     b([]string{"L"}, "L", l.T("tui.key.review_log")),

		WhatChanged: b([]string{"c"}, "c", l.T("tui.key.what_changed")),

		CompareSites: b([]string{"C"}, "C", l.T("tui.key.compare_sites")),
		Toggle:       b([]string{"space"}, "space", l.T("tui.key.toggle")),
		ToggleAll:    b([]string{"A"}, "A", l.T("tui.key.toggle_all")),
		Write:        b([]string{"w"}, "w", l.T("tui.key.write")),

		Cancel:             b([]string{"esc"}, "esc", l.T("tui.key.cancel")),
		Enter:              b([]string{"enter"}, "enter", l.T("tui.key.enter")),
		Go:                 b([]string{"enter"}, "enter", l.T("tui.key.go")),
		GroupScoreKeys:     b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-5", l.T("tui.key.group_score_keys")),
		BookletType:        b([]string{"enter"}, "enter", l.T("tui.key.booklet_type")),
		BookletBack:        b([]string{"backspace"}, "⌫", l.T("tui.key.booklet_back")),
		BookletDone:        b([]string{"esc"}, "esc", l.T("tui.key.booklet_done")),
		BookletNumber:      b([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "0-9", l.T("tui.key.booklet_number")),
		BookletOpen:        b([]string{"enter"}, "enter", l.T("tui.key.booklet_open")),
		BookletClearNumber: b([]string{"esc"}, "esc", l.T("tui.key.booklet_clear_number")),
		RoleKeys:           b([]string{"1", "2", "3", "4", "5"}, "1-5", l.T("tui.key.role_keys")),
		ConfirmBarrier:     b([]string{"y", "enter"}, "y/enter", l.T("tui.key.confirm_barrier")),
		EditRow:            b([]string{"e", "enter"}, "e/enter", l.T("tui.key.edit_row")),
		OtherSuggestion:    b([]string{"left", "h", "right", "l"}, "←/→", l.T("tui.key.other_suggestion")),
		NextSection:        b([]string{"tab"}, "tab", l.T("tui.key.next_section")),
		PrevSection:        b([]string{"shift+tab"}, "shift+tab", l.T("tui.key.prev_section")),
		KeepFilter:         b([]string{"enter", "up", "down"}, "enter", l.T("tui.key.keep_filter")),
		ClearFilter:        b([]string{"esc"}, "esc", l.T("tui.key.clear_filter")),
		NextMatch:          b([]string{"enter"}, "enter", l.T("tui.key.next_match")),
		FindDone:           b([]string{"esc"}, "esc", l.T("tui.key.find_done")),
		ChooseValue:        b([]string{"enter", "space"}, "enter", l.T("tui.key.choose_value")),
		CancelChoice:       b([]string{"esc", "q"}, "esc", l.T("tui.key.cancel_choice")),
		FilterText:         b([]string{"/"}, "/", l.T("tui.key.filter_text")),
		FilterTitle:        b([]string{"/"}, "/", l.T("tui.key.filter_title")),
		SaveNote:           b([]string{"enter"}, "enter", l.T("tui.key.save_note")),
		MarkMet:            b([]string{"m", "y"}, "y/m", l.T("tui.key.mark_met")),
		MarkUnknown:        b([]string{"u"}, "u", l.T("tui.key.mark_unknown")),
		MarkClear:          b([]string{"backspace", "x"}, "⌫/x", l.T("tui.key.mark_clear")),
		MoveCell:           b([]string{"up", "k", "down", "j", "left", "h", "right", "l"}, "↑↓←→", l.T("tui.key.move_cell")),
		VerifyNote:         b([]string{"n"}, "n", l.T("tui.key.verify_note")),
		VerifyNoteEnter:    b([]string{"n", "enter"}, "n/enter", l.T("tui.key.verify_note_enter")),
		ScoreOutsiders:     b([]string{"enter"}, "enter", l.T("tui.key.score_outsiders")),
		NextIssue:          b([]string{"]", "pgdown"}, "]", l.T("tui.key.next_issue")),
		PrevIssue:          b([]string{"[", "pgup"}, "[", l.T("tui.key.prev_issue")),
		OtherAssessment:    b([]string{"tab"}, "tab", l.T("tui.key.other_assessment")),
		NewAssessment:      b([]string{"N"}, "N", l.T("tui.key.new_assessment")),
		Reopen:             b([]string{"K"}, "K", l.T("tui.key.reopen")),
		OpenStep:           b([]string{"1", "2", "3", "4", "5"}, "1-5", l.T("tui.key.open_step")),
		FieldNext:          b([]string{"tab", "enter", "down"}, "tab", l.T("tui.key.field_next")),
		FieldPrev:          b([]string{"shift+tab", "up"}, "shift+tab", l.T("tui.key.field_prev")),
		ChoiceLeft:         b([]string{"left", "h"}, "←", l.T("tui.key.choice_left")),
		ChoiceRight:        b([]string{"right", "l", "space"}, "→", l.T("tui.key.choice_right")),

		Reverse:       b([]string{"r"}, "r", l.T("tui.key.reverse")),
		ByDirectorate: b([]string{"d"}, "d", l.T("tui.key.by_directorate")),
		ByArea:        b([]string{"L"}, "L", l.T("tui.key.by_area")),
		ByCommunity:   b([]string{"c"}, "c", l.T("tui.key.by_community")),
		NoFilters:     b([]string{"x"}, "x", l.T("tui.key.no_filters")),
		Cycle:         b([]string{"space"}, "space", l.T("tui.key.cycle")),
		CellNote:      b([]string{"c"}, "c", l.T("tui.key.cell_note")),
		Suggest:       b([]string{"o"}, "o", l.T("tui.key.suggest")),
		SuggestAll:    b([]string{"O"}, "O", l.T("tui.key.suggest_all")),

		ImportList:            b([]string{"I"}, "I", l.T("tui.key.import_list")),
		ImportRead:            b([]string{"enter"}, "enter", l.T("tui.key.import_read")),
		ImportApply:           b([]string{"y"}, "y", l.T("tui.key.import_apply")),
		ImportAddDirectorates: b([]string{"a"}, "a", l.T("tui.key.import_add_directorates")),
		ImportOtherFile:       b([]string{"e"}, "e", l.T("tui.key.import_other_file")),
	}
}
