package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/store"
)

// checkOptions are the inputs of `engage check`.
type checkOptions struct {
	out  io.Writer
	open func() (*store.Store, error)
}

func newCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Read every page of the store and check it: the full verification on demand",
		Long: `Check reads every page of the store (--db, ENGAGE_DB or the default) and
checks the whole tree with bbolt's own consistency check. It says in one line
whether the store is sound, and exits 1 when it is damaged, with a hint on
restoring a backup.

Opening a store does not read all of it each time: engage reads it whole only
when the file is not as it last left it (see docs/store-safety.md). Check is
for the damage that such a fingerprint cannot see.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(checkOptions{out: g.io.Out, open: func() (*store.Store, error) { return g.openStore(true) }})
		},
	}
}

func runCheck(opts checkOptions) error {
	st, err := opts.open()
	if err != nil {
		return err
	}
	err = st.Check()
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	size := ""
	if info, err := os.Stat(st.Path()); err == nil {
		size = fmt.Sprintf(" (%s)", sizeText(int(info.Size())))
	}
	_, err = fmt.Fprintf(opts.out, "the store %s is sound: every page read and checked%s\n", st.Path(), size)
	return err
}
