package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// siteScreen shows a site's five steps as a path, with what is done and
// what is missing in each, and its assessments.
type siteScreen struct {
	env         *env
	siteID      string
	assessment  string // "" is the current one
	data        *workbook.AssessmentData
	assessments []workbook.Assessment
	cursor      int // the step under the cursor, 0-4
	confirm     confirmPrompt
	width       int
	height      int
	err         string
}

func newSiteScreen(e *env, siteID string) *siteScreen { return &siteScreen{env: e, siteID: siteID} }

type siteLoadedMsg struct {
	data        *workbook.AssessmentData
	assessments []workbook.Assessment
	err         error
}

func (s *siteScreen) load() tea.Msg {
	var msg siteLoadedMsg
	msg.err = s.env.svc.Read(func(r *workbook.Reader) (err error) {
		if msg.data, err = r.LoadAssessment(s.siteID, s.assessment); err != nil {
			return err
		}
		msg.assessments, err = r.Assessments(s.siteID)
		return err
	})
	return msg
}

func (s *siteScreen) Init() tea.Cmd { return s.load }

func (s *siteScreen) Title() string {
	if s.data == nil {
		return "Site"
	}
	return textsafe.Line(s.data.Site.Name)
}

func (s *siteScreen) Typing() bool     { return false }
func (s *siteScreen) SetSize(w, h int) { s.width, s.height = w, h }
func (s *siteScreen) Keys() []key.Binding {
	k := s.env.keys
	if s.confirm.open() {
		return s.confirm.keys(k)
	}
	keys := []key.Binding{k.Up, k.Down, k.Open}
	if len(s.assessments) > 1 {
		keys = append(keys, k.OtherAssessment)
	}
	keys = append(keys, k.NewAssessment)
	if s.env.hooks.Report != nil {
		keys = append(keys, k.Report)
	}
	switch {
	case s.data == nil:
	case s.data.Assessment.Completed != "":
		keys = append(keys, k.Reopen)
	case workbook.StepsDone(s.data.Progress()):
		keys = append(keys, k.Complete)
	}
	return keys
}

// Place is where the facilitator is, for resuming.
func (s *siteScreen) Place() workbook.UIState {
	st := workbook.UIState{SiteID: s.siteID, Screen: "site"}
	if s.data != nil {
		st.AssessmentID = s.data.Assessment.ID
	}
	return st
}

func (s *siteScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k := s.env.keys
	switch msg := msg.(type) {
	case siteLoadedMsg:
		if msg.err != nil {
			s.err = msg.err.Error()
			return s, nil
		}
		s.data, s.assessments, s.err = msg.data, msg.assessments, ""
	case reportDoneMsg:
		return s, msg.status()
	case reloadMsg:
		return s, s.load
	case saveDoneMsg:
		if msg.job.owner == s {
			return s, s.load
		}
	case tea.KeyPressMsg:
		if s.data == nil {
			return s, nil
		}
		if s.confirm.open() {
			return s, s.confirm.answer(msg, k)
		}
		switch {
		case key.Matches(msg, k.Up):
			s.cursor = max(s.cursor-1, 0)
		case key.Matches(msg, k.Down):
			s.cursor = min(s.cursor+1, len(workbook.Steps)-1)
		case key.Matches(msg, k.OpenStep):
			s.cursor = digit(msg) - 1
			return s, s.open()
		case key.Matches(msg, k.Open):
			return s, s.open()
		case key.Matches(msg, k.OtherAssessment) && len(s.assessments) > 1:
			i := 0
			for j, a := range s.assessments {
				if a.ID == s.data.Assessment.ID {
					i = j
				}
			}
			s.assessment = s.assessments[(i+1)%len(s.assessments)].ID
			return s, tea.Batch(s.load, remember(workbook.UIState{SiteID: s.siteID, AssessmentID: s.assessment, Screen: "site"}))
		case key.Matches(msg, k.NewAssessment):
			s.env.open(s.assessmentForm())
		case key.Matches(msg, k.Report) && s.env.hooks.Report != nil:
			return s, makeReport(s.env, s.siteID, s.data.Assessment.ID)
		case key.Matches(msg, k.Complete):
			return s, s.askComplete()
		}
	}
	return s, nil
}

// askComplete asks before marking the assessment completed today, or
// before reopening a completed one. An assessment is offered for
// completion once its five steps are done.
func (s *siteScreen) askComplete() tea.Cmd {
	a := s.data.Assessment
	if a.Completed != "" {
		s.confirm.ask("Reopen this assessment? Its report will say DRAFT – assessment in progress again. y reopens, any other key keeps it completed.",
			"Kept: the assessment stays completed on "+a.Completed, func() tea.Cmd { return s.setCompleted(false) })
		return nil
	}
	if prog := s.data.Progress(); !workbook.StepsDone(prog) {
		for _, p := range prog {
			if p.Status != workbook.Done {
				return status(fmt.Sprintf("K marks the assessment completed once all five steps are done; %s is not done yet", stepName(nil, p.Step)))
			}
		}
	}
	s.confirm.ask("Mark this assessment completed today? Its report will then say Completed and the date, not DRAFT. y completes, any other key keeps it in progress.",
		"Kept: the assessment stays in progress", func() tea.Cmd { return s.setCompleted(true) })
	return nil
}

// setCompleted completes (done) or reopens the assessment shown.
func (s *siteScreen) setCompleted(done bool) tea.Cmd {
	sid, aid := s.siteID, s.data.Assessment.ID
	return s.env.save(s, saveJob{run: func(svc *workbook.Service) (string, error) {
		var a workbook.Assessment
		err := svc.Change(func(c *workbook.Change) (err error) {
			a, err = c.SetCompleted(sid, aid, done)
			return err
		})
		if done {
			return "assessment completed on " + a.Completed, err
		}
		return "assessment reopened: it is in progress again", err
	}})
}

// completion says whether the assessment is completed, and when.
func completion(a workbook.Assessment) string {
	if a.Completed != "" {
		return "completed on " + a.Completed
	}
	return "in progress"
}

// open goes into the step under the cursor.
func (s *siteScreen) open() tea.Cmd {
	step := workbook.Steps[s.cursor]
	scr := stepScreen(s.env, step, s.siteID, s.data.Assessment.ID, 0, 0)
	place := workbook.UIState{SiteID: s.siteID, AssessmentID: s.data.Assessment.ID, Screen: step.Key()}
	s.env.open(scr)
	return remember(place)
}

// stepScreen builds the screen of one step.
func stepScreen(e *env, step workbook.Step, siteID, assessmentID string, statement, participant int) Screen {
	switch step {
	case workbook.StepMap:
		return newMapScreen(e, siteID)
	case workbook.StepSelect:
		return newSelectScreen(e, siteID, assessmentID)
	case workbook.StepWorkbook:
		return newDialogue(e, siteID, assessmentID, workbook.Insider, statement, participant)
	case workbook.StepVerify:
		return newDialogue(e, siteID, assessmentID, workbook.Outsider, statement, participant)
	}
	return newBarriers(e, siteID, assessmentID)
}

// resume rebuilds the screens above home for a remembered place.
func resume(e *env, p workbook.UIState) []Screen {
	if p.SiteID == "" || p.Screen == "" || p.Screen == "home" {
		return nil
	}
	var ok bool
	_ = e.svc.Read(func(r *workbook.Reader) error {
		_, err := r.Site(p.SiteID)
		if err == nil && p.AssessmentID != "" {
			_, err = r.Assessment(p.SiteID, p.AssessmentID)
		}
		ok = err == nil
		return nil
	})
	if !ok {
		return nil
	}
	site := newSiteScreen(e, p.SiteID)
	site.assessment = p.AssessmentID
	out := []Screen{site}
	for i, step := range workbook.Steps {
		if step.Key() == p.Screen {
			site.cursor = i
			out = append(out, stepScreen(e, step, p.SiteID, p.AssessmentID, p.Statement, p.Participant))
		}
	}
	return out
}

func (s *siteScreen) assessmentForm() Screen {
	fields := []*field{
		textF("title", "Title (e.g. the partnership and the year)", "", workbook.MaxShortText),
		textF("started", "Started (YYYY-MM-DD)", time.Now().Format(time.DateOnly), 10),
	}
	return newForm(s.env, nil, "New assessment of "+textsafe.Line(s.data.Site.Name), fields, "new assessment started", func(v map[string]string) func(*workbook.Change) error {
		return func(c *workbook.Change) error {
			a, err := c.NewAssessment(s.siteID, workbook.AssessmentInput{Title: v["title"], Started: v["started"]})
			if err == nil {
				s.assessment = a.ID
			}
			return err
		}
	})
}

// stepDetail says what is done and what is missing in a step.
func (s *siteScreen) stepDetail(p workbook.StepProgress) string {
	d := s.data
	switch p.Step {
	case workbook.StepMap:
		if p.Done == 0 {
			return "no partnerships mapped yet"
		}
		return plural(nil, p.Done, "tui.site.mapped")
	case workbook.StepSelect:
		sel := "none selected yet"
		if d.Partnership != nil {
			sel = "selected: " + d.Partnership.Title
		}
		return fmt.Sprintf("%d of %d checked against every criterion; %s", p.Done, p.Total, sel)
	case workbook.StepWorkbook, workbook.StepVerify:
		who := "insiders"
		if p.Step == workbook.StepVerify {
			who = "outsiders"
		}
		if p.Total == 0 {
			return "no " + who + " yet"
		}
		return fmt.Sprintf("%d of %d answers from %s (%d%%)", p.Done, p.Total, who, p.Done*100/p.Total)
	}
	return plural(nil, len(d.Findings), "tui.site.findings") + ", " + plural(nil, len(d.Interventions), "tui.site.interventions")
}

func (s *siteScreen) View() string {
	st := s.env.styles
	if s.err != "" {
		return st.Error.Render("Could not read this site: " + s.err)
	}
	if s.data == nil {
		return st.Muted.Render("Reading…")
	}
	d := s.data
	var b strings.Builder
	b.WriteString(st.Title.Render(textsafe.Line(d.Site.Name)) + "  " + st.Muted.Render(strings.Trim(textsafe.Line(d.Site.Organisation)+" · "+textsafe.Line(d.Site.Area), " ·")) + "\n")
	title := d.Assessment.Title
	if title == "" {
		title = "Assessment"
	}
	b.WriteString(st.Muted.Render(truncate(fmt.Sprintf("%s %d of %d, started %s, %s · %s %s",
		title, s.index()+1, len(s.assessments), d.Assessment.Started, completion(d.Assessment), d.Questionnaire.ID, d.Questionnaire.Version), s.width)) + "\n\n")
	prog := d.Progress()
	var path []string
	for _, p := range prog {
		path = append(path, stepMark(st, p)+" "+stepName(nil, p.Step))
	}
	b.WriteString(strings.Join(path, st.Muted.Render(" → ")) + "\n\n")
	for i, p := range prog {
		line := fmt.Sprintf("%d %-9s %s", i+1, stepName(nil, p.Step), s.stepDetail(p))
		if i == s.cursor {
			// The mark stays on the cursor's row, unstyled inside the
			// reversed line.
			b.WriteString(st.Selected.Render("› "+ansiStrip(stepMark(st, p))+" "+pad(line, max(s.width-5, 10))) + "\n")
		} else {
			b.WriteString("  " + stepMark(st, p) + " " + truncate(line, max(s.width-5, 10)) + "\n")
		}
	}
	b.WriteString("\n" + st.Muted.Render("enter or 1-5 opens a step. ✓ done ◐ started · not started"))
	switch {
	case s.confirm.open():
		b.WriteString("\n\n" + s.confirm.view(st, s.width))
	case d.Assessment.Completed == "" && workbook.StepsDone(prog):
		b.WriteString("\n\n" + truncate("All five steps are done: K marks the assessment completed (the report then stops saying DRAFT).", s.width))
	}
	return b.String()
}

func (s *siteScreen) index() int {
	for i, a := range s.assessments {
		if a.ID == s.data.Assessment.ID {
			return i
		}
	}
	return 0
}

// ReportResult is what the Report hook wrote.
type ReportResult struct {
	Path  string
	Pages int
	// Warnings counts the notes, comments, findings and actions printed
	// that name a participant or point at a group under 3
	// ([analysis.FreeTextWarnings]): `engage report` lists them.
	Warnings int
}

// String is the status line after the report was written.
func (r ReportResult) String() string {
	s := fmt.Sprintf("Report written: %s (%d pages)", r.Path, r.Pages)
	if r.Warnings > 0 {
		verb := "texts name"
		if r.Warnings == 1 {
			verb = "text names"
		}
		s += fmt.Sprintf(" · check before sharing: %d %s a participant or a group under 3 (engage report lists them)", r.Warnings, verb)
	}
	return s
}

// reportDoneMsg is what the report hook returned, for the screen that
// asked for the report.
type reportDoneMsg struct {
	res ReportResult
	err error
}

// status is the status line after the report was written, or not.
func (r reportDoneMsg) status() tea.Cmd {
	if r.err != nil {
		return statusRefused("No report: " + r.err.Error())
	}
	return func() tea.Msg { return statusMsg{text: r.res.String(), warn: r.res.Warnings > 0} }
}

// makeReport writes the PDF report through the hook, saying so in the
// status bar; the reportDoneMsg comes back to the screen that asked.
func makeReport(e *env, siteID, assessmentID string) tea.Cmd {
	hook := e.hooks.Report
	return tea.Sequence(status("Making the PDF report…"), func() tea.Msg {
		res, err := hook(siteID, assessmentID)
		return reportDoneMsg{res: res, err: err}
	})
}
