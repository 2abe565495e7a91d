// Package compare gathers the comparison of several sites: each site's
// key-issue scores with n and spread, bands, mapping by directorate,
// criteria pass rates, barriers, blind spots and context note, side by side.
//
// # Streaming
//
// [Gather] reads the store one site, and one assessment, at a time inside a
// single read transaction. Each assessment's responses stream from the
// store ([workbook.Reader.EachResponse]) into the analysis's tally
// ([analysis.Tally]), which keeps one small cell per participant and
// statement (the answer that counts) and never the responses; the cells
// are reused from one assessment to the next. What is kept per site is its
// figures (a few kilobytes), so memory grows with the number of sites and
// with one assessment's participants (which the site limits bound), never
// with the number of responses. The answers that count are passed on
// ([Options].Responses) once each assessment is read, participant by
// participant, which is how the long CSV is written in the same pass.
//
// # What is compared
//
// Sites are kept in the order the caller gives (or by name with
// [Options].All): a comparison never ranks sites. The numbers come from the
// analysis package, so they are those of each site's own report: key-issue
// means of item means, with groups of fewer than three people suppressed.
//
// Each site is compared on its current (most recent) assessment; the CSVs
// carry every assessment.
//
// # Different questionnaires
//
// Sites that used different questionnaires are compared only at the level
// they share, and [Basis] says so:
//
//   - [LevelStatements]: every site used the same questionnaire (the same id,
//     key issues, statements and scale; the version may differ when only
//     texts changed).
//   - [LevelKeyIssues]: the questionnaires differ, but share key issues (by
//     id) on the same scale: only those key issues are compared, each
//     site's mean taken over its own statements. Statements are matched
//     across sites only within one questionnaire id.
//   - [LevelNone]: no key issue in common, or different scales: nothing is
//     compared; each site's own figures are still listed.
//
// # CSV
//
// [ResponseWriter] writes the tidy long CSV (one row per response) and
// [WriteSummary] the summary CSV (one row per site, assessment, key issue
// and group). Both are RFC 4180 with a header row, UTF-8, and never hold a
// participant's name.
//
// # Writing the files
//
// [WriteFiles] gathers a comparison and writes every file asked for (the
// report, drawn by the caller's [Files].Render, the long, summary, actions
// and codebook CSVs, the spreadsheet, the Parquet files) as one
// [atomicfile.Group]: nothing is put in place until all are complete.
// engage compare and the interactive workbook's comparison both write
// through it, and name the files beside the long CSV with [Beside].
package compare
