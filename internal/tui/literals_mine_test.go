package tui

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n/i18ntest"
)

// sharedFiles are the files of the frame and of what every screen shares
// (the root, keys, help, forms, prompts, helpers) and of the screens not
// about one site's steps: their words come from the catalogue.
var sharedFiles = []string{
	"app.go", "app_view.go", "screen.go", "saver.go", "keys.go", "help.go", "confirm.go", "form.go", "undo.go", "undo_changes.go",
	"listwindow.go", "listfilter.go", "loaders.go", "text.go", "util.go", "styles.go", "numbering.go", "shortnames.go",
	"home.go", "site.go", "people.go", "comparesites.go",
}

// tuiSinks are where the TUI's literals reach the screen: what draws,
// pads and cuts text, the status line, prompts, fields and the fields of
// the messages that carry text.
var tuiSinks = i18ntest.Sinks{
	Calls: []string{"fmt.Sprintf", "fmt.Errorf", "errors.New", "status", "statusRefused", "truncate", "pad",
		"textF", "areaF", "choiceF", "newForm", ".Render", ".WriteString", ".ask", "strings.Join"},
	Fields: []string{"text", "what", "question", "kept", "label", "intro", "title", "done"},
}

// TestSharedFilesNoLiteralWords fails when a word the frame or a shared
// screen shows is written in the code instead of the catalogue.
func TestSharedFilesNoLiteralWords(t *testing.T) {
	dir := t.TempDir()
	for _, name := range sharedFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The names of form fields are keys, never shown.
	i18ntest.NoLiteralWords(t, dir, tuiSinks, "name", "organisation", "area", "context", "language", "questionnaire",
		"role level", "title", "started", "reason")
}
