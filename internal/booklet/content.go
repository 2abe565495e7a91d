package booklet

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// ErrNoData is returned when the input has no assessment or no
// questionnaire.
var ErrNoData = errors.New("booklet: no assessment data")

// Input is what booklets and the guide are made from.
type Input struct {
	// Data is the assessment, with its site, questionnaire and records.
	Data *workbook.AssessmentData
	// Earlier is the latest earlier assessment of the same partnership,
	// or nil: the guide marks the statements contested in it.
	Earlier *workbook.AssessmentData
	// Group is whose booklets they are: insiders answer every statement,
	// outsiders the verification set.
	Group workbook.Group
	// Booklets are the booklets to print, in order
	// ([workbook.Change.IssueBooklets]).
	Booklets []workbook.IssuedBooklet
}

// Options tune a booklet or a guide.
type Options struct {
	// Paper is [pdffont.PaperA4] (the default when empty) or
	// [pdffont.PaperLetter].
	Paper string
	// Lang is the language of the words and the statements, a BCP 47 tag
	// the catalogue has; empty means the assessment's language.
	Lang string
	// Catalog holds the words; nil is [i18n.Embedded].
	Catalog *i18n.Catalog
	// LargePrint sets every text at 16 pt or more, with bigger boxes.
	LargePrint bool
	// Names prints a participant's name on the cover of their booklet.
	// Without it a booklet carries its number only: a booklet may be left
	// on a table.
	Names bool
	// Date is the day of the session, printed on the cover; the zero time
	// leaves a line to write it on.
	Date time.Time
	// Minutes is the length of the session the guide plans, 0 for
	// [DefaultMinutes].
	Minutes int
}

// The session lengths a guide plans for, in minutes.
const (
	DefaultMinutes = 150
	MinMinutes     = 90
	MaxMinutes     = 240
)

// Result says what was written.
type Result struct {
	// Pages is the number of pages written (of a PDF; 1 for HTML).
	Pages int
	// Markers counts the characters replaced by a marker because the
	// fonts cannot draw them (PDF only).
	Markers int
}

// content is what the booklets of one group say, made once in one
// language for every output: the PDF and the HTML format it, they do not
// decide it.
type content struct {
	l         *i18n.Lang
	lang      string // the language of the questionnaire's texts
	langTag   string // the document's language (en-GB, it-IT)
	q         *questionnaire.Questionnaire
	group     workbook.Group
	title     string // "Self-assessment booklet"
	kind      string // "Insiders' booklet"
	qTitle    text
	site      string
	org       string
	partner   string
	date      string // "" leaves a line to write it on
	dateLabel string
	// The cover's sections.
	about    []string
	howTitle string
	how      []string
	// howScreen is how to answer on screen (the HTML edition).
	howScreen []string
	whoTitle  string
	who       []string
	// role is the question a blank booklet asks, so that the typist knows
	// the role level of the person who filled it in.
	role        string
	roleOptions []string
	roles       []workbook.Role
	issues      []issueBlock
	scale       []text // the scale's labels, from 1
	dontKnow    text
	comment     string // "Comment (optional)"
	thanks      string
	reversed    string
	statements  int
	keyIssueFmt func(n int, title string) string
}

// text is a questionnaire's text in the language it is shown in: the
// booklet's, or English when the questionnaire lacks a translation (the
// HTML marks such a passage with its own lang).
type text struct {
	s    string
	lang string
}

// issueBlock is one key issue of the booklet with its statements.
type issueBlock struct {
	n           int
	title       text
	description text
	items       []item
}

// item is one statement as the booklet prints it.
type item struct {
	id       string
	number   string // "1.1"
	text     text
	help     text
	reversed bool
}

// prepare checks the input and options and fills in the defaults.
func prepare(in Input, opts *Options) (*i18n.Lang, error) {
	if in.Data == nil || in.Data.Questionnaire == nil {
		return nil, ErrNoData
	}
	if !slices.Contains(workbook.Groups, in.Group) {
		return nil, fmt.Errorf("booklet: no group %q (insider or outsider)", in.Group)
	}
	paper, err := pdffont.Paper(opts.Paper)
	if err != nil {
		return nil, fmt.Errorf("booklet: %w", err)
	}
	opts.Paper = paper
	if opts.Lang == "" {
		opts.Lang = in.Data.Assessment.Language
	}
	if opts.Lang == "" {
		opts.Lang = questionnaire.English
	}
	if opts.Catalog == nil {
		opts.Catalog = i18n.Embedded()
	}
	if !opts.Catalog.Has(opts.Lang) {
		return nil, fmt.Errorf("booklet: no texts in %q (there are %s)", opts.Lang, strings.Join(opts.Catalog.Languages(), ", "))
	}
	if opts.Minutes == 0 {
		opts.Minutes = DefaultMinutes
	}
	if opts.Minutes < MinMinutes || opts.Minutes > MaxMinutes {
		return nil, fmt.Errorf("booklet: a session of %d minutes (plan %d to %d)", opts.Minutes, MinMinutes, MaxMinutes)
	}
	if in.Data.Questionnaire.Scale.Points < 2 {
		return nil, fmt.Errorf("booklet: the questionnaire's scale has %d points", in.Data.Questionnaire.Scale.Points)
	}
	return opts.Catalog.For(opts.Lang), nil
}

// textIn returns t in lang, saying which language it is in.
func textIn(t questionnaire.Text, lang string) text {
	s := t.In(lang)
	for l := lang; l != ""; {
		if v, ok := t[l]; ok && v == s && v != "" {
			return text{s: s, lang: lang}
		}
		i := strings.LastIndex(l, "-")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return text{s: s, lang: questionnaire.English}
}

// groupStatements returns the statements group g answers.
func groupStatements(q *questionnaire.Questionnaire, g workbook.Group) []questionnaire.Statement {
	if g == workbook.Outsider {
		return q.VerificationStatements()
	}
	return q.Statements()
}

// roleWord names a role level, as every output does.
func roleWord(l *i18n.Lang, r workbook.Role) string {
	return l.T("role." + strings.ReplaceAll(string(r), "-", "_"))
}

// newContent makes what the booklets of in.Group say in l.
func newContent(in Input, opts Options, l *i18n.Lang) *content {
	d, q := in.Data, in.Data.Questionnaire
	c := &content{l: l, lang: opts.Lang, langTag: l.T("language.tag"), q: q, group: in.Group}
	c.title = l.T("booklet.title")
	c.qTitle = textIn(q.Title, c.lang)
	c.site = d.Site.Name
	c.org = d.Site.Organisation
	if d.Site.Area != "" {
		c.org += " · " + d.Site.Area
	}
	c.partner = l.T("booklet.no_partnership")
	if d.Partnership != nil {
		c.partner = d.Partnership.Title
	}
	c.dateLabel = l.T("booklet.date")
	if !opts.Date.IsZero() {
		c.date = l.Date(opts.Date)
	}
	sts := groupStatements(q, in.Group)
	c.statements = len(sts)
	points := q.Scale.Points
	low, high := textIn(q.Scale.Labels[0], c.lang).s, textIn(q.Scale.Labels[points-1], c.lang).s
	dk := textIn(q.Scale.DontKnow, c.lang).s
	if in.Group == workbook.Outsider {
		c.kind = l.T("booklet.kind_outsiders")
		c.about = []string{l.N("booklet.about_outsiders", len(sts))}
	} else {
		c.kind = l.T("booklet.kind_insiders")
		c.about = []string{l.N("booklet.about_insiders", len(sts))}
	}
	c.howTitle = l.T("booklet.how_title")
	c.how = []string{
		l.T("booklet.how_tick", "Points", points, "Low", low, "High", high),
		l.T("booklet.how_dont_know", "DontKnow", dk),
		l.T("booklet.how_help"),
		l.T("booklet.how_comment"),
		l.T("booklet.how_change"),
		l.T("booklet.how_no_wrong"),
	}
	c.howScreen = []string{
		l.T("booklet.how_choose", "Points", points, "Low", low, "High", high),
		l.T("booklet.how_dont_know_screen", "DontKnow", dk),
		l.T("booklet.how_help"),
		l.T("booklet.how_comment"),
		l.T("booklet.how_change_screen"),
		l.T("booklet.how_no_wrong"),
	}
	c.whoTitle = l.T("booklet.who_title")
	c.who = []string{
		l.T("booklet.who_typed_in"),
		l.T("booklet.who_figures", "Min", analysis.MinRespondents),
		l.T("booklet.who_comments", "Min", analysis.MinRespondents),
		l.T("booklet.who_names"),
	}
	if in.Group == workbook.Outsider {
		c.who = append(c.who, l.T("booklet.who_outsiders"))
	}
	c.role = l.T("booklet.role_question")
	c.roles = workbook.GroupRoles(in.Group)
	for _, r := range c.roles {
		c.roleOptions = append(c.roleOptions, roleWord(l, r))
	}
	for _, lb := range q.Scale.Labels {
		c.scale = append(c.scale, textIn(lb, c.lang))
	}
	c.dontKnow = textIn(q.Scale.DontKnow, c.lang)
	c.comment = l.T("booklet.comment")
	c.thanks = l.T("booklet.thanks")
	c.reversed = l.T("booklet.reversed")
	c.keyIssueFmt = func(n int, title string) string { return l.T("booklet.key_issue", "N", n, "Title", title) }
	numbers := q.Numbering()
	in2 := map[string]bool{}
	for _, st := range sts {
		in2[st.ID] = true
	}
	for k, ki := range q.KeyIssues {
		b := issueBlock{n: k + 1, title: textIn(ki.Title, c.lang), description: textIn(ki.Description, c.lang)}
		for _, st := range ki.Statements {
			if !in2[st.ID] {
				continue
			}
			b.items = append(b.items, item{id: st.ID, number: numbers.Number(st.ID), text: textIn(st.Text, c.lang),
				help: textIn(st.Help, c.lang), reversed: st.Reverse})
		}
		if len(b.items) > 0 {
			c.issues = append(c.issues, b)
		}
	}
	return c
}

// numberLabel is how every page names a booklet: "Booklet 7".
func (c *content) numberLabel(n int) string { return c.l.T("booklet.number", "Number", n) }

// nameOf is what a booklet's cover says of whose it is: the name with
// Names, else nothing (the number is enough to type it in).
func nameOf(b workbook.IssuedBooklet, opts Options) string {
	if opts.Names && b.Participant.ID != "" {
		return b.Participant.Name
	}
	return ""
}
