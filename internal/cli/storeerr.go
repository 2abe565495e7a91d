package cli

import (
	"errors"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/store"
)

// storeMessage says a problem with the store itself (missing, in use,
// damaged, too new, read-only, not written, not safe) in the user's
// language, with its hint, when err is one and nothing has wrapped it
// with more to say. What the store found wrong (a damaged file's reason,
// the file system's error) is given as the store says it.
func storeMessage(l *i18n.Lang, err error) (msg, hint string, ok bool) {
	var (
		nf  *store.NotFoundError
		le  *store.LockedError
		de  *store.DamagedError
		tn  *store.TooNewError
		ro  *store.ReadOnlyError
		we  *store.WriteError
		ie  *store.InsecureError
		top = err.Error()
	)
	switch {
	case errors.As(err, &nf) && top == nf.Error():
		return l.T("cli.store.not_found", "Path", nf.Path), l.T("cli.store.not_found_hint"), true
	case errors.As(err, &le) && top == le.Error():
		return l.T("tui.app.store_in_use", "Path", le.Path), l.T("tui.app.store_in_use_hint"), true
	case errors.As(err, &de) && top == de.Error():
		if de.Foreign {
			return l.T("cli.store.foreign", "Path", de.Path, "Reason", de.Reason), l.T("cli.store.foreign_hint"), true
		}
		return l.T("cli.store.damaged", "Path", de.Path, "Reason", de.Reason),
			l.T("cli.store.damaged_hint", "Dir", store.BackupDir(de.Path)), true
	case errors.As(err, &tn) && top == tn.Error():
		return l.T("cli.store.too_new", "Path", tn.Path, "Schema", tn.Schema, "Known", tn.Known), l.T("cli.store.too_new_hint"), true
	case errors.As(err, &ro) && top == ro.Error():
		return l.T("cli.store.read_only", "Path", ro.Path, "Err", ro.Err), l.T("cli.store.read_only_hint"), true
	case errors.As(err, &we) && top == we.Error():
		if store.DiskFull(we.Err) {
			return l.T("cli.store.disk_full", "Path", we.Path), l.T("cli.store.disk_full_hint"), true
		}
		return l.T("cli.store.not_written", "Path", we.Path, "Err", we.Err), l.T("cli.store.not_written_hint"), true
	case errors.As(err, &ie) && top == ie.Error():
		return l.T("cli.store.insecure", "Path", ie.Path, "Reason", ie.Reason),
			l.T("cli.store.insecure_hint", "Env", store.EnvInsecure), true
	}
	return "", "", false
}
