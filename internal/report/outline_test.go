package report

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func TestOutlineCounts(t *testing.T) {
	for name, tc := range map[string]struct {
		levels []int
		items  []int
		root   int
	}{
		"flat":   {[]int{0, 0, 0}, []int{0, 0, 0}, 3},
		"nested": {[]int{0, 1, 2, 2, 1, 0, 1}, []int{2, -2, 0, 0, 0, 1, 0}, 5},
		"deep":   {[]int{0, 1, 2, 1, 2, 2}, []int{2, -1, 0, -2, 0, 0}, 3},
		"none":   {nil, []int{}, 0},
	} {
		t.Run(name, func(t *testing.T) {
			items, root := outlineCounts(tc.levels)
			if !slices.Equal(items, tc.items) || root != tc.root {
				t.Errorf("outlineCounts(%v) = %v, %d; want %v, %d", tc.levels, items, root, tc.items, tc.root)
			}
		})
	}
}

// titles are the titles of bookmarks.
func titles(bms []pdfcpu.Bookmark) []string {
	var out []string
	for _, b := range bms {
		out = append(out, b.Title)
	}
	return out
}

// kids are the bookmarks under the one titled title.
func kids(t *testing.T, bms []pdfcpu.Bookmark, title string) []pdfcpu.Bookmark {
	t.Helper()
	for _, b := range bms {
		if b.Title == title {
			return b.Kids
		}
	}
	t.Fatalf("no bookmark %q among %q", title, titles(bms))
	return nil
}

// readPDF reads a PDF's bookmarks and catalogue with pdfcpu.
func readPDF(t *testing.T, pdf []byte) ([]pdfcpu.Bookmark, *model.Context) {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	bms, err := api.Bookmarks(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	return bms, ctx
}

// checkCatalog checks that a reader shows the document's title and that
// the outline's top level is open and the levels below closed.
func checkCatalog(t *testing.T, pdf []byte, ctx *model.Context) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")) {
		t.Errorf("the PDF starts %q, want PDF 1.4 (for /Lang and /DisplayDocTitle)", pdf[:9])
	}
	cat, err := ctx.XRefTable.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	vp, err := ctx.XRefTable.DereferenceDict(cat["ViewerPreferences"])
	if err != nil || vp == nil {
		t.Fatalf("no /ViewerPreferences: %v", err)
	}
	if b := vp.BooleanEntry("DisplayDocTitle"); b == nil || !*b {
		t.Error("/ViewerPreferences has no /DisplayDocTitle true")
	}
	root, err := ctx.XRefTable.DereferenceDict(cat["Outlines"])
	if err != nil || root == nil {
		t.Fatalf("no /Outlines: %v", err)
	}
	if n := root.IntEntry("Count"); n == nil || *n <= 0 {
		t.Errorf("the outline's /Count is %v, want the number of items shown", n)
	}
	// Walk the top level: a part with sections is open (a positive
	// /Count), a section with sub-sections closed (a negative one).
	open, closed := 0, 0
	for o := root["First"]; o != nil; {
		item, err := ctx.XRefTable.DereferenceDict(o)
		if err != nil {
			t.Fatal(err)
		}
		if item["First"] != nil {
			if n := item.IntEntry("Count"); n == nil || *n <= 0 {
				t.Errorf("the part %v has sections but /Count %v", item["Title"], n)
			}
			open++
			for k := item["First"]; k != nil; {
				kid, err := ctx.XRefTable.DereferenceDict(k)
				if err != nil {
					t.Fatal(err)
				}
				if kid["First"] != nil {
					if n := kid.IntEntry("Count"); n == nil || *n >= 0 {
						t.Errorf("the section %v has sub-sections but /Count %v", kid["Title"], n)
					}
					closed++
				}
				k = kid["Next"]
			}
		}
		o = item["Next"]
	}
	if open == 0 || closed == 0 {
		t.Errorf("%d open parts and %d closed sections: the outline should have both", open, closed)
	}
}

func TestSiteOutline(t *testing.T) {
	d := fixtureData(t)
	pdf, _ := render(t, Input{Data: d, Earlier: fixtureEarlier(t, d)}, Options{})
	bms, ctx := readPDF(t, pdf)
	want := []string{"Cover", "Contents", "Summary", "Step 1. Mapping the partnerships", "Step 2. Selecting a partnership",
		"Steps 3 and 4. The workbook and its verification", "Step 5. Barriers and where to intervene", "Appendix. Every statement, with comments",
		"What changed since the assessment of 3 March 2025"}
	if got := titles(bms); !slices.Equal(got, want) {
		t.Errorf("the outline's parts are %q, want %q", got, want)
	}
	// Sub-sections on the cover go under it, side by side.
	if got := titles(kids(t, bms, "Cover")); !slices.Equal(got, []string{"Who took part", "About the site"}) {
		t.Errorf("under the cover: %q", got)
	}
	steps34 := kids(t, bms, "Steps 3 and 4. The workbook and its verification")
	if got := titles(kids(t, steps34, "Key issue 1. Key issue number 1")); !slices.Contains(got, "Insiders and outsiders") {
		t.Errorf("under key issue 1: %q", got)
	}
	if got := titles(steps34); !slices.Contains(got, "Verification gaps") {
		t.Errorf("under steps 3 and 4: %q", got)
	}
	checkCatalog(t, pdf, ctx)
}

func TestComparisonOutline(t *testing.T) {
	c := demoComparison(t)
	cr, err := layOutComparison(c, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := cr.d.output(&buf); err != nil {
		t.Fatal(err)
	}
	bms, ctx := readPDF(t, buf.Bytes())
	spread := kids(t, kids(t, bms, "Key issues side by side"), "Insiders and outsiders, with the spread between people")
	if len(spread) != len(c.Issues) {
		t.Errorf("%d key issues under the spread charts, want %d: %q", len(spread), len(c.Issues), titles(spread))
	}
	checkCatalog(t, buf.Bytes(), ctx)
}

func TestFinishPDFRefusesOtherShapes(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":    "",
		"no xref":  "%PDF-1.4\n1 0 obj\n<<>>\nendobj\nstartxref\n9\n%%EOF\n",
		"bad xref": "%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000999 00000 n \ntrailer\n<<\n/Size 2\n/Root 1 0 R\n>>\nstartxref\n32\n%%EOF\n",
	} {
		if _, err := finishPDF([]byte(raw), nil); !errors.Is(err, errPDFShape) {
			t.Errorf("%s: err = %v, want errPDFShape", name, err)
		}
	}
}
