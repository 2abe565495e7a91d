package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A temporary file is named ".NAME.DIGITS.tmp" beside the file NAME it
// becomes. A process killed while writing (SIGKILL, a power cut) leaves it
// behind, with whatever it held: a store backup or a report is personal
// data. While a write is under way its temporary file is held (a lock on
// Unix, an open handle on Windows), so that [CleanLeftovers] can tell an
// abandoned one from one being written.

// Leftover is a temporary file that a stopped write left behind.
type Leftover struct {
	Path string
	Size int64
	// Removed says it is gone. Otherwise Busy says a live write holds it
	// (leave it be), or Err says why it could not be removed.
	Removed bool
	Busy    bool
	Err     error
}

// CleanLeftovers removes the abandoned temporary files that writes of the
// file target (a base name) left in dir, or of any file when target is
// empty, and returns what it found. Files that a write under way holds are
// left alone and returned with Busy set; where the platform cannot tell,
// nothing is removed and each is returned with Err set.
func CleanLeftovers(dir, target string) []Leftover {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []Leftover
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTempName(e.Name(), target) {
			continue
		}
		l := Leftover{Path: filepath.Join(dir, e.Name())}
		if info, err := e.Info(); err == nil {
			l.Size = info.Size()
		}
		l.Removed, l.Err = removeIfAbandoned(l.Path)
		if errors.Is(l.Err, errBusy) {
			l.Busy, l.Err = true, nil
		}
		out = append(out, l)
	}
	return out
}

// isTempName reports whether name is a temporary file of target (of any
// file when target is empty): "." + target + "." + digits + ".tmp".
func isTempName(name, target string) bool {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok || !strings.HasPrefix(rest, ".") {
		return false
	}
	i := strings.LastIndexByte(rest, '.')
	digits := rest[i+1:]
	if i <= 1 || digits == "" || strings.Trim(digits, "0123456789") != "" {
		return false
	}
	return target == "" || rest[1:i] == target
}

// errBusy is returned by removeIfAbandoned for a file a live write holds.
var errBusy = errors.New("a write under way holds it")

// errCannotTell is returned by removeIfAbandoned where the platform gives
// no way to tell an abandoned temporary file from one being written.
var errCannotTell = errors.New("cannot tell whether another engage is still writing it")

// nopCloser is a hold that holds nothing.
type nopCloser struct{}

func (nopCloser) Close() error { return nil }

var _ io.Closer = nopCloser{}
