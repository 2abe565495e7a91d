package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles is every style the screens use, built once for the terminal's
// background. Screens never build styles of their own. Nothing relies on
// colour alone: selection is reversed, bands carry their names, so a
// monochrome screen (NO_COLOR) reads the same.
type Styles struct {
	Header    lipgloss.Style // the breadcrumb line
	Title     lipgloss.Style // a screen's title
	Heading   lipgloss.Style // a section heading inside a screen
	Text      lipgloss.Style
	Muted     lipgloss.Style // secondary text, help texts
	Accent    lipgloss.Style
	Selected  lipgloss.Style // the row or cell under the cursor
	Box       lipgloss.Style // a bordered panel
	Statement lipgloss.Style // a statement read aloud: large and plain

	Saved   lipgloss.Style
	Pending lipgloss.Style
	Error   lipgloss.Style
	Warning lipgloss.Style // contested, blind spot

	Good    lipgloss.Style
	Improve lipgloss.Style
	Barrier lipgloss.Style

	Key      lipgloss.Style // a key in the help line
	KeyDesc  lipgloss.Style
	Label    lipgloss.Style // a form label
	Input    lipgloss.Style // a form field
	Focused  lipgloss.Style // the focused form field's label
	Notice   lipgloss.Style // the "make the window larger" notice
	BarFull  lipgloss.Style
	BarEmpty lipgloss.Style
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	// Okabe-Ito colours: told apart by people with colour-blindness.
	blue := c("#0060A8", "#56B4E9")
	green := c("#00745A", "#2BC08F")
	orange := c("#A65A00", "#E69F00")
	vermilion := c("#B83A00", "#FF7A45")
	muted := c("#5A5A5A", "#A0A0A0")
	return Styles{
		Header:    lipgloss.NewStyle().Bold(true),
		Title:     lipgloss.NewStyle().Bold(true).Foreground(blue),
		Heading:   lipgloss.NewStyle().Bold(true).Underline(true),
		Text:      lipgloss.NewStyle(),
		Muted:     lipgloss.NewStyle().Foreground(muted),
		Accent:    lipgloss.NewStyle().Bold(true).Foreground(blue),
		Selected:  lipgloss.NewStyle().Reverse(true),
		Box:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(muted).Padding(0, 1),
		Statement: lipgloss.NewStyle().Bold(true),
		Saved:     lipgloss.NewStyle().Foreground(green),
		Pending:   lipgloss.NewStyle().Foreground(orange),
		Error:     lipgloss.NewStyle().Bold(true).Foreground(vermilion),
		Warning:   lipgloss.NewStyle().Bold(true).Foreground(orange),
		Good:      lipgloss.NewStyle().Foreground(green),
		Improve:   lipgloss.NewStyle().Foreground(orange),
		Barrier:   lipgloss.NewStyle().Bold(true).Foreground(vermilion),
		Key:       lipgloss.NewStyle().Bold(true),
		KeyDesc:   lipgloss.NewStyle().Foreground(muted),
		Label:     lipgloss.NewStyle().Foreground(muted),
		Input:     lipgloss.NewStyle(),
		Focused:   lipgloss.NewStyle().Bold(true).Foreground(blue),
		Notice:    lipgloss.NewStyle().Bold(true),
		BarFull:   lipgloss.NewStyle().Foreground(blue),
		BarEmpty:  lipgloss.NewStyle().Foreground(muted),
	}
}
