package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/tui"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// compareOptions are the flags of `engage compare`.
type compareOptions struct {
	sites   []string
	all     bool
	pdf     string
	csv     string
	summary string
	// codebook describes the CSVs' columns and statements: beside the
	// long CSV, else beside the summary.
	codebook string
	// xlsx is the spreadsheet of the summary, answers and codebook.
	xlsx string
	// parquet is the folder of the Parquet files.
	parquet string
	// actions is the actions CSV: beside the long CSV unless named;
	// owners puts the owners' and reviewers' names in it.
	actions string
	owners  bool
	lang    string
	paper   string
	format  string
	// unsuppressed writes every row of the long CSV, small groups too.
	unsuppressed bool
	// round is --round: which round of each site is compared.
	round string
	rc    workbook.RoundChoice
}

func newCompareCmd(g *globals) *cobra.Command {
	var opts compareOptions
	cmd := &cobra.Command{
		Use:   "compare [SITE...] [--all] [-o FILE.pdf] [--csv FILE.csv]",
		Short: g.l.T("cli.compare.short"),
		Long:  g.l.T("cli.compare.long"),
		Example: `  engage compare --all -o comparison.pdf --csv responses.csv
  engage compare eastbrook-pilot westmoor-county -o two-sites.pdf
  engage compare --all -o comparison.html
  engage compare --all --summary summary.csv
  engage compare --all --csv responses.csv --unsuppressed
  engage compare --all --xlsx comparison.xlsx
  engage compare --all --parquet ./parquet
  engage compare --all --actions actions.csv --owners`,
		ValidArgsFunction: g.completeSites,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.sites, opts.lang = args, g.userLang(g.lang)
			if !g.cat.Has(opts.lang) {
				if g.lang != "" {
					return usageErr(cmd, g.noLanguage(opts.lang))
				}
				opts.lang = i18n.Fallback // the locale names a language engage lacks
			}
			if err := opts.check(g.l); err != nil {
				return usageErr(cmd, err)
			}
			return compareRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.all, "all", false, g.l.T("cli.compare.flag_all"))
	f.StringVarP(&opts.pdf, "output", "o", "", g.l.T("cli.compare.flag_output"))
	f.StringVar(&opts.csv, "csv", "", g.l.T("cli.compare.flag_csv"))
	f.StringVar(&opts.summary, "summary", "", g.l.T("cli.compare.flag_summary"))
	f.StringVar(&opts.xlsx, "xlsx", "", g.l.T("cli.compare.flag_xlsx"))
	f.StringVar(&opts.parquet, "parquet", "", g.l.T("cli.compare.flag_parquet"))
	f.StringVar(&opts.paper, "paper", g.defaultPaper(), g.l.T("cli.flag.paper"))
	f.StringVar(&opts.format, "format", "", g.l.T("cli.flag.format"))
	f.BoolVar(&opts.unsuppressed, "unsuppressed", false, g.l.T("cli.compare.flag_unsuppressed"))
	f.StringVar(&opts.actions, "actions", "", g.l.T("cli.compare.flag_actions"))
	f.BoolVar(&opts.owners, "owners", false, g.l.T("cli.compare.flag_owners"))
	f.StringVar(&opts.round, "round", "latest", g.l.T("cli.flag.round"))
	return cmd
}

// check validates the flags and fills in the summary's default path.
func (o *compareOptions) check(l *i18n.Lang) error {
	switch {
	case o.all && len(o.sites) > 0:
		return errors.New(l.T("cli.compare.sites_and_all"))
	case !o.all && len(o.sites) == 0:
		return errors.New(l.T("cli.compare.no_sites"))
	case o.pdf == "" && o.csv == "" && o.summary == "" && o.xlsx == "" && o.parquet == "" && o.actions == "":
		return errors.New(l.T("cli.compare.nothing"))
	case !slices.Contains(pdffont.Papers, o.paper):
		return errors.New(l.T("cli.flag.paper_bad", "Papers", strings.Join(pdffont.Papers, ", "), "Value", strconv.Quote(o.paper)))
	case o.unsuppressed && o.csv == "" && o.xlsx == "" && o.parquet == "":
		return errors.New(l.T("cli.compare.unsuppressed_alone"))
	case o.owners && o.actions == "" && (o.csv == "" || o.csv == "-"):
		return errors.New(l.T("cli.compare.owners_alone"))
	}
	var err error
	if o.rc, err = parseRound(l, o.round); err != nil {
		return err
	}
	if o.format, err = outputFormat(l, o.format, o.pdf); err != nil {
		return err
	}
	if o.csv == "-" || o.summary == "-" || o.pdf == "-" || o.actions == "-" {
		// Standard output takes one file; the CSV's summary and actions
		// are not written beside it unless --summary and --actions name
		// them.
		n := 0
		for _, p := range []string{o.pdf, o.csv, o.summary, o.actions} {
			if p != "" {
				n++
			}
		}
		if n > 1 {
			return errors.New(l.T("cli.compare.stdout_one"))
		}
	} else if o.csv != "" {
		if o.summary == "" {
			o.summary = compare.Beside(o.csv, compare.SuffixSummary)
		}
		if o.actions == "" {
			o.actions = compare.Beside(o.csv, compare.SuffixActions)
		}
	}
	// The codebook goes beside a CSV written to a file; standard output
	// holds one file only.
	switch {
	case o.csv != "" && o.csv != "-":
		o.codebook = compare.Beside(o.csv, compare.SuffixCodebook)
	case o.summary != "" && o.summary != "-":
		o.codebook = compare.Beside(o.summary, compare.SuffixCodebook)
	case o.actions != "" && o.actions != "-":
		o.codebook = compare.Beside(o.actions, compare.SuffixCodebook)
	}
	paths := map[string]string{}
	if o.xlsx == "-" {
		return errors.New(l.T("cli.compare.xlsx_stdout"))
	}
	if o.parquet == "-" {
		return errors.New(l.T("cli.compare.parquet_stdout"))
	}
	for flag, p := range map[string]string{"-o": o.pdf, "--csv": o.csv, "--summary": o.summary, "codebook": o.codebook, "--xlsx": o.xlsx, "--actions": o.actions} {
		if p == "" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		if other, dup := paths[abs]; dup {
			return errors.New(l.T("cli.compare.same_file", "A", min(flag, other), "B", max(flag, other), "Path", p))
		}
		paths[abs] = flag
	}
	return nil
}

func compareRun(g *globals, opts compareOptions) error {
	st, err := g.openStore(true, g.hintOf("cli.compare.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	ropts := report.CompareOptions{Lang: opts.lang, Paper: opts.paper, Catalog: g.cat, Format: opts.format}
	out := compare.Files{Report: opts.pdf, Render: renderComparison(ropts), CSV: opts.csv, Summary: opts.summary, Codebook: opts.codebook, XLSX: opts.xlsx, Parquet: opts.parquet,
		Private: opts.unsuppressed, Actions: opts.actions, Owners: opts.owners, Stdout: g.io.Out}
	w := g.io.Out
	if out.Report == "-" || out.CSV == "-" || out.Summary == "-" || out.Actions == "-" {
		if out.Report == "-" && opts.format == report.FormatPDF {
			if err := binaryToStdout(g, g.l.T("cli.what.pdf")); err != nil {
				return err
			}
		}
		w = g.io.Err // standard output holds the file
	}
	// The store is open read-only: nothing writes it while the comparison
	// reads it, so a second read may decode ahead.
	m := g.meter(g.l.T("cli.progress.compare"), len(opts.sites))
	sel := compare.Options{Sites: opts.sites, All: opts.all, Lang: opts.lang, Unsuppressed: opts.unsuppressed, ReadAhead: true, Round: opts.rc,
		Progress: func(done, total int) {
			m.Set(done, total)
			if done == total {
				m.Say(g.l.T("cli.progress.writing"))
			}
		}}
	res, err := compare.WriteFiles(workbook.NewService(st, workbook.Options{}), sel, out, g.cat.For(opts.lang))
	m.Done()
	if err != nil {
		return compareError(g.l, err)
	}
	// The files are in place: failing to say so afterwards is not a
	// failed comparison, as before the lines were buffered.
	_ = buffered(w, func(w io.Writer) error { return printCompared(g.l, w, res, out, opts.format, opts.unsuppressed) })
	if res.Markers > 0 {
		fmt.Fprintln(g.io.Err, g.l.T("cli.note", "Text", g.l.N("cli.compare.markers", res.Markers, "Marker", report.Marker)))
	}
	return nil
}

// printCompared says what a comparison wrote, and what the long CSV holds
// of small groups.
func printCompared(l *i18n.Lang, w io.Writer, res compare.Written, out compare.Files, format string, unsuppressed bool) error {
	fmt.Fprintf(w, "%s\n", textsafe.Line(comparedLine(l, res.Comparison)))
	for _, line := range roundLines(l, res.Comparison) {
		fmt.Fprintf(w, "  %s\n", textsafe.Line(line))
	}
	switch {
	case out.Report != "" && format == report.FormatHTML:
		fmt.Fprintf(w, "  %s\n", l.T("cli.compare.wrote_html", "Path", outName(l, out.Report)))
	case out.Report != "":
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_pdf", res.Pages, "Path", outName(l, out.Report)))
	}
	private := ""
	if out.Private {
		private = l.T("cli.compare.private")
	}
	if out.CSV != "" {
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_csv", res.Responses, "Path", outName(l, out.CSV), "Private", private))
	}
	if out.Summary != "" {
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_summary", res.SummaryRows, "Path", outName(l, out.Summary), "Private", private))
	}
	if out.Parquet != "" {
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_parquet", res.ParquetRows[0], "Path", out.Parquet,
			"Summary", res.ParquetRows[1], "Codebook", res.ParquetRows[2], "Private", private))
	}
	if out.XLSX != "" {
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_xlsx", res.XLSXAnswers, "Path", out.XLSX, "Private", private))
	}
	if out.Actions != "" {
		names := ""
		if out.Owners {
			names = l.T("cli.compare.with_owners")
		}
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_actions", res.ActionRows, "Path", outName(l, out.Actions), "Private", names))
	}
	if out.Codebook != "" {
		fmt.Fprintf(w, "  %s\n", l.N("cli.compare.wrote_codebook", res.CodebookRows, "Path", outName(l, out.Codebook)))
	}
	if out.CSV != "" || out.XLSX != "" || out.Parquet != "" {
		for _, line := range rowsLines(l, res.Comparison, unsuppressed) {
			if _, err := fmt.Fprintf(w, "  %s\n", textsafe.Line(line)); err != nil {
				return err
			}
		}
	}
	return nil
}

// outName is how an output path is named to the user.
func outName(l *i18n.Lang, path string) string {
	if path == "-" {
		return l.T("cli.stdout.name")
	}
	return path
}

// comparedLine says how many sites were compared and on what basis.
func comparedLine(l *i18n.Lang, c *compare.Comparison) string {
	return l.N("cli.compare.compared", len(c.Sites), "Basis", basisLine(l, c))
}

// basisLine says in a few words what the sites were compared on.
func basisLine(l *i18n.Lang, c *compare.Comparison) string {
	b := c.Basis
	switch b.Level {
	case compare.LevelStatements:
		if b.Mixed() {
			return l.T("cli.compare.basis_versions")
		}
		q := b.Questionnaires[0].Questionnaire
		return l.T("cli.compare.basis_same", "ID", q.ID, "Version", q.Version)
	case compare.LevelKeyIssues:
		var ids []string
		for _, is := range c.Issues {
			ids = append(ids, is.ID)
		}
		return l.T("cli.compare.basis_key_issues", "N", len(b.Questionnaires), "Issues", strings.Join(ids, ", "))
	}
	return l.T("cli.compare.basis_nothing", "N", len(b.Questionnaires))
}

// renderComparison draws the comparison report with ropts, for
// [compare.Files].Render.
func renderComparison(ropts report.CompareOptions) func(io.Writer, *compare.Comparison) (compare.Rendered, error) {
	return func(w io.Writer, c *compare.Comparison) (compare.Rendered, error) {
		r, err := report.Compare(w, c, ropts)
		return compare.Rendered{Pages: r.Pages, Markers: r.Markers}, err
	}
}

// compareError gives a failed comparison its message and hint.
func compareError(l *i18n.Lang, err error) error {
	var nf *workbook.NotFoundError
	switch {
	case errors.As(err, &nf) && nf.Kind == "site":
		return &ExitError{Code: 1, Message: l.T("cli.site.not_found", "Site", strconv.Quote(nf.Ref)), Hint: l.T("cli.site.not_found_hint")}
	case errors.Is(err, compare.ErrNoSites):
		return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.compare.no_sites_hint")}
	case errors.Is(err, workbook.ErrNoRound):
		return roundError(l, err)
	}
	return &ExitError{Code: 1, Message: err.Error()}
}

// writeTUIComparison writes the comparison of sites for the interactive
// workbook, the files `engage compare -o comparison.pdf --csv
// comparison.csv` writes: comparison.pdf, comparison.csv and, beside it,
// comparison-summary.csv, comparison-actions.csv (without the owners'
// names) and comparison-codebook.csv, in the folder engage was started
// from, or beside the store when that folder cannot be written to. The texts are in the sites' language when they
// all have the same one (and engage speaks it), else in English. It
// returns absolute paths, so the screen says exactly where the files are.
func writeTUIComparison(cat *i18n.Catalog, svc *workbook.Service, storePath string, siteIDs []string, progress func(done, total int)) (tui.CompareResult, error) {
	lang := ""
	err := svc.Read(func(r *workbook.Reader) error {
		for i, id := range siteIDs {
			s, err := r.Site(id)
			if err != nil {
				return err
			}
			if i == 0 {
				lang = s.Language
			} else if s.Language != lang {
				lang = i18n.Fallback
			}
		}
		return nil
	})
	if !cat.Has(lang) {
		lang = i18n.Fallback
	}
	l := cat.For(lang)
	if err != nil {
		return tui.CompareResult{}, err
	}
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		dirs = append(dirs, wd)
	}
	if abs, err := filepath.Abs(storePath); err == nil {
		dirs = append(dirs, filepath.Dir(abs))
	}
	err = errors.New(l.T("cli.compare.no_folder_at_all"))
	sel := compare.Options{Sites: siteIDs, Lang: lang, Progress: progress}
	for _, dir := range dirs {
		csv := filepath.Join(dir, "comparison.csv")
		out := compare.Files{
			Report:   filepath.Join(dir, "comparison.pdf"),
			Render:   renderComparison(report.CompareOptions{Lang: lang, Catalog: cat}),
			CSV:      csv,
			Summary:  compare.Beside(csv, compare.SuffixSummary),
			Actions:  compare.Beside(csv, compare.SuffixActions),
			Codebook: compare.Beside(csv, compare.SuffixCodebook),
		}
		var res compare.Written
		if res, err = compare.WriteFiles(svc, sel, out, l); err == nil {
			return tui.CompareResult{
				PDF: out.Report, CSV: out.CSV, Summary: out.Summary, Actions: out.Actions,
				Pages: res.Pages, Responses: res.Responses, SummaryRows: res.SummaryRows, ActionRows: res.ActionRows,
				Basis: comparedLine(l, res.Comparison),
			}, nil
		}
	}
	return tui.CompareResult{}, err
}
