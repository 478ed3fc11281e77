#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests that run the workspace store on PostgreSQL.
#
#   scripts/pg-test-server.sh start STATE_FILE   start a server; print its URL on stdout
#   scripts/pg-test-server.sh stop STATE_FILE    stop it and delete its data
#
# The server lives in a new temporary folder, listens on 127.0.0.1 only, on the first free port
# from $BULKHEAD_PG_TEST_PORT (default 55432), and trusts loopback connections: it holds nothing
# but test databases and is gone when the tests end. STATE_FILE records what `stop` needs.
# initdb refuses to run as root, so as root (CI) the server runs as the `postgres` user.
set -euo pipefail

bindir=${BULKHEAD_PG_BINDIR:-/usr/lib/postgresql/15/bin}
action=${1:-}
state=${2:-}
if [ -z "$action" ] || [ -z "$state" ]; then
  echo "usage: $0 start|stop STATE_FILE" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  if [ ! -x "$bindir/initdb" ]; then
    echo "pg-test-server: no PostgreSQL server in $bindir (install postgresql-15: scripts/install-deps.sh)" >&2
    exit 1
  fi
  local port=${BULKHEAD_PG_TEST_PORT:-55432}
  while port_in_use "$port"; do
    port=$((port + 1))
  done
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/bulkhead-pg.XXXXXX")
  # Recorded first, so `stop` cleans up even after a failed start.
  printf 'dir=%q\nport=%q\n' "$dir" "$port" >"$state"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  # The tests create their databases with an ICU en-US collation (tests/support), so that SQL
  # relying on the database's collation rather than byte order shows up; UTF8 as Bulkhead needs.
  as_owner "$bindir/initdb" --pgdata="$dir/data" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # fsync off: a crash of this server loses nothing anyone needs, and the tests run faster.
  # The sessions still ask for synchronous_commit = on, which is what the workspace checks.
  as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
    start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  echo "postgresql://postgres@127.0.0.1:$port/postgres"
}

stop() {
  [ -f "$state" ] || return 0
  local dir port
  # shellcheck disable=SC1090
  . "$state"
  if [ -n "${dir:-}" ] && [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null 2>&1 || true
  fi
  if [ -n "${dir:-}" ] && [ -d "$dir" ]; then
    rm -rf "$dir"
  fi
  rm -f "$state"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop STATE_FILE" >&2
    exit 2
    ;;
esac
