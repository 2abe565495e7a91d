package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// siteScreen shows a site's five steps as a path, with what is done and
// what is missing in each, and its assessments.
type siteScreen struct {
	env         *env
	lang        *i18n.Lang // the site's, once read; nil until then
	siteID      string
	assessment  string // "" is the current one
	data        *workbook.AssessmentData
	assessments []workbook.Assessment
	earlier     *workbook.Assessment // its earlier round, if any ([workbook.Reader.EarlierAssessment])
	cursor      int                  // the step under the cursor, 0-4
	confirm     confirmPrompt
	// asked is set once the screen has offered to complete the
	// assessment, which it does once when it finds all five steps done.
	asked  bool
	width  int
	height int
	err    string
}

func newSiteScreen(e *env, siteID string) *siteScreen { return &siteScreen{env: e, siteID: siteID} }

type siteLoadedMsg struct {
	data        *workbook.AssessmentData
	assessments []workbook.Assessment
	earlier     *workbook.Assessment
	err         error
}

func (s *siteScreen) load() tea.Msg {
	var msg siteLoadedMsg
	msg.err = s.env.svc.Read(func(r *workbook.Reader) (err error) {
		if msg.data, err = r.LoadAssessment(s.siteID, s.assessment); err != nil {
			return err
		}
		if msg.assessments, err = r.Assessments(s.siteID); err != nil {
			return err
		}
		e, ok, err := r.EarlierAssessment(msg.data.Site.ID, msg.data.Assessment.ID)
		if ok {
			msg.earlier = &e
		}
		return err
	})
	return msg
}

func (s *siteScreen) Init() tea.Cmd { return s.load }

func (s *siteScreen) Title() string {
	if s.data == nil {
		return s.l().T("tui.site.title")
	}
	return textsafe.Line(s.data.Site.Name)
}

// Lang is the site's language, once the site is read.
func (s *siteScreen) Lang() *i18n.Lang { return s.lang }

// l is the language the screen speaks now: the site's, or the user's
// until the site is read.
func (s *siteScreen) l() *i18n.Lang {
	if s.lang == nil {
		return s.env.user
	}
	return s.lang
}

func (s *siteScreen) Typing() bool     { return false }
func (s *siteScreen) SetSize(w, h int) { s.width, s.height = w, h }
func (s *siteScreen) Keys() []key.Binding {
	k := s.env.keysIn(s.lang)
	if s.confirm.open() {
		return s.confirm.keys(k)
	}
	keys := []key.Binding{k.Up, k.Down, k.Open}
	if len(s.assessments) > 1 {
		keys = append(keys, k.OtherAssessment)
	}
	keys = append(keys, k.NewAssessment)
	if s.earlier != nil {
		keys = append(keys, k.WhatChanged)
	}
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
		s.data, s.assessments, s.earlier, s.err = msg.data, msg.assessments, msg.earlier, ""
		s.lang = s.env.lang(msg.data.Site.Language)
		if !s.asked && s.data.Assessment.Completed == "" && workbook.StepsDone(s.data.Progress()) {
			s.asked = true
			return s, s.askComplete()
		}
	case reportDoneMsg:
		return s, msg.status(s.l())
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
		case key.Matches(msg, k.WhatChanged):
			if s.earlier == nil {
				return s, status(s.noEarlierRound())
			}
			s.env.open(newChangesScreen(s.env, s.l(), s.siteID, s.data.Assessment.ID))
		case key.Matches(msg, k.Report) && s.env.hooks.Report != nil:
			return s, makeReport(s.env, s.l(), s.siteID, s.data.Assessment.ID)
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
	a, l := s.data.Assessment, s.l()
	if a.Completed != "" {
		s.env.open(s.reopenForm())
		return nil
	}
	if prog := s.data.Progress(); !workbook.StepsDone(prog) {
		for _, p := range prog {
			if p.Status != workbook.Done {
				return status(l.T("tui.site.not_done", "Step", stepName(l, p.Step)))
			}
		}
	}
	s.confirm.ask(l.T("tui.site.complete_ask"), l.T("tui.site.complete_kept"), func() tea.Cmd { return s.setCompleted() })
	return nil
}

// setCompleted completes the assessment shown, today.
func (s *siteScreen) setCompleted() tea.Cmd {
	sid, aid, l := s.siteID, s.data.Assessment.ID, s.l()
	return s.env.save(s, saveJob{run: func(svc *workbook.Service) (string, error) {
		var a workbook.Assessment
		err := svc.Change(func(c *workbook.Change) (err error) {
			a, err = c.Complete(sid, aid)
			return err
		})
		return l.T("tui.site.completed", "Date", day(l, a.Completed)), err
	}})
}

// reopenForm asks why a completed assessment is reopened: the reason is
// kept in its log, for whoever reads a report of it later.
func (s *siteScreen) reopenForm() Screen {
	l, a := s.l(), s.data.Assessment
	fields := []*field{areaF("reason", l.T("tui.site.reopen_reason"), "", workbook.MaxLongText)}
	return newForm(s.env, l, l.T("tui.site.reopen_title", "Date", day(l, a.Completed)), fields, l.T("tui.site.reopened"), func(v map[string]string) func(*workbook.Change) error {
		return func(c *workbook.Change) error {
			_, err := c.ReopenAssessment(s.siteID, a.ID, v["reason"])
			return err
		}
	})
}

// lastReopening is the latest reopening in a's log, if any.
func lastReopening(a workbook.Assessment) (workbook.Event, bool) {
	for i := len(a.Log) - 1; i >= 0; i-- {
		if a.Log[i].Kind == workbook.EventReopened {
			return a.Log[i], true
		}
	}
	return workbook.Event{}, false
}

// completion says in l whether the assessment is completed, and when.
func completion(l *i18n.Lang, a workbook.Assessment) string {
	if a.Completed != "" {
		return l.T("tui.site.completion_done", "Date", day(l, a.Completed))
	}
	return l.T("tui.site.completion_open")
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
	e.projector = p.Projector // a dialogue reopens as the room last saw it
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
	l := s.l()
	fields := []*field{
		textF("title", l.T("tui.site.field_title"), "", workbook.MaxShortText),
		textF("started", l.T("tui.site.field_started"), time.Now().Format(time.DateOnly), 10),
	}
	return newForm(s.env, l, l.T("tui.site.new_assessment", "Site", textsafe.Line(s.data.Site.Name)), fields, l.T("tui.site.assessment_started"), func(v map[string]string) func(*workbook.Change) error {
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
	d, l := s.data, s.l()
	switch p.Step {
	case workbook.StepMap:
		if p.Done == 0 {
			return l.T("tui.site.none_mapped")
		}
		return plural(l, p.Done, "tui.site.mapped")
	case workbook.StepSelect:
		if d.Partnership != nil {
			return l.T("tui.site.checked_selected", "Done", p.Done, "Total", p.Total, "Partnership", textsafe.Line(d.Partnership.Title))
		}
		return l.T("tui.site.checked", "Done", p.Done, "Total", p.Total)
	case workbook.StepWorkbook:
		if p.Total == 0 {
			return l.T("tui.site.no_insiders")
		}
		return l.T("tui.site.answers_insiders", "Done", p.Done, "Total", p.Total, "Percent", p.Done*100/p.Total)
	case workbook.StepVerify:
		if p.Total == 0 {
			return l.T("tui.site.no_outsiders")
		}
		return l.T("tui.site.answers_outsiders", "Done", p.Done, "Total", p.Total, "Percent", p.Done*100/p.Total)
	}
	detail := plural(l, len(d.Findings), "tui.site.findings") + ", " + plural(l, len(d.Interventions), "tui.site.interventions")
	if n := workbook.CountPlan(d.Interventions, s.env.svc.Today()).Overdue; n > 0 {
		detail += ", " + plural(l, n, "tui.site.overdue")
	}
	return detail
}

func (s *siteScreen) View() string {
	st, l := s.env.styles, s.l()
	if s.err != "" {
		return st.Error.Render(l.T("tui.site.load_failed", "Err", s.err))
	}
	if s.data == nil {
		return st.Muted.Render(l.T("tui.site.reading"))
	}
	d := s.data
	var b strings.Builder
	b.WriteString(st.Title.Render(textsafe.Line(d.Site.Name)) + "  " + st.Muted.Render(strings.Trim(textsafe.Line(d.Site.Organisation)+" · "+textsafe.Line(d.Site.Area), " ·")) + "\n")
	title := textsafe.Line(d.Assessment.Title)
	if title == "" {
		title = l.T("tui.site.assessment")
	}
	b.WriteString(st.Muted.Render(truncate(l.T("tui.site.assessment_line", "Title", title, "Place", s.index()+1, "Total", len(s.assessments),
		"Started", day(l, d.Assessment.Started), "Completion", completion(l, d.Assessment), "Questionnaire", d.Questionnaire.ID+" "+d.Questionnaire.Version), s.width)) + "\n")
	if e, ok := lastReopening(d.Assessment); ok && d.Assessment.Completed == "" {
		b.WriteString(st.Warning.Render(truncate(l.T("tui.site.reopened_line", "On", day(l, e.At.Format(time.DateOnly)), "Date", day(l, e.Date), "Reason", textsafe.Line(e.Reason)), s.width)) + "\n")
	}
	b.WriteString("\n")
	prog := d.Progress()
	var path []string
	for _, p := range prog {
		path = append(path, stepMark(st, p)+" "+stepName(l, p.Step))
	}
	b.WriteString(strings.Join(path, st.Muted.Render(" → ")) + "\n\n")
	if e := s.earlier; e != nil {
		b.WriteString(st.Muted.Render(truncate(l.T("tui.site.earlier_round", "Date", day(l, e.Started), "Key", s.env.keysIn(s.lang).WhatChanged.Help().Key), s.width)) + "\n\n")
	}
	nameW := 0
	for _, p := range prog {
		nameW = max(nameW, ansi.StringWidth(stepName(l, p.Step)))
	}
	for i, p := range prog {
		line := fmt.Sprintf("%d %s %s", i+1, pad(stepName(l, p.Step), max(nameW, 9)), s.stepDetail(p))
		if i == s.cursor {
			// The mark stays on the cursor's row, unstyled inside the
			// reversed line.
			b.WriteString(st.Selected.Render("› "+ansiStrip(stepMark(st, p))+" "+pad(line, max(s.width-5, 10))) + "\n")
		} else {
			b.WriteString("  " + stepMark(st, p) + " " + truncate(line, max(s.width-5, 10)) + "\n")
		}
	}
	b.WriteString("\n" + st.Muted.Render(truncate(l.T("tui.site.legend"), s.width)))
	switch {
	case s.confirm.open():
		b.WriteString("\n\n" + s.confirm.view(st, s.width))
	case d.Assessment.Completed == "" && workbook.StepsDone(prog):
		b.WriteString("\n\n" + truncate(l.T("tui.site.all_done"), s.width))
	}
	return b.String()
}

// noEarlierRound says in the site's language why there is nothing to
// compare the assessment shown with.
func (s *siteScreen) noEarlierRound() string {
	if s.data.Assessment.PartnershipID == "" {
		return s.l().T("tui.changes.no_partnership")
	}
	return s.l().T("tui.changes.no_earlier")
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

// String is the status line after the report was written, in English.
func (r ReportResult) String() string { return r.Text(nil) }

// Text is the status line after the report was written, in l.
func (r ReportResult) Text(l *i18n.Lang) string {
	s := l.N("tui.site.report_written", r.Pages, "Path", r.Path)
	if r.Warnings > 0 {
		s += " · " + l.N("tui.site.report_warnings", r.Warnings)
	}
	return s
}

// reportDoneMsg is what the report hook returned, for the screen that
// asked for the report.
type reportDoneMsg struct {
	res ReportResult
	err error
}

// status is the status line in l after the report was written, or not.
func (r reportDoneMsg) status(l *i18n.Lang) tea.Cmd {
	if r.err != nil {
		return statusRefused(l.T("tui.site.no_report", "Err", r.err.Error()))
	}
	return func() tea.Msg { return statusMsg{text: r.res.Text(l), warn: r.res.Warnings > 0} }
}

// makeReport writes the PDF report through the hook, saying so in the
// status bar in l; the reportDoneMsg comes back to the screen that asked.
func makeReport(e *env, l *i18n.Lang, siteID, assessmentID string) tea.Cmd {
	hook := e.hooks.Report
	return tea.Sequence(status(l.T("tui.site.making_report")), func() tea.Msg {
		res, err := hook(siteID, assessmentID)
		return reportDoneMsg{res: res, err: err}
	})
}
