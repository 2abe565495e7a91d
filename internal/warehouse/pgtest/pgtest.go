// Package pgtest runs a real PostgreSQL server for tests: initdb in a
// temporary folder, postgres listening on a unix socket there only (no TCP
// port), run as the postgres user when the tests run as root (initdb
// refuses root). A test that needs it calls [Shared], which skips the test
// with the reason where the server binaries are missing or it cannot
// start, unless ENGAGE_PG_REQUIRED=1 (CI) makes that a failure.
//
// The binaries are looked for in ENGAGE_PG_BIN, then Debian's
// /usr/lib/postgresql/*/bin (the newest), then PATH.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The environment variables the package reads.
const (
	EnvBin      = "ENGAGE_PG_BIN"
	EnvRequired = "ENGAGE_PG_REQUIRED"
)

// Superuser is the server's superuser, who connects without a password.
const Superuser = "engage"

// PasswordUser is a role whose connections need PasswordUserPassword
// (scram-sha-256): for tests of PGPASSWORD and ~/.pgpass.
const (
	PasswordUser         = "pwuser"
	PasswordUserPassword = "s3cret-Pa55!word"
)

// Server is a running PostgreSQL server.
type Server struct {
	// Dir holds the data folder and the socket.
	Dir string
	// Socket is the folder of the unix socket: the host of a connection
	// string.
	Socket string
	// Version is the server's major version ("15").
	Version string
	cmd     *exec.Cmd
	log     *bytes.Buffer
	dbs     atomic.Int64
	done    chan struct{}
}

var (
	once    sync.Once
	shared  *Server
	skipWhy string
)

// Shared returns the package's server, starting it on first use, or
// skips t with the reason it cannot run. Stop it from TestMain with
// [Main].
func Shared(t testing.TB) *Server {
	t.Helper()
	once.Do(func() {
		shared, skipWhy = start()
	})
	if shared == nil {
		cannot(t, skipWhy)
	}
	return shared
}

// Start starts a server of t's own, stopped when t ends, or skips t with
// the reason it cannot run.
func Start(t testing.TB) *Server {
	t.Helper()
	s, why := start()
	if s == nil {
		cannot(t, why)
	}
	t.Cleanup(s.stop)
	return s
}

// cannot skips t because no server can run, or fails it when one is
// required.
func cannot(t testing.TB, why string) {
	t.Helper()
	if os.Getenv(EnvRequired) == "1" {
		t.Fatalf("PostgreSQL is required (%s=1) but cannot run: %s", EnvRequired, why)
	}
	t.Skip("no PostgreSQL server for this test: " + why)
}

// Main runs the tests and stops the shared server, if one was started:
// func TestMain(m *testing.M) { pgtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.stop()
	}
	os.Exit(code)
}

// ConnString is a connection string to database db as the superuser, on
// the socket.
func (s *Server) ConnString(db string) string {
	return fmt.Sprintf("host=%s port=5432 user=%s dbname=%s sslmode=disable", s.Socket, Superuser, db)
}

// NewDatabase creates an empty database for t, dropped when t ends, and
// returns its name.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("test_%d", s.dbs.Add(1))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		t.Fatalf("connect to the test server: %v\n%s", err, s.log.String())
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "GRANT ALL ON DATABASE "+name+" TO "+PasswordUser); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
		if err != nil {
			return
		}
		defer conn.Close(ctx)
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return name
}

// Connect opens a connection to db as the superuser, closed when t ends.
func (s *Server) Connect(t testing.TB, db string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString(db))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	return conn
}

// binDir finds the folder with initdb and postgres.
func binDir() (string, error) {
	if d := os.Getenv(EnvBin); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// The newest major version first.
	slices.SortFunc(dirs, func(a, b string) int { return majorOf(b) - majorOf(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no initdb and postgres binaries (install Debian's postgresql, or set " + EnvBin + ")")
}

func majorOf(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// start starts a server, or says why it cannot.
func start() (*Server, string) {
	bin, err := binDir()
	if err != nil {
		return nil, err.Error()
	}
	as, err := runAs()
	if err != nil {
		return nil, err.Error()
	}
	dir, err := os.MkdirTemp("", "engage-pg-")
	if err != nil {
		return nil, err.Error()
	}
	fail := func(format string, args ...any) (*Server, string) {
		os.RemoveAll(dir)
		return nil, fmt.Sprintf(format, args...)
	}
	if err := as.own(dir); err != nil {
		return fail("cannot give %s to the server's user: %v", dir, err)
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", Superuser, "--auth=trust",
		"-E", "UTF8", "--no-locale", "--no-sync")
	as.apply(initdb)
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail("initdb: %v: %s", err, lastLine(out))
	}
	// The superuser connects without a password; PasswordUser with one.
	hba := "local all " + PasswordUser + " scram-sha-256\nlocal all all trust\n"
	if err := os.WriteFile(filepath.Join(data, "pg_hba.conf"), []byte(hba), 0o600); err != nil {
		return fail("%v", err)
	}
	if err := as.own(filepath.Join(data, "pg_hba.conf")); err != nil {
		return fail("%v", err)
	}
	s := &Server{Dir: dir, Socket: dir, log: &bytes.Buffer{}, done: make(chan struct{})}
	if v, err := os.ReadFile(filepath.Join(data, "PG_VERSION")); err == nil {
		s.Version = strings.TrimSpace(string(v))
	}
	s.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir, "-p", "5432",
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=30", "-c", "shared_buffers=16MB",
		"-c", "lc_messages=C")
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	as.apply(s.cmd)
	if err := s.cmd.Start(); err != nil {
		return fail("postgres: %v", err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	if why := s.waitReady(); why != "" {
		s.stop()
		return nil, why
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
	if err != nil {
		s.stop()
		return nil, err.Error()
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", PasswordUser, PasswordUserPassword))
	if err != nil {
		s.stop()
		return nil, err.Error()
	}
	return s, ""
}

// waitReady waits until the server takes connections (30 s at most), and
// says why not.
func (s *Server) waitReady() string {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return "postgres stopped: " + lastLine(s.log.Bytes())
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, s.ConnString("postgres"))
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return ""
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "postgres did not take connections within 30 s: " + lastLine(s.log.Bytes())
}

// stop shuts the server down fast (SIGINT: connections are cut) and
// removes its folder.
func (s *Server) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		interrupt(s.cmd.Process)
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	os.RemoveAll(s.Dir)
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// account is the user the server runs as: the current one, or postgres
// when running as root.
type account struct {
	uid, gid int
	root     bool
}

// runAs finds the account to run the server as.
func runAs() (account, error) {
	if os.Geteuid() != 0 {
		return account{}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return account{}, errors.New("running as root, and there is no postgres user to run the server as: " + err.Error())
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return account{uid: uid, gid: gid, root: true}, nil
}

// own gives path to the server's account.
func (a account) own(path string) error {
	if !a.root {
		return nil
	}
	return os.Chown(path, a.uid, a.gid)
}

// apply makes cmd run as the account, and end with the test binary.
func (a account) apply(cmd *exec.Cmd) {
	cmd.SysProcAttr = sysProcAttr(a)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
}
