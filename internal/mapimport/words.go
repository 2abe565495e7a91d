package mapimport

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/engage-toolkit/engage/internal/i18n"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// Field is a partnership field a column of the file fills.
type Field string

// The fields of a mapped partnership, as --columns names them.
const (
	FieldTitle       Field = "title"
	FieldDirectorate Field = "directorate"
	FieldArea        Field = "area"
	FieldCommunity   Field = "community"
	FieldPartners    Field = "partners"
	FieldStartYear   Field = "start_year"
	FieldOngoing     Field = "ongoing"
	FieldNotes       Field = "notes"
)

// Fields lists the fields in the order an export writes them.
var Fields = []Field{FieldTitle, FieldDirectorate, FieldArea, FieldCommunity, FieldPartners, FieldStartYear, FieldOngoing, FieldNotes}

// fieldIDs name each field's column heading in the catalogue, and the
// other headings it is known by.
var fieldIDs = map[Field][2]string{
	FieldTitle:       {"mapimport.column.title", "mapimport.header.title"},
	FieldDirectorate: {"mapimport.column.directorate", "mapimport.header.directorate"},
	FieldArea:        {"mapimport.column.area", "mapimport.header.area"},
	FieldCommunity:   {"mapimport.column.community", "mapimport.header.community"},
	FieldPartners:    {"mapimport.column.partners", "mapimport.header.partners"},
	FieldStartYear:   {"mapimport.column.start_year", "mapimport.header.start_year"},
	FieldOngoing:     {"mapimport.column.ongoing", "mapimport.header.ongoing"},
	FieldNotes:       {"mapimport.column.notes", "mapimport.header.notes"},
}

// Heading is the field's column heading in l, as an export writes it.
func (f Field) Heading(l *i18n.Lang) string { return l.T(fieldIDs[f][0]) }

// The words of the values, by the catalogue ids that hold them: the
// domain's own names (what the reports print), the Map's one-word names,
// and the other words a council's list may use ("|" between them).
var (
	communityIDs = map[workbook.CommunityType][]string{
		workbook.CommunityGeographical: {"community.geographical", "tui.map.community.geographical", "mapimport.value.geographical"},
		workbook.CommunityOfInterest:   {"community.of_interest", "tui.map.community.of_interest", "mapimport.value.interest"},
	}
	sectorIDs = map[workbook.Sector][]string{
		workbook.SectorCouncil:   {"sector.council", "tui.map.sector.council", "mapimport.value.sector.council"},
		workbook.SectorHealth:    {"sector.health", "tui.map.sector.health", "mapimport.value.sector.health"},
		workbook.SectorPolice:    {"sector.police", "tui.map.sector.police", "mapimport.value.sector.police"},
		workbook.SectorSchools:   {"sector.schools", "tui.map.sector.schools", "mapimport.value.sector.schools"},
		workbook.SectorVoluntary: {"sector.voluntary", "tui.map.sector.voluntary", "mapimport.value.sector.voluntary"},
		workbook.SectorBusiness:  {"sector.business", "tui.map.sector.business", "mapimport.value.sector.business"},
		workbook.SectorResidents: {"sector.residents", "tui.map.sector.residents", "mapimport.value.sector.residents"},
	}
	// sectorLetters are the Map table's one-letter codes ("CH··V·R"),
	// which its form accepts too.
	sectorLetters = map[string]workbook.Sector{
		"c": workbook.SectorCouncil, "h": workbook.SectorHealth, "p": workbook.SectorPolice, "s": workbook.SectorSchools,
		"v": workbook.SectorVoluntary, "b": workbook.SectorBusiness, "r": workbook.SectorResidents,
	}
	yesIDs     = []string{"tui.map.yes", "mapimport.value.yes"}
	noIDs      = []string{"tui.map.no", "mapimport.value.no"}
	unknownIDs = []string{"tui.map.not_known", "mapimport.value.unknown"}
)

// Words are the headings and value words the importer understands: those
// of every language of the catalogue, so that a list in Italian imports
// at an English site, and a translator who adds a language (or a word)
// to the catalogue adds its headings.
type Words struct {
	headers   map[string]Field
	community map[string]workbook.CommunityType
	sectors   map[string]workbook.Sector
	ongoing   map[string]ongoing
	unknown   map[string]bool
}

// ongoing is a value of the ongoing column.
type ongoing int

const (
	ongoingUnknown ongoing = iota
	ongoingYes
	ongoingNo
)

// NewWords gathers the words of every language of cat.
func NewWords(cat *i18n.Catalog) *Words {
	w := &Words{headers: map[string]Field{}, community: map[string]workbook.CommunityType{}, sectors: map[string]workbook.Sector{},
		ongoing: map[string]ongoing{}, unknown: map[string]bool{}}
	langs := cat.Languages()
	each := func(ids []string, fn func(word string)) {
		for _, code := range langs {
			l := cat.For(code)
			for _, id := range ids {
				if !l.Has(id) && code != i18n.Fallback {
					continue // the English words are added once, for English
				}
				for _, word := range strings.Split(l.T(id), "|") {
					if k := Key(word); k != "" {
						fn(k)
					}
				}
			}
		}
	}
	for _, f := range Fields {
		w.headers[Key(string(f))] = f
		ids := fieldIDs[f]
		each(ids[:], func(k string) { w.headers[k] = f })
	}
	for c, ids := range communityIDs {
		w.community[Key(string(c))] = c
		each(ids, func(k string) { w.community[k] = c })
	}
	for s, ids := range sectorIDs {
		w.sectors[Key(string(s))] = s
		each(ids, func(k string) { w.sectors[k] = s })
	}
	for k, s := range sectorLetters {
		w.sectors[k] = s
	}
	each(unknownIDs, func(k string) { w.unknown[k] = true })
	for _, k := range []string{"1", "true"} {
		w.ongoing[k] = ongoingYes
	}
	for _, k := range []string{"0", "false"} {
		w.ongoing[k] = ongoingNo
	}
	each(yesIDs, func(k string) { w.ongoing[k] = ongoingYes })
	each(noIDs, func(k string) { w.ongoing[k] = ongoingNo })
	return w
}

// Clashes lists the words that mean two things in the catalogue, any of
// its languages together (they are read together): a heading of two
// fields, a value that is both yes and no, two kinds of community or two
// sectors, or one of those and "not known". It must have none (a test
// checks).
func Clashes(cat *i18n.Catalog) []string {
	var out []string
	group := func(what map[string][]string) {
		seen := map[string]string{}
		for _, code := range cat.Languages() {
			l := cat.For(code)
			for _, name := range sortedNames(what) {
				for _, id := range what[name] {
					for _, word := range strings.Split(l.T(id), "|") {
						k := Key(word)
						if v, ok := seen[k]; ok && v != name && k != "" {
							out = append(out, code+": "+strings.TrimSpace(word)+" ("+v+", "+name+")")
						}
						seen[k] = name
					}
				}
			}
		}
	}
	headings := map[string][]string{}
	for _, f := range Fields {
		ids := fieldIDs[f]
		headings[string(f)] = ids[:]
	}
	group(headings)
	group(map[string][]string{"yes": yesIDs, "no": noIDs, "unknown": unknownIDs})
	comm := map[string][]string{"unknown": unknownIDs}
	for c, ids := range communityIDs {
		comm[string(c)] = ids
	}
	group(comm)
	secs := map[string][]string{}
	for s, ids := range sectorIDs {
		secs[string(s)] = ids
	}
	group(secs)
	return out
}

func sortedNames(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Key is how a heading or a value is compared: accents dropped, lower
// case, every run of what is not a letter or a digit one space, trimmed.
// "Anno d'inizio", "ANNO D INIZIO" and "anno_d’inizio" are one key.
func Key(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// looseKey is Key without what is in brackets: "Culture and regeneration
// (incl. NDC)" is also "culture and regeneration".
func looseKey(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return Key(b.String())
}
