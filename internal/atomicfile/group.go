package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Group writes several files whole or not at all, together: every file is
// finished (synced and closed) before any is renamed into place, so that
// a failure while writing any of them leaves every target as it was. A
// crash between the renames can leave some renamed and some not (rename
// is atomic per file only); each file is still whole. Create the files,
// write them, then Commit; Abort (safe to defer, a no-op after Commit)
// removes what is left.
type Group struct {
	files []*File
	modes []os.FileMode
	paths map[string]bool
}

// Create starts writing path as part of the group, with permissions mode
// once committed (see [Create]). The same file twice is refused.
func (g *Group) Create(path string, mode os.FileMode) (*File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	if g.paths[abs] {
		return nil, fmt.Errorf("cannot write %s twice at once", path)
	}
	f, err := Create(path, mode)
	if err != nil {
		return nil, err
	}
	if g.paths == nil {
		g.paths = map[string]bool{}
	}
	g.paths[abs] = true
	g.files = append(g.files, f)
	g.modes = append(g.modes, mode)
	return f, nil
}

// Commit finishes every file, then renames each into place. Nothing is
// renamed unless every file was finished.
func (g *Group) Commit() error {
	for i, f := range g.files {
		if err := f.Finish(g.modes[i]); err != nil {
			return err
		}
	}
	var errs []error
	for _, f := range g.files {
		if err := f.Rename(); err != nil {
			errs = append(errs, err)
		}
	}
	g.files = nil
	return errors.Join(errs...)
}

// Abort removes every file of the group not yet in place.
func (g *Group) Abort() {
	for _, f := range g.files {
		f.Abort()
	}
	g.files = nil
}
