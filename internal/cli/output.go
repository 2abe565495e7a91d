package cli

import (
	"bufio"
	"encoding/json"
	"github.com/engage-toolkit/engage/internal/progress"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"io"
	"time"
)

// buffered runs write with w behind a buffer and then flushes it, so that
// a listing is a few writes to the terminal or pipe rather than one per
// line or, through a tabwriter, one per cell (1,000 sites were 17,000
// writes). It returns write's error, else the flush's.
func buffered(w io.Writer, write func(w io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	err := write(bw)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// writeJSON writes v as indented JSON, the form every --json listing
// takes: one value and a newline. The data is kept whole, with what a
// terminal would act on (escape sequences, bidi controls in a site's
// name) escaped, since a listing is often read on one.
func writeJSON(w io.Writer, v any) error {
	js, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(textsafe.EscapeJSON(js), '\n'))
	return err
}

// meter shows the progress of long work (what, of total steps) on
// standard error when it is a terminal and --quiet is not given.
func (g *globals) meter(what string, total int) *progress.Meter {
	on := !g.quiet && g.io.ErrIsTerminal != nil && g.io.ErrIsTerminal()
	l := g.l
	return progress.New(g.io.Err, on, what, total, progress.Words{Left: func(d time.Duration) string {
		if d < time.Minute {
			return l.N("cli.progress.left_seconds", int(d/time.Second))
		}
		return l.N("cli.progress.left_minutes", int((d+30*time.Second)/time.Minute))
	}})
}
