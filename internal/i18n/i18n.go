// Package i18n holds every word Engage itself says, in every language it
// speaks, and the language's ways with numbers, dates and sorting.
//
// # Catalogues
//
// A language is one YAML file, locales/<tag>.yaml, named by its BCP 47
// tag (en.yaml, it.yaml, cy.yaml). The files in this package's locales
// folder are embedded in the binary; more can be dropped in a folder
// ([Dir]: $ENGAGE_LOCALES, else engage/locales in the user's config
// folder) and are loaded beside them, so adding a language, or mending a
// translation, needs no new build. docs/translating.md says how.
//
// A message is a string, or, when it has a number in it, a map of CLDR
// plural forms (zero, one, two, few, many, other) that [Lang.N] picks
// from by the language's rules. Messages are Go templates: {{.Count}} is
// the number, other values are named by the caller.
//
// A message a language does not have is said in English ([Fallback]),
// and English is complete: a test fails when a message is missing from
// one of the embedded catalogues.
//
// # Use
//
//	l := cat.For("it")
//	l.T("report.summary")                         // "Sintesi"
//	l.N("cli.questionnaire.files_bad", 2)         // "2 file hanno problemi"
//	l.T("report.key_issue_n", "N", 3, "Title", t) // "Questione chiave 3. ..."
//	l.Num(4, 1)                                   // "4,0"
//
// The library underneath is github.com/nicksnyder/go-i18n/v2: it reads
// message files at run time (what makes a language data rather than
// code), carries the CLDR plural rules of every language, and falls back
// to the default language message by message.
package i18n

// Fallback is the language every message exists in, and the one a
// missing message is said in.
const Fallback = "en"

// EnvDir names the environment variable that points at a folder of extra
// catalogues.
const EnvDir = "ENGAGE_LOCALES"
