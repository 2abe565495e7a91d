package compare_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/i18n"
)

// writeParquet gathers the pilot study into the three Parquet files in
// dir, every answer when unsuppressed, and returns the comparison.
func writeParquet(t *testing.T, dir string, unsuppressed bool) *compare.Comparison {
	t.Helper()
	var ab, sb, cb bytes.Buffer
	pf, err := compare.NewParquetAnswers(&ab)
	if err != nil {
		t.Fatal(err)
	}
	c := gather(t, pilot(t), compare.Options{All: true, Responses: pf.AddResponse, Unsuppressed: unsuppressed})
	if err := pf.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := compare.WriteParquetSummary(&sb, c); err != nil {
		t.Fatal(err)
	}
	if _, err := compare.WriteParquetCodebook(&cb, c, []string{compare.FileResponses, compare.FileSummary}, i18n.Embedded().For("en")); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{compare.ParquetAnswers: ab.Bytes(), compare.ParquetSummary: sb.Bytes(), compare.ParquetCodebook: cb.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// The files keep the CSVs' columns in order, typed, and their rows.
func TestParquetColumnsAndRows(t *testing.T) {
	dir := t.TempDir()
	c := writeParquet(t, dir, false)
	for _, f := range []struct {
		name string
		cols []compare.CSVColumn
	}{{compare.ParquetAnswers, compare.ResponsesColumns()}, {compare.ParquetSummary, compare.SummaryColumns()}} {
		file, err := os.Open(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := file.Stat()
		pf, err := parquet.OpenFile(file, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		fields := pf.Schema().Fields()
		if len(fields) != len(f.cols) {
			t.Fatalf("%s: %d columns, want %d", f.name, len(fields), len(f.cols))
		}
		for i, fl := range fields {
			if fl.Name() != f.cols[i].Name || !fl.Optional() {
				t.Errorf("%s column %d is %s (optional %v), want %s", f.name, i, fl.Name(), fl.Optional(), f.cols[i].Name)
			}
		}
		file.Close()
	}
	var rows int
	for _, s := range c.Sites {
		for _, a := range s.Assessments {
			rows += 3 * len(a.Issues)
		}
	}
	if got := parquetRows(t, filepath.Join(dir, compare.ParquetSummary)); got != rows {
		t.Errorf("summary.parquet has %d rows, want %d", got, rows)
	}
}

func parquetRows(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return int(pf.NumRows())
}

// duckdbModules is where @duckdb/node-api is installed: $ENGAGE_DUCKDB_MODULES,
// else the cache scripts/bench-peers and .ci/run install it in.
func duckdbModules() string {
	if d := os.Getenv("ENGAGE_DUCKDB_MODULES"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "engage-bench-peers", "duckdb-1.5.6-r.1", "node_modules")
}

// DuckDB reads the files and, from the answers alone, works out every
// group's key-issue mean and number of statements as engage's summary has
// them: the mean of the statement means over statements that 3 or more
// scored. It runs where node and @duckdb/node-api are installed (.ci/run
// installs them) and says why it skipped otherwise.
func TestParquetInDuckDBReproducesTheSummary(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	mods := duckdbModules()
	if _, err := os.Stat(filepath.Join(mods, "@duckdb", "node-api")); err != nil {
		t.Skipf("@duckdb/node-api is not in %s (npm install --prefix %s @duckdb/node-api@1.5.6-r.1, as .ci/run does)", mods, filepath.Dir(mods))
	}
	dir := t.TempDir()
	writeParquet(t, dir, true)
	script := `
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const r = await con.runAndReadAll(process.argv[1]);
  console.log(JSON.stringify(r.getRowObjectsJson()));
})().catch((e) => { console.error(e.message); process.exit(1); });`
	cmd := exec.Command(node, "-e", script, compare.DuckDBSummaryCheck)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_PATH="+mods)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("duckdb: %v\n%s", err, out)
	}
	var res []struct {
		Rows   string `json:"rows"`
		Differ string `json:"differ"`
	}
	if err := json.Unmarshal(out, &res); err != nil || len(res) != 1 {
		t.Fatalf("duckdb printed %s (%v)", out, err)
	}
	rows, _ := strconv.Atoi(res[0].Rows)
	if rows < 60 || res[0].Differ != "0" {
		t.Fatalf("DuckDB compared %s summary rows and %s differ from engage's", res[0].Rows, res[0].Differ)
	}
}
