package cli

import (
	"bytes"
	"github.com/engage-toolkit/engage/internal/i18n"
	"regexp"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// TestShowQuestionnaireCleansEveryText puts escape sequences and bidi
// overrides in every text `questionnaire show` prints, past the parser
// (which refuses them), as a questionnaire pinned by an older engage may
// hold them: none reaches the output.
func TestShowQuestionnaireCleansEveryText(t *testing.T) {
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	const bad = "\x1b]0;pwned\x07\x1b[2J\u202e\u0085"
	taint := func(tx questionnaire.Text) questionnaire.Text {
		out := questionnaire.Text{}
		for lang, s := range tx {
			out[lang] = s + bad + "end"
		}
		return out
	}
	q.Title, q.Description, q.Version = taint(q.Title), taint(q.Description), q.Version+bad
	for i := range q.Scale.Labels {
		q.Scale.Labels[i] = taint(q.Scale.Labels[i])
	}
	q.Scale.DontKnow = taint(q.Scale.DontKnow)
	for i := range q.Criteria {
		q.Criteria[i].Text = taint(q.Criteria[i].Text)
	}
	for i := range q.Directorates {
		q.Directorates[i].Name = taint(q.Directorates[i].Name)
	}
	for i := range q.KeyIssues {
		q.KeyIssues[i].Title = taint(q.KeyIssues[i].Title)
		for j := range q.KeyIssues[i].Statements {
			q.KeyIssues[i].Statements[j].Text = taint(q.KeyIssues[i].Statements[j].Text)
		}
	}
	for _, lang := range q.Languages {
		var buf bytes.Buffer
		if err := showQuestionnaire(&buf, i18n.Embedded().For(lang), q, lang); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if m := regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]").FindString(out); m != "" {
			t.Errorf("%s: %q reached the output:\n%s", lang, m, out)
		}
		// Every text is still shown, and a one-line text stays one line.
		if n := strings.Count(out, "end"); n < len(q.Statements()) {
			t.Errorf("%s: %d texts shown, want at least %d", lang, n, len(q.Statements()))
		}
		// (The description is a block: its NEL is a line break.)
		if n := strings.Count(out, "\nend\n"); n != 1 {
			t.Errorf("%s: a line break from a one-line text split a line:\n%s", lang, out)
		}
	}
}
