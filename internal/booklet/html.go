package booklet

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

//go:embed booklet.html.tmpl
var bookletTemplate string

//go:embed booklet.css
var bookletCSS string

var bookletPage = template.Must(template.New("booklet").Parse(bookletTemplate))

// HTML writes one booklet, b, as a self-contained HTML page to fill in on
// screen, with a screen reader or a keyboard, and print: no scripts, no
// network, WCAG 2.2 AA. The page sends its answers nowhere; the person
// prints it (or saves it as a PDF) and hands it back to be typed in.
func HTML(w io.Writer, in Input, b workbook.IssuedBooklet, opts Options) (Result, error) {
	l, err := prepare(in, &opts)
	if err != nil {
		return Result{}, err
	}
	c := newContent(in, opts, l)
	page := newHTMLPage(c, b, opts)
	if err := bookletPage.Execute(w, page); err != nil {
		return Result{}, fmt.Errorf("booklet: write the HTML: %w", err)
	}
	return Result{Pages: 1}, nil
}

// htmlText is a text with the language it is in, "" when it is the
// page's.
type htmlText struct {
	Text string
	Lang string
}

type htmlFact struct{ Label, Value string }

type htmlChoice struct {
	ID, Value, Point string
	Label            htmlText
}

type htmlStatement struct {
	ID, Number, HelpID, CommentID, Name string
	Text, Help                          htmlText
	Reversed                            string
	Choices                             []htmlChoice
	DontKnow                            htmlChoice
	CommentLabel                        string
}

type htmlIssue struct {
	ID          string
	Heading     string
	HeadingLang string
	Description htmlText
	Statements  []htmlStatement
}

// htmlPage is what the template fills in: every text already in its
// words, escaped by html/template.
type htmlPage struct {
	Lang, Title, H1, Number, Kind string
	QTitle                        htmlText
	Facts                         []htmlFact
	DateLabel, Date               string
	About                         []string
	RoleQuestion                  string
	Roles                         []htmlChoice
	HowTitle, WhoTitle            string
	How, Who                      []string
	ScreenNote, Thanks            string
	Issues                        []htmlIssue
	Footer                        string
	CSS                           template.CSS
}

func newHTMLPage(c *content, b workbook.IssuedBooklet, opts Options) htmlPage {
	own := func(t text) htmlText {
		ht := htmlText{Text: textsafe.Block(t.s)}
		if t.lang != c.lang && !strings.HasPrefix(c.lang, t.lang+"-") {
			ht.Lang = t.lang
		}
		return ht
	}
	number := c.numberLabel(b.Number)
	p := htmlPage{
		Lang:      c.langTag,
		Title:     textsafe.Line(number + " · " + c.title + " · " + c.site),
		Number:    number,
		H1:        c.title,
		Kind:      c.kind,
		QTitle:    own(c.qTitle),
		DateLabel: c.dateLabel,
		Date:      c.date,
		HowTitle:  c.howTitle,
		WhoTitle:  c.whoTitle,
		How:       c.howScreen,
		Thanks:    c.thanks,
		Footer:    textsafe.Line(number + " · " + c.kind + " · " + c.site),
		CSS:       template.CSS(bookletCSS + pageBoxes(number, c.l.T("booklet.page", "Page", "\x00p", "Pages", "\x00n"), len(c.scale), opts)),
	}
	p.Facts = []htmlFact{
		{c.l.T("booklet.partnership"), textsafe.Line(c.partner)},
		{c.l.T("booklet.site"), textsafe.Line(c.site + " · " + c.org)},
	}
	if name := nameOf(b, opts); name != "" {
		p.Facts = append(p.Facts, htmlFact{c.l.T("booklet.name"), textsafe.Line(name)})
	}
	p.About = c.about
	p.Who = append(append([]string(nil), c.who...), c.l.T("booklet.who_no_name_screen"))
	if nameOf(b, opts) != "" {
		p.Who[len(p.Who)-1] = c.l.T("booklet.who_name_printed")
	}
	p.ScreenNote = c.l.T("booklet.screen_note")
	if b.Participant.ID == "" {
		p.RoleQuestion = c.l.T("booklet.role_question_screen")
		for i, r := range c.roles {
			p.Roles = append(p.Roles, htmlChoice{ID: "role-" + string(r), Value: string(r), Label: htmlText{Text: c.roleOptions[i]}})
		}
	}
	for _, is := range c.issues {
		hi := htmlIssue{ID: "issue-" + strconv.Itoa(is.n), Heading: textsafe.Line(c.keyIssueFmt(is.n, is.title.s)), Description: own(is.description)}
		if t := own(is.title); t.Lang != "" {
			hi.HeadingLang = t.Lang
		}
		for _, it := range is.items {
			key := strings.ReplaceAll(it.number, ".", "-")
			hs := htmlStatement{
				ID: "statement-" + key, Number: it.number, HelpID: "help-" + key, CommentID: "comment-" + key,
				Name: "answer-" + key, Text: own(it.text), Help: own(it.help),
				CommentLabel: c.l.T("booklet.comment_on", "Number", it.number),
			}
			if it.reversed {
				hs.Reversed = c.reversed
			}
			for i, s := range c.scale {
				hs.Choices = append(hs.Choices, htmlChoice{ID: fmt.Sprintf("answer-%s-%d", key, i+1), Value: strconv.Itoa(i + 1),
					Point: strconv.Itoa(i + 1), Label: own(s)})
			}
			hs.DontKnow = htmlChoice{ID: "answer-" + key + "-dk", Value: "dont-know", Label: own(c.dontKnow)}
			hi.Statements = append(hi.Statements, hs)
		}
		p.Issues = append(p.Issues, hi)
	}
	return p
}

// pageBoxes is the print stylesheet's paper and running header and
// footer: the booklet's number on every printed page, and the page
// number. page is the catalogue's "page X of Y" with \x00p and \x00n
// where the counters go.
func pageBoxes(number, page string, points int, opts Options) string {
	var b strings.Builder
	size := "11pt"
	if opts.LargePrint {
		size = "16pt"
		b.WriteString(":root { --base: 1.5rem; }\n@media print { :root { --base: 16pt; } }\n")
	}
	paper := "A4"
	if opts.Paper == pdffont.PaperLetter {
		paper = "letter"
	}
	var counter []string
	for i, s := range strings.Split(page, "\x00p") {
		if i > 0 {
			counter = append(counter, "counter(page)")
		}
		for j, t := range strings.Split(s, "\x00n") {
			if j > 0 {
				counter = append(counter, "counter(pages)")
			}
			if t != "" {
				counter = append(counter, cssString(t))
			}
		}
	}
	fmt.Fprintf(&b, ":root { --points: %d; }\n", points)
	fmt.Fprintf(&b, "@media print { @page { size: %s; @top-right { content: %s; font: bold %s sans-serif; } @bottom-right { content: %s; font: %s sans-serif; } } }\n",
		paper, cssString(number), size, strings.Join(counter, " "), size)
	return b.String()
}

// cssString quotes s as a CSS string that cannot end the string, the
// rule or the style element.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range textsafe.Line(s) {
		switch {
		case r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r < 0x20:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
