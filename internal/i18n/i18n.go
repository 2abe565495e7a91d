// Package i18n holds every word Engage itself says, in every language it
// speaks, and the language's ways with numbers, dates and sorting.
//
// # Catalogues
//
// A language is one YAML file, locales/<tag>.yaml, named by its BCP 47
// tag (en.yaml, it.yaml, cy.yaml). The files in this package's locales
// folder are embedded in the binary; more can be dropped in a folder
// ([Dir]: $ENGAGE_LOCALES, else engage/locales in the user's config
// folder) and are loaded beside them, so adding a language, or mending a
// translation, needs no new build. docs/translating.md says how.
//
// A message is a string, or, when it has a number in it, a map of CLDR
// plural forms (zero, one, two, few, many, other) that [Lang.N] picks
// from by the language's rules. Messages are Go templates: {{.Count}} is
// the number, other values are named by the caller.
//
// A message a language does not have is said in English ([Fallback]),
// and English is complete: a test fails when a message is missing from
// one of the embedded catalogues.
//
// # Use
//
//	l := cat.For("it")
//	l.T("report.title")                       // "Rapporto sulle barriere ..."
//	l.N("cli.files_bad", 2)                   // "2 file hanno problemi"
//	l.T("report.key_issue_n", "N", 3, "Title", t)
//	l.Num(4, 1)                               // "4,0"
//
// The library underneath is github.com/nicksnyder/go-i18n/v2: it reads
// message files at run time (what makes a language data rather than
// code), carries the CLDR plural rules of every language, and falls back
// to the default language message by message.
package i18n

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/goccy/go-yaml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Fallback is the language every message exists in, and the one a
// missing message is said in.
const Fallback = "en"

// EnvDir names the environment variable that points at a folder of extra
// catalogues.
const EnvDir = "ENGAGE_LOCALES"

//go:embed locales/*.yaml
var embedded embed.FS

// Catalog is the set of languages Engage speaks. It is read-only once
// loaded and safe for concurrent use.
type Catalog struct {
	bundle *goi18n.Bundle
	langs  []string                   // codes, Fallback first, then sorted
	ids    map[string]map[string]bool // language -> message ids it has
	files  map[string]string          // language -> where it was read from
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
// one). An empty dir is the embedded set.
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
	return load(os.DirFS(dir), dir)
}

// Load returns the embedded catalogues and those in extra (each a folder
// of <tag>.yaml files), later ones replacing earlier ones message by
// message.
func Load(extra ...fs.FS) (*Catalog, error) {
	c, err := newCatalog()
	if err != nil {
		return nil, err
	}
	for i, fsys := range extra {
		if err := c.add(fsys, fmt.Sprintf("catalogues %d", i+1)); err != nil {
			return nil, err
		}
	}
	c.finish()
	return c, nil
}

func load(fsys fs.FS, where string) (*Catalog, error) {
	c, err := newCatalog()
	if err != nil {
		return nil, err
	}
	if err := c.add(fsys, where); err != nil {
		return nil, err
	}
	c.finish()
	return c, nil
}

func newCatalog() (*Catalog, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	c := &Catalog{bundle: b, ids: map[string]map[string]bool{}, files: map[string]string{}}
	sub, err := fs.Sub(embedded, "locales")
	if err != nil {
		return nil, err
	}
	if err := c.add(sub, "embedded"); err != nil {
		return nil, err
	}
	return c, nil
}

// add reads every <tag>.yaml file of fsys.
func (c *Catalog) add(fsys fs.FS, where string) error {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return err
	}
	for _, name := range names {
		tag := strings.TrimSuffix(name, ".yaml")
		t, err := language.Parse(tag)
		if err != nil {
			return fmt.Errorf("%s: %s is not named by a language tag (%v); name it like fr.yaml or cy.yaml", where, name, err)
		}
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		if err := checkYAML(buf); err != nil {
			return fmt.Errorf("%s: %w", path.Join(where, name), err)
		}
		mf, err := c.bundle.ParseMessageFileBytes(buf, t.String()+".yaml")
		if err != nil {
			return fmt.Errorf("%s: %w", path.Join(where, name), err)
		}
		code := t.String()
		if c.ids[code] == nil {
			c.ids[code] = map[string]bool{}
		}
		for _, m := range mf.Messages {
			if err := checkTemplates(m); err != nil {
				return fmt.Errorf("%s: %w", path.Join(where, name), err)
			}
			c.ids[code][m.ID] = true
		}
		c.files[code] = path.Join(where, name)
	}
	return nil
}

// checkYAML reports a file that is not YAML, with its line and column.
func checkYAML(buf []byte) error {
	var v map[string]any
	if err := yaml.Unmarshal(buf, &v); err != nil {
		return errors.New(yaml.FormatError(err, false, true))
	}
	return nil
}

// checkTemplates reports a message whose template does not parse, so
// that a translator's typo is found when the file is read, not when the
// message is first said.
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

func (c *Catalog) finish() {
	for code := range c.ids {
		c.langs = append(c.langs, code)
	}
	sort.Slice(c.langs, func(i, j int) bool {
		a, b := c.langs[i], c.langs[j]
		if (a == Fallback) != (b == Fallback) {
			return a == Fallback
		}
		return a < b
	})
}

// Languages returns the codes of the languages the catalogue has,
// English first.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// Has reports whether the catalogue has a file for lang (a BCP 47 tag;
// "it-IT" is had when "it" is).
func (c *Catalog) Has(lang string) bool { return c.match(lang) != "" }

// IDs returns the ids of the messages lang's file has, sorted.
func (c *Catalog) IDs(lang string) []string {
	var out []string
	for id := range c.ids[lang] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// File says where lang's catalogue was read from.
func (c *Catalog) File(lang string) string { return c.files[lang] }

// match returns the code of the catalogue that speaks lang, or "".
func (c *Catalog) match(lang string) string {
	t, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	for ; ; t = t.Parent() {
		if _, ok := c.ids[t.String()]; ok {
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
	code := c.match(lang)
	if code == "" {
		code = Fallback
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.MustParse(code)
	}
	l := &Lang{cat: c, code: code, tag: tag, loc: goi18n.NewLocalizer(c.bundle, code)}
	l.decimal = l.T("format.decimal")
	return l
}

// Lang is one language's texts and formats. It is safe for concurrent use.
type Lang struct {
	cat     *Catalog
	code    string
	tag     language.Tag
	loc     *goi18n.Localizer
	decimal string
}

// Code returns the code of the catalogue the texts come from ("it").
func (l *Lang) Code() string { return l.code }

// Tag returns the language asked for, as a BCP 47 tag; its region and
// script choose the sorting when the collator knows them.
func (l *Lang) Tag() language.Tag { return l.tag }

// T returns message id with args, which are name, value pairs
// ("Title", t) that the message's template names ({{.Title}}).
func (l *Lang) T(id string, args ...any) string {
	return l.say(id, nil, args)
}

// N returns message id in the plural form the language uses for n; the
// message reads n as {{.Count}}.
func (l *Lang) N(id string, n int, args ...any) string {
	return l.say(id, n, append([]any{"Count", n}, args...))
}

func (l *Lang) say(id string, count any, args []any) string {
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return "⟦" + id + ": bad arguments⟧"
		}
		data[name] = args[i+1]
	}
	if len(args)%2 != 0 {
		return "⟦" + id + ": bad arguments⟧"
	}
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	var nf *goi18n.MessageNotFoundErr
	switch {
	case err == nil, s != "" && errors.As(err, &nf):
		// Said, perhaps in English when this language lacks it.
		return s
	case s != "":
		return s
	}
	// No language has it: show the id, so that it is seen and reported.
	return "⟦" + id + "⟧"
}

// Has reports whether the language itself (not English in its place) has
// message id.
func (l *Lang) Has(id string) bool { return l.cat.ids[l.code][id] }

// Num formats v with prec decimals and the language's decimal separator.
// v is rounded by strconv (half to even on ties of the binary value):
// a figure a reader sees is rounded half away from zero by the caller
// first (analysis.Round).
func (l *Lang) Num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	return strings.Replace(s, ".", l.decimal, 1)
}

// Decimal returns the language's decimal separator.
func (l *Lang) Decimal() string { return l.decimal }

var months = [12]string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"}

// Month returns the name of a month as a date writes it.
func (l *Lang) Month(m time.Month) string { return l.T("date.month." + months[m-1]) }

// Date writes a day ("4 March 2026", "4 marzo 2026").
func (l *Lang) Date(t time.Time) string {
	return l.T("date.long", "Day", t.Day(), "Month", l.Month(t.Month()), "Year", t.Year())
}

// Quote puts s in the language's quotation marks.
func (l *Lang) Quote(s string) string {
	return l.T("format.quote_open") + s + l.T("format.quote_close")
}

// Collator returns a collator for the language that ignores case and
// sorts accented letters beside their base letter. A collator is not safe
// for concurrent use: take one per goroutine.
func (l *Lang) Collator() *collate.Collator {
	return collate.New(l.tag, collate.IgnoreCase)
}

// Sort sorts ss in the language's order.
func (l *Lang) Sort(ss []string) { l.Collator().SortStrings(ss) }

// SortFunc sorts items by key in the language's order, keeping the order
// of items whose keys are equal.
func SortFunc[T any](l *Lang, items []T, key func(T) string) {
	c := l.Collator()
	var ba, bb collate.Buffer
	slices.SortStableFunc(items, func(a, b T) int {
		ba.Reset()
		bb.Reset()
		return bytes.Compare(c.KeyFromString(&ba, key(a)), c.KeyFromString(&bb, key(b)))
	})
}
