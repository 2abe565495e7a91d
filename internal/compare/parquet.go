package compare

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// The Parquet files of a comparison (engage compare --parquet DIR).
const (
	ParquetAnswers  = "answers.parquet"
	ParquetSummary  = "summary.parquet"
	ParquetCodebook = "codebook.parquet"
)

// ParquetFile is one of a comparison's Parquet files being written: the
// rows and columns of the matching CSV, each column typed as the codebook
// says (text and categories as strings, integers as INT64, numbers as
// DOUBLE, logical as BOOLEAN, dates as DATE, times as TIMESTAMP in UTC),
// an empty CSV cell a null. Text is never neutralised as in the CSVs
// ([textCell]): Parquet has no formulas.
type ParquetFile struct {
	cols []CSVColumn
	typ  reflect.Type
	w    *parquet.Writer
	row  reflect.Value
	rec  []string
	n    int
}

// parquetTypes maps the codebook's column types to Go types and Parquet
// struct tags: every column is optional, so that a missing value is null.
var parquetTypes = map[string]struct {
	t   reflect.Type
	tag string
}{
	TypeText:     {reflect.TypeFor[*string](), "optional"},
	TypeCategory: {reflect.TypeFor[*string](), "optional"},
	TypeInteger:  {reflect.TypeFor[*int64](), "optional"},
	TypeNumber:   {reflect.TypeFor[*float64](), "optional"},
	TypeLogical:  {reflect.TypeFor[*bool](), "optional"},
	TypeDate:     {reflect.TypeFor[*time.Time](), "date"},
	TypeDateTime: {reflect.TypeFor[*time.Time](), "timestamp(millisecond)"},
}

// newParquetFile writes a file of cols to w. The schema is a struct made
// from the columns, so that the file keeps their order.
func newParquetFile(w io.Writer, name string, cols []CSVColumn) (*ParquetFile, error) {
	fields := make([]reflect.StructField, len(cols))
	for i, c := range cols {
		pt, ok := parquetTypes[c.Type]
		if !ok {
			return nil, fmt.Errorf("compare: column %s has no Parquet type for %q", c.Name, c.Type)
		}
		fields[i] = reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: pt.t,
			Tag:  reflect.StructTag(`parquet:"` + c.Name + `,` + pt.tag + `"`),
		}
	}
	typ := reflect.StructOf(fields)
	schema := parquet.SchemaOf(reflect.New(typ).Interface())
	pw := parquet.NewWriter(w, schema, parquet.Compression(&parquet.Zstd),
		parquet.CreatedBy("Engage", "", ""), parquet.KeyValueMetadata("engage.file", name))
	return &ParquetFile{cols: cols, typ: typ, w: pw, row: reflect.New(typ), rec: make([]string, len(cols))}, nil
}

// NewParquetAnswers starts answers.parquet: add rows with AddResponse.
func NewParquetAnswers(w io.Writer) (*ParquetFile, error) {
	return newParquetFile(w, ParquetAnswers, ResponsesColumns())
}

// AddResponse adds one answer: [Options].Responses.
func (pf *ParquetFile) AddResponse(r *Row) error {
	ResponseRecord(r, pf.rec)
	return pf.add(pf.rec)
}

// add writes one row given as the CSV's text.
func (pf *ParquetFile) add(rec []string) error {
	v := pf.row.Elem()
	for i, s := range rec {
		f := v.Field(i)
		if s == "" {
			f.SetZero()
			continue
		}
		switch pf.cols[i].Type {
		case TypeInteger:
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return fmt.Errorf("compare: %s %q: %w", pf.cols[i].Name, s, err)
			}
			f.Set(reflect.ValueOf(&n))
		case TypeNumber:
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return fmt.Errorf("compare: %s %q: %w", pf.cols[i].Name, s, err)
			}
			f.Set(reflect.ValueOf(&x))
		case TypeLogical:
			b := s == csvTrue
			f.Set(reflect.ValueOf(&b))
		case TypeDate, TypeDateTime:
			layout := time.DateOnly
			if pf.cols[i].Type == TypeDateTime {
				layout = time.RFC3339
			}
			t, err := time.Parse(layout, s)
			if err != nil {
				// A date engage did not write (an imported record's
				// odd value) is kept out rather than guessed at.
				f.SetZero()
				continue
			}
			t = t.UTC()
			f.Set(reflect.ValueOf(&t))
		default:
			str := s
			f.Set(reflect.ValueOf(&str))
		}
	}
	pf.n++
	return pf.w.Write(pf.row.Interface())
}

// Rows is the number of rows written.
func (pf *ParquetFile) Rows() int { return pf.n }

// Close finishes the file (its footer); w is not closed.
func (pf *ParquetFile) Close() error { return pf.w.Close() }

// WriteParquetSummary writes summary.parquet of c to w and returns the
// number of rows.
func WriteParquetSummary(w io.Writer, c *Comparison) (int, error) {
	pf, err := newParquetFile(w, ParquetSummary, SummaryColumns())
	if err != nil {
		return 0, err
	}
	if err := SummaryRecords(c, pf.add); err != nil {
		return pf.n, err
	}
	return pf.n, pf.Close()
}

// WriteParquetCodebook writes codebook.parquet of c (the meanings in l's
// language) to w and returns the number of rows: the codebook CSV's
// columns, reversed and verification as logical.
func WriteParquetCodebook(w io.Writer, c *Comparison, files []string, l *i18n.Lang) (int, error) {
	var pf *ParquetFile
	err := codebookRows(c, files, l, false, func(rec []string) error {
		if pf == nil {
			cols := make([]CSVColumn, len(rec))
			for i, name := range rec {
				cols[i] = CSVColumn{Name: name, Type: TypeText}
				if name == "reversed" || name == "verification" {
					cols[i].Type = TypeLogical
				}
			}
			var err error
			pf, err = newParquetFile(w, ParquetCodebook, cols)
			return err
		}
		return pf.add(rec)
	})
	if err != nil {
		return 0, err
	}
	return pf.n, pf.Close()
}

// DuckDBSummaryCheck is the DuckDB query (run in the folder of the
// Parquet files of an unsuppressed comparison) that works out each
// group's key-issue mean and number of statements from answers.parquet
// alone, as engage's summary has them (the mean of the statement means,
// over statements that 3 or more scored), and counts the summary rows
// that differ. The README gives it to researchers; a test runs it.
const DuckDBSummaryCheck = `WITH scored AS (
  SELECT site, assessment, key_issue, statement, scored,
         CASE "group" WHEN 'insider' THEN 'insiders' ELSE 'outsiders' END AS grp
  FROM 'answers.parquet' WHERE scored IS NOT NULL),
items AS (
  SELECT site, assessment, key_issue, grp, statement, avg(scored) AS m FROM scored GROUP BY ALL HAVING count(*) >= 3
  UNION ALL
  SELECT site, assessment, key_issue, 'all', statement, avg(scored) FROM scored GROUP BY ALL HAVING count(*) >= 3),
mine AS (SELECT site, assessment, key_issue, grp, avg(m) AS mean, count(*) AS items FROM items GROUP BY ALL)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE abs(s.mean - mine.mean) > 0.00005 OR s.items <> mine.items) AS differ
FROM 'summary.parquet' s JOIN mine USING (site, assessment, key_issue)
WHERE s."group" = mine.grp AND NOT s.suppressed`
