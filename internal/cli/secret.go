package cli

import (
	"errors"
	"fmt"
	"os"
	"unicode/utf8"

	xterm "golang.org/x/term"
)

// EnvPassphrase gives the passphrase to engage export --passphrase and
// engage import without a terminal, for scripts. It is less safe than
// typing it: the environment can end up in a shell's history, a job's log
// or a crash report.
const EnvPassphrase = "ENGAGE_PASSPHRASE"

// minPassphrase is the shortest passphrase engage export accepts: a file
// sent by email can be guessed at offline, at leisure.
const minPassphrase = 8

// readSecret shows prompt on standard error and reads a line from the
// terminal on standard input without echoing it.
func readSecret(prompt string) (string, error) {
	fmt.Fprint(os.Stderr, prompt)
	b, err := xterm.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(os.Stderr)
	return string(b), err
}

// canAskSecret reports whether a passphrase can be had: from
// ENGAGE_PASSPHRASE, or typed at the terminal.
func (g *globals) canAskSecret() bool {
	return getenvOf(g.io)(EnvPassphrase) != "" || g.io.ReadSecret != nil
}

// newPassphrase is the passphrase to encrypt file with: ENGAGE_PASSPHRASE,
// else typed twice at the terminal.
func (g *globals) newPassphrase(file string) (string, error) {
	l := g.l
	if p := getenvOf(g.io)(EnvPassphrase); p != "" {
		return p, g.checkPassphrase(p, l.T("cli.secret.from_env", "Env", EnvPassphrase))
	}
	if g.io.ReadSecret == nil {
		return "", &ExitError{Code: 1, Message: l.T("cli.secret.no_terminal"), Hint: l.T("cli.secret.no_terminal_hint", "Env", EnvPassphrase)}
	}
	p, err := g.io.ReadSecret(l.T("cli.secret.prompt_new", "File", file))
	if err != nil {
		return "", fmt.Errorf("%s: %w", l.T("cli.secret.read_failed"), err)
	}
	if err := g.checkPassphrase(p, ""); err != nil {
		return "", err
	}
	again, err := g.io.ReadSecret(l.T("cli.secret.prompt_again"))
	if err != nil {
		return "", fmt.Errorf("%s: %w", l.T("cli.secret.read_failed"), err)
	}
	if again != p {
		return "", &ExitError{Code: 1, Message: l.T("cli.secret.differ"), Hint: l.T("cli.secret.differ_hint")}
	}
	return p, nil
}

// checkPassphrase refuses a passphrase too short to send a file with;
// from says where it came from when that was not the terminal.
func (g *globals) checkPassphrase(p, from string) error {
	if utf8.RuneCountInString(p) >= minPassphrase {
		return nil
	}
	msg := g.l.T("cli.secret.too_short", "N", minPassphrase)
	if from != "" {
		msg = from + ": " + msg
	}
	return &ExitError{Code: 1, Message: msg, Hint: g.l.T("cli.secret.too_short_hint")}
}

// askPassphrase is the passphrase to open file with: ENGAGE_PASSPHRASE,
// else typed once at the terminal, else "" (none can be had). before runs
// before the prompt is shown (the progress line is blanked).
func (g *globals) askPassphrase(file string, before func()) (string, error) {
	if p := getenvOf(g.io)(EnvPassphrase); p != "" {
		return p, nil
	}
	if g.io.ReadSecret == nil {
		return "", nil
	}
	before()
	p, err := g.io.ReadSecret(g.l.T("cli.secret.prompt", "File", file))
	if err != nil {
		return "", fmt.Errorf("%s: %w", g.l.T("cli.secret.read_failed"), err)
	}
	if p == "" {
		return "", errors.New(g.l.T("cli.secret.empty"))
	}
	return p, nil
}
