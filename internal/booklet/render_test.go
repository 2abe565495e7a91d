package booklet

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestRenderForLooking writes the booklets to $ENGAGE_BOOKLET_OUT, for a
// person to look at; without it, it is skipped.
func TestRenderForLooking(t *testing.T) {
	dir := os.Getenv("ENGAGE_BOOKLET_OUT")
	if dir == "" {
		t.Skip("set ENGAGE_BOOKLET_OUT to a folder to write the booklets there")
	}
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		lang string
		g    workbook.Group
		opts Options
	}{
		{"normal", "en", workbook.Insider, Options{Date: day}},
		{"large", "en", workbook.Insider, Options{LargePrint: true}},
		{"italian", "it", workbook.Outsider, Options{Date: day}},
		{"letter", "en", workbook.Outsider, Options{Paper: pdffont.PaperLetter}},
	} {
		f, err := os.Create(filepath.Join(dir, tc.name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := PDF(f, Input{Data: fixture(t, tc.lang), Group: tc.g, Booklets: blanks(1, 2)}, tc.opts)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d pages", tc.name, res.Pages)
	}
}

func TestRenderHTMLForLooking(t *testing.T) {
	dir := os.Getenv("ENGAGE_BOOKLET_OUT")
	if dir == "" {
		t.Skip("set ENGAGE_BOOKLET_OUT to a folder to write the booklets there")
	}
	for _, tc := range []struct {
		name string
		lang string
		g    workbook.Group
		opts Options
	}{
		{"normal", "en", workbook.Insider, Options{}},
		{"large", "en", workbook.Insider, Options{LargePrint: true}},
		{"italian", "it", workbook.Outsider, Options{}},
	} {
		f, err := os.Create(filepath.Join(dir, tc.name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = HTML(f, Input{Data: fixture(t, tc.lang), Group: tc.g}, workbook.IssuedBooklet{Number: 7}, tc.opts)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestRenderGuideForLooking(t *testing.T) {
	dir := os.Getenv("ENGAGE_BOOKLET_OUT")
	if dir == "" {
		t.Skip("set ENGAGE_BOOKLET_OUT to a folder to write the guides there")
	}
	day := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		lang string
		g    workbook.Group
		opts Options
	}{
		{"guide", "en", workbook.Insider, Options{Date: day}},
		{"guide-it", "it", workbook.Outsider, Options{}},
	} {
		f, err := os.Create(filepath.Join(dir, tc.name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := GuidePDF(f, Input{Data: fixture(t, tc.lang), Earlier: earlierRound(t, tc.lang), Group: tc.g}, tc.opts)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d pages", tc.name, res.Pages)
	}
}

func TestRenderGuideHTMLForLooking(t *testing.T) {
	dir := os.Getenv("ENGAGE_BOOKLET_OUT")
	if dir == "" {
		t.Skip("set ENGAGE_BOOKLET_OUT to a folder to write the guides there")
	}
	f, err := os.Create(filepath.Join(dir, "guide.html"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := GuideHTML(f, Input{Data: fixture(t, "it"), Earlier: earlierRound(t, "it"), Group: workbook.Insider}, Options{}); err != nil {
		t.Fatal(err)
	}
}
