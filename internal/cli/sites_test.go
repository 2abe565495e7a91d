package cli

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestSitesSortedByLanguage: the sites list is in the order the user's
// language sorts names (case and accents aside), not byte order, which
// puts "Zeta" before "alpha" and "Ébène" after both; and its headings are
// in the user's language.
func TestSitesSortedByLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "engage.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	err = workbook.NewService(st, workbook.Options{}).Change(func(c *workbook.Change) error {
		for _, name := range []string{"Zeta", "Ébène", "alpha", "Echo"} {
			if _, _, err := c.CreateSite(workbook.SiteInput{Name: name, Organisation: "Council"}, q); err != nil {
				return err
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	env := map[string]string{"LANG": "it_IT.UTF-8"}
	code := Run(IO{Out: &out, Err: &errOut, Getenv: func(k string) string { return env[k] }}, []string{"--db", db, "sites"})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n")[1:] {
		names = append(names, regexp.MustCompile(`\s{2,}`).Split(line, -1)[1])
	}
	if got := strings.Join(names, ", "); got != "alpha, Ébène, Echo, Zeta" {
		t.Errorf("sites in the order %s", got)
	}
	if !strings.HasPrefix(out.String(), "SIGLA") {
		t.Errorf("headings not in Italian:\n%s", out.String())
	}
}
