package compare_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/compare"
)

// TestSummaryCSVSaysWhenCompleted checks the completed column: the day an
// assessment was completed, empty while it is in progress.
func TestSummaryCSVSaysWhenCompleted(t *testing.T) {
	c := gather(t, pilot(t), compare.Options{All: true})
	var buf bytes.Buffer
	if _, err := compare.WriteSummary(&buf, c); err != nil {
		t.Fatal(err)
	}
	_, rows := readCSV(t, buf.Bytes())
	want := map[string]string{}
	for _, s := range c.Sites {
		for _, a := range s.Assessments {
			want[a.ID] = a.Completed
		}
	}
	kinds := map[bool]int{}
	for _, r := range rows {
		got, ok := r["completed"]
		if !ok {
			t.Fatal("the summary CSV has no completed column")
		}
		if got != want[r["assessment"]] {
			t.Errorf("%s %s: completed %q, want %q", r["site"], r["assessment"], got, want[r["assessment"]])
		}
		kinds[got == ""]++
	}
	if kinds[true] == 0 || kinds[false] == 0 {
		t.Errorf("rows in progress %d, completed %d: the demo should have both", kinds[true], kinds[false])
	}
}

// TestDataAsOfIsNeverBeforeAStart checks that the comparison's date is
// not before any assessment's start, though the demo's records are all
// made before Tynebridge's current assessment starts.
func TestDataAsOfIsNeverBeforeAStart(t *testing.T) {
	c := gather(t, pilot(t), compare.Options{All: true})
	for _, s := range c.Sites {
		for _, a := range s.Assessments {
			start, err := time.Parse(time.DateOnly, a.Started)
			if err != nil {
				t.Fatal(err)
			}
			if c.AsOf.Before(start) {
				t.Errorf("data as of %v is before %s's start, %s", c.AsOf, s.Name, a.Started)
			}
		}
	}
}
