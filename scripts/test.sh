#!/usr/bin/env bash
# Quick start, command 2: installs what Bulkhead needs, builds it, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --no-tests=error --output-on-failure --timeout 600
