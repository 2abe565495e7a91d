package cli_test

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The hostile-input harness: each class of crafted input (testdata/hostile/
// and the files its table builds) is run through the command a user would
// run, in a child process of its own, and checked for what the issue on
// hostile input asks of every refusal: a clear message, the exit code,
// bounded time and memory, the store left byte for byte as it was, and no
// terminal control sequence in anything printed.

// hostileChild is set in the environment of a child process that runs
// engage itself (see TestMain).
const hostileChild = "ENGAGE_HOSTILE_CHILD"

// The default bounds of a hostile case: a refusal (or an acceptance) of
// any input up to the documented limits takes less than this.
const (
	hostileTime = 2 * time.Second
	hostileRSS  = 256 << 20
)

// hostileCase is one crafted input and what engage must do with it.
type hostileCase struct {
	name string
	// setup prepares the work folder (dir): the crafted files, and a store
	// at dir/engage.db when the case needs one. It may be nil.
	setup func(t *testing.T, dir string)
	// args are engage's arguments; "$WORK" stands for the work folder.
	args []string
	// env adds to the child's environment (ENGAGE_DB and NO_COLOR are set).
	env []string
	// exit is the exit code wanted.
	exit int
	// stderr, when set, must match the first line of standard error.
	stderr string
	// stdout, when set, must match standard output.
	stdout string
	// maxTime and maxRSS override the default bounds.
	maxTime time.Duration
	maxRSS  int64
	// storeMayChange says the command is meant to change the store (an
	// accepted import); otherwise a store that existed before is byte for
	// byte the same after.
	storeMayChange bool
	// check, when set, looks at the work folder afterwards.
	check func(t *testing.T, dir string, stdout, stderr string)
}

// terminalControl matches what must never reach a terminal from data: C0
// controls other than tab and newline, DEL, C1 controls, and the bidi
// overrides and isolates.
var terminalControl = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")

// runHostile runs every case in a child process and checks it.
func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.setup != nil {
				c.setup(t, dir)
			}
			db := filepath.Join(dir, "engage.db")
			before, existed := fileSum(db)
			args := make([]string, len(c.args))
			for i, a := range c.args {
				args[i] = strings.ReplaceAll(a, "$WORK", dir)
			}
			cmd := exec.Command(exe, args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), hostileChild+"=1", "ENGAGE_DB="+db, "NO_COLOR=1", "HOME="+dir, "XDG_DATA_HOME="+filepath.Join(dir, "data"))
			cmd.Env = append(cmd.Env, c.env...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			out, errOut := stdout.String(), stderr.String()
			if code != c.exit {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, c.exit, errOut)
			}
			first, _, _ := strings.Cut(errOut, "\n")
			if c.stderr != "" && !regexp.MustCompile(c.stderr).MatchString(first) {
				t.Errorf("stderr's first line %q does not match %q", first, c.stderr)
			}
			if c.stdout != "" && !regexp.MustCompile(c.stdout).MatchString(out) {
				t.Errorf("stdout %q does not match %q", out, c.stdout)
			}
			// A CSV's CRLF line end is a line end on a terminal too.
			if m := terminalControl.FindString(strings.ReplaceAll(out+errOut, "\r\n", "\n")); m != "" {
				t.Errorf("a control character %q reached the terminal:\nstdout: %q\nstderr: %q", m, out, errOut)
			}
			limit := c.maxTime
			if limit == 0 {
				limit = hostileTime
			}
			if raceEnabled {
				limit *= 4 // the race detector slows everything down
			}
			if took > limit {
				t.Errorf("took %v, more than %v", took.Round(time.Millisecond), limit)
			}
			if rss := childRSS(cmd); rss > 0 {
				maxRSS := c.maxRSS
				if maxRSS == 0 {
					maxRSS = hostileRSS
				}
				if raceEnabled {
					maxRSS *= 4
				}
				if rss > maxRSS {
					t.Errorf("used %d MB of memory, more than %d MB", rss>>20, maxRSS>>20)
				}
			}
			if after, exists := fileSum(db); existed && !c.storeMayChange && (!exists || after != before) {
				t.Errorf("the store changed, though the command refused the input")
			}
			if c.check != nil {
				c.check(t, dir, out, errOut)
			}
		})
	}
}

// fileSum is the SHA-256 of a file, and whether it exists.
func fileSum(path string) ([32]byte, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return [32]byte{}, false
	}
	return sha256.Sum256(data), true
}

// hostileFile returns the bytes of testdata/hostile/name.
func hostileFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "hostile", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestHostileHarness checks the harness on inputs engage already refuses
// (a store that is not one, a bundle cut short): were the harness unable
// to run a child or see its exit code, these would not pass.
func TestHostileHarness(t *testing.T) {
	runHostile(t, []hostileCase{
		{
			name: "a text file as the store",
			setup: func(t *testing.T, dir string) {
				os.WriteFile(filepath.Join(dir, "engage.db"), []byte("not a store\n"), 0o600)
			},
			args: []string{"sites"}, exit: 1, stderr: `engage\.db`,
		},
		{
			name: "a bundle that is not one",
			setup: func(t *testing.T, dir string) {
				os.WriteFile(filepath.Join(dir, "x.engage"), []byte("ENGAGE-BUNDLE 1\n\x1b]0;pwned\x07garbage"), 0o600)
			},
			args: []string{"import", "$WORK/x.engage"}, exit: 1, storeMayChange: true,
		},
		{
			name: "version", args: []string{"version"}, exit: 0, stdout: `engage`,
		},
	})
}
