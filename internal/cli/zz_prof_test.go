package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZProf(t *testing.T) {
	args := os.Getenv("PROF_ARGS")
	if args == "" {
		t.Skip()
	}
	dir := t.TempDir()
	a := strings.Fields(strings.ReplaceAll(args, "DIR", dir))
	var out, errb bytes.Buffer
	if rc := Run(IO{Out: &out, Err: &errb, In: &bytes.Buffer{}, Getenv: os.Getenv, IsTerminal: func() bool { return false }}, a); rc != 0 {
		t.Fatal(errb.String())
	}
	_ = filepath.Join
}
