#!/usr/bin/env bash
# Builds the app, then drives the real window through tauri-driver + WebKitWebDriver.
# Screenshots land in crates/e2e/screenshots/. Starts Xvfb :99 itself if DISPLAY is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/specwright-target}
scripts/build-app.sh
cargo test -p specwright-e2e -- --test-threads=1 "$@"
