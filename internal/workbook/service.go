// Package workbook holds Engage's domain: sites, mapped partnerships,
// assessments, participants, responses and findings, and the rules for
// changing them.
//
// # One way to change anything
//
// Every change goes through a [Change], the TUI's and the CLI's alike:
//
//	err := svc.Change(func(c *workbook.Change) error {
//		return c.RecordResponse(in)
//	})
//
// A Change is one store transaction: it is committed, synced to disk, before
// Change returns, so once the caller shows a value as saved it survives a
// crash. Several operations in one Change land together or not at all.
//
// # Reading
//
// [Service.Read] gives a [Reader] over a consistent snapshot.
package workbook

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// Options tune a [Service].
type Options struct {
	// Now is the clock records are stamped with (default time.Now).
	Now func() time.Time
	// NewID makes record ids (default 16 random hex digits).
	NewID func() string
}

// Service is the domain's entry point over a [Store].
type Service struct {
	store Store
	now   func() time.Time
	newID func() string

	mu           sync.Mutex
	pinned       map[string]*questionnaire.Questionnaire // by hash, parsed once
	statementPos map[string]*statementPositions          // by questionnaire hash
}

// NewService returns a Service over store.
func NewService(store Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.NewID == nil {
		opts.NewID = RandomID
	}
	return &Service{store: store, now: opts.Now, newID: opts.NewID, pinned: map[string]*questionnaire.Questionnaire{},
		statementPos: map[string]*statementPositions{}}
}

// RandomID returns 16 random hex digits.
func RandomID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // never on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// Read runs fn over a consistent snapshot of the store.
func (s *Service) Read(fn func(*Reader) error) error {
	return s.store.View(func(tx Tx) error { return fn(&Reader{svc: s, tx: tx}) })
}

// Change runs fn in one transaction and commits it when fn returns nil.
func (s *Service) Change(fn func(*Change) error) error {
	return s.store.Update(func(tx Tx) error {
		now := s.now().UTC().Truncate(time.Millisecond)
		t := newTrackTx(tx)
		c := &Change{Reader: Reader{svc: s, tx: t}, now: now, track: t}
		if err := fn(c); err != nil {
			return err
		}
		return c.keep(t)
	})
}

// Reader reads domain records inside one transaction.
type Reader struct {
	svc *Service
	tx  Tx
}

// Change reads and writes domain records inside one transaction.
type Change struct {
	Reader
	now   time.Time
	track *trackTx
}

// Now returns the time this change stamps its records with.
func (c *Change) Now() time.Time { return c.now }

// key joins the parts of a record key.
func key(parts ...string) string { return strings.Join(parts, "/") }

func getJSON[T any](tx Tx, b Bucket, k string) (T, bool, error) {
	var v T
	raw := tx.Get(b, k)
	if raw == nil {
		return v, false, nil
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, false, fmt.Errorf("read %s %s: %w", b, k, err)
	}
	return v, true, nil
}

func putJSON(tx Tx, b Bucket, k string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Put(b, k, raw)
}

func listJSON[T any](tx Tx, b Bucket, prefix string) ([]T, error) {
	var out []T
	err := tx.ForEach(b, prefix, func(k string, raw []byte) error {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("read %s %s: %w", b, k, err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

func deletePrefix(tx Tx, b Bucket, prefix string) error {
	var keys []string
	if err := tx.ForEach(b, prefix, func(k string, _ []byte) error {
		keys = append(keys, k)
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := tx.Delete(b, k); err != nil {
			return err
		}
	}
	return nil
}

// Questionnaire returns the pinned questionnaire with the given hash.
func (r *Reader) Questionnaire(hash string) (*questionnaire.Questionnaire, error) {
	r.svc.mu.Lock()
	q, ok := r.svc.pinned[hash]
	r.svc.mu.Unlock()
	if ok {
		return q, nil
	}
	src := r.tx.Get(BucketQuestionnaires, hash)
	if src == nil {
		return nil, notFound("questionnaire", hash)
	}
	q, err := questionnaire.Parse("pinned questionnaire "+shortHash(hash), src)
	if err != nil {
		return nil, fmt.Errorf("the pinned questionnaire %s no longer parses: %w", shortHash(hash), err)
	}
	if q.Hash != hash {
		return nil, fmt.Errorf("the pinned questionnaire %s does not match its hash", shortHash(hash))
	}
	r.svc.mu.Lock()
	r.svc.pinned[hash] = q
	r.svc.mu.Unlock()
	return q, nil
}

// PinnedQuestionnaires returns every questionnaire pinned in the store.
func (r *Reader) PinnedQuestionnaires() ([]*questionnaire.Questionnaire, error) {
	var hashes []string
	if err := r.tx.ForEach(BucketQuestionnaires, "", func(k string, _ []byte) error {
		hashes = append(hashes, k)
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]*questionnaire.Questionnaire, 0, len(hashes))
	for _, h := range hashes {
		q, err := r.Questionnaire(h)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// Pin stores a copy of q so assessments can refer to it by hash forever.
// Pinning the same content again changes nothing.
func (c *Change) Pin(q *questionnaire.Questionnaire) error {
	if c.tx.Get(BucketQuestionnaires, q.Hash) != nil {
		return nil
	}
	return c.tx.Put(BucketQuestionnaires, q.Hash, q.Source)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func decode[T any](raw []byte) (T, error) {
	var v T
	err := json.Unmarshal(raw, &v)
	return v, err
}

// errStop ends a ForEach early.
var errStop = errors.New("stop")

// validID reports whether id can be used as a record id: 1 to 64
// lower-case letters, digits and hyphens.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// newID returns id when it is set (checking it) or a new one.
func (c *Change) newID(id string) (string, error) {
	if id == "" {
		return c.svc.newID(), nil
	}
	if !validID(id) {
		return "", fmt.Errorf("invalid record id %q", id)
	}
	return id, nil
}
