package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// Layout of bbolt's pages that the walk reads (bbolt's internal/common).
const (
	elementSize     = 16 // branch and leaf page elements are both 16 bytes
	bucketLeafFlag  = 0x01
	bucketHeaderLen = 16 // root pgid, sequence
	maxDepth        = 64
)

// walkFile reads every page reachable from the meta page of the file at
// path with ordinary reads, checking each pointer and length before
// following it. bbolt's own consistency check runs in a goroutine of its
// own over the memory map, where a pointer past the end of the file is a
// fatal fault that no recover can catch; Engage walks the file first so that
// bbolt's check only ever sees a tree whose pointers are sound.
func walkFile(path string) error {
	if err := Preflight(path); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	m, err := currentMeta(f)
	if err != nil {
		return &DamagedError{Path: path, Reason: err.Error()}
	}
	w := &walker{r: f, m: m, ps: int64(m.pageSize), seen: make([]uint64, m.pgid/64+1)}
	if err := w.page(m.root, 0); err != nil {
		return &DamagedError{Path: path, Reason: err.Error()}
	}
	return nil
}

// currentMeta returns the meta page bbolt would use: the valid one with the
// highest transaction id.
func currentMeta(r io.ReaderAt) (meta, error) {
	m0, err0 := readMeta(r, 0)
	if err0 != nil {
		for _, ps := range []int64{4096, int64(os.Getpagesize()), 8192, 16384, 65536} {
			if m1, err := readMeta(r, ps); err == nil && int64(m1.pageSize) == ps {
				return m1, nil
			}
		}
		return meta{}, errors.New("both copies of its header are damaged")
	}
	if m1, err := readMeta(r, int64(m0.pageSize)); err == nil && m1.pageSize == m0.pageSize && m1.txid > m0.txid {
		return m1, nil
	}
	return m0, nil
}

type walker struct {
	r    io.ReaderAt
	m    meta
	ps   int64
	seen []uint64 // a bit per page below the high-water mark
}

func (w *walker) mark(id uint64) (already bool) {
	bit := uint64(1) << (id % 64)
	already = w.seen[id/64]&bit != 0
	w.seen[id/64] |= bit
	return already
}

// page reads page id (with its overflow pages) and checks everything under
// it.
func (w *walker) page(id uint64, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("the tree is more than %d levels deep at page %d", maxDepth, id)
	}
	if id < 2 || id >= w.m.pgid {
		return fmt.Errorf("a page points to page %d, outside the file", id)
	}
	if w.mark(id) {
		return fmt.Errorf("page %d is used twice", id)
	}
	// One read for the page; a second only for its overflow pages.
	buf := make([]byte, w.ps)
	if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
		return fmt.Errorf("page %d is unreadable", id)
	}
	le := binary.LittleEndian
	if got := le.Uint64(buf); got != id {
		return fmt.Errorf("page %d is labelled %d", id, got)
	}
	overflow := uint64(le.Uint32(buf[12:]))
	if id+overflow >= w.m.pgid {
		return fmt.Errorf("page %d runs past the end of the file", id)
	}
	if overflow > 0 {
		for i := uint64(1); i <= overflow; i++ {
			if w.mark(id + i) {
				return fmt.Errorf("page %d is used twice", id+i)
			}
		}
		buf = append(buf, make([]byte, int64(overflow)*w.ps)...)
		if _, err := w.r.ReadAt(buf[w.ps:], int64(id+1)*w.ps); err != nil {
			return fmt.Errorf("page %d is unreadable", id)
		}
	}
	return w.nodes(buf, id, depth)
}

// nodes checks the branch or leaf page held in buf (a page on disk or an
// inline bucket's page inside a value).
func (w *walker) nodes(buf []byte, id uint64, depth int) error {
	le := binary.LittleEndian
	if len(buf) < pageHeaderSize {
		return fmt.Errorf("page %d is cut short", id)
	}
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if flags != branchPageFlag && flags != leafPageFlag {
		return fmt.Errorf("page %d has the wrong type", id)
	}
	if pageHeaderSize+count*elementSize > len(buf) {
		return fmt.Errorf("page %d claims %d entries, more than it holds", id, count)
	}
	for i := range count {
		at := pageHeaderSize + i*elementSize
		e := buf[at : at+elementSize]
		switch {
		case flags&branchPageFlag != 0:
			pos, ksize := int(le.Uint32(e[0:])), int(le.Uint32(e[4:]))
			if at+pos+ksize > len(buf) || pos < 0 {
				return fmt.Errorf("page %d: entry %d runs past the page", id, i)
			}
			if err := w.page(le.Uint64(e[8:]), depth+1); err != nil {
				return err
			}
		case flags&leafPageFlag != 0:
			lflags := le.Uint32(e[0:])
			pos, ksize, vsize := int64(le.Uint32(e[4:])), int64(le.Uint32(e[8:])), int64(le.Uint32(e[12:]))
			end := int64(at) + pos + ksize + vsize
			if end > int64(len(buf)) {
				return fmt.Errorf("page %d: entry %d runs past the page", id, i)
			}
			if lflags&bucketLeafFlag == 0 {
				continue
			}
			v := buf[int64(at)+pos+ksize : end]
			if len(v) < bucketHeaderLen {
				return fmt.Errorf("page %d: bucket entry %d is cut short", id, i)
			}
			if root := le.Uint64(v); root != 0 {
				if err := w.page(root, depth+1); err != nil {
					return err
				}
			} else if err := w.nodes(v[bucketHeaderLen:], id, depth+1); err != nil {
				return err
			}
		default:
			return fmt.Errorf("page %d has the wrong type", id)
		}
	}
	return nil
}
