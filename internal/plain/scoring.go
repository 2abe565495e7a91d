package plain

import (
	"errors"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// scoring is one participant going through the statements their group
// scores, in order: step 3 for an insider, step 4 for an outsider. A
// statement is read when it is reached; each prompt says where you are.
type scoring struct {
	siteID, aid string
	group       workbook.Group
	pid         string
	n           int // the participant's number in the group
	l           *i18n.Lang
	lang        string
	q           *questionnaire.Questionnaire
	person      workbook.Participant
	statements  []questionnaire.Statement
	numbers     questionnaire.Numbering
	issueOf     map[string]questionnaire.KeyIssue
	answers     map[string]workbook.Response // the participant's, by statement id
	notes       map[string]workbook.StatementNote
	issueNotes  map[string]workbook.IssueNote
	watch       analysis.TextWatch
	cur         int
	loaded      bool
}

func newScoring(siteID, aid string, g workbook.Group, pid string, n int) *scoring {
	return &scoring{siteID: siteID, aid: aid, group: g, pid: pid, n: n}
}

// statementsOf lists the statements group g scores: every one for
// insiders, the verification set for outsiders.
func statementsOf(q *questionnaire.Questionnaire, g workbook.Group) []questionnaire.Statement {
	if g == workbook.Outsider {
		return q.VerificationStatements()
	}
	return q.Statements()
}

func (sc *scoring) speaks() *i18n.Lang { return sc.l }
func (sc *scoring) title() string {
	return sc.l.T("plain.score.title", "Number", sc.number(sc.cur))
}

func (sc *scoring) load(s *session) error {
	d, l, err := loadAssessment(s, sc.siteID, sc.aid)
	sc.l = l
	if err != nil {
		return err
	}
	sc.q, sc.lang = d.Questionnaire, d.Assessment.Language
	sc.statements = statementsOf(sc.q, sc.group)
	sc.numbers = sc.q.Numbering()
	sc.issueOf = map[string]questionnaire.KeyIssue{}
	for _, ki := range sc.q.KeyIssues {
		for _, st := range ki.Statements {
			sc.issueOf[st.ID] = ki
		}
	}
	found := false
	for _, p := range d.Participants {
		if p.ID == sc.pid {
			sc.person, found = p, true
		}
	}
	if !found {
		return &workbook.NotFoundError{Kind: "participant", Ref: sc.pid}
	}
	if len(sc.statements) == 0 {
		return errors.New(l.T("plain.score.no_statements"))
	}
	sc.answers = map[string]workbook.Response{}
	for _, r := range d.Responses {
		if r.ParticipantID == sc.pid {
			sc.answers[r.StatementID] = r
		}
	}
	sc.notes = map[string]workbook.StatementNote{}
	for _, n := range d.StatementNotes {
		sc.notes[n.StatementID] = n
	}
	sc.issueNotes = map[string]workbook.IssueNote{}
	for _, n := range d.IssueNotes {
		sc.issueNotes[n.KeyIssueID] = n
	}
	sc.watch = analysis.NewTextWatch(d.Participants)
	if !sc.loaded {
		// A person comes back where they stopped: at their first
		// statement not answered.
		sc.loaded = true
		if i, ok := sc.unanswered(-1); ok {
			sc.cur = i
		}
	}
	return nil
}

func (sc *scoring) number(i int) string { return sc.numbers.Number(sc.statements[i].ID) }
func (sc *scoring) statement() questionnaire.Statement {
	return sc.statements[sc.cur]
}
func (sc *scoring) name() string { return personName(sc.l, sc.person, sc.n) }

// stepName names the step: the workbook dialogue or verification.
func (sc *scoring) stepName() string {
	if sc.group == workbook.Outsider {
		return stepName(sc.l, workbook.StepVerify)
	}
	return stepName(sc.l, workbook.StepWorkbook)
}

// show reads the statement: where it is, its words, and the answer it has.
func (sc *scoring) show(s *session) {
	l, st := sc.l, sc.statement()
	ki := sc.issueOf[st.ID]
	id := "plain.score.heading"
	if sc.group == workbook.Outsider {
		id = "plain.score.heading_verification"
	}
	s.say(l.T(id, "Number", sc.number(sc.cur), "Place", sc.cur+1, "Total", len(sc.statements), "Issue", text(ki.Title.In(sc.lang))))
	words := text(st.Text.In(sc.lang))
	if st.Reverse {
		words += " " + l.T("plain.score.reversed")
	}
	s.say(words)
	if r, ok := sc.answers[st.ID]; ok {
		if r.Answered() {
			s.say(l.T("plain.score.answer_now", "Answer", answerWord(l, sc.q, sc.lang, r)))
		}
		if c := text(r.Comment); c != "" {
			s.say(l.T("plain.score.comment_now", "Comment", c))
		}
	}
}

func (sc *scoring) prompt() string {
	return sc.l.T("plain.score.prompt", "Step", sc.stepName(), "Number", sc.number(sc.cur), "Place", sc.cur+1, "Total", len(sc.statements),
		"Name", sc.name(), "Group", groupWords.in(sc.l, sc.group), "Points", sc.q.Scale.Points)
}

func (sc *scoring) commands() []command {
	l := sc.l
	notes := l.T("plain.score.cmd_notes")
	if sc.group == workbook.Outsider {
		notes = l.T("plain.score.cmd_issue_note")
	}
	return []command{
		{l.T("plain.score.cmd_score_keys", "Points", sc.q.Scale.Points), l.T("plain.score.cmd_score")},
		{"d", text(sc.q.Scale.DontKnow.In(sc.lang))},
		{"x", l.T("plain.score.cmd_clear")},
		{"s", l.T("plain.score.cmd_skip")},
		{"p", l.T("plain.score.cmd_previous")},
		{l.T("plain.score.cmd_jump_keys"), l.T("plain.score.cmd_jump")},
		{"u", l.T("plain.score.cmd_unanswered")},
		{l.T("plain.score.cmd_comment_keys"), l.T("plain.score.cmd_comment")},
		{l.T("plain.score.cmd_notes_keys"), notes},
		{"h", l.T("plain.score.cmd_help")},
		{"k", l.T("plain.score.cmd_scale")},
	}
}

func (sc *scoring) answer(s *session, line string) {
	l := sc.l
	cmd, rest := word(line)
	if n, err := strconv.Atoi(line); err == nil {
		sc.record(s, n, false)
		return
	}
	switch {
	case line == "d":
		sc.record(s, 0, true)
	case line == "x":
		sc.record(s, 0, false)
	case line == "s":
		sc.move(s, sc.cur+1)
	case line == "p":
		sc.move(s, sc.cur-1)
	case line == "u":
		if i, ok := sc.unanswered(sc.cur); ok {
			sc.move(s, i)
		} else {
			s.say(l.T("plain.score.all_answered", "Name", sc.name()))
		}
	case cmd == "j" && rest == "":
		s.say(l.T("plain.score.jump_how", "Example", sc.number(len(sc.statements)-1), "Last", len(sc.statements)))
	case cmd == "j":
		sc.jump(s, rest)
	case line == "h":
		if h := text(sc.statement().Help.In(sc.lang)); h != "" {
			s.say(h)
		} else {
			s.say(l.T("plain.score.no_help"))
		}
	case line == "k":
		for i, lab := range sc.q.Scale.Labels {
			s.say(l.T("plain.score_label", "Score", i+1, "Label", text(lab.In(sc.lang))) + ".")
		}
		s.say(l.T("plain.score.scale_dont_know", "DontKnow", text(sc.q.Scale.DontKnow.In(sc.lang))))
	case cmd == "c" && rest == "":
		s.push(sc.commentForm())
	case cmd == "c":
		sc.comment(s, rest)
	case cmd == "n" && rest == "":
		s.push(sc.notesForm())
	case cmd == "n":
		sc.addNote(s, rest)
	default:
		s.unknown(l, line)
	}
}

// record saves the participant's answer to the statement (a score,
// don't know, or neither to clear it), keeping the comment; saved, it
// goes on to the next statement.
func (sc *scoring) record(s *session, score int, dk bool) {
	l, st := sc.l, sc.statement()
	old := sc.answers[st.ID]
	in := workbook.ResponseInput{SiteID: sc.siteID, AssessmentID: sc.aid, ParticipantID: sc.pid, StatementID: st.ID,
		Score: score, DontKnow: dk, Comment: old.Comment}
	var saved workbook.Response
	ok := s.change(l, func(c *workbook.Change) (err error) {
		saved, err = c.RecordResponse(in)
		return err
	}, func() string {
		if !saved.Answered() {
			return l.T("plain.score.cleared", "Name", sc.name(), "Number", sc.number(sc.cur))
		}
		return l.T("plain.score.scored", "Name", sc.name(), "Number", sc.number(sc.cur), "Answer", answerWord(l, sc.q, sc.lang, saved))
	})
	if !ok {
		return
	}
	sc.answers[st.ID] = saved
	if !saved.Answered() {
		return // a cleared answer stays where it is, to be given again
	}
	if sc.cur == len(sc.statements)-1 {
		sc.sayEnd(s)
		return
	}
	sc.move(s, sc.cur+1)
}

// sayEnd follows the answer to the last statement: whether anything is
// still unanswered.
func (sc *scoring) sayEnd(s *session) {
	done := 0
	for _, st := range sc.statements {
		if sc.answers[st.ID].Answered() {
			done++
		}
	}
	if i, ok := sc.unanswered(-1); ok {
		s.say(sc.l.T("plain.score.end_lacking", "Name", sc.name(), "Done", done, "Total", len(sc.statements), "Number", sc.number(i)))
		return
	}
	s.say(sc.l.T("plain.score.end_complete", "Name", sc.name(), "Total", len(sc.statements)))
}

// unanswered is the first statement after from (wrapping) the
// participant has not answered.
func (sc *scoring) unanswered(from int) (int, bool) {
	n := len(sc.statements)
	for step := 1; step <= n; step++ {
		i := ((from+step)%n + n) % n
		if !sc.answers[sc.statements[i].ID].Answered() {
			return i, true
		}
	}
	return 0, false
}

// move goes to statement i and reads it; before the first or past the
// last it says so and stays.
func (sc *scoring) move(s *session, i int) {
	switch {
	case i < 0:
		s.say(sc.l.T("plain.score.at_first"))
		return
	case i >= len(sc.statements):
		s.say(sc.l.T("plain.score.at_last"))
		return
	}
	sc.cur = i
	sc.show(s)
}

// jump goes to the statement v names: its number ("4.6"), its place in
// the list ("36") or its id.
func (sc *scoring) jump(s *session, v string) {
	l := sc.l
	last := len(sc.statements)
	if n, err := strconv.Atoi(v); err == nil {
		if n < 1 || n > last {
			s.say(l.T("plain.score.no_place", "Typed", quoteTyped(l, v), "Last", last))
			return
		}
		sc.move(s, n-1)
		return
	}
	id, err := sc.numbers.Lookup(v)
	if err != nil {
		var ne *questionnaire.NumberError
		if errors.As(err, &ne) {
			s.say(l.T("plain.score.no_number", "Typed", quoteTyped(l, v), "Ranges", ne.Ranges(), "Last", last))
		} else {
			s.say(errText(err))
		}
		return
	}
	for i, st := range sc.statements {
		if st.ID == id {
			sc.move(s, i)
			return
		}
	}
	s.say(l.T("plain.score.not_in_list", "Number", sc.numbers.Number(id), "Example", sc.number(0)))
}

// comment saves the participant's comment on the statement ("-" clears
// it), keeping the answer, and says what it may give away.
func (sc *scoring) comment(s *session, v string) {
	if v == "-" {
		v = ""
	}
	st := sc.statement()
	old := sc.answers[st.ID]
	in := workbook.ResponseInput{SiteID: sc.siteID, AssessmentID: sc.aid, ParticipantID: sc.pid, StatementID: st.ID,
		Score: old.Score, DontKnow: old.DontKnow, Comment: v}
	var saved workbook.Response
	if s.change(sc.l, func(c *workbook.Change) (err error) {
		saved, err = c.RecordResponse(in)
		return err
	}, func() string { return sc.commentSaved(v) }) {
		sc.answers[st.ID] = saved
		s.say(warnings(sc.l, sc.watch.Check(v)))
	}
}

func (sc *scoring) commentSaved(v string) string {
	if v == "" {
		return sc.l.T("plain.score.comment_cleared", "Name", sc.name(), "Number", sc.number(sc.cur))
	}
	return sc.l.T("plain.score.comment_saved", "Name", sc.name(), "Number", sc.number(sc.cur))
}

// commentForm asks for the comment on one line, after reading the one
// there is.
func (sc *scoring) commentForm() *question {
	l := sc.l
	q := &question{l: l, ask: l.T("plain.score.comment_prompt", "Name", sc.name(), "Number", sc.number(sc.cur)),
		got: func(s *session, v string) { sc.comment(s, v); s.pop() }}
	if c := text(sc.answers[sc.statement().ID].Comment); c != "" {
		q.intro = []string{l.T("plain.score.comment_now", "Comment", c)}
	}
	return q
}

// addNote adds a line to the group's notes on the statement (insiders)
// or to the verification note of its key issue (outsiders).
func (sc *scoring) addNote(s *session, v string) {
	l := sc.l
	st := sc.statement()
	if sc.group == workbook.Outsider {
		ki := sc.issueOf[st.ID]
		n := sc.issueNotes[ki.ID]
		n.SiteID, n.AssessmentID, n.KeyIssueID, n.Notes = sc.siteID, sc.aid, ki.ID, joinNote(n.Notes, v)
		var saved workbook.IssueNote
		if s.change(l, func(c *workbook.Change) (err error) {
			saved, err = c.SetIssueNote(n)
			return err
		}, func() string {
			return l.N("plain.score.issue_note_saved", lines(saved.Notes), "Issue", text(ki.Title.In(sc.lang)))
		}) {
			sc.issueNotes[ki.ID] = saved
			s.say(warnings(l, sc.watch.Check(v)))
		}
		return
	}
	n := sc.notes[st.ID]
	n.SiteID, n.AssessmentID, n.StatementID, n.Notes = sc.siteID, sc.aid, st.ID, joinNote(n.Notes, v)
	var saved workbook.StatementNote
	if s.change(l, func(c *workbook.Change) (err error) {
		saved, err = c.SetStatementNote(n)
		return err
	}, func() string {
		return l.N("plain.score.notes_saved", lines(saved.Notes), "Number", sc.number(sc.cur))
	}) {
		sc.notes[st.ID] = saved
		s.say(warnings(l, sc.watch.Check(v)))
	}
}

// notesForm asks for the line to add to the notes, after reading them.
func (sc *scoring) notesForm() *question {
	l := sc.l
	st := sc.statement()
	old, ask := sc.notes[st.ID].Notes, l.T("plain.score.notes_prompt", "Number", sc.number(sc.cur))
	if sc.group == workbook.Outsider {
		ki := sc.issueOf[st.ID]
		old, ask = sc.issueNotes[ki.ID].Notes, l.T("plain.score.issue_note_prompt", "Issue", text(ki.Title.In(sc.lang)))
	}
	q := &question{l: l, ask: ask, got: func(s *session, v string) { sc.addNote(s, v); s.pop() }}
	if strings.TrimSpace(old) == "" {
		q.intro = []string{l.T("plain.score.no_notes_yet")}
	} else {
		q.intro = []string{l.T("plain.score.notes_now", "Notes", text(old))}
	}
	return q
}

// joinNote adds a line to notes.
func joinNote(notes, line string) string {
	if strings.TrimSpace(notes) == "" {
		return line
	}
	return notes + "\n" + line
}

// lines counts the lines of a note.
func lines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}
