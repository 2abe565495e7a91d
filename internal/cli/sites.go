package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// siteSummary is one site with the progress of its current assessment, as
// `engage sites --json` prints it.
type siteSummary struct {
	ID           string                           `json:"id"`
	Slug         string                           `json:"slug"`
	Name         string                           `json:"name"`
	Organisation string                           `json:"organisation"`
	Area         string                           `json:"area"`
	Language     string                           `json:"language"`
	Assessments  int                              `json:"assessments"`
	Partnership  string                           `json:"partnership"`
	Progress     map[string]workbook.StepProgress `json:"progress"`
	steps        []workbook.StepProgress
}

func newSitesCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sites",
		Short: "List the sites in the store with their progress through the five steps",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Read only: listing the sites of a mistyped --db must not
			// create a store there.
			st, err := g.openStore(true)
			if err != nil {
				return err
			}
			sums, err := summariseSites(workbook.NewService(st, workbook.Options{}))
			if cerr := st.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeSitesJSON(g.io.Out, sums)
			}
			return buffered(g.io.Out, func(w io.Writer) error { return writeSitesTable(w, sums) })
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per site")
	return cmd
}

func summariseSites(svc *workbook.Service) ([]siteSummary, error) {
	var sums []workbook.SiteSummary
	err := svc.Read(func(r *workbook.Reader) (err error) {
		sums, err = r.Summaries()
		return err
	})
	out := make([]siteSummary, 0, len(sums))
	for _, s := range sums {
		sum := siteSummary{ID: s.Site.ID, Slug: s.Site.Slug, Name: s.Site.Name, Organisation: s.Site.Organisation, Area: s.Site.Area,
			Language: s.Site.Language, Assessments: s.Assessments, Partnership: s.Partnership,
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
	js, err := json.MarshalIndent(sums, "", "  ")
	if err != nil {
		return err
	}
	// The data is kept whole, with what a terminal would act on escaped.
	_, err = w.Write(append(textsafe.EscapeJSON(js), '\n'))
	return err
}

func writeSitesTable(w io.Writer, sums []siteSummary) error {
	if len(sums) == 0 {
		_, err := fmt.Fprintln(w, "No sites yet. Run `engage demo` for a demonstration study, or `engage` to create a site.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tNAME\tORGANISATION\t1 MAP\t2 SELECT\t3 WORKBOOK\t4 VERIFY\t5 BARRIERS")
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%s\t%s", textsafe.Line(s.Slug), textsafe.Line(s.Name), textsafe.Line(s.Organisation))
		for _, p := range s.steps {
			fmt.Fprintf(tw, "\t%s", stepCell(p))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// stepCell says a step's progress in a few characters.
func stepCell(p workbook.StepProgress) string {
	switch p.Step {
	case workbook.StepMap:
		if p.Done == 0 {
			return "-"
		}
		return fmt.Sprintf("%d mapped", p.Done)
	case workbook.StepSelect:
		if p.Status == workbook.Done {
			return "selected"
		}
		if p.Status == workbook.Started {
			return fmt.Sprintf("%d/%d checked", p.Done, p.Total)
		}
		return "-"
	case workbook.StepBarriers:
		if p.Done == 0 {
			return "-"
		}
		return fmt.Sprintf("%d written", p.Done)
	}
	if p.Total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d%% (%d/%d)", p.Done*100/p.Total, p.Done, p.Total)
}
