package i18n

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// TestCataloguesComplete fails when a message is in one embedded
// catalogue and not in another: English and Italian are complete.
func TestCataloguesComplete(t *testing.T) {
	c := Embedded()
	if got := c.Languages(); !slices.Equal(got, []string{"en", "it"}) {
		t.Fatalf("embedded languages %v, want [en it]", got)
	}
	en := c.IDs(Fallback)
	if len(en) < 100 {
		t.Fatalf("only %d English messages", len(en))
	}
	for _, lang := range c.Languages() {
		if lang == Fallback {
			continue
		}
		if missing := c.Missing(lang); len(missing) > 0 {
			t.Errorf("%s lacks %d messages English has: %s", lang, len(missing), strings.Join(missing, ", "))
		}
		for _, id := range c.IDs(lang) {
			if _, ok := c.lang(Fallback).msgs[id]; !ok {
				t.Errorf("%s has %s, which English does not", lang, id)
			}
		}
	}
}

// TestPluralForms checks that a message that is plural in English is
// plural in every language, with every form the language's CLDR rules
// pick for the counts a site has (0 to 10,000), so that none falls back
// to "other" by accident. (Italian's "many" is for millions.)
func TestPluralForms(t *testing.T) {
	c := Embedded()
	for _, lang := range c.Languages() {
		tag := language.MustParse(lang)
		need := map[string]bool{"other": true}
		for n := range 10_001 {
			need[formName(plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0))] = true
		}
		for id, enForms := range c.lang(Fallback).forms {
			forms := c.lang(lang).forms[id]
			if len(enForms) == 0 {
				if len(forms) > 0 {
					t.Errorf("%s %s is plural, but not in English", lang, id)
				}
				continue
			}
			for f := range need {
				if !slices.Contains(forms, f) {
					t.Errorf("%s %s has no %q form (it has %v)", lang, id, f, forms)
				}
			}
		}
	}
}

func formName(f plural.Form) string {
	return map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few",
		plural.Many: "many", plural.Other: "other"}[f]
}

func TestSayAndFormat(t *testing.T) {
	c := Embedded()
	en, it := c.For("en"), c.For("it-IT")
	for _, tt := range []struct{ got, want string }{
		{it.Code(), "it"},
		{en.N("report.mapped", 1, "Directorates", en.N("report.n_directorates", 1)), "1 partnership was mapped at this site, under 1 directorate."},
		{it.N("report.mapped", 1, "Directorates", it.N("report.n_directorates", 1)), "È stato mappato 1 partenariato in 1 area di servizio."},
		{it.N("report.mapped", 126, "Directorates", it.N("report.n_directorates", 6)), "Sono stati mappati 126 partenariati in 6 aree di servizio."},
		{it.N("report.mapped", 0, "Directorates", it.N("report.n_directorates", 0)), "Sono stati mappati 0 partenariati in 0 aree di servizio."},
		{en.Num(4, 1), "4.0"},
		{it.Num(4, 1), "4,0"},
		{it.Num(3.97, 2), "3,97"},
		{en.Date(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)), "4 March 2026"},
		{it.Date(time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)), "4 marzo 2026"},
		{it.Quote("ambito"), "«ambito»"},
		{en.T("no.such.message"), "⟦no.such.message⟧"},
		{en.T("report.key_issue_n", "N"), "⟦report.key_issue_n: bad arguments⟧"},
		// A language Engage has no file for speaks English.
		{c.For("cy").T("report.summary"), "Summary"},
		{c.For("cy").Code(), "en"},
		{c.For("not a tag").Code(), "en"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestCollator sorts case-insensitively, with accented letters beside
// their base letter, not after z as byte order puts them.
func TestCollator(t *testing.T) {
	c := Embedded()
	names := []string{"Zona Nord", "ambito sud", "Èbano", "Ambito Est", "eboli", "Óstia"}
	c.For("it").Sort(names)
	want := []string{"Ambito Est", "ambito sud", "Èbano", "eboli", "Óstia", "Zona Nord"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted %q, want %q", names, want)
	}
	type site struct{ name string }
	sites := []site{{"Zeta"}, {"émile"}, {"Eastbrook"}}
	SortFunc(c.For("en"), sites, func(s site) string { return s.name })
	if sites[0].name != "Eastbrook" || sites[1].name != "émile" {
		t.Errorf("SortFunc: %v", sites)
	}
}

// TestFrenchFromTestdata adds a language with one file and no code: the
// catalogue in testdata/locales is read as a user's folder would be.
func TestFrenchFromTestdata(t *testing.T) {
	c, err := LoadDir("testdata/locales")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Has("fr") || !c.Has("fr-CA") || !slices.Contains(c.Languages(), "fr") {
		t.Fatalf("French not loaded: %v", c.Languages())
	}
	fr := c.For("fr")
	for _, tt := range []struct{ got, want string }{
		{fr.N("report.mapped", 1, "Directorates", fr.N("report.n_directorates", 1)), "1 partenariat a été recensé sur ce site, dans 1 direction."},
		{fr.N("report.mapped", 2, "Directorates", fr.N("report.n_directorates", 3)), "2 partenariats ont été recensés sur ce site, dans 3 directions."},
		// French counts 0 as singular (CLDR): "0 partenariat a été recensé".
		{fr.N("report.mapped", 0, "Directorates", fr.N("report.n_directorates", 0)), "0 partenariat a été recensé sur ce site, dans 0 direction."},
		{fr.Num(4, 1), "4,0"},
		{fr.Date(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)), "1 août 2026"},
		// What the file lacks is said in English.
		{fr.T("report.appendix"), "Appendix. Every statement, with comments"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if fr.Has("report.appendix") || !fr.Has("report.mapped") {
		t.Error("Has does not tell the file's own messages from English ones")
	}
	if n, all := len(c.Missing("fr")), len(c.IDs("en")); n == 0 || n >= all {
		t.Errorf("fr lacks %d of %d messages", n, all)
	}
	// The embedded set is untouched.
	if Embedded().Has("fr") {
		t.Error("loading a folder changed the embedded catalogue")
	}
}

func TestBadCatalogues(t *testing.T) {
	for _, tt := range []struct{ name, file, body, want string }{
		{"not a tag", "french.yaml", `a: "b"`, "french.yaml is not named by a language tag"},
		{"not yaml", "fr.yaml", "a: [", "fr.yaml"},
		{"bad template", "fr.yaml", `report.summary: "{{.Count"`, "message report.summary"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{tt.file: {Data: []byte(tt.body)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
	if _, err := LoadDir("testdata/no-such-folder"); err == nil {
		t.Error("a missing folder is not reported")
	}
}

func TestFromEnv(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"LANG": "it_IT.UTF-8"}, "it-IT"},
		{map[string]string{"LANG": "it_IT.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en-GB"},
		{map[string]string{"LANG": "it_IT.UTF-8", "LC_ALL": "C"}, "en"},
		{map[string]string{"LANG": "cy_GB@euro"}, "cy-GB"},
		{map[string]string{"LANG": "gibberish!", "LC_ALL": ""}, ""},
	} {
		if got := FromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: got %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestDir(t *testing.T) {
	tmp := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": tmp}
	get := func(k string) string { return env[k] }
	if d := Dir(get); d != "" {
		t.Errorf("no folder yet, got %q", d)
	}
	if err := os.MkdirAll(tmp+"/engage/locales", 0o755); err != nil {
		t.Fatal(err)
	}
	if d := Dir(get); d != tmp+"/engage/locales" {
		t.Errorf("got %q", d)
	}
	env[EnvDir] = "/elsewhere"
	if d := Dir(get); d != "/elsewhere" {
		t.Errorf("$%s not first: %q", EnvDir, d)
	}
}

// TestEmbeddedTemplates parses every template of the embedded files,
// which loading skips to start fast.
func TestEmbeddedTemplates(t *testing.T) {
	c := Embedded()
	for code, srcs := range c.srcs {
		for _, s := range srcs {
			if _, err := parse(s, code, true); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestPlaceholders fails when a translation names a value its English
// message does not ({{.Threshold}} misspelt), or leaves one out.
func TestPlaceholders(t *testing.T) {
	c := Embedded()
	en := c.lang(Fallback).msgs
	for _, lang := range c.Languages() {
		for id, m := range c.lang(lang).msgs {
			if err := samePlaceholders(m, en[id]); err != nil {
				t.Errorf("%s: %v", lang, err)
			}
			if got, want := placeholders(m), placeholders(en[id]); !slices.Equal(got, want) && lang != Fallback {
				// A translation may drop {{.Count}} ("un'altra"), no other.
				if !slices.Equal(slices.DeleteFunc(slices.Clone(want), func(s string) bool { return s == "Count" }), got) {
					t.Errorf("%s %s names %v, English %v", lang, id, got, want)
				}
			}
		}
	}
	if _, err := Load(fstest.MapFS{"it.yaml": {Data: []byte(`report.moved: "mossa di {{.Soglia}}"`)}}); err == nil ||
		!strings.Contains(err.Error(), "report.moved names {{.Soglia}}") {
		t.Errorf("a misspelt value in a user's file: %v", err)
	}
}

func TestNilLangIsEnglish(t *testing.T) {
	var l *Lang
	if got := l.T("report.summary"); got != "Summary" {
		t.Errorf("nil Lang: %q", got)
	}
	if l.Code() != Fallback || l.Num(4, 1) != "4.0" || !l.Exists("report.summary") {
		t.Error("nil Lang is not English")
	}
}

// TestConcurrent reads languages for the first time and says messages
// from several goroutines at once (a report rendering while the screen
// asks for another language): run with -race.
func TestConcurrent(t *testing.T) {
	c, err := LoadDir("testdata/locales")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	for i := range 8 {
		go func() {
			lang := []string{"en", "it", "fr", "cy"}[i%4]
			l := c.For(lang)
			done <- l.N("report.mapped", i, "Directorates", l.N("report.n_directorates", 2)) + l.Num(1.5, 1)
		}()
	}
	for range 8 {
		if s := <-done; strings.Contains(s, "⟦") {
			t.Error(s)
		}
	}
}
