package tui

import (
	"fmt"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// bigAssessment fills the test site with 60 insiders scoring every
// statement, 20 outsiders scoring the verification set, and 30 findings and
// interventions: larger than any session.
func bigAssessment(b *testing.B) *testEnv {
	te := newTestEnv(b)
	ins := te.addPeople(workbook.Insider, 60)
	outs := te.addPeople(workbook.Outsider, 20)
	te.change(func(c *workbook.Change) error {
		for i, st := range te.q.Statements() {
			for j, p := range ins {
				if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: st.ID, Score: 1 + (i*7+j*3)%5}); err != nil {
					return err
				}
			}
		}
		for i, st := range te.q.VerificationStatements() {
			for j, p := range outs {
				if _, err := c.RecordResponse(workbook.ResponseInput{SiteID: te.site.ID, AssessmentID: te.a.ID, ParticipantID: p.ID, StatementID: st.ID, Score: 1 + (i*5+j)%5}); err != nil {
					return err
				}
			}
		}
		for i := range 30 {
			if _, err := c.SaveFinding(workbook.Finding{SiteID: te.site.ID, AssessmentID: te.a.ID, Kind: workbook.FindingKinds[i%3], Text: fmt.Sprintf("Finding %d", i)}); err != nil {
				return err
			}
			if _, err := c.SaveIntervention(workbook.Intervention{SiteID: te.site.ID, AssessmentID: te.a.ID, Action: fmt.Sprintf("Action %d", i), Owner: "Partnership manager", Due: "2026-06-30"}); err != nil {
				return err
			}
		}
		return nil
	})
	return te
}

func BenchmarkBarriersView(b *testing.B) {
	te := bigAssessment(b)
	s := newBarriers(te.env, te.site.ID, te.a.ID).(*barriers)
	s.SetSize(120, 37)
	msg := loadAssessment(te.env, te.site.ID, te.a.ID)()
	b.Run("load+analyse", func(b *testing.B) {
		for b.Loop() {
			s.Update(msg)
		}
	})
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			_ = s.View()
		}
	})
}

func BenchmarkCompareView(b *testing.B) {
	te := bigAssessment(b)
	s := newSideBySide(te.env, te.site.ID, te.a.ID).(*sideBySide)
	s.SetSize(120, 37)
	msg := loadAssessment(te.env, te.site.ID, te.a.ID)()
	b.Run("load+analyse", func(b *testing.B) {
		for b.Loop() {
			s.Update(msg)
		}
	})
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			_ = s.View()
		}
	})
}
