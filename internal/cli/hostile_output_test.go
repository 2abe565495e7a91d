package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Hostile output (issue 10, classes 3 and 4): texts from data that would
// drive a terminal (an OSC that sets the window title or writes the
// clipboard, a screen clear, a right-to-left override) or a spreadsheet
// (a name that is a formula). Whatever engage prints shows them as text
// only; the harness fails a case when any control character or bidi
// override reaches standard output or error.

// Names as a damaged store or an older engage may hold them: the record
// rules refuse the controls, so they are written past them.
const (
	escName     = "Eastbrook\x1b]0;pwned\x07 \x1b[2J\u202eotolip"
	formulaName = `=HYPERLINK("http://x","y")`
)

// hostileStore writes dir/engage.db: two demo sites, named escName and
// formulaName, and a third site whose questionnaire's version holds bidi
// overrides (testdata/hostile/output/version-bidi.yaml; the parser refuses
// controls in a version, not these).
func hostileStore(t *testing.T, dir string) {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "engage.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	hq, err := questionnaire.Parse("version-bidi.yaml", hostileFile(t, "output/version-bidi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	err = svc.Change(func(c *workbook.Change) error {
		if _, err := demo.Build(c, q, demo.Options{Sites: 2, Participants: 12}); err != nil {
			return err
		}
		_, _, err := c.CreateSite(workbook.SiteInput{Name: "Versions", Organisation: "Council"}, hq)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	renameSite(t, st, demo.SiteID(1), escName)
	renameSite(t, st, demo.SiteID(2), formulaName)
}

// renameSite rewrites a site's name in the store, past the record rules.
func renameSite(t *testing.T, st *store.Store, id, name string) {
	t.Helper()
	err := st.Update(func(tx workbook.Tx) error {
		var rec map[string]any
		if err := json.Unmarshal(tx.Get(workbook.BucketSites, id), &rec); err != nil {
			return err
		}
		rec["name"] = name
		data, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		if err := tx.Put(workbook.BucketSites, id, data); err != nil {
			return err
		}
		// Written past the domain, so its kept figures are counted again.
		return workbook.KeepAll(workbook.NewService(nil, workbook.Options{}), tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copyHostile copies testdata/hostile/output/name into dir.
func copyHostile(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), hostileFile(t, "output/"+name), 0o600); err != nil {
		t.Fatal(err)
	}
}

// withFiles is a setup that copies testdata/hostile/output files into the
// work folder, after a hostile store when store is set.
func withFiles(store bool, names ...string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		if store {
			hostileStore(t, dir)
		}
		for _, n := range names {
			copyHostile(t, dir, n)
		}
	}
}

// readCSVFile reads a CSV file back as a researcher's program would, one
// map per row.
func readCSVFile(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var rows []map[string]string
	for _, rec := range all[1:] {
		m := map[string]string{}
		for i, h := range all[0] {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
	return rows
}

func TestHostileOutput(t *testing.T) {
	runHostile(t, []hostileCase{
		{
			name: "sites: an OSC, a screen clear and a bidi override in a name", setup: hostileStore,
			args: []string{"sites"}, exit: 0, stdout: `eastbrook-pilot\s+Eastbrook otolip\s+Eastbrook City Council`,
		},
		{
			name: "sites --json keeps the name whole, escaped", setup: hostileStore,
			args: []string{"sites", "--json"}, exit: 0, stdout: `"Eastbrook\\u001b\]0;pwned\\u0007 \\u001b\[2J\\u202eotolip"`,
			check: func(t *testing.T, dir, stdout, stderr string) {
				var sites []struct{ Name string }
				if err := json.Unmarshal([]byte(stdout), &sites); err != nil {
					t.Fatal(err)
				}
				if !slices.ContainsFunc(sites, func(s struct{ Name string }) bool { return s.Name == escName }) {
					t.Errorf("no site named %q in %+v", escName, sites)
				}
			},
		},
		{
			name: "questionnaire list: bidi overrides in a pinned questionnaire's version", setup: hostileStore,
			args: []string{"questionnaire", "list"}, exit: 0, stdout: `\nhostile\s+1\.0-beta\s+[0-9a-f]{12}\s+2\s+en\s+in store\s+Hostile\n`,
		},
		{
			name: "questionnaire show: bidi overrides in the version", setup: hostileStore,
			args: []string{"questionnaire", "show", "hostile"}, exit: 0, stdout: `^Hostile\nhostile 1\.0-beta \(hash [0-9a-f]{12}\)\n`,
		},
		{
			name: "questionnaire list --questionnaire: bidi overrides in the file's version", setup: withFiles(false, "version-bidi.yaml"),
			args: []string{"--questionnaire", "$WORK/version-bidi.yaml", "questionnaire", "list"}, exit: 0,
			stdout: `\nhostile\s+1\.0-beta\s+[0-9a-f]{12}\s+2\s+en\s+\S*version-bidi\.yaml\s+Hostile\n`,
		},
		{
			name: "questionnaire validate: an OSC 52 clipboard write in a statement", setup: withFiles(false, "statement-escape.yaml"),
			args: []string{"questionnaire", "validate", "$WORK/statement-escape.yaml"}, exit: 1,
			stderr: `statement-escape\.yaml:17:15: statement "s1" text: the English \(en\) text contains a control character \(only text, new lines and tabs are allowed\)$`,
		},
		{
			name: "questionnaire show --questionnaire: a bidi override in a title (Trojan Source)", setup: withFiles(false, "title-bidi.yaml"),
			args: []string{"--questionnaire", "$WORK/title-bidi.yaml", "questionnaire", "show", "hostile"}, exit: 0,
			stdout: `\nKey issue 1: One owt  \[k1\]\n`,
		},
		{
			name: "questionnaire validate: raw escapes on a line the parser refuses", setup: withFiles(false, "syntax-escape.yaml"),
			args: []string{"questionnaire", "validate", "$WORK/syntax-escape.yaml"}, exit: 1,
			stderr: `syntax-escape\.yaml:7:\d+: syntax error`,
		},
		{
			name: "--questionnaire: the refused file's problems are quoted", setup: withFiles(false, "statement-escape.yaml"),
			args: []string{"--questionnaire", "$WORK/statement-escape.yaml", "questionnaire", "list"}, exit: 1,
			stderr: `^engage: \S*statement-escape\.yaml is not a valid questionnaire:$`,
		},
		{
			name:  "import: a refusal quotes a questionnaire id holding OSC 52, a title and a bidi override",
			setup: withFiles(true, "questionnaire-id-escapes.engage"),
			args:  []string{"import", "$WORK/questionnaire-id-escapes.engage"}, exit: 1,
			stderr: `questionnaire-id-escapes\.engage: what it holds does not check out:$`,
			check: func(t *testing.T, dir, stdout, stderr string) {
				if !strings.Contains(stderr, "\n  questionnaire 1 (community-engagement): it says \"community-engagement") {
					t.Errorf("the refusal does not name the questionnaire:\n%s", stderr)
				}
			},
		},
		{
			name: "import: a site named with a bidi override", setup: withFiles(true, "site-name-bidi.engage"),
			args: []string{"import", "$WORK/site-name-bidi.engage"}, exit: 0, storeMayChange: true,
			stdout: `site-name-bidi\.engage: created site synthetic-site-6 \(Valle elos led\): `,
		},
		{
			name: "export: a site whose name holds escapes is refused", setup: hostileStore,
			args: []string{"export", "demo-01", "-o", "$WORK/x.engage"}, exit: 1,
			stderr: `^engage: site eastbrook-pilot: the store holds records that a bundle cannot carry:$`,
		},
		{
			name: "report on the site whose name holds escapes", setup: hostileStore,
			args: []string{"report", "demo-01", "-o", "$WORK/r.pdf"}, exit: 0, stdout: `^Report written to \S+r\.pdf \(\d+ pages\)\.\n`,
		},
		{
			name: "report: a site reference holding escapes", setup: hostileStore,
			args: []string{"report", "x\x1b]0;pwned\x07\u202e"}, exit: 1, stderr: `^engage: no site "x\\x1b\]0;pwned\\a\\u202e" in the store$`,
		},
		{
			name: "compare --csv: names printed safely, the formula neutralised in both files", setup: hostileStore,
			args: []string{"compare", "--all", "--csv", "$WORK/c.csv"}, exit: 0,
			stdout: `\n    Eastbrook otolip: senior\+middle`,
			check: func(t *testing.T, dir, stdout, stderr string) {
				negative := 0
				for _, file := range []string{"c.csv", "c-summary.csv"} {
					rows := readCSVFile(t, filepath.Join(dir, file))
					names := map[string]string{}
					for _, r := range rows {
						names[r["site"]] = r["site_name"]
						if g, ok := r["gap"]; ok && g != "" {
							v, err := strconv.ParseFloat(g, 64)
							if err != nil {
								t.Errorf("%s: gap %q is not a number", file, g)
							}
							if v < 0 {
								negative++
							}
						}
					}
					if got := names["westmoor-county"]; got != "'"+formulaName {
						t.Errorf("%s: site_name %q, want %q", file, got, "'"+formulaName)
					}
					if got := names["eastbrook-pilot"]; got != escName {
						t.Errorf("%s: site_name %q, want the name whole, %q", file, got, escName)
					}
				}
				if negative == 0 {
					t.Error("no negative gap in the summary: the case does not show they stay numbers")
				}
			},
		},
	})
}
