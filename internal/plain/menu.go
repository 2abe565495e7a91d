package plain

import "github.com/engage-toolkit/engage/internal/i18n"

// menu is a numbered list to choose one thing from: an assessment, a
// role, a directorate. pick is given the number chosen, from 0.
type menu struct {
	l     *i18n.Lang
	intro string // said before the list
	ask   string // the prompt
	items []string
	pick  func(s *session, i int)
}

func (m *menu) load(*session) error { return nil }
func (m *menu) speaks() *i18n.Lang  { return m.l }
func (m *menu) commands() []command {
	return []command{{m.l.T("plain.cmd.number_keys", "Last", len(m.items)), m.l.T("plain.cmd.choose")}}
}
func (m *menu) prompt() string { return m.ask }

func (m *menu) show(s *session) {
	s.say(m.intro)
	numbered(s, m.l, m.items)
}

func (m *menu) answer(s *session, line string) {
	i, ok := choice(line, len(m.items))
	if !ok {
		if isNumber(line) {
			outOfRange(s, m.l, line, len(m.items))
		} else {
			s.unknown(m.l, line)
		}
		return
	}
	m.pick(s, i)
}

// question asks for one line of text (a comment, a note) and hands it to
// got, which saves it and says so.
type question struct {
	l     *i18n.Lang
	intro []string // said before the question: what there is now
	ask   string
	got   func(s *session, line string)
}

func (q *question) load(*session) error { return nil }
func (q *question) speaks() *i18n.Lang  { return q.l }
func (q *question) commands() []command { return nil }
func (q *question) prompt() string      { return q.ask }
func (q *question) leave(s *session)    { s.say(q.l.T("plain.form.cancelled")) }
func (q *question) answer(s *session, line string) {
	q.got(s, line)
}

func (q *question) show(s *session) {
	for _, line := range q.intro {
		s.say(line)
	}
}
