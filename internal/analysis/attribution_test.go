package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/workbook"
)

const (
	gIn  = workbook.Insider
	gOut = workbook.Outsider
)

// describe writes an attribution as "insider:senior+middle=3 insider:front-line=5".
func describe(a Attribution) string {
	var s []string
	for _, c := range a.Categories {
		g := string(c.Group)
		if g == "" {
			g = "everyone"
		}
		name := c.Level()
		if c.Whole {
			name = "(" + name + ")"
		}
		s = append(s, fmt.Sprintf("%s:%s=%d", g, name, c.People))
	}
	return strings.Join(s, " ")
}

func TestAttribute(t *testing.T) {
	westmoorInsiders := []Cell{
		{gIn, workbook.RoleSenior, 1}, {gIn, workbook.RoleMiddle, 2}, {gIn, workbook.RoleFrontLine, 5},
	}
	tests := []struct {
		name   string
		cells  []Cell
		want   string
		pooled bool
	}{
		{
			// The two small insider levels make 3 together; the single
			// partner is folded into the community members, which makes
			// the whole outsider group one category.
			name: "westmoor",
			cells: append(slices.Clone(westmoorInsiders),
				Cell{gOut, workbook.RoleCommunity, 4}, Cell{gOut, workbook.RolePartner, 1}),
			want: "insider:senior+middle=3 insider:front-line=5 outsider:(community+partner)=5",
		},
		{
			// One senior is folded in with the smaller of the levels of 3
			// or more: middle (3) rather than front-line (5).
			name: "one small level folds in the smallest other",
			cells: []Cell{
				{gIn, workbook.RoleSenior, 1}, {gIn, workbook.RoleMiddle, 3}, {gIn, workbook.RoleFrontLine, 5},
				{gOut, workbook.RoleCommunity, 3},
			},
			want: "insider:senior+middle=4 insider:front-line=5 outsider:community=3",
		},
		{
			name: "ties fold in the first level in display order",
			cells: []Cell{
				{gIn, workbook.RoleSenior, 4}, {gIn, workbook.RoleMiddle, 4}, {gIn, workbook.RoleFrontLine, 2},
			},
			want: "insider:senior+front-line=6 insider:middle=4",
		},
		{
			name: "every level of 3 or more keeps its label",
			cells: []Cell{
				{gIn, workbook.RoleSenior, 3}, {gIn, workbook.RoleFrontLine, 6},
				{gOut, workbook.RoleCommunity, 5}, {gOut, workbook.RolePartner, 3},
			},
			want: "insider:senior=3 insider:front-line=6 outsider:community=5 outsider:partner=3",
		},
		{
			name: "a group of one level is that level, not the group",
			cells: []Cell{
				{gIn, workbook.RoleFrontLine, 6}, {gOut, workbook.RoleCommunity, 4},
			},
			want: "insider:front-line=6 outsider:community=4",
		},
		{
			name: "three small levels together",
			cells: []Cell{
				{gIn, workbook.RoleSenior, 1}, {gIn, workbook.RoleMiddle, 1}, {gIn, workbook.RoleFrontLine, 1},
			},
			want: "insider:(senior+middle+front-line)=3",
		},
		{
			// Valle del Sole's pattern with two outsiders: a label on the
			// insiders' comments would point at the outsiders'.
			name: "a group of two pools everyone",
			cells: append(slices.Clone(westmoorInsiders),
				Cell{gOut, workbook.RoleCommunity, 1}, Cell{gOut, workbook.RolePartner, 1}),
			want:   "everyone:(senior+middle+front-line+community+partner)=10",
			pooled: true,
		},
		{
			name:   "a group of one pools everyone",
			cells:  []Cell{{gIn, workbook.RoleFrontLine, 7}, {gOut, workbook.RoleCommunity, 1}},
			want:   "everyone:(front-line+community)=8",
			pooled: true,
		},
		{
			name:  "no outsiders is not a small group",
			cells: []Cell{{gIn, workbook.RoleFrontLine, 7}, {gOut, workbook.RoleCommunity, 0}},
			want:  "insider:front-line=7",
		},
		{
			name:  "cells of one level are added up",
			cells: []Cell{{gIn, workbook.RoleSenior, 1}, {gIn, workbook.RoleSenior, 2}, {gIn, workbook.RoleFrontLine, 3}},
			want:  "insider:senior=3 insider:front-line=3",
		},
		{name: "nobody", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Attribute(tt.cells)
			if got := describe(a); got != tt.want {
				t.Errorf("Attribute = %q, want %q", got, tt.want)
			}
			if a.Pooled != tt.pooled {
				t.Errorf("Pooled = %v, want %v", a.Pooled, tt.pooled)
			}
		})
	}
}

func TestAttributionOf(t *testing.T) {
	a := Attribute([]Cell{
		{gIn, workbook.RoleSenior, 1}, {gIn, workbook.RoleMiddle, 2}, {gIn, workbook.RoleFrontLine, 5},
		{gOut, workbook.RoleCommunity, 4}, {gOut, workbook.RolePartner, 1},
	})
	tests := []struct {
		g    workbook.Group
		r    workbook.Role
		want string
		ok   bool
	}{
		{gIn, workbook.RoleSenior, "senior+middle", true},
		{gIn, workbook.RoleMiddle, "senior+middle", true},
		{gIn, workbook.RoleFrontLine, "front-line", true},
		{gOut, workbook.RolePartner, "community+partner", true},
		{gOut, workbook.RoleSenior, "", false},
	}
	for _, tt := range tests {
		c, ok := a.Of(tt.g, tt.r)
		if c.Level() != tt.want || ok != tt.ok {
			t.Errorf("Of(%s, %s) = %q, %v; want %q, %v", tt.g, tt.r, c.Level(), ok, tt.want, tt.ok)
		}
	}
	if c, _ := a.Of(gIn, workbook.RoleSenior); !c.Merged() {
		t.Errorf("senior+middle is not Merged")
	}
	if c, _ := a.Of(gOut, workbook.RolePartner); c.Merged() || !c.Whole {
		t.Errorf("community+partner: Merged %v, Whole %v; want a whole group", c.Merged(), c.Whole)
	}
}

func TestAttributeRows(t *testing.T) {
	a, left := AttributeRows([]Cell{
		{gIn, workbook.RoleSenior, 1}, {gIn, workbook.RoleMiddle, 2}, {gIn, workbook.RoleFrontLine, 5},
		{gOut, workbook.RoleCommunity, 1}, {gOut, workbook.RolePartner, 1},
	})
	if got, want := describe(a), "insider:senior+middle=3 insider:front-line=5"; got != want {
		t.Errorf("kept = %q, want %q", got, want)
	}
	want := []Cell{{gOut, workbook.RoleCommunity, 1}, {gOut, workbook.RolePartner, 1}}
	if !slices.Equal(left, want) {
		t.Errorf("left out = %v, want %v", left, want)
	}
	if a.Pooled {
		t.Errorf("rows are never pooled")
	}
}

// TestAttributeProperties checks the rule on random assessments: the
// categories partition the people, each holds at least MinRespondents of
// them (when that many took part), a level under MinRespondents never has
// a category of its own, and a group label is given only when no group is
// small.
func TestAttributeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 4))
	for run := range 5000 {
		var cells []Cell
		for _, g := range workbook.Groups {
			for _, r := range workbook.Roles {
				if rng.IntN(3) > 0 {
					cells = append(cells, Cell{g, r, rng.IntN(7)})
				}
			}
		}
		a := Attribute(cells)
		total, small := 0, false
		byGroup := map[workbook.Group]int{}
		for _, c := range cells {
			total += c.People
			byGroup[c.Group] += c.People
		}
		for _, n := range byGroup {
			small = small || n > 0 && n < MinRespondents
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("run %d, cells %v -> %s: %s", run, cells, describe(a), fmt.Sprintf(format, args...))
		}
		if a.Pooled != small {
			fail("Pooled = %v with a small group %v", a.Pooled, small)
		}
		sum := 0
		for _, cat := range a.Categories {
			sum += cat.People
			if total >= MinRespondents && cat.People < MinRespondents {
				fail("a category of %d people", cat.People)
			}
			if (cat.Group == "") != a.Pooled {
				fail("category of group %q, pooled %v", cat.Group, a.Pooled)
			}
		}
		if sum != total {
			fail("categories hold %d people, %d took part", sum, total)
		}
		for _, c := range cells {
			cat, ok := a.Of(c.Group, c.Role)
			if ok != (c.People > 0) {
				fail("Of(%s, %s) found %v", c.Group, c.Role, ok)
			}
			if !ok {
				continue
			}
			if !slices.Contains(cat.Roles, c.Role) || cat.Group != "" && cat.Group != c.Group {
				fail("Of(%s, %s) = %s", c.Group, c.Role, cat.Level())
			}
			if cat.Group != "" && c.People < MinRespondents && len(cat.Roles) < 2 {
				fail("level %s of %d people has a label of its own", c.Role, c.People)
			}
		}
		rows, left := AttributeRows(cells)
		kept := 0
		for _, cat := range rows.Categories {
			kept += cat.People
			if cat.People < MinRespondents || cat.Group == "" {
				fail("row category %s of %d people", cat.Level(), cat.People)
			}
		}
		for _, c := range left {
			kept += c.People
			if byGroup[c.Group] >= MinRespondents {
				fail("left out %v of a group of %d", c, byGroup[c.Group])
			}
		}
		if kept != total {
			fail("rows keep or leave out %d of %d people", kept, total)
		}
	}
}
