package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/store"
)

// Version is engage's version, set at build time with
// -ldflags "-X github.com/engage-toolkit/engage/internal/cli.Version=v1.2.3".
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: g.l.T("cli.version.short"),
		Args:  g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(g.io.Out, g.l.T("cli.version.line", "Version", version(), "Schema", store.SchemaVersion,
				"Go", runtime.Version(), "OS", runtime.GOOS, "Arch", runtime.GOARCH))
			return err
		},
	}
}
