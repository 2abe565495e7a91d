package report

import (
	"github.com/engage-toolkit/engage/internal/i18n"
	"reflect"
	"testing"
)

// TestComparisonLabelsAreComplete checks that every text of the comparison
// is set in every language.
func TestComparisonLabelsAreComplete(t *testing.T) {
	for _, lang := range []string{"en", "it"} {
		l, ok := cmpLabelsFor(i18n.Embedded(), lang)
		if !ok {
			t.Fatalf("no comparison texts in %s", lang)
		}
		v := reflect.ValueOf(l).Elem()
		for i := range v.NumField() {
			f := v.Field(i)
			name := v.Type().Field(i).Name
			if (f.Kind() == reflect.String && f.String() == "") || (f.Kind() == reflect.Func && f.IsNil()) {
				t.Errorf("%s: %s is not set", lang, name)
			}
		}
	}
	if _, ok := cmpLabelsFor(i18n.Embedded(), "fr"); ok {
		t.Error("texts in a language Engage does not have")
	}
}
