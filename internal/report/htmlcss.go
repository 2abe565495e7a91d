package report

// stylesheet is the HTML edition's only style: for the screen, where it
// reflows from 320 CSS pixels up and at 200% zoom (only a table too wide
// to squeeze scrolls, inside its own labelled region), and for print, an
// A4 or Letter copy with each part on a new page (the @page rule follows
// it). Text colours meet 4.5:1 on the backgrounds they sit on; the bands'
// tints carry no text that is not also ink.
const stylesheet = `:root { color-scheme: light; --ink: #212121; --muted: #595959; --blue: #005a8c; --accent: #a63d00;
  --rule: #bebebe; --pale: #eeeeee; --barrier: #f0be9e; --improve: #f8e8a8; --good: #e6f5f0; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 1rem; line-height: 1.5; color: var(--ink); background: #ffffff; overflow-wrap: break-word; }
header.cover, nav, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header.cover { border-top: 0.6rem solid #0072b2; padding-top: 2rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-weight: 700; color: var(--blue); font-size: 0.875rem; margin: 0 0 0.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.75rem; }
.site { font-size: 1.35rem; font-weight: 700; color: var(--blue); margin: 0; }
.subtitle { color: var(--muted); font-size: 1.1rem; margin: 0.25rem 0 1rem; }
.draft { color: var(--accent); font-weight: 700; font-size: 1.2rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2.5rem 0 0.75rem; }
h2.part { color: var(--blue); border-bottom: 2px solid #0072b2; padding-bottom: 0.3rem; }
h3 { font-size: 1.25rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
h4 { font-size: 1.1rem; line-height: 1.35; margin: 1.5rem 0 0.5rem; }
h5, h6 { font-size: 1rem; margin: 1.25rem 0 0.4rem; }
p { margin: 0 0 0.75rem; }
.note { color: var(--muted); font-style: italic; }
.indent { margin-left: 1.25rem; }
.muted { color: var(--muted); }
ul, ol { padding-left: 1.5rem; margin: 0 0 1rem; }
li { margin-bottom: 0.35rem; }
.list-head { margin-bottom: 0.25rem; }
dl.key { margin: 0 0 1rem 1.25rem; }
dl.key div { display: flex; gap: 0.75rem; }
dl.key dt { font-weight: 700; min-width: 2.5rem; }
dl.key dd { margin: 0; }
nav { margin-top: 1.5rem; }
main nav { padding: 0; }
nav h2 { margin-top: 1rem; }
nav ol { list-style: none; padding-left: 0; }
nav ol ol { padding-left: 1.25rem; margin: 0.35rem 0 0.5rem; }
a { color: var(--blue); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #0072b2; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.25rem; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0 0.4rem; caption-side: top; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rule); }
thead th, thead td { background: var(--pale); border-bottom: 2px solid #666666; vertical-align: bottom; }
tbody th { font-weight: 400; }
tbody th.b { font-weight: 700; }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.num { text-align: right; }
.mid { text-align: center; }
tr.total th, tr.total td { font-weight: 700; }
table.pairs th { width: 35%; }
.scroll { overflow-x: auto; margin: 0 0 1.25rem;
  /* A shadow at an edge the content runs on past: the region scrolls. */
  background: linear-gradient(to right, #ffffff 30%, rgba(255, 255, 255, 0)) left / 2rem 100% no-repeat local,
    linear-gradient(to left, #ffffff 30%, rgba(255, 255, 255, 0)) right / 2rem 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0)) left / 0.75rem 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0)) right / 0.75rem 100% no-repeat scroll; }
.scroll table { margin: 0; width: auto; min-width: 100%; }
.scroll th, .scroll td { overflow-wrap: normal; }
td.barcell { width: 30%; min-width: 4rem; }
.bar { display: block; height: 0.6rem; margin-top: 0.3rem; background: #56b4e9; border: 1px solid #0072b2; }
.bar.gap { background: repeating-linear-gradient(135deg, #ffffff 0 3px, #666666 3px 4px); border-color: #666666; }
.chart { margin: 0 0 1.75rem; }
svg.plot { display: block; width: 100%; min-width: 23rem; max-width: 34rem; height: auto; font-family: inherit; font-size: 12px; }
.plotwrap { margin: 0 0 0.75rem; }
svg.plot text { fill: #212121; }
svg.plot .bold { font-weight: 700; }
svg.plot .italic { font-style: italic; }
svg.plot .accent { fill: #a63d00; font-weight: 700; font-style: italic; }
svg.mark { vertical-align: -2px; }
td.band-good { background: var(--good); }
td.band-improve { background: var(--improve); }
td.band-barrier { background: var(--barrier); }
td.why { font-style: italic; }
.big { font-size: 1.15rem; }
table.grid td { text-align: center; border: 2px solid #ffffff; }
section.statement { margin-top: 1.5rem; }
ul.comments { list-style: none; padding-left: 0.5rem; }
ul.comments li { border-left: 3px solid var(--rule); padding-left: 0.6rem; }
footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 0.75rem; padding-bottom: 2rem; color: var(--muted); }
footer p { margin: 0 0 0.25rem; }
@media (max-width: 30rem) {
  th, td { padding: 0.3rem 0.35rem; }
  header.cover, nav, main, footer { padding: 0 0.75rem; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; line-height: 1.4; }
  header.cover, nav, main, footer { max-width: none; padding: 0; }
  header.cover { border-top-width: 3mm; }
  h2.part, main nav { break-before: page; page-break-before: always; }
  h1, h2, h3, h4, h5, h6, caption, .list-head, .legend { break-after: avoid; page-break-after: avoid; }
  tr, li, svg.plot, dl.key div, .kicker { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 9.5pt; }
  .scroll { overflow: visible; background: none; }
  .scroll table { width: 100%; }
  .scroll th, .scroll td { padding: 0.25rem 0.3rem; }
  svg.plot { max-width: 125mm; min-width: 0; }
  a { color: inherit; text-decoration: none; }
  footer { margin-top: 1.5rem; }
}
`
