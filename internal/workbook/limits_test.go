package workbook_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestLimitsAreDocumented: docs/limits.md has a row for every limit, with
// its number, so the documentation cannot drift from the table.
func TestLimitsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "limits.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The table of counts is the one headed "| what | at most | per |";
	// the page has other tables (a bundle's shape).
	rows, in := 0, false
	for _, line := range strings.Split(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, "| what | at most | per |"):
			in = true
		case in && strings.HasPrefix(line, "| "):
			rows++
		case in && !strings.HasPrefix(line, "|"):
			in = false
		}
	}
	if rows != len(workbook.Limits) {
		t.Errorf("docs/limits.md has %d rows, the table %d limits", rows, len(workbook.Limits))
	}
	for _, l := range workbook.Limits {
		n := strconv.Itoa(l.Max)
		for i := len(n) - 3; i > 0; i -= 3 {
			n = n[:i] + "," + n[i:]
		}
		if row := "| " + l.Noun + " | " + n + " | " + l.Per + " |"; !strings.Contains(string(doc), row) {
			t.Errorf("docs/limits.md has no row %q", row)
		}
	}
}
