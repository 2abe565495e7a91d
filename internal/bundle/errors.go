package bundle

import (
	"errors"
	"fmt"
	"strings"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// The kinds of [*Error]; test for them with errors.Is.
var (
	// ErrNotBundle is returned when a file is not an Engage bundle at all.
	ErrNotBundle = errors.New("not an Engage bundle")
	// ErrDamaged is returned when a bundle was cut short, changed or
	// damaged after it was written.
	ErrDamaged = errors.New("damaged bundle")
	// ErrInvalid is returned when a bundle is intact but what it holds
	// breaks the workbook's rules.
	ErrInvalid = errors.New("invalid bundle")
	// ErrLimit is returned when a bundle holds more than the workbook's
	// limits allow (see workbook.Limits): it is refused as soon as the
	// reading passes one.
	ErrLimit = errors.New("bundle beyond Engage's limits")
	// ErrTooNew is returned when a bundle was written in a newer format
	// than this Engage reads.
	ErrTooNew = errors.New("bundle from a newer Engage")
	// ErrEncrypted is returned when a bundle is encrypted and nothing
	// given opens it: no key or passphrase, the wrong ones, or keys of a
	// kind Engage does not use. The [*Error] carries its [Lock].
	ErrEncrypted = errors.New("encrypted bundle that could not be opened")
	// ErrConflicts is returned by [Import] when the store holds edits
	// newer than the bundle's and no [Resolution] was given.
	ErrConflicts = errors.New("conflicting edits")
)

// maxDetails is how many problems an [*Error] message lists.
const maxDetails = 12

// Error says why a file was refused. It names the file and wraps one of
// [ErrNotBundle], [ErrDamaged], [ErrInvalid], [ErrLimit], [ErrTooNew] or
// [ErrEncrypted].
type Error struct {
	File    string
	Kind    error
	Problem string
	// Details lists the problems found in the content, one per line.
	Details []string
	// Needs is the Engage version the file asks for (with ErrTooNew).
	Needs string
	// Lock says how the file is encrypted and why it was not opened, when
	// the problem is in its encryption (with ErrEncrypted, and with
	// ErrLimit or ErrDamaged for an encrypted file).
	Lock *Lock

	limit *workbook.LimitError // with ErrLimit
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.File, e.Problem)
	for i, d := range e.Details {
		if i == maxDetails {
			fmt.Fprintf(&b, "\n  ... and %d more", len(e.Details)-maxDetails)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(d)
	}
	return b.String()
}

// Unwrap returns the kind of problem.
func (e *Error) Unwrap() error { return e.Kind }

// Hint says what the user can do about it.
func (e *Error) Hint() string {
	if e.Lock != nil {
		return e.Lock.hint()
	}
	switch e.Kind {
	case ErrLimit:
		if e.limit != nil {
			return e.limit.Hint()
		}
	case ErrTooNew:
		if e.Needs != "" {
			return "install Engage " + e.Needs + " or later to import it"
		}
		return "install a newer Engage to import it"
	case ErrDamaged:
		return "ask for the file again, or export it again from the laptop it came from"
	case ErrInvalid:
		return "export the site again with this version of Engage; if it still fails, report it"
	}
	return "an Engage bundle is what `engage export SITE` writes"
}

// hint says what to do about an encrypted bundle that was not opened.
func (l *Lock) hint() string {
	switch {
	case l.Problem == Damaged:
		return "ask for the file again: an encrypted bundle cannot be mended"
	case l.Problem == TooCostly:
		return "ask the sender to encrypt it again with engage export --passphrase"
	case l.Kind == LockOther:
		return "decrypt it with the tool it was made for, then import the plain bundle"
	case l.Kind == LockPassphrase:
		return "ask the sender for the passphrase, and type it exactly"
	}
	return "give the secret key whose public key it was encrypted to with --identity FILE"
}
