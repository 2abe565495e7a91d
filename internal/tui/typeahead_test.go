package tui

import (
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

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

// Keys typed while a screen is still loading wait for it: enter, 1 and a
// typed at once open the site, its Map and the new partnership's form,
// and the title typed after them lands in the form.
func TestTypeAheadWaitsForLoading(t *testing.T) {
	svc, q := newEmptyStore(t)
	if err := svc.Change(func(c *workbook.Change) error {
		_, _, err := c.CreateSite(workbook.SiteInput{Name: "Northfield pilot", Organisation: "Northfield Borough Council"}, q)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	fl := startFlow(t, svc, q, 80, 24)
	fl.press("enter", "1", "a")
	fl.typ("Youth forum")
	fl.press("ctrl+s")
	fl.see("Saved: partnership added", "1 mapped", "Youth forum")
	fl.quit()
}
