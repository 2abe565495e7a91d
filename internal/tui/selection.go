package tui

import (
	"cmp"
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// selectScreen is step 2: the criteria matrix, partnerships by the
// questionnaire's criteria, marked with single keys, with a note per cell;
// and the choice of the partnership the assessment is about, with why.
type selectScreen struct {
	env          *env
	siteID       string
	assessmentID string

	data     *workbook.AssessmentData
	l        *i18n.Lang // the site's language, for what Engage says
	lang     string     // the assessment's, for the questionnaire's texts
	criteria []questionnaire.Criterion
	all      []workbook.Partnership
	index    map[string]int // partnership id -> index into all
	hay      []string       // the titles' searchable text (searchKey), by index of all
	rows     []int          // indices into all that are shown

	onlyAll bool       // show only the partnerships meeting every criterion
	find    listFilter // the text filter, on the titles

	cursor, col, offset int
	mode                selMode
	input               textinput.Model // a cell's note

	pending map[string]cellChange   // by cell key: what the screen shows until saved
	jobs    map[string][]cellChange // by saveJob key: the cells a job saves
	jobN    int
	stale   bool // the store changed while saves were queued: read it after them

	// confirm asks before another partnership is selected once answers
	// were given about the one selected.
	confirm confirmPrompt

	width, height int
	err           string
}

type selMode int

const (
	selBrowse selMode = iota
	selNote           // typing the note of a cell
)

// cellChange is one cell of the matrix as it is to be saved.
type cellChange struct {
	pid, cid string
	mark     workbook.CriterionMark
}

func cellKey(pid, cid string) string { return pid + "/" + cid }

func newSelectScreen(e *env, siteID, assessmentID string) Screen {
	return &selectScreen{env: e, siteID: siteID, assessmentID: assessmentID,
		pending: map[string]cellChange{}, jobs: map[string][]cellChange{}}
}

func (s *selectScreen) Init() tea.Cmd { return loadAssessment(s.env, s.siteID, s.assessmentID) }

// Lang is the site's language, which the screen speaks.
func (s *selectScreen) Lang() *i18n.Lang { return s.l }

func (s *selectScreen) Title() string { return s.l.T("tui.select.title") }

func (s *selectScreen) Typing() bool { return s.mode != selBrowse || s.find.typing }

// TakesEsc: esc takes the text filter off while it is on, rather than
// going back.
func (s *selectScreen) TakesEsc() bool {
	return s.mode == selBrowse && !s.find.typing && !s.confirm.open() && s.find.on()
}

func (s *selectScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	s.input.SetWidth(max(w-20, 10))
	s.find.setWidth(w)
	s.scroll()
}

// Place is where the facilitator is, for resuming.
func (s *selectScreen) Place() workbook.UIState {
	return workbook.UIState{SiteID: s.siteID, AssessmentID: s.assessmentID, Screen: workbook.StepSelect.Key()}
}

func (s *selectScreen) Keys() []key.Binding {
	k := s.env.keysIn(s.l)
	if s.confirm.open() {
		return s.confirm.keys(k)
	}
	switch {
	case s.find.typing:
		return s.find.keys(k)
	case s.mode == selNote:
		return []key.Binding{k.SaveNote, k.Cancel}
	}
	if len(s.all) == 0 {
		return nil
	}
	keys := []key.Binding{k.MarkMet, k.NotMet, k.MarkUnknown, k.MarkClear, k.Cycle, k.CellNote,
		k.MoveCell, k.Choose, k.OnlyAll, k.FilterTitle}
	if s.suggestedCriterion() >= 0 {
		keys = append(keys, k.Suggest, k.SuggestAll)
	}
	return append(keys, k.PageDown, k.PageUp, k.Top, k.Bottom)
}

// apply takes in what the store holds, keeping the cursor on the same
// partnership.
func (s *selectScreen) apply(d *workbook.AssessmentData) {
	keep := s.currentID()
	s.data = d
	s.lang = d.Assessment.Language
	s.l = s.env.lang(d.Site.Language)
	s.criteria = d.Questionnaire.Criteria
	// In the Map's order (titles in the language's order), so a
	// partnership is where the facilitator saw it there.
	s.all = slices.Clone(d.Partnerships)
	coll := s.l.Collator()
	slices.SortStableFunc(s.all, func(a, b workbook.Partnership) int {
		return cmp.Or(coll.CompareString(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	s.index = make(map[string]int, len(s.all))
	s.hay = make([]string, len(s.all))
	for i, p := range s.all {
		s.index[p.ID] = i
		s.hay[i] = searchKey(p.Title)
	}
	s.col = min(max(s.col, 0), max(len(s.criteria)-1, 0))
	s.refresh(keep)
}

func (s *selectScreen) currentID() string {
	if p, ok := s.current(); ok {
		return p.ID
	}
	return ""
}

func (s *selectScreen) current() (workbook.Partnership, bool) {
	if s.cursor < 0 || s.cursor >= len(s.rows) {
		return workbook.Partnership{}, false
	}
	return s.all[s.rows[s.cursor]], true
}

// refresh works out which partnerships are shown and puts the cursor on
// keep when it is one of them.
func (s *selectScreen) refresh(keep string) {
	s.rows = s.rows[:0]
	for i, p := range s.all {
		if !s.find.match(s.hay[i]) {
			continue
		}
		if s.onlyAll && !analysis.MeetsAll(s.criteria, p) {
			continue
		}
		s.rows = append(s.rows, i)
	}
	for j, i := range s.rows {
		if s.all[i].ID == keep {
			s.cursor = j
		}
	}
	s.cursor = min(max(s.cursor, 0), max(len(s.rows)-1, 0))
	s.scroll()
}

// mark returns a cell as the screen shows it: the value being saved, else
// the stored one.
func (s *selectScreen) mark(p workbook.Partnership, cid string) (workbook.CriterionMark, bool) {
	if c, ok := s.pending[cellKey(p.ID, cid)]; ok {
		return c.mark, true
	}
	return p.Criteria[cid], false
}

// suggestedCriterion is the index of the criterion the domain can suggest
// a mark for (the one with a cut-off year), or -1.
func (s *selectScreen) suggestedCriterion() int {
	for i, c := range s.criteria {
		if c.CutoffYear > 0 {
			return i
		}
	}
	return -1
}

// suggestion is the suggested mark of a cell that has none yet.
func (s *selectScreen) suggestion(p workbook.Partnership, c questionnaire.Criterion) workbook.Mark {
	if m, _ := s.mark(p, c.ID); m.Mark != workbook.NotMarked {
		return workbook.NotMarked
	}
	return analysis.SuggestOngoing(c, p)
}

func (s *selectScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case assessmentLoadedMsg:
		if msg.err != nil {
			s.err = msg.err.Error()
			return s, nil
		}
		s.err = ""
		s.apply(msg.data)
		return s, nil
	case reloadMsg:
		if s.env.saves.busy() {
			s.stale = true
			return s, nil
		}
		return s, s.Init()
	case saveDoneMsg:
		return s, s.finished(msg.job, msg.err == nil)
	case tea.KeyPressMsg:
		if s.data == nil {
			return s, nil
		}
		if s.confirm.open() {
			return s, s.confirm.answer(msg, s.env.keys)
		}
		switch {
		case s.find.typing:
			return s, s.updateFilter(msg)
		case s.mode == selNote:
			return s, s.updateNote(msg)
		}
		return s, s.updateBrowse(msg)
	case tea.PasteMsg:
		switch {
		case s.find.typing:
			return s, s.updateFilter(msg)
		case s.mode == selNote:
			var cmd tea.Cmd
			s.input, cmd = s.input.Update(msg)
			return s, cmd
		}
	}
	return s, nil
}

// finished takes in the end of one of this screen's saves: a saved cell
// is now what the store holds; a failed one goes back to the stored value.
func (s *selectScreen) finished(j saveJob, ok bool) tea.Cmd {
	if j.owner != s {
		return nil
	}
	for _, c := range s.jobs[j.key] {
		k := cellKey(c.pid, c.cid)
		if ok {
			if i, found := s.index[c.pid]; found {
				p := &s.all[i]
				crit := make(map[string]workbook.CriterionMark, len(p.Criteria)+1)
				for id, m := range p.Criteria {
					crit[id] = m
				}
				if c.mark == (workbook.CriterionMark{}) {
					delete(crit, c.cid)
				} else {
					crit[c.cid] = c.mark
				}
				p.Criteria = crit
			}
		}
		if cur, found := s.pending[k]; found && cur == c {
			delete(s.pending, k)
		}
	}
	delete(s.jobs, j.key)
	if !ok {
		s.stale = true
	}
	if s.stale && !s.env.saves.busy() {
		s.stale = false
		return s.Init()
	}
	if ok && s.onlyAll {
		s.refresh(s.currentID())
	}
	return nil
}

// saveCells queues one change of one or more cells, in one transaction.
func (s *selectScreen) saveCells(what string, cells []cellChange) tea.Cmd {
	if len(cells) == 0 {
		return nil
	}
	s.jobN++
	jobKey := "cells#" + strconv.Itoa(s.jobN)
	s.jobs[jobKey] = cells
	for _, c := range cells {
		s.pending[cellKey(c.pid, c.cid)] = c
	}
	fn, undo := markCells(s.siteID, what, cells)
	return s.env.save(s, saveJob{key: jobKey, what: what, fn: fn, undo: undo})
}

func (s *selectScreen) tableRoom() int {
	return max(s.height-s.chromeHeight(), 1)
}

func (s *selectScreen) scroll() {
	s.offset = scrollOffset(s.offset, s.cursor, s.tableRoom(), len(s.rows))
}

func (s *selectScreen) move(to int) {
	s.cursor = min(max(to, 0), max(len(s.rows)-1, 0))
	s.scroll()
}

func (s *selectScreen) updateBrowse(msg tea.KeyPressMsg) tea.Cmd {
	k := s.env.keys
	switch {
	case key.Matches(msg, k.Up):
		s.move(s.cursor - 1)
	case key.Matches(msg, k.Down):
		s.move(s.cursor + 1)
	case key.Matches(msg, k.Left):
		s.col = max(s.col-1, 0)
	case key.Matches(msg, k.Right):
		s.col = min(s.col+1, max(len(s.criteria)-1, 0))
	case key.Matches(msg, k.PageUp):
		s.move(s.cursor - s.tableRoom())
	case key.Matches(msg, k.PageDown):
		s.move(s.cursor + s.tableRoom())
	case key.Matches(msg, k.Top):
		s.move(0)
	case key.Matches(msg, k.Bottom):
		s.move(len(s.rows) - 1)
	case key.Matches(msg, k.MarkMet):
		return s.setMark(workbook.Met, true)
	case key.Matches(msg, k.NotMet):
		return s.setMark(workbook.NotMet, true)
	case key.Matches(msg, k.MarkUnknown):
		return s.setMark(workbook.Unknown, true)
	case key.Matches(msg, k.MarkClear):
		return s.setMark(workbook.NotMarked, false)
	case key.Matches(msg, k.Cycle):
		p, ok := s.current()
		if !ok || len(s.criteria) == 0 {
			return nil
		}
		m, _ := s.mark(p, s.criteria[s.col].ID)
		next := map[workbook.Mark]workbook.Mark{workbook.NotMarked: workbook.Met, workbook.Met: workbook.NotMet, workbook.NotMet: workbook.Unknown, workbook.Unknown: workbook.NotMarked}[m.Mark]
		return s.setMark(next, false)
	case key.Matches(msg, k.CellNote):
		p, ok := s.current()
		if !ok || len(s.criteria) == 0 {
			return nil
		}
		m, _ := s.mark(p, s.criteria[s.col].ID)
		s.mode = selNote
		s.input = newInput(s.l.T("tui.select.note_placeholder"), m.Note, workbook.MaxLongText, s.width-8)
		return s.input.Focus()
	case key.Matches(msg, k.Suggest):
		return s.acceptSuggestions(false)
	case key.Matches(msg, k.SuggestAll):
		return s.acceptSuggestions(true)
	case key.Matches(msg, k.OnlyAll):
		s.onlyAll = !s.onlyAll
		s.refresh(s.currentID())
		if s.onlyAll {
			return status(s.l.N("tui.select.only_all", len(s.rows)))
		}
		return status(s.l.T("tui.select.every"))
	case key.Matches(msg, k.Filter):
		return s.find.open(s.l.T("tui.select.filter_placeholder"), s.width-14)
	case key.Matches(msg, k.ClearFilter) && s.find.on():
		s.find.clear()
		s.refresh(s.currentID())
	case key.Matches(msg, k.Choose):
		if p, ok := s.current(); ok {
			return s.choose(p)
		}
	}
	return nil
}

// setMark marks the cell under the cursor, keeping its note; advance moves
// on to the next cell, from the last criterion to the next partnership.
func (s *selectScreen) setMark(mk workbook.Mark, advance bool) tea.Cmd {
	p, ok := s.current()
	if !ok || len(s.criteria) == 0 {
		return nil
	}
	c := s.criteria[s.col]
	old, _ := s.mark(p, c.ID)
	val := workbook.CriterionMark{Mark: mk, Note: old.Note}
	var cmd tea.Cmd
	if val != old {
		what := s.l.T("tui.select.marked", "Title", p.Title, "N", s.col+1, "Mark", markWord(s.l, mk))
		cmd = s.saveCells(what, []cellChange{{pid: p.ID, cid: c.ID, mark: val}})
	}
	if advance {
		if s.col < len(s.criteria)-1 {
			s.col++
		} else if s.cursor < len(s.rows)-1 {
			s.col = 0
			s.move(s.cursor + 1)
		}
	}
	return cmd
}

// updateFilter takes a key or a paste while the text filter has the
// keyboard, filtering as it is typed.
func (s *selectScreen) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := s.find.update(msg, s.env.keys)
	if changed {
		s.refresh(s.currentID())
	}
	return cmd
}

func (s *selectScreen) updateNote(msg tea.KeyPressMsg) tea.Cmd {
	switch k := s.env.keys; {
	case key.Matches(msg, k.Cancel):
		s.mode = selBrowse
		return status(s.l.T("tui.select.note_cancelled"))
	case key.Matches(msg, k.SaveNote):
		s.mode = selBrowse
		p, ok := s.current()
		if !ok {
			return nil
		}
		c := s.criteria[s.col]
		old, _ := s.mark(p, c.ID)
		val := workbook.CriterionMark{Mark: old.Mark, Note: s.input.Value()}
		if val == old {
			return nil
		}
		return s.saveCells(s.l.T("tui.select.note_on", "Title", p.Title, "N", s.col+1), []cellChange{{pid: p.ID, cid: c.ID, mark: val}})

	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

// choose opens the form that selects p, after asking when another
// partnership is selected and answers were given about it: the confirmation
// names how many, and the change is noted in the assessment's log
// ([workbook.Change.SelectPartnership]).
func (s *selectScreen) choose(p workbook.Partnership) tea.Cmd {
	a := s.data.Assessment
	if a.PartnershipID == "" || a.PartnershipID == p.ID {
		s.env.open(s.selectForm(p))
		return nil
	}
	var n int
	if err := s.env.svc.Read(func(r *workbook.Reader) (err error) {
		n, err = r.Answers(s.siteID, s.assessmentID)
		return err
	}); err != nil {
		return status(err.Error())
	}
	if n == 0 {
		s.env.open(s.selectForm(p))
		return nil
	}
	before := s.l.T("tui.select.change_deleted")
	if s.data.Partnership != nil {
		before = strconv.Quote(textsafe.Line(s.data.Partnership.Title))
	}
	s.confirm.ask(s.l.N("tui.select.change_ask", n, "Before", before, "Title", strconv.Quote(textsafe.Line(p.Title))),
		s.l.T("tui.select.change_kept", "Before", before), func() tea.Cmd {
			s.env.open(s.selectForm(p))
			return nil
		})
	return nil
}
