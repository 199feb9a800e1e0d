#!/usr/bin/env bash
# Builds the Specwright desktop app for tests: the UI (ui/dist) and a debug binary
# that embeds it. Fast when nothing changed: npm ci only runs when the lock file
# changed, Vite only when UI sources changed, cargo is incremental.
#   PROFILE=release scripts/build-app.sh   for an optimised binary
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/specwright-target}
profile=${PROFILE:-debug}

cd "$root/ui"
stamp=node_modules/.specwright-lock-stamp
if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
  # @tauri-apps/cli is pinned to a version whose prebuilt binaries for every
  # platform are on the registry; otherwise the lock file lacks some and `npm ci`
  # refuses it.
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

newest_source=$(find src index.html vite.config.ts tsconfig.json package-lock.json -type f -newer dist/index.html 2>/dev/null | head -1 || true)
if [[ ! -f dist/index.html || -n $newest_source ]]; then
  npm run build
fi

cd "$root"
if [[ $profile == release ]]; then
  cargo build -p specwright-app --release
else
  cargo build -p specwright-app
fi
echo "Built $CARGO_TARGET_DIR/$profile/specwright-app"
