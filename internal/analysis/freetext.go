package analysis

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// Free text: notes, findings and comments.
//
// A facilitator's notes and findings, and participants' comments, are
// printed in the report as written. They may name a person, or point at a
// group too small to hide in ("the senior staff said" where there are
// two), which the attribution rule cannot protect. [TextWatch] finds both,
// so that the workbook and `engage report` can warn; nothing is changed or
// withheld.

// roleWords are the words, in English and Italian, that point at a role
// level: the reports' labels and the usual ways of saying them, in lower
// case.
var roleWords = map[workbook.Role][]string{
	workbook.RoleSenior: {"senior staff", "senior manager", "senior managers", "senior management",
		"senior officer", "senior officers", "senior leader", "senior leaders", "dirigente", "dirigenti"},
	workbook.RoleMiddle: {"middle manager", "middle managers", "middle management",
		"responsabile intermedio", "responsabili intermedi"},
	workbook.RoleFrontLine: {"front-line staff", "frontline staff", "front line staff", "front-line worker",
		"front-line workers", "frontline worker", "frontline workers", "operatore", "operatori", "operatrice", "operatrici"},
	workbook.RoleCommunity: {"community member", "community members", "cittadini e associazioni"},
	// Not "partner" alone: a partnership's texts use it of every partner,
	// and a warning on every action would teach people to ignore them.
	workbook.RolePartner: {"partner organisation", "partner organisations", "partner organization",
		"partner organizations", "organizzazione partner", "organizzazioni partner", "ente partner", "enti partner"},
}

// groupWords are the words, in English and Italian, that point at a group.
var groupWords = map[workbook.Group][]string{
	workbook.Insider:  {"insider", "insiders", "interni"},
	workbook.Outsider: {"outsider", "outsiders", "esterni"},
}

// RoleWords returns the words that point at a role level, in lower case.
func RoleWords(r workbook.Role) []string { return slices.Clone(roleWords[r]) }

// TextWarning is one thing found in a free text.
type TextWarning struct {
	// Found is the name or the words found, as the watch lists them.
	Found string
	// Name says Found is a participant's name; otherwise it points at a
	// group (Role "") or role level of People people, fewer than
	// MinRespondents.
	Name   bool
	Group  workbook.Group
	Role   workbook.Role
	People int
}

// String says what was found, for a status line or a terminal.
func (w TextWarning) String() string {
	if w.Name {
		return fmt.Sprintf("names %q, a participant", w.Found)
	}
	who := string(w.Group) + "s"
	if w.Role != "" {
		who = string(w.Role) + " " + who
	}
	return fmt.Sprintf("%q points at a group of %d (%s)", w.Found, w.People, who)
}

// watchItem is one name or phrase looked for.
type watchItem struct {
	words string // lower case, single spaces
	warn  TextWarning
	// of is the full name a part of a name belongs to ("" for a full
	// name or other words): a part is not reported beside its full name.
	of string
}

// TextWatch finds participants' names and words pointing at small groups
// in free text. Build it with [NewTextWatch].
type TextWatch struct {
	items []watchItem
}

// NewTextWatch watches for the names of people (the whole name, and each
// part of it of three or more letters) and for the words of every group
// and role level that has one or two of them. Matching is case-insensitive
// and by whole words; runs of spaces and line breaks count as one space.
func NewTextWatch(people []workbook.Participant) TextWatch { return newTextWatch(people, people) }

// newTextWatch watches for the names of named and for the words of every
// group and role level that has one or two people in any of counted (the
// first list that has it gives the count).
func newTextWatch(named []workbook.Participant, counted ...[]workbook.Participant) TextWatch {
	var w TextWatch
	seen := map[string]bool{}
	add := func(words string, warn TextWarning, of string) {
		words = normalise(words)
		if words == "" || seen[words] {
			return
		}
		seen[words] = true
		warn.Found = strings.TrimSpace(warn.Found)
		w.items = append(w.items, watchItem{words: words, warn: warn, of: normalise(of)})
	}
	for _, p := range named {
		name := strings.Join(strings.Fields(p.Name), " ")
		if name == "" {
			continue
		}
		add(name, TextWarning{Found: name, Name: true}, "")
		if parts := strings.Fields(name); len(parts) > 1 {
			for _, part := range parts {
				if len([]rune(strings.Trim(part, ".'’-"))) >= 3 {
					add(part, TextWarning{Found: part, Name: true}, name)
				}
			}
		}
	}
	for _, people := range counted {
		groups := map[workbook.Group]int{}
		for _, c := range CountCells(people) {
			groups[c.Group] += c.People
			if c.People < MinRespondents {
				for _, words := range roleWords[c.Role] {
					add(words, TextWarning{Found: words, Group: c.Group, Role: c.Role, People: c.People}, "")
				}
			}
		}
		for _, g := range workbook.Groups {
			if n := groups[g]; n > 0 && n < MinRespondents {
				for _, words := range groupWords[g] {
					add(words, TextWarning{Found: words, Group: g, People: n}, "")
				}
			}
		}
	}
	return w
}

// Check returns what text contains of the watch, in the watch's order:
// names first, then role levels, then groups. A part of a name is not
// reported when the whole name is.
func (w TextWatch) Check(text string) []TextWarning {
	if len(w.items) == 0 || strings.TrimSpace(text) == "" {
		return nil
	}
	t := normalise(text)
	var out []TextWarning
	whole := map[string]bool{}
	for _, it := range w.items {
		if (it.of == "" || !whole[it.of]) && containsWords(t, it.words) {
			out = append(out, it.warn)
			if it.warn.Name && it.of == "" {
				whole[it.words] = true
			}
		}
	}
	return out
}

// Summary joins the warnings of one text into one line, "" when there are
// none.
func Summary(ws []TextWarning) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = w.String()
	}
	return strings.Join(s, "; ")
}

// normalise lower-cases s and turns each run of white space into one
// space.
func normalise(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// containsWords reports whether words occurs in t with no letter or digit
// right before or after it.
func containsWords(t, words string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], words)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(words)
		if !wordRune(lastRune(t[:i])) && !wordRune(firstRune(t[end:])) {
			return true
		}
		from = i + 1
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// PlacedWarning is what was found in one free text of an assessment, and
// where.
type PlacedWarning struct {
	// Where names the text in English: "notes on statement 1.2", "a
	// comment on statement 1.2", "verification notes on key issue 2",
	// `finding "Meetings are…" (barrier, statement 4.6)`, `action
	// "Invite…"`. Place, Number, Excerpt and Kind say the same for an
	// output that names it in another language.
	Where string
	// Place is the kind of text.
	Place Place
	// Number is the statement's number ("1.2") for notes, a comment or a
	// finding on a statement, the key issue's ("2") for verification
	// notes or a finding on a key issue, "" otherwise.
	Number string
	// Excerpt is the first words of a finding or an action.
	Excerpt string
	// Kind is a finding's kind.
	Kind workbook.FindingKind
	// StatementID, KeyIssueID and FindingID say what the text is about,
	// "" where it is not.
	StatementID, KeyIssueID, FindingID string
	Warnings                           []TextWarning
}

// Place is the kind of free text a warning is about.
type Place string

// The places of a [PlacedWarning].
const (
	PlaceStatementNotes Place = "statement_notes"
	PlaceComment        Place = "comment"
	PlaceIssueNotes     Place = "issue_notes"
	PlaceFinding        Place = "finding"
	PlaceAction         Place = "action"
)

// String is the warning as one line: where, then what was found.
func (p PlacedWarning) String() string { return p.Where + ": " + Summary(p.Warnings) }

// FreeTextWarnings checks every free text of an assessment (statement and
// verification notes, comments, findings, the action plan) against a
// [TextWatch] of its participants, in workbook order: notes and comments
// statement by statement, then the findings and the plan in the order
// given. Statements are numbered as in the workbook, "2.3" for the third
// statement of key issue 2. A group or role level is small when it has one
// or two people among those who took part (answered or commented: the
// counts a report's cover shows) or among everyone added.
func FreeTextWarnings(d *workbook.AssessmentData) []PlacedWarning {
	byID := map[string]workbook.Participant{}
	for _, p := range d.Participants {
		byID[p.ID] = p
	}
	seen := map[string]bool{}
	var took []workbook.Participant
	for _, r := range d.Responses {
		if p, ok := byID[r.ParticipantID]; ok && !seen[p.ID] && (r.Answered() || r.Comment != "") {
			seen[p.ID] = true
			took = append(took, p)
		}
	}
	w := newTextWatch(d.Participants, took, d.Participants)
	if len(w.items) == 0 || d.Questionnaire == nil {
		return nil
	}
	number := map[string]string{}
	issue := map[string]int{}
	for i, ki := range d.Questionnaire.KeyIssues {
		issue[ki.ID] = i + 1
		for j, st := range ki.Statements {
			if _, dup := number[st.ID]; !dup {
				number[st.ID] = fmt.Sprintf("%d.%d", i+1, j+1)
			}
		}
	}
	num := func(id string) string {
		if n, ok := number[id]; ok {
			return n
		}
		return id
	}
	stmt := func(id string) string { return "statement " + num(id) }
	var out []PlacedWarning
	add := func(p PlacedWarning, text string) {
		if p.Warnings = w.Check(text); len(p.Warnings) > 0 {
			out = append(out, p)
		}
	}
	notes := map[string]string{}
	for _, n := range d.StatementNotes {
		notes[n.StatementID] = n.Notes
	}
	comments := map[string][]string{}
	for _, r := range d.Responses {
		if strings.TrimSpace(r.Comment) != "" {
			comments[r.StatementID] = append(comments[r.StatementID], r.Comment)
		}
	}
	issueNotes := map[string]string{}
	for _, n := range d.IssueNotes {
		issueNotes[n.KeyIssueID] = n.Notes
	}
	for _, ki := range d.Questionnaire.KeyIssues {
		for _, st := range ki.Statements {
			add(PlacedWarning{Where: "notes on " + stmt(st.ID), Place: PlaceStatementNotes, Number: num(st.ID),
				StatementID: st.ID, KeyIssueID: ki.ID}, notes[st.ID])
			for _, c := range comments[st.ID] {
				add(PlacedWarning{Where: "a comment on " + stmt(st.ID), Place: PlaceComment, Number: num(st.ID),
					StatementID: st.ID, KeyIssueID: ki.ID}, c)
			}
		}
		add(PlacedWarning{Where: fmt.Sprintf("verification notes on key issue %d", issue[ki.ID]), Place: PlaceIssueNotes,
			Number: strconv.Itoa(issue[ki.ID]), KeyIssueID: ki.ID}, issueNotes[ki.ID])
	}
	for _, f := range d.Findings {
		about, n := string(f.Kind), ""
		switch {
		case f.StatementID != "":
			about, n = about+", "+stmt(f.StatementID), num(f.StatementID)
		case f.KeyIssueID != "":
			about, n = about+fmt.Sprintf(", key issue %d", issue[f.KeyIssueID]), strconv.Itoa(issue[f.KeyIssueID])
		}
		add(PlacedWarning{Where: fmt.Sprintf("finding %q (%s)", excerpt(f.Text), about), Place: PlaceFinding, Number: n,
			Excerpt: excerpt(f.Text), Kind: f.Kind, StatementID: f.StatementID, KeyIssueID: f.KeyIssueID, FindingID: f.ID}, f.Text)
	}
	for _, iv := range d.Interventions {
		// The owner is who answers for the action, and a reviewer who
		// looked at it: naming them is the point of the plan. The notes
		// of its reviews are checked with the action.
		text := iv.Action
		for _, rv := range iv.Reviews {
			text += "\n" + rv.Note
		}
		add(PlacedWarning{Where: fmt.Sprintf("action %q", excerpt(iv.Action)), Place: PlaceAction, Excerpt: excerpt(iv.Action),
			KeyIssueID: iv.KeyIssueID}, text)
	}
	return out
}

// excerpt is the first words of a text, on one line, for naming it.
func excerpt(s string) string {
	const most = 40
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= most {
		return s
	}
	cut := string(r[:most])
	if i := strings.LastIndex(cut, " "); i > most/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
