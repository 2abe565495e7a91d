package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// exportOptions are the flags of engage export.
type exportOptions struct {
	site       string
	out        string
	anonymise  bool
	drop       string
	to, toFile []string
	passphrase bool
}

func newExportCmd(g *globals) *cobra.Command {
	var opts exportOptions
	cmd := &cobra.Command{
		Use:   "export SITE [-o FILE] [--anonymise [--drop KINDS]] [--to KEY... | --passphrase]",
		Short: g.l.T("cli.export.short"),
		Example: `  engage export eastbrook-pilot
  engage export eastbrook-pilot -o /media/usb/eastbrook.engage
  engage export eastbrook-pilot --anonymise
  engage export eastbrook-pilot --anonymise --drop comments,notes
  engage export eastbrook-pilot --to age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
  engage export eastbrook-pilot --to-file researchers.txt
  engage export eastbrook-pilot --passphrase`,
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
	cmd.Flags().StringArrayVar(&opts.to, "to", nil, g.l.T("cli.export.flag_to"))
	cmd.Flags().StringArrayVar(&opts.toFile, "to-file", nil, g.l.T("cli.export.flag_to_file"))
	cmd.Flags().BoolVar(&opts.passphrase, "passphrase", false, g.l.T("cli.export.flag_passphrase", "Env", EnvPassphrase))
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
	recipients, err := exportRecipients(g, opts, cmd)
	if err != nil {
		return err
	}
	if opts.passphrase && !g.canAskSecret() {
		return &ExitError{Code: 1, Message: g.l.T("cli.secret.no_terminal"), Hint: g.l.T("cli.secret.no_terminal_hint", "Env", EnvPassphrase)}
	}
	b, err := exportBundle(g, opts.site, withhold)
	if err != nil {
		return err
	}
	data, err := b.Encode()
	if err != nil {
		return err
	}
	out, say := opts.out, g.io.Out
	if out == "" {
		out = b.Records.Site.Slug + ".engage"
	}
	if out == "-" {
		if err := binaryToStdout(g, g.l.T("cli.what.bundle")); err != nil {
			return err
		}
	}
	if opts.passphrase {
		name := out
		if name == "-" {
			name = g.l.T("cli.stdout.name")
		}
		pass, err := g.newPassphrase(name)
		if err != nil {
			return err
		}
		r, err := bundle.PassphraseRecipient(pass)
		if err != nil {
			return err
		}
		recipients = []age.Recipient{r}
	}
	if len(recipients) > 0 {
		if data, err = bundle.Encrypt(data, recipients...); err != nil {
			return &ExitError{Code: 1, Message: g.l.T("cli.export.encrypt_failed", "Err", err.Error())}
		}
	}
	switch out {
	case "-":
		// The bundle is what standard output is for; the words go to stderr.
		if _, err := g.io.Out.Write(data); err != nil {
			return fmt.Errorf("%s: %w", g.l.T("cli.export.stdout_failed"), err)
		}
		out, say = g.l.T("cli.stdout.name"), g.io.Err
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
	switch {
	case opts.passphrase:
		fmt.Fprintln(say, g.l.T("cli.export.sealed_passphrase"))
	case len(recipients) > 0:
		fmt.Fprintln(say, g.l.N("cli.export.sealed_keys", len(recipients)))
	case b.Carries(bundle.FieldNames):
		fmt.Fprintln(g.io.Err, g.l.T("cli.warning", "Text", g.l.T("cli.export.names_plain")))
	}
	return nil
}

// exportBundle reads one site into a bundle, with the store open only for
// that: a passphrase is typed after it is closed.
func exportBundle(g *globals, site string, withhold []bundle.Field) (*bundle.Bundle, error) {
	st, err := g.openStore(true, g.hintOf("cli.export.locked_hint"))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var b *bundle.Bundle
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) (err error) {
		b, err = bundle.Export(r, site, bundle.ExportOptions{Engage: version(), Withhold: withhold})
		return err
	})
	if errors.Is(err, workbook.ErrNotFound) {
		return nil, &ExitError{Code: 1, Message: g.l.T("cli.export.no_site", "Site", strconv.Quote(site), "Store", st.Path()), Hint: g.l.T("cli.export.no_site_hint")}
	}
	return b, err
}

// exportRecipients reads the public keys of --to and --to-file. A
// passphrase goes alone (age's rule: it would not otherwise prove who
// made the file).
func exportRecipients(g *globals, opts exportOptions, cmd *cobra.Command) ([]age.Recipient, error) {
	l := g.l
	if opts.passphrase && len(opts.to)+len(opts.toFile) > 0 {
		return nil, usageErr(cmd, errors.New(l.T("cli.export.passphrase_and_keys")))
	}
	var out []age.Recipient
	for _, s := range opts.to {
		r, err := parseRecipient(strings.TrimSpace(s))
		if err != nil {
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "AGE-SECRET-KEY-") {
				return nil, usageErr(cmd, errors.New(l.T("cli.export.to_secret")))
			}
			if !strings.HasPrefix(strings.TrimSpace(s), "age1") {
				return nil, usageErr(cmd, errors.New(l.T("cli.export.to_bad", "Value", strconv.Quote(textsafe.Line(s)))))
			}
			// age's message quotes the key again: keep only why.
			why := err.Error()
			if i := strings.LastIndex(why, ": "); i >= 0 {
				why = why[i+2:]
			}
			return nil, usageErr(cmd, errors.New(l.T("cli.export.to_bad_key", "Value", strconv.Quote(textsafe.Line(s)), "Err", why)))
		}
		out = append(out, r)
	}
	for _, f := range opts.toFile {
		data, err := readSmall(l, f)
		if err != nil {
			return nil, &ExitError{Code: 1, Message: l.T("cli.export.to_file_unreadable", "File", f, "Err", atomicfile.Cause(err).Error())}
		}
		rs, err := age.ParseRecipients(bytes.NewReader(data))
		if err != nil {
			// age's message never quotes the line: it may be a secret key.
			return nil, &ExitError{Code: 1, Message: l.T("cli.export.to_file_bad", "File", f, "Err", err.Error()), Hint: l.T("cli.export.to_file_bad_hint")}
		}
		out = append(out, rs...)
	}
	return out, nil
}

// parseRecipient reads one public key: age1... (X25519) or age1pq1...
// (hybrid post-quantum).
func parseRecipient(s string) (age.Recipient, error) {
	if strings.HasPrefix(s, "age1pq1") {
		return age.ParseHybridRecipient(s)
	}
	return age.ParseX25519Recipient(s)
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
