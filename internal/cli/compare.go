package cli

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/atomicfile"
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
			o.summary = summaryPath(o.csv)
		}
		if o.actions == "" {
			o.actions = besidePath(o.csv, "-actions.csv")
		}
	}
	// The codebook goes beside a CSV written to a file; standard output
	// holds one file only.
	switch {
	case o.csv != "" && o.csv != "-":
		o.codebook = besidePath(o.csv, "-codebook.csv")
	case o.summary != "" && o.summary != "-":
		o.codebook = besidePath(o.summary, "-codebook.csv")
	case o.actions != "" && o.actions != "-":
		o.codebook = besidePath(o.actions, "-codebook.csv")
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

// summaryPath is where the summary CSV goes by default: FILE-summary.csv
// beside FILE.csv.
func summaryPath(csv string) string { return besidePath(csv, "-summary.csv") }

// besidePath is FILE+suffix beside FILE.csv (or FILE).
func besidePath(csv, suffix string) string {
	ext := filepath.Ext(csv)
	if !strings.EqualFold(ext, ".csv") {
		ext = ""
	}
	return strings.TrimSuffix(csv, ext) + suffix
}

func compareRun(g *globals, opts compareOptions) error {
	st, err := g.openStore(true, g.hintOf("cli.compare.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	out := ComparisonFiles{Report: opts.pdf, CSV: opts.csv, Summary: opts.summary, Codebook: opts.codebook, XLSX: opts.xlsx, Parquet: opts.parquet,
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
	res, err := WriteComparison(workbook.NewService(st, workbook.Options{}), sel, out,
		report.CompareOptions{Lang: opts.lang, Paper: opts.paper, Catalog: g.cat, Format: opts.format})
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
func printCompared(l *i18n.Lang, w io.Writer, res ComparisonResult, out ComparisonFiles, format string, unsuppressed bool) error {
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

// ComparisonFiles are the files a comparison writes; an empty path is not
// written. Report is the comparison report, a PDF or HTML as the report
// options' Format says.
type ComparisonFiles struct {
	Report, CSV, Summary string
	// Codebook describes the columns of the CSVs written and the
	// statements of the questionnaires compared ([compare.WriteCodebook]).
	Codebook string
	// XLSX is the spreadsheet of the summary, the answers and the
	// codebook ([compare.Workbook]).
	XLSX string
	// Parquet is a folder for answers.parquet, summary.parquet and
	// codebook.parquet (made if missing).
	Parquet string
	// Private writes the CSV files readable by the owner only (0600), as
	// for an unsuppressed long CSV.
	Private bool
	// Actions is the actions CSV ([compare.WriteActions]); Owners puts
	// the owners' and reviewers' names in it, and writes it readable by
	// the owner only.
	Actions string
	Owners  bool
	// Stdout takes the file whose path is "-"; it is written as the
	// comparison is made, so a failure leaves part of it there.
	Stdout io.Writer
}

// ComparisonResult says what a comparison wrote.
type ComparisonResult struct {
	Comparison   *compare.Comparison
	Pages        int
	Markers      int
	Responses    int
	SummaryRows  int
	CodebookRows int
	// XLSXAnswers is the number of answers in the spreadsheet.
	XLSXAnswers int
	// ParquetRows are the rows of answers, summary and codebook.parquet.
	ParquetRows [3]int
	// ActionRows is the number of rows of the actions CSV.
	ActionRows int
}

// WriteComparison gathers the comparison of the sites sel names and writes
// the files out names in one pass over the store: the long CSV streams as
// each site is read. Each file is written to a temporary file beside it
// and renamed into place only when every file is complete, so a failure
// leaves every path as it was.
func WriteComparison(svc *workbook.Service, sel compare.Options, out ComparisonFiles, ropts report.CompareOptions) (ComparisonResult, error) {
	var res ComparisonResult
	// The files are one group: all finished before any is renamed.
	var group atomicfile.Group
	defer group.Abort()
	var files []*pending
	csvMode := os.FileMode(0o644)
	if out.Private {
		csvMode = 0o600
	}
	cat := ropts.Catalog
	if cat == nil {
		cat = i18n.Embedded()
	}
	l := cat.For(ropts.Lang)
	open := func(path string, mode os.FileMode) (*pending, error) {
		if path == "-" && out.Stdout != nil {
			f := newStdoutPending(l, out.Stdout)
			files = append(files, f)
			return f, nil
		}
		f, err := newPending(l, &group, path, mode)
		if err == nil {
			files = append(files, f)
		}
		return f, err
	}
	var rw *compare.ResponseWriter
	if out.CSV != "" {
		f, err := open(out.CSV, csvMode)
		if err != nil {
			return res, err
		}
		if rw, err = compare.NewResponseWriter(f.w); err != nil {
			return res, f.fail(err)
		}
		sel.Responses = rw.Write
	}
	var wb *compare.Workbook
	if out.XLSX != "" {
		var err error
		if wb, err = compare.NewWorkbook(); err != nil {
			return res, err
		}
		defer wb.Close()
		if csvRows := sel.Responses; csvRows != nil {
			sel.Responses = func(r *compare.Row) error {
				if err := csvRows(r); err != nil {
					return err
				}
				return wb.AddResponse(r)
			}
		} else {
			sel.Responses = wb.AddResponse
		}
	}
	var pq *compare.ParquetFile
	if out.Parquet != "" {
		if err := os.MkdirAll(out.Parquet, 0o755); err != nil {
			return res, err
		}
		f, err := open(filepath.Join(out.Parquet, compare.ParquetAnswers), csvMode)
		if err != nil {
			return res, err
		}
		if pq, err = compare.NewParquetAnswers(f.w); err != nil {
			return res, f.fail(err)
		}
		if before := sel.Responses; before != nil {
			sel.Responses = func(r *compare.Row) error {
				if err := before(r); err != nil {
					return err
				}
				return pq.AddResponse(r)
			}
		} else {
			sel.Responses = pq.AddResponse
		}
	}
	c, err := compare.Gather(svc, sel)
	if err != nil {
		if rw != nil {
			return res, files[0].fail(err)
		}
		return res, err
	}
	res.Comparison = c
	if rw != nil {
		if err := rw.Flush(); err != nil {
			return res, files[0].fail(err)
		}
		res.Responses = rw.Rows()
	}
	if out.Summary != "" {
		f, err := open(out.Summary, csvMode)
		if err != nil {
			return res, err
		}
		if res.SummaryRows, err = compare.WriteSummary(f.w, c); err != nil {
			return res, f.fail(err)
		}
	}
	if out.Actions != "" {
		mode := csvMode
		if out.Owners {
			mode = 0o600
		}
		f, err := open(out.Actions, mode)
		if err != nil {
			return res, err
		}
		if res.ActionRows, err = compare.WriteActions(f.w, c, out.Owners); err != nil {
			return res, f.fail(err)
		}
	}
	if out.Codebook != "" {
		var files []string
		if out.CSV != "" {
			files = append(files, compare.FileResponses)
		}
		if out.Summary != "" {
			files = append(files, compare.FileSummary)
		}
		if out.Actions != "" {
			files = append(files, compare.FileActions)
		}
		f, err := open(out.Codebook, 0o644)
		if err != nil {
			return res, err
		}
		if res.CodebookRows, err = compare.WriteCodebook(f.w, c, files, l); err != nil {
			return res, f.fail(err)
		}
	}
	if pq != nil {
		if err := pq.Close(); err != nil {
			return res, err
		}
		res.ParquetRows[0] = pq.Rows()
		f, err := open(filepath.Join(out.Parquet, compare.ParquetSummary), csvMode)
		if err != nil {
			return res, err
		}
		if res.ParquetRows[1], err = compare.WriteParquetSummary(f.w, c); err != nil {
			return res, f.fail(err)
		}
		if f, err = open(filepath.Join(out.Parquet, compare.ParquetCodebook), 0o644); err != nil {
			return res, err
		}
		if res.ParquetRows[2], err = compare.WriteParquetCodebook(f.w, c, []string{compare.FileResponses, compare.FileSummary}, l); err != nil {
			return res, f.fail(err)
		}
	}
	if wb != nil {
		f, err := open(out.XLSX, csvMode)
		if err != nil {
			return res, err
		}
		if err := wb.Finish(f.w, c, l); err != nil {
			return res, f.fail(err)
		}
		res.XLSXAnswers = wb.Answers()
	}
	if out.Report != "" {
		f, err := open(out.Report, 0o644)
		if err != nil {
			return res, err
		}
		r, err := report.Compare(f.w, c, ropts)
		if err != nil {
			return res, f.fail(err)
		}
		res.Pages, res.Markers = r.Pages, r.Markers
	}
	for _, f := range files {
		if err := f.flush(); err != nil {
			return res, err
		}
	}
	return res, group.Commit()
}

// pending is an output file being written: buffered, with its write
// errors marked so that they are told apart from a failure to read the
// store, and put in place with the rest of its group.
type pending struct {
	l   *i18n.Lang
	f   *atomicfile.File
	buf *bufio.Writer
	w   io.Writer
}

func newPending(l *i18n.Lang, g *atomicfile.Group, path string, mode os.FileMode) (*pending, error) {
	f, err := g.Create(path, mode)
	if err != nil {
		return nil, err
	}
	p := &pending{l: l, f: f, buf: bufio.NewWriterSize(f, 64<<10)}
	p.w = &markedWriter{p.buf}
	return p, nil
}

// newStdoutPending is an output written straight to w (standard output):
// there is nothing to put in place or remove.
func newStdoutPending(l *i18n.Lang, w io.Writer) *pending {
	p := &pending{l: l, buf: bufio.NewWriterSize(w, 64<<10)}
	p.w = &markedWriter{p.buf}
	return p
}

// name is the file's name, for messages.
func (p *pending) name() string {
	if p.f == nil {
		return p.l.T("cli.stdout.name")
	}
	return p.f.Path()
}

// fail says which file could not be written when err is a write error,
// and returns err itself otherwise (a failure to read the store).
func (p *pending) fail(err error) error {
	var we *writeError
	if errors.As(err, &we) {
		return fmt.Errorf("%s: %w", p.l.T("cli.cannot_write", "Path", p.name()), atomicfile.Cause(we.err))
	}
	return err
}

// flush writes out what is buffered; the group syncs and renames.
func (p *pending) flush() error {
	if err := p.buf.Flush(); err != nil {
		return fmt.Errorf("%s: %w", p.l.T("cli.cannot_write", "Path", p.name()), atomicfile.Cause(err))
	}
	return nil
}

// writeError is an error writing an output file, told apart from a
// failure to read the store.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// markedWriter wraps its errors in writeError.
type markedWriter struct{ w io.Writer }

func (m *markedWriter) Write(b []byte) (int, error) {
	n, err := m.w.Write(b)
	if err != nil {
		err = &writeError{err}
	}
	return n, err
}

// writeTUIComparison writes the comparison of sites for the interactive
// workbook: comparison.pdf, comparison.csv and comparison-summary.csv in
// the folder engage was started from, or beside the store when that folder
// cannot be written to. The texts are in the sites' language when they
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
		out := ComparisonFiles{
			Report:   filepath.Join(dir, "comparison.pdf"),
			CSV:      filepath.Join(dir, "comparison.csv"),
			Summary:  filepath.Join(dir, "comparison-summary.csv"),
			Codebook: filepath.Join(dir, "comparison-codebook.csv"),
		}
		var res ComparisonResult
		if res, err = WriteComparison(svc, sel, out, report.CompareOptions{Lang: lang, Catalog: cat}); err == nil {
			return tui.CompareResult{
				PDF: out.Report, CSV: out.CSV, Summary: out.Summary,
				Pages: res.Pages, Responses: res.Responses, SummaryRows: res.SummaryRows,
				Basis: comparedLine(l, res.Comparison),
			}, nil
		}
	}
	return tui.CompareResult{}, err
}
