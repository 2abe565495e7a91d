package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestTUICompareHookWritesTheCLIsFiles checks that the interactive
// workbook's comparison writes the files `engage compare -o
// comparison.pdf --csv comparison.csv` writes, the actions CSV (without
// the owners' names) among them, with the same content.
func TestTUICompareHookWritesTheCLIsFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "engage.db")
	env := IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	if code := Run(env, []string{"--db", db, "demo"}); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, env.Err)
	}
	cliDir := t.TempDir()
	if code := Run(env, []string{"--db", db, "compare", "--all", "-q",
		"-o", filepath.Join(cliDir, "comparison.pdf"), "--csv", filepath.Join(cliDir, "comparison.csv")}); code != 0 {
		t.Fatalf("compare: exit %d: %s", code, env.Err)
	}

	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	var ids []string
	if err := svc.Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		for _, s := range sites {
			ids = append(ids, s.ID)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	tuiDir := t.TempDir()
	t.Chdir(tuiDir)
	res, err := (&globals{}).tuiHooks(svc, st).Compare(ids, func(int, int) {})
	if err != nil {
		t.Fatal(err)
	}

	wantActions := filepath.Join(tuiDir, "comparison-actions.csv")
	if res.Actions != wantActions || res.ActionRows == 0 {
		t.Errorf("the hook wrote the actions to %q (%d rows), want %q", res.Actions, res.ActionRows, wantActions)
	}
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	if got, want := names(tuiDir), names(cliDir); !slices.Equal(got, want) {
		t.Errorf("the interactive workbook wrote %q, the command line %q", got, want)
	}
	for _, name := range []string{"comparison-actions.csv", "comparison-summary.csv", "comparison.csv"} {
		tuiFile, err1 := os.ReadFile(filepath.Join(tuiDir, name))
		cliFile, err2 := os.ReadFile(filepath.Join(cliDir, name))
		if err1 != nil || err2 != nil || !bytes.Equal(tuiFile, cliFile) {
			t.Errorf("%s differs between the interactive workbook and the command line (%v, %v)", name, err1, err2)
		}
	}
	actions, err := os.ReadFile(wantActions)
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := bytes.Cut(actions, []byte("\r\n"))
	if want := strings.Join(compare.ActionsHeader, ","); string(header) != want {
		t.Errorf("actions CSV header %q, want %q (no owners)", header, want)
	}
}
