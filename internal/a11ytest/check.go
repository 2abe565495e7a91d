package a11ytest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Report is what scripts/a11y/check.mjs found in each file.
type Report struct {
	Files []FileReport `json:"files"`
}

// FileReport is what was found in one file.
type FileReport struct {
	File string `json:"file"`
	// Violations are axe-core's, with the WCAG 2.2 A and AA rules.
	Violations []Violation `json:"violations"`
	// Reflow lists the widths at which the page scrolls sideways: at 320
	// CSS pixels, and at 1280 zoomed to 200%.
	Reflow []Overflow `json:"reflow"`
	// Requests are the URLs the page asked for outside itself (refused).
	Requests    []string `json:"requests"`
	Screenshots []string `json:"screenshots"`
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Count  int    `json:"count"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// Overflow is a width at which a page is wider than its window.
type Overflow struct {
	Width       int `json:"width"`
	Zoom        int `json:"zoom"`
	ScrollWidth int `json:"scrollWidth"`
	ClientWidth int `json:"clientWidth"`
}

// Problems lists what the report found wrong with a file, in words.
func (f FileReport) Problems() []string {
	var out []string
	for _, v := range f.Violations {
		where := ""
		if len(v.Nodes) > 0 {
			where = fmt.Sprintf(" at %v: %s", v.Nodes[0].Target, strings.ReplaceAll(v.Nodes[0].Summary, "\n", " "))
		}
		out = append(out, fmt.Sprintf("axe %s (%s, %d elements): %s%s", v.ID, v.Impact, v.Count, v.Help, where))
	}
	for _, o := range f.Reflow {
		out = append(out, fmt.Sprintf("does not reflow at %d px (zoom %d): %d px wide in a %d px window", o.Width, o.Zoom, o.ScrollWidth, o.ClientWidth))
	}
	for _, r := range f.Requests {
		out = append(out, "asks for "+r)
	}
	return out
}

// Tools are what the browser check runs with.
type Tools struct {
	Node, Chromium, Script string
}

// ErrUnavailable is returned by [Find] when the browser check cannot run
// here; its message says what is missing.
var ErrUnavailable = errors.New("a11ytest: the browser check cannot run")

// Find locates node, Chromium ($CHROMIUM, else /usr/bin/chromium) and
// scripts/a11y with its node_modules, from the module's root above the
// working folder.
func Find() (Tools, error) {
	var t Tools
	var err error
	if t.Node, err = exec.LookPath("node"); err != nil {
		return t, fmt.Errorf("%w: node is not installed", ErrUnavailable)
	}
	t.Chromium = os.Getenv("CHROMIUM")
	if t.Chromium == "" {
		t.Chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(t.Chromium); err != nil {
		return t, fmt.Errorf("%w: no Chromium at %s (apt-get install chromium, or set CHROMIUM)", ErrUnavailable, t.Chromium)
	}
	root, err := moduleRoot()
	if err != nil {
		return t, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	dir := filepath.Join(root, "scripts", "a11y")
	t.Script = filepath.Join(dir, "check.mjs")
	for _, need := range []string{"puppeteer-core", "axe-core"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", need)); err != nil {
			return t, fmt.Errorf("%w: %s is not installed (npm ci --prefix scripts/a11y)", ErrUnavailable, need)
		}
	}
	return t, nil
}

// moduleRoot is the folder of the go.mod above the working folder.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("no go.mod above the working folder")
		}
		dir = up
	}
}

// Run checks files in the browser and puts the screenshots in shots (none
// when shots is empty).
func (t Tools) Run(shots string, files ...string) (Report, error) {
	args := []string{t.Script, "--chromium", t.Chromium}
	if shots != "" {
		args = append(args, "--shots", shots)
	}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return Report{}, err
		}
		args = append(args, abs)
	}
	cmd := exec.Command(t.Node, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return Report{}, fmt.Errorf("a11ytest: %s: %v: %s", t.Script, err, strings.TrimSpace(errOut.String()))
	}
	var r Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return Report{}, fmt.Errorf("a11ytest: read the check's report: %w", err)
	}
	if len(r.Files) != len(files) {
		return Report{}, fmt.Errorf("a11ytest: the check reported on %d files of %d", len(r.Files), len(files))
	}
	return r, nil
}

// Require returns the browser check's tools, or skips t saying what is
// missing. In CI ($CI set), where .ci/run installs them, a missing tool
// fails t instead: the check must not pass by not running.
func Require(t testing.TB) Tools {
	t.Helper()
	tools, err := Find()
	if err == nil {
		return tools
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%v (CI installs it: see .ci/run)", err)
	}
	t.Skip(err)
	return tools
}

// Check opens files in headless Chromium and fails t on any axe-core
// violation of the WCAG 2.2 A and AA rules, any width at which a page does
// not reflow, and any request a page makes outside itself. The screenshots
// (FILE-1280.png and FILE-320.png, full page) go to $ENGAGE_A11Y_SHOTS when
// it is set, else to a folder of the test's that is removed after it. It
// skips t, saying why, when the check cannot run here ([Require]).
func Check(t testing.TB, files ...string) Report {
	t.Helper()
	tools := Require(t)
	shots := os.Getenv("ENGAGE_A11Y_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	r, err := tools.Run(shots, files...)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Files {
		for _, p := range f.Problems() {
			t.Errorf("%s: %s", filepath.Base(f.File), p)
		}
		t.Logf("%s: %d axe violations, screenshots %s", filepath.Base(f.File), len(f.Violations), strings.Join(f.Screenshots, ", "))
	}
	return r
}
