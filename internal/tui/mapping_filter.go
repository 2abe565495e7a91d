package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The Map's filters: the text typed after /, and three chosen from a
// short list of values with their counts.

// The three choosable filters, by index into mapScreen.filters.
const (
	filterDirectorate = iota
	filterArea
	filterCommunity
)

// filterIDs name the filters in the catalogue, chooserIDs their
// choosers' headings.
var (
	filterIDs  = [3]string{"tui.map.filter.directorate", "tui.map.filter.area", "tui.map.filter.community"}
	chooserIDs = [3]string{"tui.map.choose.directorate", "tui.map.choose.area", "tui.map.choose.community"}
	allIDs     = [3]string{"tui.map.all_directorates", "tui.map.all_areas", "tui.map.all_communities"}
)

// filter is one choosable filter: off, or on with a value ("" is
// unassigned, no area, or community type not known).
type filter struct {
	on    bool
	value string
	label string
}

// chooser is a short list to pick a filter value from.
type chooser struct {
	which int
	opts  []filterOption
	win   listWindow
}

// filterOption is one value of the chooser, with how many partnerships
// have it.
type filterOption struct {
	f     filter
	count int
}

// updateFilter takes a key or a paste while the text filter has the
// keyboard, filtering as it is typed.
func (m *mapScreen) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := m.find.update(msg, m.env.keys)
	if changed {
		m.refresh(m.current())
	}
	return cmd
}

// openChooser lists the values of one filter with how many partnerships
// have each.
func (m *mapScreen) openChooser(which int) {
	opts := []filterOption{{f: filter{label: m.l.T(allIDs[which])}, count: len(m.all)}}
	switch which {
	case filterDirectorate:
		for _, c := range m.counts {
			label := c.Name
			switch {
			case c.ID == "":
				label = m.l.T("tui.map.unassigned")
			case !c.Known:
				label = m.l.T("tui.map.not_in_list", "ID", c.ID)
			}
			opts = append(opts, filterOption{f: filter{on: true, value: c.ID, label: label}, count: c.Count})
		}
	case filterArea:
		byArea := map[string]int{}
		for _, p := range m.all {
			byArea[p.Area]++
		}
		areas := make([]string, 0, len(byArea))
		for a := range byArea {
			if a != "" {
				areas = append(areas, a)
			}
		}
		m.l.Sort(areas)
		for _, a := range areas {
			opts = append(opts, filterOption{f: filter{on: true, value: a, label: a}, count: byArea[a]})
		}
		if n := byArea[""]; n > 0 {
			opts = append(opts, filterOption{f: filter{on: true, label: m.l.T("tui.map.no_area")}, count: n})
		}
	case filterCommunity:
		counts := analysis.CountByCommunity(m.all)
		for _, c := range append(slices.Clone(workbook.CommunityTypes), workbook.CommunityUnknown) {
			opts = append(opts, filterOption{f: filter{on: true, value: string(c), label: communityName(m.l, c)}, count: counts[c]})
		}
	}
	m.choose = chooser{which: which, opts: opts}
	cur := m.filters[which]
	for i, o := range opts {
		if o.f.on == cur.on && o.f.value == cur.value {
			m.choose.win.cursor = i
		}
	}
	m.mode = mapChoose
}

func (m *mapScreen) updateChoose(msg tea.KeyPressMsg) tea.Cmd {
	k := m.env.keys
	c := &m.choose
	switch {
	case c.win.keys(msg, k, len(c.opts), m.tableRoom()):
	case key.Matches(msg, k.ChooseValue):
		m.filters[c.which] = c.opts[c.win.cursor].f
		m.mode = mapBrowse
		m.refresh(m.current())
		return status(m.l.N("tui.map.n_shown", len(m.all), "Shown", len(m.rows)))

	case key.Matches(msg, k.CancelChoice):
		m.mode = mapBrowse
	}
	return nil
}
