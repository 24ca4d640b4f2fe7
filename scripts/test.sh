#!/usr/bin/env bash
# Install everything and run the whole test suite: lint, types, then pytest on SQLite (with the browser
# tests in headless Chromium) and on a real PostgreSQL server started here in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
BIN=.venv/bin
$BIN/ruff check src tests bench
$BIN/mypy --strict src/techtalent/taxonomy/engine $(ls -d src/techtalent/*/engine | grep -v taxonomy) --ignore-missing-imports

# A throwaway PostgreSQL server, owned by the postgres user when we run as root (initdb refuses root).
PGBIN=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)")
PGTMP=$(mktemp -d /tmp/techtalent-pg.XXXXXX)
PGPORT=${PGPORT:-$(( 20000 + RANDOM % 20000 ))}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
  -o "-p $PGPORT -k $PGTMP -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGTMP"; }
trap cleanup EXIT

export TECHTALENT_DATA_DIR=$(mktemp -d /tmp/techtalent-test.XXXXXX)
# One vector cache for both sessions: the dense index of full ESCO is embedded once, not once per session.
export TECHTALENT_VECTOR_CACHE=$TECHTALENT_DATA_DIR/vectors
# Two pytest-xdist workers (this machine has 2 cores; each worker has its own test database) for all but
# the browser tests, which run after them in one process: one live server and one Chromium at a time.
# PYTEST_WORKERS=0 runs everything in one process.
WORKERS=${PYTEST_WORKERS:-2}
XDIST=(); [ "$WORKERS" != 0 ] && XDIST=(-n "$WORKERS")
SQLITE="sqlite:///$TECHTALENT_DATA_DIR/test.sqlite3"
# pytest's exit code 5 (arguments that select no test in one of the passes) is not a failure.
run_pytest() { local rc=0; $BIN/python -m pytest "$@" || rc=$?; [ "$rc" = 0 ] || [ "$rc" = 5 ] || exit "$rc"; }
echo "== pytest on SQLite"
DATABASE_URL="$SQLITE" run_pytest -m "not e2e" "${XDIST[@]}" "$@"
echo "== pytest on SQLite: browser tests in headless Chromium"
DATABASE_URL="$SQLITE" run_pytest -m e2e "$@"
echo "== pytest on PostgreSQL"
DATABASE_URL="postgresql://postgres@/techtalent?host=$PGTMP&port=$PGPORT" run_pytest -m "not e2e" "${XDIST[@]}" "$@"
