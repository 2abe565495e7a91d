package store

import (
	"errors"
	"fmt"
	"github.com/engage-toolkit/engage/internal/atomicfile"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BackupDir returns the folder that holds the automatic backups of the
// store at path: "<path>.backups" beside it.
func BackupDir(path string) string { return path + ".backups" }

// WriteBackup writes a consistent copy of the whole store to w. It runs in a
// read transaction, so the store stays usable meanwhile.
func (s *Store) WriteBackup(w io.Writer) (n int64, err error) {
	defer s.recoverDamage(&err)
	err = s.db.View(func(tx *bolt.Tx) error {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupTo writes a consistent copy of the store to the file dst, created
// 0600. The copy is written beside dst and renamed into place once it is on
// disk, so dst is never left half-written.
func (s *Store) BackupTo(dst string) error {
	return atomicfile.Write(dst, 0o600, func(f io.Writer) error {
		_, err := s.WriteBackup(f)
		return err
	})
}

// AutoBackup writes an automatic backup into [BackupDir], named by the time
// and reason, and removes all but the newest few. It returns the backup's
// path.
func (s *Store) AutoBackup(reason string) (string, error) {
	dir := BackupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the backup folder: %w", err)
	}
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	stamp := s.opts.Now().UTC().Format("20060102T150405.000Z")
	name := filepath.Join(dir, fmt.Sprintf("%s-%s-%s.db", base, stamp, reason))
	if err := s.BackupTo(name); err != nil {
		return "", err
	}
	return name, s.pruneBackups(dir)
}

// AutoBackups lists the automatic backups of the store at path, oldest
// first.
func AutoBackups(path string) ([]string, error) {
	entries, err := os.ReadDir(BackupDir(path))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".db") {
			out = append(out, filepath.Join(BackupDir(path), e.Name()))
		}
	}
	sort.Strings(out) // names carry a sortable timestamp
	return out, nil
}

func (s *Store) pruneBackups(dir string) error {
	all, err := AutoBackups(s.path)
	if err != nil {
		return err
	}
	for len(all) > s.opts.KeepBackups {
		if err := os.Remove(all[0]); err != nil {
			return fmt.Errorf("remove an old backup: %w", err)
		}
		all = all[1:]
	}
	return nil
}

// AutoBackupIfOlder takes an automatic backup when the newest one is older
// than age (or there is none) and the store holds any data.
func (s *Store) AutoBackupIfOlder(age time.Duration, reason string) error {
	all, err := AutoBackups(s.path)
	if err != nil {
		return err
	}
	if len(all) > 0 {
		if info, err := os.Stat(all[len(all)-1]); err == nil && s.opts.Now().Sub(info.ModTime()) < age {
			return nil
		}
	}
	_, err = s.AutoBackup(reason)
	return err
}

// VerifyFile checks that the file at path is an intact Engage store that
// this version can read: the header, every page, and the format version
// (an older one is fine: the store is upgraded when it is next opened).
func VerifyFile(path string) error {
	if err := Preflight(path); err != nil {
		var de *DamagedError
		if errors.As(err, &de) {
			de.Reason = strings.Replace(de.Reason, "it is not an Engage store", "it is not an Engage store or backup", 1)
		}
		return err
	}
	s, err := Open(path, Options{ReadOnly: true, inspect: true})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Check()
}

// Restore replaces the store at dst with the backup at src. The backup is
// verified first; the current store (if any) is backed up automatically;
// then the copy is written beside dst and renamed over it. dst must not be
// open in this process.
func Restore(src, dst string, opts Options) (previous string, err error) {
	if err := VerifyFile(src); err != nil {
		return "", &BackupError{Err: err}
	}
	if _, err := os.Stat(dst); errors.Is(err, os.ErrNotExist) {
		// Restoring is one way to start a store: check where it goes and
		// make its folder, as Open would.
		if opts.Notify == nil {
			opts.Notify = func(string) {}
		}
		if err := opts.securePolicy().check(dst, opts.AllowInsecure, opts.Notify); err != nil {
			return "", err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return "", fmt.Errorf("create the store folder: %w", err)
		}
	} else if err == nil {
		cur, err := Open(dst, opts)
		var de *DamagedError
		switch {
		case errors.As(err, &de):
			// A damaged store is what restoring is for: keep a copy of the
			// file as it is, then replace it.
			previous, err = keepDamaged(dst, opts)
			if err != nil {
				return "", err
			}
		case err != nil:
			return "", err
		default:
			previous, err = cur.AutoBackup("before-restore")
			cerr := cur.Close()
			if err != nil {
				return "", err
			}
			if cerr != nil {
				return "", cerr
			}
		}
	}
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	err = atomicfile.Write(dst, 0o600, func(f io.Writer) error {
		_, err := io.Copy(f, in)
		return err
	})
	return previous, err
}

// keepDamaged copies a damaged store file into the backup folder byte for
// byte, so restoring over it loses nothing that could still be rescued.
func keepDamaged(path string, opts Options) (string, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	dir := BackupDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	name := filepath.Join(dir, fmt.Sprintf("%s-%s-damaged.db.keep", base, opts.Now().UTC().Format("20060102T150405.000Z")))
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	return name, atomicfile.Write(name, 0o600, func(f io.Writer) error {
		_, err := io.Copy(f, in)
		return err
	})
}
