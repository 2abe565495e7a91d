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
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/questionnaire"
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
	// ErrIsTerminal reports whether Err is a terminal: progress is shown
	// on it only then.
	ErrIsTerminal func() bool
	// ReadSecret shows prompt and reads a line typed at the terminal
	// without showing it (a passphrase); nil when standard input is not
	// a terminal.
	ReadSecret func(prompt string) (string, error)
}

// SystemIO returns the process's standard streams and environment.
func SystemIO() IO {
	sys := IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, IsTerminal: func() bool {
		return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
	}, ErrIsTerminal: func() bool { return term.IsTerminal(os.Stderr.Fd()) }}
	if term.IsTerminal(os.Stdin.Fd()) {
		sys.ReadSecret = readSecret
	}
	return sys
}

// globals are the flags every command shares.
type globals struct {
	io            IO
	db            string
	questionnaire string
	// insecureStore uses a store that belongs to another user or lies in
	// a folder anyone may write to (--insecure-store, ENGAGE_INSECURE_STORE=1).
	insecureStore bool
	// accessible runs the workbook as plain prompts and answers for a
	// screen reader (--accessible, ENGAGE_ACCESSIBLE=1).
	accessible bool
	// lang is --lang as given ("" when not): it chooses the language of
	// the messages and of what a command writes.
	lang string
	// quiet turns progress off (--quiet).
	quiet bool
	// cat is every language Engage speaks; l is the user's (--lang, then
	// the locale variables, then English). catErr is a catalogue folder
	// that could not be read: commands refuse to run with it.
	cat    *i18n.Catalog
	l      *i18n.Lang
	catErr error
	// conf is the user's config file; confErr what is wrong with it:
	// commands refuse to run with it, except engage config.
	conf    config
	confErr error
}

// NewRootCmd builds the engage command tree, speaking the language of the
// locale variables sys gives.
func NewRootCmd(sys IO) *cobra.Command {
	root, _ := newRootCmd(sys, nil)
	return root
}

// newRootCmd builds the command tree in the language that args (--lang)
// or the environment ask for: help texts are made here, before the flags
// are parsed.
func newRootCmd(sys IO, args []string) (*cobra.Command, *globals) {
	g := &globals{io: sys}
	g.cat, g.catErr = i18n.LoadDir(i18n.Dir(getenvOf(sys)))
	if g.catErr != nil {
		g.cat = i18n.Embedded()
	}
	// The config file is read in the language the rest of the
	// environment asks for, since it may itself choose the language.
	g.conf, g.confErr = loadConfig(g.cat.For(g.userLang(scanLang(args))), getenvOf(sys))
	g.l = g.cat.For(g.userLang(scanLang(args)))
	l := g.l
	root := &cobra.Command{
		Use:           "engage",
		Short:         l.T("cli.root.short"),
		Long:          l.T("cli.root.long"),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          g.rootArgs,
		// An empty --db or --questionnaire (a script's unset variable)
		// would quietly fall back to the default store or workbook.
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if g.catErr != nil {
				return &ExitError{Code: 1, Message: g.catErr.Error(), Hint: l.T("cli.catalogue.hint", "Env", i18n.EnvDir)}
			}
			if g.confErr != nil && cmd.Name() != "config" {
				return &ExitError{Code: 1, Message: g.confErr.Error(), Hint: l.T("cli.config.hint")}
			}
			for _, name := range []string{"db", "questionnaire"} {
				if f := cmd.Flags().Lookup(name); f != nil && f.Changed && f.Value.String() == "" {
					return usageErr(cmd, errors.New(l.T("cli.flag.empty_file", "Flag", name)))
				}
			}
			if g.lang != "" {
				if err := questionnaire.CheckLanguage(g.lang); err != nil {
					return usageErr(cmd, errors.New(l.T("cli.flag.lang_bad", "Err", err.Error())))
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
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageErr(cmd, flagError(l, err)) })
	root.CompletionOptions.DisableDefaultCmd = true
	pf := root.PersistentFlags()
	pf.StringVar(&g.db, "db", "", l.T("cli.flag.db"))
	pf.StringVar(&g.questionnaire, "questionnaire", "", l.T("cli.flag.questionnaire"))
	pf.BoolVar(&g.insecureStore, "insecure-store", false, l.T("cli.flag.insecure_store", "Env", store.EnvInsecure))
	pf.StringVar(&g.lang, "lang", "", l.T("cli.flag.lang"))
	pf.BoolVarP(&g.quiet, "quiet", "q", false, l.T("cli.flag.quiet"))
	root.Flags().BoolVar(&g.accessible, "accessible", false, l.T("cli.flag.accessible", "Env", EnvAccessible))

	root.AddCommand(
		newDemoCmd(g),
		newSitesCmd(g),
		newQuestionnaireCmd(g),
		newBackupCmd(g),
		newExportCmd(g),
		newImportCmd(g),
		newKeyCmd(g),
		newVersionCmd(g),
		newReportCmd(g),
		newBookletCmd(g),
		newCompareCmd(g),
		newWarehouseCmd(g),
		newActionsCmd(g),
		newCheckCmd(g),
		newCompletionCmd(g),
		newManCmd(g),
		newConfigCmd(g),
		newMapCmd(g),
	)
	root.Version = version()
	root.SetVersionTemplate(strings.ReplaceAll(g.versionLine(), "{{", "{{`{{`}}") + "\n")
	root.InitDefaultVersionFlag()
	if f := root.Flags().Lookup("version"); f != nil {
		f.Usage = l.T("cli.flag.version")
	}
	localiseHelp(l, root)
	return root, g
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
func (g *globals) rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	l := g.l
	msg := l.T("cli.args.unknown_command", "Cmd", strconv.Quote(args[0]), "Path", strconv.Quote(cmd.CommandPath()))
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg = l.T("cli.args.did_you_mean", "Message", msg, "Suggestion", strconv.Quote(s[0]))
	}
	return usageErr(cmd, errors.New(msg))
}

// flagError says what a flag wants instead of passing on strconv's words
// ("strconv.ParseInt: parsing ...").
func flagError(l *i18n.Lang, err error) error {
	var bad *pflag.InvalidValueError
	var num *strconv.NumError
	if !errors.As(err, &bad) || !errors.As(err, &num) {
		return err
	}
	want := l.T("cli.flag.want_number")
	switch num.Func {
	case "ParseInt", "ParseUint":
		want = l.T("cli.flag.want_whole_number")
	case "ParseBool":
		want = l.T("cli.flag.want_bool")
	}
	return errors.New(l.T("cli.flag.wants", "Flag", bad.GetFlag().Name, "Want", want, "Value", strconv.Quote(bad.GetValue())))
}

func (g *globals) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(cmd, errors.New(g.l.T("cli.args.none", "Cmd", strconv.Quote(cmd.CommandPath()), "Arg", strconv.Quote(args[0]))))
	}
	return nil
}

// exactArgs wants n arguments; what names them in the user's language.
func (g *globals) exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		l, path := g.l, strconv.Quote(cmd.CommandPath())
		switch {
		case len(args) < n:
			return usageErr(cmd, errors.New(l.T("cli.args.needs", "Cmd", path, "What", what)))
		case len(args) > n:
			return usageErr(cmd, errors.New(l.T("cli.args.only", "Cmd", path, "What", what, "N", len(args), "Args", fmt.Sprintf("%q", args))))
		}
		return nil
	}
}

func (g *globals) minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErr(cmd, errors.New(g.l.T("cli.args.needs", "Cmd", strconv.Quote(cmd.CommandPath()), "What", what)))
		}
		return nil
	}
}

// hinter is an error that knows what the user can do about it.
type hinter interface{ Hint() string }

// hintedError is an error with the advice of the command it happened
// in; Run prints the advice under the error's message.
type hintedError struct {
	err  error
	hint string
}

func (e *hintedError) Error() string { return e.err.Error() }
func (e *hintedError) Unwrap() error { return e.err }
func (e *hintedError) Hint() string  { return e.hint }

// withHint attaches a command's advice to err.
func withHint(err error, hint string) error { return &hintedError{err: err, hint: hint} }

// Run executes engage with args and returns the process exit code: 0 ok,
// 1 failure, 2 usage error. Errors are printed to sys.Err as one line, with
// a hint where one helps.
func Run(sys IO, args []string) int {
	root, g := newRootCmd(sys, args)
	l := g.l
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
			hint = l.T("cli.hint.see_help", "Cmd", ue.cmd.CommandPath())
		}
	case isUnknownCommand(err):
		code, hint = 2, l.T("cli.hint.see_help", "Cmd", "engage")
	}
	if code == 1 && ee == nil {
		if m, hi, ok := storeMessage(l, err); ok {
			msg, hint = m, hi
		}
	}
	// Advice a command gave (withHint) is more to the point than the
	// general advice for the error it is attached to.
	var wh *hintedError
	switch {
	case errors.As(err, &wh):
		hint = wh.hint
	case hint == "" && errors.As(err, &h):
		hint = h.Hint()
	}
	// A message may quote a file's content or a record (a refused
	// bundle, a questionnaire's problems): it is shown as text only.
	if msg != "" {
		fmt.Fprintln(sys.Err, l.T("cli.run.error", "Message", textsafe.Block(msg)))
	}
	if hint != "" {
		fmt.Fprintln(sys.Err, l.T("cli.run.hint", "Hint", textsafe.Line(hint)))
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
