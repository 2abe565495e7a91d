package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/report"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// cmpStore returns a service over a new store with the demo built from
// each questionnaire in turn (sites 1..n of each build).
func cmpStore(t *testing.T, builds ...cmpBuild) *workbook.Service {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "engage.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	for _, b := range builds {
		err := svc.Change(func(c *workbook.Change) error {
			_, err := demo.Build(c, b.q, b.opts)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

type cmpBuild struct {
	q    *questionnaire.Questionnaire
	opts demo.Options
}

func cmpDefault(t *testing.T) *questionnaire.Questionnaire {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// cmpPDF gathers the sites and writes the comparison, checking that the
// PDF is valid and the same bytes every time; it returns the PDF's text
// as pdftotext lays it out.
func cmpPDF(t *testing.T, svc *workbook.Service, sel compare.Options, opts report.CompareOptions) (*compare.Comparison, report.Result, string) {
	t.Helper()
	c, err := compare.Gather(svc, sel)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	res, err := report.Compare(&a, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Compare(&b, c, opts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same comparison gave different PDFs")
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(a.Bytes()), conf); err != nil {
		t.Fatalf("the PDF does not validate: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
	}
	path := filepath.Join(t.TempDir(), "comparison.pdf")
	if err := os.WriteFile(path, a.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return c, res, string(out)
}

// flat collapses white space, so that phrases can be found across line
// breaks.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func mustContain(t *testing.T, text string, phrases ...string) {
	t.Helper()
	f := flat(text)
	for _, p := range phrases {
		if !strings.Contains(f, flat(p)) {
			t.Errorf("the PDF does not say %q", p)
		}
	}
}

func TestComparisonPDFHasTheFigures(t *testing.T) {
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, res, text := cmpPDF(t, svc, compare.Options{All: true}, report.CompareOptions{})
	if !strings.Contains(text, fmt.Sprintf("Page 1 of %d", res.Pages)) || res.Pages < 6 {
		t.Errorf("%d pages, and the footer does not say so", res.Pages)
	}
	// The demo's records are made on 2 March 2026, but Tynebridge's
	// current assessment starts on 9 March: data as of is never before a
	// start.
	mustContain(t, text, "Comparing sites", "5 sites · data as of 9 March 2026",
		"All 5 sites used the same questionnaire, community-engagement 1.0",
		"not ranked: this is not a league table",
		"Key issues side by side", "Verification: blind spots and unrecognised strengths by site", "Barriers at two or more sites",
		"Mapping and selection", "Each site's context")
	for _, s := range c.Sites {
		a := s.Current()
		b := a.Questionnaire.Bands
		m := func(v float64) string { return fmt.Sprintf("%.2f", analysis.ShownMean(b, v, 2)) }
		// The grid: the site's row holds its four key-issue headline
		// means, in order.
		row := regexp.QuoteMeta(s.Name)
		for _, is := range a.Issues {
			_, h := is.Headline()
			row += `\s+` + regexp.QuoteMeta(m(h.Mean))
		}
		if !regexp.MustCompile(row).MatchString(text) {
			t.Errorf("no grid row %q", row)
		}
		for _, is := range a.Issues {
			mustContain(t, text,
				fmt.Sprintf("in %s · n=%d · sd %.2f", m(is.Insiders.Mean), is.Insiders.Respondents, analysis.Round(is.Insiders.SD, 2)),
				fmt.Sprintf("out %s · n=%d · sd %.2f", m(is.Outsiders.Mean), is.Outsiders.Respondents, analysis.Round(is.Outsiders.SD, 2)))
		}
		for _, it := range s.Strengths {
			// An unrecognised strength is listed with its two means.
			mustContain(t, text, fmt.Sprintf("%s (n=%d) %s (n=%d)", m(it.Insiders.Mean), it.Insiders.N, m(it.Outsiders.Mean), it.Outsiders.N), "Unrecognised strength")
		}
		for _, it := range s.BlindSpots {
			mustContain(t, text, fmt.Sprintf("%s (n=%d) %s (n=%d) +%.2f", m(it.Insiders.Mean), it.Insiders.N, m(it.Outsiders.Mean), it.Outsiders.N, analysis.ShownGap(it.Gap.Value, 2)))
		}
		// The context note's first words.
		words := strings.Fields(s.Context)
		mustContain(t, text, strings.Join(words[:6], " "))
	}
	if len(c.SharedBarriers) == 0 {
		t.Fatal("no shared barriers in the demo: nothing to check")
	}
	for _, b := range c.SharedBarriers {
		mustContain(t, text, fmt.Sprintf("%d of %d", len(b.Sites), b.Of))
		for _, at := range b.Sites {
			want := fmt.Sprintf("%s %.2f (n=%d)", c.Sites[at.Site].Name, analysis.ShownMean(c.Sites[at.Site].Current().Questionnaire.Bands, at.Mean, 2), at.N)
			if at.Pop != analysis.PopEveryone {
				want += " " + string(at.Pop)
			}
			mustContain(t, text, want)
		}
	}
	if !regexp.MustCompile(`Eastbrook pilot\s+53\s+18\s+1\s+21\s+26\s+5\s+2\s+126`).MatchString(text) {
		t.Error("Eastbrook's mapping row (53 18 1 21 26 5, 2 unassigned, 126) is not in the PDF")
	}
	// Participants are never named (the Italian site records names).
	var named int
	err := svc.Read(func(r *workbook.Reader) error {
		for _, s := range c.Sites {
			for _, a := range s.Assessments {
				ps, err := r.Participants(s.ID, a.ID)
				if err != nil {
					return err
				}
				for _, p := range ps {
					if p.Name != "" {
						named++
						if strings.Contains(text, p.Name) {
							t.Errorf("%s is named in the comparison", p.Name)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil || named == 0 {
		t.Errorf("checking names: %v, %d named participants", err, named)
	}
}

func TestComparisonPDFInItalian(t *testing.T) {
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, _, text := cmpPDF(t, svc, compare.Options{Sites: []string{"ambito-valle-del-sole", "eastbrook-pilot"}, Lang: "it"}, report.CompareOptions{})
	mustContain(t, text, "Confronto tra i siti", "2 siti · dati al 2 marzo 2026", "nell'ordine scelto",
		"Le questioni chiave a confronto", c.Issues[0].Title)
	mean := strings.Replace(fmt.Sprintf("%.2f", c.Sites[0].Current().Issues[0].All.Mean), ".", ",", 1)
	if !regexp.MustCompile(`Ambito Valle del Sole\s+` + mean).MatchString(text) {
		t.Errorf("no Italian grid row with %s", mean)
	}
}

func TestComparisonPDFSaysWhatIsNotCompared(t *testing.T) {
	def := cmpDefault(t)
	short, err := questionnaire.Parse("short.yaml", []byte(strings.Replace(
		string(def.Source[:bytes.Index(def.Source, []byte("\n  - id: service-culture"))+1]),
		"id: community-engagement", "id: community-engagement-short", 1)))
	if err != nil {
		t.Fatal(err)
	}
	generic, err := questionnaire.LoadFile(filepath.Join("..", "demo", "testdata", "generic.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("shared key issues", func(t *testing.T) {
		svc := cmpStore(t, cmpBuild{short, demo.Options{Sites: 6, Participants: 12}}, cmpBuild{q: def})
		c, _, text := cmpPDF(t, svc, compare.Options{All: true}, report.CompareOptions{})
		if len(c.Issues) != 2 {
			t.Fatalf("%d key issues compared, want 2", len(c.Issues))
		}
		mustContain(t, text, "did not all use the same questionnaire (2 were used)",
			"community-engagement-short 1.0: Synthetic site 6.",
			"Compared only on the key issues they share: “Communities' ability to engage”, “Skills and abilities within the organisation”.",
			"Not compared: “Professional service culture”, “Overall organisational culture",
			"Statements are matched across sites only within the same questionnaire.")
		if strings.Contains(flat(text), "3 Professional service culture") {
			t.Error("a key issue that is not shared is in the grid")
		}
	})
	t.Run("nothing shared", func(t *testing.T) {
		svc := cmpStore(t, cmpBuild{generic, demo.Options{Sites: 6, Participants: 12}}, cmpBuild{q: def})
		_, _, text := cmpPDF(t, svc, compare.Options{All: true}, report.CompareOptions{})
		mustContain(t, text, "scales of different lengths", "no figure is compared across them",
			"No key issue is compared", "generic-test 1: Synthetic site 6.")
	})
}

func TestComparisonPDFRefusesBadInput(t *testing.T) {
	var buf bytes.Buffer
	if _, err := report.Compare(&buf, &compare.Comparison{}, report.CompareOptions{}); !errors.Is(err, report.ErrNoSites) {
		t.Errorf("no sites: %v", err)
	}
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, err := compare.Gather(svc, compare.Options{Sites: []string{"eastbrook-pilot"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []report.CompareOptions{{Paper: "a3"}, {Lang: "fr"}} {
		if _, err := report.Compare(&buf, c, opts); err == nil {
			t.Errorf("%+v accepted", opts)
		}
	}
	res, err := report.Compare(&buf, c, report.CompareOptions{Paper: pdffont.PaperLetter})
	if err != nil || res.Pages == 0 {
		t.Errorf("one site on letter paper: %v", err)
	}
}

// TestComparisonPDFListsManySitesAsText checks the shared barriers of a
// national programme: a statement that is a barrier at more sites than fit
// a table row is written as a paragraph that flows over pages.
func TestComparisonPDFListsManySitesAsText(t *testing.T) {
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, err := compare.Gather(svc, compare.Options{Sites: []string{"eastbrook-pilot"}})
	if err != nil {
		t.Fatal(err)
	}
	one := c.Sites[0]
	c.Sites = nil
	b := compare.SharedBarrier{Questionnaire: "community-engagement", Statement: "oc-budget", Number: "4.6", Text: "A statement at many sites.", Of: 120}
	for i := range 120 {
		s := one
		s.Name = fmt.Sprintf("Site %03d", i+1)
		c.Sites = append(c.Sites, s)
		b.Sites = append(b.Sites, compare.BarrierAt{Site: i, Pop: analysis.PopEveryone, Mean: 2.5, N: 12})
	}
	c.SharedBarriers = []compare.SharedBarrier{b}
	var buf bytes.Buffer
	if _, err := report.Compare(&buf, c, report.CompareOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "many.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(out), "4.6 A statement at many sites.", "At 120 of 120: Site 001 2.50 (n=12); Site 002 2.50 (n=12);",
		"Site 120 2.50 (n=12).")
}

// TestComparisonMarksReversedStatements checks that a reversed statement
// is marked where the comparison names it (4.5 is a barrier at two demo
// sites).
func TestComparisonMarksReversedStatements(t *testing.T) {
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, _, text := cmpPDF(t, svc, compare.Options{All: true}, report.CompareOptions{})
	marked := 0
	for _, b := range c.SharedBarriers {
		if b.Reverse {
			marked++
			// The table's columns interleave a wrapped cell's lines: the
			// mark follows the statement's last words.
			words := strings.Fields(b.Text)
			mustContain(t, text, b.Number+" "+strings.Join(words[:3], " "), strings.Join(words[len(words)-2:], " ")+" (reversed)")
		}
	}
	if marked == 0 {
		t.Fatal("no reversed statement among the shared barriers of the demo: nothing checked")
	}
}

// The comparison counts each site's action plan, every round's, on the
// day the data stands at (9 March 2026): Tynebridge's 2025 round left two
// actions overdue, Eastbrook one.
func TestComparisonPDFCountsThePlans(t *testing.T) {
	svc := cmpStore(t, cmpBuild{q: cmpDefault(t)})
	c, _, text := cmpPDF(t, svc, compare.Options{All: true}, report.CompareOptions{})
	mustContain(t, text, "Action plans", "Each site's actions, every round's plan, on 9 March 2026 (the day the data stands at)",
		"Site Actions Planned In")
	for _, s := range c.Sites {
		n := s.Plan
		row := fmt.Sprintf("%s %d %d %d %d %d %d", s.Name, n.Actions, n.Planned, n.InProgress, n.Done, n.Dropped, n.Overdue)
		mustContain(t, text, row)
	}
	for slug, want := range map[string]int{"tynebridge-south": 2, "eastbrook-pilot": 1, "westmoor-county": 0} {
		for _, s := range c.Sites {
			if s.Slug == slug && s.Plan.Overdue != want {
				t.Errorf("%s: %d overdue, want %d", slug, s.Plan.Overdue, want)
			}
		}
	}
}
