package cli_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	qt "github.com/engage-toolkit/engage/internal/questionnaire/questionnairetest"
)

// Hostile questionnaires (issue 10, classes 1 and 6): YAML that once cost
// gigabytes or minutes, and text that is not what a questionnaire may hold,
// through validate, --questionnaire and a bundle's pinned questionnaire.
// The small files are in testdata/hostile/yaml; the big ones are built by
// questionnairetest from their size.

// writeFile writes data to dir/name.
func writeFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// yamlFile is a setup that writes a crafted questionnaire as dir/q.yaml.
func yamlFile(data []byte) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) { writeFile(t, dir, "q.yaml", data) }
}

// keptFile is a setup that copies testdata/hostile/yaml/name to dir/q.yaml.
func keptFile(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		writeFile(t, dir, "q.yaml", hostileFile(t, filepath.Join("yaml", name)))
	}
}

// bundleWith writes the bundle format by hand (a header line, then the
// gzip of the JSON content, see internal/bundle/format.go) around a site
// that pins src as its questionnaire, with src's true hash.
func bundleWith(t *testing.T, src []byte) []byte {
	t.Helper()
	type pinned struct {
		Hash    string `json:"hash"`
		ID      string `json:"id"`
		Version string `json:"version"`
		Source  string `json:"source"`
	}
	content, err := json.Marshal(map[string]any{
		"format": 1, "engage": "hostile", "withheld": []string{},
		"questionnaires": []pinned{{Hash: questionnaire.HashOf(src), ID: "hostile", Version: "1", Source: string(src)}},
		"site":           map[string]any{},
	})
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	zw := gzip.NewWriter(&body)
	zw.Write(content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	prefix := fmt.Sprintf("engage-bundle format=1 engage=hostile size=%d sha256=", body.Len())
	sum := sha256.Sum256(append([]byte(prefix+"\n"), body.Bytes()...))
	return append([]byte(prefix+hex.EncodeToString(sum[:])+"\n"), body.Bytes()...)
}

// bundleFile is a setup that writes a bundle pinning src as dir/x.engage,
// next to a store with the demo sites in it (which must stay as it is).
func bundleFile(src []byte) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		writeFile(t, dir, "x.engage", bundleWith(t, src))
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(exe, "demo")
		cmd.Env = append(os.Environ(), hostileChild+"=1", "ENGAGE_DB="+filepath.Join(dir, "engage.db"), "HOME="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("engage demo: %v\n%s", err, out)
		}
	}
}

// saying checks that stderr has a line containing want, and at most lines
// lines in all.
func saying(want string, lines int) func(t *testing.T, dir, stdout, stderr string) {
	return func(t *testing.T, dir, stdout, stderr string) {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%.2000s", want, stderr)
		}
		if n := strings.Count(stderr, "\n"); n > lines {
			t.Errorf("stderr has %d lines, want at most %d:\n%.2000s", n, lines, stderr)
		}
	}
}

func TestHostileYAML(t *testing.T) {
	validate := []string{"questionnaire", "validate", "$WORK/q.yaml"}
	withFile := []string{"--questionnaire", "$WORK/q.yaml", "questionnaire", "list"}
	importX := []string{"import", "$WORK/x.engage"}
	const nest = `q\.yaml:1:65: lists and mappings nest more than 64 deep here`
	const tooMany = `q\.yaml:\d+:\d+: the file has more than 200,000 words and marks`
	const tooBig = `q\.yaml: the file has more than 1,048,576 bytes \(1 MiB\)`
	const notValid = `^engage: .*q\.yaml is not a valid questionnaire:$`
	const notBundle = `^engage: .*x\.engage: what it holds does not check out:$`

	// Many problems at once: 250 lists items that are not mappings.
	var many strings.Builder
	many.WriteString("criteria:\n")
	for range 50 {
		many.WriteString("- x\n")
	}
	many.WriteString("directorates:\n")
	for range 200 {
		many.WriteString("- x\n")
	}

	runHostile(t, []hostileCase{
		// Class 1: runaway cost.
		{name: "validate: [ x 50,000", setup: yamlFile(qt.FlowNesting(50_000)), args: validate, exit: 1, stderr: nest},
		{name: "validate: [ x 100,000", setup: yamlFile(qt.FlowNesting(100_000)), args: validate, exit: 1, stderr: nest},
		{name: "validate: [ to the size limit", setup: yamlFile(qt.FlowNesting(questionnaire.MaxFileSize)), args: validate, exit: 1, stderr: tooMany},
		{name: "validate: - x 20,000 on one line", setup: yamlFile(qt.BlockNesting(20_000)), args: validate, exit: 1, stderr: `q\.yaml:1:129: lists and mappings nest more than 64`},
		{name: "validate: - x 100,000 on one line", setup: yamlFile(qt.BlockNesting(100_000)), args: validate, exit: 1, stderr: tooMany},
		{name: "validate: 300,000 documents", setup: yamlFile(qt.Documents(300_000)), args: validate, exit: 1, stderr: tooBig},
		{name: "validate: documents to the size limit", setup: yamlFile(qt.Documents(questionnaire.MaxFileSize / 4)), args: validate, exit: 1, stderr: tooMany},
		{name: "validate: two documents", setup: keptFile("two-documents.yaml"), args: validate, exit: 1, stderr: `q\.yaml:19:1: a questionnaire file holds one YAML document; a second one starts here`},
		{name: "validate: 200,000 anchors", setup: yamlFile(qt.Anchors(200_000)), args: validate, exit: 1, stderr: tooBig},
		{name: "validate: anchors to the token limit", setup: yamlFile(qt.Anchors(60_000)), args: validate, exit: 1, stderr: tooMany},
		{name: "validate: 1,000 anchors", setup: yamlFile(qt.Anchors(1_000)), args: validate, exit: 1, stderr: `q\.yaml:102:3: more than 100 anchors and aliases`},
		{name: "validate: 250 problems", setup: yamlFile([]byte(many.String())), args: validate, exit: 1,
			check: saying("... and ", questionnaire.MaxReported+2)},
		{name: "validate: a flow list just under the token limit", setup: yamlFile(qt.WideFlow(questionnaire.MaxTokens/3 - 10)), args: validate, exit: 1,
			stderr: `q\.yaml:1:1: questionnaire: missing required field "id"`, check: saying("... and ", questionnaire.MaxReported+2)},
		{name: "validate: a workbook at the limits", setup: yamlFile(qt.Large(800 << 10)), args: validate, exit: 0,
			stdout: `q\.yaml: valid: large 1, 50 key issues, 500 statements`},
		{name: "--questionnaire: [ x 100,000", setup: yamlFile(qt.FlowNesting(100_000)), args: withFile, exit: 1, stderr: notValid, check: saying(nest[2:], 3)},
		{name: "--questionnaire: 300,000 documents", setup: yamlFile(qt.Documents(300_000)), args: withFile, exit: 1, stderr: notValid},
		{name: "import: [ x 100,000 pinned", setup: bundleFile(qt.FlowNesting(100_000)), args: importX, exit: 1, stderr: notBundle,
			check: saying("questionnaire 1 (hostile) does not parse: questionnaire 1 (hostile):1:65: lists and mappings nest more than 64", 20)},
		{name: "import: - x 20,000 pinned", setup: bundleFile(qt.BlockNesting(20_000)), args: importX, exit: 1, stderr: notBundle,
			check: saying("nest more than 64 deep", 20)},
		{name: "import: documents to the size limit pinned", setup: bundleFile(qt.Documents(questionnaire.MaxFileSize / 4)), args: importX, exit: 1, stderr: notBundle,
			check: saying("the file has more than 200,000 words and marks", 20)},
		{name: "import: 1,000 anchors pinned", setup: bundleFile(qt.Anchors(1_000)), args: importX, exit: 1, stderr: notBundle,
			check: saying("more than 100 anchors and aliases", 20)},

		// Class 6: questionnaire text.
		{name: "validate: 100,000-digit version", setup: yamlFile(qt.LongVersion(100_000)), args: validate, exit: 1,
			stderr: `q\.yaml:2:10: a value of 100,000 characters; a value may have at most 10,000$`},
		{name: "validate: 40-character version", setup: keptFile("long-version.yaml"), args: validate, exit: 1,
			stderr: `q\.yaml:2:10: version is 40 characters long`},
		{name: "validate: invalid UTF-8", setup: keptFile("invalid-utf8.yaml"), args: validate, exit: 1,
			stderr: `/q\.yaml:4:16: byte 0xe0 is not UTF-8 text; save the file as UTF-8$`},
		{name: "validate: byte-order mark", setup: keptFile("bom.yaml"), args: validate, exit: 0, stdout: `q\.yaml: valid: hostile 1`},
		{name: "validate: escapes in the title", setup: keptFile("escape-in-title.yaml"), args: validate, exit: 1,
			stderr: `/q\.yaml:4:8: title: the English \(en\) text contains a control character`},
		{name: "--questionnaire: invalid UTF-8", setup: keptFile("invalid-utf8.yaml"), args: withFile, exit: 1, stderr: notValid,
			check: saying("q.yaml:4:16: byte 0xe0 is not UTF-8 text", 3)},
		{name: "--questionnaire: byte-order mark", setup: keptFile("bom.yaml"), args: withFile, exit: 0, stdout: `hostile +1 `},
		{name: "--questionnaire: escapes in the title", setup: keptFile("escape-in-title.yaml"), args: withFile, exit: 1, stderr: notValid},
		{name: "import: 100,000-digit version pinned", setup: bundleFile(qt.LongVersion(100_000)), args: importX, exit: 1, stderr: notBundle,
			check: saying("a value of 100,000 characters", 20)},
		{name: "import: escapes in the title pinned", setup: bundleFile(hostileFileAt("yaml/escape-in-title.yaml")), args: importX, exit: 1, stderr: notBundle,
			check: saying("title: the English (en) text contains a control character", 20)},
	})
}

// hostileFileAt reads testdata/hostile/name when the table is built.
func hostileFileAt(name string) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", "hostile", name))
	if err != nil {
		panic(err)
	}
	return data
}
