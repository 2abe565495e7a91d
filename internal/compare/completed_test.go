package compare_test

import (
	"bytes"
	"testing"

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
