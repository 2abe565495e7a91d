package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// stageInfix marks the name of a staged copy (see [Store.Replace]):
// ".NAME.stage-NNN.tmp" beside the store. It sets the copies apart from the
// temporary files of atomicfile, which another command may be writing.
const stageInfix = ".stage-"

// Replace makes a change too large for one transaction as if it were one.
// fn gets a staged copy of the store, written beside it, to change in as
// many transactions as it likes; once fn returns nil the copy takes the
// store's place in one rename. Until then the store is exactly as it was:
// an error from fn, a crash or a kill leaves it untouched and the whole of
// the change undone. After the rename it has the whole change.
//
// Memory stays that of fn's largest transaction: nothing is held back for
// the swap. The cost is a copy of the store file, written once, and disk
// space for it meanwhile. The store stays locked throughout, so no other
// process writes to it in between; one that opened the old file and waited
// for it is refused writes (see [WriteError]) instead of writing to a file
// nobody can open again.
//
// A copy left by a kill holds the store's data; it is owner-only, and the
// next Replace of the same store removes it.
//
// Nothing else may use s while Replace runs; afterwards s is the new store.
// The staged store given to fn is not to be kept: its writes are refused
// once it has taken the store's place.
func (s *Store) Replace(fn func(staged workbook.Store) error) error {
	if err := s.stillThere(); err != nil {
		return err
	}
	// The rename must replace the file, not a link to it.
	target, err := filepath.EvalSymlinks(s.path)
	if err != nil {
		return &WriteError{Path: s.path, Err: err}
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	// This process holds the store's lock, and a copy is made only under
	// it: any copy there is now is a dead one.
	if err := removeStaged(dir, base); err != nil {
		return &WriteError{Path: s.path, Err: err}
	}
	tmp, err := s.stageCopy(dir, base)
	if err != nil {
		return err
	}
	placed := false
	defer func() {
		if !placed {
			os.Remove(tmp)
		}
	}()
	db, err := openBolt(tmp, s.opts)
	if err != nil {
		return openError(tmp, err)
	}
	// Nothing in the copy counts until it is renamed into place, so its
	// commits are not synced one by one: one sync before the rename makes
	// them all durable.
	db.NoSync = true
	staged := &Store{db: db, path: tmp, opts: s.opts}
	if staged.file, err = os.Stat(tmp); err != nil {
		db.Close()
		return &WriteError{Path: s.path, Err: err}
	}
	if err := fn(staged); err != nil {
		db.Close()
		var we *WriteError
		if errors.As(err, &we) && we.Path == tmp {
			we.Path = s.path // the user knows the store, not its copy
		}
		return err
	}
	db.NoSync = false
	if err := db.Sync(); err != nil {
		db.Close()
		return &WriteError{Path: s.path, Err: err}
	}
	if err := os.Chmod(tmp, s.file.Mode().Perm()); err != nil {
		db.Close()
		return &WriteError{Path: s.path, Err: err}
	}
	if err := s.stillThere(); err != nil {
		db.Close()
		return err
	}
	if err := s.swap(staged, target); err != nil {
		return err
	}
	placed = true
	return nil
}

// stageCopy writes a consistent copy of the store to a new owner-only file
// in dir, synced to disk, and returns its path.
func (s *Store) stageCopy(dir, base string) (string, error) {
	f, err := os.CreateTemp(dir, "."+base+stageInfix+"*.tmp")
	if err != nil {
		return "", &WriteError{Path: s.path, Err: err}
	}
	tmp := f.Name()
	_, err = s.WriteBackup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		var de *DamagedError
		if errors.As(err, &de) {
			return "", err
		}
		return "", &WriteError{Path: s.path, Err: fmt.Errorf("copy the store: %w", err)}
	}
	return tmp, nil
}

// removeStaged removes the staged copies of the store base in dir.
func removeStaged(dir, base string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	prefix := "." + base + stageInfix
	for _, e := range entries {
		if name := e.Name(); strings.HasPrefix(name, prefix) && strings.HasSuffix(name, ".tmp") && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}
