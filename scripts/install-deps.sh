#!/usr/bin/env bash
# Installs the Debian 12 packages Bulkhead builds and tests with (DESIGN.md, "Build and run").
# The README's quick start and .ci/run both call this script, so a fresh machine and CI
# install exactly the same things.
set -euo pipefail

packages=(
  cmake g++ ninja-build
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev
  libqt6sql6-sqlite libqt6sql6-psql
  libyaml-cpp-dev libpoco-dev catch2 libsqlite3-dev sqlite3
  xvfb xauth poppler-utils fonts-dejavu-core
  python3 python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
