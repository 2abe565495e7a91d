package cli

import (
	"errors"
	"fmt"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// storePath resolves where the store is: --db, then ENGAGE_DB, then the
// config file's db, then the default in the user's data folder.
func (g *globals) storePath() (string, error) {
	getenv := getenvOf(g.io)
	switch {
	case g.db != "":
		return g.db, nil
	case getenv(store.EnvPath) == "" && g.conf.db != "":
		return g.conf.db, nil
	}
	return store.DefaultPath(getenv)
}

// openStore opens the store for a command. A command that only reads
// opens it readOnly, which refuses a missing store instead of creating it:
// only the interactive workbook, demo, import and backup restore create
// one. When another engage has the store open, the error carries the
// command's own advice, lockedHint(path), if it has any (nil: the
// general advice). This is the one way commands open the store.
func (g *globals) openStore(readOnly bool, lockedHint func(path string) string) (*store.Store, error) {
	path, err := g.storePath()
	if err != nil {
		return nil, err
	}
	opts := g.storeOptions()
	opts.ReadOnly = readOnly
	st, err := store.Open(path, opts)
	var le *store.LockedError
	if err != nil && lockedHint != nil && errors.As(err, &le) {
		return nil, withHint(err, lockedHint(le.Path))
	}
	return st, err
}

// hintOf is advice that is the same wherever the store is.
func (g *globals) hintOf(id string) func(string) string {
	return func(string) string { return g.l.T(id) }
}

// storeOptions are the options every opening of the store shares: whether
// the user insists on an unsafe store, and where notes on what opening it
// did go (one line each on stderr).
func (g *globals) storeOptions() store.Options {
	insist := g.insecureStore
	if g.io.Getenv != nil && g.io.Getenv(store.EnvInsecure) == "1" {
		insist = true
	}
	return store.Options{
		AllowInsecure: insist,
		Notify:        func(s string) { fmt.Fprintln(g.io.Err, g.l.T("cli.note", "Text", s)) },
	}
}

// withService opens the store read-write, runs fn with a domain service
// over it, and closes the store.
func (g *globals) withService(opts workbook.Options, fn func(*workbook.Service, *store.Store) error) error {
	st, err := g.openStore(false, nil)
	if err != nil {
		return err
	}
	err = fn(workbook.NewService(st, opts), st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadQuestionnaire returns the questionnaire new sites use: the file given
// with --questionnaire, or the embedded default.
func (g *globals) loadQuestionnaire() (*questionnaire.Questionnaire, error) {
	if g.questionnaire == "" {
		return questionnaire.Default()
	}
	q, err := questionnaire.LoadFile(g.questionnaire)
	var ve *questionnaire.ValidationError
	if errors.As(err, &ve) {
		return nil, &ExitError{Code: 1, Message: g.l.T("cli.questionnaire.invalid", "File", g.questionnaire, "Problems", ve.Error()),
			Hint: g.l.T("cli.questionnaire.invalid_hint", "File", g.questionnaire)}
	}
	if err != nil {
		return nil, &ExitError{Code: 1, Message: g.l.T("cli.questionnaire.unreadable", "File", g.questionnaire, "Err", atomicfile.Cause(err).Error()),
			Hint: g.l.T("cli.questionnaire.unreadable_hint")}
	}
	return q, nil
}
