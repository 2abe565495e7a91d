package i18n

import (
	"fmt"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
)

// Saying a message through go-i18n runs a text/template each time: about
// 40 µs, which the list of 1,000 sites pays 5,000 times. Nearly every
// message is plain text with {{.Name}} values, so those are said here
// directly, from the same message and the same CLDR plural form, and
// anything else (a message English says in this language's place, a
// template with more than values, a value the message does not get) goes
// to go-i18n as before. TestFastPathAgrees holds the two to the same text
// for every message of every catalogue.

// piece is a run of text or, when name is set, a value of the message.
type piece struct {
	text string
	name string
}

// simple is a message's text split into pieces, or nil when it is more
// than text and values.
type simple []piece

var simpleCache sync.Map // string -> simple

// split returns the pieces of text, made once per text.
func split(text string) simple {
	if v, ok := simpleCache.Load(text); ok {
		return v.(simple)
	}
	var out simple
	rest := text
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			if strings.Contains(rest, "}}") {
				out = nil
				break
			}
			out = append(out, piece{text: rest})
			break
		}
		if strings.Contains(rest[:i], "}}") {
			out = nil
			break
		}
		out = append(out, piece{text: rest[:i]})
		rest = rest[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 {
			out = nil
			break
		}
		name := strings.TrimSpace(rest[:j])
		if !isField(name) {
			out = nil
			break
		}
		out = append(out, piece{name: name[1:]})
		rest = rest[j+2:]
	}
	if out == nil {
		out = simple{} // more than values: not said here
	}
	simpleCache.Store(text, out)
	return out
}

// isField reports whether a template action is exactly .Name.
func isField(a string) bool {
	if len(a) < 2 || a[0] != '.' {
		return false
	}
	for _, r := range a[1:] {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// fast says message id as go-i18n would, when it is simple; ok is false
// when go-i18n must say it.
func (l *Lang) fast(id string, count any, data map[string]any) (string, bool) {
	m := l.own.msgs[id]
	if m == nil || (m.LeftDelim != "" && m.LeftDelim != "{{") || (m.RightDelim != "" && m.RightDelim != "}}") {
		return "", false
	}
	text := m.Other
	if count != nil {
		n, ok := count.(int)
		if !ok {
			return "", false
		}
		if text = pluralText(m, plural.Cardinal.MatchPlural(l.tag, absInt(n), 0, 0, 0, 0)); text == "" {
			return "", false
		}
	}
	ps := split(text)
	if len(ps) == 0 && text != "" {
		return "", false
	}
	var b strings.Builder
	for _, p := range ps {
		if p.name == "" {
			b.WriteString(p.text)
			continue
		}
		v, ok := data[p.name]
		if !ok || v == nil {
			return "", false
		}
		fmt.Fprint(&b, v)
	}
	return b.String(), true
}

func pluralText(m *goi18n.Message, f plural.Form) string {
	switch f {
	case plural.Zero:
		return m.Zero
	case plural.One:
		return m.One
	case plural.Two:
		return m.Two
	case plural.Few:
		return m.Few
	case plural.Many:
		return m.Many
	}
	return m.Other
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
