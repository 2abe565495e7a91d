package store_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// seedStore returns the bytes of a small real store holding one record.
func seedStore(f *testing.F) []byte {
	f.Helper()
	path := filepath.Join(f.TempDir(), "seed.db")
	st, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		f.Fatal(err)
	}
	err = st.Update(func(tx workbook.Tx) error {
		return tx.Put(workbook.BucketSites, "s1", []byte(`{"id":"s1","name":"Seed"}`))
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return raw
}

// FuzzPreflight holds the promise behind the preflight check: whatever is
// in the file, engage either refuses it with a DamagedError or opens it
// without bringing the process down. bbolt maps the file and trusts its
// meta pages, so a file that passes preflight but makes bbolt read past the
// end would crash the fuzzer with SIGBUS or a fault, not just fail.
func FuzzPreflight(f *testing.F) {
	good := seedStore(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[:4096])
	zeroed := append([]byte(nil), good...)
	clear(zeroed[:8192])
	f.Add(zeroed)
	f.Add([]byte("organisation,area\nEastbrook,North\n"))
	f.Add([]byte{})
	if seeds, _ := filepath.Glob("testdata/*.db"); len(seeds) > 0 {
		for _, s := range seeds {
			if raw, err := os.ReadFile(s); err == nil {
				f.Add(raw)
			}
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return
		}
		path := filepath.Join(t.TempDir(), "fuzz.db")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := openAndCheck(path); err != nil {
			t.Fatal(err)
		}
	})
}

// TestMutatedStores replays, deterministically, the search that found the
// crashes FuzzPreflight now guards against: a real store with a few random
// bytes changed must be refused with a DamagedError, or open, pass or fail
// its check, and close - never crash the process or hang. The inputs that
// crashed before the fixes (a free list claiming billions of pages, a page
// with mixed type bits, a value longer than its page, a sub-bucket pointing
// past the end of the file) are among the first 5,000 mutants of seed 1.
func TestMutatedStores(t *testing.T) {
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.db")
	st, err := store.Open(seed, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Update(func(tx workbook.Tx) error {
		for _, k := range []string{"s1", "s2", "s3"} {
			if err := tx.Put(workbook.BucketSites, k, []byte(`{"id":"`+k+`"}`)); err != nil {
				return err
			}
		}
		return tx.Put(workbook.BucketResponses, "s1/a/p/q", []byte(`{"score":3}`))
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	n := 5000
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewPCG(1, 2))
	path := filepath.Join(dir, "mutant.db")
	for i := range n {
		m := slices.Clone(good)
		for range 1 + rng.IntN(8) {
			m[rng.IntN(len(m))] = byte(rng.IntN(256))
		}
		if err := os.WriteFile(path, m, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- openAndCheck(path) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("mutant %d: %v", i, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("mutant %d: open and check did not finish in 10 s", i)
		}
	}
}

// openAndCheck opens a possibly damaged store the way engage does and
// returns an error only for an outcome engage must never have.
func openAndCheck(path string) error {
	if err := store.Preflight(path); err != nil {
		var damaged *store.DamagedError
		if !errors.As(err, &damaged) {
			return fmt.Errorf("preflight: %v (%T), want a DamagedError", err, err)
		}
		return nil
	}
	st, err := store.Open(path, store.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		return nil
	}
	_ = st.Check()
	_ = st.View(func(tx workbook.Tx) error {
		return tx.ForEach(workbook.BucketSites, "", func(string, []byte) error { return nil })
	})
	return st.Close()
}
