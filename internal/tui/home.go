package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// home lists the sites in the store with their progress, and creates,
// renames and deletes them.
type home struct {
	env       *env
	qs        []*questionnaire.Questionnaire
	sites     []workbook.SiteSummary
	loaded    bool
	list      listWindow
	want      string        // a site just created, for the cursor once the list is read
	confirm   confirmPrompt // asks before a site is deleted
	width     int
	height    int
	loadError string
}

func newHome(e *env, qs []*questionnaire.Questionnaire) *home { return &home{env: e, qs: qs} }

type sitesLoadedMsg struct {
	sites []workbook.SiteSummary
	err   error
}

func (h *home) load() tea.Msg {
	var sums []workbook.SiteSummary
	err := h.env.svc.Read(func(r *workbook.Reader) (err error) {
		sums, err = r.Summaries()
		return err
	})
	return sitesLoadedMsg{sums, err}
}

func (h *home) Init() tea.Cmd           { return h.load }
func (h *home) Title() string           { return "Engage" }
func (h *home) Typing() bool            { return false }
func (h *home) SetSize(w, hh int)       { h.width, h.height = w, hh }
func (h *home) Place() workbook.UIState { return workbook.UIState{Screen: "home"} }

func (h *home) Keys() []key.Binding {
	k := h.env.keys
	if h.confirm.open() {
		return h.confirm.keys(k)
	}
	if len(h.sites) == 0 {
		return []key.Binding{k.Add}
	}
	keys := []key.Binding{k.Up, k.Down, k.Open, k.Add, k.Rename, k.Delete}
	if h.env.hooks.Compare != nil {
		keys = append(keys, k.CompareSites)
	}
	return keys
}

// room is how many sites the list shows.
func (h *home) room() int { return max(h.height-6, 1) }

func (h *home) selected() (workbook.SiteSummary, bool) {
	if h.list.cursor < 0 || h.list.cursor >= len(h.sites) {
		return workbook.SiteSummary{}, false
	}
	return h.sites[h.list.cursor], true
}

func (h *home) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := h.env.keys
	switch msg := msg.(type) {
	case sitesLoadedMsg:
		h.loaded = true
		if msg.err != nil {
			h.loadError = msg.err.Error()
			return h, nil
		}
		h.sites, h.loadError = msg.sites, ""
		for i, s := range h.sites {
			if h.want != "" && s.Site.ID == h.want {
				h.list.cursor, h.want = i, ""
			}
		}
		h.list.fit(len(h.sites), h.room())
	case reloadMsg:
		return h, h.load
	case saveDoneMsg:
		if msg.job.owner == h {
			return h, h.load
		}
	case tea.KeyPressMsg:
		if h.confirm.open() {
			return h, h.confirm.answer(msg, k)
		}
		if h.list.keys(msg, k, len(h.sites), h.room()) {
			return h, nil
		}
		switch {
		case key.Matches(msg, k.Add):
			h.env.open(h.siteForm(nil))
		case key.Matches(msg, k.Rename), key.Matches(msg, k.Edit):
			if s, ok := h.selected(); ok {
				h.env.open(h.siteForm(&s.Site))
			}
		case key.Matches(msg, k.Delete):
			if s, ok := h.selected(); ok {
				h.confirm.ask(fmt.Sprintf("Delete %s and everything recorded for it? A backup is taken first. y to delete, any other key to keep it.", textsafe.Line(s.Site.Name)),
					"Kept: nothing deleted", h.delete)
			}
		case key.Matches(msg, k.CompareSites):
			if h.env.hooks.Compare != nil && len(h.sites) > 0 {
				h.env.open(newCompareSites(h.env, h.sites))
			}
		case key.Matches(msg, k.Open):
			if s, ok := h.selected(); ok {
				site := newSiteScreen(h.env, s.Site.ID)
				h.env.open(site)
				return h, remember(site.Place())
			}
		}
	}
	return h, nil
}

// delete removes the selected site after an automatic backup.
func (h *home) delete() tea.Cmd {
	s, ok := h.selected()
	if !ok {
		return nil
	}
	backupHook := h.env.hooks.Backup
	return h.env.save(h, saveJob{run: func(svc *workbook.Service) (string, error) {
		backup := ""
		if backupHook != nil {
			p, err := backupHook("before-delete-" + s.Site.Slug)
			if err != nil {
				return "", fmt.Errorf("not deleted: the backup before deleting failed: %w", err)
			}
			backup = p
		}
		if err := svc.Change(func(c *workbook.Change) error { return c.DeleteSite(s.Site.ID) }); err != nil {
			return "", err
		}
		what := "deleted " + textsafe.Line(s.Site.Name)
		if backup != "" {
			what += " (a backup is in " + backup + ")"
		}
		return what, nil
	}})
}

// siteForm creates a site (s nil) or edits one.
func (h *home) siteForm(s *workbook.Site) Screen {
	in := workbook.SiteInput{Language: questionnaire.English}
	title, done := "New site", "site created"
	if s != nil {
		in = workbook.SiteInput{ID: s.ID, Name: s.Name, Organisation: s.Organisation, Area: s.Area, Context: s.Context, Language: s.Language}
		title, done = "Edit site "+textsafe.Line(s.Name), "site changed"
	}
	fields := []*field{
		textF("name", "Name of the site (how you will find it)", in.Name, workbook.MaxShortText),
		textF("organisation", "Organisation", in.Organisation, workbook.MaxShortText),
		textF("area", "Area (locality, neighbourhood, ambito territoriale)", in.Area, workbook.MaxShortText),
		areaF("context", "Context note (shown beside this site when sites are compared)", in.Context, workbook.MaxLongText),
		choiceF("language", "Language of the workbook and reports", []option{{"en", "English"}, {"it", "Italiano"}}, in.Language),
	}
	var qopts []option
	if s == nil && len(h.qs) > 1 {
		for _, q := range h.qs {
			qopts = append(qopts, option{q.Hash, fmt.Sprintf("%s %s", q.ID, q.Version)})
		}
		fields = append(fields, choiceF("questionnaire", "Questionnaire", qopts, h.qs[0].Hash))
	}
	return newForm(h.env, nil, title, fields, done, func(v map[string]string) func(*workbook.Change) error {
		in := workbook.SiteInput{ID: in.ID, Name: v["name"], Organisation: v["organisation"], Area: v["area"], Context: v["context"], Language: v["language"]}
		return func(c *workbook.Change) error {
			if s != nil {
				_, err := c.UpdateSite(in)
				return err
			}
			q := h.qs[0]
			for _, cand := range h.qs {
				if cand.Hash == v["questionnaire"] {
					q = cand
				}
			}
			site, _, err := c.CreateSite(in, q)
			if err == nil {
				h.want = site.ID // the cursor goes to it once the list is read again
			}
			return err
		}
	})
}

func (h *home) View() string {
	st := h.env.styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Sites") + "  " + st.Muted.Render("Map → Select → Workbook → Verify → Barriers") + "\n\n")
	switch {
	case h.loadError != "":
		b.WriteString(st.Error.Render("Could not read the sites: "+h.loadError) + "\n")
		return b.String()
	case !h.loaded:
		b.WriteString(st.Muted.Render("Reading the store…"))
		return b.String()
	case len(h.sites) == 0:
		b.WriteString("No sites yet.\n\nPress " + st.Key.Render("a") + " to create the first site: the organisation whose partnership you will assess.\n")
		b.WriteString(st.Muted.Render("(Or quit and run `engage demo` to look around a demonstration study.)"))
		return b.String()
	}
	// The name takes what the progress columns leave, up to a third of
	// the window; the partnership has the rest.
	nameW := min(max(h.width-44, 16), max(h.width/3, 28))
	b.WriteString(st.Muted.Render(pad("  SITE", nameW+2)+" MAP SEL WBK VER BAR  PARTNERSHIP") + "\n")
	start, end := h.list.rows(len(h.sites), h.room())
	for i := start; i < end; i++ {
		s := h.sites[i]
		line := pad(textsafe.Line(s.Site.Name), nameW) + " "
		for _, p := range s.Progress {
			line += "  " + stepMark(st, p) + " "
		}
		line += " " + truncate(textsafe.Line(s.Partnership), max(h.width-nameW-26, 4))
		if i == h.list.cursor {
			b.WriteString(st.Selected.Render("› "+pad(stripStyles(line), h.width-3)) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	if h.confirm.open() {
		b.WriteString("\n" + h.confirm.view(st, h.width))
	} else if s, ok := h.selected(); ok {
		about := strings.Trim(textsafe.Line(s.Site.Organisation)+" · "+textsafe.Line(s.Site.Area), " ·") + " · " + plural(nil, s.Assessments, "tui.home.assessments")
		b.WriteString("\n" + st.Muted.Render(truncate(strings.TrimPrefix(about, " · "), h.width)+"\n✓ done ◐ started · not started"))
	}
	return b.String()
}

// stripStyles removes styling so a selected row can be drawn reversed as
// one piece.
func stripStyles(s string) string { return ansiStrip(s) }
