//go:build linux

package workbook_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// smallDisk mounts a tmpfs of the given size for the test, or skips the
// test saying why the machine does not allow it.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v): the disk-full test needs root or CAP_SYS_ADMIN", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestDiskFullWhileAnswering fills a small disk while answers are saved:
// the save that does not fit fails with a clear error, nothing saved before
// is lost, and once there is room again the same save goes through.
func TestDiskFullWhileAnswering(t *testing.T) {
	disk := smallDisk(t, "640k")
	path := filepath.Join(disk, "engage.db")
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	site, a, people := siteWithPeople(t, svc, q, "Full", 40)

	// Take most of the room with a file the test can delete later.
	filler := filepath.Join(disk, "filler")
	fillDisk(t, filler)

	statements := q.Statements()
	comment := strings.Repeat("a long comment from the room ", 60)
	saved := map[string]int{}
	var full error
	var failed workbook.ResponseInput
	for k := 0; k < len(people)*len(statements) && full == nil; k++ {
		in := workbook.ResponseInput{
			SiteID: site.ID, AssessmentID: a.ID, ParticipantID: people[k/len(statements)].ID,
			StatementID: statements[k%len(statements)].ID, Score: 1 + k%5, Comment: comment,
		}
		err := svc.Change(func(c *workbook.Change) error { _, err := c.RecordResponse(in); return err })
		if err != nil {
			full, failed = err, in
			break
		}
		saved[in.ParticipantID+"/"+in.StatementID] = in.Score
	}
	if full == nil {
		t.Fatal("the disk never filled up")
	}
	var we *store.WriteError
	if !errors.As(full, &we) || !store.DiskFull(full) {
		t.Fatalf("error %v (%T), want a store.WriteError saying the disk is full", full, full)
	}
	if msg := full.Error(); !strings.Contains(msg, "disk holding "+path+" is full") || !strings.HasPrefix(msg, "not saved") {
		t.Errorf("message %q does not say what happened", msg)
	}
	if len(saved) == 0 {
		t.Fatal("nothing was saved before the disk filled; make the filler smaller")
	}
	checkAnswers(t, svc, site, a, saved)

	// Room again: the same answer saves, and everything is still there.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if err := svc.Change(func(c *workbook.Change) error { _, err := c.RecordResponse(failed); return err }); err != nil {
		t.Fatalf("saving again once there is room: %v", err)
	}
	saved[failed.ParticipantID+"/"+failed.StatementID] = failed.Score
	checkAnswers(t, svc, site, a, saved)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	reopened, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("reopen after the disk was full: %v", err)
	}
	defer reopened.Close()
	if err := reopened.Check(); err != nil {
		t.Fatalf("check after the disk was full: %v", err)
	}
	checkAnswers(t, workbook.NewService(reopened, workbook.Options{}), site, a, saved)
	t.Logf("%d answers saved before the disk filled: %v", len(saved), full)
}

// fillDisk writes filler until the disk has about 48 KiB left.
func fillDisk(t *testing.T, filler string) {
	t.Helper()
	var fs syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(filler), &fs); err != nil {
		t.Fatal(err)
	}
	free := int64(fs.Bavail) * int64(fs.Bsize)
	if err := os.WriteFile(filler, make([]byte, free-48<<10), 0o600); err != nil {
		t.Fatal(err)
	}
}

func checkAnswers(t *testing.T, svc *workbook.Service, site workbook.Site, a workbook.Assessment, want map[string]int) {
	t.Helper()
	got := map[string]int{}
	err := svc.Read(func(r *workbook.Reader) error {
		rs, err := r.Responses(site.ID, a.ID)
		for _, x := range rs {
			got[x.ParticipantID+"/"+x.StatementID] = x.Score
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("answer %s: saved %d, the store has %d", k, v, got[k])
		}
	}
	if len(got) != len(want) {
		t.Fatalf("the store has %d answers, %d were saved", len(got), len(want))
	}
}

// TestStoreOnReadOnlyDisk opens a store on a disk mounted read-only (a
// locked USB stick): engage says the store cannot be changed and how to go
// on, and still reads it (for reports and backups).
func TestStoreOnReadOnlyDisk(t *testing.T) {
	disk := smallDisk(t, "4m")
	path := filepath.Join(disk, "engage.db")
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := syscall.Mount("", disk, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	_, err = store.Open(path, store.Options{Timeout: time.Second})
	var ro *store.ReadOnlyError
	if !errors.As(err, &ro) || !strings.Contains(err.Error(), "the store "+path+" cannot be changed") || ro.Hint() == "" {
		t.Fatalf("opening a store on a read-only disk: %v (%T)", err, err)
	}
	rst, err := store.Open(path, store.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("reading it: %v", err)
	}
	if err := rst.Check(); err != nil {
		t.Fatal(err)
	}
	rst.Close()
}
