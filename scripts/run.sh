#!/usr/bin/env bash
# Quick start, command 1: installs what Bulkhead needs, builds it, creates the demo workspace
# if it is missing, then opens the GUI on it when there is a display, or prints the demo
# engagements' scores when there is none. Pass --workspace PATH to use another workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh

workspace_args=()
if [ "${1:-}" = "--workspace" ] && [ -n "${2:-}" ]; then
  workspace_args=(--workspace "$2")
fi
cli=build/app/bulkhead-cli

# `demo` adds the demo engagements only where they are missing, and prints their ids.
mapfile -t ids < <("$cli" "${workspace_args[@]}" demo)

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/app/bulkhead "${workspace_args[@]}"
fi
echo "No display found: printing the demo engagements' scores instead of opening the window."
for id in "${ids[@]}"; do
  echo
  "$cli" "${workspace_args[@]}" score "$id"
done
