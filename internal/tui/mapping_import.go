package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// mapImport is the Map's import of a council's own list (I): type the
// file's path, see what importing it does (internal/mapimport's summary,
// as engage map import --dry-run prints it), and import it with y, all of
// it in one change, or go back.
type mapImport struct {
	env  *env
	site workbook.Site
	l    *i18n.Lang

	mode  importMode
	input textinput.Model
	plan  *mapimport.Plan
	path  string   // the file the plan was read from
	add   bool     // add the directorates the site does not list
	lines []string // the summary, wrapped to the width
	top   int      // the first line of the summary shown
	err   string   // why the file could not be read

	width, height int
}

// importMode is what the import's keys do now.
type importMode int

const (
	importPath    importMode = iota // typing the file's path
	importReading                   // reading and checking the file
	importPreview                   // showing what importing does
	importSaving                    // importing
)

func newMapImport(e *env, site workbook.Site, l *i18n.Lang) *mapImport {
	m := &mapImport{env: e, site: site, l: l}
	m.input = newInput(l.T("tui.map.import.placeholder"), "", 1024, 60)
	return m
}

func (m *mapImport) Init() tea.Cmd { return m.input.Focus() }

// Lang is the site's language, which the screen speaks.
func (m *mapImport) Lang() *i18n.Lang { return m.l }

func (m *mapImport) Title() string { return m.l.T("tui.map.import.title") }

func (m *mapImport) Typing() bool { return m.mode == importPath }

func (m *mapImport) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.SetWidth(max(w-10, 10))
	m.wrap()
}

// wrap breaks the plan's summary into lines of the screen's width, each
// line's continuation indented under its text.
func (m *mapImport) wrap() {
	m.lines = m.lines[:0]
	if m.plan == nil {
		return
	}
	for _, s := range m.plan.Summary(m.l, true) {
		s = textsafe.Line(s)
		indent := strings.Repeat(" ", len(s)-len(strings.TrimLeft(s, " "))+2)
		for i, part := range strings.Split(ansi.Wordwrap(s, max(m.width-len(indent), 20), ""), "\n") {
			if i > 0 {
				part = indent + strings.TrimLeft(part, " ")
			}
			m.lines = append(m.lines, part)
		}
	}
	m.scroll(0)
}

func (m *mapImport) Keys() []key.Binding {
	k := m.env.keysIn(m.l)
	switch m.mode {
	case importPath:
		return []key.Binding{k.ImportRead, k.Cancel}
	case importPreview:
		keys := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown}
		if m.plan != nil && m.plan.Ready() && m.plan.Changes() {
			keys = append(keys, k.ImportApply)
		}
		if m.plan != nil && len(m.plan.Directorates) > 0 {
			keys = append(keys, k.ImportAddDirectorates)
		}
		return append(keys, k.ImportOtherFile, k.Back)
	}
	return nil
}

// importReadMsg is the plan made from a file, or why there is none.
type importReadMsg struct {
	path string
	plan *mapimport.Plan
	err  error
}

// read reads the file at path and checks it against the site, changing
// nothing.
func (m *mapImport) read(path string, add bool) tea.Cmd {
	svc, l, cat, site := m.env.svc, m.l, m.env.cat, m.site.ID
	if cat == nil {
		cat = i18n.Embedded()
	}
	return func() tea.Msg {
		t, err := mapimport.ReadFile(l, path, "")
		if err != nil {
			return importReadMsg{path: path, err: err}
		}
		t.File = filepath.Base(path) // each row names it: the path is said once, above
		var plan *mapimport.Plan
		err = svc.Read(func(r *workbook.Reader) (err error) {
			plan, err = mapimport.Prepare(r, l, mapimport.NewWords(cat), t, site, mapimport.Options{AddDirectorates: add})
			return err
		})
		return importReadMsg{path: path, plan: plan, err: err}
	}
}

func (m *mapImport) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case importReadMsg:
		m.mode, m.path, m.plan, m.err = importPreview, msg.path, msg.plan, ""
		if msg.err != nil {
			m.mode, m.plan = importPath, nil
			m.err = msg.err.Error()
			var h interface{ Hint() string }
			if errors.As(msg.err, &h) && h.Hint() != "" {
				m.err += "\n" + h.Hint()
			}
			return m, m.input.Focus()
		}
		m.top = 0
		m.wrap()
		return m, nil
	case saveDoneMsg:
		if msg.job.owner != m {
			return m, nil
		}
		if msg.err == nil {
			m.env.close() // the root says what was saved; the Map reloads
			return m, nil
		}
		m.mode = importPreview
		if errors.Is(msg.err, mapimport.ErrStale) {
			m.mode = importReading
			return m, m.read(m.path, m.add)
		}
		return m, nil
	case tea.PasteMsg:
		if m.mode == importPath {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return m, cmd
		}
	case tea.KeyPressMsg:
		switch m.mode {
		case importPath:
			return m, m.updatePath(msg)
		case importPreview:
			return m, m.updatePreview(msg)
		}
	}
	return m, nil
}

func (m *mapImport) updatePath(msg tea.KeyPressMsg) tea.Cmd {
	k := m.env.keys
	switch {
	case key.Matches(msg, k.Cancel):
		m.env.close()
		return nil
	case key.Matches(msg, k.ImportRead):
		path := cleanPath(m.input.Value())
		if path == "" {
			return nil
		}
		m.mode, m.err = importReading, ""
		m.input.Blur()
		return m.read(path, m.add)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *mapImport) updatePreview(msg tea.KeyPressMsg) tea.Cmd {
	k := m.env.keys
	switch {
	case key.Matches(msg, k.Back):
		m.env.close()
	case key.Matches(msg, k.Up):
		m.scroll(-1)
	case key.Matches(msg, k.Down):
		m.scroll(1)
	case key.Matches(msg, k.PageUp):
		m.scroll(-m.room())
	case key.Matches(msg, k.PageDown):
		m.scroll(m.room())
	case key.Matches(msg, k.ImportOtherFile):
		m.mode = importPath
		return m.input.Focus()
	case key.Matches(msg, k.ImportAddDirectorates):
		if len(m.plan.Directorates) > 0 {
			m.add = !m.add
			m.mode = importReading
			return m.read(m.path, m.add)
		}
	case key.Matches(msg, k.ImportApply):
		if m.plan.Ready() && m.plan.Changes() {
			return m.apply()
		}
	}
	return nil
}

// apply imports the plan: an automatic backup of the store first (as
// engage map import takes), then the plan in one change.
func (m *mapImport) apply() tea.Cmd {
	m.mode = importSaving
	plan, hooks, l := m.plan, m.env.hooks, m.l
	what := l.T("tui.map.import.done", "New", plan.Count(mapimport.New), "Changed", plan.Count(mapimport.Changed))
	return m.env.save(m, saveJob{key: "map-import/" + m.site.ID, run: func(svc *workbook.Service) (string, error) {
		if hooks.Backup != nil {
			if _, err := hooks.Backup("before-map-import"); err != nil {
				return "", err
			}
		}
		return what, svc.Change(plan.Apply)
	}})
}

// cleanPath is a typed or dropped path: without the quotes or the
// backslashes before spaces a terminal adds to a file dropped on it,
// with ~ as the home folder.
func cleanPath(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	} else if filepath.Separator == '/' {
		s = strings.ReplaceAll(s, `\ `, " ")
	}
	if rest, ok := strings.CutPrefix(s, "~"+string(filepath.Separator)); ok {
		if home, err := os.UserHomeDir(); err == nil {
			s = filepath.Join(home, rest)
		}
	}
	return s
}

// room is how many lines of the summary fit.
func (m *mapImport) room() int { return max(m.height-5, 1) }

func (m *mapImport) scroll(by int) {
	m.top = min(max(m.top+by, 0), max(len(m.lines)-m.room(), 0))
}

func (m *mapImport) View() string {
	st, l := m.env.styles, m.l
	var b strings.Builder
	b.WriteString(truncate(st.Title.Render(l.T("tui.map.import.heading", "Site", m.site.Name)), m.width) + "\n")
	switch m.mode {
	case importPath:
		b.WriteString(l.T("tui.map.import.file") + "\n")
		b.WriteString(m.input.View() + "\n")
		b.WriteString(st.Muted.Render(ansi.Wordwrap(l.T("tui.map.import.intro"), max(m.width, 20), "")) + "\n")
		if m.err != "" {
			b.WriteString("\n" + st.Error.Render(ansi.Wordwrap(textsafe.Block(m.err), max(m.width, 20), "")) + "\n")
		}
	case importReading:
		b.WriteString(st.Muted.Render(l.T("tui.map.import.reading", "File", m.path)) + "\n")
	case importPreview, importSaving:
		b.WriteString(st.Muted.Render(truncate(m.path, m.width)) + "\n")
		end := min(m.top+m.room(), len(m.lines))
		for _, s := range m.lines[m.top:end] {
			b.WriteString(truncate(s, m.width) + "\n")
		}
		b.WriteString("\n" + m.verdict())
	}
	return b.String()
}

// verdict is the line under the summary: what y does, or why it does
// nothing.
func (m *mapImport) verdict() string {
	st, l, p := m.env.styles, m.l, m.plan
	if m.mode == importSaving {
		return st.Pending.Render(l.T("tui.map.import.saving"))
	}
	rows, _ := p.RefusedRows()
	switch {
	case len(p.Directorates) > 0 && !p.AddDirectorates:
		return st.Error.Render(truncate(l.N("tui.map.import.directorates", len(p.Directorates)), m.width))
	case !p.Ready() && rows > 0:
		return st.Error.Render(truncate(l.N("tui.map.import.refused", rows), m.width))
	case !p.Ready():
		return st.Error.Render(truncate(l.T("tui.map.import.refused_file"), m.width))
	case !p.Changes():
		return st.Muted.Render(truncate(l.T("tui.map.import.nothing"), m.width))
	}
	return truncate(l.T("tui.map.import.ready", "New", p.Count(mapimport.New), "Changed", p.Count(mapimport.Changed)), m.width)
}
