package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// saver is the one queue of changes of the interactive workbook. It
// commits them one at a time, in the order they were made, so fast typing
// can never save an older answer over a newer one. It belongs to the root,
// not to a screen: a screen can be left while its changes are still being
// saved, and quitting waits until the queue is empty.
//
// When a change is committed (or refused) the root tells every open
// screen with a [saveDoneMsg]; until then an answer is pending, and the
// screens that show it show it so.
type saver struct {
	svc      *workbook.Service
	next     int
	queue    []saveJob
	inflight *saveJob
	pending  map[string]workbook.Response // by response key: what the screens show as pending
}

// saveJob is one change waiting in the saver.
type saveJob struct {
	seq int
	// owner is the screen that made the change: it is told first, and
	// only it reloads for a change that is not an answer.
	owner Screen
	key   string            // the response key of an answer, or a key the owner chose
	resp  workbook.Response // for answers: the value shown as pending
	what  string            // what the status line says once it is saved
	// room is what the status line says instead while the room sees the
	// screen ([roomView]): no name and no answer. Empty is a plain "Saved".
	room string
	// warn is passed on in the savedMsg: what the saved text contains that
	// may point at a person.
	warn string
	// ownsFailure is set when the owner shows why the change was refused
	// (a form, next to its fields): the status line does not repeat it.
	ownsFailure bool
	fn          func(c *workbook.Change) error
	// run, when set instead of fn, does work that is more than one
	// transaction (a backup, then a deletion) and says what it did.
	run func(svc *workbook.Service) (what string, err error)
	// undo, when set, is the step that takes the change back once it is
	// committed (fn fills it in); undoing is set instead on the job that
	// takes a step back (see undo.go).
	undo, undoing *undoStep
}

// saveDoneMsg tells every open screen that a job of the saver ended: err
// is nil when it was committed.
type saveDoneMsg struct {
	job saveJob
	err error
}

func newSaver(svc *workbook.Service) *saver {
	return &saver{svc: svc, next: 1, pending: map[string]workbook.Response{}}
}

// answer queues an answer j.resp (with a comment, j.warn may warn about
// it), shown as pending under j.key until saved.
func (s *saver) answer(j saveJob) tea.Cmd {
	s.pending[j.key] = j.resp
	return s.add(j)
}

// add queues a change and starts it when nothing else is being saved.
func (s *saver) add(j saveJob) tea.Cmd {
	j.seq = s.next
	s.next++
	s.queue = append(s.queue, j)
	return s.start()
}

func (s *saver) start() tea.Cmd {
	if s.inflight != nil || len(s.queue) == 0 {
		return nil
	}
	j := s.queue[0]
	s.queue = s.queue[1:]
	s.inflight = &j
	svc := s.svc
	return func() tea.Msg {
		what := j.what
		var err error
		if j.run != nil {
			what, err = j.run(svc)
		} else {
			err = svc.Change(j.fn)
		}
		if err != nil {
			return saveFailedMsg{err: err, seq: j.seq}
		}
		return savedMsg{what: what, seq: j.seq, warn: j.warn}
	}
}

// finished takes the savedMsg or saveFailedMsg of the job in flight. It
// returns the job, whether the message was for it, and the command that
// starts the next job.
func (s *saver) finished(seq int) (saveJob, bool, tea.Cmd) {
	if s.inflight == nil || s.inflight.seq != seq {
		return saveJob{}, false, nil
	}
	j := *s.inflight
	s.inflight = nil
	if j.key != "" {
		if p, ok := s.pending[j.key]; ok && p == j.resp && !s.queued(j.key) {
			delete(s.pending, j.key)
		}
	}
	return j, true, s.start()
}

// queued reports whether a later change to key is still waiting.
func (s *saver) queued(key string) bool {
	for _, q := range s.queue {
		if q.key == key {
			return true
		}
	}
	return false
}

// busy reports whether anything is waiting to be saved.
func (s *saver) busy() bool { return s.inflight != nil || len(s.queue) > 0 }
