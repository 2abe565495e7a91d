package cli

import (
	"bytes"
	"path/filepath"
	"testing"
)

// countingWriter counts the writes made to it.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.Buffer.Write(p)
}

// TestListingsAreBuffered runs every command that lists rows and checks
// that each writes its output in one write (every output here is under
// the buffer's 32 KiB), not a write per line or per cell.
func TestListingsAreBuffered(t *testing.T) {
	db := filepath.Join(t.TempDir(), "engage.db")
	env := func(string) string { return "" }
	run := func(args ...string) *countingWriter {
		t.Helper()
		var out countingWriter
		var stderr bytes.Buffer
		if code := Run(IO{Out: &out, Err: &stderr, Getenv: env}, append([]string{"--db", db}, args...)); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		if out.Len() == 0 {
			t.Fatalf("%v wrote nothing", args)
		}
		return &out
	}
	cases := [][]string{
		{"demo"},
		{"demo"}, // again: it backs the store up first, so backup list has a row
		{"sites"},
		{"sites", "--json"},
		{"questionnaire", "list"},
		{"questionnaire", "show", "community-engagement"},
		{"backup", "list"},
		{"compare", "--all", "--csv", filepath.Join(t.TempDir(), "r.csv")},
	}
	for _, args := range cases {
		if out := run(args...); out.writes != 1 {
			t.Errorf("%v: %d writes for %d bytes, want 1", args, out.writes, out.Len())
		}
	}
}
