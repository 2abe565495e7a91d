package pdffont

import (
	"fmt"
	"slices"
	"strings"
)

// The paper sizes every PDF of Engage (the site report, the comparison,
// the booklets and the guide) can be set on.
const (
	PaperA4     = "a4"
	PaperLetter = "letter"
)

// Papers lists the paper sizes, the default first.
var Papers = []string{PaperA4, PaperLetter}

// Paper checks a paper size asked for: it returns paper, [PaperA4] when
// paper is empty, or an error that names the sizes there are.
func Paper(paper string) (string, error) {
	if paper == "" {
		return PaperA4, nil
	}
	if !slices.Contains(Papers, paper) {
		return "", fmt.Errorf("unknown paper size %q (use %s)", paper, strings.Join(Papers, " or "))
	}
	return paper, nil
}
