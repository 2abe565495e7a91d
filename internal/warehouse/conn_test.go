package warehouse_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/engage-toolkit/engage/internal/warehouse"
	"github.com/engage-toolkit/engage/internal/warehouse/pgtest"
)

// noPGEnv clears the PG variables that would fill in a connection
// string.
func noPGEnv(t *testing.T) {
	for _, v := range []string{"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGPASSFILE", "PGDATABASE", "PGCONNECT_TIMEOUT", "PGSERVICE", "PGSSLMODE"} {
		t.Setenv(v, "")
	}
}

func open(t *testing.T, connString string) (*warehouse.Warehouse, error) {
	t.Helper()
	cfg, err := warehouse.ParseConfig(connString)
	if err != nil {
		return nil, err
	}
	w, err := warehouse.Open(context.Background(), cfg, warehouse.Options{DryRun: true})
	if err == nil {
		t.Cleanup(func() { w.Close(context.Background()) })
	}
	return w, err
}

func TestConnectErrors(t *testing.T) {
	noPGEnv(t)
	dir := t.TempDir()
	t.Run("no server on the socket", func(t *testing.T) {
		_, err := open(t, "host="+dir+" user=u dbname=d password=hunter2")
		var ce *warehouse.ConnectError
		if !errors.As(err, &ce) {
			t.Fatalf("got %v, want a ConnectError", err)
		}
		if want := filepath.Join(dir, ".s.PGSQL.5432"); ce.Address != want || ce.Reason != "no such file or directory" {
			t.Errorf("got %q, %q; want %q, no such file or directory", ce.Address, ce.Reason, want)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the message gives the password away: %v", err)
		}
	})
	t.Run("nothing listening on the port", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		_, err = open(t, "postgres://u:hunter2@"+addr+"/d?sslmode=disable")
		var ce *warehouse.ConnectError
		if !errors.As(err, &ce) || ce.Address != addr || ce.Reason != "connection refused" {
			t.Fatalf("got %#v", err)
		}
	})
	t.Run("a server that never answers: bounded by connect_timeout", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				defer c.Close() // held open, never answered
			}
		}()
		start := time.Now()
		_, err = open(t, fmt.Sprintf("postgres://u@%s/d?connect_timeout=1", l.Addr()))
		var ce *warehouse.ConnectError
		if !errors.As(err, &ce) || !ce.Timeout {
			t.Fatalf("got %v, want a timeout", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("gave up after %v with connect_timeout=1", d)
		}
	})
	t.Run("the timeout is 10 s unless set", func(t *testing.T) {
		for s, want := range map[string]time.Duration{
			"host=/nowhere":                     warehouse.DefaultConnectTimeout,
			"postgres:///d?connect_timeout=3":   3 * time.Second,
			"host=/nowhere connect_timeout=120": 120 * time.Second,
		} {
			cfg, err := warehouse.ParseConfig(s)
			if err != nil {
				t.Fatal(err)
			}
			if got := cfg.ConnectTimeout(); got != want {
				t.Errorf("%s: timeout %v, want %v", s, got, want)
			}
		}
		if warehouse.DefaultConnectTimeout != 10*time.Second {
			t.Errorf("the default timeout is %v", warehouse.DefaultConnectTimeout)
		}
	})
	t.Run("a connection string that cannot be read", func(t *testing.T) {
		for _, s := range []string{
			"postgres://u:hunter2@host:notaport/d",
			"password=hunter2 port=notaport",
			"password='hunter2 host=x",
			"postgres://u:hunter2@host/d?connect_timeout=soon",
		} {
			_, err := warehouse.ParseConfig(s)
			var cs *warehouse.ConnStringError
			if !errors.As(err, &cs) {
				t.Errorf("%s: got %v", s, err)
				continue
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("%s: the message gives the password away: %v", s, err)
			}
		}
	})
}

// The password comes from PGPASSWORD or a password file as libpq takes
// them, and a wrong one is said without being shown.
func TestPasswords(t *testing.T) {
	srv := pgtest.Shared(t)
	db := srv.NewDatabase(t)
	noPGEnv(t)
	url := fmt.Sprintf("host=%s user=%s dbname=%s", srv.Socket, pgtest.PasswordUser, db)
	t.Run("wrong password", func(t *testing.T) {
		_, err := open(t, url+" password=not-"+pgtest.PasswordUserPassword)
		var ce *warehouse.ConnectError
		if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "password authentication failed") {
			t.Fatalf("got %v", err)
		}
		if strings.Contains(err.Error(), pgtest.PasswordUserPassword) {
			t.Errorf("the message gives the password away: %v", err)
		}
	})
	t.Run("no password", func(t *testing.T) {
		t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
		_, err := open(t, url)
		var ce *warehouse.ConnectError
		if !errors.As(err, &ce) {
			t.Fatalf("got %v", err)
		}
		t.Log(err)
	})
	t.Run("PGPASSWORD", func(t *testing.T) {
		t.Setenv("PGPASSWORD", pgtest.PasswordUserPassword)
		if _, err := open(t, url); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("password file", func(t *testing.T) {
		pass := filepath.Join(t.TempDir(), "pgpass")
		line := fmt.Sprintf("localhost:5432:%s:%s:%s\n", db, pgtest.PasswordUser, pgtest.PasswordUserPassword)
		if err := os.WriteFile(pass, []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PGPASSFILE", pass)
		if _, err := open(t, url); err != nil {
			t.Fatal(err)
		}
	})
}

// A schema the database's owner made for engage, owned by a user who may
// not create schemas: engage uses it as it is.
func TestSchemaMadeByTheOwner(t *testing.T) {
	w := newWarehouse(t)
	ctx := context.Background()
	for _, s := range []string{
		"REVOKE CREATE ON DATABASE " + w.db + " FROM " + pgtest.PasswordUser,
		"CREATE SCHEMA engage AUTHORIZATION " + pgtest.PasswordUser,
	} {
		if _, err := w.conn.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	noPGEnv(t)
	t.Setenv("PGPASSWORD", pgtest.PasswordUserPassword)
	svc, _ := smallGroupStore(t)
	url := fmt.Sprintf("host=%s user=%s dbname=%s", w.srv.Socket, pgtest.PasswordUser, w.db)
	res, err := pushSites(url, svc, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Action != warehouse.Added || w.count(t, warehouse.TableAnswers) != res[0].Answers {
		t.Errorf("push as the schema's owner: %v", actions(res))
	}
}
