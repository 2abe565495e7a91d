// Package booklet prints the self-assessment booklet of an assessment and
// the facilitator's guide to its session.
//
// # The booklet
//
// A booklet is what a participant fills in on paper, or on screen with a
// screen reader, and hands back to be typed in: a cover with the
// partnership, the date, how to answer and what happens to the answers
// (who will see what, and the small-group rule of [analysis.MinRespondents]
// in plain words); then every statement of the group's set (insiders:
// all; outsiders: the verification set) under its key issue, numbered as
// the workbook numbers it, with its help text, a box for each point of the
// questionnaire's scale and one for "don't know", and room for a comment.
// Every page carries the booklet's number, which the booklet entry screen
// asks for (see [workbook.Change.BookletParticipant]).
//
// [PDF] sets booklets on A4 or US Letter, body text at 10.5 pt or more (16
// pt or more everywhere in large print), boxes of 7 mm (10 mm), a statement
// never split across pages, and several booklets in one file each starting
// on an odd page, so that they come apart when printed on both sides.
// [HTML] writes one booklet as a self-contained page built for WCAG 2.2 AA:
// a fieldset with a legend for each statement, a labelled radio button for
// each answer, a labelled text area for the comment, no scripts, a print
// stylesheet, and a layout that reflows at 320 CSS pixels.
//
// # The guide
//
// [GuidePDF] and [GuideHTML] write the facilitator's guide: the session
// plan (the key issues in order with suggested timings for a session of
// two to three hours), the statements that were contested the last time
// the same partnership was assessed (with that round's figures from
// [analysis.Analyse], under its disclosure rule), and the suggested
// interventions of each statement.
//
// Everything either writes is in the words of the i18n catalogues and the
// questionnaire's texts, in the assessment's language unless
// [Options].Lang says otherwise. The same input and options give the same
// bytes.
package booklet
