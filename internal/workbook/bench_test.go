package workbook_test

import (
	"fmt"
	"github.com/engage-toolkit/engage/internal/demo"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// percentile returns the p-th percentile (0..100) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

// BenchmarkSaveAnswer measures saving one answer (one transaction, synced
// to disk) against a raw write+fsync of a small file on the same disk, in
// the same run, interleaved so both see the same conditions. The figure
// that matters is the ratio of the medians.
func BenchmarkSaveAnswer(b *testing.B) {
	dir := b.TempDir()
	q, err := questionnaire.Default()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "engage.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{})
	site, a, people := siteWithPeople(b, svc, q, "Bench", 15)
	statements := q.Statements()
	raw, err := os.OpenFile(filepath.Join(dir, "raw"), os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	payload := make([]byte, 200)

	var saves, syncs []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		if _, err := raw.WriteAt(payload, int64(i%64)*4096); err != nil {
			b.Fatal(err)
		}
		if err := raw.Sync(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		in := workbook.ResponseInput{SiteID: site.ID, AssessmentID: a.ID, ParticipantID: people[i%len(people)].ID,
			StatementID: statements[(i/len(people))%len(statements)].ID, Score: 1 + i%5}
		if err := svc.Change(func(c *workbook.Change) error { _, err := c.RecordResponse(in); return err }); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		syncs = append(syncs, t1.Sub(t0))
		saves = append(saves, t2.Sub(t1))
	}
	b.StopTimer()
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
	b.ReportMetric(us(percentile(saves, 50)), "save-p50-µs")
	b.ReportMetric(us(percentile(saves, 99)), "save-p99-µs")
	b.ReportMetric(us(percentile(syncs, 50)), "fsync-p50-µs")
	b.ReportMetric(us(percentile(syncs, 99)), "fsync-p99-µs")
	b.ReportMetric(float64(percentile(saves, 50))/float64(percentile(syncs, 50)), "ratio-p50")
}

// BenchmarkStartup measures what engage does before its first screen: open
// the store (the whole-file check included), parse the embedded workbook,
// and list the sites with their progress (the home screen and `engage
// sites`). The sites are demo sites with 40 participants each (1,640
// answers a site), so 1,000 sites is a national programme's store of 1.6
// million answers (about 790 MB).
func BenchmarkStartup(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("sites=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "engage.db")
			fillSites(b, path, n)
			b.ResetTimer()
			for b.Loop() {
				st, err := store.Open(path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := questionnaire.Default(); err != nil {
					b.Fatal(err)
				}
				var sums []workbook.SiteSummary
				err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
					sums, err = r.Summaries()
					return err
				})
				if err != nil || len(sums) != n {
					b.Fatalf("%d sites, %v", len(sums), err)
				}
				st.Close()
			}
		})
	}
}

// fillSites writes n demo sites of 40 participants, one transaction each.
func fillSites(b *testing.B, path string, n int) {
	b.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	opts := demo.Options{Sites: max(n, demo.PilotSites), Participants: 40}
	for i := 1; i <= n; i++ {
		if err := svc.Change(func(c *workbook.Change) error {
			_, err := demo.BuildSite(c, q, i, opts)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveAnswerCPU is the domain's own cost of saving one answer
// (the rules, the records, the kept figures), on a store in memory: what
// a save costs on top of the store's commit and its two syncs.
func BenchmarkSaveAnswerCPU(b *testing.B) {
	q, err := questionnaire.Default()
	if err != nil {
		b.Fatal(err)
	}
	svc := workbook.NewService(newMemStore(), workbook.Options{})
	site, a, people := siteWithPeople(b, svc, q, "Bench", 15)
	statements := q.Statements()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in := workbook.ResponseInput{SiteID: site.ID, AssessmentID: a.ID, ParticipantID: people[i%len(people)].ID,
			StatementID: statements[(i/len(people))%len(statements)].ID, Score: 1 + i%5}
		if err := svc.Change(func(c *workbook.Change) error { _, err := c.RecordResponse(in); return err }); err != nil {
			b.Fatal(err)
		}
	}
}
