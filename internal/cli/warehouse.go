package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/warehouse"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func newWarehouseCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "warehouse",
		Short: g.l.T("cli.warehouse.short"),
		Long:  g.l.T("cli.warehouse.long"),
		Example: `  engage warehouse push --postgres postgres://researcher@db.example.org/engage --all
  engage warehouse push --postgres 'host=/var/run/postgresql dbname=engage' eastbrook-pilot`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newWarehousePushCmd(g))
	return cmd
}

// warehousePushOptions are the flags of `engage warehouse push`.
type warehousePushOptions struct {
	postgres     string
	sites        []string
	all          bool
	schema       string
	unsuppressed bool
	dryRun       bool
}

func newWarehousePushCmd(g *globals) *cobra.Command {
	var opts warehousePushOptions
	cmd := &cobra.Command{
		Use:   "push --postgres URL [SITE...|--all] [--unsuppressed] [--dry-run]",
		Short: g.l.T("cli.warehouse.push_short"),
		Long:  g.l.T("cli.warehouse.push_long", "Timeout", int(warehouse.DefaultConnectTimeout.Seconds())),
		Example: `  engage warehouse push --postgres postgres://researcher@db.example.org/engage --all
  engage warehouse push --postgres 'postgres://researcher@db.example.org/engage?sslmode=verify-full' eastbrook-pilot
  engage warehouse push --postgres 'host=/var/run/postgresql dbname=engage' --all --dry-run
  engage warehouse push --postgres postgres://localhost/engage --all --schema pilot2026
  engage warehouse push --postgres postgres://researcher@db.example.org/engage --all --unsuppressed`,
		ValidArgsFunction: g.completeSites,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.sites = args
			if err := opts.check(g.l); err != nil {
				return usageErr(cmd, err)
			}
			return warehousePushRun(cmd.Context(), g, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.postgres, "postgres", "", g.l.T("cli.warehouse.flag_postgres"))
	f.BoolVar(&opts.all, "all", false, g.l.T("cli.warehouse.flag_all"))
	f.StringVar(&opts.schema, "schema", warehouse.DefaultSchema, g.l.T("cli.warehouse.flag_schema"))
	f.BoolVar(&opts.unsuppressed, "unsuppressed", false, g.l.T("cli.warehouse.flag_unsuppressed"))
	f.BoolVar(&opts.dryRun, "dry-run", false, g.l.T("cli.warehouse.flag_dry_run"))
	return cmd
}

// check validates the flags.
func (o *warehousePushOptions) check(l *i18n.Lang) error {
	switch {
	case o.postgres == "":
		return errors.New(l.T("cli.warehouse.no_postgres"))
	case o.all && len(o.sites) > 0:
		return errors.New(l.T("cli.warehouse.sites_and_all"))
	case !o.all && len(o.sites) == 0:
		return errors.New(l.T("cli.warehouse.no_sites"))
	}
	if err := warehouse.CheckSchemaName(o.schema); err != nil {
		return errors.New(l.T("cli.warehouse.bad_schema", "Name", strconv.Quote(o.schema)))
	}
	return nil
}

func warehousePushRun(ctx context.Context, g *globals, opts warehousePushOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	l := g.l
	cfg, err := warehouse.ParseConfig(opts.postgres)
	if err != nil {
		return warehouseError(l, err, opts)
	}
	st, err := g.openStore(true, g.hintOf("cli.warehouse.locked_hint"))
	if err != nil {
		return err
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	sites, err := warehouse.Resolve(svc, opts.sites, opts.all)
	if err != nil {
		return compareError(l, err)
	}
	if len(sites) == 0 {
		return &ExitError{Code: 1, Message: l.T("cli.warehouse.store_empty"), Hint: l.T("cli.compare.no_sites_hint")}
	}
	wopts := warehouse.Options{Schema: opts.schema, Unsuppressed: opts.unsuppressed,
		DryRun: opts.dryRun, Engage: version(), Words: l}
	wh, err := warehouse.Open(ctx, cfg, wopts)
	if err != nil {
		return warehouseError(l, err, opts)
	}
	defer wh.Close(context.WithoutCancel(ctx))
	w := g.io.Out
	head := "cli.warehouse.pushing"
	if opts.dryRun {
		head = "cli.warehouse.dry_run"
	}
	fmt.Fprintln(w, l.N(head, len(sites), "Where", textsafe.Line(cfg.Address()), "Database", textsafe.Line(cfg.Database()),
		"User", textsafe.Line(cfg.User()), "Schema", textsafe.Line(opts.schema)))
	var tally pushTally
	for _, s := range sites {
		res, err := wh.Push(ctx, svc, s, wopts)
		if err != nil {
			tally.print(l, w, opts)
			return warehouseError(l, &siteError{slug: s.Slug, err: err}, opts)
		}
		fmt.Fprintln(w, "  "+textsafe.Line(siteLine(l, res, opts.dryRun)))
		tally.add(l, res)
	}
	tally.print(l, w, opts)
	return nil
}

// siteError is a failure to push one site.
type siteError struct {
	slug string
	err  error
}

func (e *siteError) Error() string { return e.slug + ": " + e.err.Error() }
func (e *siteError) Unwrap() error { return e.err }

// actionWords are the catalogue's words for each action: done, and with
// --dry-run to be done.
var actionWords = map[warehouse.Action][2]string{
	warehouse.Added:     {"cli.warehouse.action_added", "cli.warehouse.would_added"},
	warehouse.Replaced:  {"cli.warehouse.action_replaced", "cli.warehouse.would_replaced"},
	warehouse.Unchanged: {"cli.warehouse.action_unchanged", "cli.warehouse.would_unchanged"},
}

// siteLine says what a push did to one site (or would do, with dry).
func siteLine(l *i18n.Lang, r warehouse.SiteResult, dry bool) string {
	if r.Action == warehouse.Skipped {
		return l.T("cli.warehouse.skipped", "Site", r.Slug)
	}
	ids := actionWords[r.Action]
	id := ids[0]
	if dry {
		id = ids[1]
	}
	return l.T("cli.warehouse.site", "Site", r.Slug, "Action", l.T(id),
		"Assessments", l.N("cli.warehouse.n_assessments", r.Assessments),
		"Answers", l.N("cli.warehouse.n_answers", r.Answers),
		"Summary", l.N("cli.warehouse.n_summary", r.Summary))
}

// pushTally adds up what a push did.
type pushTally struct {
	sites, added, replaced, unchanged int
	leftOut, withheld                 int
	// small are the lines naming the groups and role levels under 3
	// that an unsuppressed push holds.
	small []string
}

func (t *pushTally) add(l *i18n.Lang, r warehouse.SiteResult) {
	t.sites++
	switch r.Action {
	case warehouse.Added:
		t.added++
	case warehouse.Replaced:
		t.replaced++
	case warehouse.Unchanged:
		t.unchanged++
	case warehouse.Skipped:
		return
	}
	t.leftOut += r.LeftOut
	t.withheld += r.Withheld
	for _, sg := range r.Small {
		at := r.Slug
		if r.Assessments > 1 {
			at += " (" + assessmentLabel(l, &compare.Assessment{Title: sg.Title, Started: sg.Started}) + ")"
		}
		var cells []string
		for _, c := range sg.Cells {
			if c.Role == "" {
				cells = append(cells, people(l, c.People, c.Group))
			} else {
				// The role level as engage_answers' role_level holds it.
				cells = append(cells, l.N("cli.rows.role_"+string(c.Group), c.People, "Role", string(c.Role)))
			}
		}
		t.small = append(t.small, "  "+textsafe.Line(at)+": "+strings.Join(cells, ", "))
	}
}

// print says what the sites pushed so far add up to, and what the
// warehouse holds of small groups.
func (t *pushTally) print(l *i18n.Lang, w io.Writer, opts warehousePushOptions) {
	if t.sites == 0 {
		return
	}
	switch {
	case t.added+t.replaced == 0 && !opts.dryRun:
		fmt.Fprintln(w, l.N("cli.warehouse.nothing_changed", t.sites))
	case opts.dryRun:
		fmt.Fprintln(w, l.N("cli.warehouse.would_total", t.sites, "Added", t.added, "Replaced", t.replaced, "Unchanged", t.unchanged))
	default:
		fmt.Fprintln(w, l.N("cli.warehouse.total", t.sites, "Added", t.added, "Replaced", t.replaced, "Unchanged", t.unchanged))
	}
	if opts.unsuppressed {
		if len(t.small) == 0 {
			fmt.Fprintln(w, l.T("cli.warehouse.unsuppressed_none"))
			return
		}
		fmt.Fprintln(w, l.T("cli.warehouse.unsuppressed"))
		for _, line := range t.small {
			fmt.Fprintln(w, line)
		}
		fmt.Fprintln(w, l.T("cli.warehouse.unsuppressed_share"))
		return
	}
	if t.leftOut > 0 {
		fmt.Fprintln(w, l.N("cli.warehouse.left_out", t.leftOut))
	}
	if t.withheld > 0 {
		fmt.Fprintln(w, l.N("cli.warehouse.withheld", t.withheld))
	}
	fmt.Fprintln(w, l.T("cli.warehouse.unsuppressed_note"))
}

// warehouseError gives a failed push its message and hint.
func warehouseError(l *i18n.Lang, err error, opts warehousePushOptions) error {
	var (
		cs   *warehouse.ConnStringError
		ce   *warehouse.ConnectError
		ve   *warehouse.VersionError
		slug *warehouse.SlugTakenError
		se   *siteError
	)
	switch {
	case errors.As(err, &cs):
		return &ExitError{Code: 2, Message: l.T("cli.warehouse.bad_postgres", "Reason", cs.Reason), Hint: l.T("cli.warehouse.bad_postgres_hint")}
	case errors.As(err, &ce):
		reason := ce.Reason
		if ce.Timeout {
			reason = l.T("cli.warehouse.timeout")
		}
		return &ExitError{Code: 1, Message: l.T("cli.warehouse.cannot_connect", "Where", ce.Address, "Reason", reason), Hint: l.T("cli.warehouse.cannot_connect_hint")}
	case errors.As(err, &ve):
		return &ExitError{Code: 1, Message: l.T("cli.warehouse.version", "Schema", ve.Schema, "Found", ve.Found, "Want", ve.Want), Hint: l.T("cli.warehouse.version_hint")}
	case errors.As(err, &slug):
		return &ExitError{Code: 1, Message: l.T("cli.warehouse.slug_taken", "Site", slug.Slug, "Other", slug.OtherID), Hint: l.T("cli.warehouse.slug_taken_hint")}
	case errors.As(err, &se):
		return &ExitError{Code: 1, Message: l.T("cli.site.error", "Site", se.slug, "Err", se.err.Error()), Hint: l.T("cli.warehouse.push_failed_hint")}
	}
	return &ExitError{Code: 1, Message: l.T("cli.warehouse.prepare_failed", "Schema", opts.schema, "Err", err.Error())}
}
