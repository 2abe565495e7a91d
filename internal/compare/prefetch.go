package compare

import (
	"errors"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// siteRecords are the JSON records of one site that the comparison reads
// besides its answers: decoding them is a third of a national
// comparison's reading, so a second goroutine, in a read of its own, does
// it one site ahead of the one that streams the answers.
type siteRecords struct {
	assessments  []workbook.Assessment
	partnerships []workbook.Partnership
	people       map[string][]workbook.Participant  // by assessment
	actions      map[string][]workbook.Intervention // by assessment
	err          error
}

// readSite decodes a site's records in r.
func readSite(r *workbook.Reader, siteID string) *siteRecords {
	out := &siteRecords{people: map[string][]workbook.Participant{}, actions: map[string][]workbook.Intervention{}}
	if out.assessments, out.err = r.Assessments(siteID); out.err != nil {
		return out
	}
	if out.partnerships, out.err = r.Partnerships(siteID); out.err != nil {
		return out
	}
	for _, a := range out.assessments {
		ps, err := r.Participants(siteID, a.ID)
		if err != nil {
			out.err = err
			return out
		}
		out.people[a.ID] = ps
		ivs, err := r.Interventions(siteID, a.ID)
		if err != nil {
			out.err = err
			return out
		}
		out.actions[a.ID] = ivs
	}
	return out
}

// prefetch decodes the records of each of sites in turn in a read of svc's
// own, a few sites ahead at most, and hands them over in order. The store
// is the same snapshot as the caller's: a comparison reads a store opened
// read-only or, in the TUI, one whose writes wait for the comparison.
// stop ends it early.
func prefetch(svc *workbook.Service, sites []workbook.Site) (next func() *siteRecords, stop func()) {
	ch := make(chan *siteRecords, 2)
	done := make(chan struct{})
	go func() {
		defer close(ch)
		_ = svc.Read(func(r *workbook.Reader) error {
			for _, s := range sites {
				select {
				case <-done:
					return nil
				default:
				}
				select {
				case ch <- readSite(r, s.ID):
				case <-done:
					return nil
				}
			}
			return nil
		})
	}()
	stopped := false
	return func() *siteRecords {
			if rec, ok := <-ch; ok {
				return rec
			}
			return &siteRecords{err: errPrefetch}
		}, func() {
			if !stopped {
				stopped = true
				close(done)
				for range ch {
				}
			}
		}
}

// errPrefetch is the records of a site that the read ahead did not give:
// its read failed to start.
var errPrefetch = errors.New("the store could not be read ahead")
