package compare

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The endings of the files that go beside the long CSV FILE.csv
// ([Beside]): FILE-summary.csv, FILE-actions.csv and FILE-codebook.csv.
const (
	SuffixSummary  = "-summary.csv"
	SuffixActions  = "-actions.csv"
	SuffixCodebook = "-codebook.csv"
)

// Beside is FILE+suffix beside FILE.csv (or beside FILE, for a name that
// does not end in .csv): where the summary, actions and codebook CSVs go
// by default.
func Beside(csv, suffix string) string {
	ext := filepath.Ext(csv)
	if !strings.EqualFold(ext, ".csv") {
		ext = ""
	}
	return strings.TrimSuffix(csv, ext) + suffix
}

// Files are the files [WriteFiles] writes; an empty path is not written.
type Files struct {
	// Report is the comparison report, which Render draws (a PDF, or the
	// HTML edition). The report package draws it and imports this one,
	// so the caller passes it in (report.Compare).
	Report string
	Render func(w io.Writer, c *Comparison) (Rendered, error)
	// CSV is the long CSV ([ResponseWriter]), Summary the summary CSV
	// ([WriteSummary]).
	CSV, Summary string
	// Codebook describes the columns of the CSVs written and the
	// statements of the questionnaires compared ([WriteCodebook]).
	Codebook string
	// XLSX is the spreadsheet of the summary, the answers and the
	// codebook ([Workbook]).
	XLSX string
	// Parquet is a folder for answers.parquet, summary.parquet and
	// codebook.parquet (made if missing).
	Parquet string
	// Private writes the CSV files readable by the owner only (0600), as
	// for an unsuppressed long CSV.
	Private bool
	// Actions is the actions CSV ([WriteActions]); Owners puts
	// the owners' and reviewers' names in it, and writes it readable by
	// the owner only.
	Actions string
	Owners  bool
	// Stdout takes the file whose path is "-"; it is written as the
	// comparison is made, so a failure leaves part of it there.
	Stdout io.Writer
}

// Rendered is what drawing the comparison report made: its pages, and the
// markers put in for characters its fonts lack.
type Rendered struct {
	Pages, Markers int
}

// Written says what [WriteFiles] wrote.
type Written struct {
	Comparison   *Comparison
	Pages        int
	Markers      int
	Responses    int
	SummaryRows  int
	CodebookRows int
	// XLSXAnswers is the number of answers in the spreadsheet.
	XLSXAnswers int
	// ParquetRows are the rows of answers, summary and codebook.parquet.
	ParquetRows [3]int
	// ActionRows is the number of rows of the actions CSV.
	ActionRows int
}

// WriteFiles gathers the comparison of the sites sel names and writes the
// files out names in one pass over the store: the long CSV streams as each
// site is read. The files are one [atomicfile.Group]: each is written to a
// temporary file beside it and renamed into place only when every file is
// complete, so a failure leaves every path as it was. l is the language of
// the codebook, the spreadsheet and the messages; the CLI and the
// interactive workbook both write through it.
func WriteFiles(svc *workbook.Service, sel Options, out Files, l *i18n.Lang) (Written, error) {
	var res Written
	if out.Report != "" && out.Render == nil {
		return res, errors.New("compare: a report to write and nothing to draw it")
	}
	// The files are one group: all finished before any is renamed.
	var group atomicfile.Group
	defer group.Abort()
	var files []*pending
	csvMode := os.FileMode(0o644)
	if out.Private {
		csvMode = 0o600
	}
	open := func(path string, mode os.FileMode) (*pending, error) {
		if path == "-" && out.Stdout != nil {
			f := newStdoutPending(l, out.Stdout)
			files = append(files, f)
			return f, nil
		}
		f, err := newPending(l, &group, path, mode)
		if err == nil {
			files = append(files, f)
		}
		return f, err
	}
	var rw *ResponseWriter
	if out.CSV != "" {
		f, err := open(out.CSV, csvMode)
		if err != nil {
			return res, err
		}
		if rw, err = NewResponseWriter(f.w); err != nil {
			return res, f.fail(err)
		}
		sel.Responses = rw.Write
	}
	var wb *Workbook
	if out.XLSX != "" {
		var err error
		if wb, err = NewWorkbook(); err != nil {
			return res, err
		}
		defer wb.Close()
		if csvRows := sel.Responses; csvRows != nil {
			sel.Responses = func(r *Row) error {
				if err := csvRows(r); err != nil {
					return err
				}
				return wb.AddResponse(r)
			}
		} else {
			sel.Responses = wb.AddResponse
		}
	}
	var pq *ParquetFile
	if out.Parquet != "" {
		if err := os.MkdirAll(out.Parquet, 0o755); err != nil {
			return res, err
		}
		f, err := open(filepath.Join(out.Parquet, ParquetAnswers), csvMode)
		if err != nil {
			return res, err
		}
		if pq, err = NewParquetAnswers(f.w); err != nil {
			return res, f.fail(err)
		}
		if before := sel.Responses; before != nil {
			sel.Responses = func(r *Row) error {
				if err := before(r); err != nil {
					return err
				}
				return pq.AddResponse(r)
			}
		} else {
			sel.Responses = pq.AddResponse
		}
	}
	c, err := Gather(svc, sel)
	if err != nil {
		if rw != nil {
			return res, files[0].fail(err)
		}
		return res, err
	}
	res.Comparison = c
	if rw != nil {
		if err := rw.Flush(); err != nil {
			return res, files[0].fail(err)
		}
		res.Responses = rw.Rows()
	}
	if out.Summary != "" {
		f, err := open(out.Summary, csvMode)
		if err != nil {
			return res, err
		}
		if res.SummaryRows, err = WriteSummary(f.w, c); err != nil {
			return res, f.fail(err)
		}
	}
	if out.Actions != "" {
		mode := csvMode
		if out.Owners {
			mode = 0o600
		}
		f, err := open(out.Actions, mode)
		if err != nil {
			return res, err
		}
		if res.ActionRows, err = WriteActions(f.w, c, out.Owners); err != nil {
			return res, f.fail(err)
		}
	}
	if out.Codebook != "" {
		var files []string
		if out.CSV != "" {
			files = append(files, FileResponses)
		}
		if out.Summary != "" {
			files = append(files, FileSummary)
		}
		if out.Actions != "" {
			files = append(files, FileActions)
		}
		f, err := open(out.Codebook, 0o644)
		if err != nil {
			return res, err
		}
		if res.CodebookRows, err = WriteCodebook(f.w, c, files, l); err != nil {
			return res, f.fail(err)
		}
	}
	if pq != nil {
		if err := pq.Close(); err != nil {
			return res, err
		}
		res.ParquetRows[0] = pq.Rows()
		f, err := open(filepath.Join(out.Parquet, ParquetSummary), csvMode)
		if err != nil {
			return res, err
		}
		if res.ParquetRows[1], err = WriteParquetSummary(f.w, c); err != nil {
			return res, f.fail(err)
		}
		if f, err = open(filepath.Join(out.Parquet, ParquetCodebook), 0o644); err != nil {
			return res, err
		}
		if res.ParquetRows[2], err = WriteParquetCodebook(f.w, c, []string{FileResponses, FileSummary}, l); err != nil {
			return res, f.fail(err)
		}
	}
	if wb != nil {
		f, err := open(out.XLSX, csvMode)
		if err != nil {
			return res, err
		}
		if err := wb.Finish(f.w, c, l); err != nil {
			return res, f.fail(err)
		}
		res.XLSXAnswers = wb.Answers()
	}
	if out.Report != "" {
		f, err := open(out.Report, 0o644)
		if err != nil {
			return res, err
		}
		r, err := out.Render(f.w, c)
		if err != nil {
			return res, f.fail(err)
		}
		res.Pages, res.Markers = r.Pages, r.Markers
	}
	for _, f := range files {
		if err := f.flush(); err != nil {
			return res, err
		}
	}
	return res, group.Commit()
}

// pending is an output file being written: buffered, with its write
// errors marked so that they are told apart from a failure to read the
// store, and put in place with the rest of its group.
type pending struct {
	l   *i18n.Lang
	f   *atomicfile.File
	buf *bufio.Writer
	w   io.Writer
}

func newPending(l *i18n.Lang, g *atomicfile.Group, path string, mode os.FileMode) (*pending, error) {
	f, err := g.Create(path, mode)
	if err != nil {
		return nil, err
	}
	p := &pending{l: l, f: f, buf: bufio.NewWriterSize(f, 64<<10)}
	p.w = &markedWriter{p.buf}
	return p, nil
}

// newStdoutPending is an output written straight to w (standard output):
// there is nothing to put in place or remove.
func newStdoutPending(l *i18n.Lang, w io.Writer) *pending {
	p := &pending{l: l, buf: bufio.NewWriterSize(w, 64<<10)}
	p.w = &markedWriter{p.buf}
	return p
}

// name is the file's name, for messages.
func (p *pending) name() string {
	if p.f == nil {
		return p.l.T("cli.stdout.name")
	}
	return p.f.Path()
}

// fail says which file could not be written when err is a write error,
// and returns err itself otherwise (a failure to read the store).
func (p *pending) fail(err error) error {
	var we *writeError
	if errors.As(err, &we) {
		return fmt.Errorf("%s: %w", p.l.T("cli.cannot_write", "Path", p.name()), atomicfile.Cause(we.err))
	}
	return err
}

// flush writes out what is buffered; the group syncs and renames.
func (p *pending) flush() error {
	if err := p.buf.Flush(); err != nil {
		return fmt.Errorf("%s: %w", p.l.T("cli.cannot_write", "Path", p.name()), atomicfile.Cause(err))
	}
	return nil
}

// writeError is an error writing an output file, told apart from a
// failure to read the store.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// markedWriter wraps its errors in writeError.
type markedWriter struct{ w io.Writer }

func (m *markedWriter) Write(b []byte) (int, error) {
	n, err := m.w.Write(b)
	if err != nil {
		err = &writeError{err}
	}
	return n, err
}
