// Package a11ytest checks Engage's HTML outputs (the reports, and any other
// page Engage writes) for accessibility, in two ways:
//
//   - [Structure] parses a document and lists what breaks the structural
//     rules every Engage page follows, without a browser: a lang on the
//     document, one h1 and headings that never skip a level, tables with a
//     caption and scoped header cells, every drawing an image with a text
//     alternative, links inside the page that land, and nothing fetched
//     from a network or run as a script. [CheckStructure] fails a test on
//     any of them.
//   - [Check] opens files in headless Chromium with scripts/a11y/check.mjs,
//     runs axe-core with the WCAG 2.2 A and AA rules, checks that the page
//     reflows at 320 CSS pixels and at 200% zoom, takes screenshots at 1280
//     and 320 pixels wide, and fails the test on any violation. It skips,
//     saying why, where Chromium or the script's node_modules are missing,
//     so that `go test ./...` passes on a laptop without them; CI installs
//     both (.ci/run).
package a11ytest

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// CheckStructure fails t with every structural problem of the document doc
// (named name in the messages).
func CheckStructure(t testing.TB, name string, doc []byte) {
	t.Helper()
	problems := Structure(doc)
	for _, p := range problems[:min(len(problems), 20)] {
		t.Errorf("%s: %s", name, p)
	}
	if len(problems) > 20 {
		t.Errorf("%s: and %d more problems", name, len(problems)-20)
	}
}

// netURL matches a URL that reaches beyond the page: a scheme other than
// data (http:, https:, file:, javascript:, ...) or a network path (//host).
var netURL = regexp.MustCompile(`(?i)^\s*(//|[a-z][a-z0-9+.-]*:)`)

// cssURL matches what would make a stylesheet fetch something.
var cssURL = regexp.MustCompile(`(?i)@import|url\(\s*['"]?\s*(//|[a-z][a-z0-9+.-]*:)`)

// langTag matches a plausible BCP 47 tag.
var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// Structure lists the structural accessibility problems of an HTML
// document; none is the empty list.
func Structure(doc []byte) []string {
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	c := &checker{ids: map[string]int{}, regions: map[string]int{}}
	c.index(root)
	c.walk(root)
	c.finish()
	return c.problems
}

type checker struct {
	problems []string
	ids      map[string]int
	byID     map[string]*html.Node
	// headings are the levels of the headings in document order.
	headings []int
	links    []string // fragment targets
	regions  map[string]int
	title    bool
	htmlLang bool
}

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// index records every element id.
func (c *checker) index(n *html.Node) {
	c.byID = map[string]*html.Node{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id, ok := attr(n, "id"); ok {
				c.ids[id]++
				c.byID[id] = n
			}
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
}

// Text is the text of n and everything in it, with its white space
// collapsed.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// name is an element's accessible name from aria-label or aria-labelledby.
func (c *checker) name(n *html.Node) string {
	if s, ok := attr(n, "aria-label"); ok && strings.TrimSpace(s) != "" {
		return s
	}
	if ids, ok := attr(n, "aria-labelledby"); ok {
		var parts []string
		for _, id := range strings.Fields(ids) {
			if target := c.byID[id]; target != nil {
				parts = append(parts, Text(target))
			} else {
				c.addf("aria-labelledby names a missing id %q", id)
			}
		}
		return strings.TrimSpace(strings.Join(parts, " "))
	}
	return ""
}

func (c *checker) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		c.element(n)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k)
	}
}

func (c *checker) element(n *html.Node) {
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			c.addf("<%s> has an event handler %s", n.Data, a.Key)
		case key == "src" || key == "srcset" || key == "poster" || key == "data" || key == "action" || key == "formaction":
			if !strings.HasPrefix(strings.TrimSpace(a.Val), "data:") {
				c.addf("<%s %s=%q> loads something from outside the page", n.Data, a.Key, a.Val)
			}
		case key == "href":
			switch {
			case strings.HasPrefix(a.Val, "#"):
				c.links = append(c.links, a.Val[1:])
			case netURL.MatchString(a.Val):
				c.addf("<%s href=%q> leads outside the page", n.Data, a.Val)
			}
		case key == "style":
			if cssURL.MatchString(a.Val) {
				c.addf("<%s style=%q> fetches something", n.Data, a.Val)
			}
		case key == "lang" && !langTag.MatchString(a.Val):
			c.addf("<%s lang=%q> is not a language tag", n.Data, a.Val)
		}
	}
	switch n.DataAtom {
	case atom.Html:
		if l, _ := attr(n, "lang"); strings.TrimSpace(l) != "" {
			c.htmlLang = true
		}
	case atom.Title:
		if n.Namespace == "" && Text(n) != "" { // not an SVG's title
			c.title = true
		}
	case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Link, atom.Base:
		c.addf("the page has a <%s>", n.Data)
	case atom.Style:
		if cssURL.MatchString(Text(n)) {
			c.addf("a <style> fetches something")
		}
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.headings = append(c.headings, int(n.Data[1]-'0'))
		if Text(n) == "" {
			c.addf("an empty <%s>", n.Data)
		}
	case atom.Img:
		if _, ok := attr(n, "alt"); !ok {
			c.addf("an <img> without alt")
		}
	case atom.Table:
		c.table(n)
	case atom.Svg:
		c.svg(n)
	}
	if role, _ := attr(n, "role"); role == "region" {
		if name := c.name(n); name == "" {
			c.addf("a <%s role=region> without a name", n.Data)
		} else {
			c.regions[name]++
		}
	}
}

// table checks a data table: a caption with text, every th scoped, the
// header row's cells scoped to their column and each body row named by a
// cell scoped to it.
func (c *checker) table(t *html.Node) {
	label := "a table"
	var caption *html.Node
	for k := t.FirstChild; k != nil; k = k.NextSibling {
		if k.DataAtom == atom.Caption {
			caption = k
		}
	}
	if caption == nil || Text(caption) == "" {
		c.addf("a table without a caption")
	} else {
		label = fmt.Sprintf("table %q", Text(caption))
	}
	var rows func(n *html.Node, section atom.Atom)
	rows = func(n *html.Node, section atom.Atom) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch k.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				rows(k, k.DataAtom)
			case atom.Tr:
				c.row(label, k, section)
			}
		}
	}
	rows(t, atom.Tbody)
}

func (c *checker) row(table string, tr *html.Node, section atom.Atom) {
	named := false
	for k := tr.FirstChild; k != nil; k = k.NextSibling {
		if k.DataAtom != atom.Th {
			continue
		}
		scope, _ := attr(k, "scope")
		switch {
		case section == atom.Thead && scope != "col":
			c.addf("%s: header cell %q is not scoped to its column", table, Text(k))
		case section != atom.Thead && scope != "row":
			c.addf("%s: cell %q is a th not scoped to its row", table, Text(k))
		case section != atom.Thead:
			named = true
		}
	}
	if section != atom.Thead && !named {
		c.addf("%s: a row has no cell scoped to it (th scope=row)", table)
	}
}

// svg checks that a drawing is an image with a text alternative, unless it
// is hidden as a decoration.
func (c *checker) svg(n *html.Node) {
	if h, _ := attr(n, "aria-hidden"); h == "true" {
		return
	}
	if role, _ := attr(n, "role"); role != "img" {
		c.addf("an <svg> without role=img")
	}
	name := c.name(n)
	if name == "" {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode && k.Data == "title" {
				name = Text(k)
			}
		}
	}
	if name == "" {
		c.addf("an <svg> without a text alternative")
	}
}

func (c *checker) finish() {
	if !c.htmlLang {
		c.addf("<html> has no lang")
	}
	if !c.title {
		c.addf("the page has no <title>")
	}
	h1s := 0
	for i, h := range c.headings {
		if h == 1 {
			h1s++
		}
		prev := 0
		if i > 0 {
			prev = c.headings[i-1]
		}
		if h > prev+1 {
			c.addf("heading %d of the page is an h%d after an h%d: a level is skipped", i+1, h, prev)
		}
	}
	if h1s != 1 {
		c.addf("the page has %d h1, not one", h1s)
	}
	for id, n := range c.ids {
		if n > 1 {
			c.addf("the id %q is used %d times", id, n)
		}
	}
	for name, n := range c.regions {
		if n > 1 {
			c.addf("%d regions are named %q: a screen reader cannot tell them apart", n, name)
		}
	}
	for _, l := range c.links {
		if c.ids[l] == 0 {
			c.addf("a link to #%s, which is nowhere in the page", l)
		}
	}
}
