package cli

import (
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/atomicfile"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// exportOptions are the flags of engage export.
type exportOptions struct {
	site      string
	out       string
	anonymise bool
	drop      string
}

func newExportCmd(g *globals) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export SITE [-o FILE] [--anonymise [--drop KINDS]]",
		Short: "Write one site, with everything recorded for it, to a bundle file for another store",
		Long: `Write one site to a bundle file (default: SLUG.engage in the current folder;
-o - writes it to standard output):
the questionnaire(s) it pinned, its mapping and criteria, every assessment with
its participants, answers, notes, findings and action plan, each record with the
time it was last changed, and a SHA-256 checksum. Import it on another laptop
with ` + "`engage import FILE`" + `.

--anonymise leaves out participants' names; role levels and groups are kept.
--drop leaves out more, as a comma-separated list of:
  organisations  participants' organisations
  comments       comments given with answers (an answer that was only a comment goes)
  notes          partnership and criterion notes, selection reasons, dialogue notes,
                 verification notes, review notes of the action plan
  owners         who owns each action of the action plan
  context        the site's context note
  all            all of these`,
		Args: exactArgs(1, "the SITE to export (its id or slug; see `engage sites`)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site = args[0]
			if opts.drop != "" && !opts.anonymise {
				return usageErr(cmd, errors.New("--drop goes with --anonymise"))
			}
			return exportRun(g, opts, cmd)
		},
	}
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", "the bundle `FILE` to write (default SLUG.engage), or - for standard output")
	cmd.Flags().BoolVar(&opts.anonymise, "anonymise", false, "leave out participants' names (and what --drop lists)")
	cmd.Flags().StringVar(&opts.drop, "drop", "", "with --anonymise, also leave out these `KINDS`: organisations,comments,notes,owners,context or all")
	return cmd
}

func exportRun(g *globals, opts exportOptions, cmd *cobra.Command) error {
	var withhold []bundle.Field
	if opts.anonymise {
		more, err := bundle.ParseFields(opts.drop)
		if err != nil {
			return usageErr(cmd, fmt.Errorf("--drop: %w", err))
		}
		withhold = append([]bundle.Field{bundle.FieldNames}, more...)
	}
	st, err := g.openStore(true)
	if err != nil {
		var le *store.LockedError
		if errors.As(err, &le) {
			return &ExitError{Code: 1, Message: le.Error(), Hint: "close the other engage first, then export"}
		}
		return err
	}
	defer st.Close()
	var b *bundle.Bundle
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) (err error) {
		b, err = bundle.Export(r, opts.site, bundle.ExportOptions{Engage: version(), Withhold: withhold})
		return err
	})
	if errors.Is(err, workbook.ErrNotFound) {
		return &ExitError{Code: 1, Message: fmt.Sprintf("no site %q in %s", opts.site, st.Path()), Hint: "see `engage sites` for the sites and their slugs"}
	}
	if err != nil {
		return err
	}
	data, err := b.Encode()
	if err != nil {
		return err
	}
	out, say := opts.out, g.io.Out
	switch out {
	case "-":
		// The bundle is what standard output is for; the words go to stderr.
		if err := binaryToStdout(g, "bundle"); err != nil {
			return err
		}
		if _, err := g.io.Out.Write(data); err != nil {
			return fmt.Errorf("write the bundle to standard output: %w", err)
		}
		out, say = "standard output", g.io.Err
	case "":
		out = b.Records.Site.Slug + ".engage"
		fallthrough
	default:
		// Readable by the user only: a bundle holds personal data.
		if err := atomicfile.Write(out, 0o600, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return err
		}
	}
	s := b.Records.Site
	fmt.Fprintln(say, textsafe.Line(fmt.Sprintf("Exported site %s (%s) to %s: %s (%s).", s.Slug, s.Name, out, b.Counts(), sizeText(len(data)))))
	if len(b.Withheld) > 0 {
		fmt.Fprintf(say, "Left out: %s.\n", withheldText(b.Withheld))
	}
	return nil
}

// withheldText says what an anonymised bundle left out.
func withheldText(fs []bundle.Field) string {
	words := map[bundle.Field]string{
		bundle.FieldNames: "participants' names", bundle.FieldOrganisations: "participants' organisations",
		bundle.FieldComments: "comments", bundle.FieldNotes: "notes", bundle.FieldOwners: "action owners",
		bundle.FieldContext: "the context note",
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = words[f]
	}
	return strings.Join(parts, ", ")
}

// sizeText is a file's size for people.
func sizeText(n int) string {
	switch {
	case n < 10_000:
		return fmt.Sprintf("%d bytes", n)
	case n < 10<<20:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	}
	return fmt.Sprintf("%d MB", (n+1<<19)>>20)
}
