package compare_test

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/questionnaire/questionnairetest"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The comparison at national-programme scale.
//
//	go test -run '^$' -bench Compare -benchtime 3x ./internal/compare/
//	ENGAGE_BENCH_SITES=100,300,1000 ENGAGE_BENCH_DIR=/tmp/engage-bench go test -run '^$' -bench Compare -benchtime 1x -timeout 60m ./internal/compare/
//
// Each store has N synthetic sites of 40 participants (24 insiders and 16
// outsiders) scoring a 40-statement questionnaire with no verification
// subset, so that everyone scores every statement: 1,600 responses a site,
// 1.6 million at 1,000 sites. ENGAGE_BENCH_SITES lists the sizes (default
// 100); ENGAGE_BENCH_DIR keeps the stores between runs (at 1,000 sites the
// store is about 1 GB and takes minutes to build).
//
// Besides the time, each benchmark reports peak-heap-MB, the most heap in
// use (as HeapInuse counts it, sampled every 5 ms) during one comparison, above what was
// in use before it; retained-MB, the heap the finished comparison holds;
// and alloc-MB, everything allocated on the way (garbage included).

// benchPeople is the number of participants a site, 40 unless
// ENGAGE_BENCH_PARTICIPANTS says otherwise: with the sites fixed, it
// shows how memory follows the number of responses.
func benchPeople(b *testing.B) int {
	n, err := strconv.Atoi(os.Getenv("ENGAGE_BENCH_PARTICIPANTS"))
	if err != nil || n < 1 {
		return 40
	}
	return n
}

// benchStore opens (building it the first time) a store of n synthetic
// sites.
func benchStore(b *testing.B, n, people int) *workbook.Service {
	b.Helper()
	dir := os.Getenv("ENGAGE_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("compare-%dx%d.db", n, people))
	ready := path + ".ready"
	_, statErr := os.Stat(ready)
	if statErr != nil {
		os.Remove(path) // an earlier build that did not finish
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	if statErr == nil {
		return svc
	}
	start := time.Now()
	q := questionnairetest.Flat(b, 10)
	for i := 1; i <= n; i++ {
		if err := svc.Change(func(c *workbook.Change) error { return benchSite(c, q, i, people) }); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(ready, nil, 0o600); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d sites in %s", n, time.Since(start).Round(time.Second))
	return svc
}

// benchSite writes synthetic site i in one transaction: 20 mapped
// partnerships with the criteria marked, one selected, and an assessment
// where the people (three in five insiders) score every statement (about
// 3% don't know). Each site is its own transaction: demo.Build writes a
// whole study in one, which at this size takes far longer than the
// comparison being measured.
func benchSite(c *workbook.Change, q *questionnaire.Questionnaire, i, people int) error {
	rng := rand.New(rand.NewPCG(uint64(i), 0xbe9c4))
	site, a, err := c.CreateSite(workbook.SiteInput{
		ID: fmt.Sprintf("bench-%04d", i), Name: fmt.Sprintf("Bench site %04d", i),
		Organisation: fmt.Sprintf("Bench Council %d", i), Context: "A synthetic site for the benchmark.",
	}, q)
	if err != nil {
		return err
	}
	var first workbook.Partnership
	for k := range 20 {
		p := workbook.Partnership{
			SiteID: site.ID, Title: fmt.Sprintf("Partnership %d", k+1), Community: workbook.CommunityGeographical,
			Partners: []workbook.Sector{workbook.SectorCouncil, workbook.SectorResidents}, StartYear: 1995 + k, Ongoing: k%3 != 0,
			Criteria: map[string]workbook.CriterionMark{},
		}
		if k%7 != 6 {
			p.Directorate = q.Directorates[k%len(q.Directorates)].ID
		}
		for _, cr := range q.Criteria {
			if m := rng.IntN(3); m > 0 {
				p.Criteria[cr.ID] = workbook.CriterionMark{Mark: []workbook.Mark{workbook.Met, workbook.NotMet}[m-1]}
			}
		}
		if p, err = c.SavePartnership(p); err != nil {
			return err
		}
		if k == 0 {
			first = p
		}
	}
	if _, err := c.SelectPartnership(site.ID, a.ID, first.ID, "The benchmark's choice."); err != nil {
		return err
	}
	var level [4]float64
	for k := range level {
		level[k] = 2.6 + rng.Float64()*1.6
	}
	for pi := range people {
		g, role := workbook.Insider, workbook.Roles[pi%3]
		if pi >= people*3/5 {
			g, role = workbook.Outsider, workbook.Roles[3+pi%2]
		}
		p, err := c.SaveParticipant(workbook.Participant{SiteID: site.ID, AssessmentID: a.ID, Group: g, Role: role})
		if err != nil {
			return err
		}
		self := rng.NormFloat64() * 0.4
		for k, ki := range q.KeyIssues {
			for _, st := range ki.Statements {
				in := workbook.ResponseInput{SiteID: site.ID, AssessmentID: a.ID, ParticipantID: p.ID, StatementID: st.ID}
				if rng.IntN(100) < 3 {
					in.DontKnow = true
				} else {
					in.Score = min(max(int(math.Round(level[k]+self+rng.NormFloat64()*0.8)), 1), 5)
				}
				if _, err := c.RecordResponse(in); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func benchSizes(b *testing.B) []int {
	spec := os.Getenv("ENGAGE_BENCH_SITES")
	if spec == "" {
		spec = "100"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("ENGAGE_BENCH_SITES: %q is not a number of sites", f)
		}
		out = append(out, n)
	}
	return out
}

// heapPeak samples the heap in use until stopped and keeps the highest
// value. It reads runtime/metrics, which does not stop the world as
// runtime.ReadMemStats does, so that watching does not slow what is
// watched.
type heapPeak struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

// heapInUse is the heap in use, as runtime.MemStats.HeapInuse counts it:
// the bytes of objects and the unused bytes of the spans holding them.
func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() + s[1].Value.Uint64()
}

func watchHeap() *heapPeak {
	h := &heapPeak{stop: make(chan struct{}), peak: heapInUse()}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				h.peak = max(h.peak, heapInUse())
			}
		}
	}()
	return h
}

func (h *heapPeak) end() uint64 {
	close(h.stop)
	h.done.Wait()
	return max(h.peak, heapInUse())
}

// BenchmarkCompare measures gathering the comparison alone, with the long
// and summary CSVs streamed as it goes, and with the PDF as well.
func BenchmarkCompare(b *testing.B) {
	people := benchPeople(b)
	for _, n := range benchSizes(b) {
		svc := benchStore(b, n, people)
		for _, what := range []string{"gather", "csv", "csv+pdf"} {
			b.Run(fmt.Sprintf("sites=%d/people=%d/%s", n, people, what), func(b *testing.B) {
				var peak, retained, alloc uint64
				rows := 0
				for b.Loop() {
					runtime.GC()
					var before runtime.MemStats
					runtime.ReadMemStats(&before)
					h := watchHeap()
					sel := compare.Options{All: true}
					var rw *compare.ResponseWriter
					if what != "gather" {
						var err error
						if rw, err = compare.NewResponseWriter(io.Discard); err != nil {
							b.Fatal(err)
						}
						sel.Responses = rw.Write
					}
					c, err := compare.Gather(svc, sel)
					if err != nil {
						b.Fatal(err)
					}
					if rw != nil {
						if err := rw.Flush(); err != nil {
							b.Fatal(err)
						}
						rows = rw.Rows()
						if _, err := compare.WriteSummary(io.Discard, c); err != nil {
							b.Fatal(err)
						}
					}
					if what == "csv+pdf" {
						if _, err := report.Compare(io.Discard, c, report.CompareOptions{}); err != nil {
							b.Fatal(err)
						}
					}
					top := h.end()
					runtime.GC()
					var after runtime.MemStats
					runtime.ReadMemStats(&after)
					peak = max(peak, top-min(top, before.HeapInuse))
					retained = after.HeapInuse - min(after.HeapInuse, before.HeapInuse)
					alloc = after.TotalAlloc - before.TotalAlloc
					runtime.KeepAlive(c)
					if len(c.Sites) != n {
						b.Fatalf("%d sites compared, want %d", len(c.Sites), n)
					}
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(retained)/(1<<20), "retained-MB")
				b.ReportMetric(float64(alloc)/(1<<20), "alloc-MB")
				if rows > 0 {
					b.ReportMetric(float64(rows), "responses")
				}
			})
		}
	}
}
