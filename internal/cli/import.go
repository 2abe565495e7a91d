package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// maxConflictLines is how many conflicts engage import lists per file.
const maxConflictLines = 20

func newImportCmd(g *globals) *cobra.Command {
	var theirs, ours bool
	var identities []string
	cmd := &cobra.Command{
		Use:   "import FILE... [--theirs|--ours] [--identity KEYFILE...]",
		Short: g.l.T("cli.import.short"),
		Example: `  engage import eastbrook.engage
  engage import /media/usb/*.engage
  engage import eastbrook.engage --theirs
  engage import eastbrook.engage --identity ~/keys/engage-study.txt`,
		Long: g.l.T("cli.import.long"),
		Args: g.minArgs(1, g.l.T("cli.import.arg_files")),
		RunE: func(cmd *cobra.Command, args []string) error {
			res := bundle.Stop
			switch {
			case theirs && ours:
				return usageErr(cmd, errors.New(g.l.T("cli.import.both")))
			case theirs:
				res = bundle.Theirs
			case ours:
				res = bundle.Ours
			}
			return importRun(g, args, res, identities)
		},
	}
	cmd.Flags().BoolVar(&theirs, "theirs", false, g.l.T("cli.import.flag_theirs"))
	cmd.Flags().BoolVar(&ours, "ours", false, g.l.T("cli.import.flag_ours"))
	cmd.Flags().StringArrayVarP(&identities, "identity", "i", nil, g.l.T("cli.import.flag_identity"))
	return cmd
}

func importRun(g *globals, files []string, resolve bundle.Resolution, identities []string) error {
	keys, err := g.importKeys(identities)
	if err != nil {
		return err
	}
	st, err := g.openStore(false, g.hintOf("cli.import.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	backup := ""
	refused := 0
	reader := bundle.Reader{Keys: keys.Keys} // parses a questionnaire the files share once
	m := g.meter(g.l.T("cli.progress.import"), len(files))
	defer m.Done()
	keys.before = m.Done
	for i, f := range files {
		// What is said of a file goes on lines of its own: the meter is
		// blanked before, and drawn again below them.
		m.Set(i, len(files))
		b, err := reader.ReadFile(f)
		if err != nil {
			m.Done()
			refused++
			var be *bundle.Error
			var h hinter
			switch {
			case errors.As(err, &be) && be.Lock != nil:
				msg, hint := lockProblem(g.l, be, keys)
				printProblem(g.l, g.io.Err, msg, hint)
			case errors.As(err, &be):
				printProblem(g.l, g.io.Err, be.Error(), be.Hint())
			case errors.As(err, &h):
				printProblem(g.l, g.io.Err, f+": "+err.Error(), h.Hint())
			default:
				printProblem(g.l, g.io.Err, f+": "+atomicfile.Cause(err).Error(), "")
			}
			continue
		}
		res, err := bundle.Import(svc, b, bundle.ImportOptions{Resolve: resolve, BeforeUpdate: func() error {
			if backup != "" {
				return nil
			}
			p, err := st.AutoBackup("before-import")
			if err != nil {
				return fmt.Errorf("%s: %w", g.l.T("cli.import.backup_failed", "Slug", b.Records.Site.Slug), err)
			}
			backup = p
			return nil
		}})
		m.Done()
		switch {
		case errors.Is(err, bundle.ErrConflicts):
			refused++
			_ = buffered(g.io.Err, func(w io.Writer) error { printConflicts(g.l, w, f, b, res); return nil })
		case err != nil:
			refused++
			var h hinter
			hint := ""
			if errors.As(err, &h) {
				hint = h.Hint()
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, f+": ") {
				msg = f + ": " + msg
			}
			printProblem(g.l, g.io.Err, msg, hint)
		default:
			printImported(g.l, g.io.Out, f, b, res, resolve)
		}
	}
	if backup != "" {
		fmt.Fprintln(g.io.Out, g.l.T("cli.import.kept", "Path", backup))
	}
	if refused > 0 {
		return &ExitError{Code: 1, Message: g.l.N("cli.import.refused", len(files), "Refused", refused)}
	}
	return nil
}

// printProblem prints why a file was not imported. The message may quote
// the file's content, so it is shown through textsafe.
func printProblem(l *i18n.Lang, w io.Writer, msg, hint string) {
	fmt.Fprintln(w, l.T("cli.run.error", "Message", textsafe.Block(msg)))
	if hint != "" {
		fmt.Fprintln(w, l.T("cli.run.hint", "Hint", textsafe.Line(hint)))
	}
}

func printConflicts(l *i18n.Lang, w io.Writer, file string, b *bundle.Bundle, res *bundle.Result) {
	s := b.Records.Site
	n := len(res.Conflicts)
	fmt.Fprintln(w, textsafe.Line(l.T("cli.run.error", "Message", l.N("cli.import.conflicts", n, "File", file,
		"Slug", res.Site.Slug, "Name", s.Name, "Kinds", conflictKinds(l, res.Conflicts)))))
	for i, c := range res.Conflicts {
		if i == maxConflictLines {
			fmt.Fprintf(w, "  %s\n", l.N("cli.import.more", n-maxConflictLines))
			break
		}
		fmt.Fprintf(w, "  %s\n", textsafe.Line(c.String()))
	}
	fmt.Fprintln(w, l.T("cli.run.hint", "Hint", l.T("cli.import.conflicts_hint")))
}

// conflictKinds counts conflicts by kind: "5 participants, 394 answers".
// recordCounts says how many records of each kind a bundle holds.
func recordCounts(l *i18n.Lang, b *bundle.Bundle) string {
	var parts []string
	for _, c := range b.KindCounts() {
		parts = append(parts, recordCount(l, c.Kind, c.N))
	}
	return strings.Join(parts, ", ")
}

// recordCount says "3 partnerships" for a kind of record.
func recordCount(l *i18n.Lang, kind string, n int) string {
	id := "cli.record." + strings.ReplaceAll(kind, " ", "_")
	if l.Exists(id) {
		return l.N(id, n)
	}
	return l.N("cli.record.other", n, "Kind", kind)
}

func conflictKinds(l *i18n.Lang, cs []bundle.Conflict) string {
	var kinds []string
	count := map[string]int{}
	for _, c := range cs {
		if count[c.Kind] == 0 {
			kinds = append(kinds, c.Kind)
		}
		count[c.Kind]++
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = recordCount(l, k, count[k])
	}
	return strings.Join(parts, ", ")
}

func printImported(l *i18n.Lang, w io.Writer, file string, b *bundle.Bundle, res *bundle.Result, resolve bundle.Resolution) {
	s := res.Site
	var line string
	switch {
	case res.Created:
		line = l.T("cli.import.created", "File", file, "Slug", s.Slug, "Name", s.Name, "Counts", recordCounts(l, b))
		if s.Slug != b.Records.Site.Slug {
			line = l.T("cli.import.slug_taken", "Line", line, "Theirs", b.Records.Site.Slug, "Slug", s.Slug)
		}
	case res.UpToDate():
		line = l.T("cli.import.up_to_date", "File", file, "Slug", s.Slug)
	default:
		line = l.N("cli.import.updated", res.Updated, "File", file, "Slug", s.Slug, "Added", res.Added, "Removed", res.Removed, "Unchanged", res.Unchanged)
	}
	if n := len(res.Conflicts); n > 0 {
		if resolve == bundle.Theirs {
			line = l.N("cli.import.settled_theirs", n, "Line", line)
		} else {
			line = l.N("cli.import.settled_ours", n, "Line", line)
		}
	}
	fmt.Fprintln(w, textsafe.Line(l.T("cli.import.line_end", "Line", line)))
	if len(b.Withheld) > 0 {
		fmt.Fprintf(w, "  %s\n", l.T("cli.import.anonymised", "What", withheldText(l, b.Withheld)))
	}
}
