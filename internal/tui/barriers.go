package tui

import (
	"cmp"
	"math"
	"slices"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// barriers is step 5: what the scores show (each key issue's score and
// band, the ranked barriers, contested statements, verification gaps) and
// what the facilitator writes up from it: confirmed barriers, good areas,
// areas to improve and the action plan. The figures come from
// analysis.Analyse, and the key issues' verification gaps from
// issueGaps, as on the side-by-side comparison.
type barriers struct {
	env          *env
	siteID       string
	assessmentID string

	data      *workbook.AssessmentData
	res       analysis.Result
	l         *i18n.Lang              // the site's language, for what Engage says
	lang      string                  // the assessment's, for the questionnaire's texts
	num       questionnaire.Numbering // names the statements: "4.6"
	confirmed map[string]bool         // statement ids with a confirmed-barrier finding
	today     string                  // the day actions are overdue on: the service's clock's, when read
	overdue   int                     // how many actions are overdue today: the plan shows the column when any is
	lists     [barrierSections][]bRow // what each section shows: the findings' through find
	findings  []bRow                  // every finding, in the list's order
	findHay   []string                // the findings' searchable text (searchKey), by index of findings
	find      listFilter              // / on the findings

	section    barrierSection
	win        [barrierSections]listWindow // each section's cursor and scroll
	suggestion int                         // the suggested intervention shown for the row
	confirm    confirmPrompt               // asks before the selected row is deleted
	reporting  bool                        // the PDF report is being made
	report     string                      // what the last report run gave: its path, or why not
	reportErr  bool
	spin       spinner.Model
	pending    map[string]bool // changes not yet committed, by saveJob key
	width      int
	height     int
	err        string
}

// barrierSection is one list of the barriers screen, chosen with tab.
type barrierSection int

const (
	secBarriers barrierSection = iota
	secContested
	secGaps
	secFindings
	secPlan
	barrierSections
)

// barrierSectionIDs name the sections in the catalogue.
var barrierSectionIDs = [barrierSections]string{"tui.barriers.sec.barriers", "tui.barriers.sec.contested", "tui.barriers.sec.gaps",
	"tui.barriers.sec.findings", "tui.barriers.sec.plan"}

// bRow is one row of a section: a statement, a key issue (gaps), a
// finding or an intervention.
type bRow struct {
	item    *analysis.ItemResult
	issue   *issueGap
	finding *workbook.Finding
	plan    *workbook.Intervention
}

// subject is what a finding written from the row is about, on every
// section alike: the row's statement or key issue; for a finding, what
// that finding is about; for an intervention, its key issue.
func (r bRow) subject() (keyIssueID, statementID string) {
	switch {
	case r.item != nil:
		return r.item.KeyIssueID, r.item.Statement.ID
	case r.finding != nil:
		return r.finding.KeyIssueID, r.finding.StatementID
	}
	return r.keyIssue(), ""
}

// kindOf is the kind of finding the band of a statement (or, without
// one, of a key issue) suggests; an area to improve when there is no band
// to go by.
func (b *barriers) kindOf(keyIssueID, statementID string) workbook.FindingKind {
	if statementID != "" {
		for _, it := range b.res.Items {
			if it.Statement.ID == statementID {
				_, s := it.Headline()
				return kindOfBand(s.Band)
			}
		}
		return workbook.FindingImprove
	}
	for _, is := range b.res.Issues {
		if is.KeyIssue.ID == keyIssueID && keyIssueID != "" {
			_, s := is.Headline()
			return kindOfBand(s.Band)
		}
	}
	return workbook.FindingImprove
}

func (r bRow) keyIssue() string {
	switch {
	case r.item != nil:
		return r.item.KeyIssueID
	case r.issue != nil:
		return r.issue.KeyIssue.ID
	case r.finding != nil:
		return r.finding.KeyIssueID
	case r.plan != nil:
		return r.plan.KeyIssueID
	}
	return ""
}

func newBarriers(e *env, siteID, assessmentID string) Screen {
	return &barriers{env: e, siteID: siteID, assessmentID: assessmentID, pending: map[string]bool{}}
}

func (b *barriers) Init() tea.Cmd { return loadAssessment(b.env, b.siteID, b.assessmentID) }

// Lang is the site's language, which the screen speaks.
func (b *barriers) Lang() *i18n.Lang { return b.l }

func (b *barriers) Title() string { return b.l.T("tui.barriers.title") }
func (b *barriers) Typing() bool  { return b.find.typing }

// TakesEsc: on the findings, esc takes the filter off while it is on,
// rather than going back.
func (b *barriers) TakesEsc() bool {
	return b.section == secFindings && !b.find.typing && !b.confirm.open() && b.find.on()
}

func (b *barriers) SetSize(w, h int) {
	b.width, b.height = w, h
	b.find.setWidth(w)
	b.scroll()
}

// Place is where the facilitator is, for resuming.
func (b *barriers) Place() workbook.UIState {
	return workbook.UIState{SiteID: b.siteID, AssessmentID: b.assessmentID, Screen: workbook.StepBarriers.Key()}
}

func (b *barriers) Keys() []key.Binding {
	k := b.env.keysIn(b.l)
	switch {
	case b.find.typing:
		return b.find.keys(k)
	case b.confirm.open():
		return b.confirm.keys(k)
	}
	// The actions come first: the help line is cut at the window's edge.
	var keys []key.Binding
	row, ok := b.selected()
	switch {
	case b.section == secBarriers && ok:
		keys = append(keys, k.ConfirmBarrier)
	case b.section == secFindings && ok:
		keys = append(keys, k.EditRow, k.Delete)
	case b.section == secPlan && ok:
		keys = append(keys, k.Review, k.ReviewLog, k.EditRow, k.Delete)
	}
	if b.section == secFindings && len(b.findings) > 0 {
		keys = append(keys, k.Filter)
		if b.find.on() {
			keys = append(keys, k.ClearFilter)
		}
	}
	keys = append(keys, k.Finding, k.Action)
	if ok && row.item != nil && len(row.item.Statement.Interventions) > 1 {
		keys = append(keys, k.OtherSuggestion)
	}
	if b.env.hooks.Report != nil {
		keys = append(keys, k.Report)
	}
	return append(keys, k.SideBySide, k.NextSection, k.PrevSection,
		k.Up, k.Down, k.PageDown, k.PageUp, k.Top, k.Bottom)
}

func (b *barriers) apply(d *workbook.AssessmentData) {
	b.data, b.lang = d, d.Assessment.Language
	b.today = b.env.svc.Today()
	b.overdue = workbook.CountPlan(d.Interventions, b.today).Overdue
	b.l = b.env.lang(d.Site.Language)
	q := d.Questionnaire
	b.res = analysis.Analyse(q, d.Participants, d.Responses)
	b.num = q.Numbering()
	b.confirmed = map[string]bool{}
	for _, f := range d.Findings {
		if f.Kind == workbook.FindingBarrier && f.StatementID != "" {
			b.confirmed[f.StatementID] = true
		}
	}
	var lists [barrierSections][]bRow
	for _, it := range b.res.Barriers {
		lists[secBarriers] = append(lists[secBarriers], bRow{item: &it})
	}
	var contested, gaps []analysis.ItemResult
	for _, it := range b.res.Items {
		if _, s := it.Headline(); s.Contested {
			contested = append(contested, it)
		}
		if it.Gap.Known && it.Gap.Kind != analysis.GapNone {
			gaps = append(gaps, it)
		}
	}
	slices.SortStableFunc(contested, func(x, y analysis.ItemResult) int {
		_, a := x.Headline()
		_, b := y.Headline()
		return cmp.Compare(b.SD, a.SD)
	})
	slices.SortStableFunc(gaps, func(x, y analysis.ItemResult) int {
		return cmp.Compare(math.Abs(y.Gap.Value), math.Abs(x.Gap.Value))
	})
	for _, it := range contested {
		lists[secContested] = append(lists[secContested], bRow{item: &it})
	}
	for _, ic := range issueGaps(d, b.res) {
		if ic.Gap.Known && ic.Gap.Kind != analysis.GapNone {
			lists[secGaps] = append(lists[secGaps], bRow{issue: &ic})
		}
	}
	for _, it := range gaps {
		lists[secGaps] = append(lists[secGaps], bRow{item: &it})
	}
	findings := slices.Clone(d.Findings)
	slices.SortStableFunc(findings, func(x, y workbook.Finding) int {
		return cmp.Compare(slices.Index(workbook.FindingKinds, x.Kind), slices.Index(workbook.FindingKinds, y.Kind))
	})
	keep := b.currentFinding()
	b.findings, b.findHay = nil, nil
	for _, f := range findings {
		b.findings = append(b.findings, bRow{finding: &f})
		b.findHay = append(b.findHay, b.findingKey(f))
	}
	for _, iv := range d.Interventions {
		lists[secPlan] = append(lists[secPlan], bRow{plan: &iv})
	}
	b.lists = lists
	b.filterFindings(keep)
	for s := range barrierSections {
		b.win[s].cursor = min(max(b.win[s].cursor, 0), max(len(b.lists[s])-1, 0))
	}
	b.scroll()
}

func (b *barriers) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case assessmentLoadedMsg:
		if msg.err != nil {
			b.err = msg.err.Error()
			return b, nil
		}
		b.err = ""
		b.apply(msg.data)
	case reloadMsg:
		if !b.env.saves.busy() {
			return b, b.Init()
		}
	case saveDoneMsg:
		return b, b.finished(msg.job)
	case reportDoneMsg:
		b.reporting = false
		switch {
		case msg.err != nil:
			b.report, b.reportErr = b.l.T("tui.site.no_report", "Err", msg.err.Error()), true
		default:
			b.report, b.reportErr = msg.res.Text(b.l), false
		}
		return b, msg.status(b.l)
	case spinner.TickMsg:
		if b.reporting {
			var cmd tea.Cmd
			b.spin, cmd = b.spin.Update(msg)
			return b, cmd
		}
	case tea.PasteMsg:
		if b.find.typing {
			return b, b.updateFilter(msg)
		}
	case tea.KeyPressMsg:
		if b.data == nil {
			return b, nil
		}
		if b.find.typing {
			return b, b.updateFilter(msg)
		}
		if b.confirm.open() {
			return b, b.confirm.answer(msg, b.env.keys)
		}
		return b, b.updateBrowse(msg)
	}
	return b, nil
}

// finished ends a save of this screen's and reads the store again, so the
// screen shows what was committed.
func (b *barriers) finished(j saveJob) tea.Cmd {
	if j.owner != b {
		return nil
	}
	delete(b.pending, j.key)
	return b.Init()
}

func (b *barriers) updateBrowse(msg tea.KeyPressMsg) tea.Cmd {
	k := b.env.keys
	row, ok := b.selected()
	switch {
	case key.Matches(msg, k.NextSection):
		b.setSection(b.section + 1)
	case key.Matches(msg, k.PrevSection):
		b.setSection(b.section - 1)
	case b.win[b.section].keys(msg, k, len(b.lists[b.section]), b.listRoom()):
		b.suggestion = 0
	case key.Matches(msg, k.Filter) && b.section == secFindings && len(b.findings) > 0:
		cmd := b.find.open(b.l.T("tui.barriers.filter_placeholder"), b.width-14)
		b.scroll()
		return cmd
	case key.Matches(msg, k.ClearFilter) && b.section == secFindings && b.find.on():
		b.find.clear()
		b.filterFindings(b.currentFinding())
	case key.Matches(msg, k.Left) && ok && row.item != nil:
		b.suggestion--
	case key.Matches(msg, k.Right) && ok && row.item != nil:
		b.suggestion++
	case key.Matches(msg, k.Confirm), key.Matches(msg, k.Open) && b.section == secBarriers:
		return b.confirmBarrier()
	case key.Matches(msg, k.Open), key.Matches(msg, k.Edit):
		switch {
		case ok && row.finding != nil:
			return b.open(b.findingForm(row.finding))
		case ok && row.plan != nil:
			return b.open(b.planForm(row.plan))
		}
	case key.Matches(msg, k.Review) && ok && row.plan != nil:
		return b.open(b.reviewForm(*row.plan))
	case key.Matches(msg, k.ReviewLog) && ok && row.plan != nil:
		return b.open(newReviewLog(b.env, b.l, *row.plan, b.data.Participants))
	case key.Matches(msg, k.Delete) && ok && (row.finding != nil || row.plan != nil):
		b.confirm.ask(b.l.T("tui.barriers.delete"), b.l.T("tui.map.kept"), b.deleteSelected)
	case key.Matches(msg, k.Finding):
		return b.open(b.findingForm(nil))
	case key.Matches(msg, k.Action):
		return b.open(b.planForm(nil))
	case key.Matches(msg, k.SideBySide):
		return b.open(newSideBySide(b.env, b.siteID, b.assessmentID))
	case key.Matches(msg, k.Report) && b.env.hooks.Report != nil:
		return b.makeReport()
	}
	return nil
}

// makeReport writes the PDF report as the site screen does, and keeps what
// the hook returned, to show the report's path on this screen. A spinner
// runs meanwhile.
func (b *barriers) makeReport() tea.Cmd {
	if b.reporting {
		return status(b.l.T("tui.barriers.still_writing"))
	}
	b.reporting, b.report, b.reportErr = true, "", false
	b.spin = spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(b.env.styles.Pending))
	return tea.Batch(b.spin.Tick, makeReport(b.env, b.l, b.siteID, b.data.Assessment.ID))
}

// open pushes a screen; what this screen is still saving or writing
// reaches it meanwhile.
func (b *barriers) open(s Screen) tea.Cmd {
	b.env.open(s)
	return nil
}

func (b *barriers) setSection(s barrierSection) {
	b.section = (s + barrierSections) % barrierSections
	b.confirm, b.suggestion = confirmPrompt{}, 0
	b.scroll()
}

// scroll keeps the cursor of the section in view.
func (b *barriers) scroll() { b.win[b.section].fit(len(b.lists[b.section]), b.listRoom()) }

func (b *barriers) selected() (bRow, bool) {
	l := b.lists[b.section]
	if c := b.win[b.section].cursor; c < len(l) {
		return l[c], true
	}
	return bRow{}, false
}

// confirmBarrier records the selected barrier as a confirmed-barrier
// finding about its statement.
func (b *barriers) confirmBarrier() tea.Cmd {
	row, ok := b.selected()
	if b.section != secBarriers || !ok {
		return status(b.l.T("tui.barriers.confirm_where"))
	}
	id := row.item.Statement.ID
	jobKey := "confirm/" + id
	switch {
	case b.confirmed[id]:
		return status(b.l.T("tui.barriers.already_confirmed", "Number", b.num.Number(id)))
	case b.pending[jobKey]:
		return nil
	}
	f := workbook.Finding{SiteID: b.siteID, AssessmentID: b.assessmentID, Kind: workbook.FindingBarrier,
		KeyIssueID: row.item.KeyIssueID, StatementID: id}
	b.pending[jobKey] = true
	undo := &undoStep{what: b.l.T("tui.barriers.confirmed", "Number", b.num.Number(id))}
	return b.env.save(b, saveJob{key: jobKey, what: undo.what, fn: saveFinding(undo, f), undo: undo})
}

// deleteSelected deletes the finding or intervention under the cursor.
func (b *barriers) deleteSelected() tea.Cmd {
	row, ok := b.selected()
	if !ok {
		return nil
	}
	sid, aid := b.siteID, b.assessmentID
	var j saveJob
	switch {
	case row.finding != nil:
		id := row.finding.ID
		j = saveJob{key: "finding/" + id, what: b.l.T("tui.barriers.finding_deleted")}
		j.fn, j.undo = deleteFinding(sid, aid, id, j.what)
	case row.plan != nil:
		id := row.plan.ID
		j = saveJob{key: "plan/" + id, what: b.l.T("tui.barriers.plan_deleted")}
		j.fn, j.undo = deleteIntervention(sid, aid, id, j.what)
	default:
		return nil
	}
	b.pending[j.key] = true
	return b.env.save(b, j)
}
