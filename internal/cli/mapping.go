package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/mapimport"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// mapImportOptions are the flags of engage map import.
type mapImportOptions struct {
	site, file      string
	dryRun          bool
	columns         string
	sheet           string
	addDirectorates bool
}

func newMapCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "map",
		Short: g.l.T("cli.map.short"),
		Example: `  engage map import eastbrook-pilot partnerships.xlsx --dry-run
  engage map export eastbrook-pilot -o mapping.xlsx`,
		Long: g.l.T("cli.map.long"),
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newMapImportCmd(g), newMapExportCmd(g))
	return cmd
}

func newMapImportCmd(g *globals) *cobra.Command {
	var opts mapImportOptions
	cmd := &cobra.Command{
		Use:   "import SITE FILE [--dry-run] [--columns SPEC] [--add-directorates]",
		Short: g.l.T("cli.map.import.short"),
		Example: `  engage map import eastbrook-pilot partnerships.xlsx --dry-run
  engage map import eastbrook-pilot partnerships.xlsx
  engage map import ambito-valle-del-sole elenco.csv --add-directorates
  engage map import eastbrook-pilot list.csv --columns title=Scheme,directorate=Owner,start_year=C`,
		Long: g.l.T("cli.map.import.long"),
		Args: g.exactArgs(2, g.l.T("cli.map.import.args")),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return g.completeSites(cmd, args, toComplete)
			}
			return []string{"csv", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site, opts.file = args[0], args[1]
			return mapImportRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.dryRun, "dry-run", false, g.l.T("cli.map.import.flag_dry_run"))
	f.StringVar(&opts.columns, "columns", "", g.l.T("cli.map.import.flag_columns"))
	f.StringVar(&opts.sheet, "sheet", "", g.l.T("cli.map.import.flag_sheet"))
	f.BoolVar(&opts.addDirectorates, "add-directorates", false, g.l.T("cli.map.import.flag_add_directorates"))
	return cmd
}

func mapImportRun(g *globals, opts mapImportOptions) error {
	l := g.l
	t, err := mapimport.ReadFile(l, opts.file, opts.sheet)
	if err != nil {
		return err
	}
	path, err := g.storePath()
	if err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	// A missing store is not made for a list.
	st, err := g.openStore(opts.dryRun || errors.Is(statErr, os.ErrNotExist), g.hintOf("cli.map.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	words := mapimport.NewWords(g.cat)
	mopts := mapimport.Options{Columns: opts.columns, AddDirectorates: opts.addDirectorates}
	var plan *mapimport.Plan
	prepare := func(r *workbook.Reader) (err error) {
		plan, err = mapimport.Prepare(r, l, words, t, opts.site, mopts)
		return err
	}
	// The plan is read, and shown, before the store is changed; the
	// import is made again from the store as it is in its own change.
	if err := svc.Read(prepare); err != nil {
		return mapSiteErr(g, err, opts.site, st.Path())
	}
	if err := printLines(g.io.Out, plan.Summary(l, opts.dryRun)); err != nil {
		return err
	}
	if !plan.Ready() {
		return refusedErr(l, plan)
	}
	if opts.dryRun {
		fmt.Fprintln(g.io.Out, textsafe.Line(l.T("cli.map.import.dry_run", "New", plan.Count(mapimport.New), "Changed", plan.Count(mapimport.Changed))))
		return nil
	}
	if !plan.Changes() {
		fmt.Fprintln(g.io.Out, textsafe.Line(l.T("cli.map.import.nothing", "Slug", plan.Site.Slug)))
		return nil
	}
	backup, err := st.AutoBackup("before-map-import")
	if err != nil {
		return fmt.Errorf("%s: %w", l.T("cli.map.import.backup_failed"), err)
	}
	var site workbook.Site
	var after []workbook.Partnership
	err = svc.Change(func(c *workbook.Change) error {
		if err := prepare(&c.Reader); err != nil {
			return err
		}
		if !plan.Ready() {
			return mapimport.ErrRefused
		}
		if err := plan.Apply(c); err != nil {
			return err
		}
		if site, err = c.Site(plan.Site.ID); err != nil {
			return err
		}
		after, err = c.Partnerships(site.ID)
		return err
	})
	if errors.Is(err, mapimport.ErrRefused) {
		return refusedErr(l, plan)
	}
	if err != nil {
		return err
	}
	out := g.io.Out
	fmt.Fprintln(out, textsafe.Line(l.T("cli.map.import.done", "Slug", site.Slug, "New", plan.Count(mapimport.New),
		"Changed", plan.Count(mapimport.Changed), "Unchanged", plan.Count(mapimport.Unchanged))))
	if plan.AddDirectorates && len(plan.Directorates) > 0 {
		fmt.Fprintln(out, textsafe.Line(l.N("cli.map.import.directorates_added", len(plan.Directorates))))
	}
	fmt.Fprintln(out, textsafe.Line(countsLine(l, site, after)))
	fmt.Fprintln(out, l.T("cli.map.import.kept", "Path", backup))
	return nil
}

// countsLine says how many partnerships the site maps under each
// directorate, as the Map shows them (analysis.CountByDirectorate).
func countsLine(l *i18n.Lang, site workbook.Site, ps []workbook.Partnership) string {
	rows, total := analysis.CountByDirectorate(site.Directorates, ps)
	parts := make([]string, 0, len(rows))
	for _, r := range rows {
		name := r.Name
		if r.ID == "" {
			name = l.T("cli.map.unassigned")
		}
		if r.Count == 0 && r.ID == "" {
			continue
		}
		parts = append(parts, l.T("cli.map.count", "Name", name, "N", r.Count))
	}
	return l.N("cli.map.counts", total, "Counts", strings.Join(parts, "; "))
}

// refusedErr says that nothing was imported, how many rows were refused,
// and what to do.
func refusedErr(l *i18n.Lang, plan *mapimport.Plan) error {
	rows, _ := plan.RefusedRows()
	hint := l.T("cli.map.import.refused_hint")
	if len(plan.Directorates) > 0 && !plan.AddDirectorates {
		hint = l.T("cli.map.import.directorates_hint")
	}
	msg := l.T("cli.map.import.refused_file")
	if rows > 0 {
		msg = l.N("cli.map.import.refused", rows)
	}
	return &ExitError{Code: 1, Message: msg, Hint: hint}
}

// mapSiteErr says that a site does not exist in the user's words.
func mapSiteErr(g *globals, err error, site, path string) error {
	if errors.Is(err, workbook.ErrNotFound) {
		return &ExitError{Code: 1, Message: g.l.T("cli.export.no_site", "Site", strconv.Quote(site), "Store", path), Hint: g.l.T("cli.export.no_site_hint")}
	}
	return err
}

// printLines writes lines that quote a file's cells: as text only.
func printLines(w io.Writer, lines []string) error {
	return buffered(w, func(w io.Writer) error {
		for _, s := range lines {
			if _, err := fmt.Fprintln(w, textsafe.Line(s)); err != nil {
				return err
			}
		}
		return nil
	})
}

// mapExportOptions are the flags of engage map export.
type mapExportOptions struct {
	site, out string
}

func newMapExportCmd(g *globals) *cobra.Command {
	var opts mapExportOptions
	cmd := &cobra.Command{
		Use:   "export SITE [-o FILE.csv|FILE.xlsx]",
		Short: g.l.T("cli.map.export.short"),
		Example: `  engage map export eastbrook-pilot
  engage map export eastbrook-pilot -o mapping.xlsx
  engage map export ambito-valle-del-sole --lang en -o elenco-en.csv`,
		Long:              g.l.T("cli.map.export.long"),
		Args:              g.exactArgs(1, g.l.T("cli.export.arg_site")),
		ValidArgsFunction: g.completeSites,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.site = args[0]
			if g.lang != "" && !g.cat.Has(g.lang) {
				return usageErr(cmd, g.noLanguage(g.lang))
			}
			if opts.out != "" && opts.out != "-" {
				if _, ok := mapimport.FormatOf(opts.out); !ok {
					return usageErr(cmd, errors.New(g.l.T("cli.map.export.format", "File", opts.out)))
				}
			}
			return mapExportRun(g, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", g.l.T("cli.map.export.flag_output"))
	return cmd
}

func mapExportRun(g *globals, opts mapExportOptions) error {
	l := g.l
	st, err := g.openStore(true, g.hintOf("cli.map.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	var site workbook.Site
	var ps []workbook.Partnership
	var write func(w io.Writer) error
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) (err error) {
		if site, err = r.Site(opts.site); err != nil {
			return err
		}
		if ps, err = r.Partnerships(site.ID); err != nil {
			return err
		}
		q, _ := r.Questionnaire(site.Questionnaire) // without it, the site's own names
		// The headings are in --lang, else the site's language (English
		// when the catalogue lacks it, as the report speaks it).
		lang := site.Language
		if g.lang != "" {
			lang = g.lang
		}
		if !g.cat.Has(lang) {
			lang = i18n.Fallback
		}
		hl := g.cat.For(lang)
		format, _ := mapimport.FormatOf(opts.out)
		write = func(w io.Writer) error {
			if format == mapimport.XLSX {
				return mapimport.WriteXLSX(w, hl, site, q, ps)
			}
			return mapimport.WriteCSV(w, hl, site, q, ps)
		}
		return nil
	})
	if err != nil {
		return mapSiteErr(g, err, opts.site, st.Path())
	}
	out, say := opts.out, g.io.Out
	switch out {
	case "-":
		if err := write(g.io.Out); err != nil {
			return err
		}
		out, say = l.T("cli.stdout.name"), g.io.Err
	case "":
		out = site.Slug + "-mapping.csv"
		fallthrough
	default:
		// Owner-only, as every file Engage writes that may hold notes.
		if err := atomicfile.Write(out, 0o600, write); err != nil {
			return err
		}
	}
	fmt.Fprintln(say, textsafe.Line(l.N("cli.map.export.done", len(ps), "Slug", site.Slug, "Name", site.Name, "Path", out)))
	return nil
}
