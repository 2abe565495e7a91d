package tui

import "testing"

// Keys typed right after the key that opens a form reach that form, even
// when the program has not drawn it yet: the keys go in without waiting.
func TestTypeAheadReachesTheNewForm(t *testing.T) {
	svc, q := newEmptyStore(t)
	fl := startFlow(t, svc, q, 80, 24)
	fl.see("No sites yet.")
	fl.press("a")
	fl.typ("Northfield pilot")
	fl.press("tab")
	fl.typ("Northfield Borough Council")
	fl.press("ctrl+s")
	fl.see("Saved: site created", "› Northfield pilot")

	fl.press("enter")
	fl.see("no partnerships mapped yet")
	fl.press("1")
	fl.see("No partnerships mapped yet.")
	fl.press("a")
	fl.typ("Youth forum")
	fl.press("ctrl+s")
	fl.see("Saved: partnership added", "1 mapped", "Youth forum")

	fl.press("e")
	fl.typ(" and friends")
	fl.press("ctrl+s")
	fl.see("Saved: partnership changed", "Youth forum and friends")
	fl.quit()
}
