package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestDialogueJumpByWords checks that J takes words of a statement's text
// as well as its number: it goes to the first statement after the current
// one whose text, in the assessment's language, holds every word (case,
// accents and punctuation aside), says which of how many it is, and each
// enter goes on to the next one, wrapping; esc stays there. Words found
// nowhere are refused in words, and nothing moves.
func TestDialogueJumpByWords(t *testing.T) {
	tests := []struct {
		name     string
		group    workbook.Group
		italian  bool
		typed    string
		visits   []int    // the places the first enter and each next one go to, from 0
		statuses []string // what the status bar says at each
		refused  string
		editor   string // what the field says once words found statements
		closed   string // what esc says then
	}{
		{name: "two found, then round again", group: workbook.Insider, typed: "plain words", visits: []int{2, 17, 2},
			statuses: []string{"Statement 1.3: 1 of 2 containing “plain words” · enter: the next", "Statement 2.8: 2 of 2 containing", "Statement 1.3: 1 of 2"},
			editor:   "Found 2 statements containing “plain words”: enter goes to the next, esc stays here", closed: "Statement 1.3: the search is closed"},
		{name: "case and order aside", group: workbook.Insider, typed: "WORDS Plain", visits: []int{2, 17},
			statuses: []string{"Statement 1.3: 1 of 2", "Statement 2.8: 2 of 2"},
			editor:   "Found 2 statements containing “WORDS Plain”", closed: "Statement 2.8: the search is closed"},
		{name: "the first after the current one", group: workbook.Insider, typed: "money", visits: []int{35, 36, 35},
			statuses: []string{"Statement 4.6: 1 of 2", "Statement 4.7: 2 of 2", "Statement 4.6: 1 of 2"},
			editor:   "Found 2 statements containing “money”", closed: "Statement 4.6: the search is closed"},
		{name: "only one", group: workbook.Insider, typed: "jargon", visits: []int{17, 17},
			statuses: []string{"Statement 2.8: the only one containing “jargon”"},
			editor:   "Found 1 statement containing “jargon”: esc stays here, or type other words", closed: "Statement 2.8: the search is closed"},
		{name: "a number in the words", group: workbook.Insider, typed: "one year", visits: []int{35},
			statuses: []string{"Statement 4.6: the only one"},
			editor:   "Found 1 statement containing “one year”", closed: "Statement 4.6: the search is closed"},
		{name: "verification list", group: workbook.Outsider, typed: "plain words", visits: []int{2, 10},
			statuses: []string{"Statement 1.3: 1 of 2", "Statement 2.8: 2 of 2"},
			editor:   "Found 2 statements containing “plain words”", closed: "Statement 2.8: the search is closed"},
		{name: "nowhere", group: workbook.Insider, typed: "zebra crossing",
			refused: "No statement contains “zebra crossing”: try other words, or a number such as 4.11"},
		{name: "not in the verification list", group: workbook.Outsider, typed: "money",
			refused: "No verification statement contains “money”"},
		{name: "Italian, accents aside", group: workbook.Insider, italian: true, typed: "equipe", visits: []int{10, 10},
			statuses: []string{"Affermazione 2.1: l'unica che contiene «equipe»"},
			editor:   "Trovata 1 affermazione che contiene «equipe»: esc resta qui", closed: "Affermazione 2.1: ricerca chiusa"},
		{name: "Italian, three found", group: workbook.Insider, italian: true, typed: "Comunità LAVORARE", visits: []int{11, 18, 28, 11},
			statuses: []string{"Affermazione 2.2: 1 di 3 che contengono «Comunità LAVORARE» · invio: la successiva", "Affermazione 2.9: 2 di 3",
				"Affermazione 3.9: 3 di 3", "Affermazione 2.2: 1 di 3"},
			editor: "Trovate 3 affermazioni che contengono «Comunità LAVORARE»: invio va alla successiva", closed: "Affermazione 2.2: ricerca chiusa"},
		{name: "Italian, nowhere", group: workbook.Insider, italian: true, typed: "money",
			refused: "Nessuna affermazione contiene «money»: provate altre parole, o un numero come 4.11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			te := newTestEnv(t)
			if tt.italian {
				italianAssessment(te)
			}
			te.addPeople(tt.group, 2)
			s := openDialogue(t, te, tt.group, 100, 30)
			s, _ = press(t, s, "right", "J") // from the second statement
			s = typeText(t, s, tt.typed)
			if tt.refused != "" {
				s, log := press(t, s, "enter")
				d := s.(*dialogue)
				if msg, isErr := lastStatus(log); !isErr || !strings.Contains(msg, tt.refused) {
					t.Errorf("J %q: status %q (error %t), want %q", tt.typed, msg, isErr, tt.refused)
				}
				if d.cur != 1 || d.Typing() {
					t.Errorf("J %q found nothing but moved to place %d (typing %t)", tt.typed, d.cur+1, d.Typing())
				}
				return
			}
			for i, want := range tt.visits {
				var msgs []tea.Msg
				s, msgs = press(t, s, "enter")
				d := s.(*dialogue)
				if d.cur != want {
					t.Errorf("J %q, enter %d: at place %d, want %d", tt.typed, i+1, d.cur+1, want+1)
				}
				if !d.Typing() {
					t.Fatalf("J %q, enter %d: the field closed; enter should go on to the next", tt.typed, i+1)
				}
				if i < len(tt.statuses) {
					if msg, isErr := lastStatus(msgs); isErr || !strings.Contains(msg, tt.statuses[i]) {
						t.Errorf("J %q, enter %d: status %q (error %t), want %q", tt.typed, i+1, msg, isErr, tt.statuses[i])
					}
				}
			}
			// The field says what was found; esc stays at the statement
			// found, with nothing cancelled.
			d := s.(*dialogue)
			if view := ansi.Strip(s.View()); !strings.Contains(strings.Join(strings.Fields(view), " "), tt.editor) {
				t.Errorf("J %q: the field does not say %q:\n%s", tt.typed, tt.editor, view)
			}
			at := d.cur
			s, log := press(t, s, "esc")
			d = s.(*dialogue)
			if d.Typing() || d.cur != at {
				t.Errorf("esc: typing %t, at place %d, want %d", d.Typing(), d.cur+1, at+1)
			}
			if msg, isErr := lastStatus(log); isErr || !strings.Contains(msg, tt.closed) {
				t.Errorf("esc after a find says %q, want %q", msg, tt.closed)
			}
		})
	}
}

// While words have found statements the keys say enter goes on and esc
// stays; once the words change, enter searches again from where the
// screen is, and the prompt says both a number and words are taken.
func TestDialogueJumpByWordsKeys(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 1)
	s := openDialogue(t, te, workbook.Insider, 80, 24)
	s, _ = press(t, s, "J")
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "or words from its text") {
		t.Errorf("the jump prompt does not say words are taken:\n%s", view)
	}
	s = typeText(t, s, "plain")
	if got := helpOf(s); !strings.Contains(got, "enter go") || !strings.Contains(got, "esc cancel") {
		t.Errorf("keys before enter: %s", got)
	}
	s, _ = press(t, s, "enter")
	if got := helpOf(s); !strings.Contains(got, "enter next statement found") || !strings.Contains(got, "esc stay here") {
		t.Errorf("keys after a find: %s", got)
	}
	if d := s.(*dialogue); d.cur != 2 {
		t.Fatalf("plain: at place %d, want 3", d.cur+1)
	}
	// Other words: a new search, from statement 1.3.
	s, _ = press(t, s, "backspace", "backspace", "backspace", "backspace", "backspace")
	s = typeText(t, s, "staff")
	s, log := press(t, s, "enter")
	if d := s.(*dialogue); d.cur != 11 {
		t.Errorf("staff from 1.3: at place %d, want 12 (2.2)", d.cur+1)
	}
	if msg, _ := lastStatus(log); !strings.Contains(msg, "Statement 2.2: 1 of ") {
		t.Errorf("staff: status %q", msg)
	}
	// A number still jumps, and closes the field.
	s, _ = press(t, s, "esc", "J")
	s = typeText(t, s, "4.6")
	s, _ = press(t, s, "enter")
	if d := s.(*dialogue); d.cur != 35 || d.Typing() {
		t.Errorf("4.6: at place %d, typing %t", d.cur+1, d.Typing())
	}
}
