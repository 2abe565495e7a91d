package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every key is a binding of the one KeyMap, so the help drawn from the
// bindings is the behaviour: no screen matches a key by its name or makes
// a binding of its own.
func TestKeysComeFromTheKeyMap(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "keys.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			for _, bad := range []string{"msg.String()", "key.NewBinding", ".SetHelp(", "key.WithKeys"} {
				if strings.Contains(line, bad) {
					t.Errorf("%s:%d: %s: match and describe keys through the KeyMap", f, i+1, bad)
				}
			}
		}
	}
}
