package tui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// fits checks that a rendered frame stays inside a w x h window.
func fits(t *testing.T, where string, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Fatalf("%s at %dx%d: %d lines", where, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s at %dx%d: line %d is %d wide: %q", where, w, h, i+1, lw, ansi.Strip(l))
		}
	}
}

// A resize storm: hundreds of sizes, tiny to huge, on every screen the
// facilitator can be on, with the help open and closed. Each frame must fit
// its window, and the model must end up usable at a normal size.
func TestResizeStorm(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 4)
	rng := rand.New(rand.NewPCG(7, 11))
	sizes := [][2]int{{20, 5}, {1, 1}, {59, 15}, {60, 16}, {80, 24}, {120, 40}, {300, 90}}
	for range 150 {
		sizes = append(sizes, [2]int{1 + rng.IntN(220), 1 + rng.IntN(70)})
	}
	screens := []struct {
		name string
		keys []string
	}{
		{"home", nil},
		{"site", []string{"enter"}},
		{"workbook", []string{"enter", "3"}},
		{"help", []string{"enter", "3", "?"}},
	}
	for _, sc := range screens {
		m := newRoot(t, te, 80, 24)
		pressRoot(t, m, sc.keys...)
		for _, sz := range sizes {
			_, cmd := m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			drive(t, m, cmd)
			fits(t, sc.name, m.render(), sz[0], sz[1])
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if text := screenText(m); strings.Contains(text, "Make the window larger") {
			t.Fatalf("%s: still asks for a larger window at 80x24:\n%s", sc.name, text)
		}
	}
}

// A 20x5 window says, within the window, what is needed.
func TestTinyWindowNotice(t *testing.T) {
	te := newTestEnv(t)
	m := newRoot(t, te, 20, 5)
	text := screenText(m)
	fits(t, "tiny", m.render(), 20, 5)
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "60x16") {
		t.Fatalf("the tiny window does not say what size is needed:\n%s", text)
	}
}

// Pasted text with control codes and broken bytes: the field keeps only
// text, the facilitator is told what was left out, and what is saved is
// valid UTF-8 without control characters. A paste longer than the field is
// cut with a message next to the field, not silently.
func TestPasteControlCodesAndInvalidUTF8(t *testing.T) {
	te := newTestEnv(t)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "a") // new site form on Home
	paste := "Comune di\x00 Prova\xff\xfe \x1b[31mrosso\x07 città"
	_, cmd := m.Update(tea.PasteMsg{Content: paste})
	drive(t, m, cmd)
	text := screenText(m)
	if !strings.Contains(text, "pasted characters were left out") {
		t.Fatalf("no word about the characters left out:\n%s", text)
	}
	f, ok := m.top().(*form)
	if !ok {
		t.Fatalf("top screen is %T, want the new-site form", m.top())
	}
	got := f.fields[f.focus].value()
	if !utf8.ValidString(got) || strings.ContainsAny(got, "\x00\x07\x1b") || !strings.Contains(got, "città") {
		t.Fatalf("field holds %q", got)
	}

	long := strings.Repeat("x", workbook.MaxShortText+50)
	_, cmd = m.Update(tea.PasteMsg{Content: long})
	drive(t, m, cmd)
	if text := screenText(m); !strings.Contains(text, "the paste was cut") {
		t.Fatalf("a paste longer than the field was cut without a word:\n%s", text)
	}
	if n := utf8.RuneCountInString(f.fields[f.focus].value()); n > workbook.MaxShortText {
		t.Fatalf("field holds %d characters, limit %d", n, workbook.MaxShortText)
	}
}
