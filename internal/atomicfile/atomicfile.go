// Package atomicfile writes a file whole or not at all: the bytes go to a
// temporary file in the same folder, which is synced and renamed over the
// target only when it is complete. A reader (or a crash) sees the old file
// or the whole new one, never a part, and a failed write leaves nothing
// behind. Reports, bundles, CSV files and store backups are written this
// way.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// File is a file being written. Write to it, then Commit; Abort (safe to
// defer, and a no-op after Commit) removes it. Its temporary file is
// created readable by the user only and held while it is written, so that
// [CleanLeftovers] leaves it alone.
type File struct {
	f         *os.File
	hold      io.Closer // keeps CleanLeftovers off the temporary file
	path, tmp string
	closed    bool
}

var _ io.Writer = (*File)(nil)

// Create starts writing path, with permissions mode once committed. The
// temporary file is created readable by the user only, whatever mode is,
// so that personal data is never readable by others while it is written.
//
// A target that exists and is not a regular file (a folder, a device such
// as /dev/null, a named pipe, a socket) is refused with a [TargetError]:
// renaming over it would replace the device or pipe with a plain file.
func Create(path string, mode os.FileMode) (*File, error) {
	if err := CheckTarget(path); err != nil {
		return nil, err
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	// What an earlier write of the same file left when it was killed.
	CleanLeftovers(dir, base)
	for range 3 {
		// CreateTemp makes the file 0600: never readable by others, even
		// for the moment before the Chmod below.
		f, err := os.CreateTemp(dir, "."+base+".*.tmp")
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", path, Cause(err))
		}
		a := &File{f: f, path: path, tmp: f.Name()}
		hold, ok, err := holdTemp(f)
		if err == nil && ok {
			a.hold = hold
			err = f.Chmod(mode & 0o600)
		}
		if err != nil {
			a.Abort()
			return nil, fmt.Errorf("cannot write %s: %w", path, Cause(err))
		}
		if ok {
			return a, nil
		}
		// Another engage cleaning leftovers removed it before it was
		// held: make another.
		a.Abort()
	}
	return nil, fmt.Errorf("cannot write %s: its temporary file kept disappearing", path)
}

// TargetError is returned when the file to write exists and is not a
// regular file: a folder, a device, a named pipe or a socket. Nothing was
// written.
type TargetError struct {
	Path string
	// Kind says what the target is: "a folder", "a device", ...
	Kind string
}

func (e *TargetError) Error() string {
	if e.Kind == "a folder" {
		return fmt.Sprintf("cannot write %s: it is a folder", e.Path)
	}
	return fmt.Sprintf("cannot write %s: it is %s, not a regular file", e.Path, e.Kind)
}

// Hint says what the user can do about it.
func (e *TargetError) Hint() string {
	if e.Kind == "a folder" {
		return "give a file name"
	}
	return "give the name of a regular file (engage replaces a file whole; it does not write into devices or pipes)"
}

// CheckTarget returns a [TargetError] when path exists and is not a
// regular file (following a symbolic link), and nil otherwise: a missing
// path is a file to create.
func CheckTarget(path string) error {
	info, err := os.Stat(path)
	if err != nil || info.Mode().IsRegular() {
		return nil
	}
	return &TargetError{Path: path, Kind: kindOf(info.Mode())}
}

func kindOf(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&(os.ModeDevice|os.ModeCharDevice) != 0:
		return "a device"
	}
	return "a special file"
}

// Path is the file's final name.
func (a *File) Path() string { return a.path }

// Write writes to the temporary file.
func (a *File) Write(p []byte) (int, error) { return a.f.Write(p) }

// Finish syncs and closes the temporary file and gives it mode, without
// putting it in place: a caller writing several files finishes them all
// before it renames any (see Rename).
func (a *File) Finish(mode os.FileMode) error {
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	a.closed = true
	if err == nil {
		err = os.Chmod(a.tmp, mode)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", a.path, Cause(err))
	}
	return nil
}

// Rename puts a finished file in place and syncs its folder, so that the
// rename survives a crash.
func (a *File) Rename() error {
	if err := os.Rename(a.tmp, a.path); err != nil {
		return fmt.Errorf("cannot write %s: %w", a.path, Cause(err))
	}
	a.tmp = ""
	a.release()
	return SyncDir(filepath.Dir(a.path))
}

// release lets go of the hold on the temporary file.
func (a *File) release() {
	if a.hold != nil {
		a.hold.Close()
		a.hold = nil
	}
}

// RenameNew puts a finished file in place only if nothing is at its name,
// and otherwise leaves what is there and returns an error that wraps
// fs.ErrExist: a file that must never be replaced (a secret key) is
// written so. Where the file system can make a hard link, the check and
// the placing are one step; where it cannot (FAT), the name is checked
// just before the rename.
func (a *File) RenameNew() error {
	err := os.Link(a.tmp, a.path)
	switch {
	case err == nil:
		os.Remove(a.tmp)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("cannot write %s: %w", a.path, fs.ErrExist)
	default:
		if _, serr := os.Lstat(a.path); serr == nil {
			return fmt.Errorf("cannot write %s: %w", a.path, fs.ErrExist)
		}
		if err := os.Rename(a.tmp, a.path); err != nil {
			return fmt.Errorf("cannot write %s: %w", a.path, Cause(err))
		}
	}
	a.tmp = ""
	a.release()
	return SyncDir(filepath.Dir(a.path))
}

// WriteNew writes path whole, as [Write] does, but only if nothing is at
// path: see [File.RenameNew].
func WriteNew(path string, mode os.FileMode, write func(io.Writer) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("cannot write %s: %w", path, fs.ErrExist)
	}
	a, err := Create(path, mode)
	if err != nil {
		return err
	}
	defer a.Abort()
	if err := write(a); err != nil {
		return err
	}
	if err := a.Finish(mode); err != nil {
		return err
	}
	return a.RenameNew()
}

// Commit finishes the file with mode and puts it in place.
func (a *File) Commit(mode os.FileMode) error {
	if err := a.Finish(mode); err != nil {
		return err
	}
	return a.Rename()
}

// Abort closes and removes the temporary file. It does nothing once the
// file is in place.
func (a *File) Abort() {
	if !a.closed {
		a.f.Close()
		a.closed = true
	}
	if a.tmp != "" {
		os.Remove(a.tmp)
		a.tmp = ""
	}
	a.release()
}

// Write writes path whole or not at all with what write produces.
func Write(path string, mode os.FileMode, write func(io.Writer) error) error {
	a, err := Create(path, mode)
	if err != nil {
		return err
	}
	defer a.Abort()
	if err := write(a); err != nil {
		return err
	}
	return a.Commit(mode)
}

// Cause drops the operation and the temporary file's name from a path or
// link error, which would only confuse: "permission denied" or "no space
// left on device" says it.
func Cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
