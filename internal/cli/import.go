package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// maxConflictLines is how many conflicts engage import lists per file.
const maxConflictLines = 20

func newImportCmd(g *globals) *cobra.Command {
	var theirs, ours bool
	cmd := &cobra.Command{
		Use:   "import FILE... [--theirs|--ours]",
		Short: "Bring sites from bundle files (written by engage export) into the store",
		Long: `Bring each bundle file's site into the store, one transaction per file.

Each file is checked fully before anything of it is written: format version,
checksum, questionnaire, references between records, value ranges. A bad,
cut-short or changed file is refused with what is wrong, and the store is left
as it was.

A site the store does not have is created. A site it has (the same site, from a
newer export) is updated record by record, after an automatic backup of the
store. Where the store holds an edit as new as the bundle's or newer, or a
record the bundle does not have, the file is not imported and the conflicts
are listed; --theirs takes the bundle's version of each (and removes what the
bundle does not have), --ours keeps the store's. Importing the same file again
changes nothing.`,
		Args: minArgs(1, "at least one bundle FILE (written by `engage export`)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			res := bundle.Stop
			switch {
			case theirs && ours:
				return usageErr(cmd, errors.New("give --theirs or --ours, not both"))
			case theirs:
				res = bundle.Theirs
			case ours:
				res = bundle.Ours
			}
			return importRun(g, args, res)
		},
	}
	cmd.Flags().BoolVar(&theirs, "theirs", false, "where the store and a bundle conflict, take the bundle's version")
	cmd.Flags().BoolVar(&ours, "ours", false, "where the store and a bundle conflict, keep the store's version")
	return cmd
}

func importRun(g *globals, files []string, resolve bundle.Resolution) error {
	st, err := g.openStore(false)
	if err != nil {
		var le *store.LockedError
		if errors.As(err, &le) {
			return &ExitError{Code: 1, Message: le.Error(), Hint: "close the other engage first, then import"}
		}
		return err
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	backup := ""
	refused := 0
	var reader bundle.Reader // parses a questionnaire the files share once
	for _, f := range files {
		b, err := reader.ReadFile(f)
		if err != nil {
			refused++
			var be *bundle.Error
			if errors.As(err, &be) {
				printProblem(g.io.Err, be.Error(), be.Hint())
			} else {
				printProblem(g.io.Err, f+": "+atomicfile.Cause(err).Error(), "")
			}
			continue
		}
		res, err := bundle.Import(svc, b, bundle.ImportOptions{Resolve: resolve, BeforeUpdate: func() error {
			if backup != "" {
				return nil
			}
			p, err := st.AutoBackup("before-import")
			if err != nil {
				return fmt.Errorf("back up the store before updating site %s: %w", b.Records.Site.Slug, err)
			}
			backup = p
			return nil
		}})
		switch {
		case errors.Is(err, bundle.ErrConflicts):
			refused++
			_ = buffered(g.io.Err, func(w io.Writer) error { printConflicts(w, f, b, res); return nil })
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
			printProblem(g.io.Err, msg, hint)
		default:
			printImported(g.io.Out, f, b, res, resolve)
		}
	}
	if backup != "" {
		fmt.Fprintf(g.io.Out, "The store as it was before the update is kept in %s.\n", backup)
	}
	if refused > 0 {
		return &ExitError{Code: 1, Message: fmt.Sprintf("%d of %d %s not imported", refused, len(files), countNoun(len(files), "file", "files"))}
	}
	return nil
}

// printProblem prints why a file was not imported. The message may quote
// the file's content, so it is shown through textsafe.
func printProblem(w io.Writer, msg, hint string) {
	fmt.Fprintf(w, "engage: %s\n", textsafe.Block(msg))
	if hint != "" {
		fmt.Fprintf(w, "hint: %s\n", textsafe.Line(hint))
	}
}

func printConflicts(w io.Writer, file string, b *bundle.Bundle, res *bundle.Result) {
	s := b.Records.Site
	n := len(res.Conflicts)
	fmt.Fprintln(w, textsafe.Line(fmt.Sprintf("engage: %s: %d %s with site %s (%s): %s; nothing imported from it:", file, n, countNoun(n, "conflict", "conflicts"),
		res.Site.Slug, s.Name, conflictKinds(res.Conflicts))))
	for i, c := range res.Conflicts {
		if i == maxConflictLines {
			fmt.Fprintf(w, "  ... and %d more\n", n-maxConflictLines)
			break
		}
		fmt.Fprintf(w, "  %s\n", textsafe.Line(c.String()))
	}
	fmt.Fprintln(w, "hint: import it again with --theirs to take the bundle's version of each, or --ours to keep this store's")
}

// conflictKinds counts conflicts by kind: "5 participants, 394 answers".
func conflictKinds(cs []bundle.Conflict) string {
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
		parts[i] = fmt.Sprintf("%d %s", count[k], countNoun(count[k], k, k+"s"))
	}
	return strings.Join(parts, ", ")
}

func printImported(w io.Writer, file string, b *bundle.Bundle, res *bundle.Result, resolve bundle.Resolution) {
	s := res.Site
	var line string
	switch {
	case res.Created:
		line = fmt.Sprintf("%s: created site %s (%s): %s", file, s.Slug, s.Name, b.Counts())
		if s.Slug != b.Records.Site.Slug {
			line += fmt.Sprintf("; its slug %s is taken here, so it is %s", b.Records.Site.Slug, s.Slug)
		}
	case res.UpToDate():
		line = fmt.Sprintf("%s: site %s is already up to date; nothing changed", file, s.Slug)
	default:
		line = fmt.Sprintf("%s: updated site %s: %d %s changed, %d added, %d removed, %d unchanged", file, s.Slug,
			res.Updated, countNoun(res.Updated, "record", "records"), res.Added, res.Removed, res.Unchanged)
	}
	if n := len(res.Conflicts); n > 0 {
		if resolve == bundle.Theirs {
			line += fmt.Sprintf("; %d %s settled with --theirs (the bundle's version)", n, countNoun(n, "conflict", "conflicts"))
		} else {
			line += fmt.Sprintf("; %d %s settled with --ours (this store's version kept)", n, countNoun(n, "conflict", "conflicts"))
		}
	}
	fmt.Fprintln(w, textsafe.Line(line+"."))
	if len(b.Withheld) > 0 {
		fmt.Fprintf(w, "  The bundle is anonymised (%s left out); the store keeps its own where it has them.\n", withheldText(b.Withheld))
	}
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
