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
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/store"
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
	lang    string
	paper   string
	// unsuppressed writes every row of the long CSV, small groups too.
	unsuppressed bool
}

func newCompareCmd(g *globals) *cobra.Command {
	var opts compareOptions
	cmd := &cobra.Command{
		Use:   "compare [SITE...] [--all] [-o FILE.pdf] [--csv FILE.csv]",
		Short: "Compare sites side by side: a PDF, and CSV data for R, pandas or a spreadsheet",
		Long: `Compare sites side by side, each on its most recent assessment: key-issue means
with n and spread, a grid shaded by band, blind spots, statements that are
barriers at two or more sites, each site's mapping and criteria, and each
site's context note. Sites are listed in the order given (by name with --all),
never ranked. Sites that used different questionnaires are compared only on
what they share, and the PDF says so.

-o writes the PDF. --csv writes the tidy long CSV, one row per response (site,
assessment, partnership, group, role level, key issue, statement, score,
don't-know, time; never a name), and beside it FILE-summary.csv, one row per
site, assessment, key issue and group (n, mean, sd, band, gap). --summary names
the summary file instead. The CSVs are UTF-8, RFC 4180, with a header row.

The long CSV holds no row from which a group or role level of fewer than 3
people can be read: the respondents of a group (insiders or outsiders) of 1
or 2 in an assessment are left out, and a role level of fewer than 3 is
merged with others of its group, written in role_level as e.g.
"senior+middle" (the rule the site report signs comments by). The command
says how many respondents were left out or merged.

--unsuppressed writes every answer with its real role level, small groups
too, for a researcher with a data-sharing agreement: the CSV files are then
readable by you only (mode 0600), and the command says which small groups
they hold.

Every file is written whole or not at all: nothing is replaced until all of
them are complete. "-" for one of -o, --csv or --summary (and no other) writes
that file to standard output instead (a PDF not to a terminal), and the
summary lines go to standard error.`,
		Example: `  engage compare --all -o comparison.pdf --csv responses.csv
  engage compare eastbrook-pilot westmoor-county -o two-sites.pdf
  engage compare --all --summary summary.csv
  engage compare --all --csv responses.csv --unsuppressed`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.sites = args
			if err := opts.check(); err != nil {
				return usageErr(cmd, err)
			}
			return compareRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.all, "all", false, "compare every site in the store, by name")
	f.StringVarP(&opts.pdf, "output", "o", "", "the PDF `FILE` to write (- for standard output)")
	f.StringVar(&opts.csv, "csv", "", "the long CSV `FILE` to write, one row per response (and FILE-summary.csv beside it)")
	f.StringVar(&opts.summary, "summary", "", "the summary CSV `FILE` to write (default: beside --csv, as FILE-summary.csv)")
	f.StringVar(&opts.lang, "lang", questionnaire.English, "the language of the PDF and of the texts in the CSVs, en or it")
	f.StringVar(&opts.paper, "paper", report.PaperA4, "the paper size, a4 or letter")
	f.BoolVar(&opts.unsuppressed, "unsuppressed", false, "write every answer to the long CSV, groups under 3 too, readable by you only (needs --csv)")
	return cmd
}

// check validates the flags and fills in the summary's default path.
func (o *compareOptions) check() error {
	switch {
	case o.all && len(o.sites) > 0:
		return errors.New("name the sites to compare or use --all, not both")
	case !o.all && len(o.sites) == 0:
		return errors.New("name the sites to compare (see `engage sites`), or use --all")
	case o.pdf == "" && o.csv == "" && o.summary == "":
		return errors.New("nothing to write: give -o FILE.pdf, --csv FILE.csv, --summary FILE.csv or several")
	case !slices.Contains(questionnaire.KnownLanguages, o.lang):
		return fmt.Errorf("--lang must be one of %s, got %q", strings.Join(questionnaire.KnownLanguages, ", "), o.lang)
	case !slices.Contains(report.Papers, o.paper):
		return fmt.Errorf("--paper must be one of %s, got %q", strings.Join(report.Papers, ", "), o.paper)
	case o.unsuppressed && o.csv == "":
		return errors.New("--unsuppressed is about the long CSV: give --csv FILE.csv with it")
	}
	if o.csv == "-" || o.summary == "-" || o.pdf == "-" {
		// Standard output takes one file; the CSV's summary is not
		// written beside it unless --summary names it.
		n := 0
		for _, p := range []string{o.pdf, o.csv, o.summary} {
			if p != "" {
				n++
			}
		}
		if n > 1 {
			return errors.New("- (standard output) can take only one of -o, --csv and --summary; name files for the others")
		}
	} else if o.csv != "" && o.summary == "" {
		o.summary = summaryPath(o.csv)
	}
	paths := map[string]string{}
	for flag, p := range map[string]string{"-o": o.pdf, "--csv": o.csv, "--summary": o.summary} {
		if p == "" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		if other, dup := paths[abs]; dup {
			return fmt.Errorf("%s and %s both name %s", min(flag, other), max(flag, other), p)
		}
		paths[abs] = flag
	}
	return nil
}

// summaryPath is where the summary CSV goes by default: FILE-summary.csv
// beside FILE.csv.
func summaryPath(csv string) string {
	ext := filepath.Ext(csv)
	if !strings.EqualFold(ext, ".csv") {
		ext = ""
	}
	return strings.TrimSuffix(csv, ext) + "-summary.csv"
}

func compareRun(g *globals, opts compareOptions) error {
	st, err := g.openStore(true)
	if err != nil {
		var le *store.LockedError
		if errors.As(err, &le) {
			return &ExitError{Code: 1, Message: le.Error(), Hint: "close the other engage first, or compare from its home screen"}
		}
		return err
	}
	defer st.Close()
	out := ComparisonFiles{PDF: opts.pdf, CSV: opts.csv, Summary: opts.summary, Private: opts.unsuppressed, Stdout: g.io.Out}
	w := g.io.Out
	if out.PDF == "-" || out.CSV == "-" || out.Summary == "-" {
		if out.PDF == "-" {
			if err := binaryToStdout(g, "PDF"); err != nil {
				return err
			}
		}
		w = g.io.Err // standard output holds the file
	}
	sel := compare.Options{Sites: opts.sites, All: opts.all, Lang: opts.lang, Unsuppressed: opts.unsuppressed}
	res, err := WriteComparison(workbook.NewService(st, workbook.Options{}), sel, out, report.CompareOptions{Lang: opts.lang, Paper: opts.paper})
	if err != nil {
		return compareError(err)
	}
	// The files are in place: failing to say so afterwards is not a
	// failed comparison, as before the lines were buffered.
	_ = buffered(w, func(w io.Writer) error { return printCompared(w, res, out, opts.unsuppressed) })
	if res.Markers > 0 {
		fmt.Fprintf(g.io.Err, "note: %d characters the fonts cannot draw (emoji and the like) are shown as %s in the PDF.\n", res.Markers, report.Marker)
	}
	return nil
}

// printCompared says what a comparison wrote, and what the long CSV holds
// of small groups.
func printCompared(w io.Writer, res ComparisonResult, out ComparisonFiles, unsuppressed bool) error {
	fmt.Fprintf(w, "%s\n", textsafe.Line(comparedLine(res.Comparison)))
	if out.PDF != "" {
		fmt.Fprintf(w, "  PDF      %s (%d pages)\n", outName(out.PDF), res.Pages)
	}
	private := ""
	if out.Private {
		private = ", readable by you only"
	}
	if out.CSV != "" {
		fmt.Fprintf(w, "  CSV      %s (%d responses%s)\n", outName(out.CSV), res.Responses, private)
	}
	if out.Summary != "" {
		fmt.Fprintf(w, "  summary  %s (%d rows%s)\n", outName(out.Summary), res.SummaryRows, private)
	}
	if out.CSV != "" {
		for _, line := range rowsLines(res.Comparison, unsuppressed) {
			if _, err := fmt.Fprintf(w, "  %s\n", textsafe.Line(line)); err != nil {
				return err
			}
		}
	}
	return nil
}

// outName is how an output path is named to the user.
func outName(path string) string {
	if path == "-" {
		return "standard output"
	}
	return path
}

// comparedLine says how many sites were compared and on what basis.
func comparedLine(c *compare.Comparison) string {
	n := len(c.Sites)
	return fmt.Sprintf("Compared %d %s: %s", n, countNoun(n, "site", "sites"), basisLine(c))
}

// basisLine says in a few words what the sites were compared on.
func basisLine(c *compare.Comparison) string {
	b := c.Basis
	switch b.Level {
	case compare.LevelStatements:
		if b.Mixed() {
			return "versions of one questionnaire with the same statements, compared in full."
		}
		q := b.Questionnaires[0].Questionnaire
		return fmt.Sprintf("all used %s %s, compared in full.", q.ID, q.Version)
	case compare.LevelKeyIssues:
		var ids []string
		for _, is := range c.Issues {
			ids = append(ids, is.ID)
		}
		return fmt.Sprintf("%d questionnaires; compared only on the key issues they share (%s).", len(b.Questionnaires), strings.Join(ids, ", "))
	}
	return fmt.Sprintf("%d questionnaires with nothing in common to compare; each site's own figures are listed.", len(b.Questionnaires))
}

// compareError gives a failed comparison its message and hint.
func compareError(err error) error {
	var nf *workbook.NotFoundError
	switch {
	case errors.As(err, &nf) && nf.Kind == "site":
		return &ExitError{Code: 1, Message: fmt.Sprintf("no site %q in the store", nf.Ref), Hint: "list the sites with `engage sites`"}
	case errors.Is(err, compare.ErrNoSites):
		return &ExitError{Code: 1, Message: err.Error(), Hint: "run `engage demo` for a demonstration study, or `engage` to create a site"}
	}
	return &ExitError{Code: 1, Message: err.Error()}
}

// ComparisonFiles are the files a comparison writes; an empty path is not
// written.
type ComparisonFiles struct {
	PDF, CSV, Summary string
	// Private writes the CSV files readable by the owner only (0600), as
	// for an unsuppressed long CSV.
	Private bool
	// Stdout takes the file whose path is "-"; it is written as the
	// comparison is made, so a failure leaves part of it there.
	Stdout io.Writer
}

// ComparisonResult says what a comparison wrote.
type ComparisonResult struct {
	Comparison  *compare.Comparison
	Pages       int
	Markers     int
	Responses   int
	SummaryRows int
}

// WriteComparison gathers the comparison of the sites sel names and writes
// the files out names in one pass over the store: the long CSV streams as
// each site is read. Each file is written to a temporary file beside it
// and renamed into place only when every file is complete, so a failure
// leaves every path as it was.
func WriteComparison(svc *workbook.Service, sel compare.Options, out ComparisonFiles, ropts report.CompareOptions) (ComparisonResult, error) {
	var res ComparisonResult
	var files []*pending
	defer func() {
		for _, f := range files {
			f.abandon()
		}
	}()
	csvMode := os.FileMode(0o644)
	if out.Private {
		csvMode = 0o600
	}
	open := func(path string, mode os.FileMode) (*pending, error) {
		if path == "-" && out.Stdout != nil {
			f := newStdoutPending(out.Stdout)
			files = append(files, f)
			return f, nil
		}
		f, err := newPending(path, mode)
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
	if out.PDF != "" {
		f, err := open(out.PDF, 0o644)
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
		if err := f.finish(); err != nil {
			return res, err
		}
	}
	for _, f := range files {
		if err := f.commit(); err != nil {
			return res, err
		}
	}
	files = nil
	return res, nil
}

// pending is an output file being written: buffered, with its write
// errors marked so that they are told apart from a failure to read the
// store, and put in place only by commit.
type pending struct {
	f    *atomicfile.File
	buf  *bufio.Writer
	w    io.Writer
	mode os.FileMode
}

func newPending(path string, mode os.FileMode) (*pending, error) {
	f, err := atomicfile.Create(path, mode)
	if err != nil {
		return nil, err
	}
	p := &pending{f: f, buf: bufio.NewWriterSize(f, 64<<10), mode: mode}
	p.w = &markedWriter{p.buf}
	return p, nil
}

// newStdoutPending is an output written straight to w (standard output):
// there is nothing to put in place or remove.
func newStdoutPending(w io.Writer) *pending {
	p := &pending{buf: bufio.NewWriterSize(w, 64<<10)}
	p.w = &markedWriter{p.buf}
	return p
}

// name is the file's name, for messages.
func (p *pending) name() string {
	if p.f == nil {
		return "standard output"
	}
	return p.f.Path()
}

// fail says which file could not be written when err is a write error,
// and returns err itself otherwise (a failure to read the store).
func (p *pending) fail(err error) error {
	var we *writeError
	if errors.As(err, &we) {
		return fmt.Errorf("cannot write %s: %w", p.name(), atomicfile.Cause(we.err))
	}
	return err
}

// finish flushes, syncs and closes the temporary file.
func (p *pending) finish() error {
	if err := p.buf.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", p.name(), atomicfile.Cause(err))
	}
	if p.f == nil {
		return nil
	}
	return p.f.Finish(p.mode)
}

// commit renames the finished file into place.
func (p *pending) commit() error {
	if p.f == nil {
		return nil
	}
	return p.f.Rename()
}

// abandon removes the temporary file, if any.
func (p *pending) abandon() {
	if p.f != nil {
		p.f.Abort()
	}
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
// cannot be written to. The texts are in Italian when every site is
// Italian. It returns absolute paths, so the screen says exactly where the
// files are.
func writeTUIComparison(svc *workbook.Service, storePath string, siteIDs []string, progress func(done, total int)) (tui.CompareResult, error) {
	lang := questionnaire.Italian
	err := svc.Read(func(r *workbook.Reader) error {
		for _, id := range siteIDs {
			s, err := r.Site(id)
			if err != nil {
				return err
			}
			if s.Language != questionnaire.Italian {
				lang = questionnaire.English
			}
		}
		return nil
	})
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
	err = errors.New("no folder to write the comparison in")
	sel := compare.Options{Sites: siteIDs, Lang: lang, Progress: progress}
	for _, dir := range dirs {
		out := ComparisonFiles{
			PDF:     filepath.Join(dir, "comparison.pdf"),
			CSV:     filepath.Join(dir, "comparison.csv"),
			Summary: filepath.Join(dir, "comparison-summary.csv"),
		}
		var res ComparisonResult
		if res, err = WriteComparison(svc, sel, out, report.CompareOptions{Lang: lang}); err == nil {
			return tui.CompareResult{
				PDF: out.PDF, CSV: out.CSV, Summary: out.Summary,
				Pages: res.Pages, Responses: res.Responses, SummaryRows: res.SummaryRows,
				Basis: comparedLine(res.Comparison),
			}, nil
		}
	}
	return tui.CompareResult{}, err
}
