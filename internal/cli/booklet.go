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
	"time"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/booklet"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The formats `engage booklet` writes.
const (
	formatPDF  = "pdf"
	formatHTML = "html"
)

// bookletOptions are the flags of `engage booklet`.
type bookletOptions struct {
	site       string
	group      string
	copies     int
	lang       string
	largePrint bool
	format     string
	output     string
	guide      bool
	paper      string
	names      bool
	date       string
	minutes    int
	// today is the day the booklets are dated when --date is not given.
	today time.Time
}

// groups names the groups as the --group flag takes them.
var bookletGroups = map[string]workbook.Group{"insiders": workbook.Insider, "outsiders": workbook.Outsider}

func newBookletCmd(g *globals) *cobra.Command {
	var opts bookletOptions
	cmd := &cobra.Command{
		Use:   "booklet SITE [--group insiders|outsiders] [--copies N] [--guide] [-o FILE]",
		Short: g.l.T("cli.booklet.short"),
		Long:  g.l.T("cli.booklet.long", "Min", booklet.MinMinutes, "Max", booklet.MaxMinutes),
		Example: `  engage booklet eastbrook-pilot
  engage booklet eastbrook-pilot --group outsiders --copies 12 --date 2026-04-21
  engage booklet eastbrook-pilot --large-print --copies 2
  engage booklet ambito-valle-del-sole --format html --copies 1 -o booklets/
  engage booklet eastbrook-pilot --guide --minutes 180`,
		Args: g.exactArgs(1, g.l.T("cli.report.arg_site")),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site, opts.lang, opts.today = args[0], g.lang, time.Now()
			if err := checkBookletOptions(g, cmd, opts); err != nil {
				return err
			}
			return bookletRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.group, "group", "insiders", g.l.T("cli.booklet.flag_group"))
	f.IntVar(&opts.copies, "copies", 0, g.l.T("cli.booklet.flag_copies"))
	f.BoolVar(&opts.largePrint, "large-print", false, g.l.T("cli.booklet.flag_large_print"))
	f.StringVar(&opts.format, "format", formatPDF, g.l.T("cli.booklet.flag_format"))
	f.StringVarP(&opts.output, "output", "o", "", g.l.T("cli.booklet.flag_output"))
	f.BoolVar(&opts.guide, "guide", false, g.l.T("cli.booklet.flag_guide"))
	f.StringVar(&opts.paper, "paper", g.defaultPaper(), g.l.T("cli.flag.paper"))
	f.BoolVar(&opts.names, "names", false, g.l.T("cli.booklet.flag_names"))
	f.StringVar(&opts.date, "date", "", g.l.T("cli.booklet.flag_date"))
	f.IntVar(&opts.minutes, "minutes", booklet.DefaultMinutes, g.l.T("cli.booklet.flag_minutes"))
	return cmd
}

// checkBookletOptions refuses flags that cannot go together or values out
// of range, as usage errors.
func checkBookletOptions(g *globals, cmd *cobra.Command, opts bookletOptions) error {
	l := g.l
	bad := func(id string, args ...any) error { return usageErr(cmd, errors.New(l.T(id, args...))) }
	switch {
	case opts.lang != "" && !g.cat.Has(opts.lang):
		return usageErr(cmd, g.noLanguage(opts.lang))
	case bookletGroups[opts.group] == "":
		return bad("cli.booklet.group_bad", "Value", strconv.Quote(opts.group))
	case !slices.Contains(pdffont.Papers, opts.paper):
		return bad("cli.flag.paper_bad", "Papers", strings.Join(pdffont.Papers, ", "), "Value", strconv.Quote(opts.paper))
	case opts.format != formatPDF && opts.format != formatHTML:
		return bad("cli.booklet.format_bad", "Value", strconv.Quote(opts.format))
	case opts.format == formatHTML && opts.output == "-" && !opts.guide:
		return bad("cli.booklet.html_stdout")
	case opts.copies < 0 || opts.copies > workbook.MaxBooklets:
		return bad("cli.booklet.copies_bad", "Max", workbook.MaxBooklets, "Value", opts.copies)
	case opts.guide && cmd.Flags().Changed("copies"):
		return bad("cli.booklet.guide_copies")
	case opts.guide && opts.names:
		return bad("cli.booklet.guide_names")
	case !opts.guide && cmd.Flags().Changed("minutes"):
		return bad("cli.booklet.minutes_not_guide")
	case opts.minutes < booklet.MinMinutes || opts.minutes > booklet.MaxMinutes:
		return bad("cli.booklet.minutes_bad", "Min", booklet.MinMinutes, "Max", booklet.MaxMinutes, "Value", opts.minutes)
	}
	if opts.date != "" {
		if _, err := time.Parse(time.DateOnly, opts.date); err != nil {
			return bad("cli.booklet.date_bad", "Value", strconv.Quote(opts.date))
		}
	}
	return nil
}

// bookletDay is the day the booklets are for: --date, else today.
func (o bookletOptions) day() time.Time {
	if t, err := time.Parse(time.DateOnly, o.date); err == nil {
		return t
	}
	y, m, d := o.today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func bookletRun(g *globals, opts bookletOptions) error {
	l := g.l
	group := bookletGroups[opts.group]
	in, err := loadForBooklet(g, opts)
	if err != nil {
		return err
	}
	in.Group = group
	bopts := booklet.Options{Paper: opts.paper, Lang: opts.lang, Catalog: g.cat, LargePrint: opts.largePrint, Names: opts.names,
		Date: opts.day(), Minutes: opts.minutes}
	if opts.guide {
		return writeGuide(g, opts, in, bopts)
	}
	if opts.copies == 0 && !slices.ContainsFunc(in.Data.Participants, func(p workbook.Participant) bool { return p.Group == group }) {
		return &ExitError{Code: 1, Message: l.T("cli.booklet.nobody_"+opts.group, "Site", in.Data.Site.Slug),
			Hint: l.T("cli.booklet.nobody_hint", "Site", in.Data.Site.Slug, "Group", opts.group)}
	}
	if opts.format == formatHTML {
		return writeHTMLBooklets(g, opts, in, bopts)
	}
	// The file is made before the numbers are given out, so that a
	// folder that cannot be written to costs no numbers.
	path, toStdout, err := bookletPath(g, opts.output, in.Data.Site.Slug+"-booklets-"+opts.group+".pdf")
	if err != nil {
		return err
	}
	var f *atomicfile.File
	var w io.Writer = g.io.Out
	if !toStdout {
		if f, err = atomicfile.Create(path, 0o600); err != nil {
			return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
		}
		defer f.Abort()
		w = f
	}
	if in.Booklets, err = issueBooklets(g, in.Data, group, opts.copies); err != nil {
		return err
	}
	res, err := booklet.PDF(w, in, bopts)
	if err != nil {
		return err
	}
	where := l.T("cli.stdout.name")
	if f != nil {
		if err := f.Commit(fileMode(opts.names)); err != nil {
			return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
		}
		where = textsafe.Line(path)
	}
	out := g.io.Out
	if toStdout {
		out = g.io.Err
	}
	fmt.Fprintln(out, bookletsWritten(l, opts, in.Booklets, where, res.Pages))
	bookletNotes(g, opts, res)
	return nil
}

// loadForBooklet reads the site's current assessment and, for the guide,
// the earlier one of the same partnership.
func loadForBooklet(g *globals, opts bookletOptions) (booklet.Input, error) {
	st, err := g.openStore(true, g.hintOf("cli.booklet.locked_hint"))
	if err != nil {
		return booklet.Input{}, err
	}
	defer st.Close()
	var in report.Input
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
		in, err = report.Load(r, opts.site, "")
		return err
	})
	if err != nil {
		return booklet.Input{}, reportLoadError(g.l, reportOptions{site: opts.site}, err)
	}
	return booklet.Input{Data: in.Data, Earlier: in.Earlier}, nil
}

// issueBooklets gives out the numbers of the booklets to print: copies
// blank ones, or one for each participant of the group.
func issueBooklets(g *globals, d *workbook.AssessmentData, group workbook.Group, copies int) ([]workbook.IssuedBooklet, error) {
	st, err := g.openStore(false, g.hintOf("cli.booklet.locked_hint"))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var out []workbook.IssuedBooklet
	err = workbook.NewService(st, workbook.Options{}).Change(func(c *workbook.Change) (err error) {
		out, err = c.IssueBooklets(d.Site.ID, d.Assessment.ID, group, copies)
		return err
	})
	var le *workbook.LimitError
	if errors.As(err, &le) {
		return nil, &ExitError{Code: 1, Message: g.l.T("cli.booklet.too_many", "Max", workbook.MaxBooklets, "Issued", d.Assessment.BookletsIssued()),
			Hint: g.l.T("cli.booklet.too_many_hint")}
	}
	return out, err
}

// fileMode is a booklet's file mode: readable by its owner only when it
// carries names.
func fileMode(names bool) os.FileMode {
	if names {
		return 0o600
	}
	return 0o644
}

// bookletPath is where a booklet or guide goes: out, or name in the folder
// out names, or in the current folder when out is empty; "-" is standard
// output.
func bookletPath(g *globals, out, name string) (path string, stdout bool, err error) {
	if out == "-" {
		return "", true, binaryToStdout(g, g.l.T("cli.what.pdf"))
	}
	path, err = reportPathNamed(g.l, out, name)
	return path, false, err
}

// reportPathNamed is [reportPath] for a file name of its own.
func reportPathNamed(l *i18n.Lang, out, name string) (string, error) {
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

// writeHTMLBooklets writes one HTML page per booklet: to -o FILE when
// there is one booklet, else into the folder -o names (or the current
// one), as SITE-booklet-GROUP-N.html.
func writeHTMLBooklets(g *globals, opts bookletOptions, in booklet.Input, bopts booklet.Options) error {
	l := g.l
	dir, file := "", ""
	switch info, err := os.Stat(opts.output); {
	case opts.output == "":
	case err == nil && info.IsDir():
		dir = opts.output
	case strings.HasSuffix(opts.output, "/") || strings.HasSuffix(opts.output, string(os.PathSeparator)):
		return &ExitError{Code: 1, Message: l.T("cli.report.no_folder", "Folder", opts.output)}
	default:
		file = opts.output
	}
	several := opts.copies > 1
	if opts.copies == 0 {
		n := 0
		for _, p := range in.Data.Participants {
			if p.Group == in.Group {
				n++
			}
		}
		several = n > 1
	}
	if file != "" && several {
		return &ExitError{Code: 1, Message: l.T("cli.booklet.html_one_file", "File", opts.output), Hint: l.T("cli.booklet.html_one_file_hint")}
	}
	if file != "" {
		// Made before the number is given out, as for a PDF.
		f, err := atomicfile.Create(file, 0o600)
		if err != nil {
			return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
		}
		f.Abort()
	}
	var err error
	if in.Booklets, err = issueBooklets(g, in.Data, in.Group, opts.copies); err != nil {
		return err
	}
	for _, b := range in.Booklets {
		path := file
		if path == "" {
			path = filepath.Join(dir, in.Data.Site.Slug+"-booklet-"+opts.group+"-"+strconv.Itoa(b.Number)+".html")
		}
		f, err := atomicfile.Create(path, 0o600)
		if err != nil {
			return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
		}
		if _, err := booklet.HTML(f, in, b, bopts); err != nil {
			f.Abort()
			return err
		}
		if err := f.Commit(fileMode(opts.names)); err != nil {
			f.Abort()
			return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
		}
		fmt.Fprintln(g.io.Out, l.T("cli.booklet.written_html", "Number", b.Number, "Path", textsafe.Line(path)))
	}
	bookletNotes(g, opts, booklet.Result{})
	return nil
}

// writeGuide writes the facilitator's guide.
func writeGuide(g *globals, opts bookletOptions, in booklet.Input, bopts booklet.Options) error {
	l := g.l
	ext := ".pdf"
	if opts.format == formatHTML {
		ext = ".html"
	}
	path, toStdout, err := bookletPath(g, opts.output, in.Data.Site.Slug+"-guide-"+opts.group+ext)
	if err != nil {
		return err
	}
	write := booklet.GuidePDF
	if opts.format == formatHTML {
		write = booklet.GuideHTML
	}
	var res booklet.Result
	if toStdout {
		if res, err = write(g.io.Out, in, bopts); err != nil {
			return err
		}
		fmt.Fprintln(g.io.Err, l.N("cli.booklet.guide_written", res.Pages, "Path", l.T("cli.stdout.name")))
		return nil
	}
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
	}
	defer f.Abort()
	if res, err = write(f, in, bopts); err != nil {
		return err
	}
	if err := f.Commit(0o644); err != nil {
		return &ExitError{Code: 1, Message: err.Error(), Hint: l.T("cli.report.write_hint")}
	}
	fmt.Fprintln(g.io.Out, l.N("cli.booklet.guide_written", res.Pages, "Path", textsafe.Line(path)))
	return nil
}

// bookletsWritten says which booklets were written where: their numbers
// (runs as ranges) and for whom.
func bookletsWritten(l *i18n.Lang, opts bookletOptions, bs []workbook.IssuedBooklet, where string, pages int) string {
	nums := make([]int, len(bs))
	for i, b := range bs {
		nums[i] = b.Number
	}
	whose := l.T("cli.booklet.whose_blank_" + opts.group)
	if opts.copies == 0 {
		whose = l.T("cli.booklet.whose_added_" + opts.group)
	}
	return l.N("cli.booklet.written", len(bs), "Numbers", numberRuns(nums), "Whose", whose, "Path", where, "Pages", pages)
}

// numberRuns writes booklet numbers with runs as ranges: "1–3, 7, 9–12".
func numberRuns(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", ns[i], ns[j]))
		} else {
			parts = append(parts, strconv.Itoa(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// bookletNotes says how the booklets come back in, and what else the user
// should know: names on them, characters the fonts lack.
func bookletNotes(g *globals, opts bookletOptions, res booklet.Result) {
	l := g.l
	fmt.Fprintln(g.io.Err, l.T("cli.note", "Text", l.T("cli.booklet.type_in_"+opts.group)))
	if opts.names {
		fmt.Fprintln(g.io.Err, l.T("cli.note", "Text", l.T("cli.booklet.names_note")))
	}
	if res.Markers > 0 {
		fmt.Fprintln(g.io.Err, l.T("cli.note", "Text", l.N("cli.report.markers", res.Markers, "Marker", report.Marker)))
	}
}
