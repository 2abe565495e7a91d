package report

import (
	"fmt"
	"github.com/engage-toolkit/engage/internal/atomicfile"
	"os"

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
