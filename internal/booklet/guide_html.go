package booklet

import (
	"fmt"
	"html/template"
	"io"

	"github.com/engage-toolkit/engage/internal/textsafe"
)

// guideTemplate writes the guide's blocks as HTML: headings, paragraphs,
// lists and tables with their column heads, each passage in another
// language marked with it.
var guideTemplate = template.Must(template.New("guide").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.CSS}}
</style>
</head>
<body>
<main>
{{- range .Blocks}}
{{- if eq .Kind "h1"}}
<h1>{{.Text}}</h1>
{{- else if eq .Kind "h2"}}
<h2>{{.Text}}</h2>
{{- else if eq .Kind "h3"}}
<h3{{with .Lang}} lang="{{.}}"{{end}}>{{.Text}}</h3>
{{- else if eq .Kind "p"}}
<p{{if .Strong}} class="statement"{{end}}{{with .Lang}} lang="{{.}}"{{end}}>{{.Text}}</p>
{{- else if eq .Kind "note"}}
<p class="note">{{.Text}}</p>
{{- else if eq .Kind "ul"}}
<ul{{with .Lang}} lang="{{.}}"{{end}}>
{{- range .Items}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- else if eq .Kind "table"}}
<div class="table" tabindex="0" role="region" aria-label="{{.Caption}}">
<table>
<caption>{{.Caption}}</caption>
<thead><tr>{{range .Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- end}}
</main>
</body>
</html>
`))

const guideCSS = `:root { color: #1a1a1a; background: #fff; }
body { margin: 0; font: var(--base, 1.125rem)/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75em; line-height: 1.2; }
h2 { font-size: 1.35em; color: #005a8c; margin-top: 1.75em; }
h3 { font-size: 1.1em; color: #005a8c; }
.note { font-style: italic; color: #4d4d4d; }
.statement { font-weight: 700; margin-bottom: .25em; }
.table { overflow-x: auto; }
.table:focus-visible { outline: 3px solid #005a8c; outline-offset: 2px; }
caption { text-align: left; font-weight: 700; padding: .25em 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35em .5em; border-bottom: 1px solid #767676; }
thead th { background: #eef3f8; }
tbody th { font-weight: normal; }
@media print { :root { --base: 11pt; } main { max-width: none; padding: 0; } h2, h3, .statement { break-after: avoid; } tr { break-inside: avoid; } }
`

type htmlBlock struct {
	Kind, Text, Lang, Caption string
	Strong                    bool
	Items                     []string
	Head                      []string
	Rows                      [][]string
}

// GuideHTML writes the facilitator's guide as a self-contained HTML page.
func GuideHTML(w io.Writer, in Input, opts Options) (Result, error) {
	l, err := prepare(in, &opts)
	if err != nil {
		return Result{}, err
	}
	g := newGuide(in, opts, l)
	css := guideCSS
	if opts.LargePrint {
		css += ":root { --base: 1.5rem; }\n@media print { :root { --base: 16pt; } }\n"
	}
	page := struct {
		Lang, Title string
		CSS         template.CSS
		Blocks      []htmlBlock
	}{Lang: g.langTag, Title: textsafe.Line(g.title + " · " + g.header), CSS: template.CSS(css)}
	kinds := map[blockKind]string{blockH1: "h1", blockH2: "h2", blockH3: "h3", blockPara: "p", blockNote: "note", blockBullets: "ul", blockTable: "table"}
	for _, b := range g.blocks {
		hb := htmlBlock{Kind: kinds[b.kind], Text: textsafe.Block(b.text), Lang: b.lang, Strong: b.strong, Head: b.head, Caption: b.caption}
		for _, it := range b.items {
			hb.Items = append(hb.Items, textsafe.Block(it))
		}
		for _, r := range b.rows {
			row := make([]string, len(r))
			for i, c := range r {
				row[i] = textsafe.Block(c)
			}
			hb.Rows = append(hb.Rows, row)
		}
		page.Blocks = append(page.Blocks, hb)
	}
	if err := guideTemplate.Execute(w, page); err != nil {
		return Result{}, fmt.Errorf("booklet: write the HTML: %w", err)
	}
	return Result{Pages: 1}, nil
}
