// Package progress shows how far long work has gone on a terminal: one
// line on standard error, redrawn in place, that says what is being done,
// how far it is, and about how long is left.
//
//	Comparing sites  412/1000  41%  about 8 s left
//
// A Meter that is off (standard error is not a terminal, or the user
// asked for quiet) does nothing, so callers use one unconditionally.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Words are a meter's words in the user's language.
type Words struct {
	// Left says how long is left: Left(d) is "about 8 s left".
	Left func(d time.Duration) string
}

// Meter draws one progress line.
type Meter struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	what  string
	words Words
	total int
	done  int
	start time.Time
	drawn time.Time
	width int // of the line last drawn, to blank it
	now   func() time.Time
	// every is how often the line is redrawn at most.
	every time.Duration
}

// New returns a meter for work of total steps described by what. It
// draws on w only when on; total 0 is work of unknown size.
func New(w io.Writer, on bool, what string, total int, words Words) *Meter {
	m := &Meter{w: w, on: on && w != nil, what: what, words: words, total: total, now: time.Now, every: 100 * time.Millisecond}
	m.start = m.now()
	return m
}

// Set records that done steps of total are finished, and redraws the
// line when it is due. total may change as the work learns its size.
func (m *Meter) Set(done, total int) {
	if m == nil || !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done, m.total = done, total
	// The line is drawn when it is due, at the end, and whenever it is
	// not on the screen (after Done, when the caller printed lines).
	if t := m.now(); done >= total || m.width == 0 || t.Sub(m.drawn) >= m.every {
		m.drawn = t
		m.draw(t)
	}
}

// Add records n more steps finished.
func (m *Meter) Add(n int) {
	if m == nil || !m.on {
		return
	}
	m.mu.Lock()
	done, total := m.done+n, m.total
	m.mu.Unlock()
	m.Set(done, total)
}

// Say replaces the line with what, work of unknown size that follows
// (writing the files once the sites are read, say).
func (m *Meter) Say(what string) {
	if m == nil || !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.what, m.done, m.total = what, 0, 0
	m.drawn = m.now()
	m.draw(m.drawn)
}

// Done blanks the line, leaving the terminal as it was. Call it before
// printing anything else; the next Set draws the line again below.
func (m *Meter) Done() {
	if m == nil || !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.width > 0 {
		fmt.Fprint(m.w, "\r"+strings.Repeat(" ", m.width)+"\r")
		m.width = 0
	}
}

// Line is the text the meter draws at time t.
func (m *Meter) line(t time.Time) string {
	s := m.what
	if m.total > 0 {
		pct := 100 * m.done / m.total
		s += fmt.Sprintf("  %d/%d  %d%%", m.done, m.total, pct)
		if left, ok := m.left(t); ok && m.words.Left != nil {
			s += "  " + m.words.Left(left)
		}
	} else if m.done > 0 {
		s += fmt.Sprintf("  %d", m.done)
	}
	return s
}

// left is how long is left at the pace so far, once there is a pace to
// go by (a step done and a second gone).
func (m *Meter) left(t time.Time) (time.Duration, bool) {
	gone := t.Sub(m.start)
	if m.done == 0 || m.done >= m.total || gone < time.Second {
		return 0, false
	}
	per := gone / time.Duration(m.done)
	return (per * time.Duration(m.total-m.done)).Round(time.Second), true
}

func (m *Meter) draw(t time.Time) {
	s := m.line(t)
	n := utf8.RuneCountInString(s)
	pad := ""
	if n < m.width {
		pad = strings.Repeat(" ", m.width-n)
	}
	fmt.Fprint(m.w, "\r"+s+pad)
	m.width = n
}
