package plain

import (
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// people is the way into steps 3 and 4: the participants of one group
// (insiders for the workbook dialogue, outsiders for verification), to
// choose whom to score for, and adding one.
type people struct {
	siteID, aid string
	group       workbook.Group
	l           *i18n.Lang
	list        []workbook.Participant
	answered    map[string]int
	statements  int // how many statements the group scores
}

func newPeople(siteID, aid string, g workbook.Group) *people {
	return &people{siteID: siteID, aid: aid, group: g}
}

func (p *people) speaks() *i18n.Lang { return p.l }

// step names the step the group's scoring is.
func (p *people) step() string {
	if p.group == workbook.Outsider {
		return stepName(p.l, workbook.StepVerify)
	}
	return stepName(p.l, workbook.StepWorkbook)
}

func (p *people) title() string {
	return p.l.T("plain.people.title", "Step", p.step(), "People", p.count())
}

func (p *people) count() string {
	if p.group == workbook.Outsider {
		return p.l.N("plain.site.n_outsiders", len(p.list))
	}
	return p.l.N("plain.site.n_insiders", len(p.list))
}

func (p *people) load(s *session) error {
	d, l, err := loadAssessment(s, p.siteID, p.aid)
	p.l = l
	if err != nil {
		return err
	}
	p.list = p.list[:0]
	for _, x := range d.Participants {
		if x.Group == p.group {
			p.list = append(p.list, x)
		}
	}
	p.answered = map[string]int{}
	for _, r := range d.Responses {
		if r.Answered() {
			p.answered[r.ParticipantID]++
		}
	}
	p.statements = len(statementsOf(d.Questionnaire, p.group))
	return nil
}

func (p *people) show(s *session) {
	l := p.l
	s.say(l.T("plain.people.heading", "Step", p.step(), "People", p.count()))
	items := make([]string, len(p.list))
	for i, x := range p.list {
		items[i] = l.T("plain.people.item", "Name", personName(l, x, i+1), "Role", roleWords.in(l, x.Role),
			"Answered", p.answered[x.ID], "Total", p.statements)
	}
	numbered(s, l, items)
}

func (p *people) prompt() string {
	ids := [2][2]string{{"plain.people.prompt_insiders", "plain.people.prompt_insiders_none"},
		{"plain.people.prompt_outsiders", "plain.people.prompt_outsiders_none"}}
	g, none := 0, 0
	if p.group == workbook.Outsider {
		g = 1
	}
	if len(p.list) == 0 {
		none = 1
	}
	id := ids[g][none]
	return p.l.T(id, "Step", p.step(), "Last", len(p.list))
}

func (p *people) commands() []command {
	l := p.l
	var cs []command
	if len(p.list) > 0 {
		cs = append(cs, command{l.T("plain.cmd.number_keys", "Last", len(p.list)), l.T("plain.people.cmd_score")})
	}
	return append(cs, command{"a", l.T("plain.people.cmd_add", "Group", groupWords.in(l, p.group))})
}

func (p *people) answer(s *session, line string) {
	if i, ok := choice(line, len(p.list)); ok {
		s.push(newScoring(p.siteID, p.aid, p.group, p.list[i].ID, i+1))
		return
	}
	switch {
	case line == "a":
		s.push(p.addForm())
	case isNumber(line):
		outOfRange(s, p.l, line, len(p.list))
	default:
		s.unknown(p.l, line)
	}
}

// addForm adds a participant of the group: a name (optional), a role
// level, an organisation (optional).
func (p *people) addForm() *form {
	l := p.l
	order := []workbook.Role{workbook.RoleSenior, workbook.RoleMiddle, workbook.RoleFrontLine, workbook.RoleCommunity, workbook.RolePartner}
	if p.group == workbook.Outsider {
		order = []workbook.Role{workbook.RoleCommunity, workbook.RolePartner, workbook.RoleSenior, workbook.RoleMiddle, workbook.RoleFrontLine}
	}
	var roles []option
	for _, r := range order {
		roles = append(roles, option{string(r), roleWords.in(l, r)})
	}
	fields := []*field{
		{name: "name", label: l.T("plain.people.field_name")},
		{name: "role level", label: l.T("plain.people.field_role"), kind: fieldChoice, options: roles},
		{name: "organisation", label: l.T("plain.people.field_organisation")},
	}
	n := len(p.list) + 1
	var made workbook.Participant
	f := newForm(l, l.T("plain.people.form", "Group", groupWords.in(l, p.group)), fields, func(v formValues) func(*workbook.Change) error {
		x := workbook.Participant{SiteID: p.siteID, AssessmentID: p.aid, Group: p.group, Name: v.text("name"),
			Role: workbook.Role(v.text("role level")), Organisation: v.text("organisation")}
		return func(c *workbook.Change) (err error) {
			made, err = c.SaveParticipant(x)
			return err
		}
	}, func(formValues) string {
		return l.T("plain.people.added", "Group", groupWords.in(l, p.group), "N", n, "Name", personName(l, made, n), "Role", roleWords.in(l, made.Role))
	})
	f.context = []string{l.T("plain.people.names_note")}
	return f
}
