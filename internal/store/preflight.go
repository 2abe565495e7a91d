package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// The on-disk layout of a bbolt file that preflight relies on. bbolt writes
// its pages in the machine's byte order; every platform Engage builds for is
// little-endian.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16
	metaChecksumOff  = 56 // offset of the checksum inside the meta body
	metaSize         = 64
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
	minPageSize      = 512
	maxPageSize      = 1 << 20
)

// meta is the part of a bbolt meta page preflight checks.
type meta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64 // high water mark: pages in use
	txid     uint64
	sum      uint64 // the header's own checksum
}

// Preflight checks that the file at path looks like an intact bbolt
// database before bbolt maps it: bbolt trusts its meta pages and can crash
// the whole process on a truncated or overwritten file, so Engage looks
// first. It returns nil for a file that bbolt can open safely, and a
// *DamagedError saying what is wrong otherwise.
//
// Preflight reads at most a few pages; it does not walk the whole tree
// (that is [Store.Check]).
func Preflight(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.IsDir() {
		return &DamagedError{Path: path, Reason: "it is a folder, not a store file"}
	}
	size := info.Size()
	if size == 0 {
		return &DamagedError{Path: path, Reason: "the file is empty (it was probably cut short while being created)"}
	}
	m0, err0 := readMeta(f, 0)
	var candidates []meta
	if err0 == nil {
		candidates = append(candidates, m0)
		if m1, err := readMeta(f, int64(m0.pageSize)); err == nil && m1.pageSize == m0.pageSize {
			candidates = append(candidates, m1)
		}
	} else {
		for _, ps := range []int64{4096, int64(os.Getpagesize()), 8192, 16384, 65536} {
			if m1, err := readMeta(f, ps); err == nil && int64(m1.pageSize) == ps {
				candidates = append(candidates, m1)
				break
			}
		}
	}
	if len(candidates) == 0 {
		if errors.Is(err0, errNotBolt) && !blankStart(f) {
			return &DamagedError{Path: path, Reason: "it is not an Engage store (not a database file at all)", Foreign: true}
		}
		return &DamagedError{Path: path, Reason: "both copies of its header are damaged"}
	}
	// bbolt uses the valid meta page with the highest transaction id.
	m := candidates[0]
	if len(candidates) == 2 && candidates[1].txid > m.txid {
		m = candidates[1]
	}
	ps := int64(m.pageSize)
	if need := int64(m.pgid) * ps; size < need {
		return &DamagedError{Path: path, Reason: fmt.Sprintf("the file is cut short: it has %d bytes but its header says %d", size, need)}
	}
	if m.root < 2 || m.root >= m.pgid {
		return &DamagedError{Path: path, Reason: "its header points outside the file"}
	}
	if err := checkPage(f, m.root, ps, branchPageFlag|leafPageFlag); err != nil {
		return &DamagedError{Path: path, Reason: "its root page is damaged: " + err.Error()}
	}
	if m.freelist != noFreelist {
		if m.freelist < 2 || m.freelist >= m.pgid {
			return &DamagedError{Path: path, Reason: "its header points outside the file"}
		}
		if err := checkPage(f, m.freelist, ps, freelistPageFlag); err != nil {
			return &DamagedError{Path: path, Reason: "its free-page list is damaged: " + err.Error()}
		}
		if err := checkFreelist(f, m, ps); err != nil {
			return &DamagedError{Path: path, Reason: "its free-page list is damaged: " + err.Error()}
		}
	}
	return nil
}

// blankStart reports whether the file's first page is all zero bytes: a
// store whose header was wiped, rather than a file that never was a store.
func blankStart(r io.ReaderAt) bool {
	buf := make([]byte, 4096)
	n, _ := r.ReadAt(buf, 0)
	for _, b := range buf[:n] {
		if b != 0 {
			return false
		}
	}
	return n > 0
}

var (
	errNotBolt   = errors.New("not a bbolt file")
	errBadHeader = errors.New("bad header")
)

func readMeta(r io.ReaderAt, off int64) (meta, error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	n, _ := r.ReadAt(buf, off)
	le := binary.LittleEndian
	switch {
	case n < pageHeaderSize+4:
		if off == 0 {
			return meta{}, errNotBolt // too small to be a database at all
		}
		return meta{}, errBadHeader
	case n < len(buf):
		if le.Uint32(buf[pageHeaderSize:]) != boltMagic {
			return meta{}, errNotBolt
		}
		return meta{}, errBadHeader
	}
	if le.Uint16(buf[8:]) != metaPageFlag {
		if le.Uint32(buf[pageHeaderSize:]) != boltMagic {
			return meta{}, errNotBolt
		}
		return meta{}, errBadHeader
	}
	body := buf[pageHeaderSize:]
	if le.Uint32(body[0:]) != boltMagic {
		return meta{}, errNotBolt
	}
	if le.Uint32(body[4:]) != boltVersion {
		return meta{}, errBadHeader
	}
	h := fnv.New64a()
	h.Write(body[:metaChecksumOff])
	if h.Sum64() != le.Uint64(body[metaChecksumOff:]) {
		return meta{}, errBadHeader
	}
	m := meta{
		pageSize: le.Uint32(body[8:]),
		root:     le.Uint64(body[16:]),
		freelist: le.Uint64(body[32:]),
		pgid:     le.Uint64(body[40:]),
		txid:     le.Uint64(body[48:]),
		sum:      le.Uint64(body[metaChecksumOff:]),
	}
	if m.pageSize < minPageSize || m.pageSize > maxPageSize || m.pageSize&(m.pageSize-1) != 0 {
		return meta{}, errBadHeader
	}
	return m, nil
}

// checkPage reads the header of page id and checks its id and type.
func checkPage(r io.ReaderAt, id uint64, pageSize int64, flags uint16) error {
	buf := make([]byte, pageHeaderSize)
	if _, err := r.ReadAt(buf, int64(id)*pageSize); err != nil {
		return errors.New("unreadable")
	}
	le := binary.LittleEndian
	if got := le.Uint64(buf[0:]); got != id {
		return fmt.Errorf("page %d is labelled %d", id, got)
	}
	// bbolt wants exactly one type bit: a page is a branch or a leaf or a
	// free list, never a mix.
	if got := le.Uint16(buf[8:]); got&flags == 0 || got&(got-1) != 0 {
		return fmt.Errorf("page %d has the wrong type", id)
	}
	return nil
}

// checkFreelist reads the free-page list the way bbolt will and checks that
// it fits in its pages and names only pages below the high-water mark.
// bbolt trusts the count it finds there: a damaged one makes it read past
// the end of the map or loop over billions of page ids.
func checkFreelist(r io.ReaderAt, m meta, pageSize int64) error {
	le := binary.LittleEndian
	head := make([]byte, pageHeaderSize+8)
	off := int64(m.freelist) * pageSize
	if _, err := r.ReadAt(head, off); err != nil {
		return errors.New("unreadable")
	}
	overflow := uint64(le.Uint32(head[12:]))
	if m.freelist+overflow >= m.pgid {
		return fmt.Errorf("page %d runs past the end of the file", m.freelist)
	}
	room := uint64(overflow+1)*uint64(pageSize) - pageHeaderSize
	count, start := uint64(le.Uint16(head[10:])), int64(pageHeaderSize)
	if count == 0xFFFF { // the real count is in the first element
		count, start = le.Uint64(head[pageHeaderSize:]), pageHeaderSize+8
		room -= 8
	}
	if count > room/8 || count > m.pgid {
		return fmt.Errorf("it claims %d free pages", count)
	}
	ids := make([]byte, count*8)
	if _, err := r.ReadAt(ids, off+start); err != nil {
		return errors.New("unreadable")
	}
	for i := uint64(0); i < count; i++ {
		if id := le.Uint64(ids[i*8:]); id < 2 || id >= m.pgid {
			return fmt.Errorf("it lists page %d, outside the file", id)
		}
	}
	return nil
}
