package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// startFlowIn is startFlow for a facilitator whose language is l.
func startFlowIn(t *testing.T, svc *workbook.Service, q *questionnaire.Questionnaire, w, h int, l *i18n.Lang) *flow {
	t.Helper()
	m, err := New(Options{Service: svc, Questionnaires: []*questionnaire.Questionnaire{q}, Dark: true, Lang: l})
	if err != nil {
		t.Fatal(err)
	}
	f := &frames{m: m}
	tm := teatest.NewTestModel(t, f, teatest.WithInitialTermSize(w, h))
	return &flow{t: t, tm: tm, f: f}
}

// firstLine is the first line of s.
func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

// TestWholeWorkbookFlowItalian is TestWholeWorkbookFlow for an Italian
// facilitator: the same keys from an empty store at 80x24, a new site
// that speaks Italian as its facilitator does, and the same store at the
// end. It waits on the words of the frame, the sites list, the site, its
// people, the forms and the keys, in Italian from the catalogue; on the
// steps' own screens it waits on what is the same in every language (the
// data typed in, statement numbers, the keys of the footer).
func TestWholeWorkbookFlowItalian(t *testing.T) {
	it := i18n.Embedded().For("it-IT")
	saved := strings.TrimSpace(it.T("tui.app.saved", "What", ""))  // "Salvato:"
	key := func(k, id string) string { return k + " " + it.T(id) } // as the footer shows a key
	svc, q := newEmptyStore(t)
	fl := startFlowIn(t, svc, q, 80, 24, it)

	// Home: create the site.
	fl.see(firstLine(it.T("tui.home.empty", "Key", "a")))
	fl.press("a")
	fl.see(it.T("tui.home.new_site"), "› "+it.T("tui.home.field_name"))
	fl.typ("Northfield pilot")
	fl.press("tab")
	fl.typ("Northfield Borough Council")
	fl.press("tab")
	fl.typ("North")
	fl.press("tab")
	fl.typ("First pilot: the youth forum")
	fl.press("ctrl+s")
	fl.see(it.T("tui.app.saved", "What", it.T("tui.home.site_created")), "› Northfield pilot")
	fl.press("enter")
	fl.see("Northfield Borough Council · North", it.T("tui.site.none_mapped"))

	// 1 Map: three partnerships through the form.
	fl.press("1")
	fl.see(key("a", "tui.key.add"))
	fl.press("a")
	fl.see(it.T("tui.form.hint_field"))
	fl.typ("Youth forum")
	fl.press("tab", "right", "tab") // directorate: social care and health
	fl.typ("North")
	fl.press("tab", "right", "tab") // community: geographical
	fl.typ("council voluntary R")
	fl.press("tab")
	fl.typ("2004")
	fl.press("tab", "right", "ctrl+s") // ongoing: yes
	fl.see(saved, "Youth forum")
	fl.press("a")
	fl.see(it.T("tui.form.hint_field"))
	fl.typ("Tenants panel")
	fl.press("tab", "right", "right", "right", "right", "right", "tab") // environment and housing
	fl.typ("Central")
	fl.press("tab", "right", "right", "ctrl+s") // community: of interest
	fl.see(saved, "Tenants panel")
	fl.press("a")
	fl.see(it.T("tui.form.hint_field"))
	fl.typ("Health walk group")
	fl.press("ctrl+s")
	fl.see(saved, "Health walk group")
	fl.press("esc")
	fl.see(it.N("tui.site.mapped", 3), it.T("tui.site.checked", "Done", 0, "Total", 3))

	// 2 Select: the matrix (rows by title: Health walk group, Tenants
	// panel, Youth forum), a note, the filter, then the choice.
	fl.press("2")
	fl.see("› Health walk group")
	fl.press("n", "y")                          // Health walk group: C1 not met, C2 met
	fl.press("down", "space")                   // Tenants panel, C3: met
	fl.press("left", "left", "n")               // Tenants panel, C1: not met
	fl.press("down", "left")                    // Youth forum, C1
	fl.press("y", "y", "y", "y", "y", "y", "y") // every criterion met
	fl.press("c")
	fl.see(key("ctrl+c", "tui.key.force_quit")) // typing the note
	fl.typ("NHS trust sits on the board")
	fl.press("enter")
	fl.see("NHS trust sits on the board", key("q", "tui.key.quit"))
	fl.press("f")
	fl.see("› Youth forum")
	fl.press("S")
	fl.see(key("ctrl+s", "tui.key.save"), "Youth forum")
	fl.typ("Meets every criterion; the board agreed on 3 March")
	fl.press("ctrl+s")
	fl.see("★")
	fl.press("esc")
	fl.see(it.T("tui.site.checked_selected", "Done", 1, "Total", 3, "Partnership", "Youth forum"), it.T("tui.site.no_insiders"))

	// 3 Workbook: two insiders, then every statement scored live.
	fl.press("3")
	fl.see(key("p", "tui.key.people"))
	fl.press("p")
	fl.see(firstLine(it.T("tui.people.empty", "Key", "a"))[:20])
	fl.press("a")
	fl.see(it.T("tui.people.add_insider"), "› "+it.T("tui.people.field_name"))
	fl.typ("Ann")
	fl.press("tab", "tab") // role: senior
	fl.typ("Youth service")
	fl.press("ctrl+s")
	fl.see(it.N("tui.people.count_insiders", 1), "Ann")
	fl.press("a")
	fl.see(it.T("tui.people.add_insider"), "› "+it.T("tui.people.field_name"))
	fl.press("tab", "right", "ctrl+s") // no name, middle
	fl.see(it.N("tui.people.count_insiders", 2), "#2 "+it.T("tui.common.role.middle"))
	fl.press("esc")
	fl.see("1.1 · 1 ", "› Ann")
	var keys strings.Builder
	for i := range 41 {
		keys.WriteString(insiderKey(0, i) + insiderKey(1, i))
	}
	fl.typ(keys.String())
	fl.see("4.11 · 41 ")
	fl.press("c")
	fl.see(key("ctrl+c", "tui.key.force_quit")) // typing the comment
	fl.typ("Actions slip when the lead is away")
	fl.press("enter")
	fl.see(saved)
	fl.press("esc")
	fl.see(it.T("tui.site.answers_insiders", "Done", 82, "Total", 82, "Percent", 100), it.T("tui.site.no_outsiders"))

	// 4 Verify: two outsiders; the first scores live, the second's
	// booklet is typed in, with a correction.
	fl.press("4")
	fl.see(key("p", "tui.key.people"))
	fl.press("p")
	fl.see(firstLine(it.T("tui.people.empty", "Key", "a"))[:20])
	fl.press("a")
	fl.see(it.T("tui.people.add_outsider"), "› "+it.T("tui.people.field_name"))
	fl.press("ctrl+s") // no name, community member
	fl.see(it.N("tui.people.count_outsiders", 1), "#1 "+it.T("tui.common.role.community"))
	fl.press("a")
	fl.see(it.T("tui.people.add_outsider"), "› "+it.T("tui.people.field_name"))
	fl.typ("Bea")
	fl.press("tab", "right", "ctrl+s") // partner organisation
	fl.see(it.N("tui.people.count_outsiders", 2), "Bea")
	fl.press("esc")
	fl.see("1.1 · 1 ", "› #1 ")
	for i := range 22 {
		fl.press(outsiderKey(0, i), "]")
	}
	fl.see("4.11 · 22 ")
	fl.press("b")
	fl.see("› #1 ", "22/22")
	fl.press("down", "enter")
	fl.see("Bea", "1.1 · 1 ")
	var booklet strings.Builder
	for i := range 22 {
		if i == 7 {
			booklet.WriteString("5") // a slip, corrected with backspace
			fl.typ(booklet.String())
			fl.see("2.6 · 9 ")
			fl.press("backspace")
			fl.see("2.4 · 8 ")
			booklet.Reset()
		}
		booklet.WriteString(outsiderKey(1, i))
	}
	fl.typ(booklet.String())
	fl.press("esc")
	fl.press("esc")
	fl.see("4.11 · 22 ")
	fl.press("esc")
	fl.see(it.T("tui.site.answers_outsiders", "Done", 44, "Total", 44, "Percent", 100))

	// 5 Barriers: confirm the first barrier, add its suggested
	// intervention.
	fl.press("5")
	fl.see("›  1.")
	fl.press("y")
	fl.see(saved)
	fl.press("i")
	fl.see(it.T("tui.form.hint_field"))
	fl.press("tab")
	fl.typ("Head of youth services")
	fl.press("tab")
	fl.typ("2026-06-30")
	fl.press("ctrl+s")
	fl.see(saved)
	fl.quit()

	checkFlowStore(t, svc, q)
	var site workbook.Site
	if err := svc.Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		if err == nil && len(sites) == 1 {
			site = sites[0]
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if site.Language != "it" {
		t.Errorf("the site of an Italian facilitator speaks %q, want it", site.Language)
	}
}
