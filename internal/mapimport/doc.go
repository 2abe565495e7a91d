// Package mapimport reads a council's own list of partnerships (a CSV file
// or an Excel workbook) into a site's mapping, and writes a site's mapping
// back out as such a list. The command line (engage map import, engage map
// export) and the Map step of the interactive workbook both use it, so a
// list is read, matched and imported one way.
//
// # Reading
//
// [ReadFile] reads a CSV file (UTF-8 with or without a byte order mark,
// cells separated by commas, semicolons or tabs) or an xlsx workbook into
// a [Table] of rows, within limits ([MaxFileSize], [MaxUnzipped],
// [MaxRows]) that keep a crafted file from costing memory or time.
//
// # Matching
//
// [Words] are the headings and value words of every language of the
// catalogue (internal/i18n/locales: mapimport.header.*, mapimport.value.*).
// A heading or value is compared by its [Key]: without case, accents or
// punctuation. [Prepare] finds the header row, the column of each field
// (or takes them from a --columns option), reads every row and matches it
// by its title to the site's partnerships: new, changed (which fields),
// unchanged, or refused with the cell at fault and why. It changes
// nothing.
//
// # Importing
//
// [Plan.Apply] imports a plan that refused no row in one
// [workbook.Change]: the directorates to add, then the partnerships, all
// or nothing. A list imported twice changes nothing the second time.
//
// # Writing
//
// [WriteCSV] and [WriteXLSX] write a site's partnerships with the same
// columns, so that an export read back is unchanged.
package mapimport
