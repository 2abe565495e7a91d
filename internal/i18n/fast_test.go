package i18n

import (
	"os"
	"regexp"
	"testing"
)

var fieldName = regexp.MustCompile(`\{\{\s*\.([A-Za-z0-9_]+)\s*\}\}`)

// The direct way of saying a simple message gives exactly go-i18n's text,
// for every message of every catalogue (French from testdata too), in
// every plural form, and says most messages itself.
func TestFastPathAgrees(t *testing.T) {
	c, err := Load(os.DirFS("testdata/locales"))
	if err != nil {
		t.Fatal(err)
	}
	counts := []any{nil, 0, 1, 2, 3, 5, 11, 21, 100, 101, 1000, 1000000, -1}
	for _, code := range c.Languages() {
		l := c.For(code)
		said, all := 0, 0
		for _, id := range c.IDs(code) {
			m := l.own.msgs[id]
			data := map[string]any{}
			for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
				for _, f := range fieldName.FindAllStringSubmatch(text, -1) {
					data[f[1]] = "«" + f[1] + "»"
				}
			}
			for _, n := range counts {
				d := map[string]any{}
				for k, v := range data {
					d[k] = v
				}
				if n != nil {
					d["Count"] = n
				}
				all++
				got, ok := l.fast(id, n, d)
				if !ok {
					continue
				}
				said++
				if want := l.slow(id, n, d); got != want {
					t.Errorf("%s %s (count %v): said %q, go-i18n says %q", code, id, n, got, want)
				}
			}
		}
		// French has a "many" form (a million) that few messages give, which
		// go-i18n says.
		if said < all*7/10 {
			t.Errorf("%s: the direct way said %d of %d, want most", code, said, all)
		}
	}
}
