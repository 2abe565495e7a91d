package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A statement is named by its questionnaire number ("4.6", see
// questionnaire.Numbering) on every screen, as in the reports; its place
// in a screen's list ("36 of 41") is only progress.

// listName names the statements group g scores.
func listName(g workbook.Group) string {
	if g == workbook.Outsider {
		return "verification statements"
	}
	return "statements"
}

// statementHeading names the i-th of the statements group g scores by its
// number, then its place in the list: "Statement 4.6 · 36 of 41", or
// "Statement 4.6 · 12 of 22 verification statements".
func statementHeading(numbers questionnaire.Numbering, statements []questionnaire.Statement, i int, g workbook.Group) string {
	list := ""
	if g == workbook.Outsider {
		list = " " + listName(g)
	}
	return fmt.Sprintf("Statement %s · %d of %d%s", numbers.Number(statements[i].ID), i+1, len(statements), list)
}

// jumpTarget finds the statement v names among the statements g scores:
// by its questionnaire number ("4.6"), by its place in the list (a whole
// number from 1) or by its id. When v names none of them, refused says
// what was typed and what is valid, short enough for the status bar.
func jumpTarget(numbers questionnaire.Numbering, statements []questionnaire.Statement, g workbook.Group, v string) (at int, refused string) {
	v = strings.TrimSpace(v)
	typed := truncate(v, 16)
	places := fmt.Sprintf("or 1-%d", len(statements))
	if n, err := strconv.Atoi(v); err == nil {
		if n >= 1 && n <= len(statements) {
			return n - 1, ""
		}
		return 0, fmt.Sprintf("No statement %q: type a number such as %s, or a place %d-%d",
			typed, numbers.Number(statements[len(statements)-1].ID), 1, len(statements))
	}
	id, err := numbers.Lookup(v)
	if err != nil {
		var ne *questionnaire.NumberError
		switch {
		case !errors.As(err, &ne):
			return 0, err.Error()
		case len(statements) < numbers.Len():
			return 0, fmt.Sprintf("No statement %q among the %s: type e.g. %s, %s",
				typed, listName(g), numbers.Number(statements[0].ID), places)
		}
		return 0, fmt.Sprintf("No statement %q: type %s, %s", typed, ne.Ranges(), places)
	}
	for i, st := range statements {
		if st.ID == id {
			return i, ""
		}
	}
	return 0, fmt.Sprintf("Statement %s is not among the %s: type e.g. %s, %s",
		numbers.Number(id), listName(g), numbers.Number(statements[0].ID), places)
}
