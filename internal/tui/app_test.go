package tui

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// drive runs cmd through the root model as the runtime would, following
// pushes, pops and saves, until nothing is left.
func drive(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := within(c, cmdWait)
		if !ok || msg == nil {
			continue
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		if _, quit := msg.(tea.QuitMsg); quit {
			continue
		}
		if _, bg := msg.(tea.BackgroundColorMsg); bg {
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

func newRoot(t *testing.T, te *testEnv, w, h int) *Model {
	t.Helper()
	m, err := New(Options{Service: te.svc, Questionnaires: []*questionnaire.Questionnaire{te.q}, Hooks: te.env.hooks, Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drive(t, m, m.Init())
	return m
}

func pressRoot(t *testing.T, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		drive(t, m, cmd)
	}
}

func screenText(m *Model) string { return ansi.Strip(m.render()) }

func TestQuitMidWorkbookAndReopenAtTheSameStatement(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 2)
	m := newRoot(t, te, 80, 24)
	// Home -> the site -> step 3; score statements 1 to 3; quit.
	pressRoot(t, m, "enter", "3", "4", "4", "5", "5", "2", "q")
	if !m.quitting {
		t.Fatal("q did not quit")
	}
	if got := len(te.load().Responses); got != 5 {
		t.Fatalf("%d answers stored before quitting, want 5", got)
	}
	// Reopen on the same store.
	m2 := newRoot(t, te, 80, 24)
	d, ok := m2.top().(*dialogue)
	if !ok {
		t.Fatalf("reopened at %T, want the workbook dialogue", m2.top())
	}
	if d.cur != 2 || d.row != 1 {
		t.Errorf("reopened at statement %d row %d, want statement 3 row 2", d.cur+1, d.row+1)
	}
	if text := screenText(m2); !strings.Contains(text, "Statement 1.3 · 3 of 41") || !strings.Contains(text, "Eastbrook pilot") {
		t.Errorf("reopened screen:\n%s", text)
	}
	// esc walks back to the site and home.
	pressRoot(t, m2, "esc")
	if _, ok := m2.top().(*siteScreen); !ok {
		t.Errorf("esc from the workbook went to %T", m2.top())
	}
}

func TestTooSmallWindowShowsANotice(t *testing.T) {
	te := newTestEnv(t)
	m := newRoot(t, te, 50, 12)
	if text := screenText(m); !strings.Contains(text, "Make the window larger") {
		t.Errorf("50x12 shows:\n%s", text)
	}
	m.Update(tea.WindowSizeMsg{Width: 20, Height: 5})
	if text := screenText(m); !strings.Contains(text, "larger") {
		t.Errorf("20x5 shows:\n%s", text)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if text := screenText(m); !strings.Contains(text, "Eastbrook pilot") {
		t.Errorf("back at 80x24:\n%s", text)
	}
}

func TestHelpIsDrawnFromTheKeymap(t *testing.T) {
	te := newTestEnv(t)
	m := newRoot(t, te, 80, 24)
	pressRoot(t, m, "?")
	text := screenText(m)
	for _, b := range m.footerKeys() {
		if !strings.Contains(text, b.Help().Desc) {
			t.Errorf("help lacks %q:\n%s", b.Help().Desc, text)
		}
	}
	pressRoot(t, m, "?")
	if strings.Contains(screenText(m), "Keys on this screen") {
		t.Error("? did not close the help")
	}
}

func TestEveryScreenFitsTheWindow(t *testing.T) {
	te := newTestEnv(t)
	te.addPeople(workbook.Insider, 30)
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		m := newRoot(t, te, size[0], size[1])
		pressRoot(t, m, "enter", "3")
		lines := strings.Split(m.render(), "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%dx%d: a line of width %d: %q", size[0], size[1], w, ansi.Strip(l))
			}
		}
	}
}
