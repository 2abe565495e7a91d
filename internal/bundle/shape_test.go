package bundle_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/engage-toolkit/engage/internal/bundle"
)

// bomb is a bundle file (with a good header and checksum) whose content is
// head, then size bytes of filler, then tail: a few hundred kilobytes that
// unpack to size.
func bomb(t testing.TB, head string, filler byte, size int, tail string) []byte {
	t.Helper()
	var body bytes.Buffer
	zw, err := gzip.NewWriterLevel(&body, gzip.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write([]byte(head))
	chunk := bytes.Repeat([]byte{filler}, 1<<20)
	for n := 0; n < size; n += len(chunk) {
		zw.Write(chunk[:min(len(chunk), size-n)])
	}
	zw.Write([]byte(tail))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	prefix := fmt.Sprintf("engage-bundle format=1 engage=v0.0.0-test size=%d sha256=", body.Len())
	h := sha256.New()
	h.Write([]byte(prefix + "\n"))
	h.Write(body.Bytes())
	return append([]byte(prefix+hex.EncodeToString(h.Sum(nil))+"\n"), body.Bytes()...)
}

const bombHead = `{"format":1,"engage":"v0.0.0-test","withheld":[],"questionnaires":[`

// bombs are small files that unpack to 64 MB each, in the three shapes
// that cost encoding/json most: blanks between values (it kept them and
// scanned them again at each read: 300 MB of them took hours), one
// endless text, and one endless record.
var bombs = []struct {
	name, head string
	filler     byte
	tail, want string
}{
	{"blanks", bombHead, ' ', "]}", "more than 4096 blanks in a row"},
	{"text", bombHead + `{"hash":"`, 'a', `"}]}`, "a text of more than 7 MB"},
	{"record", bombHead + `{"hash":[`, '1', `]}]}`, "a record of more than 8 MB"},
	{"site", bombHead + `],"site":{"x":[`, '1', `]}}`, "a record of more than 8 MB"},
}

// TestBombsAreRefusedQuickly: each bomb is refused at the bound it breaks,
// in a fraction of a second and a few megabytes, plain or encrypted.
func TestBombsAreRefusedQuickly(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	r := bundle.Reader{Keys: bundle.Keys{Identities: func() ([]age.Identity, error) { return []age.Identity{id}, nil }}}
	for _, b := range bombs {
		plain := bomb(t, b.head, b.filler, 64<<20, b.tail)
		sealed, err := bundle.Encrypt(plain, id.Recipient())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			data []byte
		}{{"plain", plain}, {"encrypted", sealed}} {
			t.Run(b.name+"/"+c.name, func(t *testing.T) {
				runtime.GC()
				heap := watchHeap()
				start := time.Now()
				_, err := r.Read("bomb.engage", c.data)
				took, peak := time.Since(start), heap.Stop()
				if err == nil || !strings.Contains(err.Error(), b.want) {
					t.Fatalf("%d-byte file: want %q, got %v", len(c.data), b.want, err)
				}
				t.Logf("%d-byte file refused in %v, peak heap %d MB: %v", len(c.data), took.Round(time.Millisecond), peak>>20, err)
				if peak > 96<<20 {
					t.Errorf("peak heap %d MB", peak>>20)
				}
				if took > 20*time.Second {
					t.Errorf("took %v", took)
				}
			})
		}
	}
}
