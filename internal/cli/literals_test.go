package cli

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n/i18ntest"
)

// TestNoLiteralWords fails when a word engage prints is written in the
// code instead of the catalogue: a string literal with a word in it,
// given to what prints or returns a message (fmt's printers and errors,
// errors.New, ExitError's Message and Hint, a command's Short and Long, a
// flag's usage).
func TestNoLiteralWords(t *testing.T) {
	i18ntest.NoLiteralWords(t, ".", i18ntest.CLI)
}

// TestCatalogueIDsUsed fails when a message of the catalogue is said by
// no code (an id left behind when its text went), and when code names an
// id the catalogue lacks. The TUI's ids are looked for in internal/tui.
func TestCatalogueIDsUsed(t *testing.T) {
	i18ntest.UnusedIDs(t, []string{".", "../report", "../booklet", "../i18n", "../questionnaire", "../tui", "../compare", "../plain", "../mapimport", "../warehouse"},
		"date.month.",                         // Lang.Month
		"cli.record.",                         // a conflict's record kind
		"cli.rows.n_",                         // a group
		"cli.rows.role_",                      // a group
		"cli.warn.kind.",                      // a finding's kind
		"cli.warn.who_", "cli.warn.who_role_", // a group
		"cli.booklet.nobody_", "cli.booklet.whose_blank_", "cli.booklet.whose_added_", "cli.booklet.type_in_", // a group
		"role.", "group.", "sector.", "community.", "status.", // the domain's values, for every output
		"codebook.parquet", // a file name, not a message
	)
}
