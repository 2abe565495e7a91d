package compare

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// The sheets of the comparison's spreadsheet, in order.
const (
	SheetSummary  = "summary"
	SheetAnswers  = "answers"
	SheetCodebook = "codebook"
)

// maxSheetRows is how many rows a sheet holds in Excel (and LibreOffice):
// 1,048,576, the header included. The answers of a national programme
// continue on "answers 2", "answers 3", ...
const maxSheetRows = 1 << 20

// Workbook is the comparison as one spreadsheet (.xlsx): the summary, the
// answers and the codebook as sheets, the same rows and columns as the
// CSVs, with each cell typed as the codebook says (numbers as numbers,
// TRUE/FALSE as logical), so that Excel and LibreOffice open it with the
// accented text intact and nothing to choose. Text is never neutralised
// as in the CSVs ([textCell]): a spreadsheet's text cell is never a
// formula. Add the answers as the comparison is gathered
// ([Options].Responses = wb.AddResponse), then [Workbook.Finish].
//
// Rows stream to temporary files (excelize's StreamWriter), so memory
// stays flat with the number of answers.
type Workbook struct {
	f        *excelize.File
	bold     int
	answers  *excelize.StreamWriter
	sheets   int // answers sheets so far
	row      int // the last row written on the current answers sheet
	n        int
	rec      []string
	vals     []any
	respCols []CSVColumn
}

// NewWorkbook starts a spreadsheet with its answers sheet.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	wb := &Workbook{f: f, rec: make([]string, len(ResponsesHeader)), respCols: ResponsesColumns()}
	var err error
	if wb.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return nil, err
	}
	// The summary is the sheet a reader opens first.
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, err
	}
	if err := wb.nextAnswers(); err != nil {
		return nil, err
	}
	return wb, nil
}

// nextAnswers starts the next answers sheet with its header.
func (wb *Workbook) nextAnswers() error {
	if wb.answers != nil {
		if err := wb.answers.Flush(); err != nil {
			return err
		}
	}
	wb.sheets++
	name := SheetAnswers
	if wb.sheets > 1 {
		name = SheetAnswers + " " + strconv.Itoa(wb.sheets)
	}
	if _, err := wb.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := header(sw, ResponsesHeader, wb.bold); err != nil {
		return err
	}
	wb.answers, wb.row = sw, 1
	return nil
}

// header writes a sheet's header row in bold, frozen above the rows.
func header(sw *excelize.StreamWriter, names []string, bold int) error {
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = excelize.Cell{StyleID: bold, Value: n}
	}
	return sw.SetRow("A1", vals)
}

// AddResponse adds one row of the answers: [Options].Responses.
func (wb *Workbook) AddResponse(r *Row) error {
	if wb.row == maxSheetRows {
		if err := wb.nextAnswers(); err != nil {
			return err
		}
	}
	ResponseRecord(r, wb.rec)
	wb.vals = typedRow(wb.vals[:0], wb.rec, wb.respCols)
	wb.row++
	wb.n++
	cell, _ := excelize.CoordinatesToCellName(1, wb.row)
	return wb.answers.SetRow(cell, wb.vals)
}

// Answers is the number of answer rows added.
func (wb *Workbook) Answers() int { return wb.n }

// Finish writes the summary and the codebook sheets of c (the codebook's
// meanings in l's language) and the whole workbook to w.
func (wb *Workbook) Finish(w io.Writer, c *Comparison, l *i18n.Lang) error {
	if err := wb.answers.Flush(); err != nil {
		return err
	}
	sum, err := wb.f.NewStreamWriter(SheetSummary)
	if err != nil {
		return err
	}
	if err := header(sum, SummaryHeader, wb.bold); err != nil {
		return err
	}
	cols := SummaryColumns()
	row := 1
	var vals []any
	err = SummaryRecords(c, func(rec []string) error {
		vals = typedRow(vals[:0], rec, cols)
		row++
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sum.SetRow(cell, vals)
	})
	if err != nil {
		return err
	}
	if err := sum.Flush(); err != nil {
		return err
	}
	if _, err := wb.f.NewSheet(SheetCodebook); err != nil {
		return err
	}
	book, err := wb.f.NewStreamWriter(SheetCodebook)
	if err != nil {
		return err
	}
	row = 0
	err = codebookRows(c, []string{FileResponses, FileSummary}, l, false, func(rec []string) error {
		row++
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if row == 1 {
			return header(book, rec, wb.bold)
		}
		vals = vals[:0]
		for i, v := range rec {
			switch {
			case v != "" && (CodebookHeader[min(i, len(CodebookHeader)-1)] == "reversed" || CodebookHeader[min(i, len(CodebookHeader)-1)] == "verification") && i < len(CodebookHeader):
				vals = append(vals, v == csvTrue)
			default:
				vals = append(vals, textOrNil(v))
			}
		}
		return book.SetRow(cell, vals)
	})
	if err != nil {
		return err
	}
	if err := book.Flush(); err != nil {
		return err
	}
	wb.f.SetActiveSheet(0)
	if _, err := wb.f.WriteTo(w); err != nil {
		return err
	}
	return wb.f.Close()
}

// Close removes the workbook's temporary files when it is abandoned.
func (wb *Workbook) Close() error { return wb.f.Close() }

// typedRow turns a CSV record into cells typed as the codebook's columns
// say: an empty cell stays empty.
func typedRow(vals []any, rec []string, cols []CSVColumn) []any {
	for i, v := range rec {
		if v == "" {
			vals = append(vals, nil)
			continue
		}
		switch cols[i].Type {
		case TypeInteger:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				vals = append(vals, n)
				continue
			}
		case TypeNumber:
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				vals = append(vals, f)
				continue
			}
		case TypeLogical:
			vals = append(vals, v == csvTrue)
			continue
		}
		vals = append(vals, v)
	}
	return vals
}

func textOrNil(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// ResponseRecord fills rec (len(ResponsesHeader)) with the long CSV's
// row for r, as text and before [textCell]: the one statement of what
// each column holds, which the CSV writer encodes and the spreadsheet
// types.
func ResponseRecord(r *Row, rec []string) {
	rec[0], rec[1], rec[2], rec[3], rec[4] = r.Site, r.SiteName, r.Assessment, r.AssessmentTitle, r.Started
	rec[5], rec[6], rec[7] = r.Partnership, r.Questionnaire, r.QuestionnaireVersion
	rec[8], rec[9], rec[10] = strconv.Itoa(r.Respondent), string(r.Group), r.Level
	rec[11], rec[12], rec[13] = r.KeyIssue, r.Statement, boolCell(r.Reverse)
	rec[14], rec[15] = "", ""
	if !r.DontKnow && !r.Withheld {
		rec[14], rec[15] = strconv.Itoa(r.Score), strconv.Itoa(r.Scored())
	}
	rec[16] = boolCell(r.DontKnow)
	rec[17] = r.At.UTC().Format(time.RFC3339)
	rec[18] = boolCell(r.Withheld)
}

// checkRecord guards ResponseRecord's indexes against the header.
var _ = func() struct{} {
	if len(ResponsesHeader) != 19 {
		panic(fmt.Sprintf("compare: ResponseRecord fills 19 columns, the header has %d", len(ResponsesHeader)))
	}
	return struct{}{}
}()
