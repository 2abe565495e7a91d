package tui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The findings' filter on the barriers screen: / narrows the findings
// (listFilter), the other sections stay whole.

// findingKey is the searchable text of a finding: what its row and
// detail show (its kind, key issue and text, and the statement it is
// about).
func (b *barriers) findingKey(f workbook.Finding) string {
	parts := []string{ansiStrip(findingText(b.l, b.env.styles, f.Kind)), b.issueTitle(f.KeyIssueID), f.Text}
	if s, _, ok := b.data.Questionnaire.Statement(f.StatementID); ok {
		parts = append(parts, b.num.Number(s.ID), statementText(b.l, s, b.lang))
	}
	return searchKey(parts...)
}

// filterFindings shows the findings the filter lets through, the cursor
// on the finding keep (an id) when it is one of them.
func (b *barriers) filterFindings(keep string) {
	var rows []bRow
	for _, i := range b.find.shown(nil, b.findHay) {
		rows = append(rows, b.findings[i])
	}
	b.lists[secFindings] = rows
	w := &b.win[secFindings]
	if j := slices.IndexFunc(rows, func(r bRow) bool { return r.finding.ID == keep }); j >= 0 {
		w.cursor = j
	}
	w.fit(len(rows), b.listRoom())
}

// currentFinding is the id of the finding under the findings' cursor, or
// "".
func (b *barriers) currentFinding() string {
	rows, c := b.lists[secFindings], b.win[secFindings].cursor
	if c >= 0 && c < len(rows) {
		return rows[c].finding.ID
	}
	return ""
}

// updateFilter takes a key or a paste while the findings' filter has the
// keyboard, filtering as it is typed.
func (b *barriers) updateFilter(msg tea.Msg) tea.Cmd {
	changed, cmd := b.find.update(msg, b.env.keys)
	if changed {
		b.filterFindings(b.currentFinding())
	}
	b.scroll() // the filter's line comes and goes
	return cmd
}
