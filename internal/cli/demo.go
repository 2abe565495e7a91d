package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func newDemoCmd(g *globals) *cobra.Command {
	var opts demo.Options
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill the store with a deterministic demonstration study of five pilot sites",
		Long: `Fill the store with a demonstration study: five pilot sites with mapped
partnerships, criteria, a selected partnership, insider and outsider responses,
comments and findings. One site reproduces the seed research's mapping of 126
partnerships. Running it again rebuilds the demo sites; it never duplicates
them and leaves every other site alone.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Sites < 0 || opts.Participants < 0 {
				return usageErr(cmd, fmt.Errorf("--sites and --participants must not be negative"))
			}
			if err := opts.Check(); err != nil {
				return usageErr(cmd, err)
			}
			q, err := g.loadQuestionnaire()
			if err != nil {
				return err
			}
			return g.withService(workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)}, func(svc *workbook.Service, st *store.Store) error {
				if _, err := st.AutoBackup("before-demo"); err != nil {
					return fmt.Errorf("back up before the demo: %w", err)
				}
				// One transaction per site: a synthetic study of hundreds of
				// sites in one bbolt transaction takes minutes instead of
				// seconds. A failure part way leaves the sites built so far;
				// running the demo again rebuilds them all.
				var sites []workbook.Site
				for i := 1; i <= demo.Count(opts); i++ {
					err := svc.Change(func(c *workbook.Change) error {
						s, err := demo.BuildSite(c, q, i, opts)
						sites = append(sites, s)
						return err
					})
					if err != nil {
						return err
					}
				}
				fmt.Fprintf(g.io.Out, "Demonstration study written to %s: %d %s.\n", st.Path(), len(sites), countNoun(len(sites), "site", "sites"))
				for _, s := range sites {
					fmt.Fprintf(g.io.Out, "  %-28s %s\n", s.Slug, s.Organisation)
				}
				fmt.Fprintln(g.io.Out, "List them with `engage sites`.")
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&opts.Sites, "sites", 0, fmt.Sprintf("how many sites (default 5, the pilot sites; more adds synthetic ones; at most %d)", workbook.MaxSites))
	cmd.Flags().IntVar(&opts.Participants, "participants", 0, fmt.Sprintf("participants in each assessment (default: each pilot site's own numbers; at most %d)", workbook.MaxParticipants))
	return cmd
}
