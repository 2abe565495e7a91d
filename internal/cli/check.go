package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// checkOptions are the inputs of `engage check`.
type checkOptions struct {
	out     io.Writer
	open    func(readOnly bool) (*store.Store, error)
	recount bool
}

func newCheckCmd(g *globals) *cobra.Command {
	var recount bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Read every page of the store and check it: the full verification on demand",
		Long: `Check reads every page of the store (--db, ENGAGE_DB or the default) and
checks the whole tree with bbolt's own consistency check. It says in one line
whether the store is sound, and exits 1 when it is damaged, with a hint on
restoring a backup.

Opening a store does not read all of it each time: engage reads it whole only
when the file is not as it last left it (see docs/store-safety.md). Check is
for the damage that such a fingerprint cannot see.

It also counts again, from the records, the figures each site keeps for the
list of sites (people and answers by group, partnerships, findings; see
docs/store-format.md), and says where they differ. They differ only when
something other than engage wrote the store; --recount counts them again and
keeps the new count (the records themselves are not changed).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(checkOptions{out: g.io.Out, open: g.openStore, recount: recount})
		},
	}
	cmd.Flags().BoolVar(&recount, "recount", false, "count the kept figures of every site again from its records, and keep them")
	return cmd
}

// keptError says that the kept figures differ from the records.
type keptError struct {
	path string
	bad  []workbook.KeptMismatch
}

func (e *keptError) Error() string {
	return fmt.Sprintf("the store %s has sound pages, but the figures it keeps for %d of its sites and assessments differ from their records (%s)",
		e.path, len(e.bad), e.bad[0].Error())
}

func (e *keptError) Hint() string {
	return "`engage check --recount` counts them again from the records"
}

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
		err = &keptError{path: st.Path(), bad: bad}
	}
	if err != nil {
		return err
	}
	size := ""
	if info, err := os.Stat(st.Path()); err == nil {
		size = fmt.Sprintf(" (%s)", sizeText(int(info.Size())))
	}
	what := "every page read and checked"
	if opts.recount {
		what += ", its kept figures counted again"
	}
	_, err = fmt.Fprintf(opts.out, "the store %s is sound: %s%s\n", st.Path(), what, size)
	return err
}
