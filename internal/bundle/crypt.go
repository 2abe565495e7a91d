package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"filippo.io/age"
)

// An encrypted bundle is a bundle file (header line, gzip, checksum)
// encrypted whole with age (age-encryption.org/v1): age's own header, then
// the encrypted file. Decrypted, it is read exactly as a plain one, with
// every check and limit of [Reader.Read].

// encryptedMagic starts every age file, and so every encrypted bundle.
const encryptedMagic = "age-encryption.org/v1\n"

// MaxWorkFactor is the highest scrypt work factor (the log2 of scrypt's N)
// that a passphrase-encrypted bundle may ask for. Opening one at 18, what
// engage export --passphrase and the age tool write, takes about a second
// and 256 MiB; each step up doubles both, so a file asking for more is
// refused before any of that work is done.
const MaxWorkFactor = 18

// The kinds of age recipient stanza that a key opens: X25519 (age1...) and
// the hybrid post-quantum kind (age1pq1...).
var keyStanzas = []string{"X25519", "mlkem768x25519"}

const scryptStanza = "scrypt"

// IsEncrypted reports whether data starts as an encrypted bundle does.
func IsEncrypted(data []byte) bool { return bytes.HasPrefix(data, []byte(encryptedMagic)) }

// Encrypt encrypts a bundle file's bytes with age to recipients: one or
// more public keys, or one passphrase made by [PassphraseRecipient] (age
// allows a passphrase only on its own). Unlike a plain bundle, the same
// data gives other bytes each time.
func Encrypt(data []byte, recipients ...age.Recipient) ([]byte, error) {
	var out bytes.Buffer
	w, err := age.Encrypt(&out, recipients...)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// PassphraseRecipient returns the age recipient that encrypts with a
// passphrase (scrypt, at the work factor [MaxWorkFactor]).
func PassphraseRecipient(passphrase string) (age.Recipient, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(MaxWorkFactor)
	return r, nil
}

// Keys are what a [Reader] opens encrypted bundles with. Each is asked for
// only when a file needs it: a plain bundle asks for neither, a bundle
// encrypted to keys asks for Identities, one encrypted with a passphrase
// for Passphrase.
type Keys struct {
	// Identities returns the secret keys to try (age X25519 or hybrid
	// identities); none when there are none to try. An error stops the
	// reading of the file and is returned as it is.
	Identities func() ([]age.Identity, error)
	// Passphrase returns the passphrase for the named file, or "" when
	// none can be had (no terminal to ask at). An error stops the reading
	// of the file and is returned as it is.
	Passphrase func(file string) (string, error)
}

// LockKind is what an encrypted bundle is encrypted to.
type LockKind int

// The kinds of lock.
const (
	// LockKeys is one or more public keys (age X25519 or hybrid).
	LockKeys LockKind = iota + 1
	// LockPassphrase is a passphrase (age scrypt).
	LockPassphrase
	// LockOther is keys of a kind Engage does not open (SSH keys, age
	// plugins).
	LockOther
)

// LockProblem is why an encrypted bundle was not opened.
type LockProblem int

// The problems of an encrypted bundle.
const (
	// NoSecret: there was no key, or no passphrase, to try.
	NoSecret LockProblem = iota + 1
	// WrongSecret: the keys or the passphrase tried do not open it.
	WrongSecret
	// TooCostly: it asks for a passphrase work factor above MaxWorkFactor.
	TooCostly
	// Unreadable: it is encrypted to keys of a kind Engage does not open.
	Unreadable
	// Damaged: it was cut short or changed after it was encrypted.
	Damaged
)

// Lock says how an encrypted bundle that was not opened is encrypted, and
// why it was not opened. An [*Error] carries it: of kind [ErrEncrypted],
// or [ErrLimit] when it is TooCostly, or [ErrDamaged].
type Lock struct {
	Kind    LockKind
	Problem LockProblem
	// Keys is how many public keys it is encrypted to (LockKeys), and
	// Tried how many secret keys were tried on it.
	Keys, Tried int
	// Types are the kinds of key named in it (LockOther), as age names
	// them ("ssh-ed25519").
	Types []string
	// WorkFactor is the passphrase work factor it asks for (TooCostly).
	WorkFactor int
	// Detail is age's own account of the damage (Damaged).
	Detail string
}

// keyIdentity tries the secret keys that Keys.Identities gives, asking for
// them only when the file is encrypted to keys.
type keyIdentity struct {
	get   func() ([]age.Identity, error)
	tried int
}

// passIdentity asks for a passphrase only when the file is encrypted with
// one, and only after checking its work factor.
type passIdentity struct {
	get   func(file string) (string, error)
	file  string
	asked bool // a passphrase was given and tried
}

// askError is an error of Keys' functions, returned as it is.
type askError struct{ err error }

func (e *askError) Error() string { return e.err.Error() }

// tooCostlyError is a passphrase work factor above MaxWorkFactor.
type tooCostlyError struct{ logN int }

func (e *tooCostlyError) Error() string {
	return fmt.Sprintf("scrypt work factor %d is above %d", e.logN, MaxWorkFactor)
}

func notThisIdentity(why string) error { return fmt.Errorf("%w: %s", age.ErrIncorrectIdentity, why) }

func (k *keyIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if !slices.ContainsFunc(stanzas, func(s *age.Stanza) bool { return slices.Contains(keyStanzas, s.Type) }) {
		return nil, notThisIdentity("not encrypted to a key")
	}
	if k.get == nil {
		return nil, notThisIdentity("no keys")
	}
	ids, err := k.get()
	if err != nil {
		return nil, &askError{err}
	}
	k.tried = len(ids)
	for _, id := range ids {
		key, err := id.Unwrap(stanzas)
		if errors.Is(err, age.ErrIncorrectIdentity) {
			continue
		}
		return key, err
	}
	return nil, notThisIdentity("no key matches")
}

func (p *passIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	if !slices.ContainsFunc(stanzas, func(s *age.Stanza) bool { return s.Type == scryptStanza }) {
		return nil, notThisIdentity("not encrypted with a passphrase")
	}
	if len(stanzas) != 1 {
		// age writes a passphrase on its own, and refuses anything else.
		return nil, errors.New("a passphrase is given beside other recipients")
	}
	// The work factor is checked before the passphrase is asked for:
	// a file that would be refused anyway asks nothing. One that does
	// not parse is age's to describe.
	if s := stanzas[0]; len(s.Args) == 2 {
		if logN, err := strconv.Atoi(s.Args[1]); err == nil && logN > MaxWorkFactor {
			return nil, &tooCostlyError{logN}
		}
	}
	if p.get == nil {
		return nil, notThisIdentity("no passphrase")
	}
	pass, err := p.get(p.file)
	if err != nil {
		return nil, &askError{err}
	}
	if pass == "" {
		return nil, notThisIdentity("no passphrase")
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, err
	}
	id.SetMaxWorkFactor(MaxWorkFactor)
	p.asked = true
	return id.Unwrap(stanzas)
}

// decrypt opens an encrypted bundle file read from src and returns the
// plain bundle file it holds, at most MaxFileSize bytes of it.
func (r *Reader) decrypt(name string, src io.Reader) ([]byte, error) {
	keys := &keyIdentity{get: r.Keys.Identities}
	pass := &passIdentity{get: r.Keys.Passphrase, file: name}
	plain, err := age.Decrypt(src, keys, pass)
	if err != nil {
		return nil, lockError(name, err, keys, pass)
	}
	data, err := io.ReadAll(io.LimitReader(plain, MaxFileSize+1))
	switch {
	case err != nil:
		return nil, damagedLock(name, err)
	case len(data) > MaxFileSize:
		return nil, &Error{File: name, Kind: ErrNotBundle,
			Problem: fmt.Sprintf("it is encrypted, and what it holds is larger than %d MB; a bundle is far smaller", MaxFileSize>>20)}
	}
	return data, nil
}

// lockError says why age.Decrypt did not open a file.
func lockError(name string, err error, keys *keyIdentity, pass *passIdentity) error {
	var ask *askError
	var costly *tooCostlyError
	var none *age.NoIdentityMatchError
	switch {
	case errors.As(err, &ask):
		return ask.err
	case errors.As(err, &costly):
		return &Error{File: name, Kind: ErrLimit, Lock: &Lock{Kind: LockPassphrase, Problem: TooCostly, WorkFactor: costly.logN},
			Problem: fmt.Sprintf("it is encrypted with a passphrase at work factor %d; Engage opens at most %d (about a second's work)", costly.logN, MaxWorkFactor)}
	case !errors.As(err, &none):
		return damagedLock(name, err)
	}
	l := &Lock{}
	for _, t := range none.StanzaTypes {
		switch {
		case slices.Contains(keyStanzas, t):
			l.Keys++
		case t != scryptStanza && !slices.Contains(l.Types, t) && len(l.Types) < 4:
			l.Types = append(l.Types, t)
		}
	}
	e := &Error{File: name, Kind: ErrEncrypted, Lock: l}
	switch {
	case l.Keys > 0:
		l.Kind, l.Tried = LockKeys, keys.tried
		if keys.tried == 0 {
			l.Problem = NoSecret
			e.Problem = fmt.Sprintf("it is encrypted to %s, and there is no secret key to open it", plural(l.Keys, "public key"))
		} else {
			l.Problem = WrongSecret
			e.Problem = fmt.Sprintf("it is encrypted to %s, and none of the %s given opens it", plural(l.Keys, "public key"), plural(keys.tried, "secret key"))
		}
	case len(none.StanzaTypes) == 1 && none.StanzaTypes[0] == scryptStanza:
		l.Kind = LockPassphrase
		if pass.asked {
			l.Problem = WrongSecret
			e.Problem = "it is encrypted with a passphrase, and the passphrase given does not open it"
		} else {
			l.Problem = NoSecret
			e.Problem = "it is encrypted with a passphrase, and there is no passphrase to open it"
		}
	default:
		l.Kind, l.Problem = LockOther, Unreadable
		e.Problem = fmt.Sprintf("it is encrypted to keys of a kind Engage does not open (%q)", l.Types)
	}
	return e
}

// damagedLock is an encrypted file that age could not read or that fails
// its authentication.
func damagedLock(name string, err error) error {
	detail := err.Error()
	if errors.Is(err, io.ErrUnexpectedEOF) {
		detail = "it ends before its last part"
	}
	return &Error{File: name, Kind: ErrDamaged, Lock: &Lock{Problem: Damaged, Detail: detail},
		Problem: "it is encrypted, and it was cut short or changed after it was encrypted (" + detail + ")"}
}
