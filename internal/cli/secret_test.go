package cli_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/cli"
)

// terminal is a terminal on which a person types answers to the
// passphrase prompts, one per prompt, in order.
type terminal struct {
	answers []string
	prompts []string
}

func (t *terminal) ReadSecret(prompt string) (string, error) {
	t.prompts = append(t.prompts, prompt)
	if len(t.answers) == 0 {
		return "", errors.New("no more input")
	}
	a := t.answers[0]
	t.answers = t.answers[1:]
	return a, nil
}

// TestPassphraseTypedAtTheTerminal: export asks for the passphrase twice
// and writes nothing when the two differ or it is too short; import asks
// once per file encrypted with a passphrase, naming the file, and never for
// a plain one.
func TestPassphraseTypedAtTheTerminal(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"ENGAGE_DB": filepath.Join(dir, "engage.db"), "XDG_CONFIG_HOME": filepath.Join(dir, "cfg"), "LANG": "en_GB.UTF-8"}
	run := func(t *testing.T, term *terminal, args ...string) (int, string, string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		sys := cli.IO{In: strings.NewReader(""), Out: &stdout, Err: &stderr, Getenv: func(k string) string { return env[k] }}
		if term != nil {
			sys.ReadSecret = term.ReadSecret
		}
		return cli.Run(sys, args), stdout.String(), stderr.String()
	}
	if code, _, stderr := run(t, nil, "demo", "--quiet"); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "w.engage")

	for _, c := range []struct {
		name    string
		answers []string
		says    string
	}{
		{"they differ", []string{"kettle orchard seven", "kettle orchard seven!"}, "engage: the two passphrases differ; nothing was written\nhint: run the export again and type the same passphrase twice\n"},
		{"too short", []string{"kettle"}, "engage: a passphrase needs at least 8 characters; nothing was written\n"},
		{"nothing typed", []string{""}, "engage: a passphrase needs at least 8 characters"},
	} {
		t.Run(c.name, func(t *testing.T) {
			term := &terminal{answers: c.answers}
			code, _, stderr := run(t, term, "export", "westmoor-county", "--passphrase", "-o", out)
			if code != 1 || !strings.Contains(stderr, c.says) {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a file was written")
			}
		})
	}

	term := &terminal{answers: []string{"kettle orchard seven", "kettle orchard seven"}}
	if code, stdout, stderr := run(t, term, "export", "westmoor-county", "--passphrase", "-o", out); code != 0 || !strings.Contains(stdout, "Encrypted with the passphrase") {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	if want := []string{"Passphrase to encrypt " + out + " with (not shown): ", "The same passphrase again: "}; strings.Join(term.prompts, "|") != strings.Join(want, "|") {
		t.Errorf("prompts %q", term.prompts)
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("age-encryption.org/v1\n-> scrypt ")) || bytes.Contains(data, []byte("kettle")) {
		t.Fatalf("%v: %.60q", err, data)
	}
	plain := filepath.Join(dir, "plain.engage")
	if code, _, stderr := run(t, nil, "export", "westmoor-county", "--anonymise", "-o", plain); code != 0 {
		t.Fatal(stderr)
	}

	env["ENGAGE_DB"] = filepath.Join(dir, "other.db")
	t.Run("import, the wrong passphrase", func(t *testing.T) {
		term := &terminal{answers: []string{"kettle orchard eight"}}
		code, _, stderr := run(t, term, "import", plain, out)
		if code != 1 || !strings.Contains(stderr, "engage: "+out+": it is encrypted with a passphrase, and the passphrase given does not open it; nothing was imported from it\n") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
		if want := []string{"Passphrase for " + out + " (not shown): "}; len(term.prompts) != 1 || term.prompts[0] != want[0] {
			t.Errorf("prompts %q", term.prompts)
		}
	})
	t.Run("import, nothing typed", func(t *testing.T) {
		code, _, stderr := run(t, &terminal{answers: []string{""}}, "import", out)
		if code != 1 || !strings.Contains(stderr, "engage: "+out+": no passphrase was typed; nothing was imported from it\n") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
	})
	t.Run("import, the passphrase", func(t *testing.T) {
		term := &terminal{answers: []string{"kettle orchard seven"}}
		code, stdout, stderr := run(t, term, "import", "--theirs", out)
		if code != 0 || !strings.Contains(stdout, out+": ") {
			t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
		}
		if len(term.prompts) != 1 {
			t.Errorf("prompts %q", term.prompts)
		}
	})
	t.Run("ENGAGE_PASSPHRASE is not asked again", func(t *testing.T) {
		env["ENGAGE_PASSPHRASE"] = "kettle orchard seven"
		defer delete(env, "ENGAGE_PASSPHRASE")
		term := &terminal{}
		code, stdout, stderr := run(t, term, "import", out)
		if code != 0 || !strings.Contains(stdout, "already up to date") || len(term.prompts) != 0 {
			t.Errorf("exit %d, prompts %q:\n%s%s", code, term.prompts, stdout, stderr)
		}
	})
}
