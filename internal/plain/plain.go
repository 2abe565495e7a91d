package plain

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Options configure the accessible mode.
type Options struct {
	Service *workbook.Service
	// Questionnaires are those a new site can use, the default first;
	// none hides adding a site.
	Questionnaires []*questionnaire.Questionnaire
	// Catalog holds the languages (nil is the embedded set); Lang is the
	// user's (nil is English): the list of sites speaks it, a site's
	// steps speak the site's language.
	Catalog *i18n.Catalog
	Lang    *i18n.Lang
	In      io.Reader
	Out     io.Writer
	// Echo writes each line read back after "> ", so that a transcript of
	// a scripted session reads as a conversation.
	Echo bool
}

// Run holds the conversation until q, or the end of the input. It returns
// an error only when the output cannot be written or the input cannot be
// read; what the domain refuses is said and the conversation goes on.
func Run(o Options) error {
	cat := o.Catalog
	if cat == nil {
		cat = i18n.Embedded()
	}
	user := o.Lang
	if user == nil {
		user = cat.For(i18n.Fallback)
	}
	s := &session{svc: o.Service, cat: cat, user: user, qs: o.Questionnaires, out: o.Out, in: bufio.NewReader(o.In), echo: o.Echo}
	s.say(user.T("plain.welcome"))
	s.push(newSites())
	for !s.done && s.err == nil {
		s.say(s.top().prompt())
		line, err := s.read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.say(s.lang().T("plain.end_of_input"))
				break
			}
			return err
		}
		s.handle(line)
	}
	return s.err
}

// screen is one place of the conversation: a list, a step, a statement, a
// question. The session says its prompt before each line it reads and
// hands it the lines that are not the shared commands.
type screen interface {
	// load reads what the screen shows from the store: when it is
	// reached, and again when it is come back to.
	load(s *session) error
	// show says what the screen holds (r says it again).
	show(s *session)
	// prompt says where you are and what to type, in one sentence.
	prompt() string
	// commands lists the screen's own commands now, for ?.
	commands() []command
	// answer takes one line that is not blank nor a shared command.
	answer(s *session, line string)
	// speaks is the language of the screen.
	speaks() *i18n.Lang
}

// titled is a screen with a name to come back to ("Back to the Map.").
type titled interface{ title() string }

// leaver is a screen that has something to say when b leaves it (a form:
// nothing was saved).
type leaver interface{ leave(s *session) }

// command is one command as ? lists it.
type command struct{ keys, what string }

// session is the conversation: the store, the languages, the stack of
// screens and the two streams.
type session struct {
	svc   *workbook.Service
	cat   *i18n.Catalog
	user  *i18n.Lang
	qs    []*questionnaire.Questionnaire
	out   io.Writer
	in    *bufio.Reader
	echo  bool
	stack []screen
	done  bool
	err   error // the first write that failed
}

func (s *session) top() screen { return s.stack[len(s.stack)-1] }

// lang is the language spoken now: the top screen's.
func (s *session) lang() *i18n.Lang {
	if len(s.stack) == 0 {
		return s.user
	}
	return s.top().speaks()
}

// siteLang is the language a site's steps speak: the site's own, in the
// catalogue (English when the catalogue lacks it, as the reports speak).
func (s *session) siteLang(code string) *i18n.Lang {
	if code == "" {
		return s.user
	}
	return s.cat.For(code)
}

// say writes one or more sentences as a line.
func (s *session) say(text string) {
	if s.err != nil || text == "" {
		return
	}
	if _, err := fmt.Fprintln(s.out, text); err != nil {
		s.err = err
	}
}

// read returns the next line, without its end and the spaces around it.
// A last line without an end is read; after it, io.EOF.
func (s *session) read() (string, error) {
	line, err := s.in.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	line = strings.TrimSpace(line)
	if s.echo {
		s.say("> " + line)
	}
	return line, nil
}

// push opens scr: it reads what it shows and says it. A screen that cannot
// be read says why, and the conversation stays where it was.
func (s *session) push(scr screen) {
	if err := scr.load(s); err != nil {
		s.say(scr.speaks().T("plain.read_failed", "Err", errText(err)))
		if len(s.stack) == 0 {
			s.done = true
		}
		return
	}
	s.stack = append(s.stack, scr)
	scr.show(s)
}

// replace puts scr in the place of the top screen (a question answered
// by opening what it chose).
func (s *session) replace(scr screen) {
	s.stack = s.stack[:len(s.stack)-1]
	s.push(scr)
}

// pop closes the top screen and reads the one below again, saying where
// the conversation is back to. Closing the last one ends the session.
func (s *session) pop() {
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.done = true
		return
	}
	top := s.top()
	if err := top.load(s); err != nil {
		s.say(top.speaks().T("plain.read_failed", "Err", errText(err)))
	}
	if t, ok := top.(titled); ok {
		s.say(top.speaks().T("plain.back_to", "Place", t.title()))
	}
}

// handle takes one line: the shared commands, else the top screen's.
func (s *session) handle(line string) {
	top := s.top()
	l := top.speaks()
	switch line {
	case "":
		return // the prompt is said again
	case "?":
		s.say(l.T("plain.commands"))
		for _, c := range append(top.commands(), s.shared(l)...) {
			s.say(l.T("plain.command", "Keys", c.keys, "What", c.what))
		}
	case "r":
		top.show(s)
	case "b":
		if lv, ok := top.(leaver); ok {
			lv.leave(s)
		}
		if len(s.stack) == 1 {
			s.say(l.T("plain.at_top"))
			return
		}
		s.pop()
	case "q":
		s.say(l.T("plain.goodbye"))
		s.done = true
	default:
		top.answer(s, line)
	}
}

// shared are the commands every screen has, for ?.
func (s *session) shared(l *i18n.Lang) []command {
	cs := []command{{"r", l.T("plain.cmd.read_again")}}
	if len(s.stack) > 1 {
		cs = append(cs, command{"b", l.T("plain.cmd.back")})
	}
	return append(cs, command{"q", l.T("plain.cmd.quit")}, command{l.T("plain.cmd.blank_keys"), l.T("plain.cmd.blank")})
}

// change runs fn as one transaction of the domain and says, once it is
// committed, saved; when the domain refuses it, why. It reports whether
// the change was saved.
func (s *session) change(l *i18n.Lang, fn func(c *workbook.Change) error, saved func() string) bool {
	if err := s.svc.Change(fn); err != nil {
		s.say(notSaved(l, err))
		return false
	}
	s.say(l.T("plain.saved", "What", saved()))
	return true
}

// unknown says that a line is not a command here.
func (s *session) unknown(l *i18n.Lang, line string) {
	s.say(l.T("plain.unknown", "Typed", quoteTyped(l, line)))
}

// word splits a line into its command and the rest: "j 4.6" is "j" and
// "4.6".
func word(line string) (cmd, rest string) {
	cmd, rest, _ = strings.Cut(line, " ")
	return cmd, strings.TrimSpace(rest)
}
