package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/engage-toolkit/engage/internal/atomicfile"
)

// The verified state: why Open need not walk the whole file every time.
//
// The walk (walkFile) is what keeps a damaged file from faulting or hanging
// bbolt, and it reads every page: 0.6 s for a 790 MB store. But a file that
// was walked, or written only by Engage's own bbolt since it was, needs no
// second walk. So when Engage lets go of a store it knows to be sound (a
// clean close of a writable store, a successful walk) it writes down a
// fingerprint of the file, the verified state, in a small file beside it
// (VerifiedPath). Open compares the file with that fingerprint before bbolt
// maps it, under a shared lock, and walks only when they differ. See
// docs/store-safety.md for the argument and for what it cannot notice.

// VerifiedPath returns the file that records the verified state of the
// store at path: "<path>.verified" beside it. It is owner-only, written
// whole or not at all, and removing it only makes the next open walk the
// store.
func VerifiedPath(path string) string { return path + ".verified" }

// verifiedMagic starts every verified-state file; a new layout gets a new
// number and an old file then simply does not match.
const verifiedMagic = "engage verified state 1\n"

// maxVerifiedSize bounds what Open reads of the file beside the store.
const maxVerifiedSize = 1 << 10

// state is the fingerprint of a store file: which file it is, the traces
// any write leaves on it (size, modification and change times, the latter
// set by the system and not by programs), and both of bbolt's headers,
// whose transaction id grows with every commit.
type state struct {
	stamp    stamp
	size     int64
	pageSize uint32
	meta     [2]metaMark
}

// metaMark identifies one of bbolt's two headers.
type metaMark struct{ txid, sum uint64 }

// stamp is what the file system says of a file that its bytes cannot
// fake: device and inode (a copy is a new file), modification time and
// change time (which no program can set back: os.Chtimes itself sets it).
type stamp struct {
	dev, ino     uint64
	mtime, ctime int64 // nanoseconds since 1970
}

// stateOf reads the state of the open file f. ok is false when the file
// has no state worth recording: the platform or the file system gives no
// inode and change time that programs cannot set (see trustedTimes), or
// one of bbolt's headers is damaged (bbolt can still open the
// file from the other, but only after the walk has looked at it).
func stateOf(f *os.File) (st state, ok bool, err error) {
	info, err := f.Stat()
	if err != nil {
		return state{}, false, err
	}
	st.stamp, ok = stampOf(info)
	if !ok || !info.Mode().IsRegular() || !trustedTimes(f) {
		return state{}, false, nil
	}
	st.size = info.Size()
	m0, err0 := readMeta(f, 0)
	if err0 != nil {
		return state{}, false, nil
	}
	m1, err1 := readMeta(f, int64(m0.pageSize))
	if err1 != nil || m1.pageSize != m0.pageSize {
		return state{}, false, nil
	}
	st.pageSize = m0.pageSize
	st.meta = [2]metaMark{{m0.txid, m0.sum}, {m1.txid, m1.sum}}
	return st, true, nil
}

// encode is the verified-state file's content for st: a few lines a person
// can read, and a checksum of them, so that a file cut short or changed by
// hand does not match.
func (st state) encode() []byte {
	var b bytes.Buffer
	b.WriteString(verifiedMagic)
	fmt.Fprintf(&b, "device %d\ninode %d\nsize %d\n", st.stamp.dev, st.stamp.ino, st.size)
	fmt.Fprintf(&b, "modified %s\nchanged %s\n", nanos(st.stamp.mtime), nanos(st.stamp.ctime))
	fmt.Fprintf(&b, "page size %d\n", st.pageSize)
	for i, m := range st.meta {
		fmt.Fprintf(&b, "header %d txid %d checksum %016x\n", i, m.txid, m.sum)
	}
	sum := sha256.Sum256(b.Bytes())
	fmt.Fprintf(&b, "sha256 %s\n", hex.EncodeToString(sum[:]))
	return b.Bytes()
}

func nanos(ns int64) string { return time.Unix(0, ns).UTC().Format(time.RFC3339Nano) }

// matchesVerified reports whether the verified-state file beside the store
// at path records st. Anything else (no file, a file that is not the
// user's own or that others may write, a different or damaged record) is
// no match, and the caller walks the store.
func matchesVerified(path string, st state) bool {
	f, err := os.Open(VerifiedPath(path))
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !ownPrivateFile(info) || info.Size() > maxVerifiedSize {
		return false
	}
	got, err := io.ReadAll(io.LimitReader(f, maxVerifiedSize+1))
	return err == nil && bytes.Equal(got, st.encode())
}

// recordVerified writes st as the verified state of the store at path,
// whole or not at all (a temporary file renamed into place). It is best
// effort: a folder that cannot be written only means the next open walks
// the store again.
//
// It is not synced to disk, on purpose: a verified state lost or cut short
// by a power cut does not match and costs one walk; and one that survives
// while the store's last changes do not cannot match either, since bbolt
// syncs every commit before Engage records the state that follows it.
func recordVerified(path string, st state) {
	name := VerifiedPath(path)
	dir, base := filepath.Dir(name), filepath.Base(name)
	atomicfile.CleanLeftovers(dir, base)            // what a killed engage left
	f, err := os.CreateTemp(dir, "."+base+".*.tmp") // 0600
	if err != nil {
		return
	}
	_, err = f.Write(st.encode())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// forgetVerified removes the verified state of the store at path, once it
// no longer holds (it would not match anyway; removing it says so).
func forgetVerified(path string) { _ = os.Remove(VerifiedPath(path)) }

// sameWrites reports whether two looks at the same file show no write in
// between: same size and same modification and change times.
func sameWrites(a, b os.FileInfo) bool {
	if a == nil || b == nil || !os.SameFile(a, b) || a.Size() != b.Size() {
		return false
	}
	sa, oka := stampOf(a)
	sb, okb := stampOf(b)
	return oka && okb && sa == sb
}

// verify makes sure that the existing file at path is safe for bbolt to
// map: it is the file last verified, unchanged, or the walk finds it
// sound. It looks under a shared lock, so that no engage writes the file
// meanwhile, and returns the state it vouches for (ok is false when the
// file has none; see stateOf).
func verify(path string, opts Options) (st state, ok bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return state{}, false, err
	}
	defer f.Close()
	if err := lockShared(f, opts.Timeout); err != nil {
		if errors.Is(err, errLockTimeout) {
			return state{}, false, &LockedError{Path: path}
		}
		return state{}, false, fmt.Errorf("open store %s: %w", path, err)
	}
	st, ok, err = stateOf(f)
	if err != nil {
		return state{}, false, fmt.Errorf("open store %s: %w", path, err)
	}
	if ok && !opts.inspect && matchesVerified(path, st) {
		// The header and free list again (a few pages): bbolt reads
		// them as it opens, and they cost nothing to look at.
		return st, true, Preflight(path)
	}
	// The whole tree, not just the header: bbolt follows whatever
	// pointers it finds, and a damaged one can fault or hang it.
	if opts.walked != nil {
		opts.walked()
	}
	if err := walkFile(path); err != nil {
		return state{}, false, err
	}
	// A writable store records its state when it closes; a read-only
	// open records it now, so that the next one need not walk.
	if ok && !opts.inspect && opts.ReadOnly {
		if again, ok2, err := stateOf(f); err == nil && ok2 && again == st {
			recordVerified(path, st)
		}
	}
	return st, ok, nil
}

// stillVerified reports whether the file at path is still in state st:
// nothing wrote it between verify letting go of its lock and bbolt taking
// its own.
func stillVerified(path string, st state) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	now, ok, err := stateOf(f)
	return err == nil && ok && now == st
}
