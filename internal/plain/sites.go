package plain

import (
	"time"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// sites is where the conversation starts: the list of sites, in the
// user's language.
type sites struct {
	l    *i18n.Lang
	list []workbook.SiteSummary
	add  bool // a new site can be made (there is a questionnaire for it)
}

func newSites() *sites { return &sites{} }

func (h *sites) speaks() *i18n.Lang { return h.l }
func (h *sites) title() string      { return h.l.T("plain.sites.title") }

func (h *sites) load(s *session) error {
	h.l, h.add = s.user, len(s.qs) > 0
	return s.svc.Read(func(r *workbook.Reader) (err error) {
		h.list, err = r.Summaries()
		if err == nil {
			i18n.SortFunc(h.l, h.list, func(x workbook.SiteSummary) string { return x.Site.Name })
		}
		return err
	})
}

func (h *sites) show(s *session) {
	if len(h.list) == 0 {
		s.say(h.l.T("plain.sites.none"))
		return
	}
	s.say(h.l.N("plain.sites.count", len(h.list)))
	items := make([]string, len(h.list))
	for i, x := range h.list {
		items[i] = h.l.T("plain.sites.item", "Name", text(x.Site.Name), "Organisation", text(x.Site.Organisation),
			"Language", s.cat.For(x.Site.Language).T("language.name"))
	}
	numbered(s, h.l, items)
}

func (h *sites) prompt() string {
	switch {
	case len(h.list) == 0 && h.add:
		return h.l.T("plain.sites.prompt_empty")
	case h.add:
		return h.l.T("plain.sites.prompt", "Last", len(h.list))
	}
	return h.l.T("plain.sites.prompt_no_add", "Last", len(h.list))
}

func (h *sites) commands() []command {
	var cs []command
	if len(h.list) > 0 {
		cs = append(cs, command{h.l.T("plain.cmd.number_keys", "Last", len(h.list)), h.l.T("plain.sites.cmd_open")})
	}
	if h.add {
		cs = append(cs, command{"a", h.l.T("plain.sites.cmd_add")})
	}
	return cs
}

func (h *sites) answer(s *session, line string) {
	if i, ok := choice(line, len(h.list)); ok {
		s.push(newSiteScreen(h.list[i].Site.ID))
		return
	}
	switch {
	case line == "a" && h.add:
		s.push(h.siteForm(s))
	case isNumber(line):
		outOfRange(s, h.l, line, len(h.list))
	default:
		s.unknown(h.l, line)
	}
}

// siteForm makes a new site, with its first assessment, on the first
// questionnaire (or the one chosen), in the language chosen.
func (h *sites) siteForm(s *session) *form {
	l := h.l
	var langs []option
	for _, code := range s.cat.Languages() {
		langs = append(langs, option{code, s.cat.For(code).T("language.name")})
	}
	fields := []*field{
		{name: "name", label: l.T("plain.site.field_name"), required: true},
		{name: "organisation", label: l.T("plain.site.field_organisation"), required: true},
		{name: "area", label: l.T("plain.site.field_area")},
		{name: "context", label: l.T("plain.site.field_context")},
		{name: "language", label: l.T("plain.site.field_language"), kind: fieldChoice, options: langs},
	}
	if len(s.qs) > 1 {
		var qs []option
		for _, q := range s.qs {
			qs = append(qs, option{q.Hash, text(q.Title.In(l.Code())) + " (" + q.ID + " " + q.Version + ")"})
		}
		fields = append(fields, &field{name: "questionnaire", label: l.T("plain.site.field_questionnaire"), kind: fieldChoice, options: qs})
	}
	var made workbook.Site
	f := newForm(l, l.T("plain.site.form"), fields, func(v formValues) func(*workbook.Change) error {
		in := workbook.SiteInput{Name: v.text("name"), Organisation: v.text("organisation"), Area: v.text("area"),
			Context: v.text("context"), Language: v.text("language")}
		q := s.qs[0]
		if f, ok := v["questionnaire"]; ok {
			for _, cand := range s.qs {
				if cand.Hash == f.text {
					q = cand
				}
			}
		}
		return func(c *workbook.Change) (err error) {
			made, _, err = c.CreateSite(in, q)
			return err
		}
	}, func(formValues) string { return l.T("plain.site.created", "Name", text(made.Name)) })
	f.after = func(s *session) { s.push(newSiteScreen(made.ID)) }
	return f
}

// siteScreen is one site: its assessment and the five steps, with how far
// each has got. It speaks the site's language.
type siteScreen struct {
	id          string
	assessment  string // "" is the current one
	l           *i18n.Lang
	data        *workbook.AssessmentData
	assessments []workbook.Assessment
}

func newSiteScreen(id string) *siteScreen { return &siteScreen{id: id} }

func (st *siteScreen) speaks() *i18n.Lang { return st.l }
func (st *siteScreen) title() string {
	return st.l.T("plain.site.title", "Name", text(st.data.Site.Name))
}

func (st *siteScreen) load(s *session) error {
	err := s.svc.Read(func(r *workbook.Reader) (err error) {
		if st.data, err = r.LoadAssessment(st.id, st.assessment); err != nil {
			return err
		}
		st.assessments, err = r.Assessments(st.id)
		return err
	})
	if err == nil {
		st.l = s.siteLang(st.data.Site.Language)
	} else if st.l == nil {
		st.l = s.user
	}
	return err
}

func (st *siteScreen) show(s *session) {
	d, l := st.data, st.l
	a := d.Assessment
	place := 0
	for i, x := range st.assessments {
		if x.ID == a.ID {
			place = i
		}
	}
	state := l.T("plain.site.in_progress")
	if a.Completed != "" {
		state = l.T("plain.site.completed", "Date", day(l, a.Completed))
	}
	s.say(l.T("plain.site.heading", "Name", text(d.Site.Name), "Organisation", text(d.Site.Organisation)))
	s.say(l.T("plain.site.assessment", "Place", place+1, "Total", len(st.assessments), "Title", st.assessmentTitle(a),
		"Started", day(l, a.Started), "State", state))
	s.say(l.T("plain.site.steps"))
	prog := d.Progress()
	items := make([]string, len(prog))
	for i, p := range prog {
		items[i] = l.T("plain.site.step_item", "Step", stepName(l, p.Step), "Detail", st.detail(p))
	}
	numbered(s, l, items)
}

func (st *siteScreen) assessmentTitle(a workbook.Assessment) string {
	if t := text(a.Title); t != "" {
		return t
	}
	return st.l.T("plain.site.untitled")
}

// detail says what is done in a step.
func (st *siteScreen) detail(p workbook.StepProgress) string {
	d, l := st.data, st.l
	switch p.Step {
	case workbook.StepMap:
		return l.N("plain.site.detail_map", p.Done)
	case workbook.StepSelect:
		chosen := l.T("plain.site.none_chosen")
		if d.Partnership != nil {
			chosen = l.T("plain.site.chosen", "Title", text(d.Partnership.Title))
		}
		return l.T("plain.site.detail_select", "Done", p.Done, "Total", p.Total, "Chosen", chosen)
	case workbook.StepWorkbook, workbook.StepVerify:
		n := 0
		for _, x := range d.Participants {
			if (x.Group == workbook.Outsider) == (p.Step == workbook.StepVerify) {
				n++
			}
		}
		people := l.N("plain.site.n_insiders", n)
		if p.Step == workbook.StepVerify {
			people = l.N("plain.site.n_outsiders", n)
		}
		return l.T("plain.site.detail_answers", "Done", p.Done, "Total", p.Total, "People", people)
	}
	return l.T("plain.site.detail_barriers", "Findings", l.N("plain.site.n_findings", len(d.Findings)),
		"Actions", l.N("plain.site.n_actions", len(d.Interventions)))
}

func (st *siteScreen) prompt() string {
	if len(st.assessments) > 1 {
		return st.l.T("plain.site.prompt_other", "Name", text(st.data.Site.Name))
	}
	return st.l.T("plain.site.prompt", "Name", text(st.data.Site.Name))
}

func (st *siteScreen) commands() []command {
	cs := []command{{st.l.T("plain.cmd.number_keys", "Last", len(workbook.Steps)), st.l.T("plain.site.cmd_step")}}
	if len(st.assessments) > 1 {
		cs = append(cs, command{"o", st.l.T("plain.site.cmd_other")})
	}
	return cs
}

func (st *siteScreen) answer(s *session, line string) {
	if i, ok := choice(line, len(workbook.Steps)); ok {
		sid, aid := st.data.Site.ID, st.data.Assessment.ID
		switch workbook.Steps[i] {
		case workbook.StepMap:
			s.push(newMapStep(sid))
		case workbook.StepSelect:
			s.push(newSelectStep(sid, aid))
		case workbook.StepWorkbook:
			s.push(newPeople(sid, aid, workbook.Insider))
		case workbook.StepVerify:
			s.push(newPeople(sid, aid, workbook.Outsider))
		default:
			s.push(newBarriers(sid, aid))
		}
		return
	}
	switch {
	case line == "o" && len(st.assessments) > 1:
		items := make([]string, len(st.assessments))
		for i, a := range st.assessments {
			items[i] = st.l.T("plain.site.assessment_item", "Title", st.assessmentTitle(a), "Started", day(st.l, a.Started))
		}
		s.push(&menu{l: st.l, intro: st.l.N("plain.site.assessments", len(items)), ask: st.l.T("plain.site.prompt_assessment", "Last", len(items)),
			items: items, pick: func(s *session, i int) {
				st.assessment = st.assessments[i].ID
				s.pop()
				st.show(s)
			}})
	case isNumber(line):
		outOfRange(s, st.l, line, len(workbook.Steps))
	default:
		s.unknown(st.l, line)
	}
}

// stepIDs name the five steps.
var stepIDs = map[workbook.Step]string{
	workbook.StepMap:      "plain.step.map",
	workbook.StepSelect:   "plain.step.select",
	workbook.StepWorkbook: "plain.step.workbook",
	workbook.StepVerify:   "plain.step.verify",
	workbook.StepBarriers: "plain.step.barriers",
}

func stepName(l *i18n.Lang, st workbook.Step) string { return l.T(stepIDs[st]) }

// day writes a YYYY-MM-DD date as l writes a day ("2 March 2026");
// anything else as it is.
func day(l *i18n.Lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return text(date)
	}
	return l.Date(t)
}
