package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// Attribution categories.
//
// A comment in a report, or a row of the long CSV, says whose it is by an
// attribution category, never by a name or a stable id. The report's
// cover lists how many people of each group and role level took part, so
// a category must hold at least MinRespondents people and must not be
// decodable from the other categories and those counts. [Attribute] is the
// one rule that decides the categories; every output that labels a person's
// words or answers reads it.
//
// The rule, for the people who took part in one assessment:
//
//  1. If a whole group (insiders or outsiders) has one or two people, no
//     category carries a group label: everyone is in one category ("a
//     participant"). A group label on the other group's comments would
//     point at the small group's by elimination.
//  2. Otherwise, within each group, a role level with MinRespondents or
//     more people is a category of its own.
//  3. The group's smaller levels (one or two people each) are merged into
//     one category named after the levels it holds ("Insiders: senior staff
//     and middle managers"). While that category holds fewer than
//     MinRespondents people, the group's smallest remaining level (the
//     first in [workbook.Roles] order among equals) is folded in. A merged
//     category that ends up holding every level of its group is named after
//     the group ("Outsiders").
//
// Every category then holds at least MinRespondents people, except when
// fewer than MinRespondents took part in all: the one category of rule 1
// is then smaller, and only the cover's counts, not a label, say so.
//
// Row-level outputs leave out the people of a group of one or two before
// they attribute the rest (see [AttributeRows]): a row keeps its group
// column, so rule 1 cannot protect it.

// Cell counts the people of one group and role level.
type Cell struct {
	Group  workbook.Group
	Role   workbook.Role
	People int
}

// Category is one attribution category: a set of role levels of one group,
// or, when Group is "", everyone who took part.
type Category struct {
	// Group is the group the category's people belong to; "" for the one
	// category of everyone, which carries no group label.
	Group workbook.Group
	// Roles are the role levels it holds, in [workbook.Roles] order.
	Roles []workbook.Role
	// Whole says the category merges every level of its group that has
	// people, so that it is named after the group alone (a group with one
	// level is a category of that level, not Whole). The category of
	// everyone is Whole.
	Whole bool
	// People is how many people it holds.
	People int
}

// Merged reports whether the category holds more than one role level of
// its group (and is not the whole group, which is named after the group).
func (c Category) Merged() bool { return c.Group != "" && !c.Whole && len(c.Roles) > 1 }

// Level is the category as a role_level value: the level itself, or the
// levels it holds joined by "+" ("senior+middle", "community+partner").
func (c Category) Level() string {
	s := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		s[i] = string(r)
	}
	return strings.Join(s, "+")
}

// Attribution is a partition of the people who took part in an assessment
// into attribution categories.
type Attribution struct {
	// Categories are the categories in display order: by group
	// ([workbook.Groups] order), then by their first role level.
	Categories []Category
	// Pooled says a group had one or two people, so that one category
	// holds everyone and no label names a group (rule 1).
	Pooled bool
	of     map[Cell]int // cell with People 0 -> index in Categories
}

// Of returns the category that holds a group and role level, and false
// when nobody of that group and level took part.
func (a Attribution) Of(g workbook.Group, r workbook.Role) (Category, bool) {
	i, ok := a.of[Cell{Group: g, Role: r}]
	if !ok {
		return Category{}, false
	}
	return a.Categories[i], true
}

// CountCells counts people by group and role level, in [workbook.Groups]
// and [workbook.Roles] order (unknown values after the known ones, in
// alphabetical order).
func CountCells(people []workbook.Participant) []Cell {
	cells := make([]Cell, len(people))
	for i, p := range people {
		cells[i] = Cell{Group: p.Group, Role: p.Role, People: 1}
	}
	return merge(cells)
}

// Attribute returns the attribution categories of the people counted by
// cells, by the rule in this file's comment. Cells with no people are
// ignored; cells of the same group and level are added together.
func Attribute(cells []Cell) Attribution {
	cells = merge(cells)
	a := Attribution{of: make(map[Cell]int, len(cells))}
	if len(cells) == 0 {
		return a
	}
	total := map[workbook.Group]int{}
	for _, c := range cells {
		total[c.Group] += c.People
	}
	for _, n := range total {
		if n < MinRespondents {
			a.Pooled = true
		}
	}
	if a.Pooled {
		every := Category{Whole: true}
		for _, c := range cells {
			if !slices.Contains(every.Roles, c.Role) {
				every.Roles = append(every.Roles, c.Role)
			}
			every.People += c.People
			a.of[key(c)] = 0
		}
		slices.SortFunc(every.Roles, compareRoles)
		a.Categories = []Category{every}
		return a
	}
	for _, g := range groupsOf(cells) {
		var mine []Cell
		for _, c := range cells {
			if c.Group == g {
				mine = append(mine, c)
			}
		}
		a.group(g, mine)
	}
	return a
}

// group adds the categories of one group of at least MinRespondents
// people: rules 2 and 3.
func (a *Attribution) group(g workbook.Group, cells []Cell) {
	inMerged := make([]bool, len(cells))
	merged := 0
	for i, c := range cells {
		if c.People < MinRespondents {
			inMerged[i] = true
			merged += c.People
		}
	}
	for merged > 0 && merged < MinRespondents {
		pick := -1
		for i, c := range cells {
			if !inMerged[i] && (pick < 0 || c.People < cells[pick].People) {
				pick = i
			}
		}
		inMerged[pick] = true
		merged += cells[pick].People
	}
	var cats []Category
	m := -1 // the merged category's index in cats
	for i, c := range cells {
		if !inMerged[i] {
			cats = append(cats, Category{Group: g, Roles: []workbook.Role{c.Role}, People: c.People})
			continue
		}
		if m < 0 {
			m = len(cats)
			cats = append(cats, Category{Group: g})
		}
		cats[m].Roles = append(cats[m].Roles, c.Role)
		cats[m].People += c.People
	}
	if len(cats) == 1 && len(cats[0].Roles) > 1 {
		cats[0].Whole = true
	}
	for i, c := range cells {
		for k, cat := range cats {
			if slices.Contains(cat.Roles, c.Role) {
				a.of[key(cells[i])] = len(a.Categories) + k
			}
		}
	}
	a.Categories = append(a.Categories, cats...)
}

// AttributeRows attributes the people of a row-level output: the people of
// a group of one or two are left out (returned as leftOut, one cell per
// group and level), and the rest are attributed by [Attribute], which then
// never pools.
func AttributeRows(cells []Cell) (a Attribution, leftOut []Cell) {
	cells = merge(cells)
	total := map[workbook.Group]int{}
	for _, c := range cells {
		total[c.Group] += c.People
	}
	var kept []Cell
	for _, c := range cells {
		if total[c.Group] < MinRespondents {
			leftOut = append(leftOut, c)
		} else {
			kept = append(kept, c)
		}
	}
	return Attribute(kept), leftOut
}

// merge drops empty cells, adds up duplicates and sorts.
func merge(cells []Cell) []Cell {
	n := map[Cell]int{}
	for _, c := range cells {
		if c.People > 0 {
			n[key(c)] += c.People
		}
	}
	out := make([]Cell, 0, len(n))
	for c, k := range n {
		c.People = k
		out = append(out, c)
	}
	sortCells(out)
	return out
}

func key(c Cell) Cell { return Cell{Group: c.Group, Role: c.Role} }

func groupsOf(cells []Cell) []workbook.Group {
	var gs []workbook.Group
	for _, c := range cells {
		if !slices.Contains(gs, c.Group) {
			gs = append(gs, c.Group)
		}
	}
	return gs
}

func sortCells(cells []Cell) {
	slices.SortFunc(cells, func(x, y Cell) int {
		if c := compareIn(workbook.Groups, x.Group, y.Group); c != 0 {
			return c
		}
		return compareRoles(x.Role, y.Role)
	})
}

func compareRoles(x, y workbook.Role) int { return compareIn(workbook.Roles, x, y) }

// compareIn orders values by their place in known, unknown ones last and
// alphabetically.
func compareIn[T ~string](known []T, x, y T) int {
	i, j := slices.Index(known, x), slices.Index(known, y)
	if i < 0 {
		i = len(known)
	}
	if j < 0 {
		j = len(known)
	}
	if c := cmp.Compare(i, j); c != 0 {
		return c
	}
	return cmp.Compare(x, y)
}
