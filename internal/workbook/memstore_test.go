package workbook_test

import (
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// memStore is a Store in memory, for measuring the domain's own cost of a
// change without the disk: every bucket a sorted list of keys.
type memStore struct {
	buckets map[workbook.Bucket]*memBucket
}

type memBucket struct {
	keys []string
	vals map[string][]byte
}

func newMemStore() *memStore { return &memStore{buckets: map[workbook.Bucket]*memBucket{}} }

func (m *memStore) View(fn func(workbook.Tx) error) error   { return fn(memTx{m}) }
func (m *memStore) Update(fn func(workbook.Tx) error) error { return fn(memTx{m}) }

type memTx struct{ m *memStore }

func (t memTx) bucket(b workbook.Bucket) *memBucket {
	bk := t.m.buckets[b]
	if bk == nil {
		bk = &memBucket{vals: map[string][]byte{}}
		t.m.buckets[b] = bk
	}
	return bk
}

func (t memTx) Get(b workbook.Bucket, k string) []byte { return t.bucket(b).vals[k] }

func (t memTx) Put(b workbook.Bucket, k string, v []byte) error {
	bk := t.bucket(b)
	if _, ok := bk.vals[k]; !ok {
		i, _ := slices.BinarySearch(bk.keys, k)
		bk.keys = slices.Insert(bk.keys, i, k)
	}
	bk.vals[k] = slices.Clone(v)
	return nil
}

func (t memTx) Delete(b workbook.Bucket, k string) error {
	bk := t.bucket(b)
	if _, ok := bk.vals[k]; ok {
		i, _ := slices.BinarySearch(bk.keys, k)
		bk.keys = slices.Delete(bk.keys, i, i+1)
		delete(bk.vals, k)
	}
	return nil
}

func (t memTx) ForEach(b workbook.Bucket, prefix string, fn func(string, []byte) error) error {
	bk := t.bucket(b)
	i, _ := slices.BinarySearch(bk.keys, prefix)
	for ; i < len(bk.keys) && strings.HasPrefix(bk.keys[i], prefix); i++ {
		k := bk.keys[i]
		if err := fn(k, bk.vals[k]); err != nil {
			return err
		}
	}
	return nil
}
