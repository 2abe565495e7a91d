package tui

import (
	"maps"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// shortNames fits each of names into width cells so that names that
// differ still differ. A name is cut with an ellipsis, as everywhere,
// unless its cut would read as another name's: then it says "&" for
// "and" and shortens each long word to its first letters and a full
// stop, keeping as many letters as fit ("Policy and resources" in 12
// cells is "Pol. & res.", not "Policy and …", which "Policy and
// communication" would also be). Should that still read as another, the
// plain cut stays.
func shortNames(l *i18n.Lang, names []string, width int) map[string]string {
	out := make(map[string]string, len(names))
	cuts := map[string]int{}
	for _, n := range names {
		if _, seen := out[n]; !seen {
			out[n] = truncate(n, width)
			cuts[out[n]]++
		}
	}
	names = slices.Compact(slices.Sorted(maps.Keys(out)))
	for _, n := range names {
		if cuts[out[n]] > 1 {
			out[n] = shortName(l, n, width)
		}
	}
	// Two different names shown alike: cut both plainly, which keeps
	// their beginnings; better an ambiguous cut than two abbreviations
	// that look like one name.
	seen := map[string]int{}
	for _, n := range names {
		seen[out[n]]++
	}
	for _, n := range names {
		if seen[out[n]] > 1 && out[n] != n {
			out[n] = truncate(n, width)
		}
	}
	return out
}

func shortName(l *i18n.Lang, name string, width int) string {
	if width <= 0 || ansi.StringWidth(name) <= width {
		return name
	}
	and := l.T("tui.common.short_and")
	words := strings.Fields(name)
	for i, w := range words {
		if strings.EqualFold(w, and) {
			words[i] = "&"
		}
	}
	if s := strings.Join(words, " "); ansi.StringWidth(s) <= width {
		return s
	}
	longest := 0
	for _, w := range words {
		longest = max(longest, len([]rune(w)))
	}
	for keep := longest - 1; keep >= 3; keep-- {
		short := make([]string, len(words))
		for i, w := range words {
			if r := []rune(w); len(r) > keep+1 {
				w = string(r[:keep]) + "."
			}
			short[i] = w
		}
		if s := strings.Join(short, " "); ansi.StringWidth(s) <= width {
			return s
		}
	}
	return truncate(name, width)
}
