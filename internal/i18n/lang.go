package i18n

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Lang is one language's texts and formats. It is safe for concurrent use.
// A nil *Lang is English, so that a model or a test made without one
// still speaks.
type Lang struct {
	cat     *Catalog
	own     *langData
	code    string
	tag     language.Tag
	loc     *goi18n.Localizer
	decimal string
}

// Code returns the code of the catalogue the texts come from ("it").
func (l *Lang) Code() string { return l.or().code }

// Tag returns the language asked for, as a BCP 47 tag; its region and
// script choose the sorting when the collator knows them.
func (l *Lang) Tag() language.Tag { return l.or().tag }

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
	l = l.or()
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
	if s, ok := l.fast(id, count, data); ok {
		return s
	}
	return l.slow(id, count, data)
}

// slow says message id through go-i18n.
func (l *Lang) slow(id string, count any, data map[string]any) string {
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
func (l *Lang) Has(id string) bool { _, ok := l.or().own.msgs[id]; return ok }

// Num formats v with prec decimals and the language's decimal separator.
// v is rounded by strconv (half to even on ties of the binary value):
// a figure a reader sees is rounded half away from zero by the caller
// first (analysis.Round).
func (l *Lang) Num(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	return strings.Replace(s, ".", l.or().decimal, 1)
}

// Decimal returns the language's decimal separator.
func (l *Lang) Decimal() string { return l.or().decimal }

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
	return collate.New(l.Tag(), collate.IgnoreCase)
}

// Sort sorts ss in the language's order.
func (l *Lang) Sort(ss []string) { l.Collator().SortStrings(ss) }

// SortFunc sorts items by key in the language's order, keeping the order
// of items whose keys are equal.
func SortFunc[T any](l *Lang, items []T, key func(T) string) {
	// Each item's sort key is made once (a list of 1,000 sites would
	// otherwise make 20,000), then the items are put in the keys' order.
	c := l.Collator()
	var buf collate.Buffer
	keys := make([][]byte, len(items))
	for i, it := range items {
		keys[i] = slices.Clone(c.KeyFromString(&buf, key(it)))
		buf.Reset()
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	sorted := make([]T, len(items))
	for i, j := range order {
		sorted[i] = items[j]
	}
	copy(items, sorted)
}

// FromEnv returns the user's language from the POSIX locale variables,
// LC_ALL, then LC_MESSAGES, then LANG, as a BCP 47 tag ("it_IT.UTF-8" is
// "it-IT"), or "" when none names one. "C" and "POSIX" are English.
func FromEnv(getenv func(string) string) string {
	if getenv == nil {
		return ""
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if i := strings.IndexAny(v, ".@"); i >= 0 {
			v = v[:i]
		}
		if v == "C" || v == "POSIX" {
			return Fallback
		}
		t, err := language.Parse(strings.ReplaceAll(v, "_", "-"))
		if err != nil {
			continue
		}
		return t.String()
	}
	return ""
}

// Exists reports whether message id can be said: the language has it, or
// English does.
func (l *Lang) Exists(id string) bool {
	if l.Has(id) {
		return true
	}
	_, ok := l.or().cat.lang(Fallback).msgs[id]
	return ok
}

func (l *Lang) or() *Lang {
	if l == nil {
		return Embedded().For(Fallback)
	}
	return l
}
