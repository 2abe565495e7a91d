package cli

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"filippo.io/age"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/i18n"
)

// importKeys are what engage import opens encrypted bundles with: the
// key files of --identity, else the default key if there is one, and a
// passphrase from ENGAGE_PASSPHRASE or the terminal. Each is read only
// when a file needs it.
type importKeys struct {
	bundle.Keys
	// files are the key files whose keys were tried; defaultPath is the
	// default key's place when no --identity was given.
	files       []string
	defaultPath string
	// before runs before anything is written to the terminal while a
	// file is read (the progress line is blanked).
	before func()
}

func (g *globals) importKeys(files []string) (*importKeys, error) {
	k := &importKeys{before: func() {}}
	k.Passphrase = func(file string) (string, error) { return g.askPassphrase(file, k.before) }
	if len(files) > 0 {
		var ids []age.Identity
		for _, f := range files {
			got, _, err := g.loadKeyFile(f)
			if err != nil {
				return nil, err
			}
			g.warnLooseKey(f)
			ids = append(ids, got...)
		}
		k.files = files
		k.Identities = func() ([]age.Identity, error) { return ids, nil }
		return k, nil
	}
	var ids []age.Identity
	var err error
	loaded := false
	k.Identities = func() ([]age.Identity, error) {
		if loaded {
			return ids, err
		}
		loaded = true
		var path string
		if path, err = keyPath(getenvOf(g.io)); err != nil {
			return nil, err
		}
		k.defaultPath = path
		if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) {
			return nil, nil
		}
		ids, _, err = g.loadKeyFile(path)
		var ee *ExitError
		if errors.As(err, &ee) {
			err = withHint(errors.New(ee.Message), ee.Hint)
		}
		if err == nil {
			k.files = []string{path}
			k.before()
			g.warnLooseKey(path)
		}
		return ids, err
	}
	return k, nil
}

// lockProblem says, in one line and a hint, why an encrypted bundle was
// not opened and what to do.
func lockProblem(l *i18n.Lang, be *bundle.Error, k *importKeys) (msg, hint string) {
	lk, f := be.Lock, be.File
	switch {
	case lk.Problem == bundle.Damaged:
		return l.T("cli.lock.damaged", "File", f, "Detail", lk.Detail), l.T("cli.lock.damaged_hint")
	case lk.Problem == bundle.TooCostly:
		return l.T("cli.lock.costly", "File", f, "N", lk.WorkFactor, "Max", bundle.MaxWorkFactor), l.T("cli.lock.costly_hint")
	case lk.Kind == bundle.LockOther:
		return l.T("cli.lock.other", "File", f, "Types", strings.Join(lk.Types, ", ")), l.T("cli.lock.other_hint")
	case lk.Kind == bundle.LockPassphrase && lk.Problem == bundle.NoSecret:
		return l.T("cli.lock.pass_none", "File", f), l.T("cli.lock.pass_none_hint", "Env", EnvPassphrase)
	case lk.Kind == bundle.LockPassphrase:
		return l.T("cli.lock.pass_wrong", "File", f), l.T("cli.lock.pass_wrong_hint")
	case lk.Problem == bundle.NoSecret:
		return l.N("cli.lock.keys_none", lk.Keys, "File", f, "Default", k.defaultPath), l.T("cli.lock.keys_none_hint")
	}
	return l.N("cli.lock.keys_wrong", lk.Keys, "File", f, "Tried", strings.Join(k.files, ", ")), l.T("cli.lock.keys_wrong_hint")
}
