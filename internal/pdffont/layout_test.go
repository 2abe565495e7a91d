package pdffont

import (
	"bytes"
	"slices"
	"testing"
)

func TestNewPaperSizes(t *testing.T) {
	for paper, want := range map[string]struct{ w, h float64 }{
		PaperA4:     {210, 297},
		PaperLetter: {215.9, 279.4},
		"":          {210, 297},
	} {
		pdf := New(paper)
		w, h := pdf.GetPageSize()
		if d := w - want.w + h - want.h; d > 0.01 || d < -0.01 {
			t.Errorf("New(%q) is %.1f x %.1f mm, want %.1f x %.1f", paper, w, h, want.w, want.h)
		}
		pdf.SetFont(Family, "BI", 10) // the fonts are embedded
		if err := pdf.Error(); err != nil {
			t.Errorf("New(%q): %v", paper, err)
		}
	}
	// The same content gives the same bytes.
	out := func() []byte {
		pdf := New(PaperA4)
		pdf.AddPage()
		pdf.SetFont(Family, "", 11)
		pdf.Cell(40, 5, "Città")
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(out(), out()) {
		t.Error("two PDFs of the same content differ")
	}
}

func TestFitAndWrap(t *testing.T) {
	pdf := New(PaperA4)
	pdf.SetFont(Family, "", 10)
	long := "The partnership board meets every month in the town hall"
	w := pdf.GetStringWidth("The partnership")

	if got := Fit(pdf, "short", 100); got != "short" {
		t.Errorf("Fit kept %q of a text that fits, want it whole", got)
	}
	got := Fit(pdf, long, w)
	if got == long || pdf.GetStringWidth(got) > w || got[len(got)-len("…"):] != "…" {
		t.Errorf("Fit(%q, %.1f) = %q (%.1f mm), want a shorter text ending in … within the width", long, w, got, pdf.GetStringWidth(got))
	}
	if got := Fit(pdf, "Città", 0.1); got != "C…" {
		t.Errorf("Fit into nothing = %q, want one character and the ellipsis", got)
	}

	lines := Wrap(pdf, long+"\n\n"+"end", w*1.5)
	if len(lines) < 4 {
		t.Fatalf("Wrap gave %q, want the long line split and the blank paragraph kept", lines)
	}
	for _, l := range lines {
		if pdf.GetStringWidth(l) > w*1.5 {
			t.Errorf("line %q is wider than %.1f mm", l, w*1.5)
		}
	}
	if i := slices.Index(lines, ""); i < 0 || lines[len(lines)-1] != "end" {
		t.Errorf("Wrap gave %q, want an empty line for the blank paragraph and %q last", lines, "end")
	}
	if got := Wrap(pdf, "", 50); !slices.Equal(got, []string{""}) {
		t.Errorf("Wrap of empty text = %q, want one empty line", got)
	}
}
