package compare

import (
	"encoding/csv"
	"io"
	"slices"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Column types as the codebook names them: what R's readr, pandas and a
// spreadsheet should read a column as.
const (
	TypeText     = "text"
	TypeInteger  = "integer"
	TypeNumber   = "number"
	TypeLogical  = "logical"
	TypeDate     = "date"     // YYYY-MM-DD
	TypeDateTime = "datetime" // RFC 3339, UTC
	TypeCategory = "category" // one of the allowed values
)

// CSVColumn is one column of a CSV as the codebook describes it.
type CSVColumn struct {
	Name string
	Type string
	// Allowed lists the values a category column may hold (a range for
	// a score); empty for free values.
	Allowed string
	// meaning is the catalogue message id of what the column means.
	meaning string
}

// Meaning is what the column means, in l's language.
// The rule's figures come from analysis, where they are set.
func (c CSVColumn) Meaning(l *i18n.Lang) string {
	return l.T(c.meaning, "Min", analysis.MinRespondents, "Threshold", l.Num(analysis.GapThreshold, 1))
}

// The files of a comparison the codebook describes, as it names them.
// [FileActions] is the actions CSV's.
const (
	FileResponses = "responses"
	FileSummary   = "summary"
)

var logical = "TRUE, FALSE"

// assessmentColumns are the columns both CSVs start with.
func assessmentColumns() []CSVColumn {
	return []CSVColumn{
		{"site", TypeText, "", "codebook.col.site"},
		{"site_name", TypeText, "", "codebook.col.site_name"},
		{"assessment", TypeText, "", "codebook.col.assessment"},
		{"assessment_title", TypeText, "", "codebook.col.assessment_title"},
		{"assessment_started", TypeDate, "", "codebook.col.assessment_started"},
	}
}

// ResponsesColumns describes the long CSV's columns, in the order of
// [ResponsesHeader].
func ResponsesColumns() []CSVColumn {
	cols := append(assessmentColumns(),
		CSVColumn{"partnership", TypeText, "", "codebook.col.partnership"},
		CSVColumn{"questionnaire", TypeText, "", "codebook.col.questionnaire"},
		CSVColumn{"questionnaire_version", TypeText, "", "codebook.col.questionnaire_version"},
		CSVColumn{"respondent", TypeInteger, "", "codebook.responses.respondent"},
		CSVColumn{"group", TypeCategory, "insider, outsider", "codebook.responses.group"},
		CSVColumn{"role_level", TypeCategory, roleLevels(), "codebook.responses.role_level"},
		CSVColumn{"key_issue", TypeText, "", "codebook.col.key_issue"},
		CSVColumn{"statement", TypeText, "", "codebook.responses.statement"},
		CSVColumn{"reversed", TypeLogical, logical, "codebook.responses.reversed"},
		CSVColumn{"score", TypeInteger, "", "codebook.responses.score"},
		CSVColumn{"scored", TypeInteger, "", "codebook.responses.scored"},
		CSVColumn{"dont_know", TypeLogical, logical, "codebook.responses.dont_know"},
		CSVColumn{"time", TypeDateTime, "", "codebook.responses.time"},
		CSVColumn{"score_withheld", TypeLogical, logical, "codebook.responses.score_withheld"},
	)
	return cols
}

// SummaryColumns describes the summary CSV's columns, in the order of
// [SummaryHeader].
func SummaryColumns() []CSVColumn {
	bands := string(analysis.BandBarrier) + ", " + string(analysis.BandImprove) + ", " + string(analysis.BandGood)
	return append(assessmentColumns(),
		CSVColumn{"current", TypeLogical, logical, "codebook.summary.current"},
		CSVColumn{"partnership", TypeText, "", "codebook.col.partnership"},
		CSVColumn{"questionnaire", TypeText, "", "codebook.col.questionnaire"},
		CSVColumn{"questionnaire_version", TypeText, "", "codebook.col.questionnaire_version"},
		CSVColumn{"key_issue", TypeText, "", "codebook.col.key_issue"},
		CSVColumn{"key_issue_title", TypeText, "", "codebook.summary.key_issue_title"},
		CSVColumn{"compared", TypeLogical, logical, "codebook.summary.compared"},
		CSVColumn{"group", TypeCategory, "all, insiders, outsiders", "codebook.summary.group"},
		CSVColumn{"n", TypeInteger, "", "codebook.summary.n"},
		CSVColumn{"items", TypeInteger, "", "codebook.summary.items"},
		CSVColumn{"mean", TypeNumber, "", "codebook.summary.mean"},
		CSVColumn{"sd", TypeNumber, "", "codebook.summary.sd"},
		CSVColumn{"min_item_mean", TypeNumber, "", "codebook.summary.min_item_mean"},
		CSVColumn{"max_item_mean", TypeNumber, "", "codebook.summary.max_item_mean"},
		CSVColumn{"band", TypeCategory, bands, "codebook.summary.band"},
		CSVColumn{"suppressed", TypeLogical, logical, "codebook.summary.suppressed"},
		CSVColumn{"suppressed_why", TypeCategory, "fewer-than-3, reveals-small-group", "codebook.summary.suppressed_why"},
		CSVColumn{"gap", TypeNumber, "", "codebook.summary.gap"},
		CSVColumn{"gap_kind", TypeCategory, gapKinds(), "codebook.summary.gap_kind"},
		CSVColumn{"gap_statements", TypeInteger, "", "codebook.summary.gap_statements"},
		CSVColumn{"gap_insiders_mean", TypeNumber, "", "codebook.summary.gap_insiders_mean"},
		CSVColumn{"gap_insiders_n", TypeInteger, "", "codebook.summary.gap_insiders_n"},
		CSVColumn{"gap_outsiders_mean", TypeNumber, "", "codebook.summary.gap_outsiders_mean"},
		CSVColumn{"gap_outsiders_n", TypeInteger, "", "codebook.summary.gap_outsiders_n"},
		CSVColumn{"completed", TypeDate, "", "codebook.summary.completed"},
		CSVColumn{"round", TypeInteger, "", "codebook.summary.round"},
	)
}

// gapKinds are the gap_kind values, as the summary writes them.
func gapKinds() string {
	return "none, " + string(analysis.GapBlindSpot) + ", " + string(analysis.GapUnrecognisedStrength)
}

// roleLevels are the role_level values: a level, or levels merged with
// "+" ([Row].Level).
func roleLevels() string {
	s := ""
	for i, r := range workbook.Roles {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s + " (" + mergedNote + ")"
}

// mergedNote says how merged levels are written, in the codebook's own
// words (values are never translated).
const mergedNote = "levels of fewer than 3 merged with +, e.g. senior+middle"

// CodebookHeader is the codebook's header row before the statements'
// texts, one text_LANG column per language of the questionnaires.
var CodebookHeader = []string{
	"entry", "file", "name", "type", "allowed", "meaning",
	"questionnaire", "questionnaire_version", "key_issue", "key_issue_title", "number", "reversed", "verification",
}

// WriteCodebook writes the codebook of a comparison's CSVs: one "column"
// row for each column of the files given (FileResponses, FileSummary)
// with its type, allowed values and meaning in l's language, then one
// "statement" row for each statement of each questionnaire the sites
// used, with its key issue, its number in the workbook, whether it is
// reversed and in the outsiders' verification set, and its text in every
// language the questionnaires have (text_en, text_it, ...). name is the
// column's name, or the statement's id as the long CSV's statement column
// holds it. It returns the number of rows written, not counting the
// header.
func WriteCodebook(w io.Writer, c *Comparison, files []string, l *i18n.Lang) (int, error) {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	n := -1
	err := codebookRows(c, files, l, true, func(rec []string) error {
		n++
		return cw.Write(rec)
	})
	if err != nil {
		return max(n, 0), err
	}
	cw.Flush()
	return n, cw.Error()
}

// codebookRows passes the codebook's header and then each of its rows to
// fn, the text cells neutralised ([textCell]) when neutral (for a CSV).
// rec is reused between calls.
func codebookRows(c *Comparison, files []string, l *i18n.Lang, neutral bool, fn func(rec []string) error) error {
	qs := questionnairesOf(c)
	var langs []string
	for _, q := range qs {
		for _, lang := range q.Languages {
			if !slices.Contains(langs, lang) {
				langs = append(langs, lang)
			}
		}
	}
	slices.Sort(langs)
	header := slices.Clone(CodebookHeader)
	for _, lang := range langs {
		header = append(header, "text_"+lang)
	}
	if err := fn(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for _, file := range files {
		var cols []CSVColumn
		switch file {
		case FileResponses:
			cols = ResponsesColumns()
		case FileSummary:
			cols = SummaryColumns()
		case FileActions:
			cols = ActionsColumns()
		}
		for _, col := range cols {
			clear(rec)
			rec[0], rec[1], rec[2], rec[3], rec[4], rec[5] = "column", file, col.Name, col.Type, col.Allowed, col.Meaning(l)
			if err := fn(rec); err != nil {
				return err
			}
		}
	}
	lang := l.Code()
	for _, q := range qs {
		nums := q.Numbering()
		for _, ki := range q.KeyIssues {
			for _, st := range ki.Statements {
				clear(rec)
				rec[0], rec[2] = "statement", st.ID
				rec[6], rec[7] = q.ID, q.Version
				rec[8], rec[9] = ki.ID, ki.Title.In(lang)
				if p, ok := nums.Place(st.ID); ok {
					rec[10] = p.Number()
				}
				rec[11], rec[12] = boolCell(st.Reverse), boolCell(st.Verify)
				for i, tl := range langs {
					if slices.Contains(q.Languages, tl) {
						rec[len(CodebookHeader)+i] = st.Text.In(tl)
					}
				}
				if neutral {
					neutralise(rec, codebookText)
					for i := len(CodebookHeader); i < len(rec); i++ {
						rec[i] = textCell(rec[i])
					}
				}
				if err := fn(rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// codebookText are the codebook's columns that hold text from data
// (questionnaire ids, titles): see [textCell]. The statements' texts,
// after them, are neutralised too.
var codebookText = textColumns(CodebookHeader, "name", "questionnaire", "questionnaire_version", "key_issue", "key_issue_title")

// questionnairesOf lists the questionnaires of a comparison's assessments,
// each once, in the order first met.
func questionnairesOf(c *Comparison) []*questionnaire.Questionnaire {
	var qs []*questionnaire.Questionnaire
	seen := map[string]bool{}
	for si := range c.Sites {
		for ai := range c.Sites[si].Assessments {
			q := c.Sites[si].Assessments[ai].Questionnaire
			if q != nil && !seen[q.Hash] {
				seen[q.Hash] = true
				qs = append(qs, q)
			}
		}
	}
	return qs
}
