package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// home lists the sites in the store with their progress, and creates,
// renames and deletes them. / filters the list by what it shows of a
// site: its name, organisation and area.
type home struct {
	env       *env
	qs        []*questionnaire.Questionnaire
	sites     []workbook.SiteSummary
	hay       []string // the sites' searchable text (searchKey), by index of sites
	rows      []int    // indices into sites that the filter shows
	find      listFilter
	loaded    bool
	list      listWindow    // over rows
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
func (h *home) Title() string           { return h.env.user.T("tui.home.title") }
func (h *home) Typing() bool            { return h.find.typing }
func (h *home) SetSize(w, hh int)       { h.width, h.height = w, hh; h.find.setWidth(w) }
func (h *home) Place() workbook.UIState { return workbook.UIState{Screen: "home"} }

// TakesEsc: esc takes the filter off while it is on.
func (h *home) TakesEsc() bool { return !h.find.typing && !h.confirm.open() && h.find.on() }

func (h *home) Keys() []key.Binding {
	k := h.env.keys
	switch {
	case h.find.typing:
		return h.find.keys(k)
	case h.confirm.open():
		return h.confirm.keys(k)
	case len(h.sites) == 0:
		return []key.Binding{k.Add}
	}
	keys := []key.Binding{k.Up, k.Down, k.Open, k.Add, k.Rename, k.Delete, k.Filter}
	if h.find.on() {
		keys = append(keys, k.ClearFilter)
	}
	if h.env.hooks.Compare != nil {
		keys = append(keys, k.CompareSites)
	}
	return keys
}

// room is how many sites the list shows.
func (h *home) room() int { return max(h.height-6, 1) }

func (h *home) selected() (workbook.SiteSummary, bool) {
	if h.list.cursor < 0 || h.list.cursor >= len(h.rows) {
		return workbook.SiteSummary{}, false
	}
	return h.sites[h.rows[h.list.cursor]], true
}

// refresh filters the sites and puts the cursor on the site keep (an
// id) when it is shown.
func (h *home) refresh(keep string) {
	h.rows = h.find.shown(h.rows, h.hay)
	if j := slices.IndexFunc(h.rows, func(i int) bool { return h.sites[i].Site.ID == keep }); j >= 0 {
		h.list.cursor = j
	}
	h.list.fit(len(h.rows), h.room())
}

// current is the id of the site under the cursor, or "".
func (h *home) current() string {
	if s, ok := h.selected(); ok {
		return s.Site.ID
	}
	return ""
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
		keep := h.current()
		if h.want != "" {
			keep, h.want = h.want, ""
			h.find.clear() // the new site is shown, whatever the filter
		}
		h.sites, h.loadError = msg.sites, ""
		i18n.SortFunc(h.env.user, h.sites, func(s workbook.SiteSummary) string { return s.Site.Name })
		h.hay = make([]string, len(h.sites))
		for i, s := range h.sites {
			h.hay[i] = searchKey(s.Site.Name, s.Site.Organisation, s.Site.Area)
		}
		h.refresh(keep)
	case reloadMsg:
		return h, h.load
	case saveDoneMsg:
		if msg.job.owner == h {
			return h, h.load
		}
	case tea.PasteMsg:
		if h.find.typing {
			return h, h.updateFilter(msg)
		}
	case tea.KeyPressMsg:
		if h.find.typing {
			return h, h.updateFilter(msg)
		}
		if h.confirm.open() {
			return h, h.confirm.answer(msg, k)
		}
		if h.list.keys(msg, k, len(h.rows), h.room()) {
			return h, nil
		}
		switch {
		case key.Matches(msg, k.Filter) && len(h.sites) > 0:
			return h, h.find.open(h.env.user.T("tui.home.filter_placeholder"), h.width-14)
		case key.Matches(msg, k.ClearFilter) && h.find.on():
			h.find.clear()
			h.refresh(h.current())
		case key.Matches(msg, k.Add):
			h.env.open(h.siteForm(nil))
		case key.Matches(msg, k.Rename), key.Matches(msg, k.Edit):
			if s, ok := h.selected(); ok {
				h.env.open(h.siteForm(&s.Site))
			}
		case key.Matches(msg, k.Delete):
			if s, ok := h.selected(); ok {
				l := h.env.user
				h.confirm.ask(l.T("tui.home.delete_ask", "Site", textsafe.Line(s.Site.Name)), l.T("tui.common.kept"), h.delete)
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

// updateFilter takes a key or a paste while the filter has the keyboard,
// filtering as it is typed.
func (h *home) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := h.find.update(msg, h.env.keys)
	if changed {
		h.refresh(h.current())
	}
	return cmd
}

// delete removes the selected site after an automatic backup.
func (h *home) delete() tea.Cmd {
	s, ok := h.selected()
	if !ok {
		return nil
	}
	backupHook, l := h.env.hooks.Backup, h.env.user
	return h.env.save(h, saveJob{run: func(svc *workbook.Service) (string, error) {
		backup := ""
		if backupHook != nil {
			p, err := backupHook("before-delete-" + s.Site.Slug)
			if err != nil {
				return "", fmt.Errorf("%s: %w", l.T("tui.home.backup_failed"), err)
			}
			backup = p
		}
		if err := svc.Change(func(c *workbook.Change) error { return c.DeleteSite(s.Site.ID) }); err != nil {
			return "", err
		}
		if backup != "" {
			return l.T("tui.home.deleted_backup", "Site", textsafe.Line(s.Site.Name), "Backup", backup), nil
		}
		return l.T("tui.home.deleted", "Site", textsafe.Line(s.Site.Name)), nil
	}})
}

// siteForm creates a site (s nil) or edits one.
func (h *home) siteForm(s *workbook.Site) Screen {
	l := h.env.user
	in := workbook.SiteInput{Language: questionnaire.English}
	if code := l.Code(); h.env.cat.Has(code) {
		in.Language = code // a new site speaks as its facilitator does, until changed
	}
	title, done := l.T("tui.home.new_site"), l.T("tui.home.site_created")
	if s != nil {
		in = workbook.SiteInput{ID: s.ID, Name: s.Name, Organisation: s.Organisation, Area: s.Area, Context: s.Context, Language: s.Language}
		title, done = l.T("tui.home.edit_site", "Site", textsafe.Line(s.Name)), l.T("tui.home.site_changed")
	}
	fields := []*field{
		textF("name", l.T("tui.home.field_name"), in.Name, workbook.MaxShortText),
		textF("organisation", l.T("tui.home.field_organisation"), in.Organisation, workbook.MaxShortText),
		textF("area", l.T("tui.home.field_area"), in.Area, workbook.MaxShortText),
		areaF("context", l.T("tui.home.field_context"), in.Context, workbook.MaxLongText),
		choiceF("language", l.T("tui.home.field_language"), h.languages(in.Language), in.Language),
	}
	var qopts []option
	if s == nil && len(h.qs) > 1 {
		for _, q := range h.qs {
			qopts = append(qopts, option{q.Hash, fmt.Sprintf("%s %s", q.ID, q.Version)})
		}
		fields = append(fields, choiceF("questionnaire", l.T("tui.home.field_questionnaire"), qopts, h.qs[0].Hash))
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
	l := h.env.user
	steps := make([]string, 0, len(workbook.Steps))
	for _, s := range workbook.Steps {
		steps = append(steps, stepName(l, s))
	}
	b.WriteString(st.Title.Render(l.T("tui.home.sites")) + "  " + st.Muted.Render(strings.Join(steps, " → ")) + "\n")
	b.WriteString(h.find.line(l, st, h.width, len(h.rows), len(h.sites)) + "\n")
	switch {
	case h.loadError != "":
		b.WriteString(st.Error.Render(l.T("tui.home.load_failed", "Err", h.loadError)) + "\n")
		return b.String()
	case !h.loaded:
		b.WriteString(st.Muted.Render(l.T("tui.home.reading")))
		return b.String()
	case len(h.sites) == 0:
		b.WriteString(l.T("tui.home.empty", "Key", st.Key.Render("a")) + "\n")
		b.WriteString(st.Muted.Render(l.T("tui.home.empty_demo")))
		return b.String()
	}
	// The name takes what the progress columns leave, up to a third of
	// the window; the partnership has the rest.
	nameW := min(max(h.width-44, 16), max(h.width/3, 28))
	b.WriteString(st.Muted.Render(pad("  "+l.T("tui.home.col_site"), nameW+2)+" "+l.T("tui.home.col_steps")+"  "+l.T("tui.home.col_partnership")) + "\n")
	if len(h.rows) == 0 {
		b.WriteString(h.find.none(l, st, h.width) + "\n")
	}
	start, end := h.list.rows(len(h.rows), h.room())
	for i := start; i < end; i++ {
		s := h.sites[h.rows[i]]
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
		about := strings.Trim(textsafe.Line(s.Site.Organisation)+" · "+textsafe.Line(s.Site.Area), " ·") + " · " + plural(l, s.Assessments, "tui.home.assessments")
		b.WriteString("\n" + st.Muted.Render(truncate(strings.TrimPrefix(about, " · "), h.width)+"\n"+truncate(l.T("tui.home.legend"), h.width)))
	}
	return b.String()
}

// stripStyles removes styling so a selected row can be drawn reversed as
// one piece.
func stripStyles(s string) string { return ansiStrip(s) }

// languages are the languages a site can speak: those of the catalogue,
// each named in its own words, with the site's own (cur) when the
// catalogue lacks it, so that editing a site never changes it.
func (h *home) languages(cur string) []option {
	var opts []option
	have := false
	for _, code := range h.env.cat.Languages() {
		opts = append(opts, option{code, h.env.cat.For(code).T("language.name")})
		have = have || code == cur
	}
	if !have && cur != "" {
		opts = append(opts, option{cur, cur})
	}
	return opts
}
