package store

import (
	"errors"
	"fmt"
)

// ErrLocked is returned by [Open] when another process holds the store.
var ErrLocked = errors.New("store in use")

// ErrNotFound is returned by [Open] with ReadOnly set when there is no store
// file at the path. The error is a [NotFoundError].
var ErrNotFound = errors.New("no store")

// NotFoundError is returned by [Open] with ReadOnly set when there is no
// store file at Path; nothing was created. It wraps [ErrNotFound].
type NotFoundError struct{ Path string }

func (e *NotFoundError) Error() string { return "no store at " + e.Path }

// Unwrap returns [ErrNotFound].
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// Hint says what the user can do about it.
func (e *NotFoundError) Hint() string {
	return "run engage to start one, or check --db / ENGAGE_DB (a mistyped path is not created)"
}

// LockedError is returned by [Open] when another engage process has the
// store open. It wraps [ErrLocked].
type LockedError struct{ Path string }

func (e *LockedError) Error() string {
	return fmt.Sprintf("the store %s is in use by another engage process", e.Path)
}

// Unwrap returns [ErrLocked].
func (e *LockedError) Unwrap() error { return ErrLocked }

// Hint says what the user can do about it. Commands that can offer more
// (do it in the other engage) give their own.
func (e *LockedError) Hint() string {
	return "close the other engage first (it may be in another terminal window), or use another store with --db / ENGAGE_DB"
}

// DamagedError is returned when a store file cannot be used: it is cut
// short, overwritten, not a database, or not Engage's. Foreign is set when
// the file was never an Engage store.
type DamagedError struct {
	Path    string
	Reason  string
	Foreign bool
}

func (e *DamagedError) Error() string {
	if e.Foreign {
		return fmt.Sprintf("cannot use %s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("the store %s is damaged: %s", e.Path, e.Reason)
}

// Hint says what the user can do about it.
func (e *DamagedError) Hint() string {
	if e.Foreign {
		return "point --db (or ENGAGE_DB) at an Engage store, or at a new path to start one"
	}
	return "restore a backup with `engage backup restore FILE` (automatic backups are in " + BackupDir(e.Path) + "), or move the file away to start a new store"
}

// BackupError is returned by [Restore] when the backup to restore cannot
// be used; nothing has been changed. It wraps the reason.
type BackupError struct{ Err error }

func (e *BackupError) Error() string { return "the backup is not usable: " + e.Err.Error() }

// Unwrap returns the reason.
func (e *BackupError) Unwrap() error { return e.Err }

// Hint says what the user can do about it.
func (e *BackupError) Hint() string {
	return "the store was not changed; choose another backup (`engage backup list` shows the automatic ones)"
}

// TooNewError is returned when the store was written by a newer Engage.
type TooNewError struct {
	Path          string
	Schema, Known int
}

func (e *TooNewError) Error() string {
	return fmt.Sprintf("the store %s was written by a newer version of Engage (store format %d; this engage reads up to %d)", e.Path, e.Schema, e.Known)
}

// Hint says what the user can do about it.
func (e *TooNewError) Hint() string {
	return "install the newer Engage to open it; this version will not change it"
}

// WriteError is returned when a change could not be written to the disk:
// it is full, or the store file became read-only or went away while engage
// had it open. Nothing of the change was saved; what was saved before is
// intact.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string {
	if isDiskFull(e.Err) {
		return fmt.Sprintf("not saved: the disk holding %s is full", e.Path)
	}
	return fmt.Sprintf("not saved: cannot write to %s (%v)", e.Path, e.Err)
}

// Unwrap returns the error from the file system.
func (e *WriteError) Unwrap() error { return e.Err }

// Hint says what the user can do about it.
func (e *WriteError) Hint() string {
	if isDiskFull(e.Err) {
		return "free some space on that disk and do it again; everything saved before is safe"
	}
	return "check that the store file is still there and writable; everything saved before is safe"
}

// DiskFull reports whether err means the disk is full.
func DiskFull(err error) bool { return isDiskFull(err) }

// ReadOnlyError is returned by [Open] when the store can be read but not
// written: its file or its disk is read-only.
type ReadOnlyError struct {
	Path string
	Err  error
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("the store %s cannot be changed: %v", e.Path, e.Err)
}

// Unwrap returns the error from the file system.
func (e *ReadOnlyError) Unwrap() error { return e.Err }

// Hint says what the user can do about it.
func (e *ReadOnlyError) Hint() string {
	return "copy it to a writable folder (engage backup -o FILE reads it) and use --db, or make the file writable"
}
