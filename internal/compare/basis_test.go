package compare_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/compare"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// mixed builds six demo sites with other, then rebuilds the first five with
// the default questionnaire: the sixth keeps other.
func mixed(t *testing.T, other *questionnaire.Questionnaire) *workbook.Service {
	t.Helper()
	svc := newService(t)
	build(t, svc, other, demo.Options{Sites: 6, Participants: 12})
	build(t, svc, defaultQuestionnaire(t), demo.Options{})
	return svc
}

func issueIDs(is []compare.Issue) []string {
	var out []string
	for _, i := range is {
		out = append(out, i.ID)
	}
	return out
}

func TestDifferentQuestionnaires(t *testing.T) {
	def := defaultQuestionnaire(t)
	allIssues := []string{"community-ability", "organisation-skills", "service-culture", "organisational-culture"}
	generic, err := questionnaire.LoadFile(filepath.Join("..", "demo", "testdata", "generic.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		other       *questionnaire.Questionnaire
		level       compare.Level
		issues      []string
		notCompared []string
		scales      bool
		// matched says whether the sixth site's barriers may be matched
		// with the pilot sites' (same questionnaire id).
		matched bool
	}{
		{
			name: "same questionnaire, only a text changed",
			other: variant(t, func(s string) string {
				s = strings.Replace(s, `version: "1.0"`, `version: "1.0.1"`, 1)
				return strings.Replace(s, "Meetings are held at times and places", "Meetings are always held at times and places", 1)
			}),
			level: compare.LevelStatements, issues: allIssues, matched: true,
		},
		{
			name: "a newer version without one statement",
			other: variant(t, func(s string) string {
				s = strings.Replace(s, `version: "1.0"`, `version: "2.0"`, 1)
				return cut(t, s, "      - id: ca-trust", "  - id: organisation-skills")
			}),
			level: compare.LevelKeyIssues, issues: allIssues, matched: true,
		},
		{
			name: "another questionnaire sharing two key issues",
			other: variant(t, func(s string) string {
				s = strings.Replace(s, "id: community-engagement", "id: community-engagement-short", 1)
				return cut(t, s, "  - id: service-culture", "")
			}),
			level: compare.LevelKeyIssues, issues: allIssues[:2], notCompared: allIssues[2:],
		},
		{
			name: "another questionnaire on a four-point scale", other: generic,
			level: compare.LevelNone, notCompared: append(slices.Clone(allIssues), "voice", "staff"), scales: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc := mixed(t, tc.other)
			c := gather(t, svc, compare.Options{All: true})
			if len(c.Sites) != 6 {
				t.Fatalf("%d sites", len(c.Sites))
			}
			b := c.Basis
			if b.Level != tc.level || !b.Mixed() || b.ScalesDiffer != tc.scales {
				t.Errorf("level %s, mixed %t, scales differ %t; want %s, true, %t", b.Level, b.Mixed(), b.ScalesDiffer, tc.level, tc.scales)
			}
			if got := issueIDs(c.Issues); !slices.Equal(got, tc.issues) {
				t.Errorf("compared %q, want %q", got, tc.issues)
			}
			if got := issueIDs(b.NotCompared); !slices.Equal(got, tc.notCompared) {
				t.Errorf("not compared %q, want %q", got, tc.notCompared)
			}
			sixth := slices.IndexFunc(c.Sites, func(s compare.Site) bool { return s.ID == demo.SiteID(6) })
			if len(b.Questionnaires) != 2 || !slices.Equal(b.Questionnaires[1].Sites, []int{sixth}) ||
				b.Questionnaires[1].Questionnaire.Hash != tc.other.Hash || b.Questionnaires[0].Questionnaire.Hash != def.Hash {
				t.Errorf("questionnaires used: %+v", b.Questionnaires)
			}
			// The sixth site's own figures are all there, whatever is
			// compared.
			if got := len(c.Sites[sixth].Current().Issues); got != len(tc.other.KeyIssues) {
				t.Errorf("the sixth site has %d key issues, its questionnaire %d", got, len(tc.other.KeyIssues))
			}
			// No statement of the sixth site is matched with the pilot
			// sites' unless it is the same questionnaire's.
			for _, sb := range c.SharedBarriers {
				withSixth := slices.ContainsFunc(sb.Sites, func(x compare.BarrierAt) bool { return x.Site == sixth })
				if withSixth && len(sb.Sites) > 1 && !tc.matched {
					t.Errorf("%s of %s matched across questionnaires: %+v", sb.Statement, sb.Questionnaire, sb.Sites)
				}
				for _, x := range sb.Sites {
					if q := c.Sites[x.Site].Current().Questionnaire; q.ID != sb.Questionnaire {
						t.Errorf("%s (%s) matched at a site of %s", sb.Statement, sb.Questionnaire, q.ID)
					}
				}
				want := 5
				if tc.matched {
					want = 6
				}
				if sb.Questionnaire == def.ID && sb.Of != want {
					t.Errorf("%s: a barrier at %d of %d sites, want of %d", sb.Statement, len(sb.Sites), sb.Of, want)
				}
			}
		})
	}
}

// TestSummaryMarksWhatIsCompared checks the summary CSV of mixed sites:
// every site's key issues are there, and those not compared say so.
func TestSummaryMarksWhatIsCompared(t *testing.T) {
	other := variant(t, func(s string) string {
		s = strings.Replace(s, "id: community-engagement", "id: community-engagement-short", 1)
		return cut(t, s, "  - id: service-culture", "")
	})
	c := gather(t, mixed(t, other), compare.Options{All: true})
	var buf strings.Builder
	if _, err := compare.WriteSummary(&buf, c); err != nil {
		t.Fatal(err)
	}
	_, rows := readCSV(t, []byte(buf.String()))
	sixth := 0
	for _, r := range rows {
		shared := r["key_issue"] == "community-ability" || r["key_issue"] == "organisation-skills"
		if r["compared"] != map[bool]string{true: "TRUE", false: "FALSE"}[shared] {
			t.Errorf("%s %s: compared %q", r["site"], r["key_issue"], r["compared"])
		}
		if r["site"] == "synthetic-site-6" {
			sixth++
			if r["questionnaire"] != "community-engagement-short" {
				t.Errorf("the sixth site's rows say questionnaire %q", r["questionnaire"])
			}
		}
	}
	if sixth != 2*3 {
		t.Errorf("%d rows for the sixth site, want 2 key issues x 3 groups", sixth)
	}
}
