package cli_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/cli"
	"github.com/engage-toolkit/engage/internal/warehouse/pgtest"
)

// runEngageIn runs engage in this process with args and the environment
// env gives, and returns its exit code, standard output and error.
func runEngageIn(env map[string]string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := cli.Run(cli.IO{Out: &out, Err: &errOut, Getenv: func(k string) string { return env[k] }}, args)
	return code, out.String(), errOut.String()
}

// Pushing the demo study twice: the second push says every site is
// unchanged, and writes nothing.
func TestWarehousePush(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGCONNECT_TIMEOUT", "")
	srv := pgtest.Start(t)
	url := srv.ConnString(srv.NewDatabase(t))
	db := filepath.Join(t.TempDir(), "engage.db")
	putDemoStore(t, db)
	env := map[string]string{"LANG": "en_GB.UTF-8"}
	push := func(t *testing.T, extra ...string) (int, string, string) {
		return runEngageIn(env, append([]string{"--db", db, "warehouse", "push", "--postgres", url}, extra...)...)
	}
	sites := []string{"ambito-valle-del-sole", "eastbrook-pilot", "portsea-localities", "tynebridge-south", "westmoor-county"}

	code, out, errOut := push(t, "--all")
	if code != 0 {
		t.Fatalf("first push: exit %d\n%s%s", code, out, errOut)
	}
	t.Logf("first push:\n%s", out)
	for _, s := range sites {
		if !regexp.MustCompile(`(?m)^  ` + s + `: added \(\d+ assessments?, \d+ answers, \d+ summary rows\)$`).MatchString(out) {
			t.Errorf("first push does not say %s was added:\n%s", s, out)
		}
	}
	if !strings.Contains(out, "5 sites: 5 added, 0 replaced, 0 unchanged.") {
		t.Errorf("first push's total:\n%s", out)
	}

	code, out2, errOut := push(t, "--all")
	if code != 0 {
		t.Fatalf("second push: exit %d\n%s%s", code, out2, errOut)
	}
	t.Logf("second push:\n%s", out2)
	for _, s := range sites {
		if !regexp.MustCompile(`(?m)^  ` + s + `: unchanged \(`).MatchString(out2) {
			t.Errorf("second push does not say %s is unchanged:\n%s", s, out2)
		}
	}
	if !strings.Contains(out2, "5 sites, all unchanged: nothing was written.") {
		t.Errorf("second push's total:\n%s", out2)
	}
	// The same rows both times: only the word for what was done differs.
	if strings.ReplaceAll(out, ": added (", ": unchanged (") != strings.Replace(out2, "5 sites, all unchanged: nothing was written.", "5 sites: 5 added, 0 replaced, 0 unchanged.", 1) {
		t.Errorf("the two pushes count other rows:\n%s\n%s", out, out2)
	}

	t.Run("Italian", func(t *testing.T) {
		code, out, _ := push(t, "--lang", "it", "eastbrook-pilot")
		if code != 0 || !strings.Contains(out, "eastbrook-pilot: invariato (1 autovalutazione, ") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		code, out, _ := push(t, "--dry-run", "--unsuppressed", "westmoor-county")
		if code != 0 || !strings.Contains(out, "Dry run, nothing is written.") || !strings.Contains(out, "westmoor-county: would be replaced") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("no such site", func(t *testing.T) {
		code, _, errOut := push(t, "nowhere")
		if code != 1 || !strings.Contains(errOut, `no site "nowhere" in the store`) {
			t.Errorf("exit %d: %s", code, errOut)
		}
	})
}

func TestWarehousePushErrors(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	t.Setenv("PGCONNECT_TIMEOUT", "")
	db := filepath.Join(t.TempDir(), "engage.db")
	putDemoStore(t, db)
	nowhere := t.TempDir()
	env := map[string]string{"LANG": "en_GB.UTF-8"}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no server", []string{"--postgres", "host=" + nowhere + " dbname=engage password=hunter2", "--all"}, 1,
			"engage: cannot connect to PostgreSQL at " + nowhere + "/.s.PGSQL.5432: no such file or directory\n" +
				"hint: check the host, port, database and user in --postgres; the password comes from PGPASSWORD or ~/.pgpass\n"},
		{"a URL that cannot be read", []string{"--postgres", "postgres://me:hunter2@db:port/engage", "--all"}, 2, ""},
		{"no --postgres", []string{"--all"}, 2, "engage: name the database to push to with --postgres URL\n"},
		{"sites and --all", []string{"--postgres", "host=" + nowhere, "--all", "eastbrook-pilot"}, 2,
			"engage: name the sites to push or use --all, not both\n"},
		{"no sites", []string{"--postgres", "host=" + nowhere}, 2, "engage: name the sites to push (see `engage sites`), or use --all\n"},
		{"a schema name too long", []string{"--postgres", "host=" + nowhere, "--all", "--schema", strings.Repeat("s", 64)}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runEngageIn(env, append([]string{"--db", db, "warehouse", "push"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			if out != "" {
				t.Errorf("standard output: %q", out)
			}
			if strings.Contains(errOut, "hunter2") {
				t.Errorf("the password is printed: %s", errOut)
			}
			if tt.stderr != "" && !strings.HasPrefix(errOut, tt.stderr) {
				t.Errorf("standard error:\n%s\nwant:\n%s", errOut, tt.stderr)
			}
			if lines := strings.Count(errOut, "\n"); lines > 2 {
				t.Errorf("%d lines of error:\n%s", lines, errOut)
			}
		})
	}
}
