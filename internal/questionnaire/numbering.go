package questionnaire

import (
	"fmt"
	"strconv"
	"strings"
)

// Place is where a statement stands in its questionnaire. Its [Place.Number]
// is the one name every output gives the statement.
type Place struct {
	Issue     int // its key issue, from 0
	Pos       int // its place in the key issue, from 0
	Order     int // its place in the whole workbook, from 0
	Statement Statement
}

// Number is the statement's number: the key issue's number, a dot, and
// the statement's place in the key issue, both from 1. "4.6" is the sixth
// statement of the fourth key issue.
func (p Place) Number() string {
	return strconv.Itoa(p.Issue+1) + "." + strconv.Itoa(p.Pos+1)
}

// Numbering places every statement of a questionnaire: built once with
// [Questionnaire.Numbering], it answers by statement id and by number.
// The zero Numbering knows no statement.
type Numbering struct {
	byID     map[string]Place
	byNumber map[string]string // "4.6" -> statement id
	issues   []int             // statements under each key issue
}

// Numbering returns the numbering of q's statements.
func (q *Questionnaire) Numbering() Numbering {
	n := Numbering{byID: map[string]Place{}, byNumber: map[string]string{}, issues: make([]int, len(q.KeyIssues))}
	order := 0
	for k, ki := range q.KeyIssues {
		n.issues[k] = len(ki.Statements)
		for j, st := range ki.Statements {
			p := Place{Issue: k, Pos: j, Order: order, Statement: st}
			order++
			if _, dup := n.byID[st.ID]; dup {
				continue // a valid questionnaire has none; the first one counts
			}
			n.byID[st.ID] = p
			n.byNumber[p.Number()] = st.ID
		}
	}
	return n
}

// Number returns the number of the statement with id, or "" when q has
// no such statement. Callers that name many statements build a
// [Numbering] once instead.
func (q *Questionnaire) Number(id string) string { return q.Numbering().Number(id) }

// Len is the number of statements numbered.
func (n Numbering) Len() int { return len(n.byID) }

// Place returns where the statement with id stands.
func (n Numbering) Place(id string) (Place, bool) {
	p, ok := n.byID[id]
	return p, ok
}

// Number returns the number of the statement with id ("4.6"), or "" for
// an id the questionnaire does not have.
func (n Numbering) Number(id string) string {
	p, ok := n.byID[id]
	if !ok {
		return ""
	}
	return p.Number()
}

// Lookup returns the id of the statement numbered s: "4.6", also written
// with a comma ("4,6", as Italian writes decimals) or with spaces around.
// A statement id is accepted as itself. The error says what was typed
// and what would be valid.
func (n Numbering) Lookup(s string) (string, error) {
	v := strings.TrimSpace(s)
	if _, ok := n.byID[v]; ok {
		return v, nil
	}
	num := strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), ",", ".")
	if id, ok := n.byNumber[num]; ok {
		return id, nil
	}
	return "", &NumberError{Input: s, issues: n.issues}
}

// NumberError is returned by [Numbering.Lookup] when the text names no
// statement.
type NumberError struct {
	Input  string
	issues []int
}

func (e *NumberError) Error() string {
	r := e.Ranges()
	if r == "" {
		return fmt.Sprintf("no statement %q: the questionnaire has none", strings.TrimSpace(e.Input))
	}
	return fmt.Sprintf("no statement %q (the statements are %s)", strings.TrimSpace(e.Input), r)
}

// Ranges lists the numbers the questionnaire has, key issue by key
// issue, for a person who typed a wrong one: "1.1-1.10, 2.1-2.10, 3.1".
// It is empty when there are no statements.
func (e *NumberError) Ranges() string {
	var ranges []string
	for k, c := range e.issues {
		switch c {
		case 0:
		case 1:
			ranges = append(ranges, fmt.Sprintf("%d.1", k+1))
		default:
			ranges = append(ranges, fmt.Sprintf("%d.1-%d.%d", k+1, k+1, c))
		}
	}
	return strings.Join(ranges, ", ")
}
