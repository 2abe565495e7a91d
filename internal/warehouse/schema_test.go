package warehouse_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/warehouse"
)

var update = flag.Bool("update", false, "rewrite the tables' section of docs/warehouse.md")

// fingerprints ties each schema version to the one definition of the
// tables it has. A change to the tables (a column, a type, a key) fails
// here: give it a new SchemaVersion, say in docs/warehouse.md how a
// warehouse of the old version is moved on, and add the version here.
var fingerprints = map[int]string{
	1: "ef108fefa1f5c65b8fdc7fad458e10e9bcba86f752c05659ca7d3b0322133615",
}

func TestSchemaFingerprint(t *testing.T) {
	got := warehouse.Fingerprint()
	want, ok := fingerprints[warehouse.SchemaVersion]
	if !ok || got != want {
		t.Errorf("the tables of schema version %d are %s, recorded as %q: a change to the tables needs a new SchemaVersion",
			warehouse.SchemaVersion, got, want)
	}
}

// The docs' tables section is made from Tables: each table with its key
// and each column with its type and meaning.
func TestDocsDescribeTheTables(t *testing.T) {
	const path = "../../docs/warehouse.md"
	const begin, end = "<!-- tables: made by go test ./internal/warehouse -update -->\n", "<!-- end of tables -->\n"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q and %q", path, begin, end)
	}
	want := tablesMarkdown(i18n.Embedded().For("en"))
	if got := s[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(path, []byte(s[:i+len(begin)]+want+s[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s does not describe the tables as they are: run go test ./internal/warehouse -run TestDocs -update", path)
	}
}

// tablesMarkdown describes the tables for the docs.
func tablesMarkdown(l *i18n.Lang) string {
	var b strings.Builder
	for _, t := range warehouse.Tables() {
		fmt.Fprintf(&b, "\n### %s\n\n%s\n\n", t.Name, t.Meaning(l))
		fmt.Fprintf(&b, "Primary key: (%s).", strings.Join(t.Key, ", "))
		if len(t.Unique) > 0 {
			fmt.Fprintf(&b, " Unique: (%s).", strings.Join(t.Unique, ", "))
		}
		if t.Parent != "" {
			fmt.Fprintf(&b, " Each row belongs to a row of %s by (%s), and goes with it (ON DELETE CASCADE).", t.Parent, strings.Join(t.ParentCols, ", "))
		}
		b.WriteString("\n\n| column | type | meaning |\n|---|---|---|\n")
		for _, c := range t.Columns {
			typ := c.SQLType()
			if c.NotNull {
				typ += ", not null"
			}
			m := c.Meaning(l)
			if c.Allowed != "" {
				m += " Values: " + c.Allowed + "."
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, typ, strings.ReplaceAll(m, "|", `\|`))
		}
	}
	b.WriteString("\n")
	return b.String()
}

// The comments on the tables and columns are their meanings, in the
// language of the push that created them.
func TestComments(t *testing.T) {
	w := newWarehouse(t)
	svc, _ := smallGroupStore(t)
	it := i18n.Embedded().For("it")
	w.push(t, svc, warehouse.Options{Words: it})
	ctx := context.Background()
	for _, tb := range warehouse.Tables() {
		var got *string
		if err := w.conn.QueryRow(ctx, "SELECT obj_description(('engage.' || $1)::regclass, 'pg_class')", tb.Name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got == nil || *got != tb.Meaning(it) {
			t.Errorf("%s: comment %v, want %q", tb.Name, got, tb.Meaning(it))
		}
		for k, c := range tb.Columns {
			if err := w.conn.QueryRow(ctx, "SELECT col_description(('engage.' || $1)::regclass, $2)", tb.Name, k+1).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got == nil || !strings.HasPrefix(*got, c.Meaning(it)) {
				t.Errorf("%s.%s: comment %v, want %q", tb.Name, c.Name, got, c.Meaning(it))
			}
		}
	}
}
