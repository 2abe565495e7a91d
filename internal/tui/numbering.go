package tui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A statement is named by its questionnaire number ("4.6", see
// questionnaire.Numbering) on every screen, as in the reports; its place
// in a screen's list ("36 of 41") is only progress.

// listName names the statements group g scores, in l.
func listName(l *i18n.Lang, g workbook.Group) string {
	if g == workbook.Outsider {
		return l.T("tui.common.list.verification")
	}
	return l.T("tui.common.list.statements")
}

// statementHeading names the i-th of the statements group g scores by its
// number, then its place in the list: "Statement 4.6 · 36 of 41", or
// "Statement 4.6 · 12 of 22 verification statements", in l.
func statementHeading(l *i18n.Lang, numbers questionnaire.Numbering, statements []questionnaire.Statement, i int, g workbook.Group) string {
	id := "tui.common.heading"
	if g == workbook.Outsider {
		id = "tui.common.heading_verification"
	}
	return l.T(id, "Number", numbers.Number(statements[i].ID), "Place", i+1, "Total", len(statements))
}

// jumpTarget finds the statement v names among the statements g scores:
// by its questionnaire number ("4.6"), by its place in the list (a whole
// number from 1) or by its id. When v names none of them, refused says
// what was typed and what is valid, in l, short enough for the status
// bar.
func jumpTarget(l *i18n.Lang, numbers questionnaire.Numbering, statements []questionnaire.Statement, g workbook.Group, v string) (at int, refused string) {
	v = strings.TrimSpace(v)
	typed := truncate(v, 16)
	places := l.T("tui.common.jump.places", "Last", len(statements))
	if n, err := strconv.Atoi(v); err == nil {
		if n >= 1 && n <= len(statements) {
			return n - 1, ""
		}
		return 0, l.T("tui.common.jump.no_place", "Typed", typed, "Example", numbers.Number(statements[len(statements)-1].ID), "Last", len(statements))
	}
	id, err := numbers.Lookup(v)
	if err != nil {
		var ne *questionnaire.NumberError
		switch {
		case !errors.As(err, &ne):
			return 0, err.Error()
		case len(statements) < numbers.Len():
			return 0, l.T("tui.common.jump.not_in_list", "Typed", typed, "List", listName(l, g), "Example", numbers.Number(statements[0].ID), "Places", places)
		}
		return 0, l.T("tui.common.jump.no_number", "Typed", typed, "Ranges", ne.Ranges(), "Places", places)
	}
	for i, st := range statements {
		if st.ID == id {
			return i, ""
		}
	}
	return 0, l.T("tui.common.jump.elsewhere", "Number", numbers.Number(id), "List", listName(l, g), "Example", numbers.Number(statements[0].ID), "Places", places)
}
