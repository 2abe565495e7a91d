package report

import (
	"os"

	"github.com/engage-toolkit/engage/internal/atomicfile"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Load reads what the report of one assessment is made from: the
// assessment (the site's current one when assessmentID is empty) and its
// earlier round, when there is one ([workbook.Reader.EarlierRound]), for
// the "what changed" section.
func Load(r *workbook.Reader, siteRef, assessmentID string) (Input, error) {
	data, err := r.LoadAssessment(siteRef, assessmentID)
	if err != nil {
		return Input{}, err
	}
	in := Input{Data: data}
	if in.Earlier, err = r.EarlierRound(data.Site.ID, data.Assessment.ID); err != nil {
		return Input{}, err
	}
	return in, nil
}

// WriteFile writes the report to path, in the edition [Options].Format
// names. It writes a temporary file in the same folder and renames it into
// place only once the whole report is on disk, so that path is either the complete report or untouched: never a
// partial file. A report with names is readable by its owner only.
func WriteFile(path string, in Input, opts Options) (Result, error) {
	f, err := atomicfile.Create(path, 0o600)
	if err != nil {
		return Result{}, err
	}
	defer f.Abort()
	res, err := Site(f, in, opts)
	if err != nil {
		return Result{}, err
	}
	mode := os.FileMode(0o644)
	if opts.Names {
		mode = 0o600
	}
	if err := f.Commit(mode); err != nil {
		return Result{}, err
	}
	return res, nil
}
