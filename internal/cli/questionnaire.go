package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

func newQuestionnaireCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "questionnaire",
		Aliases: []string{"questionnaires"},
		Short:   "Validate, list and show questionnaires (workbooks)",
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newQuestionnaireValidateCmd(g), newQuestionnaireListCmd(g), newQuestionnaireShowCmd(g))
	return cmd
}

func newQuestionnaireValidateCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check questionnaire files and report every problem as file:line:col",
		Args:  minArgs(1, "at least one questionnaire FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateRun(g.io, args)
		},
	}
}

func validateRun(sys IO, files []string) error {
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
			nk, ns, nc := len(q.KeyIssues), len(q.Statements()), len(q.Criteria)
			fmt.Fprintf(sys.Out, "%s: valid: %s %s, %d %s, %d %s (%d for verification), %d %s, languages %s\n",
				textsafe.Line(f), q.ID, textsafe.Line(q.Version), nk, countNoun(nk, "key issue", "key issues"), ns, countNoun(ns, "statement", "statements"),
				len(q.VerificationStatements()), nc, countNoun(nc, "criterion", "criteria"), strings.Join(q.Languages, ", "))
		}
	}
	if bad > 0 {
		noun := "file has"
		if bad > 1 {
			noun = "files have"
		}
		return &ExitError{Code: 1, Message: fmt.Sprintf("%d %s problems", bad, noun)}
	}
	return nil
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
	st, err := g.openStore(true)
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
	return &cobra.Command{
		Use:   "list",
		Short: "List the questionnaires available: embedded, given with --questionnaire, and pinned in the store",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := g.availableQuestionnaires()
			if err != nil {
				return err
			}
			return buffered(g.io.Out, func(w io.Writer) error {
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tVERSION\tHASH\tSTATEMENTS\tLANGUAGES\tSOURCE\tTITLE")
				for _, a := range all {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", a.q.ID, textsafe.Line(a.q.Version), a.q.Hash[:12], len(a.q.Statements()),
						strings.Join(a.q.Languages, ","), textsafe.Line(a.source), textsafe.Line(a.q.Title.String()))
				}
				return tw.Flush()
			})
		},
	}
}

func newQuestionnaireShowCmd(g *globals) *cobra.Command {
	var lang string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print a questionnaire's statements, criteria and scale (ID, ID@VERSION or a hash prefix)",
		Args:  exactArgs(1, "the questionnaire ID (see `engage questionnaire list`)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(questionnaire.KnownLanguages, lang) {
				return usageErr(cmd, fmt.Errorf("--lang must be one of %s", strings.Join(questionnaire.KnownLanguages, ", ")))
			}
			all, err := g.availableQuestionnaires()
			if err != nil {
				return err
			}
			q, err := pickQuestionnaire(all, args[0])
			if err != nil {
				return err
			}
			return buffered(g.io.Out, func(w io.Writer) error { return showQuestionnaire(w, q, lang) })
		},
	}
	cmd.Flags().StringVar(&lang, "lang", questionnaire.English, "language of the texts: en or it")
	return cmd
}

func pickQuestionnaire(all []available, ref string) (*questionnaire.Questionnaire, error) {
	var match []*questionnaire.Questionnaire
	for _, a := range all {
		switch {
		case a.q.ID == ref, a.q.ID+"@"+a.q.Version == ref, len(ref) >= 6 && strings.HasPrefix(a.q.Hash, ref):
			match = append(match, a.q)
		}
	}
	switch len(match) {
	case 0:
		return nil, &ExitError{Code: 1, Message: fmt.Sprintf("no questionnaire %q", ref), Hint: "see `engage questionnaire list`"}
	case 1:
		return match[0], nil
	}
	// The same id in several versions: the embedded (listed first) wins
	// unless the versions are told apart.
	if match[0].ID == ref && slices.IndexFunc(match[1:], func(q *questionnaire.Questionnaire) bool { return q.Version == match[0].Version }) < 0 {
		return match[0], nil
	}
	return nil, &ExitError{Code: 1, Message: fmt.Sprintf("%q matches %d questionnaires", ref, len(match)), Hint: "name one by ID@VERSION or hash prefix (see `engage questionnaire list`)"}
}

// showQuestionnaire prints q's texts in lang. Each text comes from the
// file (perhaps a bundle's), so each is printed through textsafe.
func showQuestionnaire(w io.Writer, q *questionnaire.Questionnaire, lang string) error {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	in := func(t questionnaire.Text) string { return textsafe.Line(t.In(lang)) }
	p("%s\n%s %s (hash %s)\n", in(q.Title), q.ID, textsafe.Line(q.Version), q.Hash[:12])
	if d := textsafe.Block(q.Description.In(lang)); d != "" {
		p("\n%s\n", d)
	}
	p("\nScale: 1-%d", q.Scale.Points)
	for i, l := range q.Scale.Labels {
		p("\n  %d  %s", i+1, in(l))
	}
	p("\n  -  %s (never scored)\n", in(q.Scale.DontKnow))
	p("Bands: good area from %.2f, area to improve from %.2f, barrier below %.2f\n", q.Bands.Good, q.Bands.Improve, q.Bands.Improve)
	p("\nPartnership criteria:\n")
	for i, c := range q.Criteria {
		p("  %d. %s", i+1, in(c.Text))
		if c.CutoffYear > 0 {
			p(" (cut-off year %d)", c.CutoffYear)
		}
		p("  [%s]\n", c.ID)
	}
	if len(q.Directorates) > 0 {
		p("\nDefault directorates:\n")
		for _, d := range q.Directorates {
			p("  - %s  [%s]\n", in(d.Name), d.ID)
		}
	}
	numbers := q.Numbering()
	for i, ki := range q.KeyIssues {
		p("\nKey issue %d: %s  [%s]\n", i+1, in(ki.Title), ki.ID)
		for _, st := range ki.Statements {
			marks := ""
			if st.Verify {
				marks += " (verification)"
			}
			if st.Reverse {
				marks += " (reversed)"
			}
			p("  %s %s%s  [%s]\n", numbers.Number(st.ID), in(st.Text), marks, st.ID)
		}
	}
	return nil
}
