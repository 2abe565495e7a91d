// Package cli builds engage's commands: one file per command, each with an
// options struct and a run function, all writing through the [IO] they are
// given, never to os.Stdout directly.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/textsafe"
)

// IO is what a command reads and writes, and the environment it sees.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// IsTerminal reports whether In and Out are a terminal (the
	// interactive workbook needs one).
	IsTerminal func() bool
}

// SystemIO returns the process's standard streams and environment.
func SystemIO() IO {
	return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, IsTerminal: func() bool {
		return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
	}}
}

// globals are the flags every command shares.
type globals struct {
	io            IO
	db            string
	questionnaire string
	// insecureStore uses a store that belongs to another user or lies in
	// a folder anyone may write to (--insecure-store, ENGAGE_INSECURE_STORE=1).
	insecureStore bool
}

// NewRootCmd builds the engage command tree.
func NewRootCmd(sys IO) *cobra.Command {
	g := &globals{io: sys}
	root := &cobra.Command{
		Use:   "engage",
		Short: "Partnership engagement self-assessment",
		Long: `Engage helps a statutory organisation find out why it finds it hard to engage
with communities: map its partnerships, select one, hold the workbook dialogue,
verify with outsiders and identify the barriers.

Run engage with no command for the interactive workbook.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          rootArgs,
		// An empty --db or --questionnaire (a script's unset variable)
		// would quietly fall back to the default store or workbook.
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			for _, name := range []string{"db", "questionnaire"} {
				if f := cmd.Flags().Lookup(name); f != nil && f.Changed && f.Value.String() == "" {
					return usageErr(cmd, fmt.Errorf("--%s needs a file name, got an empty one", name))
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTUI(g)
		},
	}
	root.SetIn(sys.In)
	root.SetOut(sys.Out)
	root.SetErr(sys.Err)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageErr(cmd, flagError(err)) })
	root.CompletionOptions.DisableDefaultCmd = true
	pf := root.PersistentFlags()
	pf.StringVar(&g.db, "db", "", "the store file (default: $ENGAGE_DB, or engage/engage.db in your data folder)")
	pf.StringVar(&g.questionnaire, "questionnaire", "", "a questionnaire `FILE` to use instead of the embedded default workbook")
	pf.BoolVar(&g.insecureStore, "insecure-store", false, "use a store that belongs to another user or lies in a folder anyone can write to (also $"+store.EnvInsecure+"=1)")

	root.AddCommand(
		newDemoCmd(g),
		newSitesCmd(g),
		newQuestionnaireCmd(g),
		newBackupCmd(g),
		newExportCmd(g),
		newImportCmd(g),
		newVersionCmd(g),
		newReportCmd(g),
		newCompareCmd(g),
		newCheckCmd(g),
	)
	return root
}

// ExitError ends engage with a code and a message (none when Message is
// empty: the command printed what there was to say).
type ExitError struct {
	Code    int
	Message string
	Hint    string
}

func (e *ExitError) Error() string { return e.Message }

// usageError is a mistake in how a command was called: exit code 2.
type usageError struct {
	err error
	cmd *cobra.Command
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErr(cmd *cobra.Command, err error) error { return &usageError{err: err, cmd: cmd} }

// rootArgs rejects a word after plain engage as the unknown command it
// almost always is, with cobra's suggestions.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	}
	return usageErr(cmd, errors.New(msg))
}

// flagError says what a flag wants instead of passing on strconv's words
// ("strconv.ParseInt: parsing ...").
func flagError(err error) error {
	var bad *pflag.InvalidValueError
	var num *strconv.NumError
	if !errors.As(err, &bad) || !errors.As(err, &num) {
		return err
	}
	want := "a number"
	switch num.Func {
	case "ParseInt", "ParseUint":
		want = "a whole number"
	case "ParseBool":
		want = "true or false"
	}
	return fmt.Errorf("--%s wants %s, got %q", bad.GetFlag().Name, want, bad.GetValue())
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(cmd, fmt.Errorf("%q takes no arguments, got %q", cmd.CommandPath(), args[0]))
	}
	return nil
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return usageErr(cmd, fmt.Errorf("%q needs %s", cmd.CommandPath(), what))
		case len(args) > n:
			return usageErr(cmd, fmt.Errorf("%q takes only %s, got %d arguments: %q", cmd.CommandPath(), what, len(args), args))
		}
		return nil
	}
}

func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErr(cmd, fmt.Errorf("%q needs %s", cmd.CommandPath(), what))
		}
		return nil
	}
}

// hinter is an error that knows what the user can do about it.
type hinter interface{ Hint() string }

// Run executes engage with args and returns the process exit code: 0 ok,
// 1 failure, 2 usage error. Errors are printed to sys.Err as one line, with
// a hint where one helps.
func Run(sys IO, args []string) int {
	root := NewRootCmd(sys)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	code, msg, hint := 1, err.Error(), ""
	var ee *ExitError
	var ue *usageError
	var h hinter
	switch {
	case errors.As(err, &ee):
		code, msg, hint = ee.Code, ee.Message, ee.Hint
	case errors.As(err, &ue):
		code = 2
		if ue.cmd != nil {
			hint = fmt.Sprintf("see `%s --help`", ue.cmd.CommandPath())
		}
	case isUnknownCommand(err):
		code, hint = 2, "see `engage --help`"
	}
	if hint == "" && errors.As(err, &h) {
		hint = h.Hint()
	}
	// A message may quote a file's content or a record (a refused
	// bundle, a questionnaire's problems): it is shown as text only.
	if msg != "" {
		fmt.Fprintf(sys.Err, "engage: %s\n", textsafe.Block(msg))
	}
	if hint != "" {
		fmt.Fprintf(sys.Err, "hint: %s\n", textsafe.Line(hint))
	}
	return code
}

// isUnknownCommand recognises cobra's error for a command that does not
// exist (cobra has no typed error for it).
func isUnknownCommand(err error) bool {
	const prefix = "unknown command"
	s := err.Error()
	return len(s) >= len(prefix) && s[:len(prefix)] == prefix
}
