package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func newQuestionnaireCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "questionnaire",
		Aliases: []string{"questionnaires"},
		Short:   g.l.T("cli.questionnaire.short"),
		Example: `  engage questionnaire list
  engage questionnaire show community-engagement
  engage questionnaire validate my-workbook.yaml`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newQuestionnaireValidateCmd(g), newQuestionnaireListCmd(g), newQuestionnaireShowCmd(g))
	return cmd
}

func newQuestionnaireValidateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: g.l.T("cli.questionnaire.validate_short"),
		Example: `  engage questionnaire validate my-workbook.yaml
  engage questionnaire validate questionnaires/*.yaml`,
		Args: g.minArgs(1, g.l.T("cli.questionnaire.validate_arg")),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateRun(g, args)
		},
	}
}

func validateRun(g *globals, files []string) error {
	sys, l := g.io, g.l
	bad := 0
	for _, f := range files {
		q, err := questionnaire.LoadFile(f)
		var ve *questionnaire.ValidationError
		switch {
		case errors.As(err, &ve):
			bad++
			fmt.Fprintln(sys.Err, textsafe.Block(ve.Error())) // at most MaxReported lines, then a count
		case err != nil:
			bad++
			fmt.Fprintln(sys.Err, textsafe.Block(fmt.Sprintf("%s: %v", f, atomicfile.Cause(err))))
		default:
			fmt.Fprintln(sys.Out, l.T("cli.questionnaire.valid", "File", textsafe.Line(f), "ID", q.ID, "Version", textsafe.Line(q.Version),
				"KeyIssues", l.N("cli.questionnaire.n_key_issues", len(q.KeyIssues)),
				"Statements", l.N("cli.questionnaire.n_statements", len(q.Statements())),
				"Verification", len(q.VerificationStatements()),
				"Criteria", l.N("cli.questionnaire.n_criteria", len(q.Criteria)),
				"Languages", strings.Join(q.Languages, ", ")))
			for _, line := range languageNotes(g, q) {
				fmt.Fprintln(sys.Out, "  "+line)
			}
		}
	}
	if bad > 0 {
		return &ExitError{Code: 1, Message: l.N("cli.questionnaire.files_bad", bad)}
	}
	return nil
}

// languageNotes says, for each language a questionnaire declares besides
// English, how many of its texts fall back to English, and whether
// engage's own words are there in that language.
func languageNotes(g *globals, q *questionnaire.Questionnaire) []string {
	var out []string
	for _, lang := range q.Languages {
		if lang == questionnaire.English {
			continue
		}
		if n := q.Untranslated(lang); n > 0 {
			out = append(out, g.l.N("cli.questionnaire.untranslated", n, "Lang", lang))
		}
		switch missing := len(g.cat.Missing(lang)); {
		case !g.cat.Has(lang):
			out = append(out, g.l.T("cli.questionnaire.no_catalogue", "Lang", lang, "Env", i18n.EnvDir))
		case missing > 0:
			out = append(out, g.l.N("cli.questionnaire.catalogue_gaps", missing, "Lang", lang, "File", g.cat.File(g.cat.For(lang).Code())))
		}
	}
	return out
}

// available is a questionnaire and where it comes from.
type available struct {
	q      *questionnaire.Questionnaire
	source string
}

// availableQuestionnaires lists the embedded questionnaires, the one given
// with --questionnaire, and those pinned in the store (when there is one).
func (g *globals) availableQuestionnaires() ([]available, error) {
	emb, err := questionnaire.Embedded()
	if err != nil {
		return nil, err
	}
	var out []available
	for _, q := range emb {
		out = append(out, available{q, "embedded"})
	}
	if g.questionnaire != "" {
		q, err := g.loadQuestionnaire()
		if err != nil {
			return nil, err
		}
		out = append(out, available{q, g.questionnaire})
	}
	st, err := g.openStore(true, nil)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return out, nil
	case err != nil:
		return nil, err
	}
	defer st.Close()
	var pinned []*questionnaire.Questionnaire
	err = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
		pinned, err = r.PinnedQuestionnaires()
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, q := range pinned {
		if i := slices.IndexFunc(out, func(a available) bool { return a.q.Hash == q.Hash }); i >= 0 {
			out[i].source += ", in store"
			continue
		}
		out = append(out, available{q, "in store"})
	}
	return out, nil
}

func newQuestionnaireListCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: g.l.T("cli.questionnaire.list_short"),
		Example: `  engage questionnaire list
  engage questionnaire list --json`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := g.availableQuestionnaires()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(g.io.Out, questionnairesJSON(all))
			}
			return buffered(g.io.Out, func(w io.Writer) error {
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				l := g.l
				fmt.Fprintln(tw, strings.Join([]string{l.T("cli.questionnaire.col_id"), l.T("cli.questionnaire.col_version"),
					l.T("cli.questionnaire.col_hash"), l.T("cli.questionnaire.col_statements"), l.T("cli.questionnaire.col_languages"),
					l.T("cli.questionnaire.col_source"), l.T("cli.questionnaire.col_title")}, "\t"))
				for _, a := range all {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", a.q.ID, textsafe.Line(a.q.Version), a.q.Hash[:12], len(a.q.Statements()),
						strings.Join(a.q.Languages, ","), textsafe.Line(sourceName(l, a.source)), textsafe.Line(a.q.Title.In(l.Code())))
				}
				return tw.Flush()
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, g.l.T("cli.flag.json"))
	return cmd
}

// questionnaireJSON is one questionnaire as questionnaire list --json
// writes it: its title in each of its languages, and where it is.
type questionnaireJSON struct {
	ID         string            `json:"id"`
	Version    string            `json:"version"`
	Hash       string            `json:"hash"`
	Statements int               `json:"statements"`
	Languages  []string          `json:"languages"`
	Embedded   bool              `json:"embedded"`
	InStore    bool              `json:"in_store"`
	Title      map[string]string `json:"title"`
}

func questionnairesJSON(all []available) []questionnaireJSON {
	out := make([]questionnaireJSON, 0, len(all))
	for _, a := range all {
		title := map[string]string{}
		for _, lang := range a.q.Languages {
			title[lang] = a.q.Title.In(lang)
		}
		parts := strings.Split(a.source, ", ")
		out = append(out, questionnaireJSON{ID: a.q.ID, Version: a.q.Version, Hash: a.q.Hash, Statements: len(a.q.Statements()),
			Languages: a.q.Languages, Embedded: slices.Contains(parts, "embedded"), InStore: slices.Contains(parts, "in store"), Title: title})
	}
	return out
}

func newQuestionnaireShowCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: g.l.T("cli.questionnaire.show_short"),
		Example: `  engage questionnaire show community-engagement
  engage questionnaire show 4ca5bd5520ef --lang it`,
		Long: g.l.T("cli.questionnaire.show_long"),
		Args: g.exactArgs(1, g.l.T("cli.questionnaire.show_arg")),
		RunE: func(cmd *cobra.Command, args []string) error {
			// The texts in --lang, or the user's language; engage's own
			// headings in the same language, or English without a
			// catalogue for it.
			lang := g.userLang(g.lang)
			all, err := g.availableQuestionnaires()
			if err != nil {
				return err
			}
			q, err := pickQuestionnaire(g.l, all, args[0])
			if err != nil {
				return err
			}
			return buffered(g.io.Out, func(w io.Writer) error { return showQuestionnaire(w, g.cat.For(lang), q, lang) })
		},
	}
	return cmd
}

// sourceName says where a questionnaire comes from in l's language.
func sourceName(l *i18n.Lang, source string) string {
	parts := strings.Split(source, ", ")
	for i, p := range parts {
		switch p {
		case "embedded":
			parts[i] = l.T("cli.questionnaire.source_embedded")
		case "in store":
			parts[i] = l.T("cli.questionnaire.source_store")
		}
	}
	return strings.Join(parts, ", ")
}

func pickQuestionnaire(l *i18n.Lang, all []available, ref string) (*questionnaire.Questionnaire, error) {
	var match []*questionnaire.Questionnaire
	for _, a := range all {
		switch {
		case a.q.ID == ref, a.q.ID+"@"+a.q.Version == ref, len(ref) >= 6 && strings.HasPrefix(a.q.Hash, ref):
			match = append(match, a.q)
		}
	}
	switch len(match) {
	case 0:
		return nil, &ExitError{Code: 1, Message: l.T("cli.questionnaire.not_found", "Ref", strconv.Quote(ref)), Hint: l.T("cli.questionnaire.see_list")}
	case 1:
		return match[0], nil
	}
	// The same id in several versions: the embedded (listed first) wins
	// unless the versions are told apart.
	if match[0].ID == ref && slices.IndexFunc(match[1:], func(q *questionnaire.Questionnaire) bool { return q.Version == match[0].Version }) < 0 {
		return match[0], nil
	}
	return nil, &ExitError{Code: 1, Message: l.T("cli.questionnaire.ambiguous", "Ref", strconv.Quote(ref), "N", len(match)), Hint: l.T("cli.questionnaire.ambiguous_hint")}
}

// showQuestionnaire prints q's texts in lang, with the headings in l's
// language. Each text comes from the file (perhaps a bundle's), so each
// is printed through textsafe.
func showQuestionnaire(w io.Writer, l *i18n.Lang, q *questionnaire.Questionnaire, lang string) error {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	in := func(t questionnaire.Text) string { return textsafe.Line(t.In(lang)) }
	p("%s\n%s\n", in(q.Title), l.T("cli.show.id", "ID", q.ID, "Version", textsafe.Line(q.Version), "Hash", q.Hash[:12]))
	if d := textsafe.Block(q.Description.In(lang)); d != "" {
		p("\n%s\n", d)
	}
	p("\n%s", l.T("cli.show.scale", "Points", q.Scale.Points))
	for i, label := range q.Scale.Labels {
		p("\n  %d  %s", i+1, in(label))
	}
	p("\n  -  %s\n", l.T("cli.show.dont_know", "Label", in(q.Scale.DontKnow)))
	p("%s\n", l.T("cli.show.bands", "Good", l.Num(q.Bands.Good, 2), "Improve", l.Num(q.Bands.Improve, 2)))
	p("\n%s\n", l.T("cli.show.criteria"))
	for i, c := range q.Criteria {
		p("  %d. %s", i+1, in(c.Text))
		if c.CutoffYear > 0 {
			p(" %s", l.T("cli.show.cutoff", "Year", c.CutoffYear))
		}
		p("  [%s]\n", c.ID)
	}
	if len(q.Directorates) > 0 {
		p("\n%s\n", l.T("cli.show.directorates"))
		for _, d := range q.Directorates {
			p("  - %s  [%s]\n", in(d.Name), d.ID)
		}
	}
	numbers := q.Numbering()
	for i, ki := range q.KeyIssues {
		p("\n%s  [%s]\n", l.T("cli.show.key_issue", "N", i+1, "Title", in(ki.Title)), ki.ID)
		for _, st := range ki.Statements {
			marks := ""
			if st.Verify {
				marks += " " + l.T("cli.show.verification")
			}
			if st.Reverse {
				marks += " " + l.T("cli.show.reversed")
			}
			p("  %s %s%s  [%s]\n", numbers.Number(st.ID), in(st.Text), marks, st.ID)
		}
	}
	return nil
}
