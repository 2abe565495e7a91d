package cli_test

import (
	"encoding/binary"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/engage-toolkit/engage/internal/cli"
	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
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
			// The seed mapping as a council's list, for engage map import.
			seed, err := os.ReadFile(filepath.Join("..", "mapimport", "testdata", "seed-mapping.csv"))
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(env.WorkDir, "seed.csv"), seed, 0o600)
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
			// free-a-used-page FILE puts the store's root page on its free
			// list, in place of the first free page: damage in bbolt's own
			// bookkeeping that only a full check notices.
			"free-a-used-page": func(ts *testscript.TestScript, neg bool, args []string) {
				ts.Check(freeAUsedPage(ts.MkAbs(args[0])))
			},
			// drop-kept FILE removes the kept figures of the first
			// assessment in the store, past the domain: what a program
			// other than engage might do.
			"drop-kept": func(ts *testscript.TestScript, neg bool, args []string) {
				st, err := store.Open(ts.MkAbs(args[0]), store.Options{})
				ts.Check(err)
				defer st.Close()
				ts.Check(st.Update(func(tx workbook.Tx) error {
					var first string
					_ = tx.ForEach(workbook.BucketTallies, "", func(k string, _ []byte) error {
						if first == "" && !strings.HasSuffix(k, "/") {
							first = k
						}
						return nil
					})
					return tx.Delete(workbook.BucketTallies, first)
				}))
			},
			// newsite NAME LANG creates an empty site in $ENGAGE_DB with the
			// default workbook, as the interactive workbook's a does.
			"newsite": func(ts *testscript.TestScript, neg bool, args []string) {
				st, err := store.Open(ts.Getenv("ENGAGE_DB"), store.Options{})
				ts.Check(err)
				defer st.Close()
				q, err := questionnaire.Default()
				ts.Check(err)
				ts.Check(workbook.NewService(st, workbook.Options{}).Change(func(c *workbook.Change) error {
					_, _, err := c.CreateSite(workbook.SiteInput{Name: args[0], Organisation: args[0] + " Council", Language: args[1]}, q)
					return err
				}))
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

// freeAUsedPage writes the root page's id over the first entry of the free
// list of the bbolt file at path (page size 4096, the newer header).
func freeAUsedPage(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	le := binary.LittleEndian
	var root, freelist, txid uint64
	for _, off := range []int64{0, 4096} {
		meta := make([]byte, 80)
		if _, err := f.ReadAt(meta, off); err != nil {
			return err
		}
		if t := le.Uint64(meta[16+48:]); t >= txid {
			root, freelist, txid = le.Uint64(meta[16+16:]), le.Uint64(meta[16+32:]), t
		}
	}
	head := make([]byte, 16)
	if _, err := f.ReadAt(head, int64(freelist)*4096); err != nil {
		return err
	}
	count, first := le.Uint16(head[10:]), int64(freelist)*4096+16
	if count == 0xFFFF {
		first += 8
	} else if count == 0 {
		return fmt.Errorf("%s has no free pages", path)
	}
	id := make([]byte, 8)
	le.PutUint64(id, root)
	_, err = f.WriteAt(id, first)
	return err
}
