package cli

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/plain"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/tui"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// EnvAccessible is the environment variable that, set to 1, runs the
// workbook in its accessible mode, as --accessible does.
const EnvAccessible = "ENGAGE_ACCESSIBLE"

// runTUI runs the interactive workbook on the store. It needs a terminal on
// both ends; without one it explains and exits 2. The accessible mode
// reads lines and needs none.
func runTUI(g *globals) error {
	accessible := g.accessible || (g.io.Getenv != nil && g.io.Getenv(EnvAccessible) == "1")
	if !accessible && (g.io.IsTerminal == nil || !g.io.IsTerminal()) {
		return &ExitError{Code: 2, Message: g.l.T("cli.tui.no_terminal")}
	}
	qs, err := g.newSiteQuestionnaires()
	if err != nil {
		return err
	}
	st, err := g.openStore(false, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	// A daily automatic backup, before anything is typed.
	if err := st.AutoBackupIfOlder(24*time.Hour, "daily"); err != nil {
		return fmt.Errorf("%s: %w", g.l.T("cli.tui.backup_failed"), err)
	}
	svc := workbook.NewService(st, workbook.Options{})
	if accessible {
		return plain.Run(plain.Options{Service: svc, Questionnaires: qs, Catalog: g.cat, Lang: g.l, In: g.io.In, Out: g.io.Out})
	}
	m, err := tui.New(tui.Options{
		Service:        svc,
		Questionnaires: qs,
		StorePath:      st.Path(),
		Dark:           true,
		Catalog:        g.cat,
		Lang:           g.l,
		Hooks:          g.tuiHooks(svc, st),
	})
	if err != nil {
		return err
	}
	p := tea.NewProgram(m, tea.WithInput(g.io.In), tea.WithOutput(g.io.Out))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf("%s: %w", g.l.T("cli.tui.stopped"), err)
	}
	return nil
}

// newSiteQuestionnaires lists the questionnaires a new site can use: the
// one given with --questionnaire first, then the embedded ones.
func (g *globals) newSiteQuestionnaires() ([]*questionnaire.Questionnaire, error) {
	emb, err := questionnaire.Embedded()
	if err != nil {
		return nil, err
	}
	if g.questionnaire == "" {
		// The default workbook first.
		for i, q := range emb {
			if q.ID == questionnaire.DefaultID {
				emb[0], emb[i] = emb[i], emb[0]
			}
		}
		return emb, nil
	}
	q, err := g.loadQuestionnaire()
	if err != nil {
		return nil, err
	}
	return append([]*questionnaire.Questionnaire{q}, emb...), nil
}

// tuiHooks lends the TUI what it needs from the rest of engage.
func (g *globals) tuiHooks(svc *workbook.Service, st *store.Store) tui.Hooks {
	return tui.Hooks{
		Backup: st.AutoBackup,
		Report: func(siteID, assessmentID string) (tui.ReportResult, error) {
			return writeTUIReport(g.cat, svc, st.Path(), siteID, assessmentID)
		},
		Compare: func(siteIDs []string, progress func(done, total int)) (tui.CompareResult, error) {
			return writeTUIComparison(g.cat, svc, st.Path(), siteIDs, progress)
		},
	}
}
