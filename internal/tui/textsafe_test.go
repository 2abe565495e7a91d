package tui

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// hostileName is a site name as a damaged store or an older engage might
// hold it: an OSC that sets the window title, a screen clear and a
// right-to-left override. The record rules refuse the controls, so it is
// written to the store directly.
const hostileName = "Eastbrook\x1b]0;pwned\x07 \x1b[2J\u202eotolip"

// sgrOnly matches the styles' own sequences, the one kind of escape
// sequence a frame may hold.
var sgrOnly = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// terminalControl matches what must never reach the terminal from data:
// C0 controls other than tab and new line, DEL, C1 controls, and the bidi
// overrides and isolates.
var terminalControl = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")

// renameRaw rewrites a site's name in the store, past the record rules.
func renameRaw(t *testing.T, te *testEnv, siteID, name string) {
	t.Helper()
	err := te.st.Update(func(tx workbook.Tx) error {
		var rec map[string]any
		if err := json.Unmarshal(tx.Get(workbook.BucketSites, siteID), &rec); err != nil {
			return err
		}
		rec["name"] = name
		data, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		if err := tx.Put(workbook.BucketSites, siteID, data); err != nil {
			return err
		}
		// Written past the domain, so its kept figures are counted again.
		return workbook.KeepAll(workbook.NewService(nil, workbook.Options{}), tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkFrame fails when anything but SGR styles and text is in a frame.
func checkFrame(t *testing.T, where, frame string) {
	t.Helper()
	if m := terminalControl.FindString(sgrOnly.ReplaceAllString(frame, "")); m != "" {
		t.Errorf("%s: %q reached the terminal:\n%q", where, m, frame)
	}
}

func TestHostileSiteNameOnTheHomeScreen(t *testing.T) {
	te := newTestEnv(t)
	te.change(func(c *workbook.Change) error {
		_, _, err := c.CreateSite(workbook.SiteInput{Name: "Westbrook", Organisation: "Westbrook Council"}, te.q)
		return err
	})
	var second string
	te.svc.Read(func(r *workbook.Reader) error {
		sums, err := r.Summaries()
		for _, s := range sums {
			if s.Site.ID != te.site.ID {
				second = s.Site.ID
			}
		}
		return err
	})
	renameRaw(t, te, te.site.ID, hostileName)
	renameRaw(t, te, second, "\u202eWest\x1b]52;c;cm0gLXJmIH4K\x07brook")
	m := newRoot(t, te, 100, 24)
	h, ok := m.top().(*home)
	if !ok {
		t.Fatalf("opened on %T, want the home screen", m.top())
	}
	// The screen itself, then the frame the root draws around it.
	checkFrame(t, "home screen", h.View())
	checkFrame(t, "frame", m.View().Content)
	text := screenText(m)
	for _, want := range []string{"Eastbrook otolip", "Westbrook"} {
		if !strings.Contains(text, want) {
			t.Errorf("the home screen does not show %q:\n%s", want, text)
		}
	}
	// Deeper screens name the site in the header; the root's net keeps
	// the frame clean wherever a screen draws a name.
	pressRoot(t, m, "enter")
	if _, ok := m.top().(*siteScreen); !ok {
		t.Fatalf("enter opened %T", m.top())
	}
	checkFrame(t, "site screen", m.top().View())
	checkFrame(t, "site screen's frame", m.View().Content)
}
