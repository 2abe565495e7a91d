package plain

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n/i18ntest"
)

// plainSinks are where the mode's literals reach people: what it says,
// the items and sentences it builds, errors, and the fields of the
// forms, menus and questions that are read out.
var plainSinks = i18ntest.Sinks{
	Calls: []string{".say", "sayItem", "sentence", "andList", "numbered", "fmt.Sprintf", "fmt.Sprint", "fmt.Fprintln",
		"fmt.Errorf", "errors.New", "strings.Join", "newForm"},
	Fields: []string{"label", "intro", "ask", "keys", "what", "context"},
}

// TestNoLiteralWords fails when a word the accessible mode says is
// written in the code instead of the catalogue.
func TestNoLiteralWords(t *testing.T) {
	// The forms' field names and option values are the domain's keys,
	// never said.
	i18ntest.NoLiteralWords(t, ".", plainSinks, "start year", "yes", "unknown", "partners", "questionnaire")
}
