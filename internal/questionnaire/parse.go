package questionnaire

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"

	"github.com/engage-toolkit/engage/internal/textcheck"
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,63}$`)

// Parse reads a questionnaire from src. name is used in problem messages
// (usually the file path). When the file is not valid, the error is a
// *ValidationError listing every problem found. A UTF-8 byte-order mark at
// the start is skipped (and kept in Source). Files beyond the limits (see
// MaxFileSize and the others) are refused before the YAML library reads
// them.
func Parse(name string, src []byte) (*Questionnaire, error) {
	d := &decoder{file: name}
	q := d.parse(bytes.TrimPrefix(src, byteOrderMark))
	if len(d.problems) > 0 {
		sort.SliceStable(d.problems, func(i, j int) bool {
			a, b := d.problems[i], d.problems[j]
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Column < b.Column
		})
		return nil, &ValidationError{Problems: d.problems}
	}
	q.Source = slices.Clone(src)
	q.Hash = HashOf(src)
	return q, nil
}

// decoder walks the YAML syntax tree, building the questionnaire and
// collecting problems instead of stopping at the first.
type decoder struct {
	file     string
	problems []Problem
	langs    []string
}

func (d *decoder) addf(n ast.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			line, col = tk.Position.Line, tk.Position.Column
		}
	}
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) parse(src []byte) *Questionnaire {
	q := &Questionnaire{}
	if !d.checkBytes(src) {
		return q
	}
	tokens := lexer.Tokenize(string(src))
	if tk := tokens.InvalidToken(); tk == nil && !d.checkTokens(tokens) {
		return q // (an invalid token is the parser's syntax error)
	}
	f, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg := ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				d.problems = append(d.problems, Problem{File: d.file, Line: tk.Position.Line, Column: tk.Position.Column, Message: "syntax error: " + msg})
				return q
			}
			d.addf(nil, "syntax error: %s", msg)
			return q
		}
		d.addf(nil, "syntax error: %v", err)
		return q
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc.Body)
		}
	}
	switch {
	case len(docs) == 0:
		d.addf(nil, "the file is empty; a questionnaire needs at least id, version, languages, title, scale, criteria and key_issues")
		return q
	case len(docs) > 1:
		d.addf(docs[1], "a questionnaire file holds one YAML document; found %d", len(docs))
	}
	d.questionnaire(docs[0], q)
	return q
}

// field is one key of a mapping with its value.
type field struct {
	key   ast.Node
	value ast.Node
}

// fields checks that n is a mapping with only the allowed keys (each once)
// and all the required ones, and returns the values by key.
func (d *decoder) fields(n ast.Node, what string, allowed, required []string) (map[string]field, bool) {
	n = unwrap(n)
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.addf(n, "%s must be a mapping of fields, not %s", what, kindOf(n))
		return nil, false
	}
	out := map[string]field{}
	for _, mv := range m.Values {
		k, isStr := scalarString(mv.Key)
		switch {
		case !isStr:
			d.addf(mv.Key, "%s: field names must be plain text", what)
		case !slices.Contains(allowed, k):
			d.addf(mv.Key, "%s: unknown field %q (allowed: %s)", what, k, strings.Join(allowed, ", "))
		case out[k].key != nil:
			d.addf(mv.Key, "%s: field %q appears twice", what, k)
		default:
			out[k] = field{key: mv.Key, value: mv.Value}
		}
	}
	var at ast.Node = m
	if len(m.Values) > 0 {
		at = m.Values[0].Key // a mapping's own token is not where it starts
	}
	for _, r := range required {
		if f, ok := out[r]; !ok || isNull(f.value) {
			d.addf(at, "%s: missing required field %q", what, r)
		}
	}
	return out, true
}

func (d *decoder) questionnaire(n ast.Node, q *Questionnaire) {
	fs, ok := d.fields(n, "questionnaire",
		[]string{"id", "version", "languages", "title", "description", "scale", "bands", "criteria", "directorates", "key_issues"},
		[]string{"id", "version", "languages", "title", "scale", "criteria", "key_issues"})
	if !ok {
		return
	}
	if f, ok := fs["id"]; ok {
		q.ID = d.id(f.value, "questionnaire id")
	}
	if f, ok := fs["version"]; ok {
		q.Version = d.versionString(f.value)
	}
	d.langs = []string{English}
	if f, ok := fs["languages"]; ok {
		q.Languages = d.languages(f.value)
		if len(q.Languages) > 0 {
			d.langs = q.Languages
		}
	}
	if f, ok := fs["title"]; ok {
		q.Title = d.text(f.value, "title")
	}
	if f, ok := fs["description"]; ok && !isNull(f.value) {
		q.Description = d.text(f.value, "description")
	}
	if f, ok := fs["scale"]; ok {
		q.Scale = d.scale(f.value)
	}
	q.Bands = Bands{Good: 4.0, Improve: 3.0}
	if f, ok := fs["bands"]; ok && !isNull(f.value) {
		d.bands(f.value, q)
	}
	if f, ok := fs["criteria"]; ok {
		q.Criteria = d.criteria(f.value)
	}
	if f, ok := fs["directorates"]; ok && !isNull(f.value) {
		q.Directorates = d.directorates(f.value)
	}
	if f, ok := fs["key_issues"]; ok {
		q.KeyIssues = d.keyIssues(f.value)
	}
}

func (d *decoder) languages(n ast.Node) []string {
	items, ok := d.sequence(n, "languages")
	if !ok {
		return nil
	}
	var out []string
	for _, it := range items {
		s, ok := d.str(it, "a language code")
		if !ok {
			continue
		}
		switch {
		case CheckLanguage(s) != nil:
			d.addf(it, "%v", CheckLanguage(s))
		case slices.Contains(out, s):
			d.addf(it, "language %q is listed twice", s)
		default:
			out = append(out, s)
		}
	}
	if !slices.Contains(out, English) {
		d.addf(n, "languages must include %q: English texts are required", English)
	}
	return out
}

func (d *decoder) scale(n ast.Node) Scale {
	var s Scale
	fs, ok := d.fields(n, "scale", []string{"points", "labels", "dont_know"}, []string{"points", "labels", "dont_know"})
	if !ok {
		return s
	}
	if f, ok := fs["points"]; ok {
		if p, ok := d.integer(f.value, "scale points"); ok {
			if p < 3 || p > 10 {
				d.addf(f.value, "scale points must be from 3 to 10, not %d", p)
			} else {
				s.Points = p
			}
		}
	}
	if f, ok := fs["labels"]; ok {
		items, ok := d.sequence(f.value, "scale labels")
		if ok {
			for i, it := range items {
				s.Labels = append(s.Labels, d.text(it, fmt.Sprintf("scale label %d", i+1)))
			}
			if s.Points > 0 && len(items) != s.Points {
				d.addf(f.value, "the scale has %d points but %d labels; give one label per point, lowest first", s.Points, len(items))
			}
		}
	}
	if f, ok := fs["dont_know"]; ok {
		s.DontKnow = d.text(f.value, "scale dont_know")
	}
	return s
}

func (d *decoder) bands(n ast.Node, q *Questionnaire) {
	fs, ok := d.fields(n, "bands", []string{"good", "improve"}, nil)
	if !ok {
		return
	}
	var gNode, iNode ast.Node
	if f, ok := fs["good"]; ok {
		if v, ok := d.number(f.value, "bands good"); ok {
			q.Bands.Good, gNode = v, f.value
		}
	}
	if f, ok := fs["improve"]; ok {
		if v, ok := d.number(f.value, "bands improve"); ok {
			q.Bands.Improve, iNode = v, f.value
		}
	}
	if q.Scale.Points == 0 {
		return // the scale's own problem is reported already
	}
	hi := float64(q.Scale.Points)
	check := func(node ast.Node, name string, v float64) bool {
		if node != nil && (v < 1 || v > hi) {
			d.addf(node, "bands %s is %g, outside the scale 1-%d", name, v, q.Scale.Points)
			return false
		}
		return true
	}
	okG := check(gNode, "good", q.Bands.Good)
	okI := check(iNode, "improve", q.Bands.Improve)
	if okG && okI && q.Bands.Improve > q.Bands.Good {
		at := iNode
		if at == nil {
			at = gNode
		}
		d.addf(at, "bands improve (%g) must not be above good (%g)", q.Bands.Improve, q.Bands.Good)
	}
}

func (d *decoder) criteria(n ast.Node) []Criterion {
	items, ok := d.sequence(n, "criteria")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.addf(n, "criteria: give at least one partnership criterion")
	}
	items = d.atMost(items, MaxCriteria, "criteria")
	var out []Criterion
	seen := map[string]bool{}
	cutoffs := 0
	for i, it := range items {
		what := fmt.Sprintf("criterion %d", i+1)
		fs, ok := d.fields(it, what, []string{"id", "text", "help", "cutoff_year"}, []string{"id", "text"})
		if !ok {
			continue
		}
		var c Criterion
		if f, ok := fs["id"]; ok {
			c.ID = d.uniqueID(f.value, "criterion id", seen)
		}
		if f, ok := fs["text"]; ok {
			c.Text = d.text(f.value, what+" text")
		}
		if f, ok := fs["help"]; ok && !isNull(f.value) {
			c.Help = d.text(f.value, what+" help")
		}
		if f, ok := fs["cutoff_year"]; ok && !isNull(f.value) {
			if y, ok := d.integer(f.value, "cutoff_year"); ok {
				cutoffs++
				switch {
				case y < 1900 || y > 2100:
					d.addf(f.value, "cutoff_year must be a year from 1900 to 2100, not %d", y)
				case cutoffs > 1:
					d.addf(f.value, "only one criterion may carry a cutoff_year")
				default:
					c.CutoffYear = y
				}
			}
		}
		out = append(out, c)
	}
	return out
}

func (d *decoder) directorates(n ast.Node) []Directorate {
	items, ok := d.sequence(n, "directorates")
	if !ok {
		return nil
	}
	items = d.atMost(items, MaxDirectorates, "directorates")
	var out []Directorate
	seen := map[string]bool{}
	for i, it := range items {
		what := fmt.Sprintf("directorate %d", i+1)
		fs, ok := d.fields(it, what, []string{"id", "name"}, []string{"id", "name"})
		if !ok {
			continue
		}
		var dir Directorate
		if f, ok := fs["id"]; ok {
			dir.ID = d.uniqueID(f.value, "directorate id", seen)
		}
		if f, ok := fs["name"]; ok {
			dir.Name = d.text(f.value, what+" name")
		}
		out = append(out, dir)
	}
	return out
}

func (d *decoder) keyIssues(n ast.Node) []KeyIssue {
	items, ok := d.sequence(n, "key_issues")
	if !ok {
		return nil
	}
	if len(items) == 0 {
		d.addf(n, "key_issues: give at least one key issue")
	}
	items = d.atMost(items, MaxKeyIssues, "key issues")
	statements := 0
	var out []KeyIssue
	seenIssue, seenStatement := map[string]bool{}, map[string]bool{}
	for i, it := range items {
		what := fmt.Sprintf("key issue %d", i+1)
		if id := peekID(it); id != "" {
			what = fmt.Sprintf("key issue %q", id)
		}
		fs, ok := d.fields(it, what, []string{"id", "title", "description", "statements"}, []string{"id", "title", "statements"})
		if !ok {
			continue
		}
		var ki KeyIssue
		if f, ok := fs["id"]; ok {
			ki.ID = d.uniqueID(f.value, "key issue id", seenIssue)
		}
		if f, ok := fs["title"]; ok {
			ki.Title = d.text(f.value, what+" title")
		}
		if f, ok := fs["description"]; ok && !isNull(f.value) {
			ki.Description = d.text(f.value, what+" description")
		}
		if f, ok := fs["statements"]; ok {
			if sts, ok := d.sequence(f.value, what+" statements"); ok {
				if len(sts) == 0 {
					d.addf(f.value, "%s has no statements; give at least one", what)
				}
				for j, sn := range sts {
					if statements++; statements > MaxStatements {
						d.addf(sn, "more than %d statements; a questionnaire may have at most %d in all", MaxStatements, MaxStatements)
						break
					}
					ki.Statements = append(ki.Statements, d.statement(sn, fmt.Sprintf("%s statement %d", what, j+1), seenStatement))
				}
			}
		}
		out = append(out, ki)
	}
	return out
}

func (d *decoder) statement(n ast.Node, what string, seen map[string]bool) Statement {
	var st Statement
	if id := peekID(n); id != "" {
		what = fmt.Sprintf("statement %q", id)
	}
	fs, ok := d.fields(n, what, []string{"id", "text", "help", "reverse", "verify", "interventions"}, []string{"id", "text"})
	if !ok {
		return st
	}
	if f, ok := fs["id"]; ok {
		st.ID = d.uniqueID(f.value, "statement id", seen)
	}
	if f, ok := fs["text"]; ok {
		st.Text = d.text(f.value, what+" text")
	}
	if f, ok := fs["help"]; ok && !isNull(f.value) {
		st.Help = d.text(f.value, what+" help")
	}
	if f, ok := fs["reverse"]; ok && !isNull(f.value) {
		st.Reverse = d.boolean(f.value, "reverse")
	}
	if f, ok := fs["verify"]; ok && !isNull(f.value) {
		st.Verify = d.boolean(f.value, "verify")
	}
	if f, ok := fs["interventions"]; ok && !isNull(f.value) {
		if items, ok := d.sequence(f.value, what+" interventions"); ok {
			items = d.atMost(items, MaxInterventions, what+" interventions")
			for k, it := range items {
				st.Interventions = append(st.Interventions, d.text(it, fmt.Sprintf("%s intervention %d", what, k+1)))
			}
		}
	}
	return st
}

// text reads a Text: a mapping of language code to string, or a plain
// string as shorthand for English.
func (d *decoder) text(n ast.Node, what string) Text {
	n = unwrap(n)
	if s, ok := scalarString(n); ok && isStringNode(n) {
		t := Text{English: s}
		d.checkText(n, what, t)
		return t
	}
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.addf(n, "%s must be a text: a mapping such as {en: ..., it: ...}, not %s", what, kindOf(n))
		return nil
	}
	t := Text{}
	for _, mv := range m.Values {
		lang, ok := scalarString(mv.Key)
		if !ok {
			d.addf(mv.Key, "%s: language codes must be plain text", what)
			continue
		}
		if !slices.Contains(d.langs, lang) {
			d.addf(mv.Key, "%s: language %q is not declared in languages (%s)", what, lang, strings.Join(d.langs, ", "))
			continue
		}
		if _, dup := t[lang]; dup {
			d.addf(mv.Key, "%s: language %q appears twice", what, lang)
			continue
		}
		v := unwrap(mv.Value)
		s, ok := scalarString(v)
		if !ok || !isStringNode(v) {
			d.addf(v, "%s (%s) must be a string, not %s", what, lang, kindOf(v))
			t[lang] = ""
			continue
		}
		t[lang] = s
	}
	d.checkText(n, what, t)
	return t
}

func (d *decoder) checkText(n ast.Node, what string, t Text) {
	for _, lang := range d.langs {
		s, ok := t[lang]
		switch {
		case !ok && lang != English:
			// Shown in English; validation counts these (Untranslated).
			continue
		case !ok:
			d.addf(n, "%s: missing the %s text", what, languageName(lang))
		case strings.TrimSpace(s) == "":
			d.addf(n, "%s: the %s text is empty", what, languageName(lang))
		}
		if _, at := textcheck.Control(s, true); at >= 0 {
			d.addf(n, "%s: the %s text contains a control character (only text, new lines and tabs are allowed)", what, languageName(lang))
		}
	}
}

func languageName(code string) string {
	switch code {
	case English:
		return "English (en)"
	case Italian:
		return "Italian (it)"
	}
	return code
}

// atMost reports a list of more than max items and returns the first max.
func (d *decoder) atMost(items []ast.Node, max int, what string) []ast.Node {
	if len(items) <= max {
		return items
	}
	d.addf(items[max], "%s: %s items; a questionnaire may have at most %d", what, thousands(len(items)), max)
	return items[:max]
}

func (d *decoder) sequence(n ast.Node, what string) ([]ast.Node, bool) {
	n = unwrap(n)
	s, ok := n.(*ast.SequenceNode)
	if !ok {
		d.addf(n, "%s must be a list, not %s", what, kindOf(n))
		return nil, false
	}
	return s.Values, true
}

func (d *decoder) str(n ast.Node, what string) (string, bool) {
	n = unwrap(n)
	s, ok := scalarString(n)
	if !ok || !isStringNode(n) {
		d.addf(n, "expected %s, not %s", what, kindOf(n))
		return "", false
	}
	return s, true
}

func (d *decoder) id(n ast.Node, what string) string {
	s, ok := d.str(n, what)
	if !ok {
		return ""
	}
	if !idPattern.MatchString(s) {
		d.addf(n, "%s %q: use 1 to 64 lower-case letters, digits and hyphens, starting with a letter", what, s)
		return ""
	}
	return s
}

func (d *decoder) uniqueID(n ast.Node, what string, seen map[string]bool) string {
	id := d.id(n, what)
	if id == "" {
		return ""
	}
	if seen[id] {
		d.addf(n, "duplicate %s %q", what, id)
		return id
	}
	seen[id] = true
	return id
}

func (d *decoder) versionString(n ast.Node) string {
	n = unwrap(n)
	switch n.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode:
		s := n.GetToken().Value
		if c := utf8.RuneCountInString(s); c > MaxVersion {
			d.addf(n, "version is %s characters long; a version such as \"1.0\" may have at most %d", thousands(c), MaxVersion)
			return ""
		}
		if _, at := textcheck.Control(s, false); at >= 0 {
			d.addf(n, "version contains a control character or line break (one line of text only)")
			return ""
		}
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	d.addf(n, "version must be text such as \"1.0\", not %s", kindOf(n))
	return ""
}

func (d *decoder) integer(n ast.Node, what string) (int, bool) {
	n = unwrap(n)
	in, ok := n.(*ast.IntegerNode)
	if !ok {
		d.addf(n, "%s must be a whole number, not %s", what, kindOf(n))
		return 0, false
	}
	v, err := strconv.ParseInt(in.GetToken().Value, 0, 32)
	if err != nil {
		d.addf(n, "%s must be a whole number of sensible size", what)
		return 0, false
	}
	return int(v), true
}

func (d *decoder) number(n ast.Node, what string) (float64, bool) {
	n = unwrap(n)
	var v float64
	switch x := n.(type) {
	case *ast.FloatNode:
		v = x.Value
	case *ast.IntegerNode:
		f, err := strconv.ParseFloat(x.GetToken().Value, 64)
		if err != nil {
			d.addf(n, "%s must be a number", what)
			return 0, false
		}
		v = f
	default:
		d.addf(n, "%s must be a number such as 3.5, not %s", what, kindOf(n))
		return 0, false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		d.addf(n, "%s must be a finite number", what)
		return 0, false
	}
	return v, true
}

func (d *decoder) boolean(n ast.Node, what string) bool {
	n = unwrap(n)
	b, ok := n.(*ast.BoolNode)
	if !ok {
		d.addf(n, "%s must be true or false, not %s", what, kindOf(n))
		return false
	}
	return b.Value
}

// peekID returns the id field of a mapping node, if it has a plain one, so
// that messages can name the record.
func peekID(n ast.Node) string {
	m, ok := unwrap(n).(*ast.MappingNode)
	if !ok {
		return ""
	}
	for _, mv := range m.Values {
		if k, _ := scalarString(mv.Key); k == "id" {
			if v, ok := scalarString(mv.Value); ok && idPattern.MatchString(v) {
				return v
			}
		}
	}
	return ""
}

// unwrap looks through tags and anchors to the value they carry.
func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.TagNode:
			n = x.Value
		case *ast.AnchorNode:
			n = x.Value
		default:
			return n
		}
	}
}

func isNull(n ast.Node) bool {
	_, ok := unwrap(n).(*ast.NullNode)
	return n == nil || ok
}

func isStringNode(n ast.Node) bool {
	switch n.(type) {
	case *ast.StringNode, *ast.LiteralNode:
		return true
	}
	return false
}

// scalarString returns the text of a string-like scalar node.
func scalarString(n ast.Node) (string, bool) {
	switch x := unwrap(n).(type) {
	case *ast.StringNode:
		return x.Value, true
	case *ast.LiteralNode:
		return x.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return x.GetToken().Value, true
	}
	return "", false
}

// kindOf names a node's type for people.
func kindOf(n ast.Node) string {
	switch unwrap(n).(type) {
	case nil:
		return "nothing"
	case *ast.NullNode:
		return "an empty value"
	case *ast.StringNode, *ast.LiteralNode:
		return "text"
	case *ast.IntegerNode:
		return "a whole number"
	case *ast.FloatNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.AliasNode:
		return "an alias (aliases are not supported; write the value out)"
	}
	return "an unexpected value"
}
