package tui

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/engage-toolkit/engage/internal/questionnaire"
	"github.com/engage-toolkit/engage/internal/store"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// update reports whether -update asks to rewrite the golden files.
// teatest's golden package declares the same flag; when it is linked in,
// its flag is the one.
var update = func() func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files")
	}
	return func() bool { return flag.Lookup("update").Value.(flag.Getter).Get().(bool) }
}()

// testEnv is a store with one site and its first assessment, and the env
// screens run with.
type testEnv struct {
	t    testing.TB
	env  *env
	svc  *workbook.Service
	st   *store.Store
	q    *questionnaire.Questionnaire
	site workbook.Site
	a    workbook.Assessment
}

// newTestEnv opens a store in a temporary folder with one site ("Eastbrook
// pilot") using the default workbook. The clock and ids are fixed so views
// are reproducible.
func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	q, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "engage.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Check(); err != nil {
			t.Errorf("store check: %v", err)
		}
		st.Close()
	})
	clock := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	n := 0
	svc := workbook.NewService(st, workbook.Options{
		Now: func() time.Time { clock = clock.Add(time.Second); return clock },
		NewID: func() string {
			n++
			return "t" + strings.Repeat("0", 6) + string(rune('a'+n/26%26)) + string(rune('a'+n%26))
		},
	})
	te := &testEnv{t: t, svc: svc, st: st, q: q}
	te.env = newEnv(svc, NewStyles(true), Hooks{Backup: st.AutoBackup})
	te.change(func(c *workbook.Change) (err error) {
		te.site, te.a, err = c.CreateSite(workbook.SiteInput{Name: "Eastbrook pilot", Organisation: "Eastbrook City Council", Area: "East"}, q)
		return err
	})
	return te
}

func (te *testEnv) change(fn func(c *workbook.Change) error) {
	te.t.Helper()
	if err := te.svc.Change(fn); err != nil {
		te.t.Fatal(err)
	}
}

// addPeople adds n participants of group g and returns them.
func (te *testEnv) addPeople(g workbook.Group, n int) []workbook.Participant {
	te.t.Helper()
	var out []workbook.Participant
	role := workbook.RoleMiddle
	if g == workbook.Outsider {
		role = workbook.RoleCommunity
	}
	te.change(func(c *workbook.Change) error {
		for range n {
			p, err := c.SaveParticipant(workbook.Participant{SiteID: te.site.ID, AssessmentID: te.a.ID, Group: g, Role: role})
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out
}

// load reads the assessment back from the store.
func (te *testEnv) load() *workbook.AssessmentData {
	te.t.Helper()
	var d *workbook.AssessmentData
	if err := te.svc.Read(func(r *workbook.Reader) (err error) {
		d, err = r.LoadAssessment(te.site.ID, te.a.ID)
		return err
	}); err != nil {
		te.t.Fatal(err)
	}
	return d
}

// envOf returns the env a screen was made with.
func envOf(s Screen) *env {
	return (*env)(reflect.ValueOf(s).Elem().FieldByName("env").UnsafePointer())
}

// run executes cmd synchronously and feeds what it returns back into s,
// as the Bubble Tea runtime and the root would, until nothing is left:
// the end of a save reaches s as the root's saveDoneMsg. Screen changes
// (push/pop) are recorded in the returned log rather than followed.
func run(t *testing.T, s Screen, cmd tea.Cmd) (Screen, []tea.Msg) {
	t.Helper()
	e := envOf(s)
	log := e.takeMoves()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := within(c, cmdWait)
		if !ok {
			continue // a timer (cursor blink): the runtime would wait for it
		}
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, m...)
		case pushMsg, popMsg, statusMsg, placeMsg:
			log = append(log, msg)
		case savedMsg, saveFailedMsg:
			seq, err := 0, error(nil)
			if failed, ok := m.(saveFailedMsg); ok {
				seq, err = failed.seq, failed.err
			} else {
				seq = m.(savedMsg).seq
			}
			if saved, ok := m.(savedMsg); ok && (saved.what != "" || saved.warn != "") {
				log = append(log, savedStatus(nil, saved)) // as the root shows it
			}
			j, ok, next := e.saves.finished(seq)
			if ok {
				var more tea.Cmd
				s, more = s.Update(saveDoneMsg{job: j, err: err})
				log = append(log, e.takeMoves()...)
				queue = append(queue, next, more)
			}
		default:
			// tea.Sequence's message is an unexported slice of commands:
			// run them in order, before anything queued later, as the
			// runtime does (also when sequences nest).
			if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
				seq := make([]tea.Cmd, 0, v.Len()+len(queue))
				for i := 0; i < v.Len(); i++ {
					seq = append(seq, v.Index(i).Interface().(tea.Cmd))
				}
				queue = append(seq, queue...)
				continue
			}
			var next tea.Cmd
			s, next = s.Update(msg)
			log = append(log, e.takeMoves()...)
			queue = append(queue, next)
		}
	}
	return s, log
}

// within runs cmd and returns its message, unless it takes longer than d
// (a tick or blink), in which case it is abandoned.
// cmdWait is how long the tests wait for a command before taking it for a
// timer: under the cursor's blink (530 ms), and long enough for a store
// write on a loaded machine (200 ms was not, under the race detector with
// the machine's two cores busy).
const cmdWait = 450 * time.Millisecond

func within(cmd tea.Cmd, d time.Duration) (tea.Msg, bool) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg, true
	case <-time.After(d):
		return nil, false
	}
}

// press sends a key to s and runs what follows.
func press(t *testing.T, s Screen, keys ...string) (Screen, []tea.Msg) {
	t.Helper()
	var all []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		s, cmd = s.Update(keyMsg(k))
		var log []tea.Msg
		s, log = run(t, s, cmd) // run takes the moves the key asked for
		all = append(all, log...)
	}
	return s, all
}

// keyMsg makes the key press message for a key name as Bubble Tea prints
// it ("a", "enter", "ctrl+s", "esc", "up", ...).
func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]tea.Key{
		"enter":     {Code: tea.KeyEnter},
		"esc":       {Code: tea.KeyEscape},
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"up":        {Code: tea.KeyUp},
		"down":      {Code: tea.KeyDown},
		"left":      {Code: tea.KeyLeft},
		"right":     {Code: tea.KeyRight},
		"backspace": {Code: tea.KeyBackspace},
		"pgdown":    {Code: tea.KeyPgDown},
		"pgup":      {Code: tea.KeyPgUp},
		"home":      {Code: tea.KeyHome},
		"end":       {Code: tea.KeyEnd},
		"space":     {Code: tea.KeySpace, Text: " "},
		"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+g":    {Code: 'g', Mod: tea.ModCtrl},
		"ctrl+z":    {Code: 'z', Mod: tea.ModCtrl},
	}
	if sk, ok := special[k]; ok {
		return tea.KeyPressMsg(sk)
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg(tea.Key{Code: r, Text: k})
}

// typeText sends each character of text as a key press.
func typeText(t *testing.T, s Screen, text string) Screen {
	t.Helper()
	for _, r := range text {
		var cmd tea.Cmd
		s, cmd = s.Update(tea.KeyPressMsg(tea.Key{Code: r, Text: string(r)}))
		s, _ = run(t, s, cmd)
	}
	return s
}

// golden compares text (stripped of styles, trailing spaces trimmed) with
// testdata/name.golden, rewriting it with -update.
func golden(t *testing.T, name, text string) {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(ansi.Strip(text), "\n") {
		lines = append(lines, strings.TrimRight(l, " "))
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", name+".golden")
	if update() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}
