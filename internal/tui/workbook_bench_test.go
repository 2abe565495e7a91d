package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// benchDialogue opens the workbook dialogue on a site with n insiders who
// have answered the first half of the statements.
func benchDialogue(b *testing.B, n, w, h int) *dialogue {
	b.Helper()
	te := newTestEnv(b)
	people := te.addPeople(workbook.Insider, n)
	stmts := te.q.Statements()
	te.change(func(c *workbook.Change) error {
		for i, p := range people {
			for j, st := range stmts[:len(stmts)/2] {
				if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: st.ID, Score: 1 + (i+j)%5}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	d := newDialogue(te.env, te.site.ID, te.a.ID, workbook.Insider, 3, 0)
	d.SetSize(w, h)
	msg, ok := within(d.Init(), 5*time.Second)
	if !ok {
		b.Fatal("the dialogue did not load")
	}
	s, _ := d.Update(msg)
	return s.(*dialogue)
}

// BenchmarkWorkbookView is the cost of drawing the busiest screen, the
// workbook dialogue with 60 participants, at 120x40 (the root adds header
// and footer around this body).
func BenchmarkWorkbookView(b *testing.B) {
	for _, n := range []int{15, 60} {
		b.Run(map[int]string{15: "participants=15", 60: "participants=60"}[n], func(b *testing.B) {
			d := benchDialogue(b, n, 120, 37)
			b.ReportAllocs()
			for b.Loop() {
				_ = d.View()
			}
		})
	}
}

// BenchmarkScoreKeyToSaved is the time from a score key to the answer being
// committed and shown as saved: the key's Update, the transaction with its
// fsync, and the savedMsg back into the screen.
func BenchmarkScoreKeyToSaved(b *testing.B) {
	var s Screen = benchDialogue(b, 15, 120, 37)
	keys := []string{"1", "2", "3", "4", "5"}
	i := 0
	for b.Loop() {
		var cmd tea.Cmd
		s, cmd = s.Update(keyMsg(keys[i%len(keys)]))
		queue := []tea.Cmd{cmd}
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			if c == nil {
				continue
			}
			msg, ok := within(c, 5*time.Second)
			if !ok {
				b.Fatal("the save did not finish")
			}
			switch msg := msg.(type) {
			case tea.BatchMsg:
				queue = append(queue, msg...)
			case savedMsg, saveFailedMsg:
				s, c = s.Update(msg)
				queue = append(queue, c)
			}
		}
		if s.(*dialogue).env.saves.busy() {
			b.Fatal("an answer is still waiting to be saved")
		}
		i++
	}
}
