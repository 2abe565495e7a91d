package bundle

// Seal packs content as a bundle file with a correct size and checksum, so
// that tests (and the fuzz target) can reach the checks behind them.
func Seal(engage string, content []byte) []byte {
	out, err := seal(engage, content)
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
