package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/tui"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// reportOptions are the flags of `engage report`.
type reportOptions struct {
	site       string
	output     string
	assessment string
	lang       string
	paper      string
	format     string
	names      bool
}

func newReportCmd(g *globals) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report SITE [-o FILE.pdf|FILE.html]",
		Short: g.l.T("cli.report.short"),
		Long:  g.l.T("cli.report.long"),
		Example: `  engage report eastbrook-pilot
  engage report ambito-valle-del-sole --lang en -o valle-en.pdf
  engage report westmoor-county --format html
  engage report tynebridge-south --paper letter --assessment ID`,
		Args:              g.exactArgs(1, g.l.T("cli.report.arg_site")),
		ValidArgsFunction: g.completeSites,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site, opts.lang = args[0], g.lang
			if opts.lang != "" && !g.cat.Has(opts.lang) {
				return usageErr(cmd, g.noLanguage(opts.lang))
			}
			if !slices.Contains(pdffont.Papers, opts.paper) {
				return usageErr(cmd, errors.New(g.l.T("cli.flag.paper_bad", "Papers", strings.Join(pdffont.Papers, ", "), "Value", strconv.Quote(opts.paper))))
			}
			var err error
			if opts.format, err = outputFormat(g.l, opts.format, opts.output); err != nil {
				return usageErr(cmd, err)
			}
			return reportRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", g.l.T("cli.report.flag_output"))
	f.StringVar(&opts.assessment, "assessment", "", g.l.T("cli.report.flag_assessment"))
	f.StringVar(&opts.paper, "paper", g.defaultPaper(), g.l.T("cli.flag.paper"))
	f.StringVar(&opts.format, "format", "", g.l.T("cli.flag.format"))
	f.BoolVar(&opts.names, "names", false, g.l.T("cli.report.flag_names"))
	return cmd
}

func reportRun(g *globals, opts reportOptions) error {
	st, err := g.openStore(true, g.hintOf("cli.report.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	var in report.Input
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
		in, err = report.Load(r, opts.site, opts.assessment)
		return err
	})
	if err != nil {
		return reportLoadError(g.l, opts, err)
	}
	ropts := report.Options{Lang: opts.lang, Paper: opts.paper, Names: opts.names, Catalog: g.cat, Format: opts.format}
	html := opts.format == report.FormatHTML
	var res report.Result
	if opts.output == "-" {
		// The HTML edition is text: it may go to a terminal.
		if !html {
			if err := binaryToStdout(g, g.l.T("cli.what.report")); err != nil {
				return err
			}
		}
		if res, err = report.Site(g.io.Out, in, ropts); err != nil {
			return err
		}
		if html {
			fmt.Fprintln(g.io.Err, g.l.T("cli.report.written_html_stdout"))
		} else {
			fmt.Fprintln(g.io.Err, g.l.N("cli.report.written_stdout", res.Pages))
		}
	} else {
		path, err := reportPath(g.l, opts.output, in.Data.Site.Slug, opts.format)
		if err != nil {
			return err
		}
		if res, err = report.WriteFile(path, in, ropts); err != nil {
			return &ExitError{Code: 1, Message: err.Error(), Hint: g.l.T("cli.report.write_hint")}
		}
		if html {
			fmt.Fprintln(g.io.Out, g.l.T("cli.report.written_html", "Path", textsafe.Line(path)))
		} else {
			fmt.Fprintln(g.io.Out, g.l.N("cli.report.written", res.Pages, "Path", textsafe.Line(path)))
		}
	}
	if len(res.Missing) > 0 {
		fmt.Fprintln(g.io.Err, g.l.T("cli.note", "Text", g.l.T("cli.report.missing", "Missing", textsafe.Line(strings.Join(res.Missing, "; ")))))
	}
	if res.Markers > 0 {
		fmt.Fprintln(g.io.Err, g.l.T("cli.note", "Text", g.l.N("cli.report.markers", res.Markers, "Marker", report.Marker)))
	}
	for _, w := range res.TextWarnings {
		fmt.Fprintln(g.io.Err, g.l.T("cli.warning", "Text", textsafe.Line(placedWarning(g.l, w))))
	}
	return nil
}

// placedWarning says in l's language in which text a participant's name
// or words pointing at a small group were found, and what.
func placedWarning(l *i18n.Lang, p analysis.PlacedWarning) string {
	var where string
	switch p.Place {
	case analysis.PlaceStatementNotes:
		where = l.T("cli.warn.statement_notes", "Number", p.Number)
	case analysis.PlaceComment:
		where = l.T("cli.warn.comment", "Number", p.Number)
	case analysis.PlaceIssueNotes:
		where = l.T("cli.warn.issue_notes", "Number", p.Number)
	case analysis.PlaceFinding:
		kind := string(p.Kind)
		if id := "cli.warn.kind." + kind; l.Exists(id) {
			kind = l.T(id)
		}
		switch {
		case p.StatementID != "":
			where = l.T("cli.warn.finding_statement", "Excerpt", strconv.Quote(p.Excerpt), "Kind", kind, "Number", p.Number)
		case p.Number != "":
			where = l.T("cli.warn.finding_issue", "Excerpt", strconv.Quote(p.Excerpt), "Kind", kind, "Number", p.Number)
		default:
			where = l.T("cli.warn.finding", "Excerpt", strconv.Quote(p.Excerpt), "Kind", kind)
		}
	case analysis.PlaceAction:
		where = l.T("cli.warn.action", "Excerpt", strconv.Quote(p.Excerpt))
	default:
		where = p.Where
	}
	what := make([]string, len(p.Warnings))
	for i, w := range p.Warnings {
		if w.Name {
			what[i] = l.T("cli.warn.names", "Found", strconv.Quote(w.Found))
			continue
		}
		who := l.T("cli.warn.who_" + string(w.Group))
		if w.Role != "" {
			who = l.T("cli.warn.who_role_"+string(w.Group), "Role", string(w.Role))
		}
		what[i] = l.N("cli.warn.points", w.People, "Found", strconv.Quote(w.Found), "Who", who)
	}
	return l.T("cli.warn.line", "Where", where, "What", strings.Join(what, "; "))
}

// binaryToStdout refuses to write a PDF or a bundle (what) to standard
// output when it is a terminal: the bytes would garble it.
func binaryToStdout(g *globals, what string) error {
	if g.io.IsTerminal != nil && g.io.IsTerminal() {
		return &ExitError{Code: 1, Message: g.l.T("cli.stdout.terminal", "What", what), Hint: g.l.T("cli.stdout.terminal_hint")}
	}
	return nil
}

// reportLoadError turns a failure to read the assessment into a message
// that says which site or assessment was not found.
func reportLoadError(l *i18n.Lang, opts reportOptions, err error) error {
	var nf *workbook.NotFoundError
	if !errors.As(err, &nf) {
		return err
	}
	switch {
	case nf.Kind == "site":
		return &ExitError{Code: 1, Message: l.T("cli.site.not_found", "Site", strconv.Quote(opts.site)), Hint: l.T("cli.site.not_found_hint")}
	case opts.assessment != "" && nf.Kind == "assessment":
		return &ExitError{Code: 1, Message: l.T("cli.report.no_assessment", "Site", opts.site, "Assessment", strconv.Quote(opts.assessment)),
			Hint: l.T("cli.report.no_assessment_hint")}
	}
	return &ExitError{Code: 1, Message: l.T("cli.site.error", "Site", opts.site, "Err", err.Error())}
}

// outputFormat is the format a report is written in: the one --format
// names, else HTML when the file -o names ends in .html or .htm, else PDF.
func outputFormat(l *i18n.Lang, format, output string) (string, error) {
	if format != "" {
		if !slices.Contains(report.Formats, format) {
			return "", errors.New(l.T("cli.flag.format_bad", "Formats", strings.Join(report.Formats, ", "), "Value", strconv.Quote(format)))
		}
		return format, nil
	}
	switch strings.ToLower(filepath.Ext(output)) {
	case ".html", ".htm":
		return report.FormatHTML, nil
	}
	return report.FormatPDF, nil
}

// reportPath is where the report goes: out, or SITE-report.pdf (or .html)
// in the folder out names, or in the current folder when out is empty.
func reportPath(l *i18n.Lang, out, slug, format string) (string, error) {
	name := slug + "-report." + format
	if out == "" {
		return name, nil
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return filepath.Join(out, name), nil
	}
	if strings.HasSuffix(out, string(os.PathSeparator)) || strings.HasSuffix(out, "/") {
		return "", &ExitError{Code: 1, Message: l.T("cli.report.no_folder", "Folder", out)}
	}
	return out, nil
}

// writeTUIReport writes the report of an assessment for the interactive
// workbook: SITE-report.pdf in the folder engage was started from, or
// beside the store when that folder cannot be written to. It returns the
// absolute path, so that the status bar says exactly where the file is.
func writeTUIReport(cat *i18n.Catalog, svc *workbook.Service, storePath, siteID, assessmentID string) (tui.ReportResult, error) {
	var in report.Input
	err := svc.Read(func(r *workbook.Reader) (err error) {
		in, err = report.Load(r, siteID, assessmentID)
		return err
	})
	if err != nil {
		return tui.ReportResult{}, err
	}
	name := in.Data.Site.Slug + "-report.pdf"
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		dirs = append(dirs, wd)
	}
	if abs, err := filepath.Abs(storePath); err == nil {
		dirs = append(dirs, filepath.Dir(abs))
	}
	err = errors.New(cat.For(in.Data.Assessment.Language).T("cli.report.no_folder_at_all"))
	for _, dir := range dirs {
		path := filepath.Join(dir, name)
		var res report.Result
		if res, err = report.WriteFile(path, in, report.Options{Catalog: cat}); err == nil {
			return tui.ReportResult{Path: path, Pages: res.Pages, Warnings: len(res.TextWarnings)}, nil
		}
	}
	return tui.ReportResult{}, err
}
