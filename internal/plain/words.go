package plain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// The domain's values and Engage's figures in words: what every screen of
// the mode says them with.

// errText is an error as one line of text (an error may quote a record).
func errText(err error) string { return textsafe.Line(err.Error()) }

// notSaved says in l that a change was refused, and why in the domain's
// words, with what to do when the error knows (a full disk).
func notSaved(l *i18n.Lang, err error) string {
	text := strings.TrimPrefix(errText(err), "not saved: ")
	var h interface{ Hint() string }
	if errors.As(err, &h) && h.Hint() != "" {
		return l.T("plain.not_saved_hint", "Err", text, "Hint", textsafe.Line(h.Hint()))
	}
	return l.T("plain.not_saved", "Err", text)
}

// quoteTyped quotes what someone typed, cut to a length a prompt can say.
func quoteTyped(l *i18n.Lang, s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return l.Quote(textsafe.Line(s))
}

// text is a record's text, safe to write to a terminal, on one line.
func text(s string) string { return textsafe.Line(strings.Join(strings.Fields(s), " ")) }

// andList joins parts as a sentence does in l: "a, b and c".
func andList(l *i18n.Lang, parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return l.T("plain.and_list", "Head", strings.Join(parts[:len(parts)-1], ", "), "Last", parts[len(parts)-1])
}

// wordTable names the values of one of the domain's types in l: each
// value's catalogue ID, and other, the ID of the word for a value it does
// not list (empty: a value it does not list, from a newer Engage, is said
// as it is stored).
type wordTable[V ~string] struct {
	ids   map[V]string
	other string
}

// in names v in l.
func (t wordTable[V]) in(l *i18n.Lang, v V) string {
	if id, ok := t.ids[v]; ok {
		return l.T(id)
	}
	if t.other != "" {
		return l.T(t.other)
	}
	return string(v)
}

// The words for the domain's values and Engage's figures. Sectors,
// kinds of community and statuses have the words every output uses.
var (
	// roleWords name a role level as one person of it: "a middle
	// manager".
	roleWords = wordTable[workbook.Role]{ids: map[workbook.Role]string{
		workbook.RoleSenior:    "plain.role.senior",
		workbook.RoleMiddle:    "plain.role.middle",
		workbook.RoleFrontLine: "plain.role.front_line",
		workbook.RoleCommunity: "plain.role.community",
		workbook.RolePartner:   "plain.role.partner",
	}}
	// groupWords name one person's group: "insider".
	groupWords = wordTable[workbook.Group]{ids: map[workbook.Group]string{
		workbook.Insider:  "plain.group.insider",
		workbook.Outsider: "plain.group.outsider",
	}, other: "plain.group.insider"}
	sectorWords = wordTable[workbook.Sector]{ids: map[workbook.Sector]string{
		workbook.SectorCouncil:   "sector.council",
		workbook.SectorHealth:    "sector.health",
		workbook.SectorPolice:    "sector.police",
		workbook.SectorSchools:   "sector.schools",
		workbook.SectorVoluntary: "sector.voluntary",
		workbook.SectorBusiness:  "sector.business",
		workbook.SectorResidents: "sector.residents",
	}}
	communityWords = wordTable[workbook.CommunityType]{ids: map[workbook.CommunityType]string{
		workbook.CommunityGeographical: "community.geographical",
		workbook.CommunityOfInterest:   "community.of_interest",
		workbook.CommunityUnknown:      "plain.not_known",
	}}
	// markWords name a criterion's mark.
	markWords = wordTable[workbook.Mark]{ids: map[workbook.Mark]string{
		workbook.Met:       "plain.mark.met",
		workbook.NotMet:    "plain.mark.not_met",
		workbook.Unknown:   "plain.mark.unknown",
		workbook.NotMarked: "plain.mark.not_marked",
	}}
	// statusWords name an intervention's status.
	statusWords = wordTable[workbook.Status]{ids: map[workbook.Status]string{
		workbook.StatusPlanned:    "status.planned",
		workbook.StatusInProgress: "status.in_progress",
		workbook.StatusDone:       "status.done",
		workbook.StatusDropped:    "status.dropped",
	}, other: "status.planned"}
	// kindWords name a kind of finding.
	kindWords = wordTable[workbook.FindingKind]{ids: map[workbook.FindingKind]string{
		workbook.FindingBarrier: "plain.kind.barrier",
		workbook.FindingGood:    "plain.kind.good",
		workbook.FindingImprove: "plain.kind.improve",
	}, other: "plain.kind.improve"}
	// bandPhrases name a band in a sentence: "a good area".
	bandPhrases = wordTable[analysis.Band]{ids: map[analysis.Band]string{
		analysis.BandGood:    "plain.band.good",
		analysis.BandImprove: "plain.band.improve",
		analysis.BandBarrier: "plain.band.barrier",
		analysis.BandNone:    "plain.band.none",
	}, other: "plain.band.none"}
	// whoseWords name whose a figure is: "everyone's", "the insiders'".
	whoseWords = wordTable[analysis.Population]{ids: map[analysis.Population]string{
		analysis.PopEveryone:  "plain.whose.everyone",
		analysis.PopInsiders:  "plain.whose.insiders",
		analysis.PopOutsiders: "plain.whose.outsiders",
	}, other: "plain.whose.everyone"}
)

// personName names a participant: their name when given, else their
// number in the group ("participant 4").
func personName(l *i18n.Lang, p workbook.Participant, n int) string {
	if name := text(p.Name); name != "" {
		return name
	}
	return l.T("plain.person.number", "N", n)
}

// mean is a mean as every output prints it: two decimals, rounded half
// away from zero, never across the edge of a band.
func mean(l *i18n.Lang, b questionnaire.Bands, v float64) string {
	return l.Num(analysis.ShownMean(b, v, 2), 2)
}

// answerWord says an answer in words: "4, agree", "don't know", "no
// answer".
func answerWord(l *i18n.Lang, q *questionnaire.Questionnaire, lang string, r workbook.Response) string {
	switch {
	case r.DontKnow:
		return text(q.Scale.DontKnow.In(lang))
	case r.Score > 0 && r.Score <= len(q.Scale.Labels):
		return l.T("plain.score_label", "Score", r.Score, "Label", text(q.Scale.Labels[r.Score-1].In(lang)))
	case r.Score > 0:
		return strconv.Itoa(r.Score)
	}
	return l.T("plain.no_answer")
}

// warnings says in l what a saved text contains that may point at a
// person ([analysis.TextWatch]): a sentence, or "" for nothing.
func warnings(l *i18n.Lang, ws []analysis.TextWarning) string {
	if len(ws) == 0 {
		return ""
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		found := l.Quote(textsafe.Line(w.Found))
		if w.Name {
			parts[i] = l.T("plain.warn.name", "Found", found)
			continue
		}
		who := l.T("plain.warn.insiders")
		if w.Group == workbook.Outsider {
			who = l.T("plain.warn.outsiders")
		}
		if w.Role != "" {
			who = l.T("plain.warn.role_of", "Role", roleWords.in(l, w.Role), "Group", who)
		}
		parts[i] = l.N("plain.warn.points", w.People, "Found", found, "Who", who)
	}
	return l.T("plain.warn", "List", andList(l, parts))
}

// sentence ends s with a full stop, unless it ends a sentence already.
func sentence(s string) string {
	for _, end := range []string{".", "!", "?", ":", "…"} {
		if strings.HasSuffix(s, end) {
			return s
		}
	}
	if s == "" {
		return s
	}
	return s + "."
}

// numbered lists items as sentences of their own: "1. Eastbrook pilot."
func numbered(s *session, l *i18n.Lang, items []string) {
	for i, it := range items {
		sayItem(s, l, i+1, it)
	}
}

// sayItem says the n-th item of a list as a sentence of its own.
func sayItem(s *session, l *i18n.Lang, n int, item string) {
	s.say(l.T("plain.item", "N", n, "Item", sentence(item)))
}

// choice reads a line as the number of one of n things, from 1.
func choice(line string, n int) (int, bool) {
	v, err := strconv.Atoi(line)
	if err != nil || v < 1 || v > n {
		return 0, false
	}
	return v - 1, true
}

// isNumber reports whether a line is a whole number, so that a number out
// of range is told apart from a command that does not exist.
func isNumber(line string) bool {
	_, err := strconv.Atoi(line)
	return err == nil
}

// outOfRange says that n is not one of the numbers of a list of count.
func outOfRange(s *session, l *i18n.Lang, line string, count int) {
	if count == 0 {
		s.say(l.T("plain.no_numbers", "Typed", quoteTyped(l, line)))
		return
	}
	s.say(l.T("plain.out_of_range", "Typed", quoteTyped(l, line), "Last", count))
}

// yearText is a partnership's start year, or "" when not known.
func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprint(y)
}
