package cli

import (
	"errors"
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
		Short: g.l.T("cli.demo.short"),
		Example: `  engage demo
  engage --db /tmp/study.db demo --sites 300 --participants 40`,
		Long: g.l.T("cli.demo.long"),
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Sites < 0 || opts.Participants < 0 {
				return usageErr(cmd, errors.New(g.l.T("cli.demo.negative")))
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
					return fmt.Errorf("%s: %w", g.l.T("cli.demo.backup_failed"), err)
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
					m := g.meter(g.l.T("cli.progress.demo"), demo.Count(opts))
					defer m.Done()
					opts.Progress = m.Set
					var err error
					sites, err = demo.BuildEach(svc, q, opts)
					return err
				})
				if err != nil {
					return err
				}
				return buffered(g.io.Out, func(w io.Writer) error {
					fmt.Fprintln(w, g.l.N("cli.demo.written", len(sites), "Path", st.Path()))
					for _, s := range sites {
						fmt.Fprintf(w, "  %-28s %s\n", s.Slug, s.Organisation)
					}
					_, err := fmt.Fprintln(w, g.l.T("cli.demo.list_them"))
					return err
				})
			})
		},
	}
	cmd.Flags().IntVar(&opts.Sites, "sites", 0, g.l.T("cli.demo.flag_sites", "Max", workbook.MaxSites))
	cmd.Flags().IntVar(&opts.Participants, "participants", 0, g.l.T("cli.demo.flag_participants", "Max", workbook.MaxParticipants))
	return cmd
}
