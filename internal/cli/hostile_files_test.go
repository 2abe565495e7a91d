//go:build !windows

package cli_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/engage-toolkit/engage/internal/cli"
	"github.com/engage-toolkit/engage/internal/store"
)

// The hostile cases of files and permissions (classes 7 to 10 of the
// issue on hostile input): loose or foreign stores, leftovers of killed
// runs, output targets that are not files, and reading commands on a
// store that is not there. Permissions, devices and pipes are Unix
// matters: the file is not built on Windows.

var (
	demoOnce sync.Once
	demoDB   []byte
	demoErr  string
)

// putDemoStore puts a copy of the five-site demonstration store at path.
func putDemoStore(t *testing.T, path string) {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "engage-demo")
		if err != nil {
			demoErr = err.Error()
			return
		}
		defer os.RemoveAll(dir)
		db := filepath.Join(dir, "engage.db")
		var stderr bytes.Buffer
		if cli.Run(cli.IO{Out: io.Discard, Err: &stderr, Getenv: func(string) string { return "" }}, []string{"--db", db, "demo"}) != 0 {
			demoErr = stderr.String()
			return
		}
		demoDB, err = os.ReadFile(db)
		if err != nil {
			demoErr = err.Error()
		}
	})
	if demoErr != "" {
		t.Fatal(demoErr)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, demoDB, 0o600); err != nil {
		t.Fatal(err)
	}
}

func demoSetup(t *testing.T, dir string) { putDemoStore(t, filepath.Join(dir, "engage.db")) }

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}

// mknull makes a null device at path, or skips: only root may.
func mknull(t *testing.T, path string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("makes a Linux device node")
	}
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("cannot make a device node (%v); that needs root", err)
	}
}

func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode() != want {
		t.Errorf("%s is %v, want %v", path, info.Mode(), want)
	}
}

func wantGone(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s exists", p)
		}
	}
}

// noTemp checks that no temporary file (.NAME.N.tmp) is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	if l := tempLeftovers(t, dir); len(l) > 0 {
		t.Errorf("left in %s: %v", dir, l)
	}
}

// sameDemo checks that a store outside the harness's own path is byte
// for byte what setup put there.
func sameDemo(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(data, demoDB) {
		t.Errorf("%s changed (%v)", path, err)
	}
}

func TestHostileFiles(t *testing.T) {
	shared := func(mode os.FileMode) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			putDemoStore(t, filepath.Join(dir, "shared", "engage.db"))
			if err := os.Chmod(filepath.Join(dir, "shared"), mode); err != nil {
				t.Fatal(err)
			}
		}
	}
	chownAway := func(t *testing.T, dir string) {
		demoSetup(t, dir)
		if err := os.Chown(filepath.Join(dir, "engage.db"), 4242, 4242); err != nil {
			t.Skipf("cannot give the store to another user (%v); that needs root", err)
		}
		if os.Getuid() == 4242 {
			t.Skip("the test runs as uid 4242")
		}
	}
	var cases []hostileCase

	// 7: store and backups folder permissions.
	cases = append(cases,
		hostileCase{
			name: "7 a store readable by others is made private, and said",
			setup: func(t *testing.T, dir string) {
				demoSetup(t, dir)
				os.Chmod(filepath.Join(dir, "engage.db"), 0o644)
				os.Mkdir(filepath.Join(dir, "engage.db.backups"), 0o755)
			},
			args: []string{"sites"}, exit: 0,
			stderr: `^note: made the store .*engage\.db private: mode 0600, was 0644 \(it holds personal data\)$`,
			check: func(t *testing.T, dir, _, stderr string) {
				wantMode(t, filepath.Join(dir, "engage.db"), 0o600)
				wantMode(t, filepath.Join(dir, "engage.db.backups"), os.ModeDir|0o700)
				if !strings.Contains(stderr, "note: made its backups folder") {
					t.Errorf("the backups folder was not mentioned: %q", stderr)
				}
			},
		},
		hostileCase{
			name: "7 a store made 0666 is made private by a write command too",
			setup: func(t *testing.T, dir string) {
				demoSetup(t, dir)
				os.Chmod(filepath.Join(dir, "engage.db"), 0o666)
			},
			args: []string{"import", "$WORK/none.engage"}, exit: 1, stderr: `^note: made the store .* private: mode 0600, was 0666`,
			check: func(t *testing.T, dir, _, _ string) { wantMode(t, filepath.Join(dir, "engage.db"), 0o600) },
		},
		hostileCase{
			name: "7 a store in a folder anyone can write to is refused", setup: shared(0o777),
			args: []string{"sites", "--db", "$WORK/shared/engage.db"}, exit: 1,
			stderr: `^engage: will not use the store .*shared/engage\.db: its folder .*shared can be written by anyone \(mode 0777\), so another user could replace it$`,
			check: func(t *testing.T, dir, _, stderr string) {
				sameDemo(t, filepath.Join(dir, "shared", "engage.db"))
				if !strings.Contains(stderr, "hint: the store holds personal data") || !strings.Contains(stderr, "--insecure-store") {
					t.Errorf("no hint: %q", stderr)
				}
			},
		},
		hostileCase{
			name: "7 nor is a store started there", setup: shared(0o777),
			args: []string{"--db", "$WORK/shared/new.db", "import", "$WORK/none.engage"}, exit: 1,
			stderr: `^engage: will not use the store .*shared/new\.db: its folder`,
			check:  func(t *testing.T, dir, _, _ string) { wantGone(t, filepath.Join(dir, "shared", "new.db")) },
		},
		hostileCase{
			name: "7 --insecure-store insists", setup: shared(0o777),
			args: []string{"--insecure-store", "sites", "--db", "$WORK/shared/engage.db"}, exit: 0,
			stderr: `^note: using the store .*shared/engage\.db although its folder .* can be written by anyone .*\(--insecure-store\)$`,
			stdout: `eastbrook-pilot`,
		},
		hostileCase{
			name: "7 so does ENGAGE_INSECURE_STORE=1", setup: shared(0o777),
			env:  []string{"ENGAGE_INSECURE_STORE=1"},
			args: []string{"sites", "--db", "$WORK/shared/engage.db"}, exit: 0, stderr: `^note: using the store`,
		},
		hostileCase{
			name: "7 a folder anyone can write to with the sticky bit is fine", setup: shared(0o777 | os.ModeSticky),
			args: []string{"sites", "--db", "$WORK/shared/engage.db"}, exit: 0, stderr: `^$`, stdout: `eastbrook-pilot`,
		},
		hostileCase{
			name: "7 another user's store is refused", setup: chownAway,
			args: []string{"sites"}, exit: 1,
			stderr: `^engage: will not use the store .*engage\.db: it belongs to another user \(uid 4242\)$`,
		},
		hostileCase{
			name: "7 and not written to", setup: chownAway,
			args: []string{"demo"}, exit: 1, stderr: `belongs to another user`,
			check: func(t *testing.T, dir, _, _ string) { wantGone(t, filepath.Join(dir, "engage.db.backups")) },
		},
		hostileCase{
			name: "7 nor replaced by a restore", setup: chownAway,
			args: []string{"backup", "restore", "$WORK/engage.db"}, exit: 1, stderr: `belongs to another user`,
		},
	)

	// 8: temporary files left by killed runs.
	cases = append(cases,
		hostileCase{
			name: "8 a killed restore's copies are removed at the next open, and said",
			setup: func(t *testing.T, dir string) {
				demoSetup(t, dir)
				os.WriteFile(filepath.Join(dir, ".engage.db.3141592.tmp"), demoDB[:len(demoDB)/2], 0o600)
				os.Mkdir(filepath.Join(dir, "engage.db.backups"), 0o700)
				os.WriteFile(filepath.Join(dir, "engage.db.backups", ".engage-20260101T000000.000Z-before-restore.db.27.tmp"), demoDB[:4096], 0o600)
			},
			args: []string{"sites", "--json"}, exit: 0,
			stderr: `^note: removed a temporary copy left beside the store by an engage that was stopped \(\d+ [KM]B\): \.engage\.db\.3141592\.tmp$`,
			check: func(t *testing.T, dir, _, stderr string) {
				noTemp(t, dir)
				noTemp(t, filepath.Join(dir, "engage.db.backups"))
				if !strings.Contains(stderr, "left in "+filepath.Join(dir, "engage.db.backups")) {
					t.Errorf("the backups folder's leftover was not mentioned: %q", stderr)
				}
			},
		},
		hostileCase{
			name: "8 a comparison that fails after opening its files leaves none",
			setup: func(t *testing.T, dir string) {
				demoSetup(t, dir)
			},
			args: []string{"compare", "eastbrook-pilot", "no-such-site", "--csv", "$WORK/r.csv", "-o", "$WORK/c.pdf"}, exit: 1,
			stderr: `^engage: no site "no-such-site"`,
			check: func(t *testing.T, dir, _, _ string) {
				noTemp(t, dir)
				wantGone(t, filepath.Join(dir, "r.csv"), filepath.Join(dir, "c.pdf"), filepath.Join(dir, "r-summary.csv"))
			},
		},
		hostileCase{
			name: "8 a report run again clears what a killed one left",
			setup: func(t *testing.T, dir string) {
				demoSetup(t, dir)
				os.WriteFile(filepath.Join(dir, ".eastbrook-pilot-report.pdf.99.tmp"), []byte("%PDF-1.4 half"), 0o600)
			},
			args: []string{"report", "eastbrook-pilot"}, exit: 0, stdout: `^Report written to eastbrook-pilot-report\.pdf`,
			check: func(t *testing.T, dir, _, _ string) { noTemp(t, dir) },
		},
	)

	// 9: output targets that are not regular files.
	for _, c := range []struct{ name, flag, what string }{
		{"report", "-o", "report"}, {"export", "-o", "export"}, {"compare", "--csv", "compare"},
	} {
		args := func(target string) []string {
			switch c.what {
			case "report":
				return []string{"report", "eastbrook-pilot", "-o", target}
			case "export":
				return []string{"export", "eastbrook-pilot", "-o", target}
			}
			return []string{"compare", "--all", "--summary", target}
		}
		cases = append(cases,
			hostileCase{
				name: "9 " + c.name + " to a null device is refused, the device kept",
				setup: func(t *testing.T, dir string) {
					demoSetup(t, dir)
					mknull(t, filepath.Join(dir, "null"))
				},
				args: args("$WORK/null"), exit: 1, stderr: `^engage: cannot write .*null: it is a device, not a regular file$`,
				check: func(t *testing.T, dir, _, _ string) {
					if info, err := os.Lstat(filepath.Join(dir, "null")); err != nil || info.Mode()&os.ModeCharDevice == 0 {
						t.Errorf("the device was replaced (%v)", err)
					}
					noTemp(t, dir)
				},
			},
			hostileCase{
				name: "9 " + c.name + " to a named pipe is refused, the pipe kept",
				setup: func(t *testing.T, dir string) {
					demoSetup(t, dir)
					mkfifo(t, filepath.Join(dir, "pipe"))
				},
				args: args("$WORK/pipe"), exit: 1, stderr: `^engage: cannot write .*pipe: it is a named pipe, not a regular file$`,
				check: func(t *testing.T, dir, _, _ string) {
					wantMode(t, filepath.Join(dir, "pipe"), os.ModeNamedPipe|0o600)
					noTemp(t, dir)
				},
			},
		)
	}
	cases = append(cases,
		hostileCase{
			name: "9 backup -o FOLDER says it is a folder", setup: demoSetup,
			args: []string{"backup", "-o", "$WORK"}, exit: 1, stderr: `^engage: .* is a folder; give a file name$`,
			check: func(t *testing.T, dir, _, _ string) { noTemp(t, dir) },
		},
		hostileCase{
			name: "9 backup to a named pipe is refused",
			setup: func(t *testing.T, dir string) {
				demoSetup(t, dir)
				mkfifo(t, filepath.Join(dir, "pipe"))
			},
			args: []string{"backup", "-o", "$WORK/pipe"}, exit: 1, stderr: `^engage: .*pipe is a named pipe, not a file; give a file name$`,
		},
		hostileCase{
			name: "9 compare --csv - writes the CSV to standard output", setup: demoSetup,
			args: []string{"compare", "--all", "--csv", "-"}, exit: 0,
			stdout: `^site,site_name,assessment,`, stderr: `^Compared 5 sites`,
			check: func(t *testing.T, dir, stdout, stderr string) {
				wantGone(t, filepath.Join(dir, "-"), filepath.Join(dir, "--summary.csv"))
				m := regexp.MustCompile(`CSV      standard output \((\d+) responses\)`).FindStringSubmatch(stderr)
				if m == nil {
					t.Fatalf("stderr %q", stderr)
				}
				if rows := strconv.Itoa(strings.Count(stdout, "\n") - 1); rows != m[1] {
					t.Errorf("standard output has %s rows; engage says %s", rows, m[1])
				}
			},
		},
		hostileCase{
			name: "9 compare --summary - writes the whole summary to standard output", setup: demoSetup,
			args: []string{"compare", "--all", "--summary", "-"}, exit: 0,
			stdout: `^site,site_name,assessment,`, stderr: `^Compared 5 sites`,
			check: func(t *testing.T, dir, stdout, stderr string) {
				// Every row, up to the end: the buffer is flushed.
				if !strings.Contains(stderr, "summary  standard output (72 rows)") || strings.Count(stdout, "\n") != 1+72 || !strings.HasSuffix(stdout, "\n") {
					t.Errorf("%d lines; stderr %q", strings.Count(stdout, "\n"), stderr)
				}
			},
		},
		hostileCase{
			name: "9 standard output takes one file only", setup: demoSetup,
			args: []string{"compare", "--all", "--csv", "-", "-o", "$WORK/c.pdf"}, exit: 2,
			stderr: `^engage: - \(standard output\) can take only one of -o, --csv and --summary`,
		},
	)

	// 10: commands that only read create no store.
	for _, args := range [][]string{
		{"sites"}, {"sites", "--json"}, {"export", "x"}, {"export", "x", "-o", "-"}, {"report", "x"},
		{"compare", "--all", "-o", "$WORK/c.pdf"}, {"backup", "-o", "$WORK/b.db"},
	} {
		cases = append(cases, hostileCase{
			name: "10 " + strings.Join(args, " ") + " on no store creates none",
			args: args, exit: 1, stderr: `^engage: no store at .*engage\.db$`,
			check: func(t *testing.T, dir, _, stderr string) {
				wantGone(t, filepath.Join(dir, "engage.db"), filepath.Join(dir, "engage.db.backups"), filepath.Join(dir, "c.pdf"), filepath.Join(dir, "b.db"))
				if !strings.Contains(stderr, "hint: run engage to start one, or check --db / ENGAGE_DB") {
					t.Errorf("no hint: %q", stderr)
				}
			},
		})
	}
	cases = append(cases,
		hostileCase{
			name: "10 sites --db mistyped/x.db makes no folder",
			args: []string{"sites", "--db", "mistyped/x.db"}, exit: 1, stderr: `^engage: no store at mistyped/x\.db$`,
			check: func(t *testing.T, dir, _, _ string) { wantGone(t, filepath.Join(dir, "mistyped")) },
		},
		hostileCase{
			name: "10 questionnaire list needs no store and makes none",
			args: []string{"questionnaire", "list"}, exit: 0, stdout: `community-engagement`,
			check: func(t *testing.T, dir, _, _ string) { wantGone(t, filepath.Join(dir, "engage.db")) },
		},
		hostileCase{
			name: "10 backup list needs no store and makes none",
			args: []string{"backup", "list"}, exit: 0, stdout: `No automatic backups`,
			check: func(t *testing.T, dir, _, _ string) { wantGone(t, filepath.Join(dir, "engage.db")) },
		},
	)
	runHostile(t, cases)
}

// -o - writes a PDF or a bundle to standard output (binary, so outside the
// harness, which refuses control characters in output), the words go to
// standard error, and a terminal is spared the bytes.
func TestWriteToStandardOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "engage.db")
	putDemoStore(t, db)
	for _, c := range []struct {
		args        []string
		magic, said string
	}{
		{[]string{"report", "eastbrook-pilot", "-o", "-"}, "%PDF-", "Report written to standard output"},
		{[]string{"export", "eastbrook-pilot", "-o", "-"}, "engage-bundle", "Exported site eastbrook-pilot (Eastbrook pilot) to standard output"},
		{[]string{"compare", "--all", "-o", "-"}, "%PDF-", "  PDF      standard output"},
	} {
		for _, terminal := range []bool{false, true} {
			var stdout, stderr bytes.Buffer
			sys := cli.IO{Out: &stdout, Err: &stderr, Getenv: func(string) string { return "" }, IsTerminal: func() bool { return terminal }}
			code := cli.Run(sys, append([]string{"--db", db}, c.args...))
			if terminal {
				if code != 1 || stdout.Len() > 0 || !strings.Contains(stderr.String(), "which is a terminal here") {
					t.Errorf("%v to a terminal: exit %d, %d bytes out, stderr %q", c.args, code, stdout.Len(), stderr.String())
				}
				continue
			}
			if code != 0 || !bytes.HasPrefix(stdout.Bytes(), []byte(c.magic)) || !strings.Contains(stderr.String(), c.said) {
				t.Errorf("%v: exit %d, stdout starts %q, stderr %q", c.args, code, stdout.Bytes()[:min(16, stdout.Len())], stderr.String())
			}
		}
	}
	// Nothing but the store, and the fingerprint the first read-only open
	// recorded beside it (store.VerifiedPath).
	l, _ := os.ReadDir(dir)
	var names []string
	for _, e := range l {
		if e.Name() != "engage.db" && e.Name() != filepath.Base(store.VerifiedPath(db)) {
			names = append(names, e.Name())
		}
	}
	if len(names) > 0 {
		t.Errorf("the folder holds %v", names)
	}
}
