// Package warehouse loads sites into PostgreSQL for central analysis: a
// national programme's researchers query every site's answers and
// figures with the SQL engine they already run, while Engage stays the
// collection tool on each laptop. It never runs a server of its own.
//
// # The same rows as the CSVs
//
// A site's rows come from [compare.Gather] with [compare.Options].Responses,
// the one way the long CSV and the summary CSV get theirs: the answers are
// the long CSV's rows ([compare.ResponseRecord]) and the summary the summary
// CSV's ([compare.SummaryRecords]), typed as the codebook's columns say
// ([compare.ResponsesColumns], [compare.SummaryColumns]). So the small-group
// rule is the long CSV's: the answers of a group of one or two are left out
// and scores on statements that fewer than three of a group scored are
// withheld, unless [Options].Unsuppressed. Text is stored as it is, never
// neutralised for a spreadsheet as the CSVs' text cells are. An empty CSV
// cell is NULL.
//
// Each site is gathered on its own, so its rows never depend on which other
// sites are pushed with it; the summary's compared column, which does, is
// left out.
//
// # Idempotent pushes
//
// engage_sites keeps each site's content hash: the SHA-256 of its rows (and
// of the schema version and whether it was pushed unsuppressed). A push
// that finds the same hash writes nothing at all, so every row keeps its
// xmin; a push that finds another replaces the site in one transaction:
// its rows deleted, the new ones copied in (COPY), its engage_sites row
// updated. A site is identified by its record id, which stays the same
// from one export of the site to the next; its slug is unique in the
// warehouse too, so that a site from another store under the same slug is
// refused ([SlugTakenError]) rather than mixed in.
//
// # Schema
//
// [Tables] describes the tables; docs/warehouse.md lists them with their
// columns, types, keys and meanings, and a test checks it against them.
// The tables are created when missing, in one transaction under an
// advisory lock, with each table and column described (COMMENT ON).
// [SchemaVersion] is stored in engage_schema_version; a warehouse of
// another version is refused ([VersionError]).
package warehouse
