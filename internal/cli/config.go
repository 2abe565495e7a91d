package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
)

// The environment variables that choose a config file, and that override
// its settings.
const (
	EnvConfig = "ENGAGE_CONFIG"
	EnvLang   = "ENGAGE_LANG"
	EnvPaper  = "ENGAGE_PAPER"
)

// maxConfigBytes bounds the config file: three settings fit in far less.
const maxConfigBytes = 64 << 10

// config is the user's config file: defaults a person sets once. Flags
// and the environment override each setting.
type config struct {
	path  string // where it is, or would be
	found bool
	// lang is the language Engage speaks to the user, as the locale
	// variables would choose it; paper the reports' paper size; db the
	// store.
	lang, paper, db string
}

// configSettings are the config file's settings, in the order engage
// config lists them.
var configSettings = []string{"lang", "paper", "db"}

// configPath is where the config file is: $ENGAGE_CONFIG, else
// engage/config.yaml in the user's config folder ($XDG_CONFIG_HOME,
// ~/.config, ~/Library/Application Support, %AppData%).
func configPath(getenv func(string) string) (string, error) {
	if p := getenv(EnvConfig); p != "" {
		return p, nil
	}
	base := getenv("XDG_CONFIG_HOME")
	if base == "" || !filepath.IsAbs(base) {
		var err error
		if base, err = os.UserConfigDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(base, "engage", "config.yaml"), nil
}

// configError is a mistake in the config file, at its line and column.
type configError struct {
	path      string
	line, col int
	msg       string
}

func (e *configError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.path, e.line, e.col, e.msg)
	}
	return e.path + ": " + e.msg
}

// loadConfig reads the config file. A missing file is no config; a file
// engage cannot read or understand is an error that says where.
func loadConfig(l *i18n.Lang, getenv func(string) string) (config, error) {
	c, err := readConfig(l, getenv)
	if err != nil {
		// A file with a mistake sets nothing: half a config would
		// quietly run with some of what the user meant.
		c = config{path: c.path, found: c.found}
	}
	return c, err
}

func readConfig(l *i18n.Lang, getenv func(string) string) (config, error) {
	path, err := configPath(getenv)
	if err != nil {
		return config{}, nil // no config folder: nothing was set
	}
	c := config{path: path}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, &configError{path: path, msg: err.Error()}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return c, &configError{path: path, msg: err.Error()}
	}
	if len(b) > maxConfigBytes {
		return c, &configError{path: path, msg: l.T("cli.config.too_big", "Max", maxConfigBytes>>10)}
	}
	c.found = true
	file, err := parser.ParseBytes(b, 0)
	if err != nil {
		e := &configError{path: path, msg: l.T("cli.config.not_yaml", "Err", firstLine(err.Error()))}
		// goccy/go-yaml starts its message with [line:column].
		if m := yamlPlace.FindStringSubmatch(e.msg); m != nil {
			e.line, _ = strconv.Atoi(m[2])
			e.col, _ = strconv.Atoi(m[3])
			e.msg = m[1] + m[4]
		}
		return c, e
	}
	var m *ast.MappingNode
	for _, d := range file.Docs {
		switch n := d.Body.(type) {
		case nil:
		case *ast.MappingNode:
			if m != nil {
				return c, at(path, n, l.T("cli.config.one_document"))
			}
			m = n
		case *ast.MappingValueNode:
			if m != nil {
				return c, at(path, n, l.T("cli.config.one_document"))
			}
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{n}}
		default:
			return c, at(path, n, l.T("cli.config.not_mapping"))
		}
	}
	if m == nil {
		return c, nil // an empty file sets nothing
	}
	seen := map[string]bool{}
	for _, kv := range m.Values {
		key := kv.Key.String()
		if !slices.Contains(configSettings, key) {
			return c, at(path, kv.Key, l.T("cli.config.unknown", "Key", strconv.Quote(key), "Keys", strings.Join(configSettings, ", ")))
		}
		if seen[key] {
			return c, at(path, kv.Key, l.T("cli.config.twice", "Key", key))
		}
		seen[key] = true
		s, ok := scalar(kv.Value)
		if !ok {
			return c, at(path, kv.Value, l.T("cli.config.want_text", "Key", key))
		}
		switch key {
		case "lang":
			if err := questionnaire.CheckLanguage(s); err != nil {
				return c, at(path, kv.Value, l.T("cli.config.bad_lang", "Err", err.Error()))
			}
			c.lang = s
		case "paper":
			if !slices.Contains(pdffont.Papers, s) {
				return c, at(path, kv.Value, l.T("cli.config.bad_paper", "Papers", strings.Join(pdffont.Papers, ", "), "Value", strconv.Quote(s)))
			}
			c.paper = s
		case "db":
			if s == "" {
				return c, at(path, kv.Value, l.T("cli.config.empty_db"))
			}
			// A relative path is from the config file's folder, not
			// from wherever engage happens to be run.
			c.db = expandHome(s)
			if !filepath.IsAbs(c.db) {
				c.db = filepath.Join(filepath.Dir(path), c.db)
			}
		}
	}
	return c, nil
}

var yamlPlace = regexp.MustCompile(`^(.*?)\[(\d+):(\d+)\]\s*(.*)$`)

// scalar is a node's text when it is a plain value (a string, a word).
func scalar(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	case *ast.NullNode:
		return "", true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return n.GetToken().Value, true
	}
	return "", false
}

func at(path string, n ast.Node, msg string) error {
	e := &configError{path: path, msg: msg}
	if t := n.GetToken(); t != nil && t.Position != nil {
		e.line, e.col = t.Position.Line, t.Position.Column
	}
	return e
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// expandHome turns a leading ~/ into the home folder, as a shell would.
func expandHome(p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}

// setting is one setting in force and where it comes from.
type setting struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	From  string `json:"from"` // flag, environment, config, locale, default
	// Var names the flag or the variable it came from.
	Var string `json:"var,omitempty"`
}

// settings are the values in force for this run, each with its source.
func (g *globals) settings() []setting {
	getenv := getenvOf(g.io)
	var out []setting
	// lang
	switch {
	case g.lang != "":
		out = append(out, setting{"lang", g.lang, "flag", "--lang"})
	case getenv(EnvLang) != "":
		out = append(out, setting{"lang", getenv(EnvLang), "environment", EnvLang})
	case g.conf.lang != "":
		out = append(out, setting{"lang", g.conf.lang, "config", ""})
	case localeVar(getenv) != "":
		out = append(out, setting{"lang", i18n.FromEnv(getenv), "locale", localeVar(getenv)})
	default:
		out = append(out, setting{"lang", i18n.Fallback, "default", ""})
	}
	// paper
	switch {
	case getenv(EnvPaper) != "":
		out = append(out, setting{"paper", getenv(EnvPaper), "environment", EnvPaper})
	case g.conf.paper != "":
		out = append(out, setting{"paper", g.conf.paper, "config", ""})
	default:
		out = append(out, setting{"paper", pdffont.PaperA4, "default", ""})
	}
	// db
	path, err := g.storePath()
	if err != nil {
		path = err.Error()
	}
	switch {
	case g.db != "":
		out = append(out, setting{"db", path, "flag", "--db"})
	case getenv(store.EnvPath) != "":
		out = append(out, setting{"db", path, "environment", store.EnvPath})
	case g.conf.db != "":
		out = append(out, setting{"db", path, "config", ""})
	default:
		out = append(out, setting{"db", path, "default", ""})
	}
	return out
}

// localeVar is the locale variable the user's language comes from, if
// any sets one.
func localeVar(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" && s != "C" && s != "POSIX" {
			return v
		}
	}
	return ""
}

// defaultPaper is the paper size when --paper is not given: $ENGAGE_PAPER,
// then the config file, then A4.
func (g *globals) defaultPaper() string {
	if p := getenvOf(g.io)(EnvPaper); p != "" {
		return p
	}
	if g.conf.paper != "" {
		return g.conf.paper
	}
	return pdffont.PaperA4
}

func newConfigCmd(g *globals) *cobra.Command {
	l := g.l
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "config",
		Short: l.T("cli.config.short"),
		Long:  l.T("cli.config.long", "Env", EnvConfig),
		Example: `  engage config
  engage config --json
  engage --lang it config`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sets := g.settings()
			if asJSON {
				return writeJSON(g.io.Out, struct {
					File     string    `json:"file"`
					Found    bool      `json:"found"`
					Error    string    `json:"error,omitempty"`
					Settings []setting `json:"settings"`
				}{g.conf.path, g.conf.found, errText(g.confErr), sets})
			}
			return buffered(g.io.Out, func(w io.Writer) error {
				state := l.T("cli.config.file_found")
				if !g.conf.found {
					state = l.T("cli.config.file_missing")
				}
				fmt.Fprintln(w, l.T("cli.config.file", "Path", g.conf.path, "State", state))
				if g.confErr != nil {
					fmt.Fprintln(w, l.T("cli.config.file_bad", "Err", g.confErr.Error()))
				}
				fmt.Fprintln(w)
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, l.T("cli.config.head_setting")+"\t"+l.T("cli.config.head_value")+"\t"+l.T("cli.config.head_from"))
				for _, s := range sets {
					from := l.T(fromIDs[s.From])
					if s.Var != "" {
						from += " (" + s.Var + ")"
					}
					fmt.Fprintln(tw, s.Name+"\t"+s.Value+"\t"+from)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
				if !g.conf.found {
					fmt.Fprintln(w)
					fmt.Fprintln(w, l.T("cli.config.example"))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, l.T("cli.flag.json"))
	return cmd
}

// fromIDs name each source of a setting.
var fromIDs = map[string]string{
	"flag":        "cli.config.from_flag",
	"environment": "cli.config.from_environment",
	"config":      "cli.config.from_config",
	"locale":      "cli.config.from_locale",
	"default":     "cli.config.from_default",
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
