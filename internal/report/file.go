package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// Load reads what the report of one assessment is made from: the
// assessment (the site's current one when assessmentID is empty) and, when
// the site assessed the same partnership before, the latest such earlier
// assessment, for the "what changed" section.
func Load(r *workbook.Reader, siteRef, assessmentID string) (Input, error) {
	data, err := r.LoadAssessment(siteRef, assessmentID)
	if err != nil {
		return Input{}, err
	}
	in := Input{Data: data}
	if data.Assessment.PartnershipID == "" {
		return in, nil
	}
	as, err := r.Assessments(data.Site.ID)
	if err != nil {
		return Input{}, err
	}
	// Assessments come oldest first: look back from this one.
	at := -1
	for i, a := range as {
		if a.ID == data.Assessment.ID {
			at = i
		}
	}
	for i := at - 1; i >= 0; i-- {
		if as[i].PartnershipID != data.Assessment.PartnershipID {
			continue
		}
		if in.Earlier, err = r.LoadAssessment(data.Site.ID, as[i].ID); err != nil {
			return Input{}, fmt.Errorf("load the earlier assessment %s: %w", as[i].ID, err)
		}
		break
	}
	return in, nil
}

// WriteFile writes the report to path. It writes a temporary file in the
// same folder and renames it into place only once the whole PDF is on
// disk, so that path is either the complete report or untouched: never a
// partial file. A report with names is readable by its owner only.
func WriteFile(path string, in Input, opts Options) (res Result, err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return Result{}, fmt.Errorf("cannot write the report in %s: %w", dir, unwrapPath(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if res, err = Site(f, in, opts); err != nil {
		return Result{}, err
	}
	if err = f.Sync(); err != nil {
		return Result{}, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = f.Close(); err != nil {
		return Result{}, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	mode := os.FileMode(0o644)
	if opts.Names {
		mode = 0o600
	}
	if err = os.Chmod(tmp, mode); err != nil {
		return Result{}, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp, path); err != nil {
		return Result{}, fmt.Errorf("cannot write the report to %s: %w", path, unwrapPath(err))
	}
	return res, nil
}

// unwrapPath drops the operation and temporary file name from a path error,
// which would only confuse: "permission denied" says it.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
