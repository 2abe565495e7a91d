package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func words() Words {
	return Words{Left: func(d time.Duration) string { return "about " + d.String() + " left" }}
}

func TestMeterDrawsInPlaceAndBlanksAtTheEnd(t *testing.T) {
	var b bytes.Buffer
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	m := New(&b, true, "Comparing sites", 10, words())
	m.now = func() time.Time { return clock }
	m.start = clock
	clock = clock.Add(2 * time.Second)
	m.Set(4, 10)
	if got, want := b.String(), "\rComparing sites  4/10  40%  about 3s left"; got != want {
		t.Fatalf("drew %q, want %q", got, want)
	}
	// Not due yet: nothing more is drawn.
	m.Set(5, 10)
	if strings.Count(b.String(), "\r") != 1 {
		t.Fatalf("redrew within 100 ms: %q", b.String())
	}
	// The last step is always drawn, and a shorter line blanks the rest.
	m.Set(10, 10)
	if !strings.HasSuffix(strings.TrimRight(b.String(), " "), "\rComparing sites  10/10  100%") || !strings.HasSuffix(b.String(), strings.Repeat(" ", 13)) {
		t.Fatalf("last draw %q", b.String())
	}
	m.Done()
	last := b.String()[strings.LastIndex(b.String()[:len(b.String())-1], "\r"):]
	if strings.TrimSpace(last) != "" || !strings.HasSuffix(last, "\r") {
		t.Fatalf("Done left %q", last)
	}
}

func TestMeterOffWritesNothing(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, false, "Building", 3, words())
	m.Set(1, 3)
	m.Add(2)
	m.Done()
	var nilMeter *Meter
	nilMeter.Set(1, 2)
	nilMeter.Done()
	if b.Len() != 0 {
		t.Fatalf("an off meter wrote %q", b.String())
	}
}

func TestMeterUnknownTotal(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, true, "Reading", 0, words())
	m.Add(3)
	if got := b.String(); got != "\rReading  3" {
		t.Fatalf("drew %q", got)
	}
}
