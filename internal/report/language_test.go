package report

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// TestReportInAddedLanguage writes a report in French from a catalogue
// file in testdata and no code: its words are French where the file has
// them, English where it does not, and its numbers and /Lang French.
func TestReportInAddedLanguage(t *testing.T) {
	cat, err := i18n.LoadDir("../i18n/testdata/locales")
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Data: fixtureData(t)}
	pdf, _ := render(t, in, Options{Lang: "fr", Catalog: cat})
	text := pdfText(t, pdf)
	mustContain(t, text,
		"Rapport sur les obstacles à la participation des habitants",
		"Étape 1. La cartographie des partenariats",
		"ont été recensés sur ce site, dans",
		"Appendix. Every statement, with comments", // not in the French file
	)
	if !bytes.Contains(pdf, []byte("/Lang (fr-FR)")) {
		t.Error("the PDF's /Lang is not fr-FR")
	}
	// The embedded catalogue has no French: a clear error, not English.
	_, err = Site(&bytes.Buffer{}, in, Options{Lang: "fr"})
	var nl *NoLanguageError
	if !errors.As(err, &nl) || !strings.Contains(err.Error(), "en, it") {
		t.Errorf("got %v, want a NoLanguageError naming en, it", err)
	}
}

// TestSentencesFill calls every sentence with figures, in every language,
// with 0, 1, 2 and 1000000, and fails when a message is missing (⟦id⟧) or
// a template names a value the code does not give ("<no value>").
func TestSentencesFill(t *testing.T) {
	for _, lang := range i18n.Embedded().Languages() {
		l, _ := labelsFor(i18n.Embedded(), lang)
		cl, _ := cmpLabelsFor(i18n.Embedded(), lang)
		for _, v := range []reflect.Value{reflect.ValueOf(l).Elem(), reflect.ValueOf(cl).Elem()} {
			for i := range v.NumField() {
				f := v.Field(i)
				if f.Kind() != reflect.Func {
					continue
				}
				for _, n := range []int{0, 1, 2, 1000000} {
					args := make([]reflect.Value, f.Type().NumIn())
					for j := range args {
						switch in := f.Type().In(j); in.Kind() {
						case reflect.Int:
							args[j] = reflect.ValueOf(n)
						case reflect.String:
							args[j] = reflect.ValueOf("X")
						case reflect.Bool:
							args[j] = reflect.ValueOf(n == 1)
						case reflect.Slice:
							args[j] = reflect.ValueOf([]string{"A", "B"})
						default:
							t.Fatalf("%s: argument of kind %s", v.Type().Field(i).Name, in.Kind())
						}
					}
					s := f.Call(args)[0].String()
					if strings.Contains(s, "⟦") || strings.Contains(s, "<no value>") || s == "" {
						t.Errorf("%s %s(%d): %q", lang, v.Type().Field(i).Name, n, s)
					}
				}
			}
		}
	}
}
