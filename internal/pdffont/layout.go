package pdffont

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// PagesAlias stands for the number of pages until a document is closed
// (fpdf's AliasNbPages). It is made of characters user text can never hold
// after cleaning (a private-use character becomes a [Marker]), so a
// comment cannot change it.
const PagesAlias = "\ue000nb\ue000"

// New starts a portrait PDF measured in millimetres on paper (one of
// [Papers]; [Paper] checks it first, anything else is A4), set up as every
// PDF of Engage is: its catalogue sorted and its pages compressed, so that
// the same data gives the same bytes; cells with no margin of their own;
// and the Go fonts embedded under [Family]. The caller sets the margins
// and page breaks.
func New(paper string) *fpdf.Fpdf {
	size := "A4"
	if paper == PaperLetter {
		size = "Letter"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetCellMargin(0)
	Add(pdf)
	return pdf
}

// Fit shortens clean text s with an ellipsis until it fits w millimetres
// in pdf's current font.
func Fit(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		if pdf.GetStringWidth(string(rs)+"…") <= w {
			break
		}
	}
	return string(rs) + "…"
}

// Wrap splits clean text s into lines no wider than w millimetres in pdf's
// current font. Each line break of s starts a new line, and a blank
// paragraph (or an empty s) is one empty line.
func Wrap(pdf *fpdf.Fpdf, s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, pdf.SplitText(para, w)...)
	}
	return out
}
