package cli_test

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/engage-toolkit/engage/internal/cli"
	"github.com/engage-toolkit/engage/internal/store"
)

func TestMain(m *testing.M) {
	// A child of the hostile-input tests runs engage itself.
	if os.Getenv(hostileChild) == "1" {
		os.Exit(cli.Run(cli.SystemIO(), os.Args[1:]))
	}
	testscript.Main(m, map[string]func(){
		"engage": func() { os.Exit(cli.Run(cli.SystemIO(), os.Args[1:])) },
		// engage-new creates an empty store at its argument, as the
		// interactive workbook does when it starts (no command that only
		// reads creates one).
		"engage-new": func() {
			st, err := store.Open(os.Args[1], store.Options{})
			if err == nil {
				err = st.Close()
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// engage-hold opens a store and keeps it open until it is killed,
		// writing READY-FILE once it holds the lock.
		"engage-hold": func() {
			st, err := store.Open(os.Args[1], store.Options{})
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			defer st.Close()
			os.WriteFile(os.Args[2], nil, 0o600)
			c := make(chan os.Signal, 1)
			signal.Notify(c, os.Interrupt)
			<-c
		},
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("ENGAGE_DB", filepath.Join(env.WorkDir, "engage.db"))
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// waitfile FILE waits up to 10s for FILE to exist.
			"waitfile": func(ts *testscript.TestScript, neg bool, args []string) {
				deadline := time.Now().Add(10 * time.Second)
				for time.Now().Before(deadline) {
					if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
						return
					}
					time.Sleep(20 * time.Millisecond)
				}
				ts.Fatalf("%s did not appear", args[0])
			},
			// truncate FILE N cuts FILE to N bytes.
			"truncate": func(ts *testscript.TestScript, neg bool, args []string) {
				n, err := strconv.ParseInt(args[1], 10, 64)
				ts.Check(err)
				ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
			},
			// flipbyte FILE N flips the bits of byte N of FILE (N < 0 counts
			// from the end).
			"flipbyte": func(ts *testscript.TestScript, neg bool, args []string) {
				data, err := os.ReadFile(ts.MkAbs(args[0]))
				ts.Check(err)
				n, err := strconv.Atoi(args[1])
				ts.Check(err)
				if n < 0 {
					n += len(data)
				}
				data[n] ^= 0xff
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o600))
			},
			// mode FILE OCTAL checks a file's permission bits.
			"mode": func(ts *testscript.TestScript, neg bool, args []string) {
				info, err := os.Stat(ts.MkAbs(args[0]))
				ts.Check(err)
				if got := fmt.Sprintf("%o", info.Mode().Perm()); got != args[1] {
					ts.Fatalf("%s has mode %s, want %s", args[0], got, args[1])
				}
			},
		},
	})
}
