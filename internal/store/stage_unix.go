//go:build !windows

package store

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/engage-toolkit/engage/internal/atomicfile"
)

// swap renames the staged copy over the store at target and carries on
// with it. The copy is open and locked while it is renamed, so the lock
// passes from the old file to the new one with no moment in between for
// another process to take.
func (s *Store) swap(staged *Store, target string) error {
	if err := os.Rename(staged.path, target); err != nil {
		staged.db.Close()
		return &WriteError{Path: s.path, Err: err}
	}
	old := s.db
	s.db, s.file = staged.db, staged.file
	if info, err := os.Stat(target); err == nil {
		s.file = info
	}
	old.Close() // nothing is pending on it; closing lets go of the old file
	if err := atomicfile.SyncDir(filepath.Dir(target)); err != nil {
		return fmt.Errorf("the change is in place in %s, but its folder could not be synced to disk: %w", s.path, err)
	}
	return nil
}
