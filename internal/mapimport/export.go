package mapimport

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Values are a partnership's cells as an export writes them, in l, in the
// order of [Fields]: what is not known is an empty cell, so that the list
// reads back ([Prepare]) as the same partnerships.
func Values(l *i18n.Lang, site workbook.Site, q *questionnaire.Questionnaire, p workbook.Partnership) []string {
	dir := ""
	if p.Directorate != "" {
		dir = p.Directorate // a directorate the site no longer lists
		for _, d := range site.Directorates {
			if d.ID == p.Directorate {
				dir = d.Name
				if q != nil {
					dir = q.DirectorateName(d.ID, d.Name, l.Code())
				}
			}
		}
	}
	community := ""
	if ids, ok := communityIDs[p.Community]; ok {
		community = l.T(ids[0])
	}
	sectors := make([]string, 0, len(p.Partners))
	for _, s := range sortedSectors(p.Partners) {
		sectors = append(sectors, l.T(sectorIDs[s][0]))
	}
	year := ""
	if p.StartYear != 0 {
		year = strconv.Itoa(p.StartYear)
	}
	ongoing := ""
	switch {
	case p.OngoingUnknown:
	case p.Ongoing:
		ongoing = l.T(yesIDs[0])
	default:
		ongoing = l.T(noIDs[0])
	}
	return []string{p.Title, dir, p.Area, community, strings.Join(sectors, ", "), year, ongoing, p.Notes}
}

// Headings are the export's column headings in l.
func Headings(l *i18n.Lang) []string {
	out := make([]string, len(Fields))
	for i, f := range Fields {
		out[i] = f.Heading(l)
	}
	return out
}

// WriteCSV writes the partnerships as a CSV list in l: UTF-8 with a byte
// order mark and CRLF line ends, as Excel reads them, cells separated by
// semicolons where l writes decimals with a comma (as Excel does there)
// and by commas elsewhere. A text that a spreadsheet would take for a
// formula gets a quote in front (OWASP, CSV injection).
func WriteCSV(w io.Writer, l *i18n.Lang, site workbook.Site, q *questionnaire.Questionnaire, ps []workbook.Partnership) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if l.Decimal() == "," {
		cw.Comma = ';'
	}
	if err := cw.Write(Headings(l)); err != nil {
		return err
	}
	for _, p := range ps {
		rec := Values(l, site, q, p)
		for i, v := range rec {
			if v != "" && strings.IndexByte(formulaStart, v[0]) >= 0 {
				rec[i] = "'" + v
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the partnerships as an xlsx workbook in l: one sheet,
// the headings in bold and frozen, every cell a text but the start year, a
// number.
func WriteXLSX(w io.Writer, l *i18n.Lang, site workbook.Site, q *questionnaire.Questionnaire, ps []workbook.Partnership) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := l.T("mapimport.export.sheet")
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := []float64{48, 30, 22, 24, 36, 10, 10, 60}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(Fields))
	for i, h := range Headings(l) {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for n, p := range ps {
		vals := Values(l, site, q, p)
		row := make([]any, len(vals))
		for i, v := range vals {
			cell := excelize.Cell{StyleID: wrap, Value: v}
			if Fields[i] == FieldStartYear && p.StartYear != 0 {
				cell.Value = p.StartYear
			}
			row[i] = cell
		}
		ref, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
