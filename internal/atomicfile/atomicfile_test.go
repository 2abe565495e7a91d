package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/atomicfile"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(path, 0o600, func(w io.Writer) error {
		_, err := io.WriteString(w, "new")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "new" {
		t.Fatalf("file holds %q", got)
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", info.Mode().Perm())
		}
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v", names)
	}
}

func TestFailedWriteLeavesTheOldFileAndNothingElse(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("the store could not be read")
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old" {
		t.Fatalf("file holds %q after a failed write", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("a failed write left %v", names)
	}
}

func TestFinishAllThenRename(t *testing.T) {
	dir := t.TempDir()
	var files []*atomicfile.File
	for _, name := range []string{"a.pdf", "a.csv"} {
		f, err := atomicfile.Create(filepath.Join(dir, name), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Abort()
		io.WriteString(f, name)
		files = append(files, f)
	}
	for _, f := range files {
		if err := f.Finish(0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a.pdf")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a finished file is in place before Rename")
	}
	for _, f := range files {
		if err := f.Rename(); err != nil {
			t.Fatal(err)
		}
	}
	if names := entries(t, dir); strings.Join(names, " ") != "a.csv a.pdf" {
		t.Errorf("folder holds %v", names)
	}
}

func TestCreateInAMissingFolderOrOverAFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := atomicfile.Create(filepath.Join(dir, "no such folder", "x.pdf"), 0o644)
	if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "x.pdf") {
		t.Errorf("missing folder: %v", err)
	}
	_, err = atomicfile.Create(dir, 0o644)
	if err == nil || !strings.Contains(err.Error(), "it is a folder") {
		t.Errorf("over a folder: %v", err)
	}
}
