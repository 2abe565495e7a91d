package booklet

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/engage-toolkit/engage/internal/a11ytest"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// TestHTMLAccessibleInBrowser opens the HTML booklets (English and
// Italian, normal and large print) and the facilitator's guide in
// headless Chromium with internal/a11ytest, as the reports are: axe-core
// with the WCAG 2.2 AA rules finds nothing, the pages reflow at 320 px and
// at 200%, and they pass the structural checks. It skips where Chromium or
// the check's node_modules are missing.
func TestHTMLAccessibleInBrowser(t *testing.T) {
	a11ytest.Require(t)
	dir := t.TempDir()
	var files []string
	write := func(name string, page []byte) {
		a11ytest.CheckStructure(t, name, page)
		path := filepath.Join(dir, name+".html")
		if err := os.WriteFile(path, page, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for _, tc := range []struct {
		name string
		lang string
		g    workbook.Group
		opts Options
	}{
		{"booklet-en", "en", workbook.Insider, Options{}},
		{"booklet-en-large", "en", workbook.Insider, Options{LargePrint: true}},
		{"booklet-it", "it", workbook.Outsider, Options{}},
	} {
		write(tc.name, writeHTML(t, Input{Data: fixture(t, tc.lang), Group: tc.g}, workbook.IssuedBooklet{Number: 7}, tc.opts))
	}
	var guide bytes.Buffer
	if _, err := GuideHTML(&guide, Input{Data: fixture(t, "en"), Earlier: earlierRound(t, "en"), Group: workbook.Insider}, Options{}); err != nil {
		t.Fatal(err)
	}
	write("guide-en", guide.Bytes())
	a11ytest.Check(t, files...)
}
