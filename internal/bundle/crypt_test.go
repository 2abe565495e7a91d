package bundle_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/engage-toolkit/engage/internal/bundle"
	"github.com/engage-toolkit/engage/internal/demo"
)

// testWorkFactor keeps the tests' passphrases cheap: engage export writes
// bundle.MaxWorkFactor.
const testWorkFactor = 10

func newIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func encrypt(t testing.TB, data []byte, to ...age.Recipient) []byte {
	t.Helper()
	out, err := bundle.Encrypt(data, to...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func passphrase(t testing.TB, pass string) age.Recipient {
	t.Helper()
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(testWorkFactor)
	return r
}

// keyring counts how often a Reader asks for keys and passphrases.
type keyring struct {
	ids          []age.Identity
	pass         string
	idAsks, asks int
	asked        []string
}

func (k *keyring) reader() *bundle.Reader {
	return &bundle.Reader{Keys: bundle.Keys{
		Identities: func() ([]age.Identity, error) { k.idAsks++; return k.ids, nil },
		Passphrase: func(file string) (string, error) { k.asks++; k.asked = append(k.asked, file); return k.pass, nil },
	}}
}

// lockOf returns the Lock of an error that must be an *Error naming file.
func lockOf(t *testing.T, err error, file string, kind error) *bundle.Lock {
	t.Helper()
	var be *bundle.Error
	if !errors.As(err, &be) {
		t.Fatalf("want a *bundle.Error, got %v", err)
	}
	if !errors.Is(err, kind) {
		t.Errorf("want %v, got %v", kind, err)
	}
	if be.File != file || !strings.HasPrefix(be.Error(), file+": ") {
		t.Errorf("the error does not name %s: %v", file, be)
	}
	if be.Lock == nil {
		t.Fatalf("no Lock: %v", be)
	}
	return be.Lock
}

func TestEncryptedBundleOpensWithItsKey(t *testing.T) {
	plain := smallBundle(t)
	want, err := bundle.Read("plain.engage", plain)
	if err != nil {
		t.Fatal(err)
	}
	alice, bob := newIdentity(t), newIdentity(t)
	sealed := encrypt(t, plain, alice.Recipient(), bob.Recipient())
	if !bytes.HasPrefix(sealed, []byte("age-encryption.org/v1\n-> X25519 ")) || !bundle.IsEncrypted(sealed) {
		t.Errorf("starts %q", sealed[:40])
	}
	for _, leak := range []string{"engage-bundle", "Synthetic site"} {
		if bytes.Contains(sealed, []byte(leak)) {
			t.Errorf("the encrypted file shows %q", leak)
		}
	}
	if again := encrypt(t, plain, alice.Recipient()); bytes.Equal(again[:100], sealed[:100]) {
		t.Error("two encryptions gave the same bytes")
	}
	for name, id := range map[string]age.Identity{"alice": alice, "bob": bob} {
		k := &keyring{ids: []age.Identity{newIdentity(t), id}}
		got, err := k.reader().Read("sealed.engage", sealed)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(bundle.Content(got), bundle.Content(want)) || got.Name != "sealed.engage" {
			t.Errorf("%s: the decrypted bundle differs", name)
		}
		if k.idAsks != 1 || k.asks != 0 {
			t.Errorf("%s: asked for keys %d times, for a passphrase %d times", name, k.idAsks, k.asks)
		}
	}
	// ReadFile decrypts as it reads.
	path := filepath.Join(t.TempDir(), "sealed.engage")
	if err := os.WriteFile(path, sealed, 0o600); err != nil {
		t.Fatal(err)
	}
	k := &keyring{ids: []age.Identity{bob}}
	if got, err := k.reader().ReadFile(path); err != nil || !bytes.Equal(bundle.Content(got), bundle.Content(want)) {
		t.Errorf("ReadFile: %v", err)
	}
}

func TestPlainBundleAsksForNothing(t *testing.T) {
	k := &keyring{}
	if _, err := k.reader().Read("plain.engage", smallBundle(t)); err != nil {
		t.Fatal(err)
	}
	if k.idAsks+k.asks != 0 {
		t.Errorf("asked %d times", k.idAsks+k.asks)
	}
}

func TestEncryptedToKeysNotGiven(t *testing.T) {
	plain := smallBundle(t)
	sealed := encrypt(t, plain, newIdentity(t).Recipient(), newIdentity(t).Recipient())
	cases := []struct {
		name    string
		r       *bundle.Reader
		problem bundle.LockProblem
		tried   int
		says    string
	}{
		{"no keys at all", &bundle.Reader{}, bundle.NoSecret, 0,
			"it is encrypted to 2 public keys, and there is no secret key to open it"},
		{"no keys given", (&keyring{}).reader(), bundle.NoSecret, 0,
			"it is encrypted to 2 public keys, and there is no secret key to open it"},
		{"other keys", (&keyring{ids: []age.Identity{newIdentity(t), newIdentity(t), newIdentity(t)}}).reader(), bundle.WrongSecret, 3,
			"it is encrypted to 2 public keys, and none of the 3 secret keys given opens it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.r.Read("sealed.engage", sealed)
			l := lockOf(t, err, "sealed.engage", bundle.ErrEncrypted)
			if l.Kind != bundle.LockKeys || l.Problem != c.problem || l.Keys != 2 || l.Tried != c.tried {
				t.Errorf("lock %+v", l)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("%v does not say %q", err, c.says)
			}
		})
	}
}

func TestPassphrase(t *testing.T) {
	plain := smallBundle(t)
	sealed := encrypt(t, plain, passphrase(t, "correct horse battery staple"))
	if !bytes.HasPrefix(sealed, []byte("age-encryption.org/v1\n-> scrypt ")) {
		t.Errorf("starts %q", sealed[:40])
	}
	k := &keyring{pass: "correct horse battery staple", ids: []age.Identity{newIdentity(t)}}
	if _, err := k.reader().Read("p.engage", sealed); err != nil {
		t.Fatal(err)
	}
	if k.asks != 1 || k.asked[0] != "p.engage" || k.idAsks != 0 {
		t.Errorf("asked %d times (%q), for keys %d times", k.asks, k.asked, k.idAsks)
	}
	for _, c := range []struct {
		pass    string
		problem bundle.LockProblem
		says    string
	}{
		{"Correct horse battery staple", bundle.WrongSecret, "it is encrypted with a passphrase, and the passphrase given does not open it"},
		{"", bundle.NoSecret, "it is encrypted with a passphrase, and there is no passphrase to open it"},
	} {
		_, err := (&keyring{pass: c.pass}).reader().Read("p.engage", sealed)
		l := lockOf(t, err, "p.engage", bundle.ErrEncrypted)
		if l.Kind != bundle.LockPassphrase || l.Problem != c.problem || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: %+v %v", c.pass, l, err)
		}
	}
	// A key file's keys are never asked for a passphrase, nor the other
	// way round.
	k = &keyring{pass: "x"}
	k.reader().Read("k.engage", encrypt(t, plain, newIdentity(t).Recipient()))
	if k.asks != 0 || k.idAsks != 1 {
		t.Errorf("asked %d times for a passphrase", k.asks)
	}
}

// TestWorkFactorIsBounded: a file asking for more scrypt work than
// MaxWorkFactor is refused before the passphrase is asked for; one at the
// bound opens.
func TestWorkFactorIsBounded(t *testing.T) {
	sealed := encrypt(t, smallBundle(t), passphrase(t, "pass"))
	line := bytes.SplitN(sealed, []byte("\n"), 3)[1] // -> scrypt SALT 10
	for _, logN := range []string{"19", "30", "9999999999999999999999"} {
		costly := bytes.Replace(sealed, line, []byte(strings.TrimSuffix(string(line), "10")+logN), 1)
		k := &keyring{pass: "pass"}
		_, err := k.reader().Read("costly.engage", costly)
		var be *bundle.Error
		errors.As(err, &be)
		if logN == "9999999999999999999999" {
			// Not a number age reads: damaged.
			if l := lockOf(t, err, "costly.engage", bundle.ErrDamaged); l.Problem != bundle.Damaged {
				t.Errorf("%s: %+v", logN, l)
			}
			continue
		}
		l := lockOf(t, err, "costly.engage", bundle.ErrLimit)
		if l.Problem != bundle.TooCostly || l.WorkFactor == 0 || k.asks != 0 {
			t.Errorf("%s: %+v, asked %d times", logN, l, k.asks)
		}
		if !strings.Contains(err.Error(), "work factor "+logN+"; Engage opens at most 18") {
			t.Errorf("%s: %v", logN, err)
		}
		if !strings.Contains(be.Hint(), "--passphrase") {
			t.Errorf("hint: %s", be.Hint())
		}
	}
	if testing.Short() {
		t.Skip("opening a file at the bound takes a second and 256 MB")
	}
	r, err := bundle.PassphraseRecipient("pass")
	if err != nil {
		t.Fatal(err)
	}
	atBound := encrypt(t, smallBundle(t), r)
	if !bytes.Contains(atBound[:100], []byte(" 18\n")) {
		t.Errorf("PassphraseRecipient writes %q", bytes.SplitN(atBound, []byte("\n"), 3)[1])
	}
	if _, err := (&keyring{pass: "pass"}).reader().Read("p.engage", atBound); err != nil {
		t.Error(err)
	}
}

// TestEveryChangeOfAnEncryptedBundleIsRefused: age authenticates every
// byte; a change is refused as damage (or, in a key's own block, as not
// opened by the key), and a cut anywhere as damage.
func TestEveryChangeOfAnEncryptedBundleIsRefused(t *testing.T) {
	id := newIdentity(t)
	sealed := encrypt(t, smallBundle(t), id.Recipient())
	r := (&keyring{ids: []age.Identity{id}}).reader()
	changed := bytes.Clone(sealed)
	for i := range sealed {
		changed[i] ^= 0x01
		_, err := r.Read("bad.engage", changed)
		var be *bundle.Error
		switch {
		case err == nil:
			t.Fatalf("byte %d changed: accepted", i)
		case !errors.As(err, &be) || be.File != "bad.engage":
			t.Fatalf("byte %d changed: %v", i, err)
		}
		changed[i] = sealed[i]
	}
	for n := 0; n < len(sealed); n += 1 + n/40 {
		_, err := r.Read("cut.engage", sealed[:n])
		if err == nil {
			t.Fatalf("cut to %d bytes: accepted", n)
		}
		if n > len("age-encryption.org/v1\n") {
			if l := lockOf(t, err, "cut.engage", bundle.ErrDamaged); l.Problem != bundle.Damaged {
				t.Errorf("cut to %d: %+v", n, l)
			}
		}
	}
	_, err := r.Read("cut.engage", sealed[:len(sealed)-1])
	if !strings.Contains(err.Error(), "cut.engage: it is encrypted, and it was cut short or changed after it was encrypted") {
		t.Errorf("cut by one byte: %v", err)
	}
	if _, err := r.Read("long.engage", append(bytes.Clone(sealed), 0)); err == nil {
		t.Error("a byte added: accepted")
	}
}

func TestEncryptedToOtherKinds(t *testing.T) {
	sealed := encrypt(t, smallBundle(t), newIdentity(t).Recipient())
	line := bytes.SplitN(sealed, []byte("\n"), 3)[1]
	other := bytes.Replace(sealed, line, []byte("-> ssh-ed25519 AAAA BBBB"), 1)
	_, err := (&keyring{ids: []age.Identity{newIdentity(t)}}).reader().Read("ssh.engage", other)
	l := lockOf(t, err, "ssh.engage", bundle.ErrEncrypted)
	if l.Kind != bundle.LockOther || l.Problem != bundle.Unreadable || len(l.Types) != 1 || l.Types[0] != "ssh-ed25519" {
		t.Errorf("%+v", l)
	}
}

// TestWhatItHoldsIsReadAsABundle: the decrypted file goes through every
// check of a plain one; an encrypted file inside is not a bundle.
func TestWhatItHoldsIsReadAsABundle(t *testing.T) {
	id := newIdentity(t)
	r := (&keyring{ids: []age.Identity{id}}).reader()
	plain := smallBundle(t)
	bad := bytes.Clone(plain)
	bad[len(bad)-1] ^= 0xff
	_, err := r.Read("inner.engage", encrypt(t, bad, id.Recipient()))
	if !errors.Is(err, bundle.ErrDamaged) || !strings.Contains(err.Error(), "inner.engage: its checksum does not match") {
		t.Errorf("a damaged bundle inside: %v", err)
	}
	twice := encrypt(t, encrypt(t, plain, id.Recipient()), id.Recipient())
	if _, err := r.Read("twice.engage", twice); !errors.Is(err, bundle.ErrNotBundle) {
		t.Errorf("encrypted twice: %v", err)
	}
}

// TestPlaintextBeyondTheFileLimit: what an encrypted file holds is held
// to the plain file's size limit, and read no further.
func TestPlaintextBeyondTheFileLimit(t *testing.T) {
	id := newIdentity(t)
	path := filepath.Join(t.TempDir(), "big.engage")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := age.Encrypt(f, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for range bundle.MaxFileSize>>20 + 1 {
		w.Write(chunk)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = (&keyring{ids: []age.Identity{id}}).reader().ReadFile(path)
	if !errors.Is(err, bundle.ErrNotBundle) || !strings.Contains(err.Error(), "it is encrypted, and what it holds is larger than 64 MB") {
		t.Errorf("%v", err)
	}
}

func TestKeysErrorsComeBackAsTheyAre(t *testing.T) {
	sealed := encrypt(t, smallBundle(t), newIdentity(t).Recipient())
	mine := errors.New("the key file is damaged")
	r := &bundle.Reader{Keys: bundle.Keys{Identities: func() ([]age.Identity, error) { return nil, mine }}}
	if _, err := r.Read("x.engage", sealed); err != mine {
		t.Errorf("got %v", err)
	}
}

func TestCarries(t *testing.T) {
	ts := demoStore(t, demo.Options{})
	for _, c := range []struct {
		withhold []bundle.Field
		want     bool
	}{{nil, true}, {[]bundle.Field{bundle.FieldNames}, false}} {
		b, err := bundle.Read("x.engage", ts.export(t, "westmoor-county", c.withhold...))
		if err != nil {
			t.Fatal(err)
		}
		if got := b.Carries(bundle.FieldNames); got != c.want {
			t.Errorf("withholding %v: carries names %v", c.withhold, got)
		}
	}
}
