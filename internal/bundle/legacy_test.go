package bundle_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// A bundle of format 1, written before the review log (kept in testdata
// as the Engage of then wrote it), still reads: an action's review notes
// are the first review of its log, dated the day the action was last
// saved, with its status and no reviewer; an action without notes has an
// empty log. Imported and exported again, it is a bundle of this format.
func TestFormatOneBundleReadsWithItsReviewNotes(t *testing.T) {
	path := filepath.Join("testdata", "format1-valle-del-sole.engage")
	doc := string(unpacked(t, mustRead(t, path)))
	if !strings.Contains(doc, `"format":1,`) || !strings.Contains(doc, `"review":"Bozza discussa al tavolo di febbraio."`) {
		t.Fatal("the fixture is not a format 1 bundle with review notes")
	}
	b, err := bundle.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var noted, plain int
	for _, iv := range b.Records.Interventions {
		switch len(iv.Reviews) {
		case 0:
			plain++
		case 1:
			noted++
			want := workbook.Review{Date: iv.Updated.UTC().Format("2006-01-02"), Status: iv.Status, Note: "Bozza discussa al tavolo di febbraio."}
			if iv.Reviews[0] != want {
				t.Errorf("review = %+v, want %+v", iv.Reviews[0], want)
			}
		default:
			t.Errorf("%d reviews from one text of notes: %+v", len(iv.Reviews), iv.Reviews)
		}
	}
	if noted != 1 || plain != 3 {
		t.Errorf("%d actions with a review, %d without; want 1 and 3", noted, plain)
	}
	ts := openStore(t)
	if res, err := bundle.Import(ts.svc, b, bundle.ImportOptions{}); err != nil || !res.Created {
		t.Fatalf("import: %+v, %v", res, err)
	}
	again := string(unpacked(t, ts.export(t, b.Records.Site.Slug)))
	if !strings.Contains(again, `"format":3,`) || strings.Contains(again, `"review":`) ||
		!strings.Contains(again, `"reviews":[{"date":"2026-03-02","status":"in-progress","note":"Bozza discussa al tavolo di febbraio."}]`) {
		t.Errorf("exported again:\n%s", regexp.MustCompile(`(?m)^.*"action".*$`).FindAllString(again, -1))
	}
}

// Each format has its own fields: a format 1 file with a review log, or a
// format 2 file with review notes, is refused as the unknown field it is.
func TestEachFormatHasItsOwnActionFields(t *testing.T) {
	legacy := unpacked(t, mustRead(t, filepath.Join("testdata", "format1-valle-del-sole.engage")))
	withLog := strings.Replace(string(legacy), `"review":"Bozza`, `"reviews":[{"date":"2026-02-26","status":"in-progress"}],"review":"Bozza`, 1)
	wantRefused(t, bundle.SealFormat(1, "v0.0.0-test", []byte(withLog)), bundle.ErrInvalid, `bundle format 1 has no review log ("reviews")`)

	now := string(unpacked(t, smallBundle(t)))
	withNotes := regexp.MustCompile(`("interventions":\[\n\{[^\n]*)"status":"planned"`).ReplaceAllString(now, `$1"status":"planned","review":"Old notes."`)
	if withNotes == now {
		t.Fatal("no action to edit")
	}
	wantRefused(t, bundle.Seal("v0.0.0-test", []byte(withNotes)), bundle.ErrInvalid, `unknown field "review"`)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A bundle of format 2 carries no assessment log: one that does is refused
// as the unknown field it is there. (The small bundle's assessments were
// completed, which their log records.)
func TestFormatTwoHasNoAssessmentLog(t *testing.T) {
	now := string(unpacked(t, smallBundle(t)))
	if !strings.Contains(now, `"log":[{"at":`) || !strings.Contains(now, `"kind":"completed"`) {
		t.Fatal("the small bundle's assessments have no log")
	}
	old := strings.Replace(now, `"format":3,`, `"format":2,`, 1)
	wantRefused(t, bundle.SealFormat(2, "v0.0.0-test", []byte(old)), bundle.ErrInvalid, `bundle format 2 has no assessment log ("log")`)
}
