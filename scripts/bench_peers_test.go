// Tests of scripts/bench-peers: the table it prints from a results file
// (always), its refusal of bad settings (always), and a whole quick run
// (only with ENGAGE_BENCH_PEERS=1: it builds a demo store, runs the peers
// and a Go benchmark, and takes 30-60 s).
package scripts_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// benchPeers returns a command running the script with env added to the
// test's environment, or skips the test where there is no bash.
func benchPeers(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bench-peers is a bash script and there is no bash on PATH")
	}
	cmd := exec.Command(bash, append([]string{"bench-peers"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// results is a results file as the script writes it: the run's
// description, then sites, key, engage, peer, ratio and note, tab-separated.
const results = "# engage bench-peers, a test\n" +
	"100\tcompare\t2000000\t4000000\t0.5000\t\n" +
	"300\tcompare\t6000000\t3000000\t2.0000\t\n" +
	"100\tsummary\t1500000\t\t\tskipped: no node on PATH\n" +
	"100\tsites\t9500\t4000\t2.3750\t\n" +
	"100\tbytes\t59000000\t1000000\t59.0000\t\n" +
	"300\tbytes\t190000000\t3000000\t63.3333\t\n" +
	"-\timport\t1650000\t800000\t2.0625\t100 bundles of 40 participants\n" +
	"-\tsave\t400\t200\t2.31\tp50s\n"

func TestTable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "results.tsv")
	if err := os.WriteFile(file, []byte(results), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := benchPeers(t, nil, "--table", file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bench-peers --table: %v\n%s", err, stderr.String())
	}
	for _, tc := range []struct{ name, line string }{
		{"the run's description", `^engage bench-peers, a test$`},
		{"a ratio at its target is met", `^compare PDF\+CSV / pandas\s+100\s+2\.00 s\s+4\.00 s\s+0\.50\s+<= 0\.5\s+yes\s*$`},
		{"growth of both sides over the previous size", `^\s+300\s+6\.00 s\s+3\.00 s\s+2\.00\s+<= 0\.5\s+no\s+sites x3\.00: x3\.00 / x0\.75$`},
		{"a skipped peer has no ratio", `^compare --summary / DuckDB\s+100\s+1\.50 s\s+-\s+-\s+<= 1\s+-\s*$`},
		{"its reason is printed", `^\s+compare --summary / DuckDB \(100 sites\): skipped: no node on PATH$`},
		{"milliseconds", `^sites / version\s+100\s+9\.5 ms\s+4\.0 ms\s+2\.38\s+<= 3\s+yes\s*$`},
		{"bytes an answer", `^store bytes / answer\s+100\s+59\.0 MB\s+1000000 answers\s+59 B\s+<= 64\s+yes\s*$`},
		{"bytes an answer grow", `^\s+300\s+190\.0 MB\s+3000000 answers\s+63 B\s+<= 64\s+yes\s+sites x3\.00: x3\.22 / x3\.00$`},
		{"a row independent of size", `^import / tail\|gunzip\s+-\s+1\.65 s\s+800\.0 ms\s+2\.06\s+<= 2\s+no\s*$`},
		{"its note", `^\s+import / tail\|gunzip: 100 bundles of 40 participants$`},
		{"microseconds, just over the target", `^save one answer / fsync\s+-\s+400 us\s+200 us\s+2\.31\s+<= 2\.3\s+no\s*$`},
		{"what each row runs", `^save: go test -bench SaveAnswer`},
	} {
		if !regexp.MustCompile(`(?m)` + tc.line).Match(out) {
			t.Errorf("%s: no line matching %q in\n%s", tc.name, tc.line, out)
		}
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"sites not a number", []string{"SITES=100 lots"}, nil, `SITES: "lots" is not a number of sites`},
		{"no sites", []string{"SITES=0"}, nil, `SITES: "0" is not a number of sites`},
		{"repetitions", []string{"REPS=-1"}, nil, `REPS: "-1" is not a number of runs`},
		{"an unknown argument", nil, []string{"--fast"}, "unknown argument --fast"},
		{"no results file", nil, []string{"--table", "/nonexistent/results.tsv"}, "cannot read /nonexistent/results.tsv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := benchPeers(t, tc.env, tc.args...).CombinedOutput()
			if err == nil {
				t.Fatalf("exit 0, want a refusal; output:\n%s", out)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("output %q does not say %q", out, tc.want)
			}
		})
	}
}

// quickRun runs bench-peers --quick on sites demo sites with env added,
// checks every row of its results file, and returns the rows by key.
func quickRun(t *testing.T, sites int, env ...string) map[string][]string {
	t.Helper()
	if os.Getenv("ENGAGE_BENCH_PEERS") != "1" {
		t.Skip("set ENGAGE_BENCH_PEERS=1 to run scripts/bench-peers --quick (a demo store, pandas, DuckDB from npm, 15-60 s)")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "results.tsv")
	env = append(env, "SITES="+strconv.Itoa(sites), "REPS=1", "WORK="+filepath.Join(dir, "work"))
	out, err := benchPeers(t, env, "--quick", "--results", file).CombinedOutput()
	if err != nil {
		t.Fatalf("bench-peers --quick: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("store bytes / answer")) {
		t.Errorf("no table in the output:\n%s", out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(f) != 6 {
			t.Fatalf("results line %q has %d fields, want 6", line, len(f))
		}
		rows[f[1]] = f
	}
	positive := func(key, what, s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v <= 0 {
			t.Errorf("%s: %s is %q, want a positive number", key, what, s)
		}
		return v
	}
	for _, key := range []string{"compare", "summary", "sites", "report", "export", "bytes", "import", "save"} {
		f, ok := rows[key]
		if !ok {
			t.Errorf("no %s row in\n%s", key, data)
			continue
		}
		wantSites := strconv.Itoa(sites)
		if key == "import" || key == "save" {
			wantSites = "-"
		}
		if f[0] != wantSites {
			t.Errorf("%s: sites %q, want %q", key, f[0], wantSites)
		}
		e := positive(key, "engage", f[2])
		if strings.HasPrefix(f[5], "skipped: ") {
			if f[3] != "" || f[4] != "" {
				t.Errorf("%s: a skipped peer with figures %q, %q", key, f[3], f[4])
			}
			continue
		}
		p := positive(key, "peer", f[3])
		r := positive(key, "ratio", f[4])
		if key != "save" && (r < e/p*0.999 || r > e/p*1.001) {
			t.Errorf("%s: ratio %v, want %v / %v", key, r, e, p)
		}
	}
	// A demo site of 40 participants holds over 1,300 answers; the long
	// CSV has one row each.
	if f := rows["bytes"]; f != nil {
		if n, _ := strconv.Atoi(f[3]); n < sites*1300 {
			t.Errorf("bytes: %s answers counted in %d sites of 40 participants", f[3], sites)
		}
	}
	if f := rows["import"]; f != nil && !strings.HasPrefix(f[5], strconv.Itoa(sites)+" bundles") {
		t.Errorf("import: note %q, want %d bundles", f[5], sites)
	}
	return rows
}

func TestQuickRun(t *testing.T) {
	rows := quickRun(t, 20)
	for _, key := range []string{"compare", "summary"} {
		if f := rows[key]; f != nil && strings.HasPrefix(f[5], "skipped: ") {
			t.Logf("%s: %s", key, f[5])
		}
	}
}

// TestQuickRunWithoutPeers runs the script where neither pandas nor
// DuckDB is to be had: Engage's side is still timed, the answers still
// counted, and each skipped row says why.
func TestQuickRunWithoutPeers(t *testing.T) {
	rows := quickRun(t, 6, "PYTHON="+filepath.Join(t.TempDir(), "no-python"), "NO_DUCKDB=1")
	for key, want := range map[string]string{
		"compare": "skipped: no Python with pandas",
		"summary": "skipped: NO_DUCKDB is set",
	} {
		if f := rows[key]; f != nil && !strings.HasPrefix(f[5], want) {
			t.Errorf("%s: note %q, want %q", key, f[5], want)
		}
	}
}
