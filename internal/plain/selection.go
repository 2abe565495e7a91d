package plain

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// selectStep is step 2: the criteria, the partnerships with how each
// stands against them, and the one chosen for the assessment.
type selectStep struct {
	siteID, aid string
	data        *workbook.AssessmentData
	l           *i18n.Lang
	lang        string // the assessment's, for the criteria's texts
	ps          []workbook.Partnership
	meetingAll  int
}

func newSelectStep(siteID, aid string) *selectStep { return &selectStep{siteID: siteID, aid: aid} }

func (st *selectStep) speaks() *i18n.Lang { return st.l }
func (st *selectStep) title() string      { return st.l.T("plain.select.title") }

func (st *selectStep) load(s *session) error {
	d, l, err := loadAssessment(s, st.siteID, st.aid)
	st.l = l
	if err != nil {
		return err
	}
	st.data, st.lang = d, d.Assessment.Language
	st.ps = slices.Clone(d.Partnerships)
	coll := st.l.Collator()
	slices.SortStableFunc(st.ps, func(a, b workbook.Partnership) int {
		return cmp.Or(coll.CompareString(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
	})
	_, st.meetingAll = analysis.CountCriteria(d.Questionnaire.Criteria, st.ps)
	return nil
}

// loadAssessment reads an assessment with everything recorded for it, and
// the language its site speaks (the user's when it cannot be read).
func loadAssessment(s *session, siteID, aid string) (*workbook.AssessmentData, *i18n.Lang, error) {
	var d *workbook.AssessmentData
	err := s.svc.Read(func(r *workbook.Reader) (err error) {
		d, err = r.LoadAssessment(siteID, aid)
		return err
	})
	if err != nil {
		return nil, s.user, err
	}
	return d, s.siteLang(d.Site.Language), nil
}

func (st *selectStep) show(s *session) {
	l, d := st.l, st.data
	s.say(l.N("plain.select.heading", len(d.Questionnaire.Criteria), "Partnerships", l.N("plain.select.n_partnerships", len(st.ps))))
	if d.Partnership != nil {
		s.say(l.T("plain.select.chosen", "Title", text(d.Partnership.Title)))
		if r := text(d.Assessment.SelectionReason); r != "" {
			s.say(l.T("plain.select.reason", "Reason", r))
		}
	} else {
		s.say(l.T("plain.select.none_chosen"))
	}
	s.say(l.N("plain.select.meeting_all", st.meetingAll))
}

func (st *selectStep) prompt() string {
	if len(st.ps) == 0 {
		return st.l.T("plain.select.prompt_none")
	}
	return st.l.T("plain.select.prompt", "Last", len(st.ps))
}

func (st *selectStep) commands() []command {
	l := st.l
	return []command{
		{l.T("plain.cmd.number_keys", "Last", len(st.ps)), l.T("plain.select.cmd_open")},
		{"l", l.T("plain.select.cmd_list")},
		{"f", l.T("plain.select.cmd_meeting_all")},
		{"c", l.T("plain.select.cmd_criteria")},
	}
}

func (st *selectStep) answer(s *session, line string) {
	if i, ok := choice(line, len(st.ps)); ok {
		s.push(&criteriaStep{sel: st, pid: st.ps[i].ID, place: i + 1})
		return
	}
	l := st.l
	switch {
	case line == "l" || line == "f":
		n := 0
		for i, p := range st.ps {
			if line == "f" && !analysis.MeetsAll(st.data.Questionnaire.Criteria, p) {
				continue
			}
			n++
			sayItem(s, l, i+1, l.T("plain.select.partnership_item", "Title", text(p.Title), "Meets", st.meets(p)))
		}
		if n == 0 {
			s.say(l.T("plain.select.none_listed"))
		}
	case line == "c":
		for i, c := range st.data.Questionnaire.Criteria {
			item := text(c.Text.In(st.lang))
			if h := text(c.Help.In(st.lang)); h != "" {
				item = l.T("plain.select.criterion_item", "Text", item, "Help", h)
			}
			sayItem(s, l, i+1, item)
		}
	case isNumber(line):
		outOfRange(s, l, line, len(st.ps))
	default:
		s.unknown(l, line)
	}
}

// meets says how p stands against the criteria: "meets 5 of 7 criteria;
// not met: 3; unknown: 6; not marked yet: 7".
func (st *selectStep) meets(p workbook.Partnership) string {
	l := st.l
	met := 0
	var not, unknown, unmarked []string
	for i, c := range st.data.Questionnaire.Criteria {
		n := strconv.Itoa(i + 1)
		switch p.Criteria[c.ID].Mark {
		case workbook.Met:
			met++
		case workbook.NotMet:
			not = append(not, n)
		case workbook.Unknown:
			unknown = append(unknown, n)
		default:
			unmarked = append(unmarked, n)
		}
	}
	out := l.N("plain.select.meets", len(st.data.Questionnaire.Criteria), "Met", met)
	for _, part := range []struct {
		id   string
		list []string
	}{{"plain.select.meets_not", not}, {"plain.select.meets_unknown", unknown}, {"plain.select.meets_unmarked", unmarked}} {
		if len(part.list) > 0 {
			out += "; " + l.T(part.id, "List", andList(l, part.list))
		}
	}
	return out
}

// criteriaStep is one partnership of Select: its marks, marking them,
// and choosing it for the assessment.
type criteriaStep struct {
	sel   *selectStep
	pid   string
	place int
	p     workbook.Partnership
}

func (cs *criteriaStep) speaks() *i18n.Lang { return cs.sel.l }
func (cs *criteriaStep) title() string      { return text(cs.p.Title) }

func (cs *criteriaStep) load(s *session) error {
	if err := cs.sel.load(s); err != nil {
		return err
	}
	for _, p := range cs.sel.ps {
		if p.ID == cs.pid {
			cs.p = p
			return nil
		}
	}
	return &workbook.NotFoundError{Kind: "partnership", Ref: cs.pid}
}

func (cs *criteriaStep) criteria() []questionnaire.Criterion {
	return cs.sel.data.Questionnaire.Criteria
}

func (cs *criteriaStep) show(s *session) {
	l, lang := cs.sel.l, cs.sel.lang
	s.say(l.T("plain.select.partnership_heading", "Place", cs.place, "Total", len(cs.sel.ps), "About", describePartnership(l, cs.p)))
	if cs.sel.data.Assessment.PartnershipID == cs.p.ID {
		s.say(l.T("plain.select.is_chosen"))
	}
	s.say(cs.sel.l.T("plain.select.stands", "Meets", cs.sel.meets(cs.p)))
	items := make([]string, len(cs.criteria()))
	for i, c := range cs.criteria() {
		m := cs.p.Criteria[c.ID]
		item := l.T("plain.select.mark_item", "Text", text(c.Text.In(lang)), "Mark", markWords.in(l, m.Mark))
		if sug := analysis.SuggestOngoing(c, cs.p); m.Mark == workbook.NotMarked && sug != workbook.NotMarked {
			item += " " + l.T("plain.select.suggested", "Mark", markWords.in(l, sug))
		}
		if n := text(m.Note); n != "" {
			item += " " + l.T("plain.select.note", "Note", n)
		}
		items[i] = item
	}
	numbered(s, l, items)
}

func (cs *criteriaStep) prompt() string {
	return cs.sel.l.T("plain.select.partnership_prompt", "Title", text(cs.p.Title))
}

func (cs *criteriaStep) commands() []command {
	l := cs.sel.l
	return []command{
		{"m", l.T("plain.select.cmd_mark_all")},
		{l.T("plain.select.cmd_mark_one_keys", "Last", len(cs.criteria())), l.T("plain.select.cmd_mark_one")},
		{"s", l.T("plain.select.cmd_choose")},
	}
}

func (cs *criteriaStep) answer(s *session, line string) {
	l := cs.sel.l
	cmd, rest := word(line)
	switch {
	case cmd == "m" && rest == "":
		from := 0
		for i, c := range cs.criteria() {
			if !cs.p.Criteria[c.ID].Mark.Marked() {
				from = i
				break
			}
		}
		s.push(&markStep{cs: cs, i: from, walk: true})
	case cmd == "m":
		i, ok := choice(rest, len(cs.criteria()))
		if !ok {
			outOfRange(s, l, rest, len(cs.criteria()))
			return
		}
		s.push(&markStep{cs: cs, i: i})
	case line == "s":
		s.push(cs.chooseForm())
	default:
		s.unknown(l, line)
	}
}

// chooseForm chooses the partnership for the assessment and asks why.
func (cs *criteriaStep) chooseForm() *form {
	l, st := cs.sel.l, cs.sel
	fields := []*field{{name: "selection reason", label: l.T("plain.select.field_reason")}}
	f := newForm(l, l.T("plain.select.form", "Title", text(cs.p.Title)), fields, func(v formValues) func(*workbook.Change) error {
		return func(c *workbook.Change) error {
			_, err := c.SelectPartnership(st.siteID, st.aid, cs.p.ID, v.text("selection reason"))
			return err
		}
	}, func(formValues) string { return l.T("plain.select.chosen_saved", "Title", text(cs.p.Title)) })
	f.context = []string{cs.sel.l.T("plain.select.stands", "Meets", cs.sel.meets(cs.p))}
	return f
}

// markStep marks criteria of one partnership: one, or each in turn from
// the first not marked (walk).
type markStep struct {
	cs   *criteriaStep
	i    int
	walk bool
}

func (ms *markStep) speaks() *i18n.Lang  { return ms.cs.sel.l }
func (ms *markStep) load(*session) error { return nil }
func (ms *markStep) criterion() questionnaire.Criterion {
	return ms.cs.criteria()[ms.i]
}

func (ms *markStep) show(s *session) {
	l, lang, c := ms.cs.sel.l, ms.cs.sel.lang, ms.criterion()
	s.say(l.T("plain.select.criterion_heading", "N", ms.i+1, "Total", len(ms.cs.criteria()), "Text", text(c.Text.In(lang))))
	if h := text(c.Help.In(lang)); h != "" {
		s.say(h)
	}
	if n := text(ms.cs.p.Criteria[c.ID].Note); n != "" {
		s.say(l.T("plain.select.note", "Note", n))
	}
}

// suggestion is the mark the domain suggests for a criterion not marked
// yet ("ongoing", from the start year), or NotMarked.
func (ms *markStep) suggestion() workbook.Mark {
	if ms.cs.p.Criteria[ms.criterion().ID].Mark.Marked() {
		return workbook.NotMarked
	}
	return analysis.SuggestOngoing(ms.criterion(), ms.cs.p)
}

func (ms *markStep) prompt() string {
	l, c := ms.cs.sel.l, ms.criterion()
	p := l.T("plain.select.mark_prompt", "Title", text(ms.cs.p.Title), "N", ms.i+1, "Total", len(ms.cs.criteria()),
		"Mark", markWords.in(l, ms.cs.p.Criteria[c.ID].Mark))
	if sug := ms.suggestion(); sug != workbook.NotMarked {
		p += " " + l.T("plain.select.mark_prompt_suggestion", "Mark", markWords.in(l, sug))
	}
	return p
}

func (ms *markStep) commands() []command {
	l := ms.cs.sel.l
	cs := []command{{"y", l.T("plain.mark.met")}, {"n", l.T("plain.mark.not_met")}, {"u", l.T("plain.select.cmd_unknown")},
		{"x", l.T("plain.select.cmd_clear")}, {"s", l.T("plain.select.cmd_skip")}}
	if ms.suggestion() != workbook.NotMarked {
		cs = append(cs, command{"o", l.T("plain.select.cmd_suggestion")})
	}
	return cs
}

func (ms *markStep) answer(s *session, line string) {
	l, st := ms.cs.sel.l, ms.cs.sel
	var mk workbook.Mark
	switch line {
	case "y":
		mk = workbook.Met
	case "n":
		mk = workbook.NotMet
	case "u":
		mk = workbook.Unknown
	case "x":
		mk = workbook.NotMarked
	case "o":
		if mk = ms.suggestion(); mk == workbook.NotMarked {
			s.unknown(l, line)
			return
		}
	case "s":
		ms.next(s)
		return
	default:
		s.unknown(l, line)
		return
	}
	c := ms.criterion()
	val := workbook.CriterionMark{Mark: mk, Note: ms.cs.p.Criteria[c.ID].Note}
	var saved workbook.Partnership
	ok := s.change(l, func(ch *workbook.Change) (err error) {
		saved, err = ch.SetCriterion(st.siteID, ms.cs.p.ID, c.ID, val)
		return err
	}, func() string {
		return l.T("plain.select.marked", "Title", text(ms.cs.p.Title), "N", ms.i+1, "Mark", markWords.in(l, mk))
	})
	if ok {
		ms.cs.p = saved
		ms.next(s)
	}
}

// next goes on to the next criterion when walking, else back to the
// partnership.
func (ms *markStep) next(s *session) {
	if !ms.walk || ms.i == len(ms.cs.criteria())-1 {
		if ms.walk {
			s.say(ms.cs.sel.l.T("plain.select.last_criterion"))
		}
		s.pop()
		return
	}
	ms.i++
	ms.show(s)
}
