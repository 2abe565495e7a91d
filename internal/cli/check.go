package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// checkOptions are the inputs of `engage check`.
type checkOptions struct {
	l       *i18n.Lang
	out     io.Writer
	open    func(readOnly bool) (*store.Store, error)
	recount bool
}

func newCheckCmd(g *globals) *cobra.Command {
	var recount bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: g.l.T("cli.check.short"),
		Example: `  engage check
  engage check --recount
  engage --db /media/usb/engage.db check`,
		Long: g.l.T("cli.check.long"),
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(checkOptions{l: g.l, out: g.io.Out, open: func(ro bool) (*store.Store, error) { return g.openStore(ro, nil) }, recount: recount})
		},
	}
	cmd.Flags().BoolVar(&recount, "recount", false, g.l.T("cli.check.flag_recount"))
	return cmd
}

// keptError says that the kept figures differ from the records.
type keptError struct {
	l    *i18n.Lang
	path string
	bad  []workbook.KeptMismatch
}

func (e *keptError) Error() string {
	return e.l.N("cli.check.kept_differ", len(e.bad), "Path", e.path, "First", e.bad[0].Error())
}

func (e *keptError) Hint() string { return e.l.T("cli.check.kept_hint") }

func runCheck(opts checkOptions) error {
	st, err := opts.open(!opts.recount)
	if err != nil {
		return err
	}
	err = st.Check()
	svc := workbook.NewService(st, workbook.Options{})
	if err == nil && opts.recount {
		err = st.Update(func(tx workbook.Tx) error { return workbook.KeepAll(svc, tx) })
	}
	var bad []workbook.KeptMismatch
	if err == nil {
		err = svc.Read(func(r *workbook.Reader) (err error) {
			bad, err = r.CheckKept()
			return err
		})
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err == nil && len(bad) > 0 {
		err = &keptError{l: opts.l, path: st.Path(), bad: bad}
	}
	if err != nil {
		return err
	}
	what := opts.l.T("cli.check.read")
	if opts.recount {
		what = opts.l.T("cli.check.read_recounted")
	}
	msg := opts.l.T("cli.check.sound", "Path", st.Path(), "What", what)
	if info, err := os.Stat(st.Path()); err == nil {
		msg = opts.l.T("cli.check.sound_size", "Path", st.Path(), "What", what, "Size", sizeText(opts.l, int(info.Size())))
	}
	_, err = fmt.Fprintln(opts.out, msg)
	return err
}
