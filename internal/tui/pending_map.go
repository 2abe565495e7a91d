package tui

// Temporary: replaced by map.go and selection.go.

func newMapScreen(e *env, siteID string) Screen { return newHome(e, nil) }

func newSelectScreen(e *env, siteID, assessmentID string) Screen { return newHome(e, nil) }
