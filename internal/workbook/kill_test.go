package workbook_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The kill test: a helper process (this test binary, re-run with
// ENGAGE_KILL_STORE set) records answers through the same domain function
// the TUI uses and prints each one after Change has returned, which is when
// the TUI shows it as saved. The test kills it with SIGKILL at random,
// seeded moments, then checks the store the way engage opens it.

const (
	killParticipants = 60
	killEnvStore     = "ENGAGE_KILL_STORE"
	killEnvStart     = "ENGAGE_KILL_START"
)

// answerAt is the k-th answer of the run: every k names a different
// participant and statement, so an answer is never overwritten and each
// printed one can be checked exactly.
func answerAt(k int, statements []questionnaire.Statement) (participant int, statement string, score int) {
	return k / len(statements), statements[k%len(statements)].ID, 1 + k*7%5
}

func TestKillHelperProcess(t *testing.T) {
	path := os.Getenv(killEnvStore)
	if path == "" {
		t.Skip("run by TestKillWhileAnswering")
	}
	start, _ := strconv.Atoi(os.Getenv(killEnvStart))
	q, err := questionnaire.Default()
	if err != nil {
		fatalHelper(err)
	}
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		fatalHelper(err)
	}
	svc := workbook.NewService(st, workbook.Options{})
	var site workbook.Site
	var a workbook.Assessment
	var people []workbook.Participant
	err = svc.Change(func(c *workbook.Change) error {
		if s, err := c.Site("kill"); err == nil {
			site = s
			if a, err = c.Current(s.ID); err != nil {
				return err
			}
			people, err = c.Participants(s.ID, a.ID)
			return err
		}
		site, a, err = c.CreateSite(workbook.SiteInput{Name: "Kill", Organisation: "Kill Council"}, q)
		if err != nil {
			return err
		}
		for range killParticipants {
			if _, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: workbook.Insider, Role: workbook.RoleFrontLine}); err != nil {
				return err
			}
		}
		// The same order as a later run reads them in, so that the k-th
		// answer names the same participant in every run (in the order
		// of creation, a later run's answer could land on a cell an
		// earlier run printed, and overwrite it).
		people, err = c.Participants(site.ID, a.ID)
		return err
	})
	if err != nil {
		fatalHelper(err)
	}
	statements := q.Statements()
	out := bufio.NewWriter(os.Stdout)
	for k := start; k < killParticipants*len(statements); k++ {
		pi, stmt, score := answerAt(k, statements)
		err := svc.Change(func(c *workbook.Change) error {
			_, err := c.RecordResponse(workbook.ResponseInput{
				SiteID: site.ID, AssessmentID: a.ID, ParticipantID: people[pi].ID, StatementID: stmt, Score: score,
			})
			return err
		})
		if err != nil {
			fatalHelper(err)
		}
		fmt.Fprintf(out, "saved %d %s %s %d\n", k, people[pi].ID, stmt, score)
		out.Flush()
	}
	fmt.Fprintln(out, "done")
	out.Flush()
	os.Exit(0)
}

func fatalHelper(err error) {
	fmt.Fprintln(os.Stderr, "helper:", err)
	os.Exit(3)
}

func TestKillWhileAnswering(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs SIGKILL and re-running the test binary")
	}
	kills := 200
	if testing.Short() {
		kills = 20
	}
	path := filepath.Join(t.TempDir(), "kill test", "engagé.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	saved := map[string]int{} // participant/statement -> score printed as saved
	next := 0
	for round := 0; round < kills; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), killEnvStore+"="+path, killEnvStart+"="+strconv.Itoa(next))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill after a few answers, at a random moment: sometimes between
		// commits, sometimes in the middle of one.
		after := 1 + rng.IntN(12)
		delay := time.Duration(rng.IntN(3000)) * time.Microsecond
		lines := bufio.NewScanner(stdout)
		n, killed := 0, false
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) == 5 && f[0] == "saved" {
				k, _ := strconv.Atoi(f[1])
				score, _ := strconv.Atoi(f[4])
				saved[f[2]+"/"+f[3]] = score
				next = k + 1
				n++
			}
			if n == after && !killed {
				time.Sleep(delay)
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				killed = true
			}
		}
		err = cmd.Wait()
		if !killed {
			t.Fatalf("round %d: the helper ended before it was killed (%v): %s", round, err, stderr.String())
		}
		if stderr.Len() > 0 && !strings.Contains(stderr.String(), "signal: killed") {
			// A helper that failed on its own (not by our kill) said why.
			if strings.Contains(stderr.String(), "helper:") {
				t.Fatalf("round %d: %s", round, stderr.String())
			}
		}
		checkKilledStore(t, round, path, saved)
	}
	t.Logf("%d kills, %d answers printed as saved, all present", kills, len(saved))
}

// checkKilledStore opens the store as engage would after a crash, runs the
// full consistency check and looks for every answer printed as saved.
func checkKilledStore(t *testing.T, round int, path string, saved map[string]int) {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("round %d: the store does not open after the kill: %v", round, err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatalf("round %d: consistency check after the kill: %v", round, err)
	}
	svc := workbook.NewService(st, workbook.Options{})
	got := map[string]int{}
	err = svc.Read(func(r *workbook.Reader) error {
		s, err := r.Site("kill")
		if err != nil {
			return err
		}
		a, err := r.Current(s.ID)
		if err != nil {
			return err
		}
		rs, err := r.Responses(s.ID, a.ID)
		for _, x := range rs {
			got[x.ParticipantID+"/"+x.StatementID] = x.Score
		}
		if err != nil {
			return err
		}
		// The kept figures commit with the answers: a kill leaves them
		// as true as the records.
		bad, err := r.CheckKept()
		if len(bad) > 0 {
			t.Fatalf("round %d: after the kill %v", round, bad)
		}
		return err
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	for k, score := range saved {
		if got[k] != score {
			t.Fatalf("round %d: answer %s was printed as saved with %d; the store has %d", round, k, score, got[k])
		}
	}
}
