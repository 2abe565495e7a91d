package warehouse

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// siteRows is what one site puts in the warehouse: its rows of each
// table, typed as the columns say, and the hash of them all.
type siteRows struct {
	site compare.Site
	// sites is the site's row of engage_sites up to data_as_of; the
	// columns after it are set when it is written.
	sites       []any
	assessments [][]any
	answers     [][]any
	summary     [][]any
	// statements are the rows of the questionnaires the site's
	// assessments used, shared with the other sites that used them.
	statements [][]any
	// hash is the SHA-256 of every row above (engage_sites' content_sha256).
	hash string
	// leftOut, withheld and small say what the answers hold of small
	// groups, as [compare.RowsWritten] does, over every assessment.
	leftOut, withheld int
	small             []SmallGroups
}

// sitesHashed is how many columns of engage_sites the content hash
// covers: every one up to data_as_of.
var sitesHashed = slices.Index(table(TableSites).ColumnNames(), "data_as_of") + 1

// gatherSite reads site s from svc through compare.Gather, the one way
// the CSVs get their rows, so the warehouse holds the same rows and
// figures as the long CSV and the summary CSV of the site, with the same
// rule for small groups. The texts taken from the questionnaire (the
// key issues' titles) are in the site's own language, so that a site's
// rows depend on the store alone, not on who pushes them.
func gatherSite(svc *workbook.Service, site workbook.Site, opts Options) (*siteRows, error) {
	id := site.ID
	out := &siteRows{}
	answers := table(TableAnswers)
	answerAt := positions(answers, compare.ResponsesHeader)
	rec := make([]string, len(compare.ResponsesHeader))
	sel := compare.Options{Sites: []string{id}, Lang: site.Language, Unsuppressed: opts.Unsuppressed,
		Responses: func(r *compare.Row) error {
			compare.ResponseRecord(r, rec)
			row, err := typed(answers, answerAt, id, rec)
			if err != nil {
				return err
			}
			out.answers = append(out.answers, row)
			return nil
		}}
	c, err := compare.Gather(svc, sel)
	if err != nil {
		return nil, err
	}
	s := c.Sites[0]
	out.site = s
	summary := table(TableSummary)
	summaryAt := positions(summary, compare.SummaryHeader)
	err = compare.SummaryRecords(c, func(rec []string) error {
		row, err := typed(summary, summaryAt, s.ID, rec)
		if err == nil {
			out.summary = append(out.summary, row)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for ai := range s.Assessments {
		a := &s.Assessments[ai]
		row, err := assessmentRow(&s, a, ai == len(s.Assessments)-1)
		if err != nil {
			return nil, err
		}
		out.assessments = append(out.assessments, row)
		out.leftOut += compare.People(a.Rows.LeftOut)
		out.withheld += a.Rows.Withheld
		if len(a.Rows.Small) > 0 {
			out.small = append(out.small, SmallGroups{Title: a.Title, Started: a.Started, Cells: a.Rows.Small})
		}
		if q := a.Questionnaire; !seen[q.Hash] {
			seen[q.Hash] = true
			out.statements = append(out.statements, statementRows(q)...)
		}
	}
	out.sites = []any{s.ID, s.Slug, text(s.Name), text(s.Organisation), text(s.Area), text(s.Language),
		len(out.assessments), len(out.answers), len(out.summary), opts.Unsuppressed, c.AsOf.UTC()}
	if len(out.sites) != sitesHashed {
		panic(fmt.Sprintf("warehouse: engage_sites row has %d hashed columns, want %d", len(out.sites), sitesHashed))
	}
	out.hash = out.contentHash()
	return out, nil
}

// positions returns, for each column of t after site_id, its index in a
// CSV record with header.
func positions(t Table, header []string) []int {
	at := make([]int, len(t.Columns)-1)
	for i, c := range t.Columns[1:] {
		at[i] = slices.Index(header, c.Name)
		if at[i] < 0 {
			panic("warehouse: the CSV has no column " + c.Name)
		}
	}
	return at
}

// typed returns the row of t for a CSV record: site id, then each column
// typed as t says, read from rec[at[i]]. An empty cell is NULL.
func typed(t Table, at []int, siteID string, rec []string) ([]any, error) {
	row := make([]any, len(t.Columns))
	row[0] = siteID
	for i, c := range t.Columns[1:] {
		v, err := value(c.Type, rec[at[i]])
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
		}
		row[i+1] = v
	}
	return row, nil
}

// value is a CSV cell as a value of a column of the codebook's type typ:
// nil for an empty cell, else a string, an int, a float64, a bool or a
// time.Time.
func value(typ, v string) (any, error) {
	if v == "" {
		return nil, nil
	}
	switch typ {
	case compare.TypeInteger:
		return strconv.Atoi(v)
	case compare.TypeNumber:
		return strconv.ParseFloat(v, 64)
	case compare.TypeLogical:
		switch v {
		case "TRUE":
			return true, nil
		case "FALSE":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not TRUE or FALSE", v)
	case compare.TypeDate:
		return time.Parse(time.DateOnly, v)
	case compare.TypeDateTime:
		return time.Parse(time.RFC3339, v)
	}
	return v, nil
}

// text is s, or nil (NULL) when it is empty, as an empty CSV cell is.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// assessmentRow is a's row of engage_assessments.
func assessmentRow(s *compare.Site, a *compare.Assessment, current bool) ([]any, error) {
	started, err := value(compare.TypeDate, a.Started)
	if err != nil {
		return nil, fmt.Errorf("%s.assessment_started: %w", TableAssessments, err)
	}
	completed, err := value(compare.TypeDate, a.Completed)
	if err != nil {
		return nil, fmt.Errorf("%s.completed: %w", TableAssessments, err)
	}
	q := a.Questionnaire
	return []any{s.ID, s.Slug, text(s.Name), a.ID, text(a.Title), started, completed, current,
		text(a.Partnership), q.ID, text(q.Version), q.Hash, q.Scale.Points,
		a.Insiders, a.Outsiders, a.Rows.Respondents, compare.People(a.Rows.LeftOut), a.Rows.Withheld}, nil
}

// statementRows are q's rows of engage_statements: each statement in
// each of q's languages, in workbook order.
func statementRows(q *questionnaire.Questionnaire) [][]any {
	nums := q.Numbering()
	var rows [][]any
	for _, lang := range q.Languages {
		for _, ki := range q.KeyIssues {
			for _, st := range ki.Statements {
				rows = append(rows, []any{q.Hash, q.ID, text(q.Version), lang, ki.ID, text(ki.Title.In(lang)),
					st.ID, text(nums.Number(st.ID)), st.Reverse, st.Verify, text(st.Text.In(lang))})
			}
		}
	}
	return rows
}

// contentHash is the SHA-256 of the site's rows: of engage_sites up to
// data_as_of (so it covers --unsuppressed), of its assessments, answers
// and summary, and of the schema version they are written in. Two pushes
// of the same state of a site give the same hash; any change to a row
// gives another. The statements are a function of the questionnaire
// hashes the assessments hold, so they are covered too.
func (s *siteRows) contentHash() string {
	h := rowHasher{h: sha256.New()}
	h.row("schema", []any{SchemaVersion})
	h.row(TableSites, s.sites)
	for _, t := range []struct {
		name string
		rows [][]any
	}{{TableAssessments, s.assessments}, {TableAnswers, s.answers}, {TableSummary, s.summary}} {
		for _, r := range t.rows {
			h.row(t.name, r)
		}
	}
	return hex.EncodeToString(h.h.Sum(nil))
}

// rowHasher feeds rows to a hash, each value tagged with its type and
// length-prefixed, so no two different rows feed the same bytes.
type rowHasher struct {
	h   hash.Hash
	buf []byte
}

func (r *rowHasher) row(table string, vals []any) {
	b := r.buf[:0]
	b = appendString(append(b, 'R'), table)
	b = binary.AppendUvarint(b, uint64(len(vals)))
	for _, v := range vals {
		switch v := v.(type) {
		case nil:
			b = append(b, 'n')
		case string:
			b = appendString(append(b, 's'), v)
		case int:
			b = binary.AppendVarint(append(b, 'i'), int64(v))
		case float64:
			b = binary.BigEndian.AppendUint64(append(b, 'f'), math.Float64bits(v))
		case bool:
			if v {
				b = append(b, 't')
			} else {
				b = append(b, 'F')
			}
		case time.Time:
			b = appendString(append(b, 'd'), v.UTC().Format(time.RFC3339Nano))
		default:
			panic(fmt.Sprintf("warehouse: cannot hash a %T", v))
		}
	}
	r.h.Write(b)
	r.buf = b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
