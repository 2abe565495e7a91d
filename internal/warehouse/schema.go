package warehouse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
)

// SchemaVersion is the version of the tables this engage writes. It goes
// up with any change to [Tables]: a warehouse of another version is
// refused ([VersionError]) rather than written in a shape it does not
// have.
const SchemaVersion = 1

// DefaultSchema is the PostgreSQL schema the tables are created in.
const DefaultSchema = "engage"

// The tables, as they are named in the schema.
const (
	TableVersion     = "engage_schema_version"
	TableSites       = "engage_sites"
	TableAssessments = "engage_assessments"
	TableAnswers     = "engage_answers"
	TableSummary     = "engage_summary"
	TableStatements  = "engage_statements"
)

// Column is one column of a warehouse table.
type Column struct {
	Name string
	// Type is the codebook's type of the column ([compare.TypeText],
	// ...), which [Column.SQLType] maps to PostgreSQL's.
	Type string
	// Allowed lists the values a category column may hold, as the
	// codebook does.
	Allowed string
	// NotNull is set on the columns that always hold a value (the keys).
	NotNull bool
	meaning func(l *i18n.Lang) string
}

// Meaning is what the column means, in l's language: the codebook's words
// for the columns the CSVs share.
func (c Column) Meaning(l *i18n.Lang) string { return c.meaning(l) }

// SQLType is the column's PostgreSQL type.
func (c Column) SQLType() string {
	switch c.Type {
	case compare.TypeInteger:
		return "integer"
	case compare.TypeNumber:
		return "double precision"
	case compare.TypeLogical:
		return "boolean"
	case compare.TypeDate:
		return "date"
	case compare.TypeDateTime:
		return "timestamp with time zone"
	}
	return "text"
}

// Table is one table of the warehouse.
type Table struct {
	Name    string
	Columns []Column
	// Key is the primary key; Unique another set of columns no two rows
	// share.
	Key, Unique []string
	// Parent is the table (and columns, the same names in both) each row
	// belongs to: a foreign key whose rows go when the parent's row goes.
	Parent     string
	ParentCols []string
	meaning    string
}

// Meaning is what the table holds, in l's language.
func (t Table) Meaning(l *i18n.Lang) string { return l.T(t.meaning) }

// ColumnNames returns the names of t's columns, in order.
func (t Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// own is a column the warehouse adds to the codebook's: its meaning is
// the catalogue's message id.
func own(name, typ, id string) Column {
	return Column{Name: name, Type: typ, meaning: func(l *i18n.Lang) string {
		return l.T(id, "Min", analysis.MinRespondents)
	}}
}

// codebook returns the codebook's columns of cols named names, in that
// order, with the codebook's meanings.
func codebook(cols []compare.CSVColumn, names ...string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		k := slices.IndexFunc(cols, func(c compare.CSVColumn) bool { return c.Name == n })
		if k < 0 {
			panic("warehouse: the codebook has no column " + n)
		}
		c := cols[k]
		out[i] = Column{Name: c.Name, Type: c.Type, meaning: c.Meaning}
		if c.Type == compare.TypeCategory {
			// A logical column's TRUE, FALSE is the CSV's spelling; here
			// it is a boolean.
			out[i].Allowed = c.Allowed
		}
	}
	return out
}

// notNull marks the columns named in cols as always holding a value.
func notNull(cols []Column, names ...string) []Column {
	for i := range cols {
		if slices.Contains(names, cols[i].Name) {
			cols[i].NotNull = true
		}
	}
	return cols
}

// siteID is the column every table of a site's rows starts with: the
// site's record id, which stays the same from one export of the site to
// the next.
func siteID() Column {
	return own("site_id", compare.TypeText, "cli.warehouse.col.site_id")
}

// The column names of the summary CSV the warehouse leaves out: compared
// says whether a key issue is compared across the sites of one
// comparison, which a warehouse of sites pushed one at a time does not
// have (compare sites with SQL on key_issue instead); round numbers a
// site's assessments, which engage_assessments gives in its own way
// (row_number() OVER (PARTITION BY site_id ORDER BY assessment_started)),
// and which schema version 1 had no column for.
var summaryLeftOut = []string{"compared", "round"}

// summaryNames are the summary CSV's columns the warehouse holds.
func summaryNames() []string {
	var names []string
	for _, c := range compare.SummaryColumns() {
		if !slices.Contains(summaryLeftOut, c.Name) {
			names = append(names, c.Name)
		}
	}
	return names
}

// Tables returns the warehouse's tables, in the order they are created.
func Tables() []Table {
	resp, sum := compare.ResponsesColumns(), compare.SummaryColumns()
	// The codebook's key_issue and statement point at the codebook's
	// statement rows; here they are engage_statements.
	keyIssue := own("key_issue", compare.TypeText, "cli.warehouse.col.key_issue")
	statement := own("statement", compare.TypeText, "cli.warehouse.col.statement")
	replace := func(cols []Column, with ...Column) []Column {
		for i := range cols {
			for _, w := range with {
				if cols[i].Name == w.Name {
					cols[i] = w
				}
			}
		}
		return cols
	}
	summaryCols := replace(codebook(sum, summaryNames()...), keyIssue,
		own("key_issue_title", compare.TypeText, "cli.warehouse.col.key_issue_title"))
	return []Table{
		{
			Name: TableVersion, meaning: "cli.warehouse.table.version",
			Columns: notNull([]Column{
				own("version", compare.TypeInteger, "cli.warehouse.col.version"),
				own("engage_version", compare.TypeText, "cli.warehouse.col.engage_version"),
				own("created_at", compare.TypeDateTime, "cli.warehouse.col.created_at"),
			}, "version"),
			Key: []string{"version"},
		},
		{
			Name: TableSites, meaning: "cli.warehouse.table.sites",
			Columns: notNull(append(append([]Column{siteID()}, codebook(resp, "site", "site_name")...),
				own("organisation", compare.TypeText, "cli.warehouse.col.organisation"),
				own("area", compare.TypeText, "cli.warehouse.col.area"),
				own("language", compare.TypeText, "cli.warehouse.col.language"),
				own("assessments", compare.TypeInteger, "cli.warehouse.col.assessments"),
				own("answers", compare.TypeInteger, "cli.warehouse.col.answers"),
				own("summary_rows", compare.TypeInteger, "cli.warehouse.col.summary_rows"),
				own("unsuppressed", compare.TypeLogical, "cli.warehouse.col.unsuppressed"),
				own("data_as_of", compare.TypeDateTime, "cli.warehouse.col.data_as_of"),
				own("content_sha256", compare.TypeText, "cli.warehouse.col.content_sha256"),
				own("engage_version", compare.TypeText, "cli.warehouse.col.engage_version"),
				own("pushed_at", compare.TypeDateTime, "cli.warehouse.col.pushed_at"),
			), "site_id", "site", "content_sha256", "unsuppressed", "pushed_at"),
			Key: []string{"site_id"}, Unique: []string{"site"},
		},
		{
			Name: TableAssessments, meaning: "cli.warehouse.table.assessments",
			Columns: notNull(append(append(append([]Column{siteID()},
				codebook(resp, "site", "site_name", "assessment", "assessment_title", "assessment_started")...),
				codebook(sum, "completed", "current", "partnership", "questionnaire", "questionnaire_version")...),
				own("questionnaire_hash", compare.TypeText, "cli.warehouse.col.questionnaire_hash"),
				own("scale_points", compare.TypeInteger, "cli.warehouse.col.scale_points"),
				own("insiders", compare.TypeInteger, "cli.warehouse.col.insiders"),
				own("outsiders", compare.TypeInteger, "cli.warehouse.col.outsiders"),
				own("respondents", compare.TypeInteger, "cli.warehouse.col.respondents"),
				own("left_out", compare.TypeInteger, "cli.warehouse.col.left_out"),
				own("scores_withheld", compare.TypeInteger, "cli.warehouse.col.scores_withheld"),
			), "site_id", "site", "assessment", "questionnaire_hash"),
			Key:    []string{"site_id", "assessment"},
			Parent: TableSites, ParentCols: []string{"site_id"},
		},
		{
			Name: TableAnswers, meaning: "cli.warehouse.table.answers",
			Columns: notNull(append([]Column{siteID()}, replace(codebook(resp, compare.ResponsesHeader...), keyIssue, statement)...),
				"site_id", "site", "assessment", "respondent", "statement"),
			Key:    []string{"site_id", "assessment", "respondent", "statement"},
			Parent: TableAssessments, ParentCols: []string{"site_id", "assessment"},
		},
		{
			Name: TableSummary, meaning: "cli.warehouse.table.summary",
			Columns: notNull(append([]Column{siteID()}, summaryCols...),
				"site_id", "site", "assessment", "key_issue", "group"),
			Key:    []string{"site_id", "assessment", "key_issue", "group"},
			Parent: TableAssessments, ParentCols: []string{"site_id", "assessment"},
		},
		{
			Name: TableStatements, meaning: "cli.warehouse.table.statements",
			Columns: notNull([]Column{
				own("questionnaire_hash", compare.TypeText, "cli.warehouse.col.questionnaire_hash"),
				codebook(resp, "questionnaire")[0],
				codebook(resp, "questionnaire_version")[0],
				own("lang", compare.TypeText, "cli.warehouse.col.lang"),
				own("key_issue", compare.TypeText, "cli.warehouse.col.statement_key_issue"),
				own("key_issue_title", compare.TypeText, "cli.warehouse.col.statement_key_issue_title"),
				own("statement", compare.TypeText, "cli.warehouse.col.statement_id"),
				own("number", compare.TypeText, "cli.warehouse.col.number"),
				own("reversed", compare.TypeLogical, "cli.warehouse.col.reversed"),
				own("verification", compare.TypeLogical, "cli.warehouse.col.verification"),
				own("text", compare.TypeText, "cli.warehouse.col.text"),
			}, "questionnaire_hash", "lang", "statement"),
			Key: []string{"questionnaire_hash", "statement", "lang"},
		},
	}
}

// table returns the table named name.
func table(name string) Table {
	for _, t := range Tables() {
		if t.Name == name {
			return t
		}
	}
	panic("warehouse: no table " + name)
}

// ident quotes names as one SQL identifier: schema.table, or a column.
func ident(names ...string) string { return pgx.Identifier(names).Sanitize() }

// idents quotes each name and joins them with commas.
func idents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = ident(n)
	}
	return strings.Join(q, ", ")
}

// literal quotes s as an SQL string constant, whatever
// standard_conforming_strings is set to: E'...' with quotes and
// backslashes escaped (a NUL, which PostgreSQL text cannot hold, is
// dropped).
func literal(s string) string {
	s = strings.ReplaceAll(s, "\x00", "")
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "E'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// CreateStatements returns the SQL that creates the tables in schema,
// each statement on its own, without the comments: CREATE SCHEMA first,
// then the tables.
func CreateStatements(schema string) []string {
	out := []string{"CREATE SCHEMA IF NOT EXISTS " + ident(schema)}
	for _, t := range Tables() {
		var b strings.Builder
		fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n", ident(schema, t.Name))
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %s %s", ident(c.Name), c.SQLType())
			if c.NotNull {
				b.WriteString(" NOT NULL")
			}
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "  PRIMARY KEY (%s)", idents(t.Key))
		if len(t.Unique) > 0 {
			fmt.Fprintf(&b, ",\n  UNIQUE (%s)", idents(t.Unique))
		}
		if t.Parent != "" {
			fmt.Fprintf(&b, ",\n  FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE CASCADE",
				idents(t.ParentCols), ident(schema, t.Parent), idents(t.ParentCols))
		}
		b.WriteString("\n)")
		out = append(out, b.String())
	}
	return out
}

// commentStatements returns the SQL that describes each table and
// column in schema, in l's language.
func commentStatements(schema string, l *i18n.Lang) []string {
	var out []string
	for _, t := range Tables() {
		out = append(out, fmt.Sprintf("COMMENT ON TABLE %s IS %s", ident(schema, t.Name), literal(t.Meaning(l))))
		for _, c := range t.Columns {
			m := c.Meaning(l)
			if c.Allowed != "" {
				m += " [" + c.Allowed + "]"
			}
			out = append(out, fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", ident(schema, t.Name), ident(c.Name), literal(m)))
		}
	}
	return out
}

// Fingerprint is the SHA-256 of the tables' definition (the SQL that
// creates them in the default schema): a test ties each
// [SchemaVersion] to one, so the tables cannot change under the same
// version.
func Fingerprint() string {
	h := sha256.New()
	for _, s := range CreateStatements(DefaultSchema) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
