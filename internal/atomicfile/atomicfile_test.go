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

// The temporary file is readable by the user only while it is written,
// whatever the final mode: it may hold personal data.
func TestTemporaryFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits mean little on Windows")
	}
	dir := t.TempDir()
	f, err := atomicfile.Create(filepath.Join(dir, "report.pdf"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	names := entries(t, dir)
	if len(names) != 1 || !strings.HasSuffix(names[0], ".tmp") {
		t.Fatalf("folder holds %v", names)
	}
	info, err := os.Stat(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the temporary file has mode %v, want 0600", info.Mode().Perm())
	}
}

func TestCleanLeftovers(t *testing.T) {
	dir := t.TempDir()
	write := func(name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("names of participants"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	killed := write(".engage.db.123456.tmp")
	otherKilled := write(".report.pdf.42.tmp")
	for _, keep := range []string{"engage.db", ".engage.db.tmp", ".engage.db.x1.tmp", "notes.tmp", ".hidden"} {
		write(keep)
	}
	live, err := atomicfile.Create(filepath.Join(dir, "backup.db"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()

	got := atomicfile.CleanLeftovers(dir, "engage.db")
	if len(got) != 1 || got[0].Path != killed || !got[0].Removed || got[0].Size != 21 {
		t.Fatalf("CleanLeftovers(engage.db) = %+v", got)
	}
	got = atomicfile.CleanLeftovers(dir, "")
	if runtime.GOOS == "windows" {
		return // an open file is busy there by other means
	}
	removed, busy := 0, 0
	for _, l := range got {
		switch {
		case l.Removed && l.Path == otherKilled:
			removed++
		case l.Busy && !l.Removed:
			busy++
		default:
			t.Errorf("unexpected %+v", l)
		}
	}
	if removed != 1 || busy != 1 {
		t.Errorf("CleanLeftovers(all) = %+v; want the killed report removed and the live backup busy", got)
	}
	if err := live.Commit(0o600); err != nil {
		t.Fatalf("the write under way failed after the clean: %v", err)
	}
	if names := strings.Join(entries(t, dir), " "); names != ".engage.db.tmp .engage.db.x1.tmp .hidden backup.db engage.db notes.tmp" {
		t.Errorf("folder holds %s", names)
	}
}

// Writing a file clears what an earlier, killed write of the same file
// left, and nothing else.
func TestCreateClearsItsOwnLeftovers(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".x.pdf.1.tmp", ".y.pdf.2.tmp"} {
		os.WriteFile(filepath.Join(dir, name), []byte("old"), 0o600)
	}
	if err := atomicfile.Write(filepath.Join(dir, "x.pdf"), 0o644, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if names := strings.Join(entries(t, dir), " "); names != ".y.pdf.2.tmp x.pdf" {
		t.Errorf("folder holds %s", names)
	}
}

func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "key.txt")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := atomicfile.WriteNew(path, 0o600, write("first")); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", info.Mode().Perm())
		}
	}
	err := atomicfile.WriteNew(path, 0o600, write("second"))
	if !errors.Is(err, os.ErrExist) {
		t.Errorf("writing again: %v", err)
	}
	// A file that appears while the new one is written is kept too.
	other := filepath.Join(dir, "other.txt")
	err = atomicfile.WriteNew(other, 0o600, func(w io.Writer) error {
		if err := os.WriteFile(other, []byte("theirs"), 0o600); err != nil {
			return err
		}
		_, err := io.WriteString(w, "mine")
		return err
	})
	if !errors.Is(err, os.ErrExist) {
		t.Errorf("a file that appeared: %v", err)
	}
	for p, want := range map[string]string{path: "first", other: "theirs"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s holds %q", p, got)
		}
	}
	if names := entries(t, dir); len(names) != 2 {
		t.Errorf("folder holds %v", names)
	}
}
