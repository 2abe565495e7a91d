package cli

import (
	"github.com/engage-toolkit/engage/internal/i18n"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func TestRowsLines(t *testing.T) {
	ins, outs := workbook.Insider, workbook.Outsider
	small := compare.Site{Name: "Small", Assessments: []compare.Assessment{{Title: "Only", Rows: compare.RowsWritten{
		Respondents: 3,
		LeftOut:     []analysis.Cell{{Group: outs, Role: workbook.RoleCommunity, People: 1}, {Group: outs, Role: workbook.RolePartner, People: 1}},
		Merged:      []analysis.Category{{Group: ins, Roles: []workbook.Role{workbook.RoleMiddle, workbook.RoleFrontLine}, People: 3}},
	}}}}
	two := compare.Site{Name: "Two", Assessments: []compare.Assessment{
		{Title: "First", Rows: compare.RowsWritten{Respondents: 6}},
		{Started: "2026-03-01", Rows: compare.RowsWritten{Respondents: 6, Small: []analysis.Cell{
			{Group: outs, People: 2}, {Group: ins, Role: workbook.RoleSenior, People: 1},
		}}},
	}}
	tests := []struct {
		name         string
		sites        []compare.Site
		unsuppressed bool
		want         []string
	}{
		{"left out and merged", []compare.Site{small}, false, []string{
			"Left out of the CSV: 2 respondents of groups under 3:",
			"  Small: 2 outsiders",
			"Role levels under 3 merged with others in role_level:",
			"  Small: middle+front-line (3 insiders)",
			"(--unsuppressed writes every row, for a data-sharing agreement.)",
		}},
		{"nothing small", []compare.Site{{Name: "Big", Assessments: []compare.Assessment{{}}}}, false, []string{
			"No respondent left out of the CSV, no role level merged and no score withheld: none is under 3.",
			"(--unsuppressed writes every row, for a data-sharing agreement.)",
		}},
		{"unsuppressed names the assessment when a site has several", []compare.Site{two}, true, []string{
			"The CSV holds every answer with its real role level, including groups and role levels under 3:",
			"  Two (started 2026-03-01): 2 outsiders, 1 senior insider",
			"Share it only as your data-sharing agreement allows.",
		}},
		{"unsuppressed with nothing small", []compare.Site{small}, true, []string{
			"The CSV holds every answer with its real role level; no group or role level is under 3.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rowsLines(i18n.Embedded().For("en"), &compare.Comparison{Sites: tt.sites}, tt.unsuppressed)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rowsLines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
