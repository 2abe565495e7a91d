package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// EnvPath is the environment variable that overrides the default store path.
const EnvPath = "ENGAGE_DB"

// DefaultPath returns where the store lives when neither --db nor ENGAGE_DB
// says: engage/engage.db in the user's data folder
// ($XDG_DATA_HOME or ~/.local/share on Linux, ~/Library/Application Support
// on macOS, %LocalAppData% on Windows).
func DefaultPath(getenv func(string) string) (string, error) {
	if p := getenv(EnvPath); p != "" {
		return p, nil
	}
	dir, err := dataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "engage", "engage.db"), nil
}

func dataDir(getenv func(string) string) (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return d, nil
		}
		return "", errors.New("cannot find the data folder: %LocalAppData% is not set; use --db PATH")
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support"), nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("cannot find the data folder: neither XDG_DATA_HOME nor HOME is set; use --db PATH")
	}
	return filepath.Join(home, ".local", "share"), nil
}
