package workbook

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is returned when a site, assessment, partnership, participant
// or other record does not exist.
var ErrNotFound = errors.New("not found")

// NotFoundError says which record was not found. It wraps [ErrNotFound].
type NotFoundError struct {
	Kind string // "site", "partnership", ...
	Ref  string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s %q", e.Kind, e.Ref)
}

// Unwrap returns [ErrNotFound].
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

func notFound(kind, ref string) error { return &NotFoundError{Kind: kind, Ref: ref} }

// FieldError is returned when a value given for a field is not acceptable.
// Field names the field as a form shows it; Message is written for people.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// FieldErrors collects the problems of one form or record.
type FieldErrors []*FieldError

func (fe FieldErrors) Error() string {
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// For returns the message for field, or "".
func (fe FieldErrors) For(field string) string {
	for _, e := range fe {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// err returns fe as an error, or nil when it is empty.
func (fe FieldErrors) err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

func (fe *FieldErrors) add(field, format string, args ...any) {
	*fe = append(*fe, &FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}
