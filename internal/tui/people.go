package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// people manages the participants of one group: insiders for the workbook
// dialogue, outsiders for verification. Names are optional. / filters
// the list by what a row shows: the person's label (the name, or "#3"
// and the role when there is none), role, organisation and group.
type people struct {
	env          *env
	lang         *i18n.Lang // the site's, once read; nil until then
	siteID       string
	assessmentID string
	group        workbook.Group
	list         []workbook.Participant
	hay          []string // the rows' searchable text (searchKey), by index of list
	rows         []int    // indices into list that the filter shows
	find         listFilter
	answered     map[string]int
	win          listWindow    // over rows
	confirm      confirmPrompt // asks before a participant is removed
	loaded       bool
	width        int
	height       int
	err          string
}

func newPeople(e *env, siteID, assessmentID string, g workbook.Group) Screen {
	return &people{env: e, siteID: siteID, assessmentID: assessmentID, group: g}
}

func (p *people) Init() tea.Cmd { return loadAssessment(p.env, p.siteID, p.assessmentID) }

func (p *people) Title() string {
	if p.group == workbook.Outsider {
		return p.l().T("tui.people.title_outsiders")
	}
	return p.l().T("tui.people.title_insiders")
}

// Lang is the site's language, once the site is read.
func (p *people) Lang() *i18n.Lang { return p.lang }

// l is the language the screen speaks now: the site's, or the user's
// until the site is read.
func (p *people) l() *i18n.Lang {
	if p.lang == nil {
		return p.env.user
	}
	return p.lang
}

func (p *people) Typing() bool     { return p.find.typing }
func (p *people) SetSize(w, h int) { p.width, p.height = w, h; p.find.setWidth(w) }

// TakesEsc: esc takes the filter off while it is on, rather than going
// back.
func (p *people) TakesEsc() bool { return !p.find.typing && !p.confirm.open() && p.find.on() }

func (p *people) Keys() []key.Binding {
	k := p.env.keysIn(p.lang)
	switch {
	case p.find.typing:
		return p.find.keys(k)
	case p.confirm.open():
		return p.confirm.keys(k)
	case len(p.list) == 0:
		return []key.Binding{k.Add}
	}
	keys := []key.Binding{k.Up, k.Down, k.Add, k.Edit, k.Delete, k.Filter}
	if p.find.on() {
		keys = append(keys, k.ClearFilter)
	}
	return keys
}

// selected is the person under the cursor and their number in the whole
// list (from 1), which their label shows when they have no name.
func (p *people) selected() (workbook.Participant, int, bool) {
	if p.win.cursor < 0 || p.win.cursor >= len(p.rows) {
		return workbook.Participant{}, 0, false
	}
	i := p.rows[p.win.cursor]
	return p.list[i], i + 1, true
}

// refresh filters the list and puts the cursor on the person keep (an
// id) when they are shown.
func (p *people) refresh(keep string) {
	p.rows = p.find.shown(p.rows, p.hay)
	if j := slices.IndexFunc(p.rows, func(i int) bool { return p.list[i].ID == keep }); j >= 0 {
		p.win.cursor = j
	}
	p.win.fit(len(p.rows), p.room())
}

// current is the id of the person under the cursor, or "".
func (p *people) current() string {
	if x, _, ok := p.selected(); ok {
		return x.ID
	}
	return ""
}

// updateFilter takes a key or a paste while the filter has the keyboard,
// filtering as it is typed.
func (p *people) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := p.find.update(msg, p.env.keys)
	if changed {
		p.refresh(p.current())
	}
	return cmd
}

// room is how many people the list shows.
func (p *people) room() int { return max(p.height-6, 1) }

func (p *people) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := p.env.keys
	switch msg := msg.(type) {
	case assessmentLoadedMsg:
		p.loaded = true
		if msg.err != nil {
			p.err = msg.err.Error()
			return p, nil
		}
		keep := p.current()
		p.lang = p.env.lang(msg.data.Site.Language)
		p.list = p.list[:0]
		for _, x := range msg.data.Participants {
			if x.Group == p.group {
				p.list = append(p.list, x)
			}
		}
		p.answered = map[string]int{}
		for _, r := range msg.data.Responses {
			if r.Answered() {
				p.answered[r.ParticipantID]++
			}
		}
		// What a row shows, and only that: a name the row does not show
		// is not searched.
		l, group := p.l(), p.l().T("group.insider")
		if p.group == workbook.Outsider {
			group = l.T("group.outsider")
		}
		p.hay = make([]string, len(p.list))
		for i, x := range p.list {
			p.hay[i] = searchKey(personLabel(l, x, i+1), roleName(l, x.Role), x.Organisation, group)
		}
		p.refresh(keep)
	case reloadMsg:
		return p, p.Init()
	case saveDoneMsg:
		if msg.job.owner == p {
			return p, p.Init()
		}
	case tea.PasteMsg:
		if p.find.typing {
			return p, p.updateFilter(msg)
		}
	case tea.KeyPressMsg:
		if p.find.typing {
			return p, p.updateFilter(msg)
		}
		if p.confirm.open() {
			return p, p.confirm.answer(msg, k)
		}
		if p.win.keys(msg, k, len(p.rows), p.room()) {
			return p, nil
		}
		switch {
		case key.Matches(msg, k.Filter) && len(p.list) > 0:
			return p, p.find.open(p.l().T("tui.people.filter_placeholder"), p.width-14)
		case key.Matches(msg, k.ClearFilter) && p.find.on():
			p.find.clear()
			p.refresh(p.current())
		case key.Matches(msg, k.Add):
			p.env.open(p.form(nil))
		case key.Matches(msg, k.Edit), key.Matches(msg, k.Open):
			if x, _, ok := p.selected(); ok {
				p.env.open(p.form(&x))
			}
		case key.Matches(msg, k.Delete):
			if x, n, ok := p.selected(); ok {
				l := p.l()
				who := personLabel(l, x, n)
				p.confirm.ask(l.N("tui.people.remove_ask", p.answered[x.ID], "Who", who),
					l.T("tui.people.remove_kept"), func() tea.Cmd {
						what := l.T("tui.people.removed", "Who", who)
						fn, undo := deleteParticipant(p.siteID, p.assessmentID, x.ID, what)
						return p.env.save(p, saveJob{what: what, fn: fn, undo: undo})
					})
			}
		}
	}
	return p, nil
}

// roleOptions lists the role levels, those usual for the group first.
func (p *people) roleOptions() []option {
	var out []option
	for _, r := range workbook.GroupRoles(p.group) {
		out = append(out, option{string(r), roleName(p.l(), r)})
	}
	return out
}

func (p *people) form(x *workbook.Participant) Screen {
	l := p.l()
	cur := workbook.Participant{SiteID: p.siteID, AssessmentID: p.assessmentID, Group: p.group}
	title, done := l.T("tui.people.add_insider"), l.T("tui.people.added")
	if p.group == workbook.Outsider {
		title = l.T("tui.people.add_outsider")
	}
	if x != nil {
		cur = *x
		title, done = l.T("tui.people.edit"), l.T("tui.people.changed")
	}
	fields := []*field{
		textF("name", l.T("tui.people.field_name"), cur.Name, workbook.MaxShortText),
		choiceF("role level", l.T("tui.people.field_role"), p.roleOptions(), string(cur.Role)),
		textF("organisation", l.T("tui.people.field_organisation"), cur.Organisation, workbook.MaxShortText),
	}
	undo := &undoStep{on: p, what: done}
	fm := newForm(p.env, l, title, fields, done, func(v map[string]string) func(*workbook.Change) error {
		np := cur
		np.Name, np.Role, np.Organisation = v["name"], workbook.Role(v["role level"]), v["organisation"]
		return func(c *workbook.Change) error {
			_, err := saveParticipant(undo, c, np)
			return err
		}
	})
	fm.undo = undo
	return fm
}

func (p *people) View() string {
	st, l := p.env.styles, p.l()
	var b strings.Builder
	who := l.T("tui.people.about_insiders")
	if p.group == workbook.Outsider {
		who = l.T("tui.people.about_outsiders")
	}
	b.WriteString(st.Title.Render(truncate(who, p.width)) + "\n")
	b.WriteString(p.find.line(l, st, p.width, len(p.rows), len(p.list)) + "\n")
	switch {
	case p.err != "":
		return b.String() + st.Error.Render(l.T("tui.people.load_failed", "Err", p.err))
	case !p.loaded:
		return b.String() + st.Muted.Render(l.T("tui.site.reading"))
	case len(p.list) == 0:
		return b.String() + l.T("tui.people.empty", "Key", st.Key.Render("a"))
	}
	// The role column is as wide as the language's widest role, at least
	// 20; the name column grows twice as fast, as a name may be "#n
	// role".
	roleW := 20
	for _, r := range p.roleOptions() {
		roleW = max(roleW, ansi.StringWidth(r.label))
	}
	nameW := 22 + 2*(roleW-20)
	if len(p.rows) == 0 {
		b.WriteString(p.find.none(l, st, p.width) + "\n")
	}
	start, end := p.win.rows(len(p.rows), p.room())
	for j := start; j < end; j++ {
		i := p.rows[j]
		x := p.list[i]
		line := fmt.Sprintf("%-3d %s %s %s", i+1, pad(personLabel(l, x, i+1), nameW), pad(roleName(l, x.Role), roleW), pad(x.Organisation, max(p.width-66-3*(roleW-20), 8)))
		line += " " + l.N("tui.people.answers", p.answered[x.ID])
		if x.Booklet != 0 {
			line += "  " + l.T("tui.booklet.number_col", "Number", x.Booklet)
		}
		if j == p.win.cursor {
			b.WriteString(st.Selected.Render("› "+pad(line, max(p.width-3, 10))) + "\n")
		} else {
			b.WriteString("  " + truncate(line, p.width-2) + "\n")
		}
	}
	b.WriteString("\n" + plural(l, len(p.list), p.countID()))
	if p.confirm.open() {
		b.WriteString("\n" + p.confirm.view(st, p.width))
	}
	return b.String()
}

// countID is the message that counts the group's people.
func (p *people) countID() string {
	if p.group == workbook.Outsider {
		return "tui.people.count_outsiders"
	}
	return "tui.people.count_insiders"
}
