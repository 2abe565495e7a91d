package cli

import (
	"fmt"
	"io"

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
them and leaves every other site alone. It backs the store up first, and it
writes the whole study or nothing: stopped part way, it leaves the store as
it was.`,
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
			return g.withService(workbook.Options{}, func(_ *workbook.Service, st *store.Store) error {
				if _, err := st.AutoBackup("before-demo"); err != nil {
					return fmt.Errorf("back up before the demo: %w", err)
				}
				// A study of hundreds of sites is too large for one bbolt
				// transaction (time and memory grow faster than the
				// study), so it is built one transaction per site in a
				// staged copy of the store, which then takes the store's
				// place in one rename: a kill or an error part way leaves
				// the store as it was, never part of a study.
				var sites []workbook.Site
				err := st.Replace(func(staged workbook.Store) error {
					svc := workbook.NewService(staged, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
					var err error
					sites, err = demo.BuildEach(svc, q, opts)
					return err
				})
				if err != nil {
					return err
				}
				return buffered(g.io.Out, func(w io.Writer) error {
					fmt.Fprintf(w, "Demonstration study written to %s: %d %s.\n", st.Path(), len(sites), countNoun(len(sites), "site", "sites"))
					for _, s := range sites {
						fmt.Fprintf(w, "  %-28s %s\n", s.Slug, s.Organisation)
					}
					_, err := fmt.Fprintln(w, "List them with `engage sites`.")
					return err
				})
			})
		},
	}
	cmd.Flags().IntVar(&opts.Sites, "sites", 0, fmt.Sprintf("how many sites (default 5, the pilot sites; more adds synthetic ones; at most %d)", workbook.MaxSites))
	cmd.Flags().IntVar(&opts.Participants, "participants", 0, fmt.Sprintf("participants in each assessment (default: each pilot site's own numbers; at most %d)", workbook.MaxParticipants))
	return cmd
}
