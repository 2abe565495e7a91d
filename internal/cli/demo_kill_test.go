package cli_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The demo kill test, modelled on the one for answers
// (internal/workbook/kill_test.go): engage demo runs in a child process
// over a store that already holds a user's site and an earlier, smaller
// demo, and is killed with SIGKILL at random, seeded moments. Opened as
// engage opens it after a crash, the store must then hold exactly the old
// state or exactly the whole new study: never part of one.

// The old demo and the new one. The new one has many small sites, so that
// a kill lands between two of them more often than not.
var (
	demoKillOld = []string{"demo", "--sites", "6"}
	demoKillNew = []string{"demo", "--sites", "30", "--participants", "4"}
	// demoKillSmall is the new demo under the race detector and -short.
	demoKillSmall = []string{"demo", "--sites", "10", "--participants", "2"}
)

// demoState is what a store holds, as the kill test compares it.
type demoState struct {
	// sum covers every record in every bucket, keys and values.
	sum [32]byte
	// sites describes each site: "demo-07: 1 assessments, 4 participants,
	// 212 answers".
	sites map[string]string
}

func TestKillDuringDemo(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs SIGKILL and re-running the test binary")
	}
	kills, newDemo := 30, demoKillNew
	if raceEnabled || testing.Short() {
		// The race detector makes the child several times slower.
		kills, newDemo = 8, demoKillSmall
	}
	dir := t.TempDir()
	old := filepath.Join(dir, "old", "engage.db")
	seedUserSite(t, old)
	if _, err := runEngageChild(t, old, demoKillOld...); err != nil {
		t.Fatal(err)
	}
	oldState := readDemoState(t, old)

	// The whole new study, run to the end on a copy: what a kill after the
	// swap must leave, and how long a run takes (the shorter of two, the
	// first start of a child being the slower).
	var newState demoState
	var took time.Duration
	for i := range 2 {
		ref := filepath.Join(dir, fmt.Sprintf("ref-%d", i), "engage.db")
		copyStore(t, old, ref)
		d, err := runEngageChild(t, ref, newDemo...)
		if err != nil {
			t.Fatal(err)
		}
		got := readDemoState(t, ref)
		if i > 0 && got.sum != newState.sum {
			t.Fatalf("two whole runs of the demo differ:\n%s", diffStates(got, oldState, newState))
		}
		if i == 0 || d < took {
			took = d
		}
		newState = got
	}
	if oldState.sum == newState.sum {
		t.Fatal("the old and the new demo are the same; the test would prove nothing")
	}

	rng := rand.New(rand.NewPCG(2026, 12))
	var before, after, partial, leftovers int
	var first string
	for round := range kills {
		path := filepath.Join(dir, fmt.Sprintf("round-%02d", round), "engage.db")
		copyStore(t, old, path)
		// Anywhere from the start to half as long again as a whole run.
		delay := time.Duration(rng.Int64N(int64(took) * 3 / 2))
		finished := killEngageAfter(t, path, delay, newDemo...)
		if staged(t, path) != nil {
			leftovers++
		}
		got := readDemoState(t, path)
		if left := staged(t, path); left != nil {
			t.Fatalf("round %d: opening the store after the kill left the staged copy %v", round, left)
		}
		switch {
		case got.sum == oldState.sum && !finished:
			before++
		case got.sum == newState.sum:
			after++
		default:
			if partial++; first == "" {
				first = fmt.Sprintf("round %d, killed after %v (a whole run takes %v): %s",
					round, delay.Round(time.Millisecond), took.Round(time.Millisecond), diffStates(got, oldState, newState))
			}
		}
	}
	if partial > 0 {
		t.Fatalf("%d of %d kills left neither the old state nor the whole new demo; the first:\n%s", partial, kills, first)
	}
	// Most kills must land while the demo is writing, or nothing was tested.
	if before < kills/4 {
		t.Errorf("only %d of %d kills came before the demo had finished", before, kills)
	}
	t.Logf("%d kills (a whole run takes %v): %d left the old state, %d the whole new demo", kills, took.Round(time.Millisecond), before, after)

	if leftovers == 0 {
		t.Error("no kill left a staged copy behind, so none was seen removed")
	}
	t.Logf("%d kills left a staged copy; the next open removed each", leftovers)

	// A whole run after a kill.
	last := filepath.Join(dir, fmt.Sprintf("round-%02d", kills-1), "engage.db")
	if _, err := runEngageChild(t, last, newDemo...); err != nil {
		t.Fatal(err)
	}
	if got := readDemoState(t, last); got.sum != newState.sum {
		t.Errorf("a whole run after a kill:\n%s", diffStates(got, oldState, newState))
	}
}

// staged lists the staged copies (or any temporary file) beside the store
// at path.
func staged(t *testing.T, path string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// seedUserSite makes a store at path with a site of the user's own: a
// participant and an answer, which every demo must leave alone.
func seedUserSite(t *testing.T, path string) {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = workbook.NewService(st, workbook.Options{}).Change(func(c *workbook.Change) error {
		s, a, err := c.CreateSite(workbook.SiteInput{Name: "Our own site", Organisation: "Our Council"}, q)
		if err != nil {
			return err
		}
		p, err := c.SaveParticipant(workbook.Participant{SiteID: s.ID, AssessmentID: a.ID, Group: workbook.Insider, Role: workbook.RoleSenior})
		if err != nil {
			return err
		}
		_, err = c.RecordResponse(workbook.ResponseInput{SiteID: s.ID, AssessmentID: a.ID, ParticipantID: p.ID, StatementID: q.Statements()[0].ID, Score: 4})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// engageCmd is engage run in a child process (see TestMain) on the store
// at db.
func engageCmd(t *testing.T, db string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	home := filepath.Dir(db)
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), hostileChild+"=1", "ENGAGE_DB="+db, "NO_COLOR=1", "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"))
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	return cmd, &stderr
}

// runEngageChild runs engage in a child process to the end and returns how long it took.
func runEngageChild(t *testing.T, db string, args ...string) (time.Duration, error) {
	t.Helper()
	cmd, stderr := engageCmd(t, db, args...)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("engage %s: %v: %s", strings.Join(args, " "), err, stderr)
	}
	return time.Since(start), nil
}

// killEngageAfter starts engage and kills it with SIGKILL after delay. It
// reports whether engage had finished (successfully) by then.
func killEngageAfter(t *testing.T, db string, delay time.Duration, args ...string) (finished bool) {
	t.Helper()
	cmd, stderr := engageCmd(t, db, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("engage %s failed before it was killed: %v: %s", strings.Join(args, " "), err, stderr)
		}
		return true
	case <-time.After(delay):
	}
	if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	err := <-done
	if err == nil {
		return true // it ended just before the signal
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != -1 {
		t.Fatalf("engage %s ended with %v, not by the kill: %s", strings.Join(args, " "), err, stderr)
	}
	return false
}

// readDemoState opens the store as engage would after a crash, runs the
// full consistency check, and reads what it holds.
func readDemoState(t *testing.T, path string) demoState {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("the store does not open after the kill: %v", err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatalf("consistency check after the kill: %v", err)
	}
	h := sha256.New()
	buckets := append([]workbook.Bucket{workbook.BucketSites, workbook.BucketQuestionnaires, workbook.BucketState}, workbook.SiteBuckets...)
	err = st.View(func(tx workbook.Tx) error {
		for _, b := range buckets {
			err := tx.ForEach(b, "", func(k string, v []byte) error {
				fmt.Fprintf(h, "%s\x00%s\x00%d\x00", b, k, len(v))
				h.Write(v)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := demoState{sites: map[string]string{}}
	copy(s.sum[:], h.Sum(nil))
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		if err != nil {
			return err
		}
		for _, site := range sites {
			as, err := r.Assessments(site.ID)
			if err != nil {
				return err
			}
			people, answers := 0, 0
			for _, a := range as {
				ps, err := r.Participants(site.ID, a.ID)
				if err != nil {
					return err
				}
				rs, err := r.Responses(site.ID, a.ID)
				if err != nil {
					return err
				}
				people, answers = people+len(ps), answers+len(rs)
			}
			s.sites[site.ID] = fmt.Sprintf("%d assessments, %d participants, %d answers", len(as), people, answers)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// diffStates says how got differs from the old and the new state, site by
// site.
func diffStates(got, old, new demoState) string {
	var ids []string
	for _, m := range []map[string]string{got.sites, old.sites, new.sites} {
		for id := range m {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	var b strings.Builder
	var notYet []string
	fmt.Fprintf(&b, "%d sites (the old state has %d, the new demo %d)\n", len(got.sites), len(old.sites), len(new.sites))
	for _, id := range ids {
		g, o, n := got.sites[id], old.sites[id], new.sites[id]
		switch {
		case g == n && g == o:
		case g == "" && o == "":
			notYet = append(notYet, id)
		case g == n:
			fmt.Fprintf(&b, "  %s as in the new demo (%s)\n", id, orNone(g))
		case g == o:
			fmt.Fprintf(&b, "  %s as in the old state (%s)\n", id, orNone(g))
		default:
			fmt.Fprintf(&b, "  %s: %s; old %s, new %s\n", id, orNone(g), orNone(o), orNone(n))
		}
	}
	if len(notYet) > 0 {
		fmt.Fprintf(&b, "  missing, though the new demo has them: %s\n", strings.Join(notYet, ", "))
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "missing"
	}
	return s
}

// copyStore copies the (closed) store file at src to dst.
func copyStore(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
