// Package questionnaires holds the workbooks shipped with Engage, embedded in
// the binary so that engage works with no files beside it.
package questionnaires

import "embed"

// FS holds the shipped questionnaire files (*.yaml).
//
//go:embed *.yaml
var FS embed.FS

// Default is the file name of the default workbook.
const Default = "community-engagement.yaml"
