package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func TestZZHTMLDump(t *testing.T) {
	dir := os.Getenv("HTMLDUMP")
	if dir == "" {
		t.Skip()
	}
	os.MkdirAll(dir, 0o755)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	d := fixtureData(t)
	if _, err := Site(&buf, Input{Data: d, Earlier: fixtureEarlier(t, d)}, Options{Format: FormatHTML}); err != nil {
		t.Fatal(err)
	}
	write("fixture.html", buf.Bytes())
	for slug, in := range demoInputs(t, "eastbrook-pilot", "westmoor-county", "tynebridge-south", "ambito-valle-del-sole") {
		for _, lang := range []string{"en", "it"} {
			buf.Reset()
			if _, err := Site(&buf, in, Options{Lang: lang, Format: FormatHTML}); err != nil {
				t.Fatal(err)
			}
			write(slug+"-"+lang+".html", buf.Bytes())
		}
	}
	q, _ := questionnaire.Default()
	st, err := store.Open(filepath.Join(t.TempDir(), "e.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	svc.Change(func(c *workbook.Change) error { _, err := demo.Build(c, q, demo.Options{}); return err })
	c, err := compare.Gather(svc, compare.Options{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "it"} {
		buf.Reset()
		if _, err := Compare(&buf, c, CompareOptions{Lang: lang, Format: FormatHTML}); err != nil {
			t.Fatal(err)
		}
		write("compare-"+lang+".html", buf.Bytes())
	}
}
