package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// saver queues a screen's changes and commits them one at a time, in the
// order they were made, so fast typing can never save an older answer over
// a newer one. Until its savedMsg arrives a change is pending, and the
// screen shows it so.
type saver struct {
	env      *env
	next     int
	queue    []saveJob
	inflight *saveJob
	pending  map[string]workbook.Response // by response key: what the screen shows as pending
}

type saveJob struct {
	seq  int
	key  string
	resp workbook.Response // for answers: the value shown as pending
	what string
	// warn is passed on in the savedMsg: what the saved text contains that
	// may point at a person.
	warn string
	fn   func(c *workbook.Change) error
}

func newSaver(e *env) *saver {
	return &saver{env: e, next: 1, pending: map[string]workbook.Response{}}
}

// answer queues one answer, shown as pending under key until saved.
func (s *saver) answer(key string, shown workbook.Response, what string, fn func(c *workbook.Change) error) tea.Cmd {
	return s.answerJob(saveJob{key: key, resp: shown, what: what, fn: fn})
}

// answerJob queues the answer j.resp (with a comment, j.warn may warn
// about it), shown as pending under j.key until saved.
func (s *saver) answerJob(j saveJob) tea.Cmd {
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
	cmd := s.env.change(j.what, j.seq, j.fn)
	if j.warn == "" {
		return cmd
	}
	return func() tea.Msg {
		msg := cmd()
		if saved, ok := msg.(savedMsg); ok {
			saved.warn = j.warn
			return saved
		}
		return msg
	}
}

// finished handles the savedMsg or saveFailedMsg of the job in flight. It
// returns the job, whether the message was this saver's, and the command
// that starts the next job.
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
