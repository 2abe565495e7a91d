// Package bundle moves one site between Engage stores: a facilitator's
// laptop exports a site to a file, a researcher imports the files of every
// pilot site into one store.
//
// # The file
//
// A bundle is one header line of text followed by a gzip stream:
//
//	engage-bundle format=2 engage=v0.4.0 size=52817 sha256=9f86d0…\n
//	<size bytes: gzip of the content>
//
// format is the bundle format (this package writes [Format] and reads it
// and every earlier one);
// engage is the version of Engage that wrote the file; size is the number
// of bytes after the header line; sha256 is the SHA-256, in lower-case hex,
// of the whole file with those 64 digits themselves left out. A change of
// any byte, a cut-short copy or bytes added at the end are therefore
// always detected. The checksum guards against damage, not against someone
// who means to forge a file: it is not a signature.
//
// The content is UTF-8 JSON, one record per line: the format and Engage
// version again, the anonymised field kinds, the pinned questionnaire(s)
// (their exact YAML source with its hash), then the site and every record
// of it (partnerships with their criteria marks, assessments,
// participants, responses, statement notes, issue notes, findings,
// interventions), each list in store-key order and each record with its
// update time. The records are those of the workbook package, field for
// field. A criterion's mark is "met", "not-met" or "unknown" (considered,
// and nobody knows), and a criterion with no mark is not marked: files
// written before the unknown mark existed hold none and mean the same in
// format 1 as they did; an Engage from before it refuses a file holding
// one, naming the mark. Likewise a participant may carry the number of
// their paper booklet ("booklet") and an assessment the runs of booklet
// numbers given out, each for a group ("booklets": first, last, group):
// files from before booklets were numbered hold neither, and an Engage
// from before refuses a file holding one, naming the field. An
// intervention carries its review log ("reviews": each a date, an
// optional reviewer, the status it set and a note); format 1 kept one text
// of review notes instead ("review"), which reading a format 1 file makes
// the first review of the log, dated the day the action was last saved.
// An Engage that reads only format 1 refuses a format 2 file, saying which
// Engage wrote it. The same data always gives the same bytes. To look
// inside:
//
//	tail -n +2 site.engage | gunzip
//
// # Encrypted bundles
//
// A bundle that holds personal data can be encrypted whole with age
// (age-encryption.org/v1, filippo.io/age): [Encrypt] to one or more
// public keys (age1...), or with one passphrase ([PassphraseRecipient],
// scrypt at [MaxWorkFactor]). The file is then age's format and nothing
// else: its first line is "age-encryption.org/v1", then one "-> X25519"
// (or "-> scrypt") line and a line of base64 for each recipient, a MAC,
// and the encrypted plain bundle file. The age tool opens it too
// (age -d -i key.txt FILE). Encrypting gives other bytes each time.
//
// A [Reader] recognises an encrypted file by its first line and opens it
// with its [Keys], asking for the secret keys only for a file encrypted to
// keys and for a passphrase only for one encrypted with a passphrase
// (after checking that its work factor is at most MaxWorkFactor, so that
// a hostile file cannot ask for minutes of work or gigabytes). What it
// holds is read no further than [MaxFileSize], and then exactly as a plain
// bundle file, with all of its checks and limits. A file that is not
// opened is refused with an [*Error] carrying a [Lock]: what it is
// encrypted to and why it was not opened ([ErrEncrypted]; [ErrLimit] for
// too much work; [ErrDamaged] for a file cut short or changed, which age's
// authentication always detects).
//
// # Reading
//
// [Read] checks everything before anything is written: the header and
// format version (a file from a newer Engage says which version it needs),
// size and checksum, the gzip stream, the JSON (no unknown fields), that
// every questionnaire parses and matches its hash, and then every record by
// the workbook's own rules ([workbook.CheckSiteRecords]): references
// between records, scores on the scale, enums, dates, text bounds. A file
// that fails any of these is refused with an [*Error] naming it and the
// problem.
//
// # Importing
//
// [Import] brings a checked bundle into a store in one transaction. A site
// the store does not hold is created. For a site it holds (the same site
// id), each record is compared with the stored one:
//
//   - the same content: nothing to do (importing a bundle twice changes
//     nothing);
//   - only in the bundle: added;
//   - different, and the bundle's is newer: updated;
//   - different, and the store's is as new or newer: a conflict;
//   - only in the store: a conflict (it was deleted where the bundle was
//     made, or added here; without a record of deletions the two cannot
//     be told apart), unless anonymising removed it from the bundle.
//
// Conflicts stop the import, which lists them, unless [Theirs] (take the
// bundle's version, delete what it does not have) or [Ours] (keep the
// store's) says which wins. A site's slug is the store's own: a slug taken
// by another site gets a number, and follows the bundle's when the site was
// renamed. Before a site already in the store is changed,
// [ImportOptions.BeforeUpdate] runs (the command takes the store's
// automatic backup there), and the merged site is checked as a whole
// before it is written.
//
// # Anonymising
//
// [ExportOptions.Withhold] leaves out participants' names and any of the
// free-text kinds of [Fields]; role levels and groups are always kept.
// What was withheld is recorded in the bundle. When an anonymised bundle
// updates a site, a withheld field keeps the store's value: a blank there
// means "not sent", not "cleared". Which field of which record is left out
// under which kind is one table, privateFields in private.go, that export,
// the check and import all read; a test fails on a string field of a
// record that the table neither lists nor its test lists as kept.
package bundle
