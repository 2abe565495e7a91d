package pdffont

import (
	"strings"
	"testing"
)

func TestPaper(t *testing.T) {
	tests := map[string]struct {
		in, want, err string
	}{
		"empty is the default": {in: "", want: PaperA4},
		"a4":                   {in: "a4", want: PaperA4},
		"letter":               {in: "letter", want: PaperLetter},
		"unknown":              {in: "a3", err: `unknown paper size "a3" (use a4 or letter)`},
		"case matters":         {in: "A4", err: `unknown paper size "A4"`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Paper(tt.in)
			switch {
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("Paper(%q) = %q, %v; want the error %q", tt.in, got, err, tt.err)
			case tt.err == "" && (err != nil || got != tt.want):
				t.Fatalf("Paper(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	if Papers[0] != PaperA4 {
		t.Errorf("Papers starts with %q, want the default %q first", Papers[0], PaperA4)
	}
}
