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
		Short: g.l.T("cli.backup.short"),
		Example: `  engage backup
  engage backup -o ~/engage-before-the-session.db
  engage backup list
  engage backup restore ~/engage-before-the-session.db`,
		Long: g.l.T("cli.backup.long"),
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return backupRun(g, out, time.Now())
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", g.l.T("cli.backup.flag_output"))
	cmd.AddCommand(newBackupRestoreCmd(g), newBackupListCmd(g))
	return cmd
}

func backupRun(g *globals, out string, now time.Time) error {
	st, err := g.openStore(true, func(path string) string { return g.l.T("cli.backup.locked_hint", "Dir", store.BackupDir(path)) })
	if err != nil {
		return err
	}
	defer st.Close()
	if out == "" {
		out = "engage-backup-" + now.Format("20060102-150405") + ".db"
	}
	var te *atomicfile.TargetError
	if err := atomicfile.CheckTarget(out); errors.As(err, &te) {
		if te.Kind == "a folder" {
			return &ExitError{Code: 1, Message: g.l.T("cli.backup.is_folder", "Path", out),
				Hint: g.l.T("cli.backup.is_folder_hint", "Example", filepath.Join(out, "engage-backup-"+now.Format("20060102-150405")+".db"))}
		}
		return &ExitError{Code: 1, Message: g.l.T("cli.backup.not_file", "Path", out, "Kind", te.Kind), Hint: g.l.T("cli.backup.not_file_hint")}
	}
	if _, err := os.Stat(out); err == nil {
		return &ExitError{Code: 1, Message: g.l.T("cli.backup.exists", "Path", out), Hint: g.l.T("cli.backup.exists_hint")}
	}
	if err := st.BackupTo(out); err != nil {
		return fmt.Errorf("%s: %w", g.l.T("cli.backup.write_failed"), err)
	}
	if err := store.VerifyFile(out); err != nil {
		return fmt.Errorf("%s: %w", g.l.T("cli.backup.check_failed", "Path", out), err)
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.io.Out, g.l.N("cli.backup.done", int(info.Size()), "Store", st.Path(), "Path", out))
	return nil
}

func newBackupRestoreCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: g.l.T("cli.backup.restore_short"),
		Example: `  engage backup list
  engage backup restore ~/.local/share/engage/engage.db.backups/engage-20261130T091200.000Z-before-demo.db`,
		Args: g.exactArgs(1, g.l.T("cli.backup.restore_arg")),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.storePath()
			if err != nil {
				return err
			}
			prev, err := store.Restore(args[0], path, g.storeOptions())
			if err != nil {
				return err
			}
			fmt.Fprintln(g.io.Out, g.l.T("cli.backup.restored", "Store", path, "Path", args[0]))
			if prev != "" {
				fmt.Fprintln(g.io.Out, g.l.T("cli.backup.kept", "Path", prev))
			}
			return nil
		},
	}
}

func newBackupListCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: g.l.T("cli.backup.list_short"),
		Example: `  engage backup list
  engage backup list --json`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.storePath()
			if err != nil {
				return err
			}
			all, err := store.AutoBackups(path)
			if err != nil {
				return err
			}
			if asJSON {
				type backupJSON struct {
					Path  string `json:"path"`
					Bytes int64  `json:"bytes"`
				}
				out := make([]backupJSON, 0, len(all))
				for _, b := range all {
					var size int64
					if fi, err := os.Stat(b); err == nil {
						size = fi.Size()
					}
					out = append(out, backupJSON{Path: b, Bytes: size})
				}
				return writeJSON(g.io.Out, out)
			}
			if len(all) == 0 {
				fmt.Fprintln(g.io.Out, g.l.T("cli.backup.none", "Store", path))
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
	cmd.Flags().BoolVar(&asJSON, "json", false, g.l.T("cli.flag.json"))
	return cmd
}
