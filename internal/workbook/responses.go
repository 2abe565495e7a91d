package workbook

import (
	"slices"

	"github.com/engage-toolkit/engage/internal/questionnaire"
)

// Participants returns an assessment's participants in the order they were
// added (insiders and outsiders together).
func (r *Reader) Participants(siteID, assessmentID string) ([]Participant, error) {
	ps, err := listJSON[Participant](r.tx, BucketParticipants, key(siteID, assessmentID)+"/")
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(ps, func(a, b Participant) int { return byCreated(a.Created, b.Created, a.ID, b.ID) })
	return ps, nil
}

// Participant returns one participant.
func (r *Reader) Participant(siteID, assessmentID, id string) (Participant, error) {
	p, ok, err := getJSON[Participant](r.tx, BucketParticipants, key(siteID, assessmentID, id))
	if err == nil && !ok {
		err = notFound("participant", id)
	}
	return p, err
}

// SaveParticipant adds (ID "") or edits a participant. Changing an existing
// participant's group is refused once they have answered, since their
// answers were given as that group. A booklet number must have been given
// out for the participant's group and be nobody else's (see
// [Change.IssueBooklets]).
func (c *Change) SaveParticipant(p Participant) (Participant, error) {
	a, err := c.Assessment(p.SiteID, p.AssessmentID)
	if err != nil {
		return Participant{}, err
	}
	var fe FieldErrors
	checkParticipant(&fe, p)
	if p.Booklet != 0 && len(fe) == 0 {
		others, err := c.Participants(p.SiteID, p.AssessmentID)
		if err != nil {
			return Participant{}, err
		}
		checkParticipantBooklet(&fe, p, a, others)
	}
	if err := fe.err(); err != nil {
		return Participant{}, err
	}
	p.Created, p.Updated = c.now, c.now
	if p.ID == "" || c.tx.Get(BucketParticipants, key(p.SiteID, p.AssessmentID, p.ID)) == nil {
		if err := c.roomForParticipant(p); err != nil {
			return Participant{}, err
		}
	}
	if p.ID == "" {
		p.ID = c.svc.newID()
	} else {
		var err error
		if p.ID, err = c.newID(p.ID); err != nil {
			return Participant{}, err
		}
		old, err := c.Participant(p.SiteID, p.AssessmentID, p.ID)
		if err == nil {
			if old.Group != p.Group && c.hasResponses(p) {
				return Participant{}, &FieldError{Field: "group", Message: "cannot change: this participant has answered as " + string(old.Group)}
			}
			p.Created = old.Created // keeps the order they were added in
		}
	}
	return p, putJSON(c.tx, BucketParticipants, key(p.SiteID, p.AssessmentID, p.ID), p)
}

// roomForParticipant refuses a new participant past the limits of the
// assessment and of the site.
func (c *Change) roomForParticipant(p Participant) error {
	if err := c.roomFor(LimitParticipants, BucketParticipants, key(p.SiteID, p.AssessmentID)+"/", "assessment "+p.AssessmentID); err != nil {
		return err
	}
	return c.roomFor(LimitSiteParticipants, BucketParticipants, p.SiteID+"/", "site "+p.SiteID)
}

func (c *Change) hasResponses(p Participant) bool {
	return c.tx.Get(BucketAnswers, key(p.SiteID, p.AssessmentID, p.ID)) != nil
}

// DeleteParticipant removes a participant and their answers.
func (c *Change) DeleteParticipant(siteID, assessmentID, id string) error {
	k := key(siteID, assessmentID, id)
	p, ok, err := getJSON[Participant](c.tx, BucketParticipants, k)
	if err != nil {
		return err
	}
	if !ok {
		return notFound("participant", id)
	}
	n, err := c.ParticipantAnswers(siteID, assessmentID, id)
	if err != nil {
		return err
	}
	if n > 0 {
		// The assessment's figures lose these answers: its log says so.
		a, err := c.Assessment(siteID, assessmentID)
		if err != nil {
			return err
		}
		if err := c.record(&a, Event{Kind: EventParticipantDeleted, Group: p.Group, Answers: n}); err != nil {
			return err
		}
		if err := c.putAssessment(a); err != nil {
			return err
		}
	}
	if err := c.tx.Delete(BucketAnswers, k); err != nil {
		return err
	}
	if err := c.tx.Delete(BucketComments, k); err != nil {
		return err
	}
	return c.tx.Delete(BucketParticipants, k)
}

// Responses returns every response of an assessment, grouped by
// participant.
func (r *Reader) Responses(siteID, assessmentID string) ([]Response, error) {
	var out []Response
	err := r.EachResponse(siteID, assessmentID, func(resp *Response) error {
		out = append(out, *resp)
		return nil
	})
	return out, err
}

// EachResponse calls fn with every response of an assessment, grouped by
// participant, without holding them all: the comparison of a national
// programme reads millions. The *Response is reused from one call to the
// next; copy it to keep it. An error from fn stops the walk and is
// returned.
func (r *Reader) EachResponse(siteID, assessmentID string, fn func(*Response) error) error {
	return r.eachResponse(key(siteID, assessmentID)+"/", fn)
}

// ResponseInput is one answer as entered: a score, or don't-know, or
// neither (which clears the answer), with an optional comment.
type ResponseInput struct {
	SiteID        string
	AssessmentID  string
	ParticipantID string
	StatementID   string
	Score         int
	DontKnow      bool
	Comment       string
}

// RecordResponse saves one participant's answer to one statement,
// replacing any earlier answer. A score of 0 without don't-know and without
// a comment clears the answer. Outsiders answer only the verification
// statements.
func (c *Change) RecordResponse(in ResponseInput) (Response, error) {
	a, err := c.Assessment(in.SiteID, in.AssessmentID)
	if err != nil {
		return Response{}, err
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return Response{}, err
	}
	p, err := c.Participant(in.SiteID, in.AssessmentID, in.ParticipantID)
	if err != nil {
		return Response{}, err
	}
	r := Response{
		SiteID: in.SiteID, AssessmentID: in.AssessmentID, ParticipantID: in.ParticipantID,
		StatementID: in.StatementID, Score: in.Score, DontKnow: in.DontKnow, Comment: in.Comment, At: c.now,
	}
	var fe FieldErrors
	checkResponse(&fe, r, q, p.Group)
	if err := fe.err(); err != nil {
		return Response{}, err
	}
	c.track.groups[key(in.SiteID, in.AssessmentID, in.ParticipantID)] = p.Group
	// A new answer must have room in the site's limit.
	room := func() error {
		n, err := c.siteAnswers(in.SiteID)
		if err == nil && n >= LimitSiteResponses.Max {
			err = &LimitError{Limit: LimitSiteResponses, Where: "site " + in.SiteID}
		}
		return err
	}
	if err := c.putResponses([]Response{r}, q, room); err != nil {
		return Response{}, err
	}
	return r, nil
}

// inVerification reports whether a statement is one of q's verification
// statements (q.VerificationStatements, without making the list: the
// bundle check asks once per answer).
func inVerification(q *questionnaire.Questionnaire, statementID string) bool {
	st, _, ok := q.Statement(statementID)
	if !ok || st.Verify {
		return ok
	}
	for _, ki := range q.KeyIssues {
		if slices.ContainsFunc(ki.Statements, func(s questionnaire.Statement) bool { return s.Verify }) {
			return false
		}
	}
	return true
}

// StatementNotes returns the group's notes of an assessment.
func (r *Reader) StatementNotes(siteID, assessmentID string) ([]StatementNote, error) {
	return listJSON[StatementNote](r.tx, BucketStatementNotes, key(siteID, assessmentID)+"/")
}

// SetStatementNote saves the group-agreed score (0 for none) and the
// dialogue notes of one statement.
func (c *Change) SetStatementNote(n StatementNote) (StatementNote, error) {
	a, err := c.Assessment(n.SiteID, n.AssessmentID)
	if err != nil {
		return StatementNote{}, err
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return StatementNote{}, err
	}
	var fe FieldErrors
	checkStatementNote(&fe, n, q)
	if err := fe.err(); err != nil {
		return StatementNote{}, err
	}
	n.Updated = c.now
	k := key(n.SiteID, n.AssessmentID, n.StatementID)
	if n.GroupScore == 0 && n.Notes == "" {
		return n, c.tx.Delete(BucketStatementNotes, k)
	}
	return n, putJSON(c.tx, BucketStatementNotes, k, n)
}

// IssueNotes returns the verification notes of an assessment.
func (r *Reader) IssueNotes(siteID, assessmentID string) ([]IssueNote, error) {
	return listJSON[IssueNote](r.tx, BucketIssueNotes, key(siteID, assessmentID)+"/")
}

// SetIssueNote saves the verification note of one key issue.
func (c *Change) SetIssueNote(n IssueNote) (IssueNote, error) {
	a, err := c.Assessment(n.SiteID, n.AssessmentID)
	if err != nil {
		return IssueNote{}, err
	}
	q, err := c.Questionnaire(a.Questionnaire)
	if err != nil {
		return IssueNote{}, err
	}
	var fe FieldErrors
	checkIssueNote(&fe, n, q)
	if err := fe.err(); err != nil {
		return IssueNote{}, err
	}
	n.Updated = c.now
	k := key(n.SiteID, n.AssessmentID, n.KeyIssueID)
	if n.Notes == "" {
		return n, c.tx.Delete(BucketIssueNotes, k)
	}
	return n, putJSON(c.tx, BucketIssueNotes, k, n)
}
