//go:build windows

package store

import "os"

// swap renames the staged copy over the store at target and carries on
// with it. Windows renames neither an open file nor over one, so both are
// closed first and the new one opened again: another process could take
// the lock in between, and is then the one to use the new store.
func (s *Store) swap(staged *Store, target string) error {
	staged.db.Close()
	s.db.Close()
	renameErr := os.Rename(staged.path, target)
	db, err := openBolt(target, s.opts)
	if err != nil {
		return openError(target, err)
	}
	s.db = db
	if info, err := os.Stat(target); err == nil {
		s.file = info
	}
	if renameErr != nil {
		return &WriteError{Path: s.path, Err: renameErr}
	}
	return nil
}
