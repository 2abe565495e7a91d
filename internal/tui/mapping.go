package tui

import (
	"cmp"
	"slices"

	"golang.org/x/text/collate"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// mapScreen is step 1: the site's mapped partnerships as a table that
// sorts and filters, with the counts by directorate beside it. Partnerships
// are added and edited with a form and deleted after a confirmation.
type mapScreen struct {
	env          *env
	siteID       string
	assessmentID string // the assessment the site screen showed, for resuming

	site       workbook.Site
	l          *i18n.Lang        // the site's language
	coll       *collate.Collator // the language's order, for sorting by name
	all        []workbook.Partnership
	hay        []string          // the searchable text (searchKey), by index of all
	lowTitle   []string          // the titles' collation keys, by index of all, for sorting
	selectedBy map[string]string // partnership id -> title of the assessment that selected it
	counts     []analysis.DirectorateCount
	total      int
	rows       []int          // indices into all: filtered, then sorted
	shown      map[string]int // directorate id -> rows shown, while a filter is on

	sortBy  mapSort
	reverse bool
	find    listFilter // the text filter
	filters [3]filter  // by directorate, area, community type

	win           listWindow // the rows' cursor and scroll
	want          string     // a partnership just saved by the form, for the cursor
	mode          mapMode
	choose        chooser
	confirm       confirmPrompt // asks before a partnership is deleted
	loaded        bool
	width, height int
	err           string
}

// mapMode is what the keys of the Map do now.
type mapMode int

const (
	mapBrowse mapMode = iota
	mapChoose         // choosing a directorate, area or community type
)

// mapSort is the column the table is sorted by.
type mapSort int

const (
	sortTitle mapSort = iota
	sortDirectorate
	sortArea
	sortCommunity
	sortStart
	sortOngoing
	mapSorts
)

// mapSortIDs name the sort columns in the catalogue.
var mapSortIDs = [mapSorts]string{"tui.map.sort.title", "tui.map.sort.directorate", "tui.map.sort.area", "tui.map.sort.community",
	"tui.map.sort.start", "tui.map.sort.ongoing"}

func newMapScreen(e *env, siteID string) Screen {
	return &mapScreen{env: e, siteID: siteID}
}

type mapLoadedMsg struct {
	site         workbook.Site
	ps           []workbook.Partnership
	assessments  []workbook.Assessment
	assessmentID string
	err          error
}

func (m *mapScreen) load() tea.Msg {
	var msg mapLoadedMsg
	msg.err = m.env.svc.Read(func(r *workbook.Reader) (err error) {
		if msg.site, err = r.Site(m.siteID); err != nil {
			return err
		}
		if msg.ps, err = r.Partnerships(msg.site.ID); err != nil {
			return err
		}
		if msg.assessments, err = r.Assessments(msg.site.ID); err != nil {
			return err
		}
		// The site screen remembered which assessment it showed: keep it
		// for resuming here.
		if st, err := r.UIState(); err == nil && st.SiteID == m.siteID {
			msg.assessmentID = st.AssessmentID
		}
		return nil
	})
	return msg
}

func (m *mapScreen) Init() tea.Cmd { return m.load }

// Lang is the site's language, which the screen speaks.
func (m *mapScreen) Lang() *i18n.Lang { return m.l }

func (m *mapScreen) Title() string { return m.l.T("tui.map.title") }

func (m *mapScreen) Typing() bool { return m.find.typing || m.mode == mapChoose }

// TakesEsc: esc takes the filters off while any is on, rather than going
// back.
func (m *mapScreen) TakesEsc() bool {
	return m.mode == mapBrowse && !m.find.typing && !m.confirm.open() && m.filtering()
}

func (m *mapScreen) SetSize(w, h int) {
	m.width, m.height = w, h
	m.find.setWidth(w)
	m.scroll()
}

// Place is where the facilitator is, for resuming.
func (m *mapScreen) Place() workbook.UIState {
	return workbook.UIState{SiteID: m.siteID, AssessmentID: m.assessmentID, Screen: workbook.StepMap.Key()}
}

func (m *mapScreen) Keys() []key.Binding {
	k := m.env.keysIn(m.l)
	switch {
	case m.find.typing:
		return m.find.keys(k)
	case m.mode == mapChoose:
		return []key.Binding{k.Up, k.Down, k.ChooseValue, k.CancelChoice}
	}
	if m.confirm.open() {
		return m.confirm.keys(k)
	}
	keys := []key.Binding{k.Add, k.ImportList}
	if len(m.all) > 0 {
		keys = []key.Binding{k.Up, k.Down, k.Add, k.ImportList, k.Edit, k.Delete, k.Sort, k.Reverse, k.FilterText, k.ByDirectorate, k.ByArea, k.ByCommunity}
		if m.filtering() {
			keys = append(keys, k.NoFilters)
		}
		keys = append(keys, k.PageDown, k.PageUp, k.Top, k.Bottom)
	}
	return keys
}

func (m *mapScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case mapLoadedMsg:
		m.loaded = true
		if msg.err != nil {
			m.err = msg.err.Error()
			return m, nil
		}
		m.err = ""
		m.apply(msg)
		return m, nil
	case reloadMsg:
		return m, m.load
	case undoneMsg:
		m.want = msg.step.at // the cursor goes to it once the map reloads
	case saveDoneMsg:
		if msg.job.owner == m {
			return m, m.load
		}
	case tea.KeyPressMsg:
		if !m.loaded || m.err != "" {
			return m, nil
		}
		switch {
		case m.find.typing:
			return m, m.updateFilter(msg)
		case m.mode == mapChoose:
			return m, m.updateChoose(msg)
		}
		if m.confirm.open() {
			return m, m.confirm.answer(msg, m.env.keys)
		}
		return m, m.updateBrowse(msg)
	case tea.PasteMsg:
		if m.find.typing {
			return m, m.updateFilter(msg)
		}
	}
	return m, nil
}

// apply takes in what the store holds, keeping the cursor on the same
// partnership.
func (m *mapScreen) apply(msg mapLoadedMsg) {
	keep := m.current()
	if m.want != "" {
		keep, m.want = m.want, ""
	}
	m.site, m.all = msg.site, msg.ps
	m.l = m.env.lang(m.site.Language)
	for _, a := range msg.assessments {
		if a.ID == msg.assessmentID {
			m.assessmentID = a.ID
		}
	}
	m.selectedBy = map[string]string{}
	for i, a := range msg.assessments {
		if a.PartnershipID != "" {
			title := a.Title
			if title == "" {
				title = m.l.T("tui.map.assessment_n", "N", i+1)
			}
			m.selectedBy[a.PartnershipID] = title
		}
	}
	m.hay = make([]string, len(m.all))
	m.lowTitle = make([]string, len(m.all))
	m.coll = m.l.Collator()
	var buf collate.Buffer
	for i, p := range m.all {
		m.hay[i] = searchKey(p.Title, p.Area, m.dirName(p.Directorate), p.Notes)
		m.lowTitle[i] = string(m.coll.KeyFromString(&buf, p.Title))
		buf.Reset()
	}
	m.counts, m.total = analysis.CountByDirectorate(m.site.Directorates, m.all)
	m.refresh(keep)
}

// current returns the id of the partnership under the cursor, or "".
func (m *mapScreen) current() string {
	if p, ok := m.selected(); ok {
		return p.ID
	}
	return ""
}

func (m *mapScreen) selected() (workbook.Partnership, bool) {
	if m.win.cursor < 0 || m.win.cursor >= len(m.rows) {
		return workbook.Partnership{}, false
	}
	return m.all[m.rows[m.win.cursor]], true
}

// dirName names a directorate id as the site does; an id the site no
// longer lists is shown as it is.
func (m *mapScreen) dirName(id string) string {
	if id == "" {
		return m.l.T("tui.map.unassigned")
	}
	for _, d := range m.site.Directorates {
		if d.ID == id {
			return d.Name
		}
	}
	return id
}

func (m *mapScreen) filtering() bool {
	return m.find.on() || m.filters[0].on || m.filters[1].on || m.filters[2].on
}

// refresh filters and sorts the rows, then puts the cursor on keep when it
// is still shown.
func (m *mapScreen) refresh(keep string) {
	m.rows = m.rows[:0]
	for i, p := range m.all {
		if !m.find.match(m.hay[i]) {
			continue
		}
		if f := m.filters[filterDirectorate]; f.on && p.Directorate != f.value {
			continue
		}
		if f := m.filters[filterArea]; f.on && p.Area != f.value {
			continue
		}
		if f := m.filters[filterCommunity]; f.on && string(p.Community) != f.value {
			continue
		}
		m.rows = append(m.rows, i)
	}
	slices.SortStableFunc(m.rows, m.compare)
	m.shown = nil
	if m.filtering() {
		m.shown = map[string]int{}
		for _, i := range m.rows {
			m.shown[m.all[i].Directorate]++
		}
	}
	for j, i := range m.rows {
		if m.all[i].ID == keep {
			m.win.cursor = j
		}
	}
	m.win.cursor = min(max(m.win.cursor, 0), max(len(m.rows)-1, 0))
	m.scroll()
}

// compare orders two partnerships (indices into all) by the sort column,
// then by title. Empty values (no directorate, area, community type or
// start year) come last in either direction.
func (m *mapScreen) compare(a, b int) int {
	pa, pb := m.all[a], m.all[b]
	c, emptyA, emptyB := 0, false, false
	switch m.sortBy {
	case sortDirectorate:
		emptyA, emptyB = pa.Directorate == "", pb.Directorate == ""
		c = m.coll.CompareString(m.dirName(pa.Directorate), m.dirName(pb.Directorate))
	case sortArea:
		emptyA, emptyB = pa.Area == "", pb.Area == ""
		c = m.coll.CompareString(pa.Area, pb.Area)
	case sortCommunity:
		emptyA, emptyB = pa.Community == "", pb.Community == ""
		c = cmp.Compare(pa.Community, pb.Community)
	case sortStart:
		emptyA, emptyB = pa.StartYear == 0, pb.StartYear == 0
		c = cmp.Compare(pa.StartYear, pb.StartYear)
	case sortOngoing:
		emptyA, emptyB = pa.OngoingUnknown, pb.OngoingUnknown
		c = -cmpBool(pa.Ongoing, pb.Ongoing)
	}
	switch {
	case emptyA && !emptyB:
		return 1
	case emptyB && !emptyA:
		return -1
	case emptyA && emptyB:
		c = 0
	}
	if m.reverse {
		c = -c
	}
	if c == 0 {
		c = cmp.Or(cmp.Compare(m.lowTitle[a], m.lowTitle[b]), cmp.Compare(pa.ID, pb.ID))
	}
	return c
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// tableRoom is how many rows of the table fit.
func (m *mapScreen) tableRoom() int {
	return max(m.height-m.chromeHeight(), 1)
}

// scroll keeps the cursor inside the rows shown.
func (m *mapScreen) scroll() { m.win.fit(len(m.rows), m.tableRoom()) }

func (m *mapScreen) updateBrowse(msg tea.KeyPressMsg) tea.Cmd {
	k := m.env.keys
	if m.win.keys(msg, k, len(m.rows), m.tableRoom()) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Add):
		m.env.open(m.partnershipForm(nil))
	case key.Matches(msg, k.ImportList):
		m.env.open(newMapImport(m.env, m.site, m.l))
	case key.Matches(msg, k.Edit), key.Matches(msg, k.Open):
		if p, ok := m.selected(); ok {
			m.env.open(m.partnershipForm(&p))
		}
	case key.Matches(msg, k.Delete):
		if _, ok := m.selected(); ok {
			m.confirm.ask(m.confirmText(), m.l.T("tui.map.kept"), m.deleteSelected)
		}
	case key.Matches(msg, k.Sort):
		m.sortBy = (m.sortBy + 1) % mapSorts
		m.refresh(m.current())
		return status(m.l.T("tui.map.sorted_by", "Column", m.l.T(mapSortIDs[m.sortBy])))
	case key.Matches(msg, k.Reverse):
		m.reverse = !m.reverse
		m.refresh(m.current())
	case key.Matches(msg, k.Filter):
		return m.find.open(m.l.T("tui.map.filter_placeholder"), m.width-14)
	case key.Matches(msg, k.ByDirectorate):
		m.openChooser(filterDirectorate)
	case key.Matches(msg, k.ByArea):
		m.openChooser(filterArea)
	case key.Matches(msg, k.ByCommunity):
		m.openChooser(filterCommunity)
	case key.Matches(msg, k.NoFilters), key.Matches(msg, k.ClearFilter) && m.filtering():
		m.find.clear()
		m.filters = [3]filter{}
		m.refresh(m.current())
		return status(m.l.T("tui.map.filters_cleared"))
	}
	return nil
}

// deleteSelected deletes the partnership under the cursor.
func (m *mapScreen) deleteSelected() tea.Cmd {
	p, ok := m.selected()
	if !ok {
		return nil
	}
	what := m.l.T("tui.map.deleted", "Title", p.Title)
	fn, undo := deletePartnership(m.siteID, p.ID, what)
	return m.env.save(m, saveJob{key: "delete/" + p.ID, what: what, fn: fn, undo: undo})
}
