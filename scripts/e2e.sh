#!/usr/bin/env bash
# Builds the app, then drives the real window through tauri-driver + WebKitWebDriver.
# Screenshots land in crates/e2e/screenshots/. Uses DISPLAY when an X server
# answers there, otherwise starts an Xvfb of its own on a free display.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/specwright-target}
scripts/build-app.sh
cargo build -p specwright-e2e --tests --locked
# A safety net: a run that hangs is stopped (SIGTERM to the whole process group,
# so tauri-driver stops WebKitWebDriver and the app) instead of eating CI's time.
# Arguments go to cargo: `--test native` runs one file, a name runs the tests matching it.
timeout 15m cargo test -p specwright-e2e --locked "$@" -- --test-threads=1
