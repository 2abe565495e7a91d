package report_test

import (
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/report"
)

// TestComparisonMarksDraftSites checks that a site whose current
// assessment is in progress is marked as a draft in the sites compared,
// and a completed one is not.
func TestComparisonMarksDraftSites(t *testing.T) {
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, _, text := cmpPDF(t, svc, compare.Options{All: true}, report.CompareOptions{})
	drafts := 0
	for _, s := range c.Sites {
		if s.Current().Completed == "" {
			drafts++
		}
	}
	if drafts == 0 || drafts == len(c.Sites) {
		t.Fatalf("%d of %d demo sites are in progress: the test needs both kinds", drafts, len(c.Sites))
	}
	section := text[strings.Index(text, "The sites compared"):]
	section = section[:strings.Index(section, "Key issues side by side")]
	if n := strings.Count(section, "DRAFT – in progress\n") + strings.Count(section, "DRAFT – in progress "); n != drafts {
		t.Errorf("%d sites are marked DRAFT, want the %d in progress:\n%s", n, drafts, section)
	}
	mustContain(t, text, "DRAFT – in progress: the site's current assessment is not completed yet")
}
