package report

import (
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkLargeSite renders the report of a large site: 500 mapped
// partnerships, 60 statements (6 key issues of 10), a comment on every
// third answer, with 10 to 60 people taking part (60% insiders). Besides
// time and allocations it reports the pages produced, the PDF's size and
// the peak live heap of one render.
//
//	go test -run '^$' -bench LargeSite -benchmem ./internal/report/
func BenchmarkLargeSite(b *testing.B) {
	q := genQuestionnaire(b, 6, 10)
	for _, people := range []int{10, 20, 40, 60} {
		d := genData(b, q, 500, people, 3)
		in := Input{Data: d}
		b.Run(fmt.Sprintf("participants=%d", people), func(b *testing.B) {
			var res Result
			var size countWriter
			peak := peakHeap(func() {
				var err error
				if res, err = Site(&size, in, Options{}); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := Site(io.Discard, in, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(res.Pages), "pages")
			b.ReportMetric(float64(size)/1e6, "PDF-MB")
			b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
		})
	}
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// peakHeap runs fn and returns the most heap in use while it ran, above
// what was in use before, sampled every half millisecond.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(500 * time.Microsecond)
		defer t.Stop()
		var s runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.ReadMemStats(&s)
				if s.HeapAlloc > peak.Load() {
					peak.Store(s.HeapAlloc)
				}
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	runtime.ReadMemStats(&ms)
	p := max(peak.Load(), ms.HeapAlloc)
	if p < base {
		return 0
	}
	return p - base
}
