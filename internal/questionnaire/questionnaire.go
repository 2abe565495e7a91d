// Package questionnaire loads, validates and describes Engage workbooks.
//
// A questionnaire is data, not code: a YAML file with a scale, bands, the key
// issues and their statements, the partnership criteria and the default
// directorates. The format is documented in docs/questionnaire-format.md.
//
// # Loading
//
// [Parse] reads one file and reports every problem it finds at once, each with
// its line and column, as a [ValidationError]. [Embedded] returns the workbooks
// shipped inside the binary.
//
// # Texts
//
// Every human-readable text is a [Text]: English is required, other languages
// (any BCP 47 tag the questionnaire declares) are optional and fall back to
// English; [Questionnaire.Untranslated] counts the texts that do, so that
// validation can say so.
package questionnaire

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Language codes Engage ships texts in. A questionnaire may carry texts
// in any other language too ([CheckLanguage]).
const (
	English = "en"
	Italian = "it"
)

// CheckLanguage reports whether s is a BCP 47 language tag written the
// canonical way ("fr", "cy", "pt-BR"), so that one language has one
// spelling in files and stores.
func CheckLanguage(s string) error {
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return fmt.Errorf("%q is not a language tag (BCP 47: en, it, fr, cy, pt-BR)", s)
	}
	if t.String() != s {
		return fmt.Errorf("write the language %q as %q", s, t.String())
	}
	return nil
}

// Text is a human-readable text in one or more languages, keyed by language
// code. English is always present in a valid questionnaire.
type Text map[string]string

// In returns the text in lang, else in a language lang is a variant of
// ("it" for "it-IT", "pt" for "pt-BR"), else in English.
func (t Text) In(lang string) string {
	for l := lang; l != ""; {
		if s, ok := t[l]; ok && s != "" {
			return s
		}
		i := strings.LastIndex(l, "-")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return t[English]
}

// String returns the English text.
func (t Text) String() string { return t[English] }

// Questionnaire is one workbook: what is asked, how it is scored, and the
// criteria and directorates a site starts from.
type Questionnaire struct {
	ID           string
	Version      string
	Languages    []string
	Title        Text
	Description  Text
	Scale        Scale
	Bands        Bands
	KeyIssues    []KeyIssue
	Criteria     []Criterion
	Directorates []Directorate

	// Source is the exact file content the questionnaire was parsed from,
	// and Hash its SHA-256 in hex: an assessment pins both.
	Source []byte
	Hash   string
}

// Scale is the answer scale. Scores run from 1 to Points; "don't know" is a
// separate answer that is never scored.
type Scale struct {
	Points   int
	Labels   []Text // one per point, from 1 upwards
	DontKnow Text
}

// Midpoint is the neutral point of the scale: scores above it agree, scores
// below it disagree.
func (s Scale) Midpoint() float64 { return float64(s.Points+1) / 2 }

// Bands are the thresholds of the key-issue and statement scores: Good and
// above is a good area, Improve up to Good is an area to improve, below
// Improve is a barrier.
type Bands struct {
	Good    float64
	Improve float64
}

// KeyIssue is one of the key issues the workbook is organised under.
type KeyIssue struct {
	ID          string
	Title       Text
	Description Text
	Statements  []Statement
}

// Statement is one scored statement. Statements are phrased so that agreeing
// is good unless Reverse is set.
type Statement struct {
	ID            string
	Text          Text
	Help          Text
	Reverse       bool
	Verify        bool // in the outsiders' verification set
	Interventions []Text
}

// Criterion is one of the criteria a partnership is selected by.
type Criterion struct {
	ID   string
	Text Text
	Help Text
	// CutoffYear is set on the "ongoing" criterion: a partnership meets it
	// when it is still running after this year.
	CutoffYear int
}

// Directorate is one of the default directorates a site maps its
// partnerships under.
type Directorate struct {
	ID   string
	Name Text
}

// Texts returns every text of the questionnaire, in file order.
func (q *Questionnaire) Texts() []Text {
	out := []Text{q.Title, q.Description}
	out = append(out, q.Scale.Labels...)
	out = append(out, q.Scale.DontKnow)
	for _, ki := range q.KeyIssues {
		out = append(out, ki.Title, ki.Description)
		for _, st := range ki.Statements {
			out = append(out, st.Text, st.Help)
			out = append(out, st.Interventions...)
		}
	}
	for _, c := range q.Criteria {
		out = append(out, c.Text, c.Help)
	}
	for _, d := range q.Directorates {
		out = append(out, d.Name)
	}
	return out
}

// Untranslated counts the texts that have no lang text and so are shown
// in English.
func (q *Questionnaire) Untranslated(lang string) int {
	n := 0
	for _, t := range q.Texts() {
		if len(t) == 0 || lang == English {
			continue
		}
		if s, ok := t[lang]; !ok || s == "" {
			n++
		}
	}
	return n
}

// DirectorateName names a site's directorate in lang: the questionnaire's
// text for it when the site kept the default name (stored is one of that
// directorate's texts), so that it follows the language like every other
// text, and the site's own name when the site renamed it or added it.
func (q *Questionnaire) DirectorateName(id, stored, lang string) string {
	for _, d := range q.Directorates {
		if d.ID != id {
			continue
		}
		for _, s := range d.Name {
			if s == stored {
				return d.Name.In(lang)
			}
		}
	}
	return stored
}

// Statements returns every statement in workbook order.
func (q *Questionnaire) Statements() []Statement {
	var out []Statement
	for _, ki := range q.KeyIssues {
		out = append(out, ki.Statements...)
	}
	return out
}

// VerificationStatements returns the statements outsiders score: those marked
// verify, or every statement when none is marked.
func (q *Questionnaire) VerificationStatements() []Statement {
	var out []Statement
	for _, st := range q.Statements() {
		if st.Verify {
			out = append(out, st)
		}
	}
	if len(out) == 0 {
		return q.Statements()
	}
	return out
}

// InVerification reports whether outsiders score st: it is marked verify,
// or no statement is.
func (q *Questionnaire) InVerification(st Statement) bool {
	if st.Verify {
		return true
	}
	for _, x := range q.Statements() {
		if x.Verify {
			return false
		}
	}
	return true
}

// Statement finds a statement and its key issue by statement id.
func (q *Questionnaire) Statement(id string) (Statement, KeyIssue, bool) {
	for _, ki := range q.KeyIssues {
		for _, st := range ki.Statements {
			if st.ID == id {
				return st, ki, true
			}
		}
	}
	return Statement{}, KeyIssue{}, false
}

// KeyIssue finds a key issue by id.
func (q *Questionnaire) KeyIssue(id string) (KeyIssue, bool) {
	for _, ki := range q.KeyIssues {
		if ki.ID == id {
			return ki, true
		}
	}
	return KeyIssue{}, false
}

// Criterion finds a criterion by id.
func (q *Questionnaire) Criterion(id string) (Criterion, bool) {
	for _, c := range q.Criteria {
		if c.ID == id {
			return c, true
		}
	}
	return Criterion{}, false
}

// HashOf returns the content hash a questionnaire source is pinned by.
func HashOf(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}
