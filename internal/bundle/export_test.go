package bundle

import "github.com/engage-toolkit/engage/internal/workbook"

// Seal packs content as a bundle file with a correct size and checksum, so
// that tests (and the fuzz target) can reach the checks behind them.
func Seal(engage string, content []byte) []byte {
	out, err := seal(engage, content)
	if err != nil {
		panic(err)
	}
	return out
}

// SealFormat is [Seal] for a file of the given bundle format.
func SealFormat(format int, engage string, content []byte) []byte {
	out, err := sealFormat(format, engage, content)
	if err != nil {
		panic(err)
	}
	return out
}

// Content returns the JSON document a bundle file carries.
func Content(b *Bundle) []byte {
	out, err := b.content()
	if err != nil {
		panic(err)
	}
	return out
}

// PrivatePaths returns the fields anonymising leaves out under f, named
// as their record type and Go field ("Participant.Name").
func PrivatePaths(f Field) []string {
	var out []string
	for _, p := range privateFields {
		if p.Kind == f {
			out = append(out, p.Path())
		}
	}
	return out
}

// WithheldWhole reports whether anonymising fs leaves rec out whole.
func WithheldWhole(rec workbook.Record, fs []Field) bool { return withheldWhole(rec, fs) }
