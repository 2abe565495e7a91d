package i18n

import "testing"

// BenchmarkStart is what starting engage costs the catalogues: loading
// them and saying one message in the user's language.
func BenchmarkStart(b *testing.B) {
	for _, lang := range []string{"en", "it"} {
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				c, err := Load()
				if err != nil {
					b.Fatal(err)
				}
				c.For(lang).T("cli.root.short")
			}
		})
	}
}
