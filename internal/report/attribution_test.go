package report

import (
	"github.com/engage-toolkit/engage/internal/i18n"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// demoService returns a service over a new store holding the demo study.
func demoService(t *testing.T) *workbook.Service {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := workbook.NewService(st, workbook.Options{Now: demo.Clock(), NewID: demo.IDs(1)})
	if err := svc.Change(func(c *workbook.Change) error { _, err := demo.Build(c, q, demo.Options{}); return err }); err != nil {
		t.Fatal(err)
	}
	return svc
}

// demoInputs loads the current assessment of each demo site named.
func demoInputs(t *testing.T, slugs ...string) map[string]Input {
	t.Helper()
	svc := demoService(t)
	out := map[string]Input{}
	err := svc.Read(func(r *workbook.Reader) error {
		for _, slug := range slugs {
			in, err := Load(r, slug, "")
			if err != nil {
				return err
			}
			out[slug] = in
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCommentAttribution checks every comment label of the demo sites
// against the people behind it: each label covers at least three people
// who took part, so that no comment can be traced to one person by the
// cover's counts. Westmoor has one senior officer, two middle managers and
// one partner; Valle del Sole one dirigente.
func TestCommentAttribution(t *testing.T) {
	slugs := []string{"eastbrook-pilot", "westmoor-county", "portsea-localities", "tynebridge-south", "ambito-valle-del-sole"}
	ins := demoInputs(t, slugs...)
	for _, slug := range slugs {
		t.Run(slug, func(t *testing.T) {
			in := ins[slug]
			l, _ := labelsFor(i18n.Embedded(), in.Data.Assessment.Language)
			r := newReport(in, Options{}, l, &cleaner{cov: &coverage{}})
			behind := map[string]int{} // label -> people who took part
			label := map[string]string{}
			for g, byRole := range r.people.took {
				for role, n := range byRole {
					c, ok := r.people.attr.Of(g, role)
					if !ok {
						t.Fatalf("%s %s took part but has no category", g, role)
					}
					behind[l.category(c)] += n
				}
			}
			for _, x := range in.Data.Responses {
				if strings.TrimSpace(x.Comment) == "" {
					continue
				}
				by := r.attribution(x.ParticipantID)
				label[x.ParticipantID] = by
				if behind[by] < 3 {
					t.Errorf("comment %q is labelled %q, which covers %d people", x.Comment, by, behind[by])
				}
			}
			if slug != "westmoor-county" {
				return
			}
			for _, p := range in.Data.Participants {
				by, commented := label[p.ID]
				switch {
				case !commented:
				case p.Role == workbook.RolePartner && by != "Outsiders":
					t.Errorf("the partner's comments are labelled %q, want Outsiders", by)
				case p.Role == workbook.RoleSenior && by != "Insiders: senior staff and middle managers":
					t.Errorf("the senior officer's comments are labelled %q", by)
				}
			}
		})
	}
}

// TestWestmoorCommentsInPDF reads the labels in the text of Westmoor's
// report: no comment is signed by the single partner's or the single
// senior officer's role level.
func TestWestmoorCommentsInPDF(t *testing.T) {
	in := demoInputs(t, "westmoor-county")["westmoor-county"]
	pdf, _ := render(t, in, Options{})
	text := pdfText(t, pdf)
	// Beside "Community members", "Outsiders" would be the partner alone.
	for _, bad := range []string{"— Partners", "— Senior staff", "— Middle managers", "— Community members"} {
		if strings.Contains(text, bad) {
			t.Errorf("a comment is signed %q", bad)
		}
	}
	mustContain(t, text, "— Outsiders", "— Front-line staff")
	if !strings.Contains(text, "— Insiders: senior staff and middle managers") && !strings.Contains(text, "— Insiders: senior staff and\nmiddle managers") {
		t.Errorf("no comment is signed by the merged category of senior staff and middle managers")
	}
	// With names, the name comes first and the category after it.
	l, _ := labelsFor(i18n.Embedded(), questionnaire.English)
	r := newReport(in, Options{Names: true}, l, &cleaner{cov: &coverage{}})
	checked := false
	for _, p := range in.Data.Participants {
		if p.Role == workbook.RoleSenior && p.Name != "" {
			checked = true
			if got, want := r.attribution(p.ID), p.Name+" (Insiders: senior staff and middle managers)"; got != want {
				t.Errorf("with names, the senior officer is %q, want %q", got, want)
			}
		}
	}
	if !checked {
		t.Error("Westmoor's senior officer has no name to show")
	}
}

// TestRoleWordsHoldLabels checks that the free-text warnings look for the
// words the reports themselves use for each role level, in every
// language.
func TestRoleWordsHoldLabels(t *testing.T) {
	for _, lang := range []string{questionnaire.English, questionnaire.Italian} {
		l, _ := labelsFor(i18n.Embedded(), lang)
		for _, r := range workbook.Roles {
			if label := strings.ToLower(l.role(r)); !slices.Contains(analysis.RoleWords(r), label) {
				t.Errorf("%s: the warnings do not look for %q (%s)", lang, label, r)
			}
		}
	}
}

// TestMeetAllReadsForOnePartnership checks the sentence of a site that
// mapped a single partnership ("0 of the 1 mapped partnership meet" read
// wrong).
func TestMeetAllReadsForOnePartnership(t *testing.T) {
	for _, tt := range []struct {
		lang       string
		all, total int
		want       string
	}{
		{questionnaire.English, 0, 1, "The one mapped partnership does not meet every criterion."},
		{questionnaire.English, 1, 1, "The one mapped partnership meets every criterion."},
		{questionnaire.English, 3, 30, "3 of the 30 mapped partnerships meet every criterion."},
		{questionnaire.Italian, 0, 1, "L'unico partenariato mappato non soddisfa tutti i criteri."},
	} {
		l, _ := labelsFor(i18n.Embedded(), tt.lang)
		if got := l.MeetAll(tt.all, tt.total); got != tt.want {
			t.Errorf("%s MeetAll(%d, %d) = %q, want %q", tt.lang, tt.all, tt.total, got, tt.want)
		}
	}
}
