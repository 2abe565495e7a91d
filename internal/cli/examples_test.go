package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command a user can call shows how to call it: an Examples section
// whose lines start with the command itself.
func TestEveryCommandHasExamples(t *testing.T) {
	root := NewRootCmd(IO{Getenv: func(string) string { return "" }})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Hidden || !c.IsAvailableCommand() && c != root || c.Name() == "help" {
			return
		}
		if c == root {
			return // engage's own help lists the commands instead
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s has no Examples", c.CommandPath())
			return
		}
		for _, line := range strings.Split(c.Example, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "engage ") {
				t.Errorf("%s: example %q does not start with engage", c.CommandPath(), line)
			}
		}
	}
	walk(root)
}
