package cli

import (
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/atomicfile"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/i18n"
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
		Short: g.l.T("cli.export.short"),
		Example: `  engage export eastbrook-pilot
  engage export eastbrook-pilot -o /media/usb/eastbrook.engage
  engage export eastbrook-pilot --anonymise
  engage export eastbrook-pilot --anonymise --drop comments,notes`,
		Long:              g.l.T("cli.export.long"),
		Args:              g.exactArgs(1, g.l.T("cli.export.arg_site")),
		ValidArgsFunction: g.completeSites,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site = args[0]
			if opts.drop != "" && !opts.anonymise {
				return usageErr(cmd, errors.New(g.l.T("cli.export.drop_alone")))
			}
			return exportRun(g, opts, cmd)
		},
	}
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", g.l.T("cli.export.flag_output"))
	cmd.Flags().BoolVar(&opts.anonymise, "anonymise", false, g.l.T("cli.export.flag_anonymise"))
	cmd.Flags().StringVar(&opts.drop, "drop", "", g.l.T("cli.export.flag_drop"))
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
	st, err := g.openStore(true, g.hintOf("cli.export.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	var b *bundle.Bundle
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) (err error) {
		b, err = bundle.Export(r, opts.site, bundle.ExportOptions{Engage: version(), Withhold: withhold})
		return err
	})
	if errors.Is(err, workbook.ErrNotFound) {
		return &ExitError{Code: 1, Message: g.l.T("cli.export.no_site", "Site", strconv.Quote(opts.site), "Store", st.Path()), Hint: g.l.T("cli.export.no_site_hint")}
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
		if err := binaryToStdout(g, g.l.T("cli.what.bundle")); err != nil {
			return err
		}
		if _, err := g.io.Out.Write(data); err != nil {
			return fmt.Errorf("%s: %w", g.l.T("cli.export.stdout_failed"), err)
		}
		out, say = g.l.T("cli.stdout.name"), g.io.Err
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
	fmt.Fprintln(say, textsafe.Line(g.l.T("cli.export.done", "Slug", s.Slug, "Name", s.Name, "Path", out, "Counts", recordCounts(g.l, b), "Size", sizeText(g.l, len(data)))))
	if len(b.Withheld) > 0 {
		fmt.Fprintln(say, g.l.T("cli.export.left_out", "What", withheldText(g.l, b.Withheld)))
	}
	return nil
}

// withheldText says what an anonymised bundle left out.
func withheldText(l *i18n.Lang, fs []bundle.Field) string {
	words := map[bundle.Field]string{
		bundle.FieldNames: l.T("cli.withheld.names"), bundle.FieldOrganisations: l.T("cli.withheld.organisations"),
		bundle.FieldComments: l.T("cli.withheld.comments"), bundle.FieldNotes: l.T("cli.withheld.notes"),
		bundle.FieldOwners: l.T("cli.withheld.owners"), bundle.FieldContext: l.T("cli.withheld.context"),
	}
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = words[f]
	}
	return strings.Join(parts, ", ")
}

// sizeText is a file's size for people.
func sizeText(l *i18n.Lang, n int) string {
	switch {
	case n < 10_000:
		return l.N("cli.size.bytes", n)
	case n < 10<<20:
		return l.T("cli.size.kb", "N", (n+512)/1024)
	}
	return l.T("cli.size.mb", "N", (n+1<<19)>>20)
}
