package workbook_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// Whether a partnership still runs can be not known; a record written
// before that existed reads as it was recorded.
func TestPartnershipOngoingNotKnown(t *testing.T) {
	f := newFixture(t)
	var p workbook.Partnership
	f.change(t, func(c *workbook.Change) (err error) {
		p, err = c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Forum", OngoingUnknown: true})
		return err
	})
	var back workbook.Partnership
	if err := f.svc.Read(func(r *workbook.Reader) (err error) {
		back, err = r.Partnership(f.site.ID, p.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !back.OngoingUnknown || back.Ongoing {
		t.Errorf("read back %+v", back)
	}

	err := f.svc.Change(func(c *workbook.Change) error {
		_, err := c.SavePartnership(workbook.Partnership{SiteID: f.site.ID, Title: "Both", Ongoing: true, OngoingUnknown: true})
		return err
	})
	var fes workbook.FieldErrors
	if !errors.As(err, &fes) || len(fes) != 1 || fes[0].Field != "ongoing" {
		t.Errorf("ongoing and not known: %v", err)
	}

	for _, tt := range []struct {
		json          string
		ongoing, unkn bool
	}{
		{`{"id":"p","site":"s","title":"Old","ongoing":true}`, true, false},
		{`{"id":"p","site":"s","title":"Old","ongoing":false}`, false, false},
		{`{"id":"p","site":"s","title":"New","ongoing":false,"ongoing_unknown":true}`, false, true},
	} {
		var p workbook.Partnership
		if err := json.Unmarshal([]byte(tt.json), &p); err != nil {
			t.Fatal(err)
		}
		if p.Ongoing != tt.ongoing || p.OngoingUnknown != tt.unkn {
			t.Errorf("%s: ongoing %v, not known %v", tt.json, p.Ongoing, p.OngoingUnknown)
		}
	}
	if b, _ := json.Marshal(workbook.Partnership{Ongoing: true}); string(b) != `{"id":"","site":"","title":"","ongoing":true,"updated":"0001-01-01T00:00:00Z"}` {
		t.Errorf("a known value is written as before: %s", b)
	}
}
