package cli_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/cli"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// runEngage runs engage in this process and fails the test unless it
// succeeds.
func runEngage(t *testing.T, args ...string) {
	t.Helper()
	var stderr bytes.Buffer
	io := cli.IO{Out: io.Discard, Err: &stderr, Getenv: func(string) string { return "" }}
	if code := cli.Run(io, args); code != 0 {
		t.Fatalf("engage %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
	}
}

// tempLeftovers lists the temporary files (.NAME.N.tmp) in dir.
func tempLeftovers(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") && strings.HasSuffix(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

// The kill test for restore: `engage backup restore` (run as a child, the
// command a user runs) is killed with SIGKILL at random, seeded moments
// while it checks the backup, backs up the store and copies the backup in.
// Each time, the next open of the store must find it whole (the old one or
// the restored one, never a mix), and leave no temporary copy beside it or
// in its backups folder: a killed restore left hidden full copies of the
// store, names and all, that nothing removed.
func TestKillWhileRestoring(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs SIGKILL and re-running the test binary")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	rounds := 40
	if testing.Short() || raceEnabled {
		rounds = 10 // under the race detector most of a restore is start-up
	}
	dir := t.TempDir()
	backup := filepath.Join(dir, "big.db") // 30 sites, some MB: a copy takes a while
	runEngage(t, "--db", backup, "demo", "--sites", "30")
	small := filepath.Join(dir, "small.db")
	runEngage(t, "--db", small, "demo")
	db := filepath.Join(dir, "engage.db")
	reset := func() {
		data, err := os.ReadFile(small)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	reset()
	// How long an unhindered restore takes: the kills fall within it.
	start := time.Now()
	cmd := exec.Command(exe, "--db", db, "backup", "restore", backup)
	cmd.Env = append(os.Environ(), hostileChild+"=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("restore: %v: %s", err, out)
	}
	span := time.Since(start)
	reset()

	rng := rand.New(rand.NewPCG(2026, 12))
	left, restored := 0, 0
	for round := range rounds {
		cmd := exec.Command(exe, "--db", db, "backup", "restore", backup)
		cmd.Env = append(os.Environ(), hostileChild+"=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(span))))
		cmd.Process.Kill()
		cmd.Wait()
		if len(tempLeftovers(t, dir))+len(tempLeftovers(t, store.BackupDir(db))) > 0 {
			left++
		}
		var said []string
		st, err := store.Open(db, store.Options{Notify: func(s string) { said = append(said, s) }})
		if err != nil {
			t.Fatalf("round %d: the store does not open after the kill: %v", round, err)
		}
		if err := st.Check(); err != nil {
			t.Fatalf("round %d: consistency check after the kill: %v", round, err)
		}
		var n int
		err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
			sites, err := r.Sites()
			n = len(sites)
			return err
		})
		st.Close()
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		switch n {
		case 30:
			restored++
			reset()
		case 5:
		default:
			t.Fatalf("round %d: the store has %d sites; want the 5 it had or the 30 restored", round, n)
		}
		if l := append(tempLeftovers(t, dir), tempLeftovers(t, store.BackupDir(db))...); len(l) > 0 {
			t.Fatalf("round %d: opening the store left %v (it said %q)", round, l, said)
		}
	}
	t.Logf("%d kills within %v: %d left temporary copies that the next open removed, %d after the restore was done", rounds, span.Round(time.Millisecond), left, restored)
	if left == 0 && !testing.Short() && !raceEnabled {
		t.Errorf("no kill landed while a temporary copy was being written; the test tested nothing")
	}
}
