package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/engage-toolkit/engage/internal/textsafe"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// actionsOptions are the flags of `engage actions`.
type actionsOptions struct {
	sites   []string
	all     bool
	overdue bool
	// dueBefore lists the open actions due before the day; "" lists all.
	dueBefore string
	// asOf is the day overdue is counted on; "" is today.
	asOf   string
	asJSON bool
	// owners shows who owns each action and who reviewed it: names, kept
	// out of the list unless asked for.
	owners bool
	lang   string
}

func newActionsCmd(g *globals) *cobra.Command {
	var opts actionsOptions
	cmd := &cobra.Command{
		Use:   "actions [SITE...] [--all] [--overdue] [--due-before DATE] [--json]",
		Short: g.l.T("cli.actions.short"),
		Long:  g.l.T("cli.actions.long"),
		Example: `  engage actions --all --overdue
  engage actions eastbrook-pilot tynebridge-south --due-before 2026-06-30
  engage actions --all --owners
  engage actions --all --json --as-of 2026-03-02`,
		ValidArgsFunction: g.completeSites,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.sites, opts.lang = args, g.userLang(g.lang)
			if err := opts.check(g); err != nil {
				return usageErr(cmd, err)
			}
			return actionsRun(g, opts)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.all, "all", false, g.l.T("cli.actions.flag_all"))
	f.BoolVar(&opts.overdue, "overdue", false, g.l.T("cli.actions.flag_overdue"))
	f.StringVar(&opts.dueBefore, "due-before", "", g.l.T("cli.actions.flag_due_before"))
	f.StringVar(&opts.asOf, "as-of", "", g.l.T("cli.actions.flag_as_of"))
	f.BoolVar(&opts.asJSON, "json", false, g.l.T("cli.actions.flag_json"))
	f.BoolVar(&opts.owners, "owners", false, g.l.T("cli.actions.flag_owners"))
	return cmd
}

// check validates the flags and the days they give.
func (o *actionsOptions) check(g *globals) error {
	l := g.l
	switch {
	case o.all && len(o.sites) > 0:
		return errors.New(l.T("cli.actions.sites_and_all"))
	case !o.all && len(o.sites) == 0:
		return errors.New(l.T("cli.actions.no_sites"))
	}
	for flag, day := range map[string]string{"--due-before": o.dueBefore, "--as-of": o.asOf} {
		if _, err := time.Parse(time.DateOnly, day); day != "" && err != nil {
			return errors.New(l.T("cli.actions.bad_date", "Flag", flag, "Value", strconv.Quote(day)))
		}
	}
	return nil
}

// actionRow is one action as `engage actions --json` prints it. Owner and
// LastReviewer are there only with --owners.
type actionRow struct {
	Site              string  `json:"site"`
	SiteName          string  `json:"site_name"`
	Assessment        string  `json:"assessment"`
	AssessmentTitle   string  `json:"assessment_title"`
	AssessmentStarted string  `json:"assessment_started"`
	KeyIssue          string  `json:"key_issue"`
	KeyIssueTitle     string  `json:"key_issue_title"`
	Action            string  `json:"action"`
	Owner             *string `json:"owner,omitempty"`
	Due               string  `json:"due"`
	Status            string  `json:"status"`
	Overdue           bool    `json:"overdue"`
	Reviews           int     `json:"reviews"`
	LastReview        string  `json:"last_review"`
	LastReviewStatus  string  `json:"last_review_status"`
	LastReviewNote    string  `json:"last_review_note"`
	LastReviewer      *string `json:"last_reviewer,omitempty"`
}

// actionList is what `engage actions --json` prints: the day overdue was
// counted on, the counts of every action of the sites named, and the
// actions listed.
type actionList struct {
	AsOf    string              `json:"as_of"`
	Sites   int                 `json:"sites"`
	Counts  workbook.PlanCounts `json:"counts"`
	Actions []actionRow         `json:"actions"`
}

func actionsRun(g *globals, opts actionsOptions) error {
	st, err := g.openStore(true, g.hintOf("cli.actions.locked_hint"))
	if err != nil {
		return err
	}
	svc := workbook.NewService(st, workbook.Options{})
	today := opts.asOf
	if today == "" {
		today = svc.Today()
	}
	var lines []workbook.PlanLine
	var sites []workbook.Site
	err = svc.Read(func(r *workbook.Reader) error {
		if sites, err = resolveSites(r, opts.sites, opts.all); err != nil {
			return err
		}
		for _, s := range sites {
			ls, err := r.PlanLines(s.ID)
			if err != nil {
				return err
			}
			lines = append(lines, ls...)
		}
		return nil
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return actionsError(g, err)
	}
	all := make([]workbook.Intervention, len(lines))
	for i, ln := range lines {
		all[i] = ln.Intervention
	}
	counts := workbook.CountPlan(all, today)
	shown := lines[:0:0]
	for _, ln := range lines {
		switch {
		case opts.overdue && !ln.Overdue(today):
		case opts.dueBefore != "" && (ln.Status.Closed() || ln.Due == "" || ln.Due >= opts.dueBefore):
		default:
			shown = append(shown, ln)
		}
	}
	workbook.SortPlanLines(shown, today)
	if opts.asJSON {
		out := actionList{AsOf: today, Sites: len(sites), Counts: counts, Actions: []actionRow{}}
		for _, ln := range shown {
			out.Actions = append(out.Actions, newActionRow(ln, today, opts))
		}
		return writeJSON(g.io.Out, out)
	}
	return buffered(g.io.Out, func(w io.Writer) error { return writeActions(g, w, shown, len(sites), counts, today, opts) })
}

// resolveSites finds the sites named (by slug or id), or every site.
func resolveSites(r *workbook.Reader, refs []string, all bool) ([]workbook.Site, error) {
	if all {
		return r.Sites()
	}
	var out []workbook.Site
	seen := map[string]bool{}
	for _, ref := range refs {
		s, err := r.Site(ref)
		if err != nil {
			return nil, err
		}
		if !seen[s.ID] {
			out = append(out, s)
		}
		seen[s.ID] = true
	}
	return out, nil
}

// actionsError gives a site that is not there its message and hint.
func actionsError(g *globals, err error) error {
	var nf *workbook.NotFoundError
	if errors.As(err, &nf) && nf.Kind == "site" {
		return &ExitError{Code: 1, Message: g.l.T("cli.site.not_found", "Site", strconv.Quote(nf.Ref)), Hint: g.l.T("cli.site.not_found_hint")}
	}
	return err
}

func newActionRow(ln workbook.PlanLine, today string, opts actionsOptions) actionRow {
	row := actionRow{Site: ln.Site.Slug, SiteName: ln.Site.Name, Assessment: ln.Assessment.ID, AssessmentTitle: ln.Assessment.Title,
		AssessmentStarted: ln.Assessment.Started, KeyIssue: ln.KeyIssueID, Action: ln.Action, Due: ln.Due, Status: string(ln.Status),
		Overdue: ln.Overdue(today), Reviews: len(ln.Reviews)}
	if ln.KeyIssue != nil {
		row.KeyIssueTitle = ln.KeyIssue.Title.In(opts.lang)
	}
	last, reviewed := ln.LastReview()
	if reviewed {
		row.LastReview, row.LastReviewStatus, row.LastReviewNote = last.Date, string(last.Status), last.Note
	}
	if opts.owners {
		owner, reviewer := ln.Owner, last.Reviewer
		row.Owner, row.LastReviewer = &owner, &reviewer
	}
	return row
}

// writeActions lists the actions for people: a line of counts, then each
// action in a block, the overdue ones first.
func writeActions(g *globals, w io.Writer, lines []workbook.PlanLine, sites int, n workbook.PlanCounts, today string, opts actionsOptions) error {
	l := g.l
	fmt.Fprintln(w, l.N("cli.actions.counted", n.Actions, "Sites", l.N("cli.actions.sites", sites), "Overdue", n.Overdue, "Day", today,
		"Done", n.Done, "Dropped", n.Dropped))
	switch {
	case opts.overdue && len(lines) == 0:
		_, err := fmt.Fprintln(w, l.T("cli.actions.none_overdue", "Day", today))
		return err
	case opts.dueBefore != "" && len(lines) == 0:
		_, err := fmt.Fprintln(w, l.T("cli.actions.none_due", "Day", opts.dueBefore))
		return err
	case len(lines) == 0:
		return nil
	case opts.overdue:
		fmt.Fprintln(w, l.N("cli.actions.showing_overdue", len(lines)))
	case opts.dueBefore != "":
		fmt.Fprintln(w, l.N("cli.actions.showing_due", len(lines), "Day", opts.dueBefore))
	}
	late := l.T("cli.actions.overdue")
	lateW := ansi.StringWidth(late)
	dueW := max(ansi.StringWidth(l.T("cli.actions.due", "Day", "2006-01-02")), ansi.StringWidth(l.T("cli.actions.no_due")))
	statusW := 0
	for _, s := range workbook.Statuses {
		statusW = max(statusW, ansi.StringWidth(l.T(statusID(s))))
	}
	for _, ln := range lines {
		mark := strings.Repeat(" ", lateW)
		if ln.Overdue(today) {
			mark = late
		}
		due := l.T("cli.actions.no_due")
		if ln.Due != "" {
			due = l.T("cli.actions.due", "Day", ln.Due)
		}
		fmt.Fprintf(w, "\n%s  %s  %s  %s\n", mark, padRight(due, dueW), padRight(l.T(statusID(ln.Status)), statusW), textsafe.Line(ln.Site.Name))
		fmt.Fprintf(w, "  %s\n", textsafe.Line(ln.Action))
		about := textsafe.Line(ln.Assessment.Title)
		if about == "" {
			about = l.T("cli.actions.assessment", "Day", ln.Assessment.Started)
		}
		if ln.KeyIssue != nil {
			about = textsafe.Line(ln.KeyIssue.Title.In(opts.lang)) + " · " + about
		}
		fmt.Fprintf(w, "  %s\n", about)
		if opts.owners && ln.Owner != "" {
			fmt.Fprintf(w, "  %s\n", l.T("cli.actions.owner", "Owner", textsafe.Line(ln.Owner)))
		}
		last, reviewed := ln.LastReview()
		var review string
		switch {
		case !reviewed:
			review = l.T("cli.actions.not_reviewed")
		case opts.owners && last.Reviewer != "":
			review = l.N("cli.actions.last_review_by", len(ln.Reviews), "Day", last.Date, "Reviewer", textsafe.Line(last.Reviewer))
		default:
			review = l.N("cli.actions.last_review", len(ln.Reviews), "Day", last.Date)
		}
		if last.Note != "" {
			review += ": " + strings.Join(strings.Fields(textsafe.Block(last.Note)), " ")
		}
		if _, err := fmt.Fprintf(w, "  %s\n", review); err != nil {
			return err
		}
	}
	return nil
}

// statusID is the catalogue's name of a status, as every output words it.
func statusID(s workbook.Status) string {
	switch s {
	case workbook.StatusInProgress:
		return "status.in_progress"
	case workbook.StatusDone:
		return "status.done"
	case workbook.StatusDropped:
		return "status.dropped"
	}
	return "status.planned"
}

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
