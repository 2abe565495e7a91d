package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// siteSummary is one site with the progress of its current assessment, as
// `engage sites --json` prints it.
type siteSummary struct {
	ID           string `json:"id"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Organisation string `json:"organisation"`
	Area         string `json:"area"`
	Language     string `json:"language"`
	Assessments  int    `json:"assessments"`
	// Round is the round shown (1 the oldest), and Started the day it
	// started.
	Round       int                              `json:"round"`
	Started     string                           `json:"round_started"`
	Partnership string                           `json:"partnership"`
	Progress    map[string]workbook.StepProgress `json:"progress"`
	steps       []workbook.StepProgress
}

func newSitesCmd(g *globals) *cobra.Command {
	var asJSON bool
	var round string
	cmd := &cobra.Command{
		Use:   "sites [--round latest|N|DATE] [--json]",
		Short: g.l.T("cli.sites.short"),
		Long:  g.l.T("cli.sites.long"),
		Example: `  engage sites
  engage sites --round 1
  engage sites --json`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			rc, err := parseRound(g.l, round)
			if err != nil {
				return usageErr(cmd, err)
			}
			// Read only: listing the sites of a mistyped --db must not
			// create a store there.
			st, err := g.openStore(true, nil)
			if err != nil {
				return err
			}
			sums, err := summariseSites(workbook.NewService(st, workbook.Options{}), rc)
			if cerr := st.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			// By name as the user's language sorts: case and accents
			// do not put "Ébène" after "Zeta".
			i18n.SortFunc(g.l, sums, func(s siteSummary) string { return s.Name })
			if asJSON {
				return writeSitesJSON(g.io.Out, sums)
			}
			return buffered(g.io.Out, func(w io.Writer) error { return writeSitesTable(g.l, w, sums) })
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, g.l.T("cli.sites.flag_json"))
	cmd.Flags().StringVar(&round, "round", "latest", g.l.T("cli.flag.round"))
	return cmd
}

func summariseSites(svc *workbook.Service, rc workbook.RoundChoice) ([]siteSummary, error) {
	var sums []workbook.SiteSummary
	err := svc.Read(func(r *workbook.Reader) (err error) {
		sums, err = r.SummariesOf(rc)
		return err
	})
	out := make([]siteSummary, 0, len(sums))
	for _, s := range sums {
		sum := siteSummary{ID: s.Site.ID, Slug: s.Site.Slug, Name: s.Site.Name, Organisation: s.Site.Organisation, Area: s.Site.Area,
			Language: s.Site.Language, Assessments: s.Assessments, Round: s.Round, Started: s.Current.Started, Partnership: s.Partnership,
			Progress: map[string]workbook.StepProgress{}, steps: s.Progress}
		for _, p := range s.Progress {
			sum.Progress[p.Step.Key()] = p
		}
		out = append(out, sum)
	}
	return out, err
}

func writeSitesJSON(w io.Writer, sums []siteSummary) error {
	if sums == nil {
		sums = []siteSummary{}
	}
	return writeJSON(w, sums)
}

func writeSitesTable(l *i18n.Lang, w io.Writer, sums []siteSummary) error {
	if len(sums) == 0 {
		_, err := fmt.Fprintln(w, l.T("cli.sites.none"))
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{l.T("cli.sites.col_slug"), l.T("cli.sites.col_name"), l.T("cli.sites.col_organisation"),
		l.T("cli.sites.col_round"), l.T("cli.sites.col_map"), l.T("cli.sites.col_select"), l.T("cli.sites.col_workbook"), l.T("cli.sites.col_verify"),
		l.T("cli.sites.col_barriers")}, "\t"))
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s", textsafe.Line(s.Slug), textsafe.Line(s.Name), textsafe.Line(s.Organisation),
			roundCell(l, s.Round, s.Assessments))
		for _, p := range s.steps {
			fmt.Fprintf(tw, "\t%s", stepCell(l, p))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// stepCell says a step's progress in a few characters.
func stepCell(l *i18n.Lang, p workbook.StepProgress) string {
	switch p.Step {
	case workbook.StepMap:
		if p.Done == 0 {
			return "-"
		}
		return l.N("cli.sites.mapped", p.Done)
	case workbook.StepSelect:
		if p.Status == workbook.Done {
			return l.T("cli.sites.selected")
		}
		if p.Status == workbook.Started {
			return l.T("cli.sites.checked", "Done", p.Done, "Total", p.Total)
		}
		return "-"
	case workbook.StepBarriers:
		if p.Done == 0 {
			return "-"
		}
		return l.N("cli.sites.written", p.Done)
	}
	if p.Total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d%% (%d/%d)", p.Done*100/p.Total, p.Done, p.Total)
}

// roundCell says which round a line shows, of how many.
func roundCell(l *i18n.Lang, n, of int) string {
	if n == 0 {
		return l.T("cli.sites.no_round", "Of", of)
	}
	return l.T("cli.sites.round", "N", n, "Of", of)
}
