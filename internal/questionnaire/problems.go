package questionnaire

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a questionnaire file, at a line and column
// (both 1-based; 0 when the problem concerns the whole file).
type Problem struct {
	File    string
	Line    int
	Column  int
	Message string
}

// String formats the problem as file:line:col: message, the form editors and
// terminals recognise.
func (p Problem) String() string {
	if p.Line == 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
}

// ValidationError is returned by [Parse] when a file is not a valid
// questionnaire. It holds every problem found, in file order.
type ValidationError struct {
	Problems []Problem
}

// Error gives the problems one a line, the first MaxReported of them and
// then how many more there are.
func (e *ValidationError) Error() string {
	shown := e.Problems[:min(len(e.Problems), MaxReported)]
	lines := make([]string, len(shown), len(shown)+1)
	for i, p := range shown {
		lines[i] = p.String()
	}
	if more := len(e.Problems) - len(shown); more > 0 {
		lines = append(lines, fmt.Sprintf("... and %s more", thousands(more)))
	}
	return strings.Join(lines, "\n")
}
