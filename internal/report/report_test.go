package report

import (
	"bytes"
	"flag"
	"github.com/engage-toolkit/engage/internal/i18n"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMain(m *testing.M) {
	// pdfcpu would otherwise write a configuration folder in $HOME.
	model.ConfigPath = "disable"
	os.Exit(m.Run())
}

// render writes a report and checks that the PDF is valid and that its
// text is only in the colours and on the backgrounds [textOn] lists.
func render(t *testing.T, in Input, opts Options) ([]byte, Result) {
	t.Helper()
	r, err := layOutSite(in, opts)
	if err != nil {
		t.Fatalf("Site: %v", err)
	}
	checkInks(t, r.d)
	var buf bytes.Buffer
	res, err := r.output(&buf)
	if err != nil {
		t.Fatalf("Site: %v", err)
	}
	validate(t, buf.Bytes(), res.Pages)
	return buf.Bytes(), res
}

// validate checks pdf with pdfcpu in strict mode, and its page count.
func validate(t *testing.T, pdf []byte, pages int) {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		t.Fatalf("the PDF does not validate: %v", err)
	}
	n, err := api.PageCount(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	if n != pages || n < 1 {
		t.Errorf("pdfcpu counts %d pages, the report says %d", n, pages)
	}
}

// pdfText is the text of pdf as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, "-enc", "UTF-8", "-nopgbrk", path, "-")
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test -update if the change is meant)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d (run go test -update if the change is meant)", name, len(gl), len(wl))
	}
}

// mustContain checks that text holds every want, in order.
func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	at := 0
	for _, w := range wants {
		i := strings.Index(flat[at:], w)
		if i < 0 {
			if strings.Contains(flat, w) {
				t.Errorf("%q is in the report, but not after %q", w, flat[max(0, at-60):at])
			} else {
				t.Errorf("the report does not say %q", w)
			}
			continue
		}
		at += i + len(w)
	}
}

func TestFixtureGolden(t *testing.T) {
	d := fixtureData(t)
	pdf, res := render(t, Input{Data: d, Earlier: fixtureEarlier(t, d)}, Options{})
	text := pdfText(t, pdf)
	golden(t, "fixture.txt", text)
	mustContain(t, text,
		"Community engagement barrier report", "Fixture site", "Healthy Streets Partnership",
		"Senior staff", "2", "Front-line staff", "3", "Community members", "3", "Partner organisations", "1", "Total", "6", "4", "10",
		"Summary", "6 insiders scored 5 of the 6 statements; 4 outsiders scored the 4 verification statements.",
		"blind spot", "1.1 “Statement 1 of issue 1 says one plain thing”: gap +2.08",
		"Step 1. Mapping the partnerships", "regeneration (not in the site's list)", "Unassigned",
		"Step 2. Selecting a partnership", "1 of the 4 mapped partnerships meets every criterion.",
		"The criteria matrix", "Healthy Streets Partnership (selected)", "Why it was selected",
		"It meets every criterion and has residents on its board.",
		"Steps 3 and 4", "The key issues at a glance", "Key issue 1. Key issue number 1",
		"Everyone's scores", "contested",
		"Verification gaps", "Blind spot", "Not compared: fewer than 3 outsiders", "Unrecognised strength",
		"Step 5. Barriers and where to intervene", "Statements in the barrier band, lowest first",
		"Decisions go through statutory channels. (statement 1.2 “Statement 2 of issue 1 says one plain thing” (reversed))",
		"Where to intervene: the action plan", "Invite two residents onto the board", "Director of Adult Social Care", "30 June 2026", "Planned",
		"Appendix", "Score agreed by the group: 2 of 5 as answered, 4 on the flipped scale of the mean (higher is better).",
		"What changed since the assessment of 3 March 2025", "The earlier action plan", "Report back after every meeting", "Done",
	)
	if res.Markers == 0 {
		t.Error("the fixture's emoji and scripts should have been replaced by markers")
	}
	if len(res.Missing) != 0 {
		t.Errorf("nothing is missing from the fixture, got %q", res.Missing)
	}
}

func TestAnonymity(t *testing.T) {
	d := fixtureData(t)
	pdf, _ := render(t, Input{Data: d}, Options{})
	text := pdfText(t, pdf)
	for _, p := range d.Participants {
		if strings.Contains(text, p.Name) || regexp.MustCompile(`\b`+p.ID+`\b`).MatchString(text) {
			t.Errorf("the report names participant %s (%s) without --names", p.ID, p.Name)
		}
	}
	// Two senior staff: their comments are attributed to insiders, never
	// to their role level.
	mustContain(t, text, "“We think we listen well.” — Insiders")
	if strings.Contains(text, "— Senior staff") || strings.Contains(text, "— Partners") {
		t.Error("a comment is attributed to a role level with fewer than 3 people")
	}
	// Two outsiders scored k2-s1: no outsider figures for it. The six
	// insiders are a group of three or more and are shown; everyone's
	// figure is withheld instead (less the insiders' it would give the two
	// outsiders' away).
	mustContain(t, text, "2.1 Statement 1 of issue 2", "Insiders", "6", "withheld: a group in it is under 3")
	// Key issue 2 keeps the insiders' score (2.58).
	mustContain(t, text, "2.58")

	named, _ := render(t, Input{Data: d}, Options{Names: true})
	mustContain(t, pdfText(t, named), "Participants", "Person I1", "Person O4")
}

func TestDeterministic(t *testing.T) {
	d := fixtureData(t)
	in := Input{Data: d, Earlier: fixtureEarlier(t, d)}
	for _, opts := range []Options{{}, {Lang: "it", Paper: pdffont.PaperLetter}} {
		var a, b bytes.Buffer
		if _, err := Site(&a, in, opts); err != nil {
			t.Fatal(err)
		}
		if _, err := Site(&b, in, opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("two renders of the same data with %+v differ", opts)
		}
		if !bytes.Contains(a.Bytes(), []byte("D:20260305")) {
			t.Errorf("the PDF's dates should come from the data (5 March 2026)")
		}
	}
}

func TestUndrawableText(t *testing.T) {
	d := fixtureData(t)
	d.Site.Name = "Site 🏠 of 東京"
	d.Responses = append(d.Responses, workbook.Response{ParticipantID: "i1", StatementID: "k2-s3",
		Comment: "Flags 🇬🇧🇮🇹, a family 👩‍👩‍👧‍👦, skin tone 👍🏽, Hindi नमस्ते, Thai สวัสดี, Korean 안녕, math 𝔸, private \ue000 and a\u200bzero width space."})
	pdf, res := render(t, Input{Data: d}, Options{})
	text := pdfText(t, pdf)
	mustContain(t, text, "Site □ of □", "Flags □, a family □, skin tone □, Hindi □, Thai □, Korean □, math □, private □ and azero width space.")
	if strings.ContainsAny(text, "🏠東京👩👍नमस्तेสวัสดี안녕𝔸") {
		t.Error("a character the fonts cannot draw reached the PDF")
	}
	if res.Markers < 9 {
		t.Errorf("Markers = %d, want every undrawable character counted", res.Markers)
	}
	mustContain(t, text, "□ stands for a character the report's fonts cannot draw")
	// Italian and other Latin accents, Greek, Cyrillic, dashes and quotes
	// are drawn.
	_, base := render(t, Input{Data: fixtureData(t)}, Options{})
	d = fixtureData(t)
	d.Site.Name = "Città – «sì» “quoted” naïve Łódź Ελλάδα Москва"
	pdf, res = render(t, Input{Data: d}, Options{})
	mustContain(t, pdfText(t, pdf), "Città – «sì» “quoted” naïve Łódź Ελλάδα Москва")
	if res.Markers != base.Markers {
		t.Errorf("%d markers for text the fonts can draw", res.Markers-base.Markers)
	}
}

func TestNoResponses(t *testing.T) {
	d := fixtureData(t)
	d.Responses, d.StatementNotes, d.IssueNotes, d.Findings, d.Interventions = nil, nil, nil, nil, nil
	pdf, res := render(t, Input{Data: d}, Options{})
	text := pdfText(t, pdf)
	mustContain(t, text,
		"Nobody has taken part yet: 10 participants are registered but no answers recorded.",
		"This assessment has no responses yet (10 participants registered)",
		"Steps 3 and 4", "There are no scores to show yet: 6 insiders and 4 outsiders are registered",
		"No actions have been agreed yet.")
	for _, absent := range []string{"Everyone's scores", "Verification gaps", "Appendix", "The key issues at a glance"} {
		if strings.Contains(text, absent) {
			t.Errorf("a report with no responses should not have %q", absent)
		}
	}
	if len(res.Missing) != 1 || !strings.Contains(res.Missing[0], "no responses") {
		t.Errorf("Missing = %q, want the missing responses", res.Missing)
	}

	// Nothing at all: no partnerships, no people.
	d.Partnerships, d.Partnership, d.Participants = nil, nil, nil
	d.Assessment.PartnershipID = ""
	pdf, res = render(t, Input{Data: d}, Options{})
	mustContain(t, pdfText(t, pdf), "No partnerships have been mapped", "No partnership has been selected")
	if len(res.Missing) != 3 {
		t.Errorf("Missing = %q, want responses, mapping and selection", res.Missing)
	}
}

func TestItalian(t *testing.T) {
	d := fixtureData(t)
	d.Assessment.Language = questionnaire.Italian
	in := Input{Data: d, Earlier: fixtureEarlier(t, d)}
	pdf, _ := render(t, in, Options{}) // the assessment's language
	text := pdfText(t, pdf)
	mustContain(t, text,
		"Rapporto sulle barriere al coinvolgimento delle comunità", "Sintesi",
		"Fase 1. La mappatura dei partenariati", "Non assegnati",
		"Fase 2. La scelta del partenariato", "Fasi 3 e 4. Il questionario e la verifica",
		"L'affermazione 1 della questione 1 dice una cosa", "Punto cieco",
		"Fase 5. Le barriere e dove intervenire", "Appendice", "Che cosa è cambiato")
	mustContain(t, text, "Pagina 1 di")
	for _, english := range []string{"Summary", "Step 1.", "Page 1 of", "Key issue", "Appendix."} {
		if strings.Contains(text, english) {
			t.Errorf("the Italian report says %q", english)
		}
	}
	mustContain(t, text, "2,08") // decimal comma

	// --lang en overrides the assessment's language.
	pdf, _ = render(t, in, Options{Lang: "en"})
	mustContain(t, pdfText(t, pdf), "Summary", "Statement 1 of issue 1 says one plain thing")
}

// TestConfirmedBarrierShowsItsWords checks that a finding about a
// statement names it by its number and its words, in the summary and in
// step 5, in both languages: "statement 1.2" alone tells a reader nothing.
func TestConfirmedBarrierShowsItsWords(t *testing.T) {
	tests := []struct {
		lang, summary, step5, ref string
	}{
		{"en", "The barriers the group confirmed:", "Barriers confirmed by the group",
			"Decisions go through statutory channels. (statement 1.2 “Statement 2 of issue 1 says one plain thing”"},
		{"it", "Le barriere confermate dal gruppo:", "Fase 5.",
			"Decisions go through statutory channels. (affermazione 1.2 «L'affermazione 2 della questione 1 dice una cosa»"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			pdf, _ := render(t, Input{Data: fixtureData(t)}, Options{Lang: tt.lang})
			text := pdfText(t, pdf)
			mustContain(t, text, tt.summary, tt.ref, tt.step5, tt.ref)
		})
	}
}

// TestLabelsComplete checks that every label is set in every language.
func TestLabelsComplete(t *testing.T) {
	for _, lang := range i18n.Embedded().Languages() {
		l, ok := labelsFor(i18n.Embedded(), lang)
		if !ok {
			t.Fatalf("no labels for %s", lang)
		}
		for _, name := range emptyFields(l) {
			t.Errorf("%s: label %s is empty", lang, name)
		}
		for _, r := range workbook.Roles {
			if _, ok := l.roles[r]; !ok {
				t.Errorf("%s: no label for role %s", lang, r)
			}
		}
		for _, s := range workbook.Sectors {
			if _, ok := l.sectors[s]; !ok {
				t.Errorf("%s: no label for sector %s", lang, s)
			}
		}
		for _, s := range workbook.Statuses {
			if _, ok := l.statuses[s]; !ok {
				t.Errorf("%s: no label for status %s", lang, s)
			}
		}
		for _, k := range workbook.FindingKinds {
			if _, ok := l.kinds[k]; !ok {
				t.Errorf("%s: no label for finding kind %s", lang, k)
			}
		}
	}
	if _, ok := labelsFor(i18n.Embedded(), "fr"); ok {
		t.Error("labelsFor(i18n.Embedded(), fr) should fail")
	}
}

func TestPaperAndErrors(t *testing.T) {
	d := fixtureData(t)
	a4, _ := render(t, Input{Data: d}, Options{})
	letter, _ := render(t, Input{Data: d}, Options{Paper: pdffont.PaperLetter})
	if !bytes.Contains(a4, []byte("/MediaBox [0 0 595.28 841.89]")) || !bytes.Contains(letter, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("A4 and Letter pages should have their own sizes")
	}
	for name, tc := range map[string]struct {
		in   Input
		opts Options
		want string
	}{
		"no data":     {Input{}, Options{}, "no assessment data"},
		"bad paper":   {Input{Data: d}, Options{Paper: "a3"}, `unknown paper size "a3"`},
		"bad lang":    {Input{Data: d}, Options{Lang: "fr"}, `no report texts in language "fr"`},
		"no question": {Input{Data: &workbook.AssessmentData{}}, Options{}, "no assessment data"},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			_, err := Site(&buf, tc.in, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written on error", buf.Len())
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	d := fixtureData(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	res, err := WriteFile(path, Input{Data: d}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	validate(t, pdf, res.Pages)

	// A failed render leaves neither the target nor a temporary file.
	if _, err := WriteFile(filepath.Join(dir, "bad.pdf"), Input{Data: d}, Options{Paper: "a3"}); err == nil {
		t.Fatal("want an error for a bad paper size")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "out.pdf" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q, want only out.pdf", names)
	}
	if _, err := WriteFile(filepath.Join(dir, "no", "such", "dir.pdf"), Input{Data: d}, Options{}); err == nil ||
		!strings.Contains(err.Error(), "cannot write "+filepath.Join(dir, "no", "such", "dir.pdf")+": ") {
		t.Errorf("err = %v, want a clear message about the folder", err)
	}
}

// emptyFields names the fields of l that are empty strings, nil functions
// or empty maps.
func emptyFields(l *labels) []string {
	var out []string
	v := reflect.ValueOf(l).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			if f.Len() == 0 || strings.Contains(f.String(), "⟦") {
				out = append(out, v.Type().Field(i).Name)
			}
		case reflect.Func, reflect.Map:
			if f.IsNil() || (f.Kind() == reflect.Map && f.Len() == 0) {
				out = append(out, v.Type().Field(i).Name)
			}
			if f.Kind() == reflect.Map {
				for _, k := range f.MapKeys() {
					if s := f.MapIndex(k); s.Kind() == reflect.String && strings.Contains(s.String(), "⟦") {
						out = append(out, v.Type().Field(i).Name+"["+k.String()+"]")
					}
				}
			}
		}
	}
	return out
}

// TestLongTexts feeds texts at the store's limits: they wrap and break
// across pages, and nothing is cut.
func TestLongTexts(t *testing.T) {
	d := fixtureData(t)
	long := strings.Repeat("word ", workbook.MaxLongText/5-2) + "THE-END"
	unbroken := strings.Repeat("x", workbook.MaxShortText-7) + "SITEEND"
	d.Site.Name = unbroken
	d.Partnerships[0].Title = strings.Repeat("Partnership ", workbook.MaxShortText/12-1) + "TITLEEND"
	d.Assessment.SelectionReason = long
	d.Findings[0].Text = long
	d.Interventions[0].Reviews = []workbook.Review{{Date: "2026-03-01", Status: workbook.StatusPlanned, Note: long}}
	d.Interventions[0].Owner = unbroken
	d.Responses = append(d.Responses, workbook.Response{ParticipantID: "i3", StatementID: "k1-s1",
		Comment: strings.Repeat("y", workbook.MaxLongText-7) + "COMMEND"})
	pdf, res := render(t, Input{Data: d}, Options{})
	raw := pdfText(t, pdf)
	// The running footer shortens the site's name, never the date.
	if n := strings.Count(raw, "… · 5 March 2026"); n != res.Pages {
		t.Errorf("%d of %d footers end with the shortened name and the date", n, res.Pages)
	}
	text := strings.Join(strings.Fields(raw), "")
	for _, end := range []string{"SITEEND", "TITLEEND", "THE-END", "COMMEND"} {
		if !strings.Contains(text, end) {
			t.Errorf("the end of a long text (%s) is missing: cut, not wrapped", end)
		}
	}
	if n := strings.Count(text, "THE-END"); n < 4 {
		t.Errorf("the long reason, finding and review end %d times, want at least 4 (summary, findings, plan)", n)
	}
	if res.Pages < 15 {
		t.Errorf("%d pages: the long texts should take pages of their own", res.Pages)
	}
}
