package bundle_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/questionnaire/questionnairetest"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// benchTemplates is how many distinct synthetic sites the benchmark's
// bundles are made from (each bundle is one of them under its own site id).
const benchTemplates = 10

// benchBundles writes n bundles of synthetic sites of 40 participants x 40
// statements into dir and returns their paths and the number of answers.
func benchBundles(b *testing.B, dir string, n int) ([]string, int) {
	q := questionnairetest.Flat(b, 10)
	ts := openStore(b)
	ts.change(b, func(c *workbook.Change) error {
		_, err := demo.Build(c, q, demo.Options{Sites: demo.PilotSites + benchTemplates, Participants: 40})
		return err
	})
	var templates []*workbook.SiteRecords
	for i := range benchTemplates {
		templates = append(templates, ts.records(b, demo.SiteID(demo.PilotSites+1+i)))
	}
	var paths []string
	answers := 0
	for i := range n {
		recs := renamed(templates[i%len(templates)], i+1)
		answers += len(recs.Responses)
		data, err := (&bundle.Bundle{Engage: "bench", Questionnaires: []*questionnaire.Questionnaire{q}, Records: recs}).Encode()
		if err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("site-%04d.engage", i+1))
		if err := os.WriteFile(p, data, 0o600); err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths, answers
}

// renamed returns a copy of a site's records as site number i.
func renamed(t *workbook.SiteRecords, i int) *workbook.SiteRecords {
	id := fmt.Sprintf("bench-%04d", i)
	r := &workbook.SiteRecords{Site: t.Site}
	r.Site.ID, r.Site.Slug, r.Site.Name = id, "bench-site-"+strconv.Itoa(i), fmt.Sprintf("Bench site %d", i)
	r.Partnerships = slices.Clone(t.Partnerships)
	for k := range r.Partnerships {
		r.Partnerships[k].SiteID = id
	}
	r.Assessments = slices.Clone(t.Assessments)
	for k := range r.Assessments {
		r.Assessments[k].SiteID = id
	}
	r.Participants = slices.Clone(t.Participants)
	for k := range r.Participants {
		r.Participants[k].SiteID = id
	}
	r.Responses = slices.Clone(t.Responses)
	for k := range r.Responses {
		r.Responses[k].SiteID = id
	}
	r.StatementNotes = slices.Clone(t.StatementNotes)
	for k := range r.StatementNotes {
		r.StatementNotes[k].SiteID = id
	}
	r.IssueNotes = slices.Clone(t.IssueNotes)
	for k := range r.IssueNotes {
		r.IssueNotes[k].SiteID = id
	}
	r.Findings = slices.Clone(t.Findings)
	for k := range r.Findings {
		r.Findings[k].SiteID = id
	}
	r.Interventions = slices.Clone(t.Interventions)
	for k := range r.Interventions {
		r.Interventions[k].SiteID = id
	}
	return r
}

// peakHeap samples the bytes held by live and not yet swept heap objects
// every few milliseconds until stopped, and keeps the highest.
type peakHeap struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

func watchHeap() *peakHeap {
	p := &peakHeap{stop: make(chan struct{})}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			p.peak = max(p.peak, s[0].Value.Uint64())
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *peakHeap) Stop() uint64 {
	close(p.stop)
	p.done.Wait()
	return p.peak
}

// BenchmarkImport imports N bundles of synthetic sites of 40 participants
// x 40 statements (1,600 answers each) into an empty store, one file and
// one transaction at a time, as engage import does. It reports the time
// per site at the start and at the end of the run (does importing slow
// down as the store grows?), the peak heap, the resident memory and the
// store's size. Run it with -benchtime=1x:
//
//	go test -run XXX -bench Import -benchtime=1x -timeout 1h ./internal/bundle/
//
// ENGAGE_BENCH_SITES=100,300 chooses the sizes (default 100 and 1000).
func BenchmarkImport(b *testing.B) {
	sizes := []int{100, 1000}
	if s := os.Getenv("ENGAGE_BENCH_SITES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 {
				b.Fatalf("ENGAGE_BENCH_SITES=%s", s)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("sites=%d", n), func(b *testing.B) {
			paths, answers := benchBundles(b, b.TempDir(), n)
			runtime.GC()
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				dbPath := filepath.Join(b.TempDir(), "engage.db")
				st, err := store.Open(dbPath, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				svc := workbook.NewService(st, workbook.Options{})
				runtime.GC()
				heap := watchHeap()
				per := make([]time.Duration, 0, n)
				var reader bundle.Reader // as engage import reads its files
				b.StartTimer()
				start := time.Now()
				for _, p := range paths {
					t0 := time.Now()
					bd, err := reader.ReadFile(p)
					if err != nil {
						b.Fatal(err)
					}
					if res, err := bundle.Import(svc, bd, bundle.ImportOptions{}); err != nil || !res.Created {
						b.Fatalf("%s: %+v %v", p, res, err)
					}
					per = append(per, time.Since(t0))
				}
				total := time.Since(start)
				b.StopTimer()
				peak := heap.Stop()
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
				info, err := os.Stat(dbPath)
				if err != nil {
					b.Fatal(err)
				}
				tenth := max(1, n/10)
				b.ReportMetric(total.Seconds(), "s/import")
				b.ReportMetric(float64(total.Milliseconds())/float64(n), "ms/site")
				b.ReportMetric(meanMS(per[:tenth]), "ms/site-first10%")
				b.ReportMetric(meanMS(per[n-tenth:]), "ms/site-last10%")
				b.ReportMetric(float64(answers)/total.Seconds(), "answers/s")
				b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
				b.ReportMetric(float64(info.Size())/(1<<20), "MB-store")
				if rss := maxRSS(); rss > 0 {
					b.ReportMetric(float64(rss)/(1<<20), "MB-max-RSS")
				}
				os.Remove(dbPath)
				b.StartTimer()
			}
		})
	}
}

func meanMS(ds []time.Duration) float64 {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return float64(sum.Microseconds()) / 1000 / float64(len(ds))
}
