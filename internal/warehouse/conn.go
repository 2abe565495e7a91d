package warehouse

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultConnectTimeout bounds a connection attempt when the connection
// string (connect_timeout) and the environment (PGCONNECT_TIMEOUT) leave it
// open.
const DefaultConnectTimeout = 10 * time.Second

// Config is where a warehouse is: a connection string parsed as libpq
// would (a postgres:// URL or key=value pairs, with PGHOST, PGUSER,
// PGPASSWORD, ~/.pgpass and the other PG variables filling in what it
// leaves out).
type Config struct {
	pgx *pgx.ConnConfig
}

// ErrBadConnString is returned (wrapped in a *ConnStringError) when a
// connection string cannot be read.
var ErrBadConnString = errors.New("cannot read the connection string")

// ConnStringError is a connection string that cannot be read. Its
// message never holds the string itself, which may hold a password.
type ConnStringError struct {
	// Reason is what is wrong, with any password taken out.
	Reason string
}

func (e *ConnStringError) Error() string { return ErrBadConnString.Error() + ": " + e.Reason }
func (e *ConnStringError) Unwrap() error { return ErrBadConnString }

// ParseConfig reads a connection string. The connection attempt is bounded
// by [DefaultConnectTimeout] unless the string or PGCONNECT_TIMEOUT says
// otherwise.
func ParseConfig(connString string) (*Config, error) {
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		reason := err.Error()
		var pe *pgconn.ParseConfigError
		if errors.As(err, &pe) {
			// "cannot parse `...`: reason": the string quoted is not
			// repeated, redacted or not.
			if i := strings.Index(reason, "`: "); i >= 0 {
				reason = reason[i+3:]
			}
		}
		return nil, &ConnStringError{Reason: redact(reason, connString, "")}
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	// The warehouse's queries are the only ones on the connection; the
	// statement cache would keep plans for a few statements run once per
	// site.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	return &Config{pgx: cfg}, nil
}

// Address is the server's host and port, or its unix socket's path.
func (c *Config) Address() string {
	_, addr := pgconn.NetworkAddress(c.pgx.Host, c.pgx.Port)
	return addr
}

// Database is the database the config names.
func (c *Config) Database() string { return c.pgx.Database }

// User is the user the config connects as.
func (c *Config) User() string { return c.pgx.User }

// ConnectTimeout is how long a connection attempt may take.
func (c *Config) ConnectTimeout() time.Duration { return c.pgx.ConnectTimeout }

// ConnectError is a failure to connect to the warehouse's server.
type ConnectError struct {
	// Address is the server's host and port, or its socket ([Config.Address]).
	Address string
	// Reason is why, in a few words: the server's own message (a wrong
	// password, a database that does not exist), "connection refused",
	// or a timeout. It never holds the password.
	Reason string
	// Timeout is set when the server did not answer in time.
	Timeout bool
	err     error
}

func (e *ConnectError) Error() string {
	return fmt.Sprintf("cannot connect to PostgreSQL at %s: %s", e.Address, e.Reason)
}
func (e *ConnectError) Unwrap() error { return e.err }

// connect opens a connection, or returns a *ConnectError.
func connect(ctx context.Context, c *Config) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, c.pgx)
	if err == nil {
		return conn, nil
	}
	ce := &ConnectError{Address: c.Address(), err: err}
	ce.Reason, ce.Timeout = connectReason(err)
	ce.Reason = redact(ce.Reason, "", c.pgx.Password)
	return nil, ce
}

// connectReason says in a few words why a connection failed, and whether
// it timed out.
func connectReason(err error) (string, bool) {
	var pg *pgconn.PgError
	var dns *net.DNSError
	var sys *os.SyscallError
	var ne net.Error
	switch {
	case errors.As(err, &pg):
		return pg.Message, false
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		return "timeout", true
	case errors.As(err, &dns):
		return dns.Err, false
	case errors.As(err, &sys):
		return sys.Err.Error(), false
	}
	// The last attempt's error, without pgx's "failed to connect to
	// `user=... database=...`:" and the address it names again.
	for {
		var joined interface{ Unwrap() []error }
		if errors.As(err, &joined) {
			errs := joined.Unwrap()
			err = errs[len(errs)-1]
			continue
		}
		if u := errors.Unwrap(err); u != nil {
			err = u
			continue
		}
		return err.Error(), false
	}
}

// passwordPair finds password=VALUE in a key=value connection string,
// quoted or not, and :password@ in a URL.
var (
	passwordPair = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)
	urlPassword  = regexp.MustCompile(`(://[^:/@\s]*:)[^@\s]*@`)
)

// redact takes the password out of a message: the one given, any in
// connString, and anything that looks like one.
func redact(msg, connString, password string) string {
	if u, err := url.Parse(connString); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
			msg = strings.ReplaceAll(msg, url.QueryEscape(p), "xxxxx")
		}
	}
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "xxxxx")
	}
	msg = passwordPair.ReplaceAllString(msg, "${1}xxxxx")
	return urlPassword.ReplaceAllString(msg, "${1}xxxxx@")
}
