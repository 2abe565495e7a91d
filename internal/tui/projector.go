package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The dialogue's projector view (P): the screen turned to the room. It
// shows the statement in large type, every score as a dot counted by
// scale point, the mean with its band in words, whether the statement is
// contested and how many have scored, and nothing about any one person:
// no name, no row, no comment, no cursor, no "last scored", and dots in
// order of score, never of entry. Scores are still typed as in the
// dialogue; the keys that would show a name or a written text are off
// until P turns the view back. The figures are analysis.Analyse's of the
// group being scored, so a group under 3 shows what the reports show: its
// count, no dots and no mean.

// project turns the projector view on or off, and says so in the status
// line, which then no longer holds what the other view said (a name with
// a score).
func (d *dialogue) project(on bool) tea.Cmd {
	d.projecting, d.env.projector = on, on
	if on {
		return tea.Batch(status(d.l.T("tui.projector.on")), remember(d.Place()))
	}
	if err := d.unseen; err != nil {
		// A save refused while the room looked: its reason now.
		d.unseen = nil
		return tea.Batch(statusRefused(notSaved(d.l, err)), remember(d.Place()))
	}
	return tea.Batch(status(d.l.T("tui.projector.off")), remember(d.Place()))
}

// projectorKeys are the keys of the projector view: those of the
// dialogue that show no name and no written text.
func (d *dialogue) projectorKeys(k KeyMap) []key.Binding {
	keys := []key.Binding{k.Score, k.ProjectorBack, k.DontKnow, k.NextItem, k.PrevItem, k.Clear, k.Up, k.Down, k.Unanswered, k.Jump}
	if d.group == workbook.Insider {
		keys = append(keys, k.GroupScore)
	}
	return keys
}

// updateProjector takes the keys that mean something else in the
// projector view. It reports whether it used msg; the rest are the
// dialogue's.
func (d *dialogue) updateProjector(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := d.env.keys
	switch {
	case key.Matches(msg, k.ProjectorBack):
		return d.project(false), true
	case key.Matches(msg, k.Comment), key.Matches(msg, k.Notes), key.Matches(msg, k.People),
		key.Matches(msg, k.Booklet), key.Matches(msg, k.SideBySide) && d.group == workbook.Outsider:
		// Each shows names or what people wrote.
		return statusRefused(d.l.T("tui.projector.off_key")), true
	case d.holding() && (key.Matches(msg, k.NextItem) || key.Matches(msg, k.Right)):
		// The finished statement is still up: the next one is already
		// the one being scored, so show it.
		d.finished = -1
		return remember(d.Place()), true
	}
	return nil, false
}

// holding reports whether the projector still shows the statement the
// last score finished, while the next one is being scored.
func (d *dialogue) holding() bool {
	return d.projecting && d.finished >= 0 && d.finished < len(d.statements) && d.finished != d.cur
}

// shown is the statement the projector shows: the one just finished
// while it holds it, else the one being scored.
func (d *dialogue) shown() int {
	if d.holding() {
		return d.finished
	}
	return d.cur
}

// roomFigures are the figures the projector shows of one statement.
type roomFigures struct {
	// pop is whose figure stats is (the group being scored), PopNone when
	// it may not be shown.
	pop   analysis.Population
	stats analysis.Stats
	// scored is how many of the group gave a score (shown also when no
	// figure is), of people.
	scored, people int
}

// shownFigures reports whether the figures may be shown: dots, mean,
// band, don't-knows.
func (f roomFigures) shownFigures() bool { return f.pop != analysis.PopNone }

// roomFiguresOf analyses this group's answers to st (a pending one as it
// will be saved) with analysis.Analyse, which applies the disclosure
// rule. Only the group being scored is analysed, so the figure is theirs
// and there is no pooled figure beside it to take it from.
func (d *dialogue) roomFiguresOf(st questionnaire.Statement) roomFigures {
	var rs []workbook.Response
	for _, p := range d.people {
		if r, ok, _ := d.answer(p.ID, st.ID); ok && r.Answered() {
			r.ParticipantID, r.StatementID = p.ID, st.ID
			rs = append(rs, r)
		}
	}
	f := roomFigures{people: len(d.people)}
	res := analysis.Analyse(d.data.Questionnaire, d.data.Participants, rs)
	for _, it := range res.Items {
		if it.Statement.ID != st.ID {
			continue
		}
		group, want := it.Insiders, analysis.PopInsiders
		if d.group == workbook.Outsider {
			group, want = it.Outsiders, analysis.PopOutsiders
		}
		f.scored = group.N
		if pop, s := it.Headline(); pop == want {
			f.pop, f.stats = pop, s
		}
	}
	return f
}
