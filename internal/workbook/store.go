package workbook

// Bucket names a collection of records in the store.
type Bucket string

// The collections the domain keeps. Keys inside them are built by the
// key functions of this package so that one site's (or one assessment's)
// records sit together and can be read with a prefix.
const (
	BucketSites          Bucket = "sites"
	BucketQuestionnaires Bucket = "questionnaires"
	BucketPartnerships   Bucket = "partnerships"
	BucketAssessments    Bucket = "assessments"
	BucketParticipants   Bucket = "participants"
	// BucketResponses is the collection of answers of store format 1, one
	// JSON record per answer, which the upgrade to format 2 reads; it is
	// also the collection a [Response] names as its Location. Format 2
	// keeps answers in BucketAnswers and BucketComments.
	BucketResponses Bucket = "responses"
	// BucketAnswers holds each participant's answers as one compact record
	// (see answers.go), keyed SITE/ASSESSMENT/PARTICIPANT.
	BucketAnswers Bucket = "answers"
	// BucketComments holds each participant's comments as one record
	// (see answers.go), keyed SITE/ASSESSMENT/PARTICIPANT.
	BucketComments Bucket = "comments"
	// BucketTallies holds each site's kept figures (see kept.go).
	BucketTallies        Bucket = "tallies"
	BucketStatementNotes Bucket = "statement-notes"
	BucketIssueNotes     Bucket = "issue-notes"
	BucketFindings       Bucket = "findings"
	BucketInterventions  Bucket = "interventions"
	BucketState          Bucket = "state"
)

// SiteBuckets are the collections whose keys start with a site id: deleting
// or replacing a site touches each of them.
var SiteBuckets = []Bucket{
	BucketPartnerships, BucketAssessments, BucketParticipants, BucketAnswers, BucketComments,
	BucketStatementNotes, BucketIssueNotes, BucketFindings, BucketInterventions, BucketTallies,
}

// Store is how the domain reaches persistence: transactions over named
// collections of byte values. Every change the domain makes is one Update,
// committed (and synced to disk) before Update returns.
type Store interface {
	View(fn func(Tx) error) error
	Update(fn func(Tx) error) error
}

// Tx is one transaction. Values returned by Get and passed to ForEach's
// function are valid only until the transaction ends.
type Tx interface {
	// Get returns the value at key, or nil when there is none.
	Get(b Bucket, key string) []byte
	// Put stores value at key. Only in an Update.
	Put(b Bucket, key string, value []byte) error
	// Delete removes key; removing a missing key is not an error.
	Delete(b Bucket, key string) error
	// ForEach calls fn for every key starting with prefix, in key order.
	ForEach(b Bucket, prefix string, fn func(key string, value []byte) error) error
}
