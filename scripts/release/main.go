// Command release builds Engage's release archives: the engage binary for
// each platform facilitators use, with the README, the licence, the
// changelog, the manual pages and the shell completions, as .tar.gz (zip
// for Windows), and a SHA256SUMS file that `sha256sum -c` checks.
//
//	go run ./scripts/release              # at a tag vX.Y.Z on a clean tree
//	go run ./scripts/release --snapshot   # anywhere: version vX.Y.Z-snapshot.COMMIT
//
// The binaries are pure Go (CGO_ENABLED=0), built with -trimpath, and carry
// the version in internal/cli.Version, so `engage --version` prints it. The
// archives are reproducible: the same commit gives the same bytes, since
// every file's time is the commit's and entries are written in order.
//
// It uses Go and git only, so that it runs wherever Engage builds.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Targets are the platforms a release is built for.
var Targets = []Target{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
}

// Target is one operating system and processor.
type Target struct{ OS, Arch string }

func (t Target) String() string { return t.OS + "/" + t.Arch }

// exe is the binary's file name on the target.
func (t Target) exe() string {
	if t.OS == "windows" {
		return "engage.exe"
	}
	return "engage"
}

// ext is the archive's extension: zip is what Windows opens itself.
func (t Target) ext() string {
	if t.OS == "windows" {
		return ".zip"
	}
	return ".tar.gz"
}

// docs are the repository's files every archive carries.
var docs = []string{"README.md", "LICENSE", "CHANGELOG.md"}

const versionVar = "github.com/engage-toolkit/engage/internal/cli.Version"

// tagPattern is a release tag: v, then major.minor.patch, then an optional
// pre-release such as -rc.1.
var tagPattern = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`)

func main() {
	snapshot := flag.Bool("snapshot", false, "build from any commit, with a snapshot version, instead of requiring a release tag on a clean tree")
	out := flag.String("out", "dist", "the folder to write the archives and SHA256SUMS to (emptied first)")
	only := flag.String("only", "", "build only these platforms, comma-separated (e.g. linux/amd64); default all")
	flag.Parse()
	if err := run(*snapshot, *out, *only); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(snapshot bool, out, only string) error {
	targets, err := pick(only)
	if err != nil {
		return err
	}
	ver, err := releaseVersion(snapshot)
	if err != nil {
		return err
	}
	when, err := commitTime()
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	work := filepath.Join(out, ".work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(work)

	// The pages and completions come from a binary for this machine, so
	// that they are the commands' own help.
	extras, err := generated(work, ver, when)
	if err != nil {
		return err
	}
	var sums []string
	for _, t := range targets {
		fmt.Fprintf(os.Stderr, "building %s %s\n", ver, t)
		bin := filepath.Join(work, t.OS+"-"+t.Arch, t.exe())
		if err := build(t, ver, bin); err != nil {
			return err
		}
		name := fmt.Sprintf("engage_%s_%s_%s", strings.TrimPrefix(ver, "v"), t.OS, t.Arch)
		files := []file{{name: t.exe(), src: bin, mode: 0o755}}
		for _, d := range docs {
			files = append(files, file{name: d, src: d, mode: 0o644})
		}
		for _, x := range extras {
			// Windows has no man; PowerShell's completion is there.
			if t.OS != "windows" || !strings.HasPrefix(x.name, "man/") {
				files = append(files, x)
			}
		}
		archive := filepath.Join(out, name+t.ext())
		if err := pack(archive, name, files, when, t.ext() == ".zip"); err != nil {
			return err
		}
		sum, err := sha256File(archive)
		if err != nil {
			return err
		}
		sums = append(sums, sum+"  "+filepath.Base(archive))
	}
	slices.SortFunc(sums, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	if err := os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %d archives and SHA256SUMS to %s\n", len(targets), out)
	return nil
}

// pick is the targets --only names, or all.
func pick(only string) ([]Target, error) {
	if only == "" {
		return Targets, nil
	}
	var ts []Target
	for _, s := range strings.Split(only, ",") {
		i := slices.IndexFunc(Targets, func(t Target) bool { return t.String() == strings.TrimSpace(s) })
		if i < 0 {
			return nil, fmt.Errorf("--only: %q is not a release platform (%v)", s, Targets)
		}
		ts = append(ts, Targets[i])
	}
	return ts, nil
}

// releaseVersion is the tag at HEAD on a clean tree, or with snapshot the
// latest tag (v0.0.0 before the first) with -snapshot.COMMIT.
func releaseVersion(snapshot bool) (string, error) {
	commit, err := git("rev-parse", "--short=12", "HEAD")
	if err != nil {
		return "", err
	}
	if snapshot {
		last, err := git("describe", "--tags", "--abbrev=0", "--match", "v*")
		if err != nil || !tagPattern.MatchString(last) {
			last = "v0.0.0"
		}
		if i := strings.IndexByte(last, '-'); i > 0 {
			last = last[:i]
		}
		return last + "-snapshot." + commit, nil
	}
	tag, err := git("describe", "--tags", "--exact-match", "--match", "v*", "HEAD")
	if err != nil {
		return "", errors.New("HEAD has no release tag (vX.Y.Z): tag it, or use --snapshot")
	}
	if !tagPattern.MatchString(tag) {
		return "", fmt.Errorf("tag %q is not a release version (vX.Y.Z or vX.Y.Z-rc.N)", tag)
	}
	if dirty, err := git("status", "--porcelain", "--untracked-files=no"); err != nil || dirty != "" {
		return "", errors.New("the working tree has uncommitted changes: a release is built from the tagged commit only")
	}
	return tag, nil
}

// commitTime is HEAD's commit time, every archived file's time.
func commitTime() (time.Time, error) {
	s, err := git("log", "-1", "--format=%ct", "HEAD")
	if err != nil {
		return time.Time{}, err
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("git log: commit time %q: %w", s, err)
	}
	return time.Unix(sec, 0).UTC(), nil
}

func git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(b)), nil
}

// build compiles engage for t into bin.
func build(t Target, ver, bin string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false",
		"-ldflags", "-s -w -X "+versionVar+"="+ver, "-o", bin, "./cmd/engage")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch, "GOFLAGS=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s: %w", t, err)
	}
	return nil
}

// file is one file of an archive: its name inside the archive's folder
// and where it is read from.
type file struct {
	name string
	src  string
	mode int64
}

// generated writes the manual pages (English and Italian) and the shell
// completions with a binary built for this machine, and lists them.
func generated(work, ver string, when time.Time) ([]file, error) {
	host := Target{runtime.GOOS, runtime.GOARCH}
	bin := filepath.Join(work, "host", host.exe())
	if err := build(host, ver, bin); err != nil {
		return nil, err
	}
	run := func(stdout io.Writer, args ...string) error {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+strconv.FormatInt(when.Unix(), 10), "LANG=C", "LC_ALL=", "LANGUAGE=")
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = stdout, &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("engage %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return nil
	}
	var files []file
	for _, lang := range []string{"en", "it"} {
		dir := filepath.Join(work, "man", lang)
		if err := run(io.Discard, "man", "--lang", lang, dir); err != nil {
			return nil, err
		}
		pages, err := filepath.Glob(filepath.Join(dir, "*.1"))
		if err != nil {
			return nil, err
		}
		if len(pages) == 0 {
			return nil, fmt.Errorf("engage man --lang %s wrote no pages", lang)
		}
		slices.Sort(pages)
		where := "man/man1"
		if lang != "en" {
			where = "man/" + lang + "/man1"
		}
		for _, p := range pages {
			files = append(files, file{name: path.Join(where, filepath.Base(p)), src: p, mode: 0o644})
		}
	}
	for _, c := range []struct{ shell, name string }{
		{"bash", "engage.bash"}, {"zsh", "_engage"}, {"fish", "engage.fish"}, {"powershell", "engage.ps1"},
	} {
		var b bytes.Buffer
		if err := run(&b, "completion", c.shell); err != nil {
			return nil, err
		}
		p := filepath.Join(work, "completions", c.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return nil, err
		}
		files = append(files, file{name: "completions/" + c.name, src: p, mode: 0o644})
	}
	return files, nil
}

// pack writes files under the folder top into a .zip or a .tar.gz.
func pack(archive, top string, files []file, when time.Time, asZip bool) (err error) {
	f, err := os.Create(archive)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if asZip {
		return packZip(f, top, files, when)
	}
	return packTarGz(f, top, files, when)
}

func packZip(w io.Writer, top string, files []file, when time.Time) error {
	z := zip.NewWriter(w)
	for _, fl := range files {
		b, err := os.ReadFile(fl.src)
		if err != nil {
			return err
		}
		h := &zip.FileHeader{Name: top + "/" + fl.name, Method: zip.Deflate, Modified: when}
		h.SetMode(os.FileMode(fl.mode))
		zw, err := z.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := zw.Write(b); err != nil {
			return err
		}
	}
	return z.Close()
}

func packTarGz(w io.Writer, top string, files []file, when time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	gz.ModTime = when
	tw := tar.NewWriter(gz)
	// Each folder once, before its first file, so that tar and file
	// managers make it with sensible permissions.
	written := map[string]bool{}
	for _, fl := range files {
		for _, d := range append([]string{""}, parents(fl.name)...) {
			if written[d] {
				continue
			}
			written[d] = true
			name := strings.TrimSuffix(top+"/"+d, "/") + "/"
			if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Typeflag: tar.TypeDir, ModTime: when, Format: tar.FormatPAX}); err != nil {
				return err
			}
		}
		b, err := os.ReadFile(fl.src)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: top + "/" + fl.name, Mode: fl.mode, Size: int64(len(b)), Typeflag: tar.TypeReg, ModTime: when, Format: tar.FormatPAX}); err != nil {
			return err
		}
		if _, err := tw.Write(b); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// parents lists a path's folders, outermost first.
func parents(name string) []string {
	var ds []string
	for d := path.Dir(name); d != "."; d = path.Dir(d) {
		ds = append([]string{d}, ds...)
	}
	return ds
}

func sha256File(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
