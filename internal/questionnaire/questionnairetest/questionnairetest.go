// Package questionnairetest makes synthetic questionnaires for tests and
// benchmarks of other packages.
package questionnairetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// Flat returns a questionnaire with the default workbook's four key-issue
// ids and per statements under each, English only. No statement is marked
// for verification, which makes every statement one that outsiders score
// too (see Questionnaire.VerificationStatements): a site's participants
// all answer all 4 x per statements, the shape of the scale benchmarks.
func Flat(tb testing.TB, per int) *questionnaire.Questionnaire {
	tb.Helper()
	var y strings.Builder
	fmt.Fprintf(&y, `id: flat-%d
version: "1"
languages: [en]
title: {en: Synthetic workbook}
scale:
  points: 5
  labels: [{en: Strongly disagree}, {en: Disagree}, {en: Neither}, {en: Agree}, {en: Strongly agree}]
  dont_know: {en: Don't know}
bands: {good: 4.0, improve: 3.0}
criteria:
  - {id: not-one-off, text: {en: Not a one-off}}
  - {id: ongoing, text: {en: Ongoing}, cutoff_year: 2001}
  - {id: community-decisions, text: {en: Community in decisions}}
directorates:
  - {id: social-care-health, name: {en: Social care and health}}
  - {id: environment-housing, name: {en: Environment and housing}}
key_issues:
`, 4*per)
	for k, id := range []string{"community-ability", "organisation-skills", "service-culture", "organisational-culture"} {
		fmt.Fprintf(&y, "  - id: %s\n    title: {en: Key issue %d}\n    statements:\n", id, k+1)
		for s := range per {
			fmt.Fprintf(&y, "      - {id: s%d-%02d, text: {en: Statement %d of key issue %d.}}\n", k+1, s+1, s+1, k+1)
		}
	}
	q, err := questionnaire.Parse(fmt.Sprintf("flat-%d.yaml", 4*per), []byte(y.String()))
	if err != nil {
		tb.Fatal(err)
	}
	if n := len(q.VerificationStatements()); n != 4*per {
		tb.Fatalf("%d of %d statements for outsiders", n, 4*per)
	}
	return q
}
