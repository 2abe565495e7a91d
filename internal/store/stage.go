package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/engage-toolkit/engage/internal/workbook"
)

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
// The copy is owner-only and named as atomicfile names its temporary
// files (".NAME.NNN.tmp"), and it is held (locked) while in use: one that a
// kill left is removed, and the user told, the next time the store is
// opened, while one in use is left alone by any engage that opens the
// store meanwhile.
//
// Nothing else may use s while Replace runs; afterwards s is the new store.
// The staged store given to fn is not to be kept: its writes are refused
// once it has taken the store's place.
func (s *Store) Replace(fn func(staged workbook.Store) error) error {
	return s.replace(s.stageCopy, func(staged *Store) error { return fn(staged) })
}

// compact rewrites the store into a fresh file, its pages full and in key
// order, which then takes the store's place as in Replace: after an
// upgrade that freed most of the file.
func (s *Store) compact() error {
	return s.replace(stageEmpty, func(staged *Store) error {
		return bolt.Compact(staged.db, s.db, 64<<20)
	})
}

// replace is Replace, with the staged file made by stage.
func (s *Store) replace(stage func(dir, base string) (string, os.FileInfo, error), fn func(staged *Store) error) error {
	s.c.mu.Lock()
	err := s.stillThere()
	s.c.mu.Unlock()
	if err != nil {
		return err
	}
	// The rename must replace the file, not a link to it.
	target, err := filepath.EvalSymlinks(s.path)
	if err != nil {
		return &WriteError{Path: s.path, Err: err}
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	if target != s.path {
		// Open tidied beside the link; the copies are made beside the file.
		tidy(target, s.opts.Notify)
	}
	tmp, copied, err := stage(dir, base)
	if err != nil {
		return err
	}
	placed := false
	defer func() {
		if !placed {
			os.Remove(tmp)
		}
	}()
	// bbolt's own lock holds the copy from here on.
	db, err := openBolt(tmp, s.opts)
	if err != nil {
		return openError(tmp, err)
	}
	if now, err := os.Stat(tmp); err != nil || !os.SameFile(now, copied) {
		// Removed, as a leftover, in the moment between the copy's hold
		// and bbolt's lock: what bbolt opened is not the copy.
		db.Close()
		return &WriteError{Path: s.path, Err: errors.New("its staged copy was removed by another engage; do it again")}
	}
	// Nothing in the copy counts until it is renamed into place, so its
	// commits are not synced one by one: one sync before the rename makes
	// them all durable.
	db.NoSync = true
	staged := &Store{db: db, path: tmp, opts: s.opts, c: &custody{}}
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
	s.c.mu.Lock()
	err = s.stillThere()
	s.c.mu.Unlock()
	if err != nil {
		db.Close()
		return err
	}
	if err := s.swap(staged, target); err != nil {
		s.c.tainted.Store(true)
		return err
	}
	// The new file is this process's own, written by its bbolt from the
	// verified one: the chain of custody carries on with it.
	s.c.mu.Lock()
	s.c.last = s.file
	s.c.mu.Unlock()
	placed = true
	return nil
}

// stageEmpty makes a new, empty owner-only file in dir, held as
// stageCopy's is, for a store to be written into.
func stageEmpty(dir, base string) (string, os.FileInfo, error) {
	return stageFile(dir, base, func(*os.File) error { return nil })
}

// stageCopy writes a consistent copy of the store to a new owner-only file
// in dir, synced to disk, and returns its path and what it is. The file is
// held while it is written (see atomicfile.CleanLeftovers).
func (s *Store) stageCopy(dir, base string) (string, os.FileInfo, error) {
	tmp, info, err := stageFile(dir, base, func(f *os.File) error {
		if _, err := s.WriteBackup(f); err != nil {
			return err
		}
		return f.Sync()
	})
	if err != nil {
		var de *DamagedError
		if errors.As(err, &de) {
			return "", nil, err
		}
		return "", nil, &WriteError{Path: s.path, Err: fmt.Errorf("copy the store: %w", err)}
	}
	return tmp, info, nil
}

// stageFile makes a new owner-only file in dir named as atomicfile names
// its temporary files, holds it, lets fill write it, and returns its path
// and what it is; on an error the file is gone.
func stageFile(dir, base string, fill func(*os.File) error) (string, os.FileInfo, error) {
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return "", nil, err
	}
	tmp := f.Name()
	err = holdFile(f)
	if err == nil {
		err = fill(f)
	}
	var info os.FileInfo
	if err == nil {
		info, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", nil, err
	}
	return tmp, info, nil
}
