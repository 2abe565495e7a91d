package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// booklet types in a paper booklet: type the number printed on its pages
// (or pick a participant), then one key per statement in booklet order (a
// score or d), each saved as it is typed; backspace goes back one
// statement to correct it. A number nobody has yet is a blank booklet: the
// screen asks the role level ticked on its cover and adds its person
// ([workbook.Change.BookletParticipant]); a number typed in before opens
// that person's answers to correct, so no booklet is typed in twice.
type booklet struct {
	env          *env
	siteID       string
	assessmentID string
	group        workbook.Group
	data         *workbook.AssessmentData
	l            *i18n.Lang // the site's language, for what Engage says
	lang         string     // the assessment's, for the questionnaire's texts
	statements   []questionnaire.Statement
	numbers      questionnaire.Numbering
	people       []workbook.Participant
	answers      answerSheet
	win          listWindow // the participant under the cursor, and the rows in view
	typing       bool       // entering this participant's answers
	cur          int        // statement being typed
	number       string     // the booklet number being typed
	role         *roleAsk   // the role level of a new booklet being asked
	// opening is the number of a booklet whose new participant is being
	// saved: once they are read back, typing starts.
	opening int
	width   int
	height  int
	err     string
}

func newBooklet(e *env, siteID, assessmentID string, g workbook.Group, row int) Screen {
	return &booklet{env: e, siteID: siteID, assessmentID: assessmentID, group: g, win: listWindow{cursor: row}}
}

func (b *booklet) Init() tea.Cmd { return loadAssessment(b.env, b.siteID, b.assessmentID) }

// Lang is the site's language, which the screen speaks.
func (b *booklet) Lang() *i18n.Lang { return b.l }

func (b *booklet) Title() string { return b.l.T("tui.booklet.title") }

// Typing reports whether keys are the screen's own: while answers, a
// booklet number or a role level are typed.
func (b *booklet) Typing() bool { return b.typing || b.number != "" || b.role != nil }
func (b *booklet) SetSize(w, h int) {
	b.width, b.height = w, h
}

// room is how many participants the list shows.
func (b *booklet) room() int { return max(b.height-5, 1) }

func (b *booklet) Keys() []key.Binding {
	k := b.env.keysIn(b.l)
	switch {
	case b.typing:
		return []key.Binding{k.Score, k.DontKnow, k.BookletBack, k.BookletDone}
	case b.role != nil:
		return []key.Binding{k.RoleKeys, k.Up, k.Down, k.ChooseValue, k.Cancel}
	case b.number != "":
		return []key.Binding{k.BookletNumber, k.BookletOpen, k.BookletClearNumber}
	case len(b.people) == 0:
		return []key.Binding{k.BookletNumber}
	}
	return []key.Binding{k.BookletNumber, k.BookletType, k.Up, k.Down}
}

func (b *booklet) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case assessmentLoadedMsg:
		if msg.err != nil {
			b.err = msg.err.Error()
			return b, nil
		}
		b.apply(msg.data)
	case reloadMsg:
		if !b.env.saves.busy() {
			return b, b.Init()
		}
	case saveDoneMsg:
		b.answers.heard(msg)
		if msg.job.owner == b && b.opening != 0 {
			if msg.err != nil {
				b.opening = 0
				return b, nil // the status line says why
			}
			return b, b.Init() // read the new participant back, then type
		}
	case tea.KeyPressMsg:
		if b.data == nil {
			return b, nil
		}
		switch {
		case b.typing:
			return b.updateTyping(msg)
		case b.role != nil:
			return b.updateRole(msg)
		}
		k := b.env.keys
		if d := digit(msg); key.Matches(msg, k.BookletNumber) && (d > 0 || b.number != "") {
			if len(b.number) < len(strconv.Itoa(workbook.MaxBooklets)) {
				b.number += strconv.Itoa(d)
			}
			return b, nil
		}
		if b.number != "" {
			return b.updateNumber(msg)
		}
		switch {
		case b.win.keys(msg, k, len(b.people), b.room()):
		case key.Matches(msg, k.BookletType) && len(b.people) > 0:
			return b, b.startTyping(b.win.cursor, "")
		}
	}
	return b, nil
}

// startTyping starts typing the answers of the participant at row i, at
// their first unanswered statement, with text in the status line.
func (b *booklet) startTyping(i int, text string) tea.Cmd {
	b.win.set(i, len(b.people), b.room())
	b.typing = true
	b.cur = b.firstUnanswered()
	return status(text) // the last booklet's count is not this one's
}

func (b *booklet) apply(d *workbook.AssessmentData) {
	b.data, b.lang = d, d.Assessment.Language
	b.l = b.env.lang(d.Site.Language)
	if b.group == workbook.Outsider {
		b.statements = d.Questionnaire.VerificationStatements()
	} else {
		b.statements = d.Questionnaire.Statements()
	}
	b.numbers = d.Questionnaire.Numbering()
	b.people = b.people[:0]
	for _, p := range d.Participants {
		if p.Group == b.group {
			b.people = append(b.people, p)
		}
	}
	b.answers = newAnswerSheet(b.env.saves, d.Responses)
	b.win.cursor = min(max(b.win.cursor, 0), max(len(b.people)-1, 0))
	if n := b.opening; n != 0 {
		b.opening = 0
		for i, p := range b.people {
			if p.Booklet == n {
				b.startTyping(i, "")
			}
		}
	}
}

func (b *booklet) answer(pid, sid string) (workbook.Response, bool) {
	r, ok, _ := b.answers.get(pid, sid)
	return r, ok
}

func (b *booklet) firstUnanswered() int {
	p := b.people[b.win.cursor]
	for i, st := range b.statements {
		if r, ok := b.answer(p.ID, st.ID); !ok || !r.Answered() {
			return i
		}
	}
	return 0
}

func (b *booklet) updateTyping(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := b.env.keys
	p := b.people[b.win.cursor]
	switch {
	case key.Matches(msg, k.BookletDone):
		b.typing = false
		done := b.answeredCount(p)
		text := b.l.N("tui.booklet.answered", done, "Person", personLabel(b.l, p, b.win.cursor+1), "Total", len(b.statements))
		if done == len(b.statements) {
			// On to the next booklet still to type.
			for i := b.win.cursor + 1; i < len(b.people); i++ {
				if b.answeredCount(b.people[i]) < len(b.statements) {
					b.win.cursor = i
					text += "; " + b.l.T("tui.booklet.next_one")
					break
				}
			}
		}
		return b, status(text)
	case key.Matches(msg, k.BookletBack):
		if b.cur == 0 {
			return b, nil
		}
		b.cur--
		return b, b.put(p, 0, false)
	case key.Matches(msg, k.Score), key.Matches(msg, k.DontKnow):
		if b.cur >= len(b.statements) {
			return b, status(b.l.T("tui.booklet.complete_status"))
		}
		n := digit(msg)
		if n > b.data.Questionnaire.Scale.Points {
			return b, status(b.l.T("tui.dialogue.scores_run_dk", "Points", b.data.Questionnaire.Scale.Points))
		}
		cmd := b.put(p, n, key.Matches(msg, k.DontKnow))
		b.cur++
		return b, cmd
	case key.Matches(msg, k.Left):
		b.cur = max(b.cur-1, 0)
	case key.Matches(msg, k.Right):
		b.cur = min(b.cur+1, len(b.statements))
	}
	return b, nil
}

// put saves (or, with score 0 and not dk, clears) the answer to the
// current statement.
func (b *booklet) put(p workbook.Participant, score int, dk bool) tea.Cmd {
	st := b.statements[b.cur]
	old, _ := b.answer(p.ID, st.ID)
	in := workbook.ResponseInput{SiteID: b.siteID, AssessmentID: b.assessmentID, ParticipantID: p.ID, StatementID: st.ID,
		Score: score, DontKnow: dk, Comment: old.Comment}
	return b.answers.record(b.env, b, in, "", "", "")
}

func (b *booklet) answeredCount(p workbook.Participant) int {
	n := 0
	for _, st := range b.statements {
		if r, ok := b.answer(p.ID, st.ID); ok && r.Answered() {
			n++
		}
	}
	return n
}

func (b *booklet) View() string {
	st := b.env.styles
	switch {
	case b.err != "":
		return st.Error.Render(b.l.T("tui.select.read_failed", "Err", b.err))
	case b.data == nil:
		return st.Muted.Render(b.l.T("tui.map.reading"))
	case b.typing:
		return b.typingView()
	case b.role != nil:
		return b.roleView()
	}
	var s strings.Builder
	s.WriteString(b.numberLine() + "\n")
	s.WriteString(st.Muted.Render(truncate(b.l.T("tui.booklet.number_hint"), b.width)) + "\n\n")
	if len(b.people) == 0 {
		s.WriteString(b.l.T("tui.booklet.nobody"))
		return s.String()
	}
	roleW := 20 // as wide as the language's widest role level
	for _, r := range workbook.Roles {
		roleW = max(roleW, ansi.StringWidth(roleName(b.l, r)))
	}
	noW := 0
	for _, p := range b.people {
		noW = max(noW, ansi.StringWidth(b.bookletCol(p)))
	}
	start, end := b.win.rows(len(b.people), b.room())
	for i := start; i < end; i++ {
		p := b.people[i]
		line := fmt.Sprintf("%s%s %s  %d/%d", pad(b.bookletCol(p), noW+2*min(noW, 1)), pad(personLabel(b.l, p, i+1), 28), pad(roleName(b.l, p.Role), roleW), b.answeredCount(p), len(b.statements))
		if i == b.win.cursor {
			s.WriteString(st.Selected.Render("› "+pad(line, max(b.width-3, 10))) + "\n")
		} else {
			s.WriteString("  " + truncate(line, b.width-2) + "\n")
		}
	}
	return s.String()
}

// bookletCol is a participant's booklet number as the list shows it, ""
// for none.
func (b *booklet) bookletCol(p workbook.Participant) string {
	if p.Booklet == 0 {
		return ""
	}
	return b.l.T("tui.booklet.number_col", "Number", p.Booklet)
}

func (b *booklet) typingView() string {
	st := b.env.styles
	p := b.people[b.win.cursor]
	var s strings.Builder
	saveState := st.Saved.Render(b.l.T("tui.select.all_saved"))
	if b.env.saves.busy() {
		saveState = st.Pending.Render(b.l.T("tui.map.saving"))
	}
	title := b.l.T("tui.booklet.of", "Person", personLabel(b.l, p, b.win.cursor+1))
	if p.Booklet != 0 {
		title = b.l.T("tui.booklet.of_number", "Number", p.Booklet, "Person", personLabel(b.l, p, b.win.cursor+1))
	}
	s.WriteString(st.Title.Render(title) + "  " + saveState + "\n\n")
	// The strip: every answer so far, the cursor on the one being typed.
	var strip []string
	for i, stm := range b.statements {
		r, ok := b.answer(p.ID, stm.ID)
		cell := scoreText(r, ok)
		if i == b.cur {
			cell = st.Selected.Render(cell)
		}
		strip = append(strip, cell)
	}
	perLine := max((b.width-2)/2, 10)
	for i := 0; i < len(strip); i += perLine {
		s.WriteString(strings.Join(strip[i:min(i+perLine, len(strip))], " ") + "\n")
	}
	s.WriteString("\n")
	if b.cur >= len(b.statements) {
		s.WriteString(st.Good.Render(b.l.N("tui.booklet.complete", b.answeredCount(p), "Total", len(b.statements))) +
			"\n" + st.Muted.Render(b.l.T("tui.booklet.complete_hint")))
		return s.String()
	}
	stm := b.statements[b.cur]
	s.WriteString(st.Accent.Render(statementHeading(b.l, b.numbers, b.statements, b.cur, b.group)) + "\n")
	s.WriteString(st.Statement.Width(b.width).Render(stm.Text.In(b.lang)) + "\n\n")
	q := b.data.Questionnaire
	var legend []string
	for i, l := range q.Scale.Labels {
		legend = append(legend, fmt.Sprintf("%d %s", i+1, l.In(b.lang)))
	}
	legend = append(legend, "d "+q.Scale.DontKnow.In(b.lang))
	s.WriteString(st.Muted.Render(joinWrap(legend, " · ", b.width)))
	return s.String()
}
