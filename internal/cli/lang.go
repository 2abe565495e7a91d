package cli

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// userLang is the language engage speaks to the user: --lang, then
// $ENGAGE_LANG, then the config file's lang, then the locale variables
// (LC_ALL, LC_MESSAGES, LANG), then English.
func (g *globals) userLang(flag string) string {
	getenv := getenvOf(g.io)
	switch {
	case flag != "":
		return flag
	case getenv(EnvLang) != "":
		return getenv(EnvLang)
	case g.conf.lang != "":
		return g.conf.lang
	}
	if env := i18n.FromEnv(getenv); env != "" {
		return env
	}
	return i18n.Fallback
}

// scanLang finds --lang in args before cobra parses them, because the
// help texts are made in the user's language when the commands are built.
// A value cobra will refuse is left to cobra.
func scanLang(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		}
	}
	return ""
}

func getenvOf(sys IO) func(string) string {
	if sys.Getenv == nil {
		return func(string) string { return "" }
	}
	return sys.Getenv
}

// localiseHelp puts cobra's own words (the usage headings, the help flag
// and command) in l's language.
func localiseHelp(l *i18n.Lang, root *cobra.Command) {
	t := root.UsageTemplate()
	for _, r := range []struct{ en, id string }{
		{"Usage:", "cli.usage.usage"},
		{"Aliases:", "cli.usage.aliases"},
		{"Examples:", "cli.usage.examples"},
		{"Available Commands:", "cli.usage.commands"},
		{"Additional Commands:", "cli.usage.additional_commands"},
		{"Global Flags:", "cli.usage.global_flags"},
		{"Flags:", "cli.usage.flags"},
		{"Additional help topics:", "cli.usage.help_topics"},
		{"[command]", "cli.usage.command_placeholder"},
	} {
		t = strings.ReplaceAll(t, r.en, l.T(r.id))
	}
	t = strings.Replace(t, `Use "{{.CommandPath}} `+l.T("cli.usage.command_placeholder")+` --help" for more information about a command.`,
		l.T("cli.usage.more", "Cmd", "{{.CommandPath}} "+l.T("cli.usage.command_placeholder")+" --help"), 1)
	root.SetUsageTemplate(t)
	root.InitDefaultHelpCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" && c.Parent() == root {
			c.Short = l.T("cli.help.short")
			c.Long = l.T("cli.help.long")
		}
		c.InitDefaultHelpFlag()
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = l.T("cli.help.flag", "Name", c.Name())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// noLanguage says that the catalogue has no texts in lang, and which
// languages it has.
func (g *globals) noLanguage(lang string) error {
	return errors.New(g.l.T("cli.lang.missing", "Lang", strconv.Quote(lang), "Have", strings.Join(g.cat.Languages(), ", ")))
}
