package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// emptySite makes a store with one site that has nothing recorded yet.
func emptySite(t *testing.T) (dbPath, siteID string) {
	t.Helper()
	dbPath = filepath.Join(t.TempDir(), "engage.db")
	st, err := store.Open(dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	err = workbook.NewService(st, workbook.Options{}).Change(func(c *workbook.Change) error {
		s, _, err := c.CreateSite(workbook.SiteInput{Name: "Empty site", Organisation: "Nowhere Council"}, q)
		siteID = s.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dbPath, siteID
}

func TestReportNoResponses(t *testing.T) {
	db, _ := emptySite(t)
	out := filepath.Join(t.TempDir(), "empty.pdf")
	var stdout, stderr bytes.Buffer
	code := Run(IO{Out: &stdout, Err: &stderr, Getenv: func(string) string { return "" }},
		[]string{"--db", db, "report", "empty-site", "-o", out})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "Report written to "+out) {
		t.Errorf("stdout = %q", stdout.String())
	}
	for _, want := range []string{"note: the report says what is missing:", "no responses", "no partnerships mapped", "no partnership selected"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q does not say %q", stderr.String(), want)
		}
	}
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		t.Fatalf("no report written: %v", err)
	}
}

func TestReportMissingStore(t *testing.T) {
	var stdout, stderr bytes.Buffer
	dir := t.TempDir()
	code := Run(IO{Out: &stdout, Err: &stderr, Getenv: func(string) string { return "" }},
		[]string{"--db", filepath.Join(dir, "none.db"), "report", "x", "-o", filepath.Join(dir, "x.pdf")})
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("a failed report left %d files behind", len(entries))
	}
}

func TestTUIReportHook(t *testing.T) {
	db, siteID := emptySite(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The folder engage was started from cannot be written to: the
	// report goes beside the store.
	wd := t.TempDir()
	t.Chdir(wd)
	if err := os.Chmod(wd, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(wd, 0o700)
	hook := (&globals{}).tuiHooks(workbook.NewService(st, workbook.Options{}), st).Report
	res, err := hook(siteID, "")
	if err != nil {
		t.Fatal(err)
	}
	path, pages := res.Path, res.Pages
	if !filepath.IsAbs(path) || pages < 1 {
		t.Errorf("hook returned %q, %d pages", path, pages)
	}
	want := filepath.Join(wd, "empty-site-report.pdf")
	if probe, err := os.Create(filepath.Join(wd, "probe")); err == nil {
		probe.Close() // running as root: the folder is writable after all
	} else {
		want = filepath.Join(filepath.Dir(db), "empty-site-report.pdf")
	}
	if path != want {
		t.Errorf("report written to %s, want %s", path, want)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
	if _, err := hook("no-such-site", ""); err == nil {
		t.Error("the hook should fail for an unknown site")
	}
}
