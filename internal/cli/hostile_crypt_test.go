package cli_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// Encrypted bundles from a laptop one does not control: bombs inside the
// encryption, more than a bundle's size, a passphrase that asks for hours
// of work, a thousand recipients, and control characters in age's header.
// Each is refused within the harness's bounds (2 s, 256 MB), asking for
// nothing, with the store as it was.

// cryptKey is the researcher's key of these cases.
var cryptKey = func() *age.X25519Identity {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		panic(err)
	}
	return id
}()

// sealed returns a setup writing dir/key.txt (the secret key, owner-only)
// and dir/x.engage, made by file from the key's recipient, with an empty
// store.
func sealed(file func(t *testing.T, to age.Recipient) []byte) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		writeKey(t, dir)
		if err := os.WriteFile(filepath.Join(dir, "x.engage"), file(t, cryptKey.Recipient()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func writeKey(t *testing.T, dir string) {
	t.Helper()
	emptyStore(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "key.txt"), []byte(cryptKey.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// sealedZeros writes dir/x.engage encrypting n zero bytes, a megabyte at a
// time. The children's peak memory as Linux counts it starts from this
// process's own (a child shares its memory until it runs engage): a file
// of 65 MB made in memory here would be counted against every later case.
func sealedZeros(n int) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		writeKey(t, dir)
		f, err := os.Create(filepath.Join(dir, "x.engage"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		w, err := age.Encrypt(f, cryptKey.Recipient())
		if err != nil {
			t.Fatal(err)
		}
		chunk := make([]byte, 1<<20)
		for ; n > 0; n -= len(chunk) {
			w.Write(chunk[:min(n, len(chunk))])
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func ageEncrypt(t *testing.T, data []byte, to ...age.Recipient) []byte {
	t.Helper()
	var out bytes.Buffer
	w, err := age.Encrypt(&out, to...)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// blankBomb is a bundle whose content has 300 MB of blanks between two
// values: a few hundred kilobytes of file.
func blankBomb(t *testing.T) []byte {
	var body bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&body, gzip.BestSpeed)
	zw.Write([]byte(`{"format":1,"engage":"v0.0.0-test","withheld":[],"questionnaires":[`))
	blanks := bytes.Repeat([]byte{' '}, 1<<20)
	for range 300 {
		zw.Write(blanks)
	}
	zw.Write([]byte("]}"))
	zw.Close()
	prefix := fmt.Sprintf("engage-bundle format=1 engage=v0.0.0-test size=%d sha256=", body.Len())
	h := sha256.New()
	h.Write([]byte(prefix + "\n"))
	h.Write(body.Bytes())
	return append([]byte(prefix+hex.EncodeToString(h.Sum(nil))+"\n"), body.Bytes()...)
}

func TestHostileEncrypted(t *testing.T) {
	imp := []string{"import", "--identity", "$WORK/key.txt", "$WORK/x.engage"}
	runHostile(t, []hostileCase{
		{
			name: "300 MB of blanks inside the encryption",
			setup: sealed(func(t *testing.T, to age.Recipient) []byte {
				return ageEncrypt(t, blankBomb(t), to)
			}),
			args: imp, exit: 1,
			stderr: `^engage: .*x\.engage: its content has more than 4096 blanks in a row; Engage writes a line break between records$`,
		},
		{
			name:  "65 MB inside the encryption",
			setup: sealedZeros(65 << 20),
			args:  imp, exit: 1,
			stderr: `x\.engage: it is encrypted, and what it holds is larger than 64 MB; a bundle is far smaller$`,
		},
		{
			name: "a passphrase at work factor 30 (a terabyte and hours)",
			setup: sealed(func(t *testing.T, _ age.Recipient) []byte {
				r, _ := age.NewScryptRecipient("kettle orchard seven")
				r.SetWorkFactor(10)
				data := ageEncrypt(t, sealBundle(t, westmoor(t)), r)
				line := bytes.SplitN(data, []byte("\n"), 3)[1]
				return bytes.Replace(data, line, []byte(strings.TrimSuffix(string(line), "10")+"30"), 1)
			}),
			args: []string{"import", "$WORK/x.engage"}, env: []string{"ENGAGE_PASSPHRASE=kettle orchard seven"}, exit: 1,
			stderr: `x\.engage: it is encrypted with a passphrase at work factor 30, more than the 18 Engage opens`,
		},
		{
			name: "1,024 recipients, none of them the key given",
			setup: sealed(func(t *testing.T, _ age.Recipient) []byte {
				to := make([]age.Recipient, 1024)
				for i := range to {
					id, _ := age.GenerateX25519Identity()
					to[i] = id.Recipient()
				}
				return ageEncrypt(t, sealBundle(t, westmoor(t)), to...)
			}),
			args: imp, exit: 1,
			stderr: `x\.engage: it is encrypted to 1024 public keys, and the secret key in .*key\.txt opens none of them`,
		},
		{
			name: "a terminal escape in the header",
			setup: sealed(func(t *testing.T, to age.Recipient) []byte {
				data := ageEncrypt(t, sealBundle(t, westmoor(t)), to)
				return bytes.Replace(data, []byte("-> X25519 "), []byte("-> \x1b]0;owned\x07 "), 1)
			}),
			args: imp, exit: 1,
			stderr: `x\.engage: it is an encrypted bundle that was cut short or changed after it was encrypted \(failed to read header`,
		},
	})
}
