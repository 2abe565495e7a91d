package store

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
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
// following it, and checks that the free list names none of them. bbolt's
// own consistency check runs in a goroutine of its own over the memory
// map, where a pointer past the end of the file is a fatal fault that no
// recover can catch; Engage walks the file first so that bbolt's check
// only ever sees a tree whose pointers are sound.
//
// The tree is walked a level at a time, each level's pages in file order,
// and pages close together are read together in one large read: a store
// filled over months has its pages scattered, and reading them one 4 KiB
// page at a time in tree order cost four times a sequential read of the
// file.
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
	if err := w.walk(); err != nil {
		return &DamagedError{Path: path, Reason: err.Error()}
	}
	if err := w.freelist(); err != nil {
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

// How the walk reads: pages at most gapPages apart are read together, in
// reads of at most runBytes (the pages in between are read and skipped).
const (
	runBytes = 1 << 20
	gapPages = 4
)

type walker struct {
	r    io.ReaderAt
	m    meta
	ps   int64
	seen []uint64 // a bit per page below the high-water mark
	next []ref    // the level below the one being read
	buf  []byte
}

// ref is a page to read and how deep in the tree it is.
type ref struct {
	id    uint64
	depth int
}

func (w *walker) mark(id uint64) (already bool) {
	bit := uint64(1) << (id % 64)
	already = w.seen[id/64]&bit != 0
	w.seen[id/64] |= bit
	return already
}

func (w *walker) marked(id uint64) bool { return w.seen[id/64]&(uint64(1)<<(id%64)) != 0 }

// walk reads the tree a level at a time from the root.
func (w *walker) walk() error {
	level := []ref{{w.m.root, 0}}
	for len(level) > 0 {
		slices.SortFunc(level, func(a, b ref) int { return cmp.Compare(a.id, b.id) })
		w.next = nil
		for i := 0; i < len(level); {
			// The run of pages close together that starts at level[i].
			first := level[i].id
			if first < 2 || first >= w.m.pgid {
				return w.page(level[i], nil)
			}
			j := i + 1
			for j < len(level) && level[j].id < w.m.pgid && level[j].id-level[j-1].id <= gapPages &&
				int64(level[j].id-first+1)*w.ps <= runBytes {
				j++
			}
			run, err := w.read(first, level[j-1].id-first+1)
			if err != nil {
				return err
			}
			for _, r := range level[i:j] {
				off := int64(r.id-first) * w.ps
				if err := w.page(r, run[off:off+w.ps]); err != nil {
					return err
				}
			}
			i = j
		}
		level = w.next
	}
	return nil
}

// read reads n pages from page first on, into the walker's buffer.
func (w *walker) read(first, n uint64) ([]byte, error) {
	size := int64(n) * w.ps
	if int64(cap(w.buf)) < size {
		w.buf = make([]byte, size)
	}
	buf := w.buf[:size]
	if _, err := w.r.ReadAt(buf, int64(first)*w.ps); err != nil {
		return nil, fmt.Errorf("page %d is unreadable", first)
	}
	return buf, nil
}

// page checks page r.id, whose first page is head (nil when it lies
// outside the file), with its overflow pages, and queues the pages it
// points to for the next level.
func (w *walker) page(r ref, head []byte) error {
	id := r.id
	if r.depth > maxDepth {
		return fmt.Errorf("the tree is more than %d levels deep at page %d", maxDepth, id)
	}
	if id < 2 || id >= w.m.pgid || head == nil {
		return fmt.Errorf("a page points to page %d, outside the file", id)
	}
	if w.mark(id) {
		return fmt.Errorf("page %d is used twice", id)
	}
	le := binary.LittleEndian
	if got := le.Uint64(head); got != id {
		return fmt.Errorf("page %d is labelled %d", id, got)
	}
	overflow := uint64(le.Uint32(head[12:]))
	if id+overflow >= w.m.pgid {
		return fmt.Errorf("page %d runs past the end of the file", id)
	}
	buf := head
	if overflow > 0 {
		for i := uint64(1); i <= overflow; i++ {
			if w.mark(id + i) {
				return fmt.Errorf("page %d is used twice", id+i)
			}
		}
		// A large value: its pages are contiguous, read them apart from
		// the run (which may end before them).
		buf = make([]byte, int64(overflow+1)*w.ps)
		if _, err := w.r.ReadAt(buf, int64(id)*w.ps); err != nil {
			return fmt.Errorf("page %d is unreadable", id)
		}
	}
	return w.nodes(buf, id, r.depth)
}

// nodes checks the branch or leaf page held in buf (a page on disk or an
// inline bucket's page inside a value), queueing the pages it points to.
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
	if depth >= maxDepth && count > 0 {
		return fmt.Errorf("the tree is more than %d levels deep at page %d", maxDepth, id)
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
			w.next = append(w.next, ref{le.Uint64(e[8:]), depth + 1})
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
				w.next = append(w.next, ref{root, depth + 1})
			} else if err := w.nodes(v[bucketHeaderLen:], id, depth+1); err != nil {
				return err
			}
		default:
			return fmt.Errorf("page %d has the wrong type", id)
		}
	}
	return nil
}

// freelist checks that the free list (which Preflight found readable and
// within the file) names no page the tree uses, nor its own pages: bbolt
// would hand such a page out again and overwrite live data with the next
// change.
func (w *walker) freelist() error {
	if w.m.freelist == noFreelist {
		return nil
	}
	le := binary.LittleEndian
	head := make([]byte, pageHeaderSize+8)
	off := int64(w.m.freelist) * w.ps
	if _, err := w.r.ReadAt(head, off); err != nil {
		return errors.New("its free-page list is unreadable")
	}
	overflow := uint64(le.Uint32(head[12:]))
	for i := uint64(0); i <= overflow; i++ {
		if w.mark(w.m.freelist + i) {
			return fmt.Errorf("page %d is both in use and the free-page list", w.m.freelist+i)
		}
	}
	count, start := uint64(le.Uint16(head[10:])), int64(pageHeaderSize)
	if count == 0xFFFF {
		count, start = le.Uint64(head[pageHeaderSize:]), pageHeaderSize+8
	}
	ids := make([]byte, count*8) // bounded by Preflight's checkFreelist
	if _, err := w.r.ReadAt(ids, off+start); err != nil {
		return errors.New("its free-page list is unreadable")
	}
	for i := range count {
		if id := le.Uint64(ids[i*8:]); w.marked(id) {
			return fmt.Errorf("page %d is in use but listed as free", id)
		}
	}
	return nil
}
