package bundle_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/bundle"
)

// TestReaderParsesASharedQuestionnaireOnce reads bundles that pin the same
// questionnaire with one Reader: they share one parsed questionnaire, and
// read the same as each read alone. A bundle whose questionnaire does not
// parse or was changed is still refused, with its own name, after the
// good one was kept.
func TestReaderParsesASharedQuestionnaireOnce(t *testing.T) {
	data := smallBundle(t)
	var r bundle.Reader
	first, err := r.Read("first.engage", data)
	if err != nil {
		t.Fatal(err)
	}
	second, err := r.Read("second.engage", data)
	if err != nil {
		t.Fatal(err)
	}
	if first.Questionnaires[0] != second.Questionnaires[0] {
		t.Error("the questionnaire was parsed again for the second bundle")
	}
	alone, err := bundle.Read("second.engage", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(second, alone) {
		t.Error("a bundle read through a Reader differs from the same bundle read alone")
	}
	for _, tc := range []struct{ name, old, new, want string }{
		{"broken.engage", `"source":"`, `"source":"\t\t:`, "does not parse"},
		{"changed.engage", `Residents can get to meetings`, `Residents can get to the meetings`, "does not match its hash"},
	} {
		bad := reseal(t, data, func(s string) string { return strings.Replace(s, tc.old, tc.new, 1) })
		_, err := r.Read(tc.name, bad)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s: %v, want it refused by name: %s", tc.name, err, tc.want)
		}
	}
}
