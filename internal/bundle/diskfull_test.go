//go:build linux

package bundle_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestDiskFullDuringImport imports bundles into a store on a small disk
// until one no longer fits: that import fails with a clear error and writes
// nothing of itself, the sites imported before are intact, and the same
// bundle imports once there is room.
func TestDiskFullDuringImport(t *testing.T) {
	disk := t.TempDir()
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, "size=1536k,mode=0700"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the disk-full test needs root or CAP_SYS_ADMIN", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(disk, 0); err != nil {
			t.Errorf("unmount: %v", err)
		}
	})
	b, err := bundle.ReadFile(filepath.Join("testdata", "valle-del-sole.engage"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(disk, "engage.db")
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	filler := filepath.Join(disk, "filler")
	var fs syscall.Statfs_t
	if err := syscall.Statfs(disk, &fs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filler, make([]byte, int64(fs.Bavail)*int64(fs.Bsize)-400<<10), 0o600); err != nil {
		t.Fatal(err)
	}

	// The same bundle under new site ids until the disk is full.
	var imported []string
	var full error
	for i := 0; i < 200 && full == nil; i++ {
		rb := *b
		rb.Records = renamed(b.Records, i)
		if _, err := bundle.Import(svc, &rb, bundle.ImportOptions{}); err != nil {
			full = err
			break
		}
		imported = append(imported, rb.Records.Site.ID)
	}
	if full == nil {
		t.Fatal("the disk never filled up")
	}
	if !store.DiskFull(full) || !strings.Contains(full.Error(), "disk holding "+path+" is full") {
		t.Fatalf("import on a full disk: %v (%T), want the store's disk-full error", full, full)
	}
	var we *store.WriteError
	if !errors.As(full, &we) {
		t.Fatalf("%T is not a store.WriteError", full)
	}
	if len(imported) == 0 {
		t.Fatal("no import fitted before the disk filled; make the filler smaller")
	}
	sites := func() map[string]bool {
		out := map[string]bool{}
		if err := svc.Read(func(r *workbook.Reader) error {
			ss, err := r.Sites()
			for _, s := range ss {
				out[s.ID] = true
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	got := sites()
	if len(got) != len(imported) {
		t.Fatalf("%d sites in the store, %d imported: the failed import left part of itself", len(got), len(imported))
	}
	for _, id := range imported {
		if !got[id] {
			t.Fatalf("site %s imported before the disk filled is gone", id)
		}
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}

	// Room again: the import that failed goes through.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	next := *b
	next.Records = renamed(b.Records, len(imported))
	res, err := bundle.Import(svc, &next, bundle.ImportOptions{})
	if err != nil || !res.Created {
		t.Fatalf("import once there is room: %v %+v", err, res)
	}
	if n := len(sites()); n != len(imported)+1 {
		t.Fatalf("%d sites after the import, want %d", n, len(imported)+1)
	}
	t.Logf("%d sites imported before the disk filled: %v", len(imported), full)
}
