package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// Long work shows its progress on standard error when it is a terminal,
// and never with --quiet or when it is not one (a script's log).
func TestProgressOnATerminalOnly(t *testing.T) {
	for _, c := range []struct {
		name     string
		terminal bool
		args     []string
		want     bool
	}{
		{"terminal", true, nil, true},
		{"quiet", true, []string{"--quiet"}, false},
		{"not a terminal", false, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "engage.db")
			var out, errOut bytes.Buffer
			sys := IO{Out: &out, Err: &errOut, Getenv: func(string) string { return "" }, ErrIsTerminal: func() bool { return c.terminal }}
			args := append([]string{"--db", db, "demo"}, c.args...)
			if code := Run(sys, args); code != 0 {
				t.Fatalf("demo: exit %d: %s", code, errOut.String())
			}
			got := errOut.String()
			if shown := strings.Contains(got, "Building the demonstration sites  5/5  100%"); shown != c.want {
				t.Fatalf("progress shown %v, want %v: stderr %q", shown, c.want, got)
			}
			if c.want && !strings.HasSuffix(got, "\r") {
				t.Errorf("the progress line is not blanked at the end: %q", got)
			}
			if strings.Contains(out.String(), "\r") {
				t.Errorf("progress on standard output: %q", out.String())
			}
			// compare and import, the other long work, on the same store.
			errOut.Reset()
			if code := Run(sys, append([]string{"--db", db, "compare", "--all", "-o", filepath.Join(t.TempDir(), "c.pdf")}, c.args...)); code != 0 {
				t.Fatalf("compare: exit %d: %s", code, errOut.String())
			}
			if shown := strings.Contains(errOut.String(), "Comparing sites  5/5  100%"); shown != c.want {
				t.Fatalf("compare's progress shown %v, want %v: %q", shown, c.want, errOut.String())
			}
		})
	}
}
