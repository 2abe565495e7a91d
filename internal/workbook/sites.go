package workbook

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// SiteInput is what a user gives to create or edit a site.
type SiteInput struct {
	ID           string // "" for a new site (an id is made)
	Name         string
	Organisation string
	Area         string
	Context      string
	Language     string // a BCP 47 tag ("en", "it", "cy"); "" is English
}

// site returns the site in makes, with its language defaulted.
func (in SiteInput) site() Site {
	lang := in.Language
	if lang == "" {
		lang = questionnaire.English
	}
	return Site{ID: in.ID, Name: in.Name, Organisation: in.Organisation, Area: in.Area, Context: in.Context, Language: lang}
}

// Sites returns every site, sorted by name.
func (r *Reader) Sites() ([]Site, error) {
	sites, err := listJSON[Site](r.tx, BucketSites, "")
	if err != nil {
		return nil, err
	}
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].Name < sites[j].Name })
	return sites, nil
}

// Site finds a site by id or by slug.
func (r *Reader) Site(ref string) (Site, error) {
	if s, ok, err := getJSON[Site](r.tx, BucketSites, ref); err != nil || ok {
		return s, err
	}
	var found *Site
	err := r.tx.ForEach(BucketSites, "", func(_ string, raw []byte) error {
		s, err := decode[Site](raw)
		if err != nil {
			return err
		}
		if s.Slug == ref {
			found = &s
			return errStop
		}
		return nil
	})
	if err != nil && err != errStop {
		return Site{}, err
	}
	if found == nil {
		return Site{}, notFound("site", ref)
	}
	return *found, nil
}

// CreateSite creates a site that uses questionnaire q, with its first
// assessment (no partnership selected yet), and returns both.
func (c *Change) CreateSite(in SiteInput, q *questionnaire.Questionnaire) (Site, Assessment, error) {
	s := in.site()
	for _, d := range q.Directorates {
		s.Directorates = append(s.Directorates, Directorate{ID: d.ID, Name: d.Name.In(s.Language)})
	}
	var fe FieldErrors
	checkSite(&fe, s)
	if err := fe.err(); err != nil {
		return Site{}, Assessment{}, err
	}
	if err := c.roomFor(LimitSites, BucketSites, "", "the store"); err != nil {
		return Site{}, Assessment{}, err
	}
	id, err := c.newID(in.ID)
	if err != nil {
		return Site{}, Assessment{}, err
	}
	if c.tx.Get(BucketSites, id) != nil {
		return Site{}, Assessment{}, fmt.Errorf("a site with id %s exists already", id)
	}
	if err := c.Pin(q); err != nil {
		return Site{}, Assessment{}, err
	}
	slug, err := c.uniqueSlug(Slugify(in.Name), id)
	if err != nil {
		return Site{}, Assessment{}, err
	}
	s.ID, s.Slug, s.Questionnaire, s.Created, s.Updated = id, slug, q.Hash, c.now, c.now
	if err := putJSON(c.tx, BucketSites, id, s); err != nil {
		return Site{}, Assessment{}, err
	}
	a, err := c.NewAssessment(s.ID, AssessmentInput{Started: c.now.Format(time.DateOnly)})
	return s, a, err
}

// UpdateSite changes a site's name, organisation, area, context and
// language. The slug follows a changed name.
func (c *Change) UpdateSite(in SiteInput) (Site, error) {
	s, ok, err := getJSON[Site](c.tx, BucketSites, in.ID)
	if err != nil {
		return Site{}, err
	}
	if !ok {
		return Site{}, notFound("site", in.ID)
	}
	name := s.Name
	s.Name, s.Organisation, s.Area, s.Context = in.Name, in.Organisation, in.Area, in.Context
	if in.Language != "" {
		s.Language = in.Language
	}
	var fe FieldErrors
	checkSite(&fe, s)
	if err := fe.err(); err != nil {
		return Site{}, err
	}
	if in.Name != name {
		if s.Slug, err = c.uniqueSlug(Slugify(in.Name), s.ID); err != nil {
			return Site{}, err
		}
	}
	s.Updated = c.now
	return s, putJSON(c.tx, BucketSites, s.ID, s)
}

// SetDirectorates replaces a site's list of directorates. Partnerships
// under a directorate that is no longer listed keep its id and are shown
// under it as unknown, so nothing is lost.
func (c *Change) SetDirectorates(siteID string, dirs []Directorate) error {
	s, err := c.Site(siteID)
	if err != nil {
		return err
	}
	var fe FieldErrors
	checkDirectorates(&fe, dirs)
	if err := fe.err(); err != nil {
		return err
	}
	s.Directorates = slices.Clone(dirs)
	s.Updated = c.now
	return putJSON(c.tx, BucketSites, s.ID, s)
}

// DeleteSite removes a site and everything recorded for it.
func (c *Change) DeleteSite(id string) error {
	if c.tx.Get(BucketSites, id) == nil {
		return notFound("site", id)
	}
	for _, b := range SiteBuckets {
		if err := deletePrefix(c.tx, b, id+"/"); err != nil {
			return err
		}
	}
	return c.tx.Delete(BucketSites, id)
}

// uniqueSlug returns base, or base-2, base-3 ... if another site has it.
// It reads only each site's id and slug: importing a programme's sites one
// by one decoded every site before each.
func (c *Change) uniqueSlug(base, selfID string) (string, error) {
	taken := map[string]bool{}
	err := c.tx.ForEach(BucketSites, "", func(k string, raw []byte) error {
		s, err := decode[struct {
			ID   string `json:"id"`
			Slug string `json:"slug"`
		}](raw)
		if err != nil {
			return err
		}
		if s.ID != selfID {
			taken[s.Slug] = true
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	slug := base
	for n := 2; taken[slug]; n++ {
		slug = fmt.Sprintf("%s-%d", base, n)
	}
	return slug, nil
}
