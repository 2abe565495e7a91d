package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// confirmPrompt is the one yes-or-no question of the screens: y does what
// it asks, any other key keeps things as they are. A screen holds one,
// asks with ask, hands it every key press while it is open, and draws it
// under its body.
type confirmPrompt struct {
	question string         // the question, saying what y does
	kept     string         // the status line when the answer is no
	yes      func() tea.Cmd // what y does
}

// ask opens the prompt; yes is called only when the answer is y.
func (c *confirmPrompt) ask(question, kept string, yes func() tea.Cmd) {
	c.question, c.kept, c.yes = question, kept, yes
}

// open reports whether the prompt waits for an answer.
func (c *confirmPrompt) open() bool { return c.yes != nil }

// answer closes the prompt with the key pressed: y runs the command asked
// for, any other key reports that nothing changed.
func (c *confirmPrompt) answer(msg tea.KeyPressMsg, k KeyMap) tea.Cmd {
	yes, kept := c.yes, c.kept
	*c = confirmPrompt{}
	if key.Matches(msg, k.Confirm) {
		return yes()
	}
	return status(kept)
}

// keys are the prompt's keys for the help line.
func (c *confirmPrompt) keys(k KeyMap) []key.Binding {
	return []key.Binding{k.Confirm, k.Keep}
}

// view draws the question wrapped to width, or nothing when the prompt is
// closed.
func (c *confirmPrompt) view(st Styles, width int) string {
	if !c.open() {
		return ""
	}
	return st.Warning.Render(ansi.Wordwrap(c.question, max(width, 20), ""))
}
