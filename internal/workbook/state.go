package workbook

// UIState is where the facilitator was in the interactive workbook, so that
// engage reopens at the same site, step and statement.
type UIState struct {
	SiteID       string `json:"site,omitempty"`
	AssessmentID string `json:"assessment,omitempty"`
	Screen       string `json:"screen,omitempty"`
	Statement    int    `json:"statement,omitempty"`
	Participant  int    `json:"participant,omitempty"`
	// Projector is set when the screen was turned to the room (the
	// dialogue's projector view): a dialogue reopens in that view, never
	// with the names on show.
	Projector bool `json:"projector,omitempty"`
}

const uiStateKey = "ui"

// UIState returns the saved place in the interactive workbook (zero when
// there is none).
func (r *Reader) UIState() (UIState, error) {
	s, _, err := getJSON[UIState](r.tx, BucketState, uiStateKey)
	return s, err
}

// SetUIState saves the place in the interactive workbook.
func (c *Change) SetUIState(s UIState) error {
	return putJSON(c.tx, BucketState, uiStateKey, s)
}
