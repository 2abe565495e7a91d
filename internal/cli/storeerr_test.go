package cli

import (
	"errors"
	"fmt"
	"syscall"
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/store"
)

// The store's problems read in English exactly as the store words them
// (the testscripts and the README quote them), and in Italian in Italian.
func TestStoreMessagesInTheUsersLanguage(t *testing.T) {
	en, it := i18n.Embedded().For("en"), i18n.Embedded().For("it")
	type hinted interface {
		error
		Hint() string
	}
	errs := []hinted{
		&store.NotFoundError{Path: "x/e.db"},
		&store.LockedError{Path: "e.db"},
		&store.DamagedError{Path: "e.db", Reason: "the file is cut short"},
		&store.DamagedError{Path: "e.db", Reason: "it is not an Engage store", Foreign: true},
		&store.TooNewError{Path: "e.db", Schema: 9, Known: 2},
		&store.ReadOnlyError{Path: "e.db", Err: errors.New("read-only file system")},
		&store.WriteError{Path: "e.db", Err: syscall.ENOSPC},
		&store.WriteError{Path: "e.db", Err: errors.New("input/output error")},
		&store.InsecureError{Path: "e.db", Reason: "its folder /tmp/x can be written by anyone"},
	}
	for _, e := range errs {
		msg, hint, ok := storeMessage(en, e)
		if !ok {
			t.Errorf("%T %q is not said", e, e)
			continue
		}
		if msg != e.Error() || hint != e.Hint() {
			t.Errorf("%T in English:\n got %q\n     %q\nwant %q\n     %q", e, msg, hint, e.Error(), e.Hint())
		}
		imsg, ihint, _ := storeMessage(it, e)
		if imsg == msg || ihint == hint {
			t.Errorf("%T in Italian is still English: %q / %q", e, imsg, ihint)
		}
	}
	// Wrapped with more to say, the error is left as it is.
	if _, _, ok := storeMessage(en, fmt.Errorf("site x: %w", &store.LockedError{Path: "e.db"})); ok {
		t.Error("a wrapped error lost its context")
	}
}
