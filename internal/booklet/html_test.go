package booklet

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// node is an element of a parsed HTML page.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	parent   *node
	text     strings.Builder
}

// parseHTML reads an HTML page into a tree (encoding/xml in its lenient
// mode, which knows HTML's empty elements), failing on what it cannot
// read: the page's structure is what the tests check.
func parseHTML(t *testing.T, page []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: strings.ToLower(tok.Name.Local), attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				n.attrs[strings.ToLower(a.Name.Local)] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			if cur.parent != nil {
				cur = cur.parent
			}
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text.Write(tok)
			}
		}
	}
	return root
}

// all returns the elements under n named name, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func (n *node) Text() string { return strings.Join(strings.Fields(n.text.String()), " ") }

func writeHTML(t *testing.T, in Input, b workbook.IssuedBooklet, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := HTML(&buf, in, b, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHTMLStructure checks what a screen reader and axe rely on, without
// a browser: the page's language, one h1, a heading for each key issue, a
// fieldset with a legend for each statement with a labelled radio button
// for each answer sharing one name, a labelled comment, ids that are
// unique and references that resolve, and nothing fetched or run.
func TestHTMLStructure(t *testing.T) {
	for _, tc := range []struct {
		lang       string
		g          workbook.Group
		statements int
		tag        string
	}{
		{"en", workbook.Insider, 41, "en-GB"},
		{"it", workbook.Outsider, 22, "it-IT"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			d := fixture(t, tc.lang)
			page := writeHTML(t, Input{Data: d, Group: tc.g}, workbook.IssuedBooklet{Number: 12}, Options{})
			doc := parseHTML(t, page)
			html := doc.all("html")
			if len(html) != 1 || html[0].attrs["lang"] != tc.tag {
				t.Fatalf("the html element: %+v", html)
			}
			if h1 := doc.all("h1"); len(h1) != 1 {
				t.Errorf("%d h1 elements, want one", len(h1))
			}
			if title := doc.all("title"); len(title) != 1 || !strings.Contains(title[0].Text(), "12") {
				t.Errorf("the title does not name the booklet: %v", title)
			}
			for _, banned := range []string{"script", "link", "img", "iframe", "object"} {
				if n := doc.all(banned); len(n) > 0 {
					t.Errorf("the page has %d %s elements: it must be self-contained, with nothing to fetch or run", len(n), banned)
				}
			}
			// A heading for each key issue with statements of the set.
			var h2 []string
			for _, h := range doc.all("h2") {
				h2 = append(h2, h.Text())
			}
			for k, ki := range d.Questionnaire.KeyIssues {
				want := ki.Title.In(tc.lang)
				if !strings.Contains(strings.Join(h2, "\n"), want) {
					t.Errorf("no heading for key issue %d (%s) among %q", k+1, want, h2)
				}
			}
			ids := map[string]bool{}
			var walk func(n *node)
			walk = func(n *node) {
				if id, ok := n.attrs["id"]; ok {
					if ids[id] {
						t.Errorf("id %q is used twice", id)
					}
					ids[id] = true
				}
				for _, c := range n.children {
					walk(c)
				}
			}
			walk(doc)
			labels := map[string]string{}
			for _, l := range doc.all("label") {
				labels[l.attrs["for"]] = l.Text()
			}
			statements := 0
			for _, fs := range doc.all("fieldset") {
				if len(fs.children) == 0 || fs.children[0].name != "legend" || fs.children[0].Text() == "" {
					t.Errorf("a fieldset without a legend first: %q", fs.Text())
					continue
				}
				if ref, ok := fs.attrs["aria-describedby"]; ok && !ids[ref] {
					t.Errorf("fieldset %q is described by %q, which is not on the page", fs.attrs["id"], ref)
				}
				radios := fs.all("input")
				names := map[string]bool{}
				for _, r := range radios {
					if r.attrs["type"] != "radio" {
						t.Errorf("an input of type %q", r.attrs["type"])
					}
					names[r.attrs["name"]] = true
					if labels[r.attrs["id"]] == "" {
						t.Errorf("radio %q has no label", r.attrs["id"])
					}
				}
				if len(names) != 1 {
					t.Errorf("the radio buttons of %q have names %v, want one", fs.children[0].Text(), names)
				}
				if fs.attrs["class"] != "statement" {
					continue
				}
				statements++
				if len(radios) != d.Questionnaire.Scale.Points+1 {
					t.Errorf("statement %q has %d radio buttons, want the %d points and don't know", fs.children[0].Text(), len(radios), d.Questionnaire.Scale.Points)
				}
				last := labels[radios[len(radios)-1].attrs["id"]]
				if want := d.Questionnaire.Scale.DontKnow.In(tc.lang); last != want {
					t.Errorf("the last answer is %q, want %q", last, want)
				}
				ta := fs.all("textarea")
				if len(ta) != 1 || !strings.Contains(labels[ta[0].attrs["id"]], strings.Fields(fs.children[0].Text())[0]) {
					t.Errorf("statement %q: the comment's label does not name it (%v)", fs.children[0].Text(), ta)
				}
			}
			if statements != tc.statements {
				t.Errorf("%d statements, want %d", statements, tc.statements)
			}
		})
	}
}

// TestHTMLSaysWhatItIs checks the cover: the number, the partnership,
// the small-group rule with the threshold, the role question on a blank
// booklet only, and a name only when asked.
func TestHTMLSaysWhatItIs(t *testing.T) {
	d := fixture(t, "en")
	alice := workbook.Participant{ID: "p1", Name: "Alice Example", Group: workbook.Insider, Role: workbook.RoleSenior, Booklet: 3}
	in := Input{Data: d, Group: workbook.Insider}
	blank := parseHTML(t, writeHTML(t, in, workbook.IssuedBooklet{Number: 4}, Options{}))
	text := blank.Text()
	for _, want := range []string{"Booklet 4", "Eastbrook Healthy Communities Partnership", "No figure is shown for a group of fewer than 3 people",
		"Which of these are you? Choose one.", "Senior staff", "Please do not type your name"} {
		if !strings.Contains(text, want) {
			t.Errorf("a blank booklet does not say %q", want)
		}
	}
	own := parseHTML(t, writeHTML(t, in, workbook.IssuedBooklet{Number: 3, Participant: alice}, Options{}))
	if text := own.Text(); strings.Contains(text, "Which of these are you?") || strings.Contains(text, "Alice") {
		t.Error("Alice's booklet asks her role or names her without Names")
	}
	named := parseHTML(t, writeHTML(t, in, workbook.IssuedBooklet{Number: 3, Participant: alice}, Options{Names: true}))
	var facts []string
	for _, dd := range named.all("dd") {
		facts = append(facts, dd.Text())
	}
	if !slices.Contains(facts, "Alice Example") || !strings.Contains(named.Text(), "only so that this booklet reaches you") {
		t.Errorf("with Names, Alice's booklet does not name her: %q", facts)
	}
}

// TestHTMLEscapesAndMarksLanguages checks that user text cannot become
// markup, and that a statement the questionnaire has only in English is
// marked as English on an Italian page.
func TestHTMLEscapesAndMarksLanguages(t *testing.T) {
	d := fixture(t, "it")
	d.Site.Name = `Valle <script>alert(1)</script> & "Sole"`
	q := *d.Questionnaire
	q.KeyIssues = append([]questionnaire.KeyIssue(nil), q.KeyIssues...)
	ki := q.KeyIssues[0]
	ki.Statements = append([]questionnaire.Statement(nil), ki.Statements...)
	ki.Statements[0].Text = questionnaire.Text{"en": "Only in English."}
	q.KeyIssues[0] = ki
	d.Questionnaire = &q
	page := writeHTML(t, Input{Data: d, Group: workbook.Insider}, workbook.IssuedBooklet{Number: 1}, Options{})
	if bytes.Contains(page, []byte("<script")) {
		t.Error("a site name became markup")
	}
	doc := parseHTML(t, page)
	found := false
	for _, span := range doc.all("span") {
		if span.Text() == "Only in English." {
			found = span.attrs["lang"] == "en"
		}
	}
	if !found {
		t.Error("the English statement on the Italian page is not marked lang=\"en\"")
	}
	if !strings.Contains(doc.Text(), "Valle <script>alert(1)</script> & \"Sole\"") {
		t.Error("the site's name is not shown as text")
	}
}

func TestHTMLIsTheSameEveryTime(t *testing.T) {
	in := Input{Data: fixture(t, "en"), Group: workbook.Outsider}
	a := writeHTML(t, in, workbook.IssuedBooklet{Number: 2}, Options{LargePrint: true, Paper: pdffont.PaperLetter})
	b := writeHTML(t, in, workbook.IssuedBooklet{Number: 2}, Options{LargePrint: true, Paper: pdffont.PaperLetter})
	if !bytes.Equal(a, b) {
		t.Error("the same booklet twice gives other bytes")
	}
	for _, want := range []string{"--base: 1.5rem", "size: letter", `content: "Booklet 2"`, "counter(pages)"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("the large-print letter page lacks %q", want)
		}
	}
}
