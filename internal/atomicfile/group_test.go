package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A group puts every file in place or none: when one cannot be written,
// the others' targets keep their old content and no temporary file is
// left.
func TestGroupWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	if err := os.WriteFile(a, []byte("old a"), 0o644); err != nil {
		t.Fatal(err)
	}
	var g Group
	fa, err := g.Create(a, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	fa.Write([]byte("new a"))
	// The second target is a folder: refused, and the group abandoned.
	if err := os.Mkdir(b, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Create(b, 0o644); err == nil {
		t.Fatal("a folder as a target was accepted")
	}
	g.Abort()
	if got, _ := os.ReadFile(a); string(got) != "old a" {
		t.Fatalf("a is %q after the group was abandoned", got)
	}
	leftovers(t, dir)

	// Both written: both in place, with their modes.
	os.Remove(b)
	var g2 Group
	defer g2.Abort()
	fa, _ = g2.Create(a, 0o644)
	fb, err := g2.Create(b, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	fa.Write([]byte("new a"))
	fb.Write([]byte("new b"))
	if _, err := g2.Create(a, 0o644); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Fatalf("the same file twice: %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "old a" {
		t.Fatalf("a changed before Commit: %q", got)
	}
	if err := g2.Commit(); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{a: "new a", b: "new b"} {
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("%s is %q, want %q", path, got, want)
		}
	}
	if fi, _ := os.Stat(b); fi.Mode().Perm() != 0o600 {
		t.Errorf("b's mode %v", fi.Mode().Perm())
	}
	leftovers(t, dir)
}

func leftovers(t *testing.T, dir string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s", e.Name())
		}
	}
}
