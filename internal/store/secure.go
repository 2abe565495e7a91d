package store

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/engage-toolkit/engage/internal/atomicfile"
)

// EnvInsecure is the environment variable that, set to 1, lets engage use
// a store it would otherwise refuse as unsafe (see [InsecureError]), like
// the --insecure-store flag.
const EnvInsecure = "ENGAGE_INSECURE_STORE"

// InsecureError is returned by [Open] and [Restore] when the store could
// be read or replaced by another user: the file or its backups folder
// belongs to someone else, or its folder can be written by anyone (without
// the sticky bit), so another user could swap the file. Nothing was
// changed. Options.AllowInsecure opens it anyway.
type InsecureError struct {
	Path   string
	Reason string
}

func (e *InsecureError) Error() string {
	return fmt.Sprintf("will not use the store %s: %s", e.Path, e.Reason)
}

// Hint says what the user can do about it.
func (e *InsecureError) Hint() string {
	return "the store holds personal data: keep it in a folder only you can write to (copy it there and use --db), or pass --insecure-store (or set " + EnvInsecure + "=1) if you trust everyone who can reach it"
}

// tidy removes the temporary files that a killed engage (a restore, a
// backup) left beside the store at path and in its backups folder, and
// says what it did, or what it found and could not remove.
func tidy(path string, notify func(string)) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	report := func(where string, ls []atomicfile.Leftover) {
		var removed []string
		var size int64
		for _, l := range ls {
			switch {
			case l.Removed:
				removed = append(removed, filepath.Base(l.Path))
				size += l.Size
			case l.Err != nil:
				notify(fmt.Sprintf("%s is a temporary copy left %s by an engage that was stopped, and it could not be removed (%v); it may hold personal data: remove it once no engage is running", l.Path, where, l.Err))
			}
		}
		if len(removed) > 0 {
			notify(fmt.Sprintf("removed %s left %s by an engage that was stopped (%s): %s",
				plural(len(removed), "a temporary copy", "temporary copies"), where, sizeWords(size), strings.Join(removed, ", ")))
		}
	}
	report("beside the store", atomicfile.CleanLeftovers(dir, base))
	report("in "+BackupDir(path), atomicfile.CleanLeftovers(BackupDir(path), ""))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func sizeWords(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
	return fmt.Sprintf("%d MB", (n+1<<19)>>20)
}
