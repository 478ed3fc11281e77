#!/usr/bin/env bash
# Configures (once) and builds Bulkhead with Ninja into ./build. Used by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  cmake --preset default
fi
cmake --build build --parallel "$(nproc)"
