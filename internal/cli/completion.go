package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// shells are the shells `engage completion` writes a script for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

func newCompletionCmd(g *globals) *cobra.Command {
	l := g.l
	return &cobra.Command{
		Use:   "completion " + strings.Join(shells, "|"),
		Short: l.T("cli.completion.short"),
		Long:  l.T("cli.completion.long"),
		Example: `  engage completion bash > ~/.local/share/bash-completion/completions/engage
  engage completion zsh > "${fpath[1]}/_engage"
  engage completion fish > ~/.config/fish/completions/engage.fish
  engage completion powershell | Out-String | Invoke-Expression`,
		ValidArgs: shells,
		Args:      g.exactArgs(1, l.T("cli.completion.arg_shell")),
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), g.io.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return usageErr(cmd, errors.New(l.T("cli.completion.bad_shell", "Shell", strconv.Quote(args[0]), "Shells", strings.Join(shells, ", "))))
		},
	}
}

func newManCmd(g *globals) *cobra.Command {
	l := g.l
	return &cobra.Command{
		Use:   "man DIR",
		Short: l.T("cli.man.short"),
		Long:  l.T("cli.man.long"),
		Example: `  engage man ./man && man ./man/engage.1
  engage man --lang it ./man-it`,
		Args: g.exactArgs(1, l.T("cli.man.arg_dir")),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			// The pages' dates come from the build, not the clock, so
			// that a release makes the same pages every time.
			hdr := &doc.GenManHeader{Title: "ENGAGE", Section: "1", Source: "Engage " + version(), Manual: l.T("cli.man.manual"), Date: buildTime(g.io.Getenv)}
			root := cmd.Root()
			root.DisableAutoGenTag = true
			if err := doc.GenManTree(root, hdr, dir); err != nil {
				return err
			}
			_, err := fmt.Fprintln(g.io.Out, l.T("cli.man.written", "Dir", filepath.Clean(dir)))
			return err
		},
	}
}

// completeSites offers the store's site slugs for a SITE argument. It
// opens the store read-only and says nothing when it cannot: a shell's
// completion is no place for an error. compare, push and actions take
// many sites, each once; the other commands one.
func (g *globals) completeSites(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	many := cmd.Name() == "compare" || cmd.Name() == "push" || cmd.Name() == "actions"
	if len(args) > 0 && !many {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st, err := g.openStore(true, nil)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer st.Close()
	var out []cobra.Completion
	_ = workbook.NewService(st, workbook.Options{}).Read(func(r *workbook.Reader) error {
		sites, err := r.Sites()
		for _, s := range sites {
			if strings.HasPrefix(s.Slug, toComplete) && !slices.Contains(args, s.Slug) {
				out = append(out, cobra.CompletionWithDesc(s.Slug, s.Name))
			}
		}
		return err
	})
	return out, cobra.ShellCompDirectiveNoFileComp
}
