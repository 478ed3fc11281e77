#!/usr/bin/env bash
# Quick start, command 2: installs what Bulkhead needs, builds it, starts a throwaway PostgreSQL
# server (scripts/pg-test-server.sh) and runs every test; then builds again with
# AddressSanitizer and UndefinedBehaviorSanitizer and runs every test there too, because a
# dangling reference passes silently in a normal build (set BULKHEAD_SKIP_SANITIZE=1 to skip
# that second pass while iterating).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh

# The workspace store tests run on PostgreSQL as well (test_store_postgres, which fails without
# a server): one throwaway server, on 127.0.0.1 only, serves both passes and is stopped and
# deleted however this script ends.
pg_state=$(mktemp)
trap 'bash scripts/pg-test-server.sh stop "$pg_state"' EXIT
BULKHEAD_TEST_POSTGRES=$(bash scripts/pg-test-server.sh start "$pg_state")
export BULKHEAD_TEST_POSTGRES
echo "test.sh: PostgreSQL test server at $BULKHEAD_TEST_POSTGRES"

(cd build && ctest --no-tests=error --output-on-failure --timeout 600 --parallel 2)

if [ "${BULKHEAD_SKIP_SANITIZE:-0}" != "1" ]; then
  if [ ! -f build-sanitize/build.ninja ]; then
    cmake --preset sanitize
  fi
  cmake --build build-sanitize --parallel "$(nproc)"
  (cd build-sanitize && ctest --no-tests=error --output-on-failure --timeout 600 --parallel 2)
fi

# Fuzzing: every reader of untrusted input under libFuzzer for 30 s each (scripts/fuzz.sh; set
# BULKHEAD_SKIP_FUZZ=1 to skip it while iterating).
if [ "${BULKHEAD_SKIP_FUZZ:-0}" != "1" ]; then
  bash scripts/fuzz.sh
fi
