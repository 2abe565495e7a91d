package report

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// checkContents checks the contents pages of a PDF laid out by d: every
// entry's heading is on the page the entry gives, and its link goes there.
func checkContents(t *testing.T, d *doc, pdf []byte) {
	t.Helper()
	toc := d.toc
	if toc.first < 2 || len(toc.entries) == 0 || toc.entries[0].page < toc.first+toc.pages {
		t.Fatalf("contents on pages %d-%d with %d entries, the first on page %d", toc.first, toc.first+toc.pages-1, len(toc.entries), toc.entries[0].page)
	}
	conf := model.NewDefaultConfiguration()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	// The destinations of the links on the contents pages, in order.
	var dests []int
	for p := toc.first; p < toc.first+toc.pages; p++ {
		page, _, _, err := ctx.PageDict(p, false)
		if err != nil {
			t.Fatal(err)
		}
		annots, err := ctx.DereferenceArray(page["Annots"])
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range annots {
			if _, ok := a.(types.IndirectRef); !ok {
				t.Fatalf("page %d's annotation %v is not an object of its own", p, a)
			}
			annot, err := ctx.DereferenceDict(a)
			if err != nil {
				t.Fatal(err)
			}
			dest, err := ctx.DereferenceArray(annot["Dest"])
			if err != nil || len(dest) == 0 {
				t.Fatalf("a link without a destination: %v", annot)
			}
			ref := dest[0].(types.IndirectRef)
			for n := 1; n <= ctx.PageCount; n++ {
				if r, err := ctx.PageDictIndRef(n); err == nil && r.ObjectNumber == ref.ObjectNumber {
					dests = append(dests, n)
				}
			}
		}
	}
	if len(dests) != len(toc.entries) {
		t.Fatalf("%d links on the contents pages for %d entries", len(dests), len(toc.entries))
	}
	for i, e := range toc.entries {
		if dests[i] != e.page {
			t.Errorf("%q is listed on page %d, its link goes to page %d", e.text, e.page, dests[i])
		}
		page := strings.Join(strings.Fields(pdfText(t, pdf, "-f", strconv.Itoa(e.page), "-l", strconv.Itoa(e.page))), " ")
		if !strings.Contains(page, strings.Join(strings.Fields(e.text), " ")) {
			t.Errorf("%q is listed on page %d, which does not have it", e.text, e.page)
		}
	}
	contents := pdfText(t, pdf, "-f", strconv.Itoa(toc.first), "-l", strconv.Itoa(toc.first+toc.pages-1))
	for _, e := range toc.entries {
		if !strings.Contains(strings.Join(strings.Fields(contents), " "), strings.Join(strings.Fields(e.text), " ")) {
			t.Errorf("the contents do not list %q", e.text)
		}
	}
}

func TestContents(t *testing.T) {
	d := fixtureData(t)
	in := Input{Data: d, Earlier: fixtureEarlier(t, d)}
	r, err := layOutSite(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := r.output(&buf); err != nil {
		t.Fatal(err)
	}
	if r.d.toc.first != 2 || r.d.toc.pages != 1 {
		t.Errorf("the contents are on pages %d-%d, want page 2", r.d.toc.first, r.d.toc.first+r.d.toc.pages-1)
	}
	parts, sections := 0, 0
	for _, e := range r.d.toc.entries {
		switch e.level {
		case h1:
			parts++
		case h2:
			sections++
		}
	}
	if parts != 7 || sections < 10 {
		t.Errorf("%d parts and %d sections listed, want the 7 parts after the cover and their sections", parts, sections)
	}
	checkContents(t, r.d, buf.Bytes())
	mustContain(t, pdfText(t, buf.Bytes(), "-f", "2", "-l", "2"), "Contents", "Summary", "Step 1. Mapping the partnerships", "Partnerships by directorate")
}

// TestLongContents lays out a report whose contents take more than a page:
// it is laid out again with pages enough, and every entry still gives the
// page its heading is on.
func TestLongContents(t *testing.T) {
	q := genQuestionnaire(t, 30, 2)
	in := Input{Data: genData(t, q, 5, 12, 50)}
	r, err := layOutSite(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.d.toc.pages < 2 {
		t.Fatalf("%d entries on %d page: the test needs more than one page of them", len(r.d.toc.entries), r.d.toc.pages)
	}
	var buf bytes.Buffer
	res, err := r.output(&buf)
	if err != nil {
		t.Fatal(err)
	}
	validate(t, buf.Bytes(), res.Pages)
	checkContents(t, r.d, buf.Bytes())
}

func TestComparisonContents(t *testing.T) {
	c := demoComparison(t)
	cr, err := layOutComparison(c, CompareOptions{Lang: "it"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := cr.d.output(&buf); err != nil {
		t.Fatal(err)
	}
	if len(cr.d.toc.entries) < 5 {
		t.Errorf("%d entries in the comparison's contents", len(cr.d.toc.entries))
	}
	checkContents(t, cr.d, buf.Bytes())
	mustContain(t, pdfText(t, buf.Bytes()), "Indice", "Le questioni chiave a confronto")
}
