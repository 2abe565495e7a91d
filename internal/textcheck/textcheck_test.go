package textcheck

import "testing"

func TestControl(t *testing.T) {
	tests := []struct {
		name      string
		s         string
		multiline bool
		want      int
	}{
		{"plain", "Città di Torino", false, -1},
		{"new line in one line", "a\nb", false, 1},
		{"new line and tab in many", "a\n\tb", true, -1},
		{"carriage return", "a\r\nb", true, 1},
		{"escape", "title\x1b]0;pwned\x07", true, 5},
		{"C1 control", "a\u0085", true, 1},
		{"DEL", "\x7f", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := Control(tt.s, tt.multiline); got != tt.want {
				t.Errorf("Control(%q, %v) at %d, want %d", tt.s, tt.multiline, got, tt.want)
			}
		})
	}
}
