package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// acceptSuggestions records the suggested "ongoing" marks: of the
// partnership under the cursor, or of every one shown.
func (s *selectScreen) acceptSuggestions(every bool) tea.Cmd {
	ci := s.suggestedCriterion()
	if ci < 0 {
		return status(s.l.T("tui.select.no_cutoff"))
	}
	c := s.criteria[ci]
	rows := s.rows
	if !every {
		if len(s.rows) == 0 {
			return nil
		}
		rows = s.rows[s.cursor : s.cursor+1]
	}
	var cells []cellChange
	for _, i := range rows {
		p := s.all[i]
		if sug := s.suggestion(p, c); sug != workbook.NotMarked {
			old, _ := s.mark(p, c.ID)
			cells = append(cells, cellChange{pid: p.ID, cid: c.ID, mark: workbook.CriterionMark{Mark: sug, Note: old.Note}})
		}
	}
	if len(cells) == 0 {
		if every {
			return status(s.l.T("tui.select.no_suggestions"))
		}
		return status(s.l.T("tui.select.no_suggestion", "N", ci+1))
	}
	what := s.l.N("tui.select.suggested_all", len(cells), "N", ci+1)
	if !every {
		what = s.l.T("tui.select.suggested", "Title", s.all[rows[0]].Title, "N", ci+1, "Mark", markWord(s.l, cells[0].mark.Mark))
	}
	return s.saveCells(what, cells)
}

// selectForm chooses p for the assessment and asks why.
func (s *selectScreen) selectForm(p workbook.Partnership) Screen {
	reason := ""
	if s.data.Assessment.PartnershipID == p.ID {
		reason = s.data.Assessment.SelectionReason
	}
	fields := []*field{areaF("reason", s.l.T("tui.select.form.reason"), reason, workbook.MaxLongText)}
	sid, aid, pid := s.siteID, s.assessmentID, p.ID
	undo := &undoStep{on: s, what: s.l.T("tui.select.form.done", "Title", p.Title)}
	f := newForm(s.env, s.l, s.l.T("tui.select.form.title", "Title", p.Title), fields, undo.what, func(v map[string]string) func(*workbook.Change) error {
		return func(c *workbook.Change) error {
			return selectPartnership(undo, c, sid, aid, pid, v["reason"])
		}
	})
	f.undo = undo
	f.intro = s.l.T("tui.select.form.intro", "Meets", s.meetsText(p))
	return f
}

// meetsText says how p stands against the criteria.
func (s *selectScreen) meetsText(p workbook.Partnership) string {
	met := 0
	var not, unknown, unmarked []string
	for i, c := range s.criteria {
		m, _ := s.mark(p, c.ID)
		switch m.Mark {
		case workbook.Met:
			met++
		case workbook.NotMet:
			not = append(not, "C"+strconv.Itoa(i+1))
		case workbook.Unknown:
			unknown = append(unknown, "C"+strconv.Itoa(i+1))
		default:
			unmarked = append(unmarked, "C"+strconv.Itoa(i+1))
		}
	}
	text := s.l.N("tui.select.meets", len(s.criteria), "Met", met)
	if len(not) > 0 {
		text += " " + s.l.T("tui.select.meets_not", "List", strings.Join(not, ", "))
	}
	if len(unknown) > 0 {
		text += " " + s.l.T("tui.select.meets_unknown", "List", strings.Join(unknown, ", "))
	}
	if len(unmarked) > 0 {
		text += " " + s.l.T("tui.select.meets_unmarked", "List", strings.Join(unmarked, ", "))
	}
	return text
}

// markWord names a mark.
func markWord(l *i18n.Lang, m workbook.Mark) string {
	switch m {
	case workbook.Met:
		return l.T("tui.select.mark.met")
	case workbook.NotMet:
		return l.T("tui.select.mark.not_met")
	case workbook.Unknown:
		return l.T("tui.select.mark.unknown")
	case workbook.NotMarked:
		return l.T("tui.select.mark.not_marked")
	}
	return string(m) // a mark written by a newer Engage
}
