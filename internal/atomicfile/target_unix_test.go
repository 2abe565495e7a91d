//go:build !windows

package atomicfile_test

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/engage-toolkit/engage/internal/atomicfile"
)

// A target that is not a regular file is refused and left as it is: as
// root, renaming over /dev/null replaced the device with a plain file.
func TestWriteRefusesTargetsThatAreNotFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// A null device of the test's own (mknod needs root), so that the test
	// run without the fix replaces nothing outside its folder.
	null := filepath.Join(dir, "null")
	noDevice := errors.New("only tried on Linux")
	if runtime.GOOS == "linux" {
		noDevice = syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3) // major 1, minor 3
	}
	link := filepath.Join(dir, "null-link")
	if err := os.Symlink(null, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, path, kind string }{
		{"a null device", null, "a device"},
		{"a link to a null device", link, "a device"},
		{"a named pipe", fifo, "a named pipe"},
		{"a socket", sock, "a socket"},
		{"a folder", dir, "a folder"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.kind == "a device" && noDevice != nil {
				t.Skipf("cannot make a device node to write to (%v); that needs root", noDevice)
			}
			before, err := os.Lstat(c.path)
			if err != nil {
				t.Fatal(err)
			}
			err = atomicfile.Write(c.path, 0o600, func(w io.Writer) error {
				_, err := io.WriteString(w, "data")
				return err
			})
			var te *atomicfile.TargetError
			if !errors.As(err, &te) || te.Kind != c.kind {
				t.Fatalf("err = %v, want a TargetError saying %s", err, c.kind)
			}
			after, err := os.Lstat(c.path)
			if err != nil || after.Mode() != before.Mode() || !os.SameFile(before, after) {
				t.Errorf("%s was replaced: %v -> %v (%v)", c.path, before.Mode(), after.Mode(), err)
			}
		})
	}
	if err := atomicfile.CheckTarget(os.DevNull); err == nil {
		t.Errorf("CheckTarget(%s) = nil", os.DevNull)
	}
	if names := entries(t, dir); len(names) != 3 && len(names) != 4 {
		t.Errorf("the refusals left files behind: %v", names)
	}
}
