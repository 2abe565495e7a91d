package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/store"
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
	names      bool
}

func newReportCmd(g *globals) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report SITE [-o FILE.pdf]",
		Short: "Write a site's barrier report as a PDF",
		Long: `Write the barrier report of a site's assessment as a PDF to hand to a director,
an elected member or a community group: the mapping, the selection, the workbook
and verification scores, the barriers and the action plan, and every comment,
attributed by role level only. When the site assessed the same partnership
before, the report says what changed.

SITE is a site's slug or id (see ` + "`engage sites`" + `). The report goes to
SITE-report.pdf in the current folder unless -o names another file or a folder;
-o - writes the PDF to standard output (not to a terminal).
It is in the assessment's language unless --lang says otherwise.`,
		Example: `  engage report eastbrook-pilot
  engage report ambito-valle-del-sole --lang en -o valle-en.pdf
  engage report tynebridge-south --paper letter --assessment ID`,
		Args: exactArgs(1, "a SITE (its slug or id; see `engage sites`)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site = args[0]
			if opts.lang != "" && !slices.Contains(questionnaire.KnownLanguages, opts.lang) {
				return usageErr(cmd, fmt.Errorf("--lang must be one of %s, got %q", strings.Join(questionnaire.KnownLanguages, ", "), opts.lang))
			}
			if !slices.Contains(report.Papers, opts.paper) {
				return usageErr(cmd, fmt.Errorf("--paper must be one of %s, got %q", strings.Join(report.Papers, ", "), opts.paper))
			}
			return reportRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "the PDF `FILE` to write, a folder to write SITE-report.pdf in, or - for standard output")
	f.StringVar(&opts.assessment, "assessment", "", "the assessment `ID` to report on (default: the site's latest)")
	f.StringVar(&opts.lang, "lang", "", "the report's language, en or it (default: the assessment's)")
	f.StringVar(&opts.paper, "paper", report.PaperA4, "the paper size, a4 or letter")
	f.BoolVar(&opts.names, "names", false, "show participants' names on the cover and beside their comments")
	return cmd
}

func reportRun(g *globals, opts reportOptions) error {
	st, err := g.openStore(true)
	if err != nil {
		var le *store.LockedError
		if errors.As(err, &le) {
			return &ExitError{Code: 1, Message: le.Error(), Hint: "close the other engage first, or press R on the site in it to make the report there"}
		}
		return err
	}
	defer st.Close()
	var in report.Input
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
		in, err = report.Load(r, opts.site, opts.assessment)
		return err
	})
	if err != nil {
		return reportLoadError(opts, err)
	}
	ropts := report.Options{Lang: opts.lang, Paper: opts.paper, Names: opts.names}
	var res report.Result
	if opts.output == "-" {
		if err := binaryToStdout(g, "report"); err != nil {
			return err
		}
		if res, err = report.Site(g.io.Out, in, ropts); err != nil {
			return err
		}
		fmt.Fprintf(g.io.Err, "Report written to standard output (%s).\n", pages(res.Pages))
	} else {
		path, err := reportPath(opts.output, in.Data.Site.Slug)
		if err != nil {
			return err
		}
		if res, err = report.WriteFile(path, in, ropts); err != nil {
			return &ExitError{Code: 1, Message: err.Error(), Hint: "choose another file or folder with -o"}
		}
		fmt.Fprintf(g.io.Out, "Report written to %s (%s).\n", textsafe.Line(path), pages(res.Pages))
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(g.io.Err, "note: the report says what is missing: %s.\n", textsafe.Line(strings.Join(res.Missing, "; ")))
	}
	if res.Markers > 0 {
		fmt.Fprintf(g.io.Err, "note: %d characters the fonts cannot draw (emoji and the like) are shown as %s.\n", res.Markers, report.Marker)
	}
	for _, w := range res.TextWarnings {
		fmt.Fprintf(g.io.Err, "warning: %s\n", textsafe.Line(w.String()))
	}
	return nil
}

// binaryToStdout refuses to write a PDF or a bundle (what) to standard
// output when it is a terminal: the bytes would garble it.
func binaryToStdout(g *globals, what string) error {
	if g.io.IsTerminal != nil && g.io.IsTerminal() {
		return &ExitError{Code: 1, Message: fmt.Sprintf("-o - writes the %s to standard output, which is a terminal here", what),
			Hint: "send it to a file or a program (engage ... -o - > FILE, or | another command), or name a file with -o"}
	}
	return nil
}

// reportLoadError turns a failure to read the assessment into a message
// that says which site or assessment was not found.
func reportLoadError(opts reportOptions, err error) error {
	var nf *workbook.NotFoundError
	if !errors.As(err, &nf) {
		return err
	}
	switch {
	case nf.Kind == "site":
		return &ExitError{Code: 1, Message: fmt.Sprintf("no site %q in the store", opts.site), Hint: "list the sites with `engage sites`"}
	case opts.assessment != "" && nf.Kind == "assessment":
		return &ExitError{Code: 1, Message: fmt.Sprintf("site %s has no assessment %q", opts.site, opts.assessment),
			Hint: "leave out --assessment for the site's latest"}
	}
	return &ExitError{Code: 1, Message: fmt.Sprintf("site %s: %s", opts.site, err)}
}

// reportPath is where the report goes: out, or SITE-report.pdf in the
// folder out names, or in the current folder when out is empty.
func reportPath(out, slug string) (string, error) {
	name := slug + "-report.pdf"
	if out == "" {
		return name, nil
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return filepath.Join(out, name), nil
	}
	if strings.HasSuffix(out, string(os.PathSeparator)) || strings.HasSuffix(out, "/") {
		return "", &ExitError{Code: 1, Message: fmt.Sprintf("cannot write the report in %s: no such folder", out)}
	}
	return out, nil
}

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// writeTUIReport writes the report of an assessment for the interactive
// workbook: SITE-report.pdf in the folder engage was started from, or
// beside the store when that folder cannot be written to. It returns the
// absolute path, so that the status bar says exactly where the file is.
func writeTUIReport(svc *workbook.Service, storePath, siteID, assessmentID string) (tui.ReportResult, error) {
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
	err = errors.New("no folder to write the report in")
	for _, dir := range dirs {
		path := filepath.Join(dir, name)
		var res report.Result
		if res, err = report.WriteFile(path, in, report.Options{}); err == nil {
			return tui.ReportResult{Path: path, Pages: res.Pages, Warnings: len(res.TextWarnings)}, nil
		}
	}
	return tui.ReportResult{}, err
}
