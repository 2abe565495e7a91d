package booklet

import (
	"bytes"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

func guideText(t *testing.T, in Input, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := GuidePDF(&buf, in, opts); err != nil {
		t.Fatal(err)
	}
	return strings.Join(pdfPages(t, buf.Bytes()), "\n")
}

// TestGuidePlansTheSession checks the session plan: it starts at 0:00,
// each part starts where the one before ended, the minutes add up to the
// session's length, and every key issue of the group's set has its time.
func TestGuidePlansTheSession(t *testing.T) {
	d := fixture(t, "en")
	for _, minutes := range []int{MinMinutes, 120, DefaultMinutes, 180, MaxMinutes} {
		for _, g := range workbook.Groups {
			l, _ := prepare(Input{Data: d, Group: g}, &Options{})
			c := newContent(Input{Data: d, Group: g}, Options{}, l)
			rows := sessionPlan(c, minutes, l)
			at, issues, breaks := 0, 0, 0
			for _, r := range rows {
				if r.from != at || r.to <= r.from {
					t.Errorf("%d minutes, %s: %q runs %d-%d after %d", minutes, g, r.what, r.from, r.to, at)
				}
				at = r.to
				if strings.HasPrefix(r.what, "Key issue") {
					issues++
				}
				if r.what == "Break" {
					breaks++
				}
			}
			if at != minutes || issues != len(c.issues) || breaks != 1 {
				t.Errorf("%d minutes, %s: the plan ends at %d with %d key issues and %d breaks", minutes, g, at, issues, breaks)
			}
		}
	}
	text := guideText(t, Input{Data: d, Group: workbook.Outsider}, Options{})
	for _, want := range []string{"0:00–0:15", "2:15–2:30", "1.1–1.4, 1.8–1.9", "Break", "Close: what the group agreed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the outsiders' guide does not say %q", want)
		}
	}
}

// TestGuideMarksContestedStatements checks the statements marked from the
// earlier round: the insiders' session gets the insiders' own figures;
// the outsiders' session, whose group was 2 people then, gets the
// figures the report could show (the insiders'), never the outsiders' or
// everyone's, which would give the two away.
func TestGuideMarksContestedStatements(t *testing.T) {
	d, e := fixture(t, "en"), earlierRound(t, "en")
	insiders := guideText(t, Input{Data: d, Earlier: e, Group: workbook.Insider}, Options{})
	for _, want := range []string{"started on 11 March 2025 (4 insiders took part, 2 outsiders)",
		"Insiders: mean 3.00 (n=4), scores 1 to", "5, SD 2.31"} {
		if !strings.Contains(insiders, want) {
			t.Errorf("the insiders' guide does not say %q", want)
		}
	}
	l, _ := prepare(Input{Data: d, Group: workbook.Insider}, &Options{})
	var marked []string
	for _, b := range newGuide(Input{Data: d, Earlier: e, Group: workbook.Insider}, Options{Minutes: DefaultMinutes}, l).blocks {
		if b.strong && strings.HasSuffix(b.text, "contested last time") {
			marked = append(marked, strings.Fields(b.text)[0])
		}
	}
	if strings.Join(marked, " ") != "1.1 2.1 3.1 4.1" {
		t.Errorf("marked contested: %v, want the first statement of each key issue", marked)
	}
	outsiders := guideText(t, Input{Data: d, Earlier: e, Group: workbook.Outsider}, Options{})
	if strings.Contains(outsiders, "Outsiders: mean") || strings.Contains(outsiders, "Everyone: mean") || strings.Contains(outsiders, "n=6") || strings.Contains(outsiders, "n=2") {
		t.Error("the outsiders' guide shows a figure of the 2 outsiders, or one they follow from")
	}
	if !strings.Contains(outsiders, "Insiders: mean 3.00 (n=4)") {
		t.Error("the outsiders' guide does not give the insiders' figure the report showed")
	}
	// With too few people for any figure, it says so rather than "none".
	small := earlierRound(t, "en")
	small.Participants = small.Participants[:2]
	if text := guideText(t, Input{Data: d, Earlier: small, Group: workbook.Insider}, Options{}); !strings.Contains(text, "Too few people scored") || strings.Contains(text, ": mean") || strings.Contains(text, "were contested then") {
		t.Error("an earlier round of 2 people: the guide should say no figure can be shown")
	}
	none := guideText(t, Input{Data: d, Group: workbook.Insider}, Options{})
	if !strings.Contains(none, "There is no earlier assessment of this partnership") || strings.Contains(none, "contested last time") {
		t.Error("without an earlier round, the guide should say so and mark nothing")
	}
}

// TestGuideListsInterventions checks that every statement of the set is
// listed with each intervention the questionnaire suggests for it, in the
// guide's language.
func TestGuideListsInterventions(t *testing.T) {
	d := fixture(t, "it")
	text := strings.Join(strings.Fields(guideText(t, Input{Data: d, Group: workbook.Insider}, Options{})), " ")
	n := 0
	for _, st := range d.Questionnaire.Statements() {
		for _, iv := range st.Interventions {
			n++
			if want := strings.Join(strings.Fields(iv.In("it")), " "); !strings.Contains(text, want) {
				t.Errorf("the guide lacks the intervention %q", want)
			}
		}
	}
	if n == 0 {
		t.Fatal("the workbook has no interventions: the test checks nothing")
	}
	if !strings.Contains(text, "4.5 Le decisioni vere vengono prese altrove, nei canali interni degli enti pubblici. (invertita)") {
		t.Error("the reversed statement is not marked in the guide")
	}
	if !strings.Contains(text, "Guida per il facilitatore") || strings.Contains(text, "Facilitator") {
		t.Error("the Italian guide is not in Italian")
	}
}

func TestGuideHTMLStructure(t *testing.T) {
	var buf bytes.Buffer
	if _, err := GuideHTML(&buf, Input{Data: fixture(t, "en"), Earlier: earlierRound(t, "en"), Group: workbook.Insider}, Options{}); err != nil {
		t.Fatal(err)
	}
	doc := parseHTML(t, buf.Bytes())
	if h := doc.all("html"); len(h) != 1 || h[0].attrs["lang"] != "en-GB" {
		t.Error("no lang on the page")
	}
	if n := len(doc.all("h1")); n != 1 {
		t.Errorf("%d h1", n)
	}
	tables := doc.all("table")
	if len(tables) != 2 {
		t.Fatalf("%d tables, want the plan and the contested statements", len(tables))
	}
	for _, tb := range tables {
		if len(tb.all("caption")) != 1 || len(tb.all("thead")) != 1 {
			t.Error("a table without a caption or a head")
		}
		for _, th := range tb.all("th") {
			if th.attrs["scope"] != "col" && th.attrs["scope"] != "row" {
				t.Errorf("a th without scope: %q", th.Text())
			}
		}
		region := tb.parent
		if region.attrs["tabindex"] != "0" || region.attrs["role"] != "region" || region.attrs["aria-label"] == "" {
			t.Error("a table's scrolling box cannot be reached by keyboard")
		}
	}
	if n := len(doc.all("script")); n > 0 {
		t.Error("the guide has scripts")
	}
}
