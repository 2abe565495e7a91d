package a11ytest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A page</title>
<style>body { color: #212121; }</style></head><body><main>
<h1>Title</h1><nav aria-labelledby="c"><h2 id="c">Contents</h2><a href="#s1">Part</a></nav>
<h2 id="s1">Part</h2><h3>Section</h3><p lang="it">Ciao</p>
<table><caption>Figures</caption><thead><tr><th scope="col">Who</th><td></td></tr></thead>
<tbody><tr><th scope="row">Insiders</th><td>3.4</td></tr></tbody></table>
<div role="region" tabindex="0" aria-labelledby="t1"><svg role="img" aria-labelledby="t1"><title id="t1">A chart</title></svg></div>
<svg aria-hidden="true"><circle r="1"/></svg>
</main></body></html>`

// TestStructure checks that a page that follows the rules passes, and
// that each way of breaking one is found.
func TestStructure(t *testing.T) {
	if p := Structure([]byte(goodPage)); len(p) > 0 {
		t.Fatalf("the good page has problems: %q", p)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"no lang", `<html lang="en">`, `<html>`, "<html> has no lang"},
		{"bad lang", `<p lang="it">`, `<p lang="it alia">`, "is not a language tag"},
		{"two h1", `<h3>Section</h3>`, `<h1>Again</h1>`, "2 h1"},
		{"skipped level", `<h3>Section</h3>`, `<h4>Section</h4>`, "a level is skipped"},
		{"no caption", `<caption>Figures</caption>`, ``, "without a caption"},
		{"th unscoped", `<th scope="row">Insiders</th>`, `<th>Insiders</th>`, "not scoped to its row"},
		{"row unnamed", `<th scope="row">Insiders</th>`, `<td>Insiders</td>`, "no cell scoped to it"},
		{"col unscoped", `<th scope="col">Who</th>`, `<th>Who</th>`, "not scoped to its column"},
		{"svg no role", `<svg role="img" aria-labelledby="t1">`, `<svg aria-labelledby="t1">`, "without role=img"},
		{"svg no name", `<title id="t1">A chart</title>`, `<title id="t1"></title>`, "without a text alternative"},
		{"dangling link", `href="#s1"`, `href="#s9"`, "nowhere in the page"},
		{"external link", `href="#s1"`, `href="https://example.invalid/"`, "leads outside the page"},
		{"external image", `<svg aria-hidden="true">`, `<img alt="" src="http://example.invalid/a.png"><svg aria-hidden="true">`, "loads something"},
		{"script", `</main>`, `<script>1</script></main>`, "has a <script>"},
		{"handler", `<p lang="it">`, `<p lang="it" onclick="x()">`, "event handler"},
		{"css import", `body { color`, `@import "x.css"; body { color`, "fetches something"},
		{"css url", `<p lang="it">`, `<p lang="it" style="background:url(https://x.invalid/a)">`, "fetches something"},
		{"duplicate id", `<h2 id="s1">`, `<h2 id="c">`, `"c" is used 2 times`},
		{"no title", `<title>A page</title>`, ``, "no <title>"},
		{"same region names", `<svg aria-hidden="true">`, `<div role="region" tabindex="0" aria-label="A chart"></div><svg aria-hidden="true">`, "2 regions are named"},
		{"unnamed region", `<div role="region" tabindex="0" aria-labelledby="t1">`, `<div role="region" tabindex="0">`, "role=region> without a name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := strings.Replace(goodPage, tc.old, tc.new, 1)
			if page == goodPage {
				t.Fatalf("%q is not in the page", tc.old)
			}
			p := Structure([]byte(page))
			if !strings.Contains(strings.Join(p, "\n"), tc.want) {
				t.Errorf("problems %q, want one saying %q", p, tc.want)
			}
		})
	}
}

// TestBrowserFindsViolations runs the browser check on a page with known
// faults: it reports them, so a passing check means something. It skips
// where the check cannot run.
func TestBrowserFindsViolations(t *testing.T) {
	tools := Require(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.html")
	page := `<!DOCTYPE html><html><head><title>Bad</title></head><body>
<p style="color:#aaaaaa">Faint text</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div style="width:2000px">Too wide</div></body></html>`
	if err := os.WriteFile(bad, []byte(page), 0o600); err != nil {
		t.Fatal(err)
	}
	shots := filepath.Join(dir, "shots")
	r, err := tools.Run(shots, bad, filepath.Join(dir, "good.html"))
	if err == nil {
		t.Fatal("a missing file did not fail the check")
	}
	if err := os.WriteFile(filepath.Join(dir, "good.html"), []byte(goodPage), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err = tools.Run(shots, bad, filepath.Join(dir, "good.html"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, v := range r.Files[0].Violations {
		ids[v.ID] = true
	}
	for _, want := range []string{"color-contrast", "html-has-lang", "image-alt"} {
		if !ids[want] {
			t.Errorf("the bad page's violations %v lack %s", ids, want)
		}
	}
	if len(r.Files[0].Reflow) == 0 {
		t.Error("the 2000 px wide page was found to reflow")
	}
	if p := r.Files[1].Problems(); len(p) > 0 {
		t.Errorf("the good page has problems in the browser: %q", p)
	}
	for _, f := range []string{"bad-1280.png", "bad-320.png", "good-320.png"} {
		if _, err := os.Stat(filepath.Join(shots, f)); err != nil {
			t.Errorf("no screenshot: %v", err)
		}
	}
}
