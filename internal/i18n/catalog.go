package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

//go:embed locales/*.yaml
var embedded embed.FS

// Catalog is the set of languages Engage speaks. A language's file is
// read the first time it is asked for, so that starting engage costs one
// file, not all of them. It is safe for concurrent use. A nil *Catalog is
// [Embedded].
type Catalog struct {
	langs []string            // codes, Fallback first, then sorted
	srcs  map[string][]source // code -> its files, later ones winning

	mu   sync.Mutex
	data map[string]*langData // code -> its messages, once read
}

// source is one catalogue file.
type source struct {
	fsys  fs.FS
	name  string // in fsys: "it.yaml"
	where string // for messages: "embedded", a folder
}

func (s source) String() string { return path.Join(s.where, s.name) }

// langData is one language's messages, read from its files.
type langData struct {
	msgs  map[string]*goi18n.Message
	forms map[string][]string // plural forms of each message, for tests
	file  string              // the last file read
	// bundle holds English and this language, for its Lang; it is made
	// once and never changed, so Langs may share it.
	bundle *goi18n.Bundle
}

var (
	embeddedOnce sync.Once
	embeddedCat  *Catalog
)

// Embedded returns the catalogues built into the binary. They are checked
// by the package's tests, so a failure to read them is a bug and panics.
func Embedded() *Catalog {
	embeddedOnce.Do(func() {
		c, err := Load()
		if err != nil {
			panic(err)
		}
		embeddedCat = c
	})
	return embeddedCat
}

// Dir returns the folder extra catalogues are read from: $ENGAGE_LOCALES
// when set, else engage/locales in the user's config folder when it
// exists, else "" (none). getenv is the environment to read.
func Dir(getenv func(string) string) string {
	if d := getenv(EnvDir); d != "" {
		return d
	}
	base := getenv("XDG_CONFIG_HOME")
	if base == "" {
		var err error
		if base, err = os.UserConfigDir(); err != nil {
			return ""
		}
	}
	d := filepath.Join(base, "engage", "locales")
	if fi, err := os.Stat(d); err == nil && fi.IsDir() {
		return d
	}
	return ""
}

// LoadDir returns the embedded catalogues with those of dir beside them
// (a file there for a language Engage has replaces its messages one by
// one). An empty dir is the embedded set. Every file of dir is read now,
// so that a mistake in one is reported with its place.
func LoadDir(dir string) (*Catalog, error) {
	if dir == "" {
		return Embedded(), nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("catalogue folder: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("catalogue folder %s: not a folder", dir)
	}
	return load([]fs.FS{os.DirFS(dir)}, []string{dir})
}

// Load returns the embedded catalogues and those in extra (each a folder
// of <tag>.yaml files), later ones replacing earlier ones message by
// message.
func Load(extra ...fs.FS) (*Catalog, error) {
	where := make([]string, len(extra))
	for i := range extra {
		where[i] = fmt.Sprintf("catalogues %d", i+1)
	}
	return load(extra, where)
}

func load(extra []fs.FS, where []string) (*Catalog, error) {
	c := &Catalog{srcs: map[string][]source{}, data: map[string]*langData{}}
	sub, err := fs.Sub(embedded, "locales")
	if err != nil {
		return nil, err
	}
	if err := c.add(sub, "embedded"); err != nil {
		return nil, err
	}
	for i, fsys := range extra {
		if err := c.add(fsys, where[i]); err != nil {
			return nil, err
		}
	}
	for code, srcs := range c.srcs {
		for _, s := range srcs {
			if s.where == "embedded" {
				continue // checked by the tests
			}
			msgs, err := parse(s, code, true)
			if err != nil {
				return nil, err
			}
			en := c.lang(Fallback).msgs
			for _, m := range msgs {
				if err := samePlaceholders(m, en[m.ID]); err != nil {
					return nil, fmt.Errorf("%s: %w", s, err)
				}
			}
		}
	}
	for code := range c.srcs {
		c.langs = append(c.langs, code)
	}
	sort.Slice(c.langs, func(i, j int) bool {
		a, b := c.langs[i], c.langs[j]
		if (a == Fallback) != (b == Fallback) {
			return a == Fallback
		}
		return a < b
	})
	return c, nil
}

// add lists the <tag>.yaml files of fsys.
func (c *Catalog) add(fsys fs.FS, where string) error {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return err
	}
	for _, name := range names {
		t, err := language.Parse(strings.TrimSuffix(name, ".yaml"))
		if err != nil {
			return fmt.Errorf("%s: %s is not named by a language tag (%v); name it like fr.yaml or cy.yaml", where, name, err)
		}
		code := t.String()
		c.srcs[code] = append(c.srcs[code], source{fsys: fsys, name: name, where: where})
	}
	return nil
}

// parse reads one file's messages; check parses their templates too, so
// that a translator's typo is found when the file is read.
func parse(s source, code string, check bool) ([]*goi18n.Message, error) {
	buf, err := fs.ReadFile(s.fsys, s.name)
	if err != nil {
		return nil, err
	}
	mf, err := goi18n.ParseMessageFileBytes(buf, code+".yaml", map[string]goi18n.UnmarshalFunc{"yaml": yaml.Unmarshal})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s, err)
	}
	if check {
		for _, m := range mf.Messages {
			if err := checkTemplates(m); err != nil {
				return nil, fmt.Errorf("%s: %w", s, err)
			}
		}
	}
	return mf.Messages, nil
}

// checkTemplates reports a message whose template does not parse.
func checkTemplates(m *goi18n.Message) error {
	for form, s := range map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other} {
		if !strings.Contains(s, "{{") {
			continue
		}
		if _, err := template.New(m.ID).Parse(s); err != nil {
			return fmt.Errorf("message %s (%s): %v", m.ID, form, err)
		}
	}
	return nil
}

var placeholder = regexp.MustCompile(`\{\{-?\s*\.([A-Za-z0-9_]+)`)

// placeholders lists the values a message's texts name ({{.Count}}).
func placeholders(m *goi18n.Message) []string {
	var out []string
	for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		for _, sm := range placeholder.FindAllStringSubmatch(s, -1) {
			if !slices.Contains(out, sm[1]) {
				out = append(out, sm[1])
			}
		}
	}
	sort.Strings(out)
	return out
}

// samePlaceholders reports a translation that names a value its English
// message does not give ({{.Thresold}} would print "<no value>"). A
// message English lacks is not said, and so is not checked.
func samePlaceholders(m, en *goi18n.Message) error {
	if en == nil {
		return nil
	}
	want := placeholders(en)
	for _, p := range placeholders(m) {
		if !slices.Contains(want, p) && p != "Count" {
			return fmt.Errorf("message %s names {{.%s}}, which engage does not give it (it gives %s)", m.ID, p, strings.Join(want, ", "))
		}
	}
	return nil
}

// pluralForms lists the plural forms a message has; none for a message
// with only the one text.
func pluralForms(m *goi18n.Message) []string {
	var out []string
	for _, f := range []struct {
		name, s string
	}{{"zero", m.Zero}, {"one", m.One}, {"two", m.Two}, {"few", m.Few}, {"many", m.Many}} {
		if f.s != "" {
			out = append(out, f.name)
		}
	}
	if len(out) > 0 {
		out = append(out, "other")
	}
	return out
}

// lang returns code's messages, reading its files the first time.
func (c *Catalog) lang(code string) *langData {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.langLocked(code)
}

func (c *Catalog) langLocked(code string) *langData {
	if d, ok := c.data[code]; ok {
		return d
	}
	d := &langData{msgs: map[string]*goi18n.Message{}, forms: map[string][]string{}}
	for _, s := range c.srcs[code] {
		msgs, err := parse(s, code, false)
		if err != nil {
			// The files were read when the catalogue was loaded, and the
			// embedded ones are checked by the tests.
			panic(err)
		}
		for _, m := range msgs {
			d.msgs[m.ID] = m
			d.forms[m.ID] = pluralForms(m)
		}
		d.file = s.String()
	}
	b := goi18n.NewBundle(language.English)
	if code != Fallback {
		if err := b.AddMessages(language.English, c.langLocked(Fallback).list()...); err != nil {
			panic(err)
		}
	}
	if len(d.msgs) > 0 {
		if err := b.AddMessages(language.MustParse(code), d.list()...); err != nil {
			panic(err)
		}
	}
	d.bundle = b
	c.data[code] = d
	return d
}

func (d *langData) list() []*goi18n.Message {
	out := make([]*goi18n.Message, 0, len(d.msgs))
	for _, m := range d.msgs {
		out = append(out, m)
	}
	return out
}

// Languages returns the codes of the languages the catalogue has,
// English first.
func (c *Catalog) Languages() []string { return slices.Clone(c.or().langs) }

func (c *Catalog) or() *Catalog {
	if c == nil {
		return Embedded()
	}
	return c
}

// Has reports whether the catalogue has a file for lang (a BCP 47 tag;
// "it-IT" is had when "it" is).
func (c *Catalog) Has(lang string) bool { return c.or().match(lang) != "" }

// IDs returns the ids of the messages lang's files have, sorted.
func (c *Catalog) IDs(lang string) []string {
	c = c.or()
	code := c.match(lang)
	if code == "" {
		return nil
	}
	var out []string
	for id := range c.lang(code).msgs {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// File says where lang's catalogue was read from (the last file, when a
// folder mends an embedded language).
func (c *Catalog) File(lang string) string {
	c = c.or()
	if code := c.match(lang); code != "" {
		return c.lang(code).file
	}
	return ""
}

// match returns the code of the catalogue that speaks lang, or "".
func (c *Catalog) match(lang string) string {
	t, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	for ; ; t = t.Parent() {
		if _, ok := c.srcs[t.String()]; ok {
			return t.String()
		}
		if t == language.Und {
			return ""
		}
	}
}

// For returns the texts of lang. A language the catalogue does not have
// is spoken in English (see [Lang.Code]).
func (c *Catalog) For(lang string) *Lang {
	c = c.or()
	code := c.match(lang)
	if code == "" {
		code = Fallback
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.MustParse(code)
	}
	d := c.lang(code)
	l := &Lang{cat: c, code: code, tag: tag, own: d, loc: goi18n.NewLocalizer(d.bundle, code)}
	l.decimal = l.T("format.decimal")
	return l
}

// Missing returns the ids of the messages English has and lang's
// catalogue lacks, sorted: those are said in English.
func (c *Catalog) Missing(lang string) []string {
	c = c.or()
	code := c.match(lang)
	var own map[string]*goi18n.Message
	if code != "" {
		own = c.lang(code).msgs
	}
	var out []string
	for id := range c.lang(Fallback).msgs {
		if _, ok := own[id]; !ok {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
