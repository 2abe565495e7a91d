// Package store keeps Engage's data in a single bbolt file.
//
// # Safety
//
// Every change is one bbolt transaction, synced to disk before Update
// returns. Before bbolt maps an existing file, [Preflight] checks its header
// pages and a walk checks every page of its tree, so that a truncated or
// overwritten file gives a clear error instead of crashing the process. The
// walk is skipped when the file is exactly as Engage last verified it: a
// clean close records its fingerprint beside it ([VerifiedPath]; the
// argument is in docs/store-safety.md). [Store.Check] is the full check on
// demand. A second process gets a [LockedError] within about a second.
//
// # Schema
//
// The store records its format version. Opening an older store runs the
// migrations in one transaction after an automatic backup; a store from a
// newer Engage is refused with a [TooNewError] and left untouched.
//
// # Backups
//
// [Store.BackupTo] writes a consistent copy while the store is in use, and
// Engage keeps the last few automatic backups in a folder beside the store
// (see [BackupDir]).
//
// # Permissions and leftovers
//
// On Unix, [Open] refuses a store that another user owns or that lies in a
// folder anyone may write to ([InsecureError]; Options.AllowInsecure
// insists), makes an own store and its backups folder private again (0600,
// 0700), and removes the temporary copies a killed restore, backup or demo left
// beside the store or in the backups folder; Options.Notify hears of each.
// With ReadOnly, a missing store is a [NotFoundError] and nothing is
// created.
package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// SchemaVersion is the store format this Engage writes.
//
//   - 1: one JSON record per answer.
//   - 2: each participant's answers in one compact record, comments apart,
//     and each site's figures kept (see package workbook's answers.go and
//     kept.go).
//   - 3: an action's review notes are its review log (see package
//     workbook's actions.go); an action may be dropped.
//   - 4: an assessment keeps a log: completed, reopened and why, and the
//     changes made after answers were given (see package workbook's
//     rounds.go).
const SchemaVersion = 4

// metaBucket holds the store's own records: its format and owner.
const metaBucket = "engage"

var (
	keySchema = []byte("schema")
	keyApp    = []byte("app")
	appName   = []byte("engage")
)

// migration upgrades the store by one schema version inside tx.
type migration func(tx *bolt.Tx) error

// migrations[i] upgrades a store from schema i+1 to i+2.
var migrations = []migration{upgradeTo2, upgradeTo3, upgradeTo4}

// upgradeTo2 packs each participant's answers into one record and counts
// each site's kept figures, then drops format 1's collection of answers.
func upgradeTo2(tx *bolt.Tx) error {
	if err := workbook.UpgradeAnswers(boltTx{tx}); err != nil {
		return err
	}
	if tx.Bucket([]byte(workbook.BucketResponses)) == nil {
		return nil
	}
	return tx.DeleteBucket([]byte(workbook.BucketResponses))
}

// upgradeTo3 moves each action's review notes into its review log. An
// older Engage, which knows neither the log nor the dropped status, would
// lose them on its next save of the action: it refuses the store instead.
func upgradeTo3(tx *bolt.Tx) error { return workbook.UpgradeInterventions(boltTx{tx}) }

// upgradeTo4 changes no record: an assessment of format 3 has an empty
// log. It is a format of its own because an older Engage, which knows no
// log, would drop it the next time it saved the assessment (when its
// partnership is selected, say): it refuses a store of format 4 instead.
func upgradeTo4(*bolt.Tx) error { return nil }

// Options tune [Open].
type Options struct {
	// ReadOnly opens an existing store without taking the write lock. A
	// missing store is then a [NotFoundError] instead of being created, and
	// no folder is made: commands that only read use it, so that a
	// mistyped --db creates nothing.
	ReadOnly bool
	// Timeout is how long to wait for another process to let go of the
	// store (default 1s).
	Timeout time.Duration
	// Now is the clock for backup names (default time.Now).
	Now func() time.Time
	// KeepBackups is how many automatic backups to keep (default 5).
	KeepBackups int
	// AllowInsecure opens a store that belongs to another user, or whose
	// folder anyone may write to, instead of refusing it with an
	// [InsecureError] (engage --insecure-store).
	AllowInsecure bool
	// Notify is told, in a sentence each, what Open did to the files
	// around the store that the user should hear of: permissions made
	// private, temporary copies left by a killed engage removed or found.
	// Nil discards them.
	Notify func(string)

	migrations []migration // for tests; nil means the package's list
	// inspect opens a file only to check it (a backup being verified): it
	// is not the user's store, so the permission policy and the tidying
	// of leftovers do not apply.
	inspect bool
	// policy replaces the system's permission facts, for tests.
	policy *policy
	// walked is told each time Open walks the whole file, for tests.
	walked func()
}

// Store is an open Engage store.
type Store struct {
	db   *bolt.DB
	path string
	opts Options
	// file is the store file as it was opened, to notice when the path no
	// longer leads to it.
	file os.FileInfo

	// c is the chain of custody that lets Close record the verified
	// state (see verified.go). It is never nil.
	c *custody
	// record is set for the user's store (not a backup being inspected
	// or a staged copy): its verified state is written on a clean close.
	record bool
}

// custody follows who wrote the store file while it is open: mu keeps one
// change at a time; last is the file as this process's last commit (or
// the open) left it; tainted says it changed in a way this process did not
// make, or a commit failed, so its state is not recorded at close.
type custody struct {
	mu      sync.Mutex
	last    os.FileInfo
	tainted atomic.Bool
	closed  bool
}

var _ workbook.Store = (*Store)(nil)

// Open opens the store at path, creating it (mode 0600, parent folders
// 0700) when it does not exist, unless opts.ReadOnly.
//
// On Unix, before it reads the file, Open refuses a store that belongs to
// another user or lies in a folder anyone may write to (an
// [InsecureError]), makes an own store and its backups folder private
// (0600, 0700) when they are not, and removes the temporary copies that a
// killed restore, backup or demo left beside it; opts.Notify hears of each.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.KeepBackups <= 0 {
		opts.KeepBackups = 5
	}
	if opts.migrations == nil {
		opts.migrations = migrations
	}
	if opts.Notify == nil {
		opts.Notify = func(string) {}
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) && opts.ReadOnly {
		return nil, &NotFoundError{Path: path}
	}
	if !opts.inspect {
		if err := opts.securePolicy().check(path, opts.AllowInsecure, opts.Notify); err != nil {
			return nil, err
		}
		tidy(path, opts.Notify)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create the store folder: %w", err)
		}
	case err != nil:
		return nil, fmt.Errorf("open store: %w", err)
	case info.IsDir():
		return nil, &DamagedError{Path: path, Reason: "it is a folder, not a store file", Foreign: true}
	}
	db, err := verifyAndOpen(path, info != nil, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, opts: opts, c: &custody{}, record: !opts.inspect}
	if s.file, err = os.Stat(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	// Where the chain of custody starts (see Close); prepare's own writes
	// (a new store, an upgrade) carry it on.
	s.c.last = s.file
	if err := s.prepare(); err != nil {
		db.Close()
		var up *needsUpgrade
		if errors.As(err, &up) && !opts.inspect {
			return upgradeThenOpen(path, opts, up)
		}
		return nil, err
	}
	// Where the chain of custody starts: from here on only this
	// process's commits may change the file (see Close).
	if s.c.last, err = os.Stat(path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// needsUpgrade is prepare's answer for a store of an older format opened
// read-only.
type needsUpgrade struct{ from, to int }

func (e *needsUpgrade) Error() string {
	return fmt.Sprintf("the store needs upgrading from format %d to %d", e.from, e.to)
}

// upgradeThenOpen upgrades an older store that a read-only command opened
// (a new Engage reading a store the old one wrote: the user asked for
// nothing to be written, but cannot read it otherwise), then opens it
// read-only as asked. The upgrade is the same as a writable open's: backup
// first, all or nothing; opts.Notify hears of it.
func upgradeThenOpen(path string, opts Options, up *needsUpgrade) (*Store, error) {
	w := opts
	w.ReadOnly = false
	s, err := Open(path, w)
	if err != nil {
		var ro *ReadOnlyError
		if errors.As(err, &ro) {
			return nil, fmt.Errorf("the store %s was written by an older Engage and must be upgraded from format %d to %d before it can be read, but it cannot be written here: %w", path, up.from, up.to, err)
		}
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	opts.Notify(fmt.Sprintf("upgraded the store %s from format %d to %d (a backup of the old one is in %s)", path, up.from, up.to, BackupDir(path)))
	return Open(path, opts)
}

// verifyAndOpen opens the file at path with bbolt, once verify has found
// an existing one safe to map. It checks again, under bbolt's lock, that
// the file is still the one verified, since another engage could have
// written it in the moment between the two locks; then it verifies again.
func verifyAndOpen(path string, exists bool, opts Options) (*bolt.DB, error) {
	for range 3 {
		var st state
		var vouched bool
		if exists {
			var err error
			if st, vouched, err = verify(path, opts); err != nil {
				return nil, err
			}
		}
		db, err := openBolt(path, opts)
		if err != nil {
			return nil, openError(path, err)
		}
		if !vouched || stillVerified(path, st) {
			return db, nil
		}
		db.Close()
		exists = true
	}
	return nil, &LockedError{Path: path}
}

// securePolicy is the permission policy Open applies.
func (o Options) securePolicy() policy {
	if o.policy != nil {
		return *o.policy
	}
	return systemPolicy()
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return &LockedError{Path: path}
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return &DamagedError{Path: path, Reason: err.Error()}
	case errors.Is(err, fs.ErrPermission), isReadOnlyFS(err):
		return &ReadOnlyError{Path: path, Err: err}
	}
	return fmt.Errorf("open store %s: %w", path, err)
}

// prepare checks that the file is an Engage store of a known schema,
// initialising a new one and migrating an old one.
func (s *Store) prepare() (err error) {
	defer s.recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	var schema int
	var foreign bool
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(metaBucket))
		if b == nil {
			// A fresh file has no buckets at all; anything else is not ours.
			foreign = tx.ForEach(func([]byte, *bolt.Bucket) error { return errStop }) != nil
			return nil
		}
		if !bytes.Equal(b.Get(keyApp), appName) {
			foreign = true
			return nil
		}
		v := b.Get(keySchema)
		if len(v) > 8 {
			return &DamagedError{Path: s.path, Reason: "its format version is unreadable"}
		}
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 {
			return &DamagedError{Path: s.path, Reason: "its format version is unreadable"}
		}
		schema = n
		return nil
	})
	if err != nil {
		return err
	}
	latest := len(s.opts.migrations) + 1
	switch {
	case foreign:
		return &DamagedError{Path: s.path, Reason: "it is a database, but not an Engage store", Foreign: true}
	case schema > latest:
		return &TooNewError{Path: s.path, Schema: schema, Known: latest}
	case schema == latest:
		return nil
	case s.opts.ReadOnly:
		if schema == 0 {
			return &DamagedError{Path: s.path, Reason: "it is an empty database, not an Engage store", Foreign: true}
		}
		if s.opts.inspect {
			// A backup of an older format is sound as it is: restored, it
			// is upgraded by the next open, as the store it was.
			return nil
		}
		return &needsUpgrade{from: schema, to: latest}
	case schema == 0:
		return s.db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte(metaBucket))
			if err != nil {
				return err
			}
			if err := b.Put(keyApp, appName); err != nil {
				return err
			}
			return b.Put(keySchema, []byte(strconv.Itoa(latest)))
		})
	}
	// An older store: back it up, then run every step in one transaction,
	// so it ends either fully migrated or exactly as it was.
	if _, err := s.AutoBackup(fmt.Sprintf("before-upgrade-v%d", schema)); err != nil {
		return fmt.Errorf("back up before upgrading the store: %w", err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		for v := schema; v < latest; v++ {
			if err := s.opts.migrations[v-1](tx); err != nil {
				return fmt.Errorf("upgrade the store from format %d to %d: %w", v, v+1, err)
			}
		}
		return tx.Bucket([]byte(metaBucket)).Put(keySchema, []byte(strconv.Itoa(latest)))
	})
	if err != nil {
		return err
	}
	// The upgrade is this process's own write, under its lock.
	if info, err := os.Stat(s.path); err == nil {
		s.c.last = info
	}
	// An upgrade rewrites most records, and bbolt keeps the pages it
	// freed: write the store afresh, compact. It is upgraded either way.
	if err := s.compact(); err != nil {
		s.opts.Notify(fmt.Sprintf("the store %s is upgraded, but could not be made smaller: %v", s.path, err))
	}
	return nil
}

var errStop = errors.New("stop")

// Path returns the store's file path.
// stillThere checks that the store's path still leads to the file engage
// opened. On Unix a file removed or replaced while open stays writable
// through the open handle, so changes would be committed to a file nobody
// can open again: refuse them instead.
//
// It is also the first link of the chain of custody: a file that changed
// since this process's last commit was written by someone else.
func (s *Store) stillThere() error {
	now, err := os.Stat(s.path)
	if err == nil && os.SameFile(now, s.file) {
		if !sameWrites(now, s.c.last) {
			s.c.tainted.Store(true)
		}
		return nil
	}
	s.c.tainted.Store(true)
	if err == nil {
		err = errors.New("another file has taken its place")
	} else if errors.Is(err, fs.ErrNotExist) {
		err = errors.New("the file was removed while engage had it open")
	}
	return &WriteError{Path: s.path, Err: err}
}

// openBolt opens the file with bbolt, turning a panic while bbolt reads
// its header and free list into a DamagedError.
func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	s := &Store{path: path}
	defer s.recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly})
	if err == nil {
		// bbolt grows a file past 16 MiB by 16 MiB at a time; a store
		// grows slowly (an answer is a few bytes), so 4 MiB is ample
		// and keeps a large store's file near what it holds.
		db.AllocSize = allocSize
	}
	return db, err
}

// allocSize is how much a store file past that size grows at a time.
const allocSize = 4 << 20

func (s *Store) Path() string { return s.path }

// Close releases the store. A writable store that only this process has
// written since it was verified gets its verified state recorded first,
// while the lock is still held, so that the next open need not walk it.
//
// A commit that slips in after the record (another goroutine's) only makes
// it stale: the next open then walks.
func (s *Store) Close() error {
	s.c.mu.Lock()
	if s.record && !s.opts.ReadOnly && !s.c.closed {
		s.recordClean()
	}
	s.c.closed = true
	s.c.mu.Unlock()
	return s.db.Close()
}

// recordClean records the verified state of the store at close, when the
// chain of custody holds: every change since the file was verified (or
// created) was a commit of this process, and nothing wrote it after the
// last one.
func (s *Store) recordClean() {
	f, err := os.Open(s.path)
	if err != nil {
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || s.c.tainted.Load() || !os.SameFile(info, s.file) || !sameWrites(info, s.c.last) {
		if err == nil && os.SameFile(info, s.file) {
			forgetVerified(s.path)
		}
		return
	}
	if st, ok, err := stateOf(f); err == nil && ok && !matchesVerified(s.path, st) {
		recordVerified(s.path, st)
	}
}

// noteCommit moves the chain of custody on past a commit of this process.
func (s *Store) noteCommit() {
	now, err := os.Stat(s.path)
	if err != nil || !os.SameFile(now, s.file) {
		s.c.tainted.Store(true)
		return
	}
	s.c.last = now
}

// View runs fn in a read-only transaction.
func (s *Store) View(fn func(workbook.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// Update runs fn in a read-write transaction and commits it, synced to
// disk, when fn returns nil.
func (s *Store) Update(fn func(workbook.Tx) error) (err error) {
	defer s.recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	s.c.mu.Lock()
	defer s.c.mu.Unlock()
	if err := s.stillThere(); err != nil {
		return err
	}
	var fnErr error
	clean := false
	defer func() {
		// A commit that failed or panicked may have written pages: the
		// file is no longer known to be only what bbolt committed.
		if !clean {
			s.c.tainted.Store(true)
		}
	}()
	err = s.db.Update(func(tx *bolt.Tx) error {
		fnErr = fn(boltTx{tx})
		return fnErr
	})
	switch {
	case err == nil:
		s.noteCommit()
		clean = true
	case fnErr != nil && errors.Is(err, fnErr):
		clean = true // rolled back: nothing was written
	}
	if err != nil && fnErr == nil {
		// The change was fine but committing it failed: the disk.
		var pathErr *fs.PathError
		if isDiskFull(err) || errors.As(err, &pathErr) || errors.Is(err, bolt.ErrDatabaseNotOpen) {
			return &WriteError{Path: s.path, Err: err}
		}
	}
	return err
}

// recoverDamage turns a panic inside bbolt (which it raises on pages it
// cannot make sense of, and which a read past the end of its memory map
// becomes under debug.SetPanicOnFault) into a DamagedError. Panics from Engage's own code
// are not bbolt's and are re-raised.
func (s *Store) recoverDamage(err *error) {
	r := recover()
	if r == nil {
		return
	}
	if !isBoltPanic() && !isMapFault(r) {
		panic(r)
	}
	s.damaged()
	*err = &DamagedError{Path: s.path, Reason: fmt.Sprintf("a page could not be read (%v)", r)}
}

// isBoltPanic reports whether the panic being recovered was raised in
// bbolt's code: the first frame past the runtime's panic machinery is
// bbolt's.
func isBoltPanic() bool {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	seenPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			seenPanic = true
		case seenPanic && isStdlib(f.Function):
			// runtime, bytes, sort...: bbolt calls them with its pages.
		case seenPanic:
			return strings.HasPrefix(f.Function, "go.etcd.io/bbolt")
		}
		if !more {
			return false
		}
	}
}

// isMapFault reports whether r is a memory fault at an address far from
// nil: with debug.SetPanicOnFault, reading a damaged store's memory map past
// its end (bbolt hands out slices of the map) panics with such an error
// wherever the bytes are used, in bbolt, encoding/json or Engage's own
// decoding. Engage has no unsafe code of its own, so a fault there comes
// from the file; a nil dereference (a low address) is a bug and re-raised.
func isMapFault(r any) bool {
	err, ok := r.(runtime.Error)
	if !ok {
		return false
	}
	addr, ok := err.(interface{ Addr() uintptr })
	return ok && addr.Addr() >= 1<<16
}

// isStdlib reports whether a function name (as in runtime.Frame) belongs to
// the standard library: its import path has no dot in its first element.
func isStdlib(function string) bool {
	path := function
	if i := strings.LastIndex(path, "/"); i >= 0 {
		path = path[:i]
	} else if i := strings.Index(path, "."); i >= 0 {
		path = path[:i]
	}
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// Check walks every page of the store and reports the first inconsistency.
//
// The file is walked with ordinary reads first (see walkFile), so that a
// damaged pointer is reported rather than faulting inside bbolt's checker.
func (s *Store) Check() (err error) {
	if err := walkFile(s.path); err != nil {
		s.damaged()
		return err
	}
	defer s.recoverDamage(&err)
	check := func(tx *bolt.Tx) error {
		var first error
		for cerr := range tx.Check() {
			if first == nil {
				first = &DamagedError{Path: s.path, Reason: cerr.Error()}
			}
		}
		if first == nil {
			first = errChecked
		}
		return first
	}
	// bbolt's checker reads the database's live freelist, so a write
	// committing while it runs in a read transaction makes a page the
	// reader can still reach look freed ("reachable freed") though nothing
	// is damaged. A writable store is checked inside a write transaction,
	// which no other write can overlap, and rolled back; a read-only one
	// has no writer in this process, and the lock keeps others out.
	if s.opts.ReadOnly {
		err = s.db.View(check)
	} else {
		err = s.db.Update(check)
	}
	if errors.Is(err, errChecked) {
		return nil
	}
	if errors.As(err, new(*DamagedError)) {
		s.damaged()
	}
	return err
}

// damaged notes that the store was found damaged: its verified state, if
// any, no longer holds, and none is recorded at close.
func (s *Store) damaged() {
	if s.c == nil {
		return
	}
	s.c.tainted.Store(true)
	if now, err := os.Stat(s.path); s.record && err == nil && os.SameFile(now, s.file) {
		forgetVerified(s.path)
	}
}

// errChecked ends the transaction of a check that found nothing, so that
// the write transaction it runs in is rolled back.
var errChecked = errors.New("checked")

// boltTx adapts a bbolt transaction to the domain's Tx.
type boltTx struct{ tx *bolt.Tx }

func (t boltTx) Get(b workbook.Bucket, key string) []byte {
	bk := t.tx.Bucket([]byte(b))
	if bk == nil {
		return nil
	}
	return bk.Get([]byte(key))
}

func (t boltTx) Put(b workbook.Bucket, key string, value []byte) error {
	bk, err := t.tx.CreateBucketIfNotExists([]byte(b))
	if err != nil {
		return err
	}
	// Keys are written in runs of one site's (an import, the demo, the
	// upgrade), so pages that split can be left fuller than bbolt's half.
	bk.FillPercent = fillPercent
	return bk.Put([]byte(key), value)
}

// fillPercent is how full a page is left when it splits.
const fillPercent = 0.9

func (t boltTx) Delete(b workbook.Bucket, key string) error {
	bk := t.tx.Bucket([]byte(b))
	if bk == nil {
		return nil
	}
	return bk.Delete([]byte(key))
}

func (t boltTx) ForEach(b workbook.Bucket, prefix string, fn func(string, []byte) error) error {
	bk := t.tx.Bucket([]byte(b))
	if bk == nil {
		return nil
	}
	c := bk.Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if err := fn(string(k), v); err != nil {
			return err
		}
	}
	return nil
}
