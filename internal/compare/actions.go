package compare

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// ActionsHeader is the header row of the actions CSV: one row per action
// of the sites compared, every round's plan.
var ActionsHeader = []string{
	"site", "site_name", "assessment", "assessment_title", "assessment_started",
	"key_issue", "key_issue_title", "action", "due", "status", "overdue", "as_of", "last_review", "reviews",
}

// ActionsOwnersHeader is [ActionsHeader] with the names an action carries:
// who owns it and who reviewed it last. They are written only when asked
// for (engage compare --owners).
var ActionsOwnersHeader = append(append([]string{}, ActionsHeader...), "owner", "last_reviewer")

// actionsText are the text columns of the actions CSV (see [textCell]).
var actionsText = textColumns(ActionsOwnersHeader, "site", "site_name", "assessment", "assessment_title",
	"assessment_started", "key_issue", "key_issue_title", "action", "due", "as_of", "last_review", "owner", "last_reviewer")

// FileActions names the actions CSV in the codebook.
const FileActions = "actions"

// ActionsColumns describes the actions CSV's columns, in the order of
// [ActionsOwnersHeader]: a file written without the owners has all but
// the last two.
func ActionsColumns() []CSVColumn {
	var statuses []string
	for _, s := range workbook.Statuses {
		statuses = append(statuses, string(s))
	}
	cols := append(assessmentColumns(),
		CSVColumn{"key_issue", TypeText, "", "codebook.col.key_issue"},
		CSVColumn{"key_issue_title", TypeText, "", "codebook.actions.key_issue_title"},
		CSVColumn{"action", TypeText, "", "codebook.actions.action"},
		CSVColumn{"due", TypeDate, "", "codebook.actions.due"},
		CSVColumn{"status", TypeCategory, strings.Join(statuses, ", "), "codebook.actions.status"},
		CSVColumn{"overdue", TypeLogical, logical, "codebook.actions.overdue"},
		CSVColumn{"as_of", TypeDate, "", "codebook.actions.as_of"},
		CSVColumn{"last_review", TypeDate, "", "codebook.actions.last_review"},
		CSVColumn{"reviews", TypeInteger, "", "codebook.actions.reviews"},
		CSVColumn{"owner", TypeText, "", "codebook.actions.owner"},
		CSVColumn{"last_reviewer", TypeText, "", "codebook.actions.last_reviewer"},
	)
	return cols
}

// WriteActions writes the actions CSV of a comparison: every action of
// every site compared, site by site in the comparison's order, each plan
// in the order it was written, with its status, whether it is overdue on
// the comparison's day (as_of, [workbook.Intervention.Overdue]), the day
// of its latest review and how many reviews it has. The review notes are
// not in it. Who owns an action and who reviewed it are names: only with
// owners. A text cell that begins with =, +, -, @, a tab or a CR has a
// single quote put in front ([textCell]). It returns the number of rows
// written, not counting the header.
func WriteActions(w io.Writer, c *Comparison, owners bool) (int, error) {
	header := ActionsHeader
	if owners {
		header = ActionsOwnersHeader
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	n := 0
	rec := make([]string, len(header))
	for _, s := range c.Sites {
		for _, ln := range s.Actions {
			last, _ := ln.LastReview()
			title := ""
			if ln.KeyIssue != nil {
				title = ln.KeyIssue.Title.In(c.Lang)
			}
			copy(rec, []string{s.Slug, s.Name, ln.Assessment.ID, ln.Assessment.Title, ln.Assessment.Started,
				ln.KeyIssueID, title, ln.Action, ln.Due, string(ln.Status), boolCell(ln.Overdue(c.Today)), c.Today,
				last.Date, strconv.Itoa(len(ln.Reviews))})
			if owners {
				rec[len(ActionsHeader)], rec[len(ActionsHeader)+1] = ln.Owner, last.Reviewer
			}
			for _, i := range actionsText {
				if i < len(rec) {
					rec[i] = textCell(rec[i])
				}
			}
			if err := cw.Write(rec); err != nil {
				return n, err
			}
			n++
		}
	}
	cw.Flush()
	return n, cw.Error()
}
