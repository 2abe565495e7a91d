package tui

import "testing"

func TestShortNamesStayDistinct(t *testing.T) {
	names := []string{"Policy and resources", "Policy and resources", "Policy and communication", "Social care and health", "Education", "Culture and regeneration (+NDC)"}
	for _, tt := range []struct {
		width int
		want  map[string]string
	}{
		{40, map[string]string{"Policy and resources": "Policy and resources", "Education": "Education"}},
		// Cuts that differ stay plain cuts.
		{18, map[string]string{"Policy and resources": "Policy and resour…", "Policy and communication": "Policy and commun…", "Social care and health": "Social care and h…", "Education": "Education"}},
		// "Policy and …" twice: those two are shortened word by word.
		{12, map[string]string{"Policy and resources": "Pol. & res.", "Policy and communication": "Pol. & com.", "Social care and health": "Social care…", "Education": "Education"}},
	} {
		got := shortNames(nil, names, tt.width)
		for n, want := range tt.want {
			if got[n] != want {
				t.Errorf("width %d: %q is %q, want %q", tt.width, n, got[n], want)
			}
		}
		seen := map[string]string{}
		for _, n := range names[1:] {
			if other, ok := seen[got[n]]; ok {
				t.Errorf("width %d: %q and %q both show %q", tt.width, n, other, got[n])
			}
			seen[got[n]] = n
			if w := len([]rune(got[n])); w > tt.width {
				t.Errorf("width %d: %q is %d wide", tt.width, got[n], w)
			}
		}
	}
}
