#!/usr/bin/env bash
# Installs the Debian 12 packages Bulkhead builds and tests with (DESIGN.md, "Build and run").
# The README's quick start and .ci/run both call this script, so a fresh machine and CI
# install exactly the same things.
set -euo pipefail

packages=(
  cmake g++ ninja-build
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-pdf-dev qt6-svg-dev
  libqt6sql6-sqlite libqt6sql6-psql
  postgresql-15 postgresql-client-15
  libyaml-cpp-dev libpoco-dev catch2 libsqlite3-dev sqlite3 libxlsxwriter-dev
  xvfb xauth poppler-utils fonts-dejavu-core
  python3 python3-yaml
  dpkg-dev desktop-file-utils file
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -ne 0 ]; then
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node.js and the exact ajv the OSCAL export tests validate with (tests/oscal/package-lock.json).
# nodesource's nodejs bundles npm and conflicts with Debian's npm package, so this looks for the
# command, not for a package.
if ! command -v npm >/dev/null 2>&1; then
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends nodejs npm
fi
npm ci --prefix "$(dirname "$0")/../tests/oscal" --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null
