// Package plain is the accessible mode of the interactive workbook
// (`engage --accessible`, or ENGAGE_ACCESSIBLE=1): the same five steps as
// the full-screen workbook, as plain prompts and answers, one line at a
// time, for a facilitator or participant who uses a screen reader.
//
// # What it writes
//
// Sentences, one after the other, and nothing else: no cursor
// addressing, no redraws, no colour, no box drawing. Every prompt says
// where you are and what to type ("Workbook, statement 4.6, 36 of 41,
// Alice, insider: score 1 to 5, d for don't know."); a statement's text is
// said when you arrive at it, not again with each prompt. Each change is
// confirmed in words once the store has committed it ("Saved: Alice,
// statement 4.6: 4, agree."), and a change the domain refuses is said
// with the domain's reason ("Not saved: ...").
//
// # What it reads
//
// One line at a time from an [io.Reader]: a number chooses from a
// numbered list, a letter is a command (some take the rest of the line:
// "j 4.6", "c the comment"), ? lists the commands of the place you are
// at, r reads the place again, b goes back, q quits, and a blank line
// repeats the prompt. At the end of the input it stops, as q does.
//
// # One way to record
//
// Every change is one [workbook.Service.Change] calling the same domain
// functions the full-screen workbook calls (RecordResponse,
// SavePartnership, SetCriterion, SelectPartnership, SaveParticipant,
// SetStatementNote, SetIssueNote, SaveFinding, SaveIntervention,
// AddReview, CreateSite). It runs synchronously: the confirmation is written after
// Change returns, so what was said to be saved is on disk. Nothing is
// checked here that the domain checks; every figure of the Barriers step
// comes from [analysis.Analyse], with its disclosure rule, and is only
// worded here.
//
// # Languages
//
// The list of sites speaks the user's language; a site's steps speak the
// site's, as the full-screen workbook does, and the statements are in the
// assessment's language. Every word is in the catalogues
// (internal/i18n/locales, ids plain.*).
package plain
