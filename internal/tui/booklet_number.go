package tui

import (
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// roleAsk is the question a new booklet asks: the role level ticked on its
// cover.
type roleAsk struct {
	number int
	roles  []workbook.Role
	cursor int
}

// numberLine is the booklet number being typed, with the cursor after it.
func (b *booklet) numberLine() string {
	st := b.env.styles
	return st.Title.Render(b.l.T("tui.booklet.number_prompt")) + " " + st.Accent.Render(b.number) + st.Selected.Render(" ")
}

// updateNumber handles the keys while a booklet number is typed: enter
// opens the booklet, backspace takes the last digit back, esc clears it.
func (b *booklet) updateNumber(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k := b.env.keys
	switch {
	case key.Matches(msg, k.BookletOpen):
		n, _ := strconv.Atoi(b.number)
		b.number = ""
		return b, b.open(n)
	case key.Matches(msg, k.BookletBack):
		b.number = b.number[:len(b.number)-1]
	case key.Matches(msg, k.BookletClearNumber):
		b.number = ""
	}
	return b, nil
}

// open opens the booklet numbered n by the one rule of whose a booklet is
// ([workbook.FindBooklet]): its person's answers, to type or to correct;
// for a number nobody has yet, the question of its role level; else the
// reason it cannot be typed in here.
func (b *booklet) open(n int) tea.Cmd {
	p, found, err := workbook.FindBooklet(b.data.Assessment, b.data.Participants, b.group, n)
	var be *workbook.BookletError
	switch {
	case errors.As(err, &be):
		return statusRefused(b.bookletProblem(be))
	case err != nil:
		return statusErr(err)
	case !found:
		b.role = &roleAsk{number: n, roles: workbook.GroupRoles(b.group)}
		return status("")
	}
	for i, x := range b.people {
		if x.ID != p.ID {
			continue
		}
		if done := b.answeredCount(x); done > 0 {
			return b.startTyping(i, b.l.N("tui.booklet.typed_before", done, "Number", n, "Total", len(b.statements)))
		}
		return b.startTyping(i, b.l.T("tui.booklet.opened", "Number", n))
	}
	return nil
}

// bookletProblem says in the screen's words why a booklet number cannot be
// typed in here.
func (b *booklet) bookletProblem(e *workbook.BookletError) string {
	l := b.l
	switch {
	case e.Problem == workbook.BookletOtherGroup && b.group == workbook.Insider:
		return l.T("tui.booklet.outsiders_booklet", "Number", e.Number)
	case e.Problem == workbook.BookletOtherGroup:
		return l.T("tui.booklet.insiders_booklet", "Number", e.Number)
	case e.Issued == 0:
		return l.T("tui.booklet.none_printed", "Number", e.Number)
	}
	return l.T("tui.booklet.not_printed", "Number", e.Number, "Issued", e.Issued)
}

// updateRole handles the keys while the role level of a new booklet is
// asked: a digit or enter chooses it and adds the booklet's person, esc
// goes back to the number.
func (b *booklet) updateRole(msg tea.KeyPressMsg) (Screen, tea.Cmd) {
	k, r := b.env.keys, b.role
	switch {
	case key.Matches(msg, k.Cancel):
		b.role = nil
		return b, status(b.l.T("tui.booklet.role_cancelled", "Number", r.number))
	case key.Matches(msg, k.Up):
		r.cursor = max(r.cursor-1, 0)
	case key.Matches(msg, k.Down):
		r.cursor = min(r.cursor+1, len(r.roles)-1)
	case key.Matches(msg, k.RoleKeys):
		if d := digit(msg); d >= 1 && d <= len(r.roles) {
			return b, b.addBooklet(r.number, r.roles[d-1])
		}
	case key.Matches(msg, k.ChooseValue):
		return b, b.addBooklet(r.number, r.roles[r.cursor])
	}
	return b, nil
}

// addBooklet adds the person of the new booklet n with role level role,
// through the one domain call that finds or creates a booklet's
// participant, and types it once they are read back.
func (b *booklet) addBooklet(n int, role workbook.Role) tea.Cmd {
	b.role, b.opening = nil, n
	in := workbook.BookletInput{SiteID: b.siteID, AssessmentID: b.assessmentID, Group: b.group, Number: n, Role: role}
	what := b.l.T("tui.booklet.added", "Number", n, "Role", roleName(b.l, role))
	return b.env.save(b, saveJob{what: what, fn: func(c *workbook.Change) error {
		_, _, err := c.BookletParticipant(in)
		return err
	}})
}

// roleView asks the role level ticked on a new booklet's cover.
func (b *booklet) roleView() string {
	st, r := b.env.styles, b.role
	var s strings.Builder
	s.WriteString(st.Title.Render(truncate(b.l.T("tui.booklet.role_question", "Number", r.number), b.width)) + "\n")
	s.WriteString(st.Muted.Render(truncate(b.l.T("tui.booklet.role_hint"), b.width)) + "\n\n")
	for i, role := range r.roles {
		line := strconv.Itoa(i+1) + "  " + roleName(b.l, role)
		if i == r.cursor {
			s.WriteString(st.Selected.Render("› "+pad(line, max(min(b.width-3, 40), 10))) + "\n")
		} else {
			s.WriteString("  " + truncate(line, b.width-2) + "\n")
		}
	}
	return s.String()
}
