// Command engage is the partnership engagement self-assessment toolkit.
package main

import (
	"os"

	"github.com/engage-toolkit/engage/internal/cli"
)

func main() {
	os.Exit(cli.Run(cli.SystemIO(), os.Args[1:]))
}
