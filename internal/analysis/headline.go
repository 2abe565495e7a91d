package analysis

// Population says whose figure a figure is.
type Population string

// The populations a figure can be of. PopNone is the population of a
// figure that cannot be shown for anyone.
const (
	PopNone      Population = ""
	PopEveryone  Population = "everyone"
	PopInsiders  Population = "insiders"
	PopOutsiders Population = "outsiders"
)

// Headline returns the one figure of a statement that a reader sees first
// (in a ranked list of barriers, a summary, a chart of everyone's scores),
// and whose it is. It is everyone's when that may be shown and both groups
// scored the statement; the insiders' when only insiders scored it (so
// that it is never called everyone's), or when everyone's is withheld
// because the outsiders are one or two people; the outsiders' when only
// they can be shown. PopNone and the suppressed overall figures when no
// figure may be shown.
func (it ItemResult) Headline() (Population, Stats) {
	return headline(shownN(it.All), it.Insiders.N, it.Outsiders.N, shownN(it.Insiders), shownN(it.Outsiders),
		it.All, it.Insiders, it.Outsiders)
}

// Headline returns a key issue's headline score and whose it is, by the
// rule of [ItemResult.Headline].
func (is IssueResult) Headline() (Population, IssueScore) {
	return headline(shownIssue(is.All), is.Insiders.Respondents, is.Outsiders.Respondents, shownIssue(is.Insiders), shownIssue(is.Outsiders),
		is.All, is.Insiders, is.Outsiders)
}

func shownN(s Stats) bool { return !s.Suppressed && s.N > 0 }

func headline[T any](allShown bool, insN, outsN int, insShown, outsShown bool, all, ins, outs T) (Population, T) {
	switch {
	case allShown && insN > 0 && outsN > 0:
		return PopEveryone, all
	case allShown && outsN == 0 && insN > 0, insShown:
		return PopInsiders, ins
	case allShown && insN == 0 && outsN > 0, outsShown:
		return PopOutsiders, outs
	case allShown:
		// Scored only by people of neither group.
		return PopEveryone, all
	}
	return PopNone, all
}
