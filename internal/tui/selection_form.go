package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// acceptSuggestions records the suggested "ongoing" marks: of the
// partnership under the cursor, or of every one shown.
func (s *selectScreen) acceptSuggestions(every bool) tea.Cmd {
	ci := s.suggestedCriterion()
	if ci < 0 {
		return status("This questionnaire has no criterion with a cut-off year to suggest from")
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
			return status("No suggestions left: every partnership shown is marked, or its start year and ongoing say nothing")
		}
		return status(fmt.Sprintf("No suggestion for C%d here: it is marked, or the start year and ongoing say nothing", ci+1))
	}
	what := fmt.Sprintf("C%d %s", ci+1, markWord(cells[0].mark.Mark))
	if every {
		what = fmt.Sprintf("suggested C%d marks for %d partnerships", ci+1, len(cells))
	} else {
		what = s.all[rows[0]].Title + ", " + what + " (suggested)"
	}
	return s.saveCells(what, cells)
}

// selectForm chooses p for the assessment and asks why.
func (s *selectScreen) selectForm(p workbook.Partnership) Screen {
	reason := ""
	if s.data.Assessment.PartnershipID == p.ID {
		reason = s.data.Assessment.SelectionReason
	}
	fields := []*field{areaF("reason", "Why this partnership? (the criteria it meets, what was agreed, by whom)", reason, workbook.MaxLongText)}
	sid, aid, pid := s.siteID, s.assessmentID, p.ID
	f := newForm(s.env, nil, "Select "+p.Title, fields, "selected "+p.Title, func(v map[string]string) func(*workbook.Change) error {
		return func(c *workbook.Change) error {
			_, err := c.SelectPartnership(sid, aid, pid, v["reason"])
			return err
		}
	})
	f.intro = s.meetsText(p) + " ctrl+s saves the choice."
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
	text := fmt.Sprintf("Meets %d of %d criteria.", met, len(s.criteria))
	if len(not) > 0 {
		text += " Not met: " + strings.Join(not, ", ") + "."
	}
	if len(unknown) > 0 {
		text += " Unknown: " + strings.Join(unknown, ", ") + "."
	}
	if len(unmarked) > 0 {
		text += " Not marked: " + strings.Join(unmarked, ", ") + "."
	}
	return text
}

// markWord names a mark.
func markWord(m workbook.Mark) string {
	switch m {
	case workbook.Met:
		return "met"
	case workbook.NotMet:
		return "not met"
	case workbook.Unknown:
		return "unknown"
	case workbook.NotMarked:
		return "not marked"
	}
	return string(m) // a mark written by a newer Engage
}
