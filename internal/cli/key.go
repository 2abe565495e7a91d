package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"filippo.io/age"
	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/textsafe"
)

// EnvKey names the secret key file engage key and engage import use by
// default, instead of key.txt beside the config file.
const EnvKey = "ENGAGE_KEY"

// maxKeyFile bounds a key or recipients file: a key is one line of 74
// characters.
const maxKeyFile = 1 << 20

// keyPath is the default secret key file: $ENGAGE_KEY, else key.txt in
// the folder of the config file (engage/ in the user's config folder, or
// the folder of $ENGAGE_CONFIG).
func keyPath(getenv func(string) string) (string, error) {
	if p := getenv(EnvKey); p != "" {
		return p, nil
	}
	conf, err := configPath(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(conf), "key.txt"), nil
}

func newKeyCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: g.l.T("cli.key.short"),
		Long:  g.l.T("cli.key.long", "Env", EnvKey),
		Example: `  engage key new
  engage key show`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	var out string
	newCmd := &cobra.Command{
		Use:   "new [-o FILE]",
		Short: g.l.T("cli.key.new.short"),
		Long:  g.l.T("cli.key.new.long"),
		Example: `  engage key new
  engage key new -o ~/keys/engage-study.txt`,
		Args: g.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return keyNewRun(g, out) },
	}
	newCmd.Flags().StringVarP(&out, "output", "o", "", g.l.T("cli.key.new.flag_output"))
	showCmd := &cobra.Command{
		Use:   "show [FILE]",
		Short: g.l.T("cli.key.show.short"),
		Long:  g.l.T("cli.key.show.long"),
		Example: `  engage key show
  engage key show ~/keys/engage-study.txt`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := ""
			if len(args) == 1 {
				file = args[0]
			}
			return keyShowRun(g, file)
		},
	}
	cmd.AddCommand(newCmd, showCmd)
	return cmd
}

// keyNewRun makes an X25519 key pair: the secret key is written, readable
// by the user only, to path (default: keyPath), never over a file that is
// there; the public key goes to standard output, the words to stderr.
func keyNewRun(g *globals, path string) error {
	l := g.l
	if path == "" {
		p, err := keyPath(getenvOf(g.io))
		if err != nil {
			return err
		}
		path = p
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return &ExitError{Code: 1, Message: l.T("cli.key.new.no_folder", "Path", filepath.Dir(path), "Err", atomicfile.Cause(err).Error())}
		}
	}
	if _, err := os.Lstat(path); err == nil {
		return keyExists(g, path)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return err
	}
	pub := id.Recipient().String()
	// The file is age's own identity file (age -d -i reads it): comment
	// lines, then the key. The "# public key:" line is age-keygen's.
	var file bytes.Buffer
	for _, line := range []string{l.T("cli.key.file.made", "Time", time.Now().UTC().Format(time.RFC3339)), l.T("cli.key.file.keep")} {
		file.WriteString("# " + line + "\n")
	}
	file.WriteString("# public key: " + pub + "\n" + id.String() + "\n")
	err = atomicfile.WriteNew(path, 0o600, func(w io.Writer) error { _, err := w.Write(file.Bytes()); return err })
	switch {
	case errors.Is(err, fs.ErrExist):
		return keyExists(g, path)
	case err != nil:
		return err
	}
	fmt.Fprintln(g.io.Err, textsafe.Line(l.T("cli.key.new.done", "Path", path)))
	fmt.Fprintln(g.io.Err, l.T("cli.key.new.send"))
	fmt.Fprintln(g.io.Out, pub)
	return nil
}

func keyExists(g *globals, path string) error {
	return &ExitError{Code: 1, Message: g.l.T("cli.key.new.exists", "Path", path), Hint: g.l.T("cli.key.new.exists_hint")}
}

// keyShowRun prints the public key of each secret key in the file
// (default: keyPath), one a line.
func keyShowRun(g *globals, path string) error {
	ids, path, err := g.loadKeyFile(path)
	if err != nil {
		return err
	}
	for _, id := range ids {
		switch id := id.(type) {
		case *age.X25519Identity:
			fmt.Fprintln(g.io.Out, id.Recipient().String())
		case *age.HybridIdentity:
			fmt.Fprintln(g.io.Out, id.Recipient().String())
		}
	}
	g.warnLooseKey(path)
	return nil
}

// loadKeyFile reads the secret keys of an identity file (default:
// keyPath) and returns them with the file's path.
func (g *globals) loadKeyFile(path string) ([]age.Identity, string, error) {
	l := g.l
	given := path != ""
	if !given {
		p, err := keyPath(getenvOf(g.io))
		if err != nil {
			return nil, "", err
		}
		path = p
	}
	data, err := readSmall(l, path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !given:
		return nil, path, &ExitError{Code: 1, Message: l.T("cli.key.none", "Path", path), Hint: l.T("cli.key.none_hint")}
	case err != nil:
		return nil, path, &ExitError{Code: 1, Message: l.T("cli.key.unreadable", "Path", path, "Err", atomicfile.Cause(err).Error())}
	}
	ids, err := age.ParseIdentities(bytes.NewReader(data))
	if err != nil {
		// age's message never quotes the file: it may hold a secret key.
		return nil, path, &ExitError{Code: 1, Message: l.T("cli.key.bad", "Path", path, "Err", err.Error()), Hint: l.T("cli.key.bad_hint")}
	}
	return ids, path, nil
}

// readSmall reads a key or recipients file, refusing one over maxKeyFile.
func readSmall(l *i18n.Lang, path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err == nil && len(data) > maxKeyFile {
		err = errors.New(l.T("cli.key.too_long", "N", maxKeyFile>>20))
	}
	return data, err
}

// warnLooseKey warns when others may read a secret key file (Unix).
func (g *globals) warnLooseKey(path string) {
	if runtime.GOOS == "windows" {
		return
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		fmt.Fprintln(g.io.Err, textsafe.Line(g.l.T("cli.warning", "Text", g.l.T("cli.key.loose", "Path", path, "Mode", fmt.Sprintf("%04o", info.Mode().Perm())))))
	}
}
