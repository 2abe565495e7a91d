package questionnairetest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// The hostile questionnaires: crafted files that once cost the YAML parser
// gigabytes or minutes (issue 10, classes 1 and 6). They are built here from
// their size, rather than kept as megabytes of testdata, so that the
// questionnaire's benchmarks and the command-line tests try the same bytes.

// FlowNesting returns depth opening brackets and nothing else: a file the
// parser once needed 3.8 GB (50,000) or ran out of memory on (100,000) for.
func FlowNesting(depth int) []byte {
	return bytes.Repeat([]byte("["), depth)
}

// BlockNesting returns a one-line block sequence nested depth deep
// ("- - - - x"), two bytes a level.
func BlockNesting(depth int) []byte {
	return append(bytes.Repeat([]byte("- "), depth), "x\n"...)
}

// Documents returns n empty YAML documents, "---" each.
func Documents(n int) []byte {
	return bytes.Repeat([]byte("---\n"), n)
}

// Anchors returns a list of n anchored values, every tenth followed by an
// alias to it: a file that took 103 s and printed 34 MB of problems.
func Anchors(n int) []byte {
	var b bytes.Buffer
	b.WriteString("key_issues:\n")
	for i := range n {
		fmt.Fprintf(&b, "- &a%d x\n", i)
		if i%10 == 0 {
			fmt.Fprintf(&b, "- *a%d\n", i)
		}
	}
	return b.Bytes()
}

// Valid returns a small valid questionnaire with version as its version
// (written as YAML as it stands) and title as its English title (written in
// double quotes, so YAML escapes such as \x1b work).
func Valid(version, title string) []byte {
	return []byte(`id: hostile
version: ` + version + `
languages: [en]
title: "` + title + `"
scale:
  points: 3
  labels: [No, Maybe, Yes]
  dont_know: Don't know
criteria:
  - id: ongoing
    text: Ongoing
key_issues:
  - id: k1
    title: One
    statements:
      - id: s1
        text: First
`)
}

// LongVersion returns a valid questionnaire but for its version, a number
// of the given digits.
func LongVersion(digits int) []byte {
	return Valid(strings.Repeat("9", digits), "Long version")
}

// BOM returns a valid questionnaire saved with a UTF-8 byte-order mark.
func BOM() []byte {
	return append([]byte("\ufeff# saved by a Windows editor\n"), Valid(`"1"`, "With a byte-order mark")...)
}

// InvalidUTF8 returns a valid questionnaire but for a Latin-1 byte (0xE0,
// "à") in its title, on line 4, column 16.
func InvalidUTF8() []byte {
	return Valid(`"1"`, "Comunit\xe0 locale")
}

// Large returns a valid questionnaire at the structure limits, filled with
// prose up to about size bytes: the largest file a real workbook could
// grow to, which must still be read quickly.
func Large(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`id: large
version: "1"
languages: [en, it]
title: {en: Large workbook, it: Questionario grande}
scale:
  points: 5
  labels: [{en: One, it: Uno}, {en: Two, it: Due}, {en: Three, it: Tre}, {en: Four, it: Quattro}, {en: Five, it: Cinque}]
  dont_know: {en: Don't know, it: Non so}
criteria:
`)
	for i := range questionnaire.MaxCriteria {
		fmt.Fprintf(&b, "  - {id: c%d, text: {en: Criterion %d, it: Criterio %d}}\n", i, i, i)
	}
	b.WriteString("directorates:\n")
	for i := range questionnaire.MaxDirectorates {
		fmt.Fprintf(&b, "  - {id: d%d, name: {en: Directorate %d, it: Direzione %d}}\n", i, i, i)
	}
	b.WriteString("key_issues:\n")
	per := questionnaire.MaxStatements / questionnaire.MaxKeyIssues
	// What is left of size goes to the statements' texts, half English,
	// half Italian.
	room := (size - b.Len() - questionnaire.MaxKeyIssues*60 - questionnaire.MaxStatements*60) / questionnaire.MaxStatements / 2
	words := "The partnership listens to the community and changes what it does. "
	prose := strings.Repeat(words, room/len(words)+1)[:max(room, 1)]
	for k := range questionnaire.MaxKeyIssues {
		fmt.Fprintf(&b, "  - id: k%d\n    title: {en: Key issue %d, it: Tema %d}\n    statements:\n", k, k, k)
		for s := range per {
			fmt.Fprintf(&b, "      - id: s%d-%d\n        text:\n          en: %q\n          it: %q\n", k, s, prose, prose)
		}
	}
	return b.Bytes()
}

// WideFlow returns a list of n plain values in one flow list, the
// costliest shape per byte that still passes the token count when n is a
// third of MaxTokens.
func WideFlow(n int) []byte {
	return []byte("key_issues: [" + strings.Repeat("a,", n) + "a]\n")
}
