package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/textsafe"
)

func newBackupCmd(g *globals) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup [-o FILE]",
		Short: "Write a consistent copy of the store (and restore or list backups)",
		Long: `Write a consistent copy of the store to FILE (default: engage-backup-DATE.db in the
current folder). The copy is checked before engage says it is done.

Engage also keeps the last few automatic backups beside the store, taken before
anything that replaces or removes data; list them with ` + "`engage backup list`" + `.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return backupRun(g, out, time.Now())
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "the backup `FILE` to write")
	cmd.AddCommand(newBackupRestoreCmd(g), newBackupListCmd(g))
	return cmd
}

func backupRun(g *globals, out string, now time.Time) error {
	st, err := g.openStore(true)
	if err != nil {
		var le *store.LockedError
		if errors.As(err, &le) {
			return &ExitError{Code: 1, Message: le.Error(), Hint: "close the other engage first; its automatic backups are in " + store.BackupDir(le.Path)}
		}
		return err
	}
	defer st.Close()
	if out == "" {
		out = "engage-backup-" + now.Format("20060102-150405") + ".db"
	}
	var te *atomicfile.TargetError
	if err := atomicfile.CheckTarget(out); errors.As(err, &te) {
		if te.Kind == "a folder" {
			return &ExitError{Code: 1, Message: fmt.Sprintf("%s is a folder; give a file name", out), Hint: "for example -o " + filepath.Join(out, "engage-backup-"+now.Format("20060102-150405")+".db")}
		}
		return &ExitError{Code: 1, Message: fmt.Sprintf("%s is %s, not a file; give a file name", out, te.Kind), Hint: "the backup is checked once written, so it goes to a file"}
	}
	if _, err := os.Stat(out); err == nil {
		return &ExitError{Code: 1, Message: fmt.Sprintf("%s exists already; engage does not overwrite a file with a backup", out), Hint: "name another file with -o"}
	}
	if err := st.BackupTo(out); err != nil {
		return fmt.Errorf("write the backup: %w", err)
	}
	if err := store.VerifyFile(out); err != nil {
		return fmt.Errorf("the backup written to %s does not check out: %w", out, err)
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.io.Out, "Backed up %s to %s (%d bytes, checked).\n", st.Path(), out, info.Size())
	return nil
}

func newBackupRestoreCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace the store with a backup, after checking the backup and backing up the store",
		Args:  exactArgs(1, "the backup FILE to restore"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.storePath()
			if err != nil {
				return err
			}
			prev, err := store.Restore(args[0], path, g.storeOptions())
			if err != nil {
				return err
			}
			fmt.Fprintf(g.io.Out, "Restored %s from %s.\n", path, args[0])
			if prev != "" {
				fmt.Fprintf(g.io.Out, "The store as it was is kept in %s.\n", prev)
			}
			return nil
		},
	}
}

func newBackupListCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the automatic backups kept beside the store",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.storePath()
			if err != nil {
				return err
			}
			all, err := store.AutoBackups(path)
			if err != nil {
				return err
			}
			if len(all) == 0 {
				fmt.Fprintf(g.io.Out, "No automatic backups of %s yet.\n", path)
				return nil
			}
			return buffered(g.io.Out, func(w io.Writer) error {
				for _, b := range all {
					if _, err := fmt.Fprintln(w, textsafe.Line(b)); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}
