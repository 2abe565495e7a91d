package bundle_test

import (
	"bytes"
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
	"github.com/engage-toolkit/engage/internal/workbook"
)

var update = flag.Bool("update", false, "rewrite the bundles in testdata from the demo")

// seedBundles are real bundles written from the demo, kept in testdata:
// the fuzz targets start from them, and every later Engage must still read
// them.
var seedBundles = map[string]func(t testing.TB) []byte{
	"valle-del-sole.engage": func(t testing.TB) []byte {
		return demoStore(t, demo.Options{}).export(t, "ambito-valle-del-sole")
	},
	"synthetic-generic.engage": smallBundle,
	"synthetic-anonymised.engage": func(t testing.TB) []byte {
		ts := openStore(t)
		q := loadQuestionnaire(t, "testdata/generic.yaml")
		ts.change(t, func(c *workbook.Change) error {
			_, err := demo.Build(c, q, demo.Options{Sites: 6, Participants: 5})
			return err
		})
		return ts.export(t, demo.SiteID(6), bundle.FieldNames, bundle.FieldComments, bundle.FieldOwners)
	},
}

// TestTestdataBundlesStillRead imports every bundle kept in testdata into
// an empty store: files written by an earlier Engage must keep working.
// go test -run TestTestdataBundlesStillRead -update writes them again.
func TestTestdataBundlesStillRead(t *testing.T) {
	for name, make := range seedBundles {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, make(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, err := bundle.ReadFile(path)
		if err != nil {
			t.Fatalf("%v", err)
		}
		res, err := bundle.Import(openStore(t).svc, b, bundle.ImportOptions{})
		if err != nil || !res.Created {
			t.Errorf("%s: %+v, %v", name, res, err)
		}
	}
}

func seeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, name := range slices.Sorted(maps.Keys(seedBundles)) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// checkRead is what both fuzz targets check: Read never panics, refuses
// with an *Error naming the file, and what it accepts encodes and reads
// back to the same content.
func checkRead(t *testing.T, data []byte) {
	b, err := bundle.Read("fuzz.engage", data)
	if err != nil {
		var be *bundle.Error
		if !errors.As(err, &be) {
			t.Fatalf("refused without a *bundle.Error: %v", err)
		}
		if !strings.HasPrefix(err.Error(), "fuzz.engage: ") {
			t.Fatalf("the error does not name the file: %v", err)
		}
		return
	}
	out, err := b.Encode()
	if err != nil {
		t.Fatalf("an accepted bundle does not encode: %v", err)
	}
	again, err := bundle.Read("again.engage", out)
	if err != nil {
		t.Fatalf("an accepted bundle, encoded again, is refused: %v", err)
	}
	if !bytes.Equal(bundle.Content(again), bundle.Content(b)) {
		t.Fatal("an accepted bundle reads back different records")
	}
}

// FuzzReadBundle feeds whole files to Read. Most changes stop at the
// checksum, which is the point.
func FuzzReadBundle(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(checkRead)
}

// FuzzReadContent feeds bundle content, sealed with a correct checksum, so
// that the checks behind the checksum (JSON, questionnaires, records) are
// what gets fuzzed.
func FuzzReadContent(f *testing.F) {
	// The small synthetic sites only: the default workbook's 44 KB of YAML
	// would make each run slow.
	for _, name := range []string{"synthetic-generic.engage", "synthetic-anonymised.engage"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(unpacked(f, data))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		checkRead(t, bundle.Seal("fuzz", content))
	})
}
