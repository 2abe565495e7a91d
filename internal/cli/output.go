package cli

import (
	"bufio"
	"io"
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
