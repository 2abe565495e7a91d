package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// benchStore writes a store of about mb megabytes: answers of ~170 bytes
// under keys written in random order, so that pages are split and
// scattered as a store filled over months is, and closes it cleanly.
func benchStore(b *testing.B, mb int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "engage.db")
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	value := make([]byte, 170)
	for i := range value {
		value[i] = 'a' + byte(i%26)
	}
	for {
		if info, err := os.Stat(path); err == nil && info.Size() >= int64(mb)<<20 {
			break
		}
		if err := s.Update(func(tx workbook.Tx) error {
			for range 20_000 {
				k := fmt.Sprintf("site-%04d/assessment/participant-%03d/q%03d", rng.IntN(1000), rng.IntN(40), rng.IntN(41))
				if err := tx.Put(workbook.BucketResponses, k, value); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpen measures opening a store and closing it again, read-only
// as `engage report` and `export` do: with its verified state in place
// (the usual case), and without it (the first open after a copy, a kill or
// another program's write), when Open walks the whole file.
func BenchmarkOpen(b *testing.B) {
	for _, mb := range []int{4, 128} {
		path := benchStore(b, mb)
		info, _ := os.Stat(path)
		b.Run(fmt.Sprintf("MB=%d/verified", mb), func(b *testing.B) {
			b.SetBytes(info.Size())
			for b.Loop() {
				s, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
		b.Run(fmt.Sprintf("MB=%d/walk", mb), func(b *testing.B) {
			b.SetBytes(info.Size())
			for b.Loop() {
				os.Remove(VerifiedPath(path))
				s, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}
