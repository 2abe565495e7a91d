package questionnaire_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// nested builds YAML from numbers: depth levels, each of the kind
// kinds[level % len(kinds)] names (flow list, flow mapping, block list,
// block mapping, anchor, alias, document, long value), and width siblings
// at the bottom. It returns the YAML and how many levels of lists and
// mappings it nests.
func nested(depth, width int, kinds []byte) ([]byte, int) {
	if len(kinds) == 0 {
		kinds = []byte{0}
	}
	var b bytes.Buffer
	var closers []string
	indent, levels, flow, seq := 0, 0, false, false
	for i := range depth {
		if b.Len() > 2*questionnaire.MaxFileSize {
			break
		}
		switch k := kinds[i%len(kinds)] % 8; {
		case k == 0 || flow && k == 2:
			b.WriteString("[")
			closers = append(closers, "]")
			flow, levels = true, levels+1
		case k == 1 || flow && k == 3:
			b.WriteString("{k: ")
			closers = append(closers, "}")
			flow, levels = true, levels+1
		case k == 2:
			b.WriteString("- ")
			indent, seq, levels = indent+2, true, levels+1
		case k == 3:
			b.WriteString("k:\n" + strings.Repeat(" ", indent+2))
			indent, seq, levels = indent+2, false, levels+1
		case k == 4:
			fmt.Fprintf(&b, "&a%d ", i)
		case k == 5 && flow:
			fmt.Fprintf(&b, "*a%d, ", i-1)
		case k == 6 && indent == 0 && !flow:
			b.WriteString("---\n")
		case k == 7 && flow:
			b.WriteString(strings.Repeat("x", 1+i%(2*questionnaire.MaxScalar)) + ", ")
		}
	}
	switch {
	case flow:
		b.WriteString(strings.Repeat("v, ", width) + "v")
	case seq:
		b.WriteString("v\n" + strings.Repeat(strings.Repeat(" ", indent-2)+"- v\n", width))
	default:
		b.WriteString("v: 0\n" + strings.Repeat(strings.Repeat(" ", indent)+"w: 0\n", min(width, 1)))
	}
	for i := len(closers) - 1; i >= 0; i-- {
		b.WriteString(closers[i])
	}
	return b.Bytes(), levels
}

// FuzzParseNested builds nested structures from the fuzzer's numbers (not
// only mutated bytes): any of them is parsed or refused in bounded time,
// and one that nests deeper than MaxDepth is refused.
func FuzzParseNested(f *testing.F) {
	f.Add(uint32(100_000), uint16(0), []byte{0})
	f.Add(uint32(50_000), uint16(1), []byte{1, 0})
	f.Add(uint32(100_000), uint16(0), []byte{2})
	f.Add(uint32(200), uint16(10), []byte{3, 2})
	f.Add(uint32(300_000), uint16(0), []byte{6})
	f.Add(uint32(200_000), uint16(0), []byte{0, 4, 5})
	f.Add(uint32(64), uint16(4000), []byte{2, 3, 1})
	f.Add(uint32(30), uint16(3), []byte{7, 0})
	f.Fuzz(func(t *testing.T, depth uint32, width uint16, kinds []byte) {
		src, levels := nested(int(depth%(1<<20)), int(width), kinds)
		start := time.Now()
		_, err := questionnaire.Parse("nested.yaml", src)
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("%d bytes, %d levels: parsed in %v", len(src), levels, took)
		}
		var ve *questionnaire.ValidationError
		switch {
		case err != nil && !errors.As(err, &ve):
			t.Fatalf("error %v (%T), want a ValidationError", err, err)
		case levels > questionnaire.MaxDepth && err == nil:
			t.Fatalf("%d levels of nesting accepted", levels)
		case ve != nil && len(ve.Problems) == 0:
			t.Fatal("ValidationError with no problems")
		}
	})
}

func TestNestedBuildsWhatItSays(t *testing.T) {
	for _, tt := range []struct {
		depth, width int
		kinds        []byte
		want         string
	}{
		{3, 1, []byte{0}, "[[[v, v]]]"},
		{2, 1, []byte{1}, "{k: {k: v, v}}"},
		{2, 1, []byte{2}, "- - v\n  - v\n"},
		{2, 0, []byte{3}, "k:\n  k:\n    v: 0\n"},
		{3, 0, []byte{0, 4, 5}, "[&a1 *a1, v]"},
	} {
		if got, _ := nested(tt.depth, tt.width, tt.kinds); string(got) != tt.want {
			t.Errorf("nested(%d, %d, %v) = %q, want %q", tt.depth, tt.width, tt.kinds, got, tt.want)
		}
	}
}
