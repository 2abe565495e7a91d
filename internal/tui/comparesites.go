package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// CompareResult is what the Compare hook wrote: the files' paths and what
// they hold, and a line saying what the sites were compared on.
type CompareResult struct {
	PDF, CSV, Summary, Actions string
	Pages                      int
	Responses                  int
	SummaryRows                int
	// ActionRows are the rows of the actions CSV, Actions.
	ActionRows int
	Basis      string
}

// compareSites chooses sites to compare and writes the comparison (PDF
// and CSVs) through Hooks.Compare, showing progress and then the paths.
// Sites are compared in the order they are chosen: the numbers beside them.
type compareSites struct {
	env    *env
	sites  []workbook.SiteSummary
	chosen []string // site ids, in the order chosen
	win    listWindow
	width  int
	height int

	writing     bool
	done, total int
	ch          chan tea.Msg
	result      *CompareResult
	err         string
}

func newCompareSites(e *env, sites []workbook.SiteSummary) *compareSites {
	return &compareSites{env: e, sites: sites}
}

// Messages of the comparison being written.
type (
	compareProgressMsg struct{ done, total int }
	compareDoneMsg     struct {
		res CompareResult
		err error
	}
)

func (c *compareSites) Init() tea.Cmd           { return nil }
func (c *compareSites) Title() string           { return c.env.user.T("tui.compare.title") }
func (c *compareSites) SetSize(w, h int)        { c.width, c.height = w, h }
func (c *compareSites) Typing() bool            { return c.writing } // keeps esc and q here until the files are written
func (c *compareSites) isChosen(id string) bool { return slices.Contains(c.chosen, id) }

func (c *compareSites) Keys() []key.Binding {
	k := c.env.keys
	if c.writing {
		return nil
	}
	keys := []key.Binding{k.Up, k.Down, k.Toggle, k.ToggleAll}
	if len(c.chosen) > 0 {
		keys = append(keys, k.Write)
	}
	return keys
}

func (c *compareSites) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case compareProgressMsg:
		c.done, c.total = msg.done, msg.total
		return c, c.next()
	case compareDoneMsg:
		c.writing, c.ch = false, nil
		if msg.err != nil {
			c.err = msg.err.Error()
			return c, statusRefused(c.env.user.T("tui.compare.failed", "Err", msg.err.Error()))
		}
		c.result = &msg.res
		return c, status(c.env.user.T("tui.compare.written", "Path", msg.res.PDF))
	case tea.KeyPressMsg:
		if c.writing {
			return c, nil
		}
		return c, c.key(msg)
	}
	return c, nil
}

// room is how many sites the list shows: the window less the intro and
// the footer.
func (c *compareSites) room() int { return max(c.height-4-strings.Count(c.footer(), "\n")-1, 1) }

// key handles a key while choosing.
func (c *compareSites) key(msg tea.KeyPressMsg) tea.Cmd {
	k := c.env.keys
	switch {
	case c.win.keys(msg, k, len(c.sites), c.room()):
	case key.Matches(msg, k.Toggle):
		if c.win.cursor < len(c.sites) {
			c.toggle(c.sites[c.win.cursor].Site.ID)
		}
	case key.Matches(msg, k.ToggleAll):
		if len(c.chosen) == len(c.sites) {
			c.chosen = nil
		} else {
			for _, s := range c.sites {
				if !c.isChosen(s.Site.ID) {
					c.chosen = append(c.chosen, s.Site.ID)
				}
			}
		}
		c.result, c.err = nil, ""
	case key.Matches(msg, k.Write):
		if len(c.chosen) == 0 {
			return status(c.env.user.T("tui.compare.choose_first"))
		}
		return c.start()
	}
	return nil
}

func (c *compareSites) toggle(id string) {
	if i := slices.Index(c.chosen, id); i >= 0 {
		c.chosen = slices.Delete(c.chosen, i, i+1)
	} else {
		c.chosen = append(c.chosen, id)
	}
	c.result, c.err = nil, ""
}

// start writes the comparison in the background: the hook reports each
// site done on a channel, which the screen reads one message at a time.
func (c *compareSites) start() tea.Cmd {
	hook := c.env.hooks.Compare
	if hook == nil {
		return statusRefused(c.env.user.T("tui.compare.unavailable"))
	}
	ids := slices.Clone(c.chosen)
	ch := make(chan tea.Msg, 8)
	c.ch, c.writing, c.done, c.total = ch, true, 0, len(ids)
	c.result, c.err = nil, ""
	run := func() tea.Msg {
		go func() {
			res, err := hook(ids, func(done, total int) {
				// Progress may be dropped, never the end: one slot stays
				// free for it.
				if len(ch) < cap(ch)-1 {
					ch <- compareProgressMsg{done, total}
				}
			})
			ch <- compareDoneMsg{res, err}
		}()
		return <-ch
	}
	return tea.Batch(status(c.env.user.N("tui.compare.comparing", len(ids))), run)
}

// next waits for the next message of the comparison being written.
func (c *compareSites) next() tea.Cmd {
	ch := c.ch
	if ch == nil {
		return nil
	}
	return func() tea.Msg { return <-ch }
}

func (c *compareSites) View() string {
	st, l := c.env.styles, c.env.user
	var b strings.Builder
	b.WriteString(st.Title.Render(l.T("tui.compare.title")) + "  " + st.Muted.Render(l.T("tui.compare.never_ranked")) + "\n")
	b.WriteString(st.Muted.Render(truncate(l.T("tui.compare.intro"), c.width)) + "\n\n")
	if len(c.sites) == 0 {
		b.WriteString(l.T("tui.compare.no_sites"))
		return b.String()
	}
	footer := c.footer()
	start, end := c.win.rows(len(c.sites), c.room())
	nameW := max(min(c.width-14, 40), 12)
	for i := start; i < end; i++ {
		s := c.sites[i]
		mark, order := "[ ]", "  "
		if n := slices.Index(c.chosen, s.Site.ID); n >= 0 {
			mark, order = "[x]", fmt.Sprintf("%2d", n+1)
		}
		line := mark + " " + order + "  " + pad(s.Site.Name, nameW) + "  " + s.Site.Organisation
		if i == c.win.cursor {
			b.WriteString(st.Selected.Render("› "+pad(line, c.width-3)) + "\n")
		} else {
			b.WriteString("  " + truncate(line, c.width-3) + "\n")
		}
	}
	b.WriteString("\n" + footer)
	return b.String()
}

// footer says how many sites are chosen, the progress, or what was
// written.
func (c *compareSites) footer() string {
	st, l := c.env.styles, c.env.user
	switch {
	case c.writing:
		w := max(min(c.width-30, 40), 10)
		return l.N("tui.compare.progress", c.total, "Bar", bar(st, c.done, c.total, w), "Done", c.done)
	case c.err != "":
		return st.Error.Render(truncate(l.T("tui.compare.not_written", "Err", c.err), c.width))
	case c.result != nil:
		r := c.result
		names := []string{l.T("tui.compare.file_pdf"), l.T("tui.compare.file_csv"), l.T("tui.compare.file_summary"), l.T("tui.compare.file_actions")}
		nameW := 0
		for _, n := range names {
			nameW = max(nameW, ansi.StringWidth(n))
		}
		nameW = max(nameW, 7)
		row := func(name, text string) string {
			return "  " + pad(name, nameW) + "  " + truncate(text, c.width-nameW-4)
		}
		lines := []string{st.Saved.Render(l.T("tui.compare.written_head"))}
		lines = append(lines, row(names[0], r.PDF+" "+l.N("tui.compare.pages", r.Pages)))
		lines = append(lines, row(names[1], r.CSV+" "+l.N("tui.compare.responses", r.Responses)))
		lines = append(lines, row(names[2], r.Summary+" "+l.N("tui.compare.rows", r.SummaryRows)))
		if r.Actions != "" {
			lines = append(lines, row(names[3], r.Actions+" "+l.N("tui.compare.actions", r.ActionRows)))
		}
		if r.Basis != "" {
			lines = append(lines, st.Muted.Render(truncate(r.Basis, c.width)))
		}
		return strings.Join(lines, "\n")
	}
	n := len(c.chosen)
	switch n {
	case 0:
		return st.Muted.Render(l.T("tui.compare.none_chosen"))
	case 1:
		return l.N("tui.compare.chosen", n) + " " + st.Muted.Render(l.T("tui.compare.choose_another"))
	}
	return l.N("tui.compare.chosen", n)
}
