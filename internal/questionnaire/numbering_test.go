package questionnaire

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

const twoIssues = `id: two
version: "1"
languages: [en]
title: Two
scale:
  points: 3
  labels: [No, Maybe, Yes]
  dont_know: Don't know
criteria:
  - id: ongoing
    text: Ongoing
    cutoff_year: 2001
key_issues:
  - id: k1
    title: One
    statements:
      - {id: a, text: A}
      - {id: b, text: B}
  - id: k2
    title: Two
    statements:
      - {id: c, text: C}
      - {id: d, text: D}
      - {id: e, text: E}
`

func TestNumbering(t *testing.T) {
	q, err := Parse("two.yaml", []byte(twoIssues))
	if err != nil {
		t.Fatal(err)
	}
	n := q.Numbering()
	for id, want := range map[string]string{"a": "1.1", "b": "1.2", "c": "2.1", "e": "2.3", "nope": ""} {
		if got := n.Number(id); got != want {
			t.Errorf("Number(%q) = %q, want %q", id, got, want)
		}
		if got := q.Number(id); got != want {
			t.Errorf("Questionnaire.Number(%q) = %q, want %q", id, got, want)
		}
	}
	if p, ok := n.Place("d"); !ok || p.Issue != 1 || p.Pos != 1 || p.Order != 3 || p.Statement.ID != "d" {
		t.Errorf("Place(d) = %+v, %t", p, ok)
	}
	if _, ok := n.Place("nope"); ok {
		t.Error("Place of an unknown id found")
	}
	if n.Len() != 5 {
		t.Errorf("Len() = %d, want 5", n.Len())
	}
	var zero Numbering
	if zero.Number("a") != "" || zero.Len() != 0 {
		t.Error("the zero Numbering knows a statement")
	}
	if _, err := zero.Lookup("1.1"); err == nil || err.Error() != `no statement "1.1": the questionnaire has none` {
		t.Errorf("Lookup in no statements: %v", err)
	}
}

func TestNumberingLookup(t *testing.T) {
	q, err := Parse("two.yaml", []byte(twoIssues))
	if err != nil {
		t.Fatal(err)
	}
	n := q.Numbering()
	tests := []struct {
		in, want string
	}{
		{"2.3", "e"},
		{" 1.2 ", "b"},
		{"2,1", "c"},
		{"2 . 2", "d"},
		{"a", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := n.Lookup(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "3", "1.3", "2.0", "0.1", "x", "1.1.1"} {
		t.Run("bad "+bad, func(t *testing.T) {
			id, err := n.Lookup(bad)
			var ne *NumberError
			if !errors.As(err, &ne) {
				t.Fatalf("Lookup(%q) = %q, %v; want a NumberError", bad, id, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, fmt.Sprintf("%q", bad)) || !strings.Contains(msg, "1.1-1.2, 2.1-2.3") {
				t.Errorf("message %q names neither the input nor the valid numbers", msg)
			}
		})
	}
}

func ExampleNumbering() {
	q, _ := Parse("two.yaml", []byte(twoIssues))
	n := q.Numbering()
	id, _ := n.Lookup("2.3")
	fmt.Println(n.Number("c"), id)
	_, err := n.Lookup("3.1")
	fmt.Println(err)
	// Output:
	// 2.1 e
	// no statement "3.1" (the statements are 1.1-1.2, 2.1-2.3)
}
