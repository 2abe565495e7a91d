package booklet

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// pdfPages is the text of each page of a PDF, as pdftotext lays it out.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "booklet.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

func writePDF(t *testing.T, in Input, opts Options) ([]byte, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := PDF(&buf, in, opts)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

var (
	statementLine = regexp.MustCompile(`(?m)^\s*(\d+\.\d+)\s{2,}\S`)
	pageLine      = regexp.MustCompile(`Page (\d+) of (\d+)`)
	bookletLine   = regexp.MustCompile(`Booklet (\d+)`)
)

// TestPDFBookletsPageByPage checks two booklets in one file: each page
// names its booklet and its place in it, the second booklet starts on
// the front of a sheet, every statement of the set is there once per
// booklet in workbook order, and no statement is split across pages (its
// boxes and comment line are on the page it starts on).
func TestPDFBookletsPageByPage(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    workbook.Group
		opts Options
	}{
		{"insiders", workbook.Insider, Options{}},
		{"outsiders large print", workbook.Outsider, Options{LargePrint: true}},
		{"insiders on letter", workbook.Insider, Options{Paper: pdffont.PaperLetter}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := fixture(t, "en")
			pdf, res := writePDF(t, Input{Data: d, Group: tc.g, Booklets: blanks(7, 2)}, tc.opts)
			pages := pdfPages(t, pdf)
			if len(pages) != res.Pages {
				t.Fatalf("%d pages read, %d written", len(pages), res.Pages)
			}
			want := groupStatements(d.Questionnaire, tc.g)
			numbers := d.Questionnaire.Numbering()
			var seen [2][]string
			first := 0
			for i, p := range pages {
				m := pageLine.FindStringSubmatch(p)
				b := bookletLine.FindAllStringSubmatch(p, -1)
				if m == nil || len(b) == 0 {
					t.Fatalf("page %d does not say its booklet and page:\n%s", i+1, p)
				}
				which := 0
				if b[0][1] == "8" {
					which = 1
				} else if b[0][1] != "7" {
					t.Fatalf("page %d is of booklet %s", i+1, b[0][1])
				}
				for _, x := range b {
					if x[1] != b[0][1] {
						t.Errorf("page %d names booklets %s and %s", i+1, b[0][1], x[1])
					}
				}
				if m[1] == "1" {
					if which == 1 {
						first = i
					}
					if !strings.Contains(p, "Which of these are you? Tick one box.") {
						t.Errorf("the cover of a blank booklet does not ask the role level")
					}
				}
				sts := statementLine.FindAllStringSubmatch(p, -1)
				for _, s := range sts {
					seen[which] = append(seen[which], s[1])
				}
				if got := strings.Count(p, "Comment (optional)"); got != len(sts) {
					t.Errorf("page %d: %d statements begin, %d comment lines: a statement is split\n%s", i+1, len(sts), got, p)
				}
				cover := strings.Contains(p, "How to answer") || strings.Contains(p, "What happens to your answers")
				if got := strings.Count(p, "not applicable"); got != len(sts) && !cover {
					t.Errorf("page %d: %d statements begin, %d don't-know boxes", i+1, len(sts), got)
				}
			}
			if first%2 != 0 {
				t.Errorf("the second booklet starts on page %d, the back of a sheet", first+1)
			}
			for k, got := range seen {
				var wantN []string
				for _, st := range want {
					wantN = append(wantN, numbers.Number(st.ID))
				}
				if strings.Join(got, " ") != strings.Join(wantN, " ") {
					t.Errorf("booklet %d has statements %v, want %v", 7+k, got, wantN)
				}
			}
			if n, _ := pageCount(pages[len(pages)-1]); n%2 != 0 {
				t.Errorf("the last booklet has %d pages: it is not padded to a whole sheet", n)
			}
		})
	}
}

func pageCount(page string) (int, bool) {
	m := pageLine.FindStringSubmatch(page)
	if m == nil {
		return 0, false
	}
	n := 0
	for _, r := range m[2] {
		n = n*10 + int(r-'0')
	}
	return n, true
}

// TestPDFTypeSizesContrastAndBoxes checks the print rules: no text under
// 10.5 pt (16 pt in large print), every text colour at 4.5:1 or more on
// white, and boxes a pen can tick (7 mm, 10 mm in large print).
func TestPDFTypeSizesContrastAndBoxes(t *testing.T) {
	for _, tc := range []struct {
		opts    Options
		minSize float64
		minBox  float64
	}{
		{Options{}, 10.5, 7},
		{Options{LargePrint: true}, 16, 10},
		{Options{LargePrint: true, Lang: "it", Paper: pdffont.PaperLetter}, 16, 10},
	} {
		d, err := booklets(Input{Data: fixture(t, "en"), Group: workbook.Insider, Booklets: blanks(1, 1)}, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		for size := range d.used.sizes {
			if size < tc.minSize {
				t.Errorf("%+v: text at %.1f pt, under %.1f", tc.opts, size, tc.minSize)
			}
		}
		for c := range d.used.colours {
			if r := contrast(c, white); r < 4.5 {
				t.Errorf("%+v: text in %v has a contrast of %.2f:1 on white", tc.opts, c, r)
			}
		}
		if d.used.minBox < tc.minBox {
			t.Errorf("%+v: a box of %.1f mm", tc.opts, d.used.minBox)
		}
		if len(d.used.sizes) == 0 || len(d.used.colours) == 0 {
			t.Error("nothing was recorded: the check checks nothing")
		}
	}
}

// contrast is WCAG's contrast ratio of two colours.
func contrast(a, b rgb) float64 {
	lum := func(c rgb) float64 {
		ch := func(v int) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(c.r) + 0.7152*ch(c.g) + 0.0722*ch(c.b)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestPDFCover checks what the cover says: the partnership, the date or
// a line for it, how to answer, who sees what with the small-group rule,
// the role question only on a blank booklet, and a name only with Names.
func TestPDFCover(t *testing.T) {
	d := fixture(t, "en")
	alice := workbook.Participant{ID: "p1", Name: "Alice Example", Group: workbook.Insider, Role: workbook.RoleSenior, Booklet: 3}
	in := Input{Data: d, Group: workbook.Insider, Booklets: []workbook.IssuedBooklet{{Number: 3, Participant: alice}, {Number: 4}}}
	pdf, _ := writePDF(t, in, Options{Date: time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)})
	pages := pdfPages(t, pdf)
	all := strings.Join(pages, "\n")
	for _, want := range []string{"Eastbrook Healthy Communities Partnership", "12 March 2026", "How to answer",
		"fewer than 3 people", "never with your name"} {
		if !strings.Contains(all, want) {
			t.Errorf("the booklets do not say %q", want)
		}
	}
	if strings.Contains(all, "Alice") {
		t.Error("Alice is named without Names")
	}
	alices, blank := pages[0], ""
	for _, p := range pages {
		if strings.Contains(p, "Booklet 4") && strings.Contains(p, "Page 1 of") {
			blank = p
		}
	}
	if strings.Contains(alices, "Which of these are you?") || !strings.Contains(blank, "Which of these are you?") {
		t.Error("the role question is not on the blank booklet only")
	}
	named, _ := writePDF(t, in, Options{Names: true})
	if p := pdfPages(t, named); !strings.Contains(p[0], "Alice Example") || strings.Contains(strings.Join(p[1:], ""), "Alice") {
		t.Error("with Names, the name is not on Alice's cover only")
	}
}

func TestPDFItalianAndTheSameEveryTime(t *testing.T) {
	in := Input{Data: fixture(t, "it"), Group: workbook.Outsider, Booklets: blanks(1, 1)}
	a, _ := writePDF(t, in, Options{})
	b, _ := writePDF(t, in, Options{})
	if !bytes.Equal(a, b) {
		t.Error("the same booklet twice gives other bytes")
	}
	all := strings.Join(pdfPages(t, a), "\n")
	for _, want := range []string{"Questionario n. 1", "Pagina 1 di", "Non so / non applicabile", "Per niente", "Commento (facoltativo)",
		"Questione chiave 1."} {
		if !strings.Contains(all, want) {
			t.Errorf("the Italian booklet does not say %q", want)
		}
	}
	if strings.Contains(all, "Booklet") || strings.Contains(all, "Comment (") {
		t.Error("English words in the Italian booklet")
	}
}

func TestPDFRefusesWhatItCannotPrint(t *testing.T) {
	d := fixture(t, "en")
	for _, tc := range []struct {
		name string
		in   Input
		opts Options
		want string
	}{
		{"no booklets", Input{Data: d, Group: workbook.Insider}, Options{}, "no booklets"},
		{"no group", Input{Data: d, Booklets: blanks(1, 1)}, Options{}, "no group"},
		{"no data", Input{Group: workbook.Insider, Booklets: blanks(1, 1)}, Options{}, "no assessment data"},
		{"a3", Input{Data: d, Group: workbook.Insider, Booklets: blanks(1, 1)}, Options{Paper: "a3"}, "unknown paper size"},
		{"french", Input{Data: d, Group: workbook.Insider, Booklets: blanks(1, 1)}, Options{Lang: "fr"}, `no texts in "fr"`},
	} {
		var buf bytes.Buffer
		if _, err := PDF(&buf, tc.in, tc.opts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
