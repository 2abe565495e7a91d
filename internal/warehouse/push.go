package warehouse

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Options tune a push.
type Options struct {
	// Schema is the PostgreSQL schema the tables are in; "" is
	// [DefaultSchema].
	Schema string
	// Unsuppressed pushes every answer with its real role level, the
	// respondents of groups under 3 too, as the long CSV's --unsuppressed
	// writes them.
	Unsuppressed bool
	// DryRun says what a push would do and writes nothing: not even the
	// tables are created.
	DryRun bool
	// Engage is engage's version, recorded with each site pushed.
	Engage string
	// Words is the language the tables and columns are described in
	// (COMMENT ON) when they are created; nil is English.
	Words *i18n.Lang
}

func (o Options) schema() string {
	if o.Schema == "" {
		return DefaultSchema
	}
	return o.Schema
}

// Action is what a push did to one site.
type Action string

// The actions.
const (
	// Added: the warehouse did not have the site.
	Added Action = "added"
	// Replaced: the warehouse had another state of the site; its rows
	// were replaced in one transaction.
	Replaced Action = "replaced"
	// Unchanged: the warehouse has this very state of the site (the same
	// content hash); nothing was written.
	Unchanged Action = "unchanged"
	// Skipped: the site has no assessment yet, so nothing to push; the
	// warehouse's rows of it, if any, stay as they are.
	Skipped Action = "skipped"
)

// SiteResult says what a push did to one site (with DryRun, what it
// would do) and what its rows are.
type SiteResult struct {
	ID, Slug, Name string
	Action         Action
	// Assessments, Answers and Summary count the site's rows in each
	// table.
	Assessments, Answers, Summary int
	// LeftOut counts the respondents whose answers are left out (groups
	// of one or two), Withheld the answers without their score, as in the
	// long CSV; both 0 with Unsuppressed.
	LeftOut, Withheld int
	// Small lists, with Unsuppressed, the groups and role levels of one or
	// two people whose answers are there all the same, by assessment.
	Small []SmallGroups
	// Hash is the site's content hash (engage_sites.content_sha256).
	Hash string
}

// SmallGroups are the groups (Role "") and role levels of one or two
// people of one assessment whose answers an unsuppressed push holds, as
// [compare.RowsWritten].Small counts them.
type SmallGroups struct {
	Title, Started string
	Cells          []analysis.Cell
}

// VersionError is returned when the warehouse's tables are of another
// [SchemaVersion] than this engage writes.
type VersionError struct {
	Schema      string
	Found, Want int
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("the warehouse's tables in schema %s are version %d; this engage writes version %d", e.Schema, e.Found, e.Want)
}

// SlugTakenError is returned when the warehouse holds a different site
// (another record id, from another store) under the slug of the site
// pushed.
type SlugTakenError struct {
	Slug, ID, OtherID string
}

func (e *SlugTakenError) Error() string {
	return fmt.Sprintf("the warehouse holds another site (id %s) as %s", e.OtherID, e.Slug)
}

// SchemaNameError is a schema name PostgreSQL cannot take as it is.
type SchemaNameError struct{ Name string }

func (e *SchemaNameError) Error() string {
	return fmt.Sprintf("%q is not a schema name: 1 to 63 bytes, no NUL", e.Name)
}

// CheckSchemaName refuses a schema name PostgreSQL would not keep as it
// is: empty, longer than 63 bytes (it would be cut short), or holding a
// NUL. Any other name is quoted, so it is never read as SQL.
func CheckSchemaName(name string) error {
	if name == "" || len(name) > 63 || strings.ContainsRune(name, 0) {
		return &SchemaNameError{Name: name}
	}
	return nil
}

// Warehouse is a connection to a warehouse's server, with its tables
// ready (or, with DryRun, looked at).
type Warehouse struct {
	conn   *pgx.Conn
	schema string
	// exists says the tables are there.
	exists bool
}

// Open connects to the server cfg names and prepares the tables: creates
// them (and the schema) when they are missing, and checks their version
// otherwise. With opts.DryRun nothing is created. A failure to connect is
// a *ConnectError.
func Open(ctx context.Context, cfg *Config, opts Options) (*Warehouse, error) {
	if err := CheckSchemaName(opts.schema()); err != nil {
		return nil, err
	}
	conn, err := connect(ctx, cfg)
	if err != nil {
		return nil, err
	}
	w := &Warehouse{conn: conn, schema: opts.schema()}
	if err := w.prepare(ctx, opts); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	return w, nil
}

// Close closes the connection.
func (w *Warehouse) Close(ctx context.Context) error { return w.conn.Close(ctx) }

// Schema is the schema the tables are in.
func (w *Warehouse) Schema() string { return w.schema }

// prepare creates the tables when they are missing, and checks their
// version, under a lock that keeps two engages from creating them at
// once.
func (w *Warehouse) prepare(ctx context.Context, opts Options) error {
	tx, err := w.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if !opts.DryRun {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", "engage warehouse "+w.schema); err != nil {
			return err
		}
	}
	var found *string
	if err := tx.QueryRow(ctx, "SELECT to_regclass($1)::text", ident(w.schema, TableVersion)).Scan(&found); err != nil {
		return err
	}
	if found != nil {
		var v int
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM "+ident(w.schema, TableVersion)).Scan(&v); err != nil {
			return err
		}
		if v != SchemaVersion {
			return &VersionError{Schema: w.schema, Found: v, Want: SchemaVersion}
		}
		w.exists = true
		return nil
	}
	if opts.DryRun {
		return nil
	}
	words := opts.Words
	if words == nil {
		words = i18n.Embedded().For(i18n.Fallback)
	}
	ddl := append(CreateStatements(w.schema), commentStatements(w.schema, words)...)
	// A schema made for engage by the database's owner is used as it is:
	// CREATE SCHEMA needs the right to create schemas in the database,
	// even when the schema exists.
	var have bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", w.schema).Scan(&have); err != nil {
		return err
	}
	if have {
		ddl = ddl[1:]
	}
	for _, s := range ddl {
		if _, err := tx.Exec(ctx, s); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, "INSERT INTO "+ident(w.schema, TableVersion)+" (version, engage_version, created_at) VALUES ($1, $2, now())",
		SchemaVersion, text(opts.Engage))
	if err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	w.exists = true
	return nil
}

// Resolve returns the sites refs name (ids or slugs), in order, or every
// site of the store by name with all. An unknown ref is a
// *workbook.NotFoundError.
func Resolve(svc *workbook.Service, refs []string, all bool) ([]workbook.Site, error) {
	var out []workbook.Site
	err := svc.Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		if err != nil {
			return err
		}
		if all {
			out = sites
			return nil
		}
		seen := map[string]string{}
		for _, ref := range refs {
			s, err := r.Site(ref)
			if err != nil {
				return err
			}
			if first, dup := seen[s.ID]; dup {
				return fmt.Errorf("site %s is named twice (as %q and %q)", s.Slug, first, ref)
			}
			seen[s.ID] = ref
			out = append(out, s)
		}
		return nil
	})
	return out, err
}

// Push puts the current state of site s of svc in the warehouse: added
// when the warehouse lacks it, unchanged when it holds the same content
// hash, and otherwise replaced in one transaction (the site's rows
// deleted, the new ones copied in, its engage_sites row updated), so a
// reader sees the old state or the new one, never part of either.
// Pushes of the same site from two engages at once take turns.
func (w *Warehouse) Push(ctx context.Context, svc *workbook.Service, s workbook.Site, opts Options) (SiteResult, error) {
	res := SiteResult{ID: s.ID, Slug: s.Slug, Name: s.Name}
	n := 0
	err := svc.Read(func(r *workbook.Reader) error {
		as, err := r.Assessments(s.ID)
		n = len(as)
		return err
	})
	if err != nil {
		return res, err
	}
	if n == 0 {
		res.Action = Skipped
		return res, nil
	}
	rows, err := gatherSite(svc, s, opts)
	if err != nil {
		return res, err
	}
	res.Slug, res.Name = rows.site.Slug, rows.site.Name
	res.Assessments, res.Answers, res.Summary = len(rows.assessments), len(rows.answers), len(rows.summary)
	res.LeftOut, res.Withheld, res.Small, res.Hash = rows.leftOut, rows.withheld, rows.small, rows.hash
	if opts.DryRun {
		res.Action, err = w.wouldDo(ctx, rows)
		return res, err
	}
	res.Action, err = w.write(ctx, rows, opts)
	return res, err
}

// wouldDo says what a push of rows would do, writing nothing.
func (w *Warehouse) wouldDo(ctx context.Context, rows *siteRows) (Action, error) {
	if !w.exists {
		return Added, nil
	}
	old, ok, err := w.storedHash(ctx, w.conn, rows.site.ID)
	switch {
	case err != nil:
		return "", err
	case !ok:
		return Added, nil
	case old == rows.hash:
		return Unchanged, nil
	}
	if err := w.checkSlug(ctx, w.conn, rows); err != nil {
		return "", err
	}
	return Replaced, nil
}

// querier is a connection or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// storedHash returns the content hash the warehouse holds for site id.
func (w *Warehouse) storedHash(ctx context.Context, q querier, id string) (string, bool, error) {
	var h string
	err := q.QueryRow(ctx, "SELECT content_sha256 FROM "+ident(w.schema, TableSites)+" WHERE site_id = $1", id).Scan(&h)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	return h, err == nil, err
}

// checkSlug refuses a site whose slug another site of the warehouse has.
func (w *Warehouse) checkSlug(ctx context.Context, q querier, rows *siteRows) error {
	var other string
	err := q.QueryRow(ctx, "SELECT site_id FROM "+ident(w.schema, TableSites)+" WHERE site = $1 AND site_id <> $2",
		rows.site.Slug, rows.site.ID).Scan(&other)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return &SlugTakenError{Slug: rows.site.Slug, ID: rows.site.ID, OtherID: other}
}

// write puts rows in the warehouse in one transaction, unless the
// warehouse holds them already.
func (w *Warehouse) write(ctx context.Context, rows *siteRows, opts Options) (Action, error) {
	tx, err := w.conn.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	// One push of a site at a time: the second waits, then finds the
	// first's hash.
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", w.schema, rows.site.ID); err != nil {
		return "", err
	}
	old, had, err := w.storedHash(ctx, tx, rows.site.ID)
	if err != nil {
		return "", err
	}
	if had && old == rows.hash {
		return Unchanged, nil
	}
	if err := w.checkSlug(ctx, tx, rows); err != nil {
		return "", err
	}
	sites := table(TableSites)
	cols := sites.ColumnNames()
	vals := append(append([]any{}, rows.sites...), rows.hash, text(opts.Engage))
	params := make([]string, len(vals))
	var set []string
	for i := range vals {
		params[i] = fmt.Sprintf("$%d", i+1)
	}
	for _, c := range cols[1:] {
		set = append(set, ident(c)+" = EXCLUDED."+ident(c))
	}
	upsert := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s, now()) ON CONFLICT (site_id) DO UPDATE SET %s",
		ident(w.schema, TableSites), idents(cols), strings.Join(params, ", "), strings.Join(set, ", "))
	if _, err := tx.Exec(ctx, upsert, vals...); err != nil {
		return "", slugTaken(err, rows)
	}
	for _, t := range []string{TableAnswers, TableSummary, TableAssessments} {
		if _, err := tx.Exec(ctx, "DELETE FROM "+ident(w.schema, t)+" WHERE site_id = $1", rows.site.ID); err != nil {
			return "", err
		}
	}
	for _, t := range []struct {
		name string
		rows [][]any
	}{{TableAssessments, rows.assessments}, {TableAnswers, rows.answers}, {TableSummary, rows.summary}} {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{w.schema, t.name}, table(t.name).ColumnNames(), pgx.CopyFromRows(t.rows)); err != nil {
			return "", fmt.Errorf("%s: %w", t.name, err)
		}
	}
	if err := w.putStatements(ctx, tx, rows.statements); err != nil {
		return "", err
	}
	if err := tx.Commit(ctx); err != nil {
		return "", err
	}
	if had {
		return Replaced, nil
	}
	return Added, nil
}

// putStatements adds the statement rows the warehouse lacks: a
// questionnaire's rows are the same whichever site brings them (its hash
// is of its content), so rows already there stay as they are.
func (w *Warehouse) putStatements(ctx context.Context, tx pgx.Tx, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := table(TableStatements).ColumnNames()
	params := make([]string, len(cols))
	for i := range cols {
		params[i] = fmt.Sprintf("$%d", i+1)
	}
	insert := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT DO NOTHING",
		ident(w.schema, TableStatements), idents(cols), strings.Join(params, ", "))
	var b pgx.Batch
	for _, r := range rows {
		b.Queue(insert, r...)
	}
	return tx.SendBatch(ctx, &b).Close()
}

// slugTaken turns the unique violation of engage_sites' slug, which a
// push racing another can still meet after checkSlug, into a
// *SlugTakenError.
func slugTaken(err error, rows *siteRows) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == TableSites+"_site_key" {
		return &SlugTakenError{Slug: rows.site.Slug, ID: rows.site.ID, OtherID: "?"}
	}
	return err
}
