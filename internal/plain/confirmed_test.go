package plain

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestConfirmedAnswersAreStored scores a run of statements, with
// corrections, don't-knows and a jump, in each language, and checks that
// each answer confirmed as saved is the one in the store.
func TestConfirmedAnswersAreStored(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		t.Run(lang, func(t *testing.T) {
			ts := newTestStore(t, lang)
			threeInsiders(ts)
			lines := []string{"1", "3", "1", "1", "2", "3", "d", "5", "p", "4", "j 2.1", "2", "2", "b", "2", "5", "5", "x", "5", "p", "x", "q"}
			out := ts.run(lang, lines...)
			// Alice: 1.1-1.5, then 2.1 and 2.2; Bob: 1.1 and 1.2, 1.3
			// cleared while empty, then scored, then (after p) 1.3 cleared.
			if n := checkConfirmed(t, ts, out); n != 10 {
				t.Errorf("%d answers confirmed, want 10:\n%s", n, out)
			}
		})
	}
}

// recorder is a testing.TB that notes a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }

// TestCheckConfirmedCatches shows that checkConfirmed fails when the
// store does not hold what was confirmed.
func TestCheckConfirmedCatches(t *testing.T) {
	ts := newTestStore(t, "en")
	ins := ts.people(workbook.Insider, workbook.RoleMiddle, "Alice", "Bob", "Carol")
	out := ts.run("en", "1", "3", "1", "4")
	rec := &recorder{TB: t}
	if checkConfirmed(rec, ts, out); rec.failed {
		t.Fatal("checkConfirmed failed on a store holding what was confirmed")
	}
	ts.score(ins[:1], 2, ts.statementID("1.1")) // behind the conversation's back
	if checkConfirmed(rec, ts, out); !rec.failed {
		t.Error("checkConfirmed did not notice a stored answer that differs from the confirmed one")
	}
}
