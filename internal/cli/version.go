package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

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

// buildTime is when the source engage was built from was committed, from
// the build's version control stamp, else $SOURCE_DATE_EPOCH; nil when
// neither says.
func buildTime(getenv func(string) string) *time.Time {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return &t
				}
			}
		}
	}
	if getenv != nil {
		if sec, err := strconv.ParseInt(getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
			t := time.Unix(sec, 0).UTC()
			return &t
		}
	}
	return nil
}

// versionLine is what `engage version` and `engage --version` print.
func (g *globals) versionLine() string {
	return g.l.T("cli.version.line", "Version", version(), "Schema", store.SchemaVersion,
		"Go", runtime.Version(), "OS", runtime.GOOS, "Arch", runtime.GOARCH)
}

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: g.l.T("cli.version.short"),
		Example: `  engage version
  engage --version`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(g.io.Out, g.versionLine())
			return err
		},
	}
}
