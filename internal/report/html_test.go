package report

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/engage-toolkit/engage/internal/a11ytest"
	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// demoSlugs are the five sites of the demonstration study.
var demoSlugs = []string{"eastbrook-pilot", "westmoor-county", "portsea-localities", "tynebridge-south", "ambito-valle-del-sole"}

// edition is one report in both editions.
type edition struct {
	name      string
	pdf, html []byte
}

// editionsMade holds the editions once made: they are bytes, the same for
// every test that reads them.
var editionsMade struct {
	sync.Mutex
	e []edition
}

// editions writes every demo site's report, in English and Italian, the
// fixture's with its earlier assessment, and the comparison in both
// languages, each as a PDF and as HTML.
func editions(t *testing.T) []edition {
	t.Helper()
	editionsMade.Lock()
	defer editionsMade.Unlock()
	if editionsMade.e == nil {
		editionsMade.e = makeEditions(t)
	}
	return editionsMade.e
}

func makeEditions(t *testing.T) []edition {
	t.Helper()
	var out []edition
	site := func(name string, in Input, opts Options) {
		var p, h bytes.Buffer
		if _, err := Site(&p, in, opts); err != nil {
			t.Fatal(err)
		}
		opts.Format = FormatHTML
		res, err := Site(&h, in, opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Pages != 0 {
			t.Errorf("%s: the HTML edition says it has %d pages", name, res.Pages)
		}
		out = append(out, edition{name, p.Bytes(), h.Bytes()})
	}
	ins := demoInputs(t, demoSlugs...)
	for _, slug := range demoSlugs {
		for _, lang := range []string{questionnaire.English, questionnaire.Italian} {
			site(slug+"-"+lang, ins[slug], Options{Lang: lang})
		}
	}
	d := fixtureData(t)
	site("fixture", Input{Data: d, Earlier: fixtureEarlier(t, d)}, Options{})
	site("fixture-names", Input{Data: d}, Options{Names: true})
	c := demoComparison(t)
	for _, lang := range []string{questionnaire.English, questionnaire.Italian} {
		var p, h bytes.Buffer
		if _, err := Compare(&p, c, CompareOptions{Lang: lang}); err != nil {
			t.Fatal(err)
		}
		if _, err := Compare(&h, c, CompareOptions{Lang: lang, Format: FormatHTML}); err != nil {
			t.Fatal(err)
		}
		out = append(out, edition{"comparison-" + lang, p.Bytes(), h.Bytes()})
	}
	return out
}

// TestHTMLStructure checks every HTML edition without a browser: a lang,
// one h1, headings that never skip a level, tables with captions and
// scoped header cells, every chart an image with a text alternative and a
// table of its figures, contents links that land, nothing from a network.
func TestHTMLStructure(t *testing.T) {
	for _, e := range editions(t) {
		t.Run(e.name, func(t *testing.T) {
			a11ytest.CheckStructure(t, e.name, e.html)
			doc, err := html.Parse(bytes.NewReader(e.html))
			if err != nil {
				t.Fatal(err)
			}
			charts, tables, navLinks := 0, 0, 0
			walk(doc, func(n *html.Node) {
				switch {
				case n.DataAtom == atom.Svg && attrOf(n, "role") == "img":
					charts++
					// The figures follow the drawing, in a table.
					wrap := n.Parent
					if next := nextElement(wrap); next == nil || next.DataAtom != atom.Table {
						t.Errorf("chart %q is not followed by the table of its figures", a11ytest.Text(n))
					}
				case n.DataAtom == atom.Table:
					tables++
				case n.DataAtom == atom.A && inside(n, atom.Nav):
					navLinks++
				}
			})
			if charts < 3 || tables < 5 || navLinks < 5 {
				t.Errorf("%d charts, %d tables and %d contents links: too few for a report", charts, tables, navLinks)
			}
			if !bytes.HasPrefix(e.html, []byte("<!DOCTYPE html>\n<html lang=\"")) {
				t.Error("the document does not start with its doctype and a lang")
			}
		})
	}
}

// TestHTMLMarksOtherLanguages checks that passages in another language
// than the report's say so: Valle del Sole's comments and notes, written
// in Italian, in the English report; and nothing in its Italian one.
func TestHTMLMarksOtherLanguages(t *testing.T) {
	in := demoInputs(t, "ambito-valle-del-sole")["ambito-valle-del-sole"]
	for _, tc := range []struct {
		lang    string
		spans   bool
		docLang string
	}{{questionnaire.English, true, `<html lang="en`}, {questionnaire.Italian, false, `<html lang="it`}} {
		var b bytes.Buffer
		if _, err := Site(&b, in, Options{Lang: tc.lang, Format: FormatHTML}); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		if !strings.Contains(s, tc.docLang) {
			t.Errorf("%s: the document's language is not set", tc.lang)
		}
		n := strings.Count(s, `<span lang="it">`)
		if tc.spans && n < 10 {
			t.Errorf("%s: only %d passages are marked as Italian", tc.lang, n)
		}
		if !tc.spans && n > 0 {
			t.Errorf("%s: %d passages are marked as Italian in an Italian report", tc.lang, n)
		}
		if strings.ContainsAny(s, langOpen+langSep+langClose) {
			t.Errorf("%s: a language mark is left in the document", tc.lang)
		}
	}
}

// figure matches a figure as both editions print it: a number with
// decimals (a mean, a gap, an SD, in English or Italian), n=, a share.
var figure = regexp.MustCompile(`[+−-]?\d+[.,]\d+|n=\d+|\d+%`)

// figures is the set of figures in text.
func figures(text string) map[string]bool {
	out := map[string]bool{}
	for _, f := range figure.FindAllString(text, -1) {
		out[f] = true
	}
	return out
}

// htmlText is the text a reader reads in an HTML edition's body: without
// the drawings (whose figures their tables repeat), the contents list and
// the footer.
func htmlText(t *testing.T, doc []byte) string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch n.DataAtom {
		case atom.Head, atom.Svg, atom.Nav, atom.Footer, atom.Style:
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			rec(k)
		}
	}
	rec(root)
	return b.String()
}

// TestHTMLSameFiguresAsPDF reads every figure both editions print, as a
// reader would, and checks that they are the same: no figure in one that
// is not in the other.
func TestHTMLSameFiguresAsPDF(t *testing.T) {
	for _, e := range editions(t) {
		t.Run(e.name, func(t *testing.T) {
			inPDF := figures(pdfText(t, e.pdf))
			inHTML := figures(htmlText(t, e.html))
			var onlyPDF, onlyHTML []string
			for f := range inPDF {
				if !inHTML[f] {
					onlyPDF = append(onlyPDF, f)
				}
			}
			for f := range inHTML {
				if !inPDF[f] {
					onlyHTML = append(onlyHTML, f)
				}
			}
			slices.Sort(onlyPDF)
			slices.Sort(onlyHTML)
			if len(onlyPDF) > 0 || len(onlyHTML) > 0 {
				t.Errorf("figures only in the PDF: %q; only in the HTML: %q", onlyPDF, onlyHTML)
			}
			if len(inPDF) < 20 {
				t.Errorf("read only %d figures: the pattern no longer matches what the reports print", len(inPDF))
			}
		})
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		walk(k, f)
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func nextElement(n *html.Node) *html.Node {
	for k := n.NextSibling; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode {
			if k.DataAtom == atom.Div && k.FirstChild != nil {
				// A table in its scrolling region.
				for c := k.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode {
						return c
					}
				}
			}
			return k
		}
	}
	return nil
}

func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// TestHTMLInBrowser opens the demo reports, the site report in English
// (Eastbrook) and in Italian (Valle del Sole) and the comparison in both,
// in headless Chromium, runs axe-core with the WCAG 2.2 AA rules, checks
// that they reflow, and takes screenshots at 1280 and 320 px (kept in
// $ENGAGE_A11Y_SHOTS when set). It skips where Chromium or the check's
// node_modules are missing.
func TestHTMLInBrowser(t *testing.T) {
	a11ytest.Require(t)
	dir := t.TempDir()
	var files []string
	for _, e := range editions(t) {
		switch e.name {
		case "eastbrook-pilot-en", "ambito-valle-del-sole-it", "comparison-en", "comparison-it":
			path := filepath.Join(dir, e.name+".html")
			if err := os.WriteFile(path, e.html, 0o600); err != nil {
				t.Fatal(err)
			}
			files = append(files, path)
		}
	}
	a11ytest.Check(t, files...)
}

// TestHTMLHostileText writes the report of an assessment whose every free
// text tries to break out of the page: markup, a closing style or title,
// event handlers, bidi overrides, and the report's own language marks
// forged. Each shows as the text it is, and nothing of it runs or changes
// the page's markup.
func TestHTMLHostileText(t *testing.T) {
	d := fixtureData(t)
	hostile := []string{
		"<script>alert('comment')</script>",
		"</style><script>alert(1)</script><style>",
		"\"><img src=x onerror=alert(2)>",
		"</title><svg onload=alert(3)>",
		"<!-- a comment --><a href=\"https://example.invalid/\">link</a>",
		"evil \u202egnp.exe\u202c and \u2066isolated\u2069 and \u200fmarked",
		langOpen + "it\"><script>alert(4)</script>" + langSep + "forged" + langClose,
		langOpen + "xx" + langSep + "half a mark",
		"&amp; &lt;already escaped&gt; ]]> {{.Title}}",
	}
	d.Site.Name = "Site <b>" + hostile[3]
	d.Site.Context = hostile[1]
	d.Partnerships[0].Title = hostile[3]
	d.Assessment.SelectionReason = hostile[4]
	d.Assessment.Title = hostile[8]
	for i := range d.Responses {
		d.Responses[i].Comment = hostile[i%len(hostile)]
	}
	d.StatementNotes[0].Notes = hostile[6]
	d.IssueNotes[0].Notes = hostile[7]
	d.Findings[0].Text = hostile[0]
	d.Interventions[0].Action = hostile[2]
	d.Interventions[0].Owner = hostile[5]
	for i := range d.Participants {
		d.Participants[i].Name = hostile[i%len(hostile)]
	}
	var b bytes.Buffer
	if _, err := Site(&b, Input{Data: d}, Options{Format: FormatHTML, Names: true}); err != nil {
		t.Fatal(err)
	}
	out := b.Bytes()
	a11ytest.CheckStructure(t, "hostile", out)
	root, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	styles := 0
	walk(root, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Script, atom.Img, atom.B, atom.A:
			if n.DataAtom != atom.A || !inside(n, atom.Nav) {
				t.Errorf("a <%s> from the data is in the page", n.Data)
			}
		case atom.Style:
			styles++
		case atom.Span:
			if l := attrOf(n, "lang"); l != "" && l != "en" && l != "it" {
				t.Errorf("a span with lang %q", l)
			}
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has the handler %s", n.Data, a.Key)
			}
		}
		if n.DataAtom == atom.Svg && attrOf(n, "role") != "img" && attrOf(n, "aria-hidden") != "true" {
			t.Error("an <svg> from the data is in the page")
		}
	})
	if styles != 1 {
		t.Errorf("%d style elements, want the one", styles)
	}
	for _, r := range "\u202e\u202c\u2066\u2069\u200f" + langOpen + langSep + langClose {
		if bytes.ContainsRune(out, r) {
			t.Errorf("the page holds %U", r)
		}
	}
	text := a11ytest.Text(root)
	for _, want := range []string{"<script>alert('comment')</script>", "\"><img src=x onerror=alert(2)>", "</style><script>alert(1)</script><style>",
		"{{.Title}}", "&amp; &lt;already escaped&gt;", "gnp.exe"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page does not show %q as text", want)
		}
	}
}

// TestEscapeMarks checks the escaping of text with language marks: a
// well-formed mark becomes a span, a broken or forged one leaves only its
// text, and markup is always text.
func TestEscapeMarks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a <b> & \"c\"", "a &lt;b&gt; &amp; &#34;c&#34;"},
		{"one\ntwo", "one<br>two"},
		{"x " + markLang("ciao <3", "it") + " y", `x <span lang="it">ciao &lt;3</span> y`},
		{langOpen + `it"><script>` + langSep + "t" + langClose, "t"},
		{langOpen + "it" + langSep + "no end", "no end"},
		{"bidi \u202eevil\u202c", "bidi evil"},
	} {
		if got := esc(tc.in); got != tc.want {
			t.Errorf("esc(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := attr("a \"b\" " + markLang("c", "it") + "\nd"); got != "a &#34;b&#34; c d" {
		t.Errorf("attr: %q", got)
	}
}

// TestWriteFileHTML writes the HTML edition whole, readable by everyone
// without names and by its owner only with them, and the same bytes each
// time; an unknown format writes nothing.
func TestWriteFileHTML(t *testing.T) {
	d := fixtureData(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		names bool
		mode  os.FileMode
	}{{"out.html", false, 0o644}, {"names.html", true, 0o600}} {
		path := filepath.Join(dir, tc.name)
		if _, err := WriteFile(path, Input{Data: d}, Options{Format: FormatHTML, Names: tc.names}); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != tc.mode {
			t.Errorf("%s: mode %v, want %v", tc.name, info.Mode().Perm(), tc.mode)
		}
		got, _ := os.ReadFile(path)
		var again bytes.Buffer
		if _, err := Site(&again, Input{Data: d}, Options{Format: FormatHTML, Names: tc.names}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, again.Bytes()) || !bytes.HasSuffix(got, []byte("</html>\n")) {
			t.Errorf("%s: not the whole report, or not the same bytes twice", tc.name)
		}
		if has := bytes.Contains(got, []byte("Person I1")); has != tc.names {
			t.Errorf("%s: names shown %v, want %v", tc.name, has, tc.names)
		}
	}
	if _, err := WriteFile(filepath.Join(dir, "bad.docx"), Input{Data: d}, Options{Format: "docx"}); err == nil {
		t.Error("want an error for an unknown format")
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.docx")); err == nil {
		t.Error("a failed report left a file")
	}
}

// TestHTMLGivesAwayNoSmallGroup makes the attack of
// [TestReportGivesAwayNoSmallGroup] on the HTML edition: every statement's
// table of figures, read row by row, gives no group of one or two away.
// The same edition made without complementary suppression gives the small
// group away, so the attack can fail.
func TestHTMLGivesAwayNoSmallGroup(t *testing.T) {
	l, _ := labelsFor(i18n.Embedded(), questionnaire.English)
	for name, d := range smallGroups(t) {
		t.Run(name, func(t *testing.T) {
			in := Input{Data: d}
			var b bytes.Buffer
			if _, err := Site(&b, in, Options{Lang: questionnaire.English, Format: FormatHTML}); err != nil {
				t.Fatal(err)
			}
			if found := attackText(htmlAppendixRows(t, b.Bytes())); len(found) > 0 {
				t.Errorf("the HTML edition gives away %d figures, e.g. %s", len(found), found[0])
			}
			if name == "3 outsiders" {
				return // nobody small: nothing to give away either way
			}
			r := newHTMLReport(in, Options{Paper: pdffont.PaperA4, Lang: questionnaire.English}, l)
			r.res = analysis.AnalyseUnprotected(d.Questionnaire, d.Participants, d.Responses)
			r.write()
			var leaky bytes.Buffer
			if err := r.html.writeTo(&leaky); err != nil {
				t.Fatal(err)
			}
			if found := attackText(htmlAppendixRows(t, leaky.Bytes())); len(found) == 0 {
				t.Error("without complementary suppression the attack finds nothing: it cannot fail")
			}
		})
	}
}

// htmlAppendixRows is the text of the rows of the HTML edition's tables of
// statements' figures, one row to a line, as the attack reads the PDF's;
// it fails t when it reads too few.
func htmlAppendixRows(t *testing.T, doc []byte) string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{"Appendix. Every statement"}
	walk(root, func(n *html.Node) {
		if n.DataAtom != atom.Tr || !inside(n, atom.Section) {
			return
		}
		var cells []string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				cells = append(cells, a11ytest.Text(c))
			}
		}
		lines = append(lines, strings.Join(cells, "   "))
	})
	text := strings.Join(lines, "\n")
	if len(appendixRow.FindAllString(text, -1)) < 20 {
		t.Fatal("the attack read too few rows of the appendix")
	}
	return text
}
