package cli_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/cli"
	"github.com/engage-toolkit/engage/internal/store"
)

// TestTUIStoreInUseInTheUsersLanguage: the interactive workbook on a store
// another engage holds says so, and what to do, in the user's language.
func TestTUIStoreInUseInTheUsersLanguage(t *testing.T) {
	for _, tt := range []struct{ lang, says, hint string }{
		{"en_GB.UTF-8", "is in use by another engage process", "hint: close the other engage first (it may be in another terminal window)"},
		{"it_IT.UTF-8", "è in uso da un altro processo engage", "chiudete prima l'altro engage"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "engage.db")
			held, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer held.Close()
			env := map[string]string{"LANG": tt.lang, "ENGAGE_DB": path}
			var stdout, stderr bytes.Buffer
			sys := cli.IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr, Getenv: func(k string) string { return env[k] },
				IsTerminal: func() bool { return true }}
			if code := cli.Run(sys, nil); code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", code, stderr.String())
			}
			if got := stderr.String(); !strings.Contains(got, tt.says) || !strings.Contains(got, tt.hint) || !strings.Contains(got, path) {
				t.Errorf("stderr:\n%s\nwant %q and %q and the path", got, tt.says, tt.hint)
			}
		})
	}
}
